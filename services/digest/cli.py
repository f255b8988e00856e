"""`mango digest`: run the digest service."""

import typer

from services.common.runner import run

app = typer.Typer(help="The digest service.", no_args_is_help=False)


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context) -> None:
    """Run the digest service (settings from MANGO_ environment variables)."""
    if ctx.invoked_subcommand is None:
        # Imported here so that other commands do not load (and register metrics of) this service.
        from services.digest.app import build_app
        from services.digest.settings import DigestSettings

        run("digest", DigestSettings, build_app)
