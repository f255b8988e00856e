"""`mango notify`: run the notify service."""

import typer

from services.common.runner import run

app = typer.Typer(help="The notify service.", no_args_is_help=False)


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context) -> None:
    """Run the notify service (settings from MANGO_ environment variables)."""
    if ctx.invoked_subcommand is None:
        # Imported here so that other commands do not load (and register metrics of) this service.
        from services.notify.app import build_app
        from services.notify.settings import NotifySettings

        run("notify", NotifySettings, build_app)
