"""The `mango` command line."""

from pathlib import Path
from typing import Annotated

import typer

from services import dev
from services.common.network_file import NetworkFileError, load_network
from services.digest.cli import app as digest_app
from services.ingest.cli import app as ingest_app
from services.notify.cli import app as notify_app
from services.notify.dlq import app as dlq_app  # light: commands import notify when they run
from services.privacy.cli import app as privacy_app  # light: commands import stores when they run
from services.schema_export import export_schemas

app = typer.Typer(help="Mangomoment: Mango Moments to department channels and weekly digests.")
app.add_typer(ingest_app, name="ingest")
app.add_typer(notify_app, name="notify")
app.add_typer(digest_app, name="digest")
app.add_typer(dlq_app, name="dlq")
app.add_typer(privacy_app, name="privacy")

network_app = typer.Typer(help="The network file: organisations, departments, channels, digests.")
schemas_app = typer.Typer(help="Event schemas.")
settings_app = typer.Typer(help="Settings of the services.")
app.add_typer(network_app, name="network")
app.add_typer(schemas_app, name="schemas")
app.add_typer(settings_app, name="settings")


@app.command("dev")
def dev_command(
    port: Annotated[
        int, typer.Option(help="First HTTP port: ingest, notify +1, digest +2.")
    ] = 8000,
) -> None:
    """Run the whole system on this machine: bundled broker, SQLite, all three services."""
    raise typer.Exit(dev.run(port))


@app.command("init")
def init_command() -> None:
    """Create the Kafka topics and apply every service's database migrations, then exit."""
    from services import init
    from services.common.runner import load_settings
    from services.common.settings import ServiceSettings

    created, migrated = init.run(load_settings(ServiceSettings))
    typer.echo(f"topics created: {', '.join(created) or 'none (all existed)'}")
    typer.echo(f"migrations applied for: {', '.join(migrated) or 'no service'}")


@network_app.command("check")
def network_check(file: Annotated[Path, typer.Argument(help="Network YAML file.")]) -> None:
    """Validate a network file and explain every problem (exit 1 if there is any)."""
    try:
        network = load_network(file)
    except NetworkFileError as exc:
        for line in exc.report():
            typer.echo(line, err=True)
        typer.echo(f"{len(exc.problems)} problem(s) in {file}", err=True)
        raise typer.Exit(1) from None
    departments = sum(len(o.departments) for o in network.organisations)
    typer.echo(
        f"{file}: OK — {counted(len(network.organisations), 'organisation')}, "
        f"{counted(departments, 'department')}"
    )


def counted(n: int, noun: str) -> str:
    """`1 organisation`, `3 departments`."""
    return f"{n} {noun}{'' if n == 1 else 's'}"


@schemas_app.command("export")
def schemas_export(directory: Annotated[Path, typer.Argument(help="Output folder.")]) -> None:
    """Write one JSON Schema file per event (and one for the network file)."""
    for path in export_schemas(directory):
        typer.echo(str(path))


@settings_app.command("example")
def settings_example() -> None:
    """Print every MANGO_ setting with its default and meaning (the content of .env.example)."""
    from services.settings_doc import env_example

    typer.echo(env_example(), nl=False)
