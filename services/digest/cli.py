"""`mango digest`: run the digest service, or preview / send one digest by hand."""

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, NoReturn

import typer

from services.common.runner import fail, run

if TYPE_CHECKING:  # imported lazily at run time, so `mango --help` stays fast
    from services.digest.domain.weeks import IsoWeek
    from services.digest.service import DigestService

app = typer.Typer(help="The digest service.", no_args_is_help=False)


class AudienceOption(StrEnum):
    BOARD = "board"
    PARTNERS = "partners"


OrgOpt = Annotated[str, typer.Option("--org", help="Organisation id from the network file.")]
WeekOpt = Annotated[str, typer.Option("--week", help="ISO week, e.g. 2026-W47.")]


@app.callback(invoke_without_command=True)
def main(ctx: typer.Context) -> None:
    """Run the digest service (settings from MANGO_ environment variables)."""
    if ctx.invoked_subcommand is None:
        # Imported here so that other commands do not load (and register metrics of) this service.
        from services.digest.app import build_app
        from services.digest.settings import DigestSettings

        run("digest", DigestSettings, build_app)


@app.command()
def preview(
    org: OrgOpt,
    week: WeekOpt,
    audience: Annotated[
        AudienceOption, typer.Option("--audience", help="Who the digest is for.")
    ] = AudienceOption.BOARD,
    out: Annotated[
        Path | None, typer.Option("--out", help="Write the HTML here instead of to stdout.")
    ] = None,
) -> None:
    """Render one digest as HTML from the database, without sending anything."""
    from schemas import DigestAudience

    parsed = _week(week)

    async def render() -> None:
        async with _service(org, with_broker=False) as service:
            digest = await service.build(org, DigestAudience(audience.value), parsed)
            rendered = service.renderer.render(digest)
        if out is None:
            typer.echo(rendered.html)
        else:
            try:
                out.write_text(rendered.html, encoding="utf-8")
            except OSError as exc:
                fail([f"--out: cannot write {out}: {exc.strerror}"])
            typer.echo(f"{out}: {rendered.subject}")

    _run(render)


@app.command()
def send(
    org: OrgOpt,
    week: WeekOpt,
    audience: Annotated[
        list[AudienceOption] | None,
        typer.Option("--audience", help="Only this audience (repeatable); default: all."),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="Show what would be sent; send nothing.")
    ] = False,
) -> None:
    """Send one week's digest now (each recipient at most once, whatever was sent before)."""
    from schemas import DigestAudience
    from services.digest.domain.schedule import Run

    parsed = _week(week)
    failed = False

    async def go() -> None:
        nonlocal failed
        async with _service(org, with_broker=not dry_run) as service:
            organisation = service.organisation(org)
            wanted = [DigestAudience(a.value) for a in audience or []] or sorted(
                organisation.digests
            )
            missing = [a for a in wanted if a not in organisation.digests]
            if missing:
                fail([f"--audience: organisation {org!r} has no {missing[0].value} digest"])
            for aud in wanted:
                run_ = Run(org, aud, parsed)
                if dry_run:
                    digest = await service.build(org, aud, parsed)
                    statuses = await service.store.statuses(run_)
                    typer.echo(f"{aud.value}: {service.renderer.render(digest).subject}")
                    for recipient in organisation.digests[aud].recipients:
                        state = statuses.get(recipient, "not sent")
                        typer.echo(f"  {recipient}: {state}")
                    continue
                outcome = await service.send(run_)
                if outcome.busy:
                    typer.echo(f"{aud.value}: being sent by another process right now; not sent")
                    failed = True
                    continue
                if outcome.skipped_empty:
                    typer.echo(f"{aud.value}: empty week, no email (when_empty: skip)")
                    continue
                typer.echo(
                    f"{aud.value}: sent {len(outcome.sent)}, already sent "
                    f"{len(outcome.already_sent)}, failed {len(outcome.failed)}"
                )
                for recipient in outcome.failed:
                    typer.echo(f"  failed: {recipient}", err=True)
                failed = failed or bool(outcome.failed)

    _run(go)
    if failed:
        raise typer.Exit(1)


def _week(text: str) -> "IsoWeek":
    from services.digest.domain.weeks import InvalidWeek, IsoWeek

    try:
        return IsoWeek.parse(text)
    except InvalidWeek as exc:
        fail([f"--week: {exc}"])


def _run(main: Callable[[], Awaitable[None]]) -> None:
    from aiokafka.errors import KafkaError
    from sqlalchemy.exc import SQLAlchemyError

    from services.digest.errors import DigestError

    try:
        asyncio.run(main())  # type: ignore[arg-type]
    except KafkaError as exc:
        _fail([f"cannot reach the Kafka broker (MANGO_KAFKA__BOOTSTRAP_SERVERS): {exc}"])
    except (OSError, SQLAlchemyError) as exc:
        _fail([f"cannot reach the database (MANGO_DATABASE_URL): {type(exc).__name__}"])
    except DigestError as exc:
        _fail([str(exc)])


def _fail(lines: list[str]) -> NoReturn:
    """Exit 1: the command was right, something it needs was not (2 is for bad options)."""
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(1)


@contextlib.asynccontextmanager
async def _service(org: str, *, with_broker: bool) -> AsyncIterator["DigestService"]:
    from services.common.database import create_engine
    from services.common.kafka import build_broker, provision_topics
    from services.common.logging import configure_logging
    from services.common.network_file import NetworkFileError, load_network
    from services.common.runner import load_settings
    from services.digest.adapters.store import Store
    from services.digest.app import build_mailer, close_mailer, digest_publisher
    from services.digest.service import DigestService
    from services.digest.settings import DigestSettings

    settings = load_settings(DigestSettings)
    # A command's own output is the point: only warnings and errors are logged (to stderr).
    quiet = "WARNING" if settings.log_level == "INFO" else settings.log_level
    configure_logging(quiet, settings.log_format, "digest")
    try:
        network = load_network(settings.network_file)
    except NetworkFileError as exc:
        fail(["invalid network file:", *exc.report()])
    if network.organisation(org) is None:
        known = ", ".join(o.id for o in network.organisations)
        fail([f"--org: unknown organisation {org!r} (known: {known})"])
    engine = create_engine(settings.database_url)
    broker = build_broker(settings.kafka, client_id="mango-digest-cli")
    try:
        store = Store(engine)
        await store.migrate()
        if with_broker:
            await provision_topics(settings.kafka, [settings.digests_topic])
            await broker.start()
        mailer = build_mailer(settings)
        try:
            yield DigestService(
                network,
                store,
                mailer,
                digest_publisher(broker, settings.digests_topic),
                settings.mail,
            )
        finally:
            await close_mailer(mailer)
    finally:
        if with_broker:
            await broker.stop()
        await engine.dispose()
