"""`mango privacy ref|find|erase|purge`: the privacy officer's tools (see docs/privacy.md).

Output carries ids, dates, destinations and counts: never a moment's text or a name.
Bad input exits 2, a store that cannot be used exits 1, both with one line on stderr.
"""

import asyncio
import datetime as dt
from collections.abc import Callable, Coroutine
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from schemas.events import Platform

if TYPE_CHECKING:  # imported when a command runs, so `mango --help` stays light
    from services.ingest.settings import IngestSettings
    from services.privacy.stores import Posted

T = TypeVar("T")

app = typer.Typer(help="Privacy: a person's posts across the stores (find, erase), retention.")

RefOption = Annotated[
    str, typer.Option("--ref", help="Pseudonymous author ref (32 hex), from `mango privacy ref`.")
]
YesOption = Annotated[
    bool, typer.Option("--yes", help="Really delete (without it: a dry run that shows what).")
]


def _run(work: Callable[[], Coroutine[Any, Any, T]]) -> T:
    """Run, turning our errors into one stderr line and their exit code (no traceback)."""
    from services.privacy.errors import PrivacyError

    try:
        return asyncio.run(work())
    except PrivacyError as exc:
        typer.echo(f"mango privacy: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def _day(moment: dt.datetime) -> str:
    return moment.astimezone(dt.UTC).strftime("%Y-%m-%d")


def _list_messages(posted: "list[Posted]") -> None:
    """One line per message to act on: where, which message, when, which event."""
    for p in posted:
        where = f"{p.destination}  message {p.message_ref or '-'}"
        typer.echo(f"  {where}  {_day(p.at)}  event {p.event_id}")


@app.command("ref")
def ref_command(
    platform: Annotated[Platform, typer.Option("--platform", help="Where the person posted.")],
    user: Annotated[
        str,
        typer.Option(
            "--user",
            help="slack: T…:U… (or U… with --organisation); teams: Entra object id; "
            "web: the form's session cookie; api: the author_name sent (or 'kiosk').",
        ),
    ],
    organisation: Annotated[
        str | None,
        typer.Option(
            "--organisation", help="api: the organisation id; slack: find its workspaces."
        ),
    ] = None,
) -> None:
    """Print the pseudonymous author ref ingest stores for this person (needs ingest's key)."""
    from services.common.runner import load_settings
    from services.ingest.domain.moments import author_ref, platform_user_id
    from services.ingest.settings import IngestSettings
    from services.privacy.errors import InvalidInput, PrivacyError

    settings = load_settings(IngestSettings)
    try:
        key = _pseudonym_key(settings)
        if platform is Platform.SLACK:
            teams = _slack_teams(settings, user, organisation)
            user = user.partition(":")[2] or user
            for team in teams:
                ref = author_ref(key, platform, platform_user_id(platform, user, slack_team=team))
                typer.echo(ref if len(teams) == 1 else f"{ref}  slack workspace {team}")
            return
        if platform is Platform.API and not organisation:
            raise InvalidInput("--organisation", "an api author needs the organisation id")
        if not user:
            raise InvalidInput("--user", "must not be empty")
        user_id = platform_user_id(platform, user, organisation_id=organisation)
        typer.echo(author_ref(key, platform, user_id))
    except PrivacyError as exc:
        typer.echo(f"mango privacy: {exc}", err=True)
        raise typer.Exit(exc.exit_code) from None


def _pseudonym_key(settings: "IngestSettings") -> bytes:
    """Ingest's key, loaded by ingest's own code; never a new random one (it matches nothing)."""
    from services.privacy.errors import PrivacyError

    configured = settings.pseudonym_key is not None and settings.pseudonym_key.get_secret_value()
    if not configured and not settings.pseudonym_key_file.exists():
        raise PrivacyError(
            f"no pseudonym key: set MANGO_PSEUDONYM_KEY as ingest has it, or run where "
            f"{settings.pseudonym_key_file} exists"
        )
    return settings.pseudonym_key_bytes()


def _slack_teams(settings: "IngestSettings", user: str, organisation: str | None) -> list[str]:
    from services.common.network_file import NetworkFileError, load_network
    from services.privacy.errors import InvalidInput, PrivacyError

    team, _, member = user.partition(":")
    if member:
        if not team or not member:
            raise InvalidInput("--user", "a Slack user is T…:U… (workspace id:member id)")
        return [team]
    if not user:
        raise InvalidInput("--user", "must not be empty")
    if not organisation:
        raise InvalidInput("--user", "give T…:U…, or U… together with --organisation")
    try:
        network = load_network(settings.network_file)
    except NetworkFileError:
        raise PrivacyError(f"invalid network file {settings.network_file}") from None
    found = network.organisation(organisation)
    if found is None:
        raise InvalidInput("--organisation", f"no organisation {organisation!r} in the network")
    if not found.slack:
        raise InvalidInput("--organisation", f"{organisation} has no Slack workspace")
    return [workspace.team_id for workspace in found.slack]


@app.command("find")
def find_command(ref: RefOption) -> None:
    """List, per store, the event ids, organisation, date and where each moment was posted."""
    from services.privacy import service
    from services.privacy.domain import valid_ref

    async def work() -> tuple[service.Findings, list[str]]:
        valid_ref(ref)
        async with service.open_stores() as stores:
            return await service.find(stores, ref), stores.absent

    findings, absent = _run(work)
    for line in absent:
        typer.echo(line)
    if findings.empty:
        typer.echo(f"nothing stored for ref {ref}")
        return
    typer.echo(f"{service.INGEST}: {len(findings.outbox)} moment(s)")
    for moment in findings.outbox:
        typer.echo(f"  {moment.event_id}  {moment.organisation_id}  {_day(moment.at)}")
    typer.echo(f"{service.NOTIFY}: {len(findings.ledger)} delivery(ies)")
    for posted in findings.ledger:
        typer.echo(
            f"  {posted.event_id}  {posted.organisation_id}  {_day(posted.at)}  "
            f"{posted.destination}  {posted.status}  message {posted.message_ref or '-'}"
        )
    typer.echo(f"{service.DIGEST}: {len(findings.digest)} moment(s)")
    for moment in findings.digest:
        typer.echo(f"  {moment.event_id}  {moment.organisation_id}  {_day(moment.at)}")


@app.command("erase")
def erase_command(ref: RefOption, yes: YesOption = False) -> None:
    """Delete this author's moments from all three stores and their Slack messages."""
    from services.common.runner import load_settings
    from services.notify.settings import NotifySettings
    from services.privacy import service
    from services.privacy.domain import valid_ref
    from services.privacy.slack import SlackEraser, deleting_client

    slack_settings = load_settings(NotifySettings).slack
    token = slack_settings.bot_token.get_secret_value() if slack_settings.bot_token else ""

    async def work() -> tuple[service.Erasure, list[str]]:
        valid_ref(ref)
        # Also for a dry run: it says what chat.delete would remove (erase deletes only with
        # apply), instead of listing the same messages as "remove by hand" too.
        eraser = SlackEraser(deleting_client(token, slack_settings.base_url)) if token else None
        async with service.open_stores() as stores:
            return await service.erase(stores, ref, apply=yes, slack=eraser), stores.absent

    outcome, absent = _run(work)
    for line in absent:
        typer.echo(line)
    found = outcome.findings
    verb = "deleted" if yes else "would delete"
    slack = [m for p, m in found.slack_messages() if p not in outcome.shared]
    if slack and token:
        if yes:
            typer.echo(
                f"Slack: {outcome.slack_deleted} message(s) deleted, "
                f"{outcome.slack_gone} already gone, {len(outcome.slack_failed)} failed"
            )
        else:
            typer.echo(f"Slack: would delete {len(slack)} message(s) with chat.delete")
    if outcome.by_hand:
        why = "" if token else " (MANGO_SLACK__BOT_TOKEN is not set)"
        typer.echo(f"remove by hand{why}: {len(outcome.by_hand)} message(s)")
        _list_messages(outcome.by_hand)
    if outcome.shared:
        typer.echo(
            f"edit by hand, not deleted: {len(outcome.shared)} Slack message(s) that also "
            "carry other colleagues' moments (remove this moment's part in Slack)"
        )
        _list_messages(outcome.shared)
    typer.echo(f"{service.INGEST}: {verb} {outcome.outbox} moment(s)")
    typer.echo(f"{service.NOTIFY}: {verb} {outcome.ledger} delivery(ies)")
    typer.echo(
        f"{service.DIGEST}: {verb} {outcome.digest.moments} moment(s), "
        f"{outcome.digest.links} link(s)"
    )
    if not yes:
        typer.echo("dry run: nothing deleted; run again with --yes")
    elif outcome.slack_failed:
        reasons = ", ".join(sorted(set(outcome.slack_failed)))
        typer.echo(
            f"mango privacy: {len(outcome.slack_failed)} Slack message(s) not deleted "
            f"({reasons}); their ledger rows are kept: run erase again",
            err=True,
        )
        raise typer.Exit(1)
    elif found.empty:
        typer.echo(f"nothing stored for ref {ref}")


@app.command("purge")
def purge_command(
    older_than_days: Annotated[
        int, typer.Option("--older-than-days", help="Delete what is older (at least 35).")
    ],
    yes: YesOption = False,
) -> None:
    """Retention: delete sent outbox rows, finished deliveries and digest moments older than N
    days."""
    from services.privacy import service
    from services.privacy.domain import check_retention

    async def work() -> tuple[service.Purge, list[str]]:
        check_retention(older_than_days)
        async with service.open_stores() as stores:
            now = dt.datetime.now(dt.UTC)
            return await service.purge(stores, older_than_days, apply=yes, now=now), stores.absent

    outcome, absent = _run(work)
    for line in absent:
        typer.echo(line)
    verb = "deleted" if yes else "would delete"
    typer.echo(f"older than {outcome.before.isoformat(timespec='seconds')}:")
    typer.echo(f"{service.INGEST}: {verb} {outcome.outbox} sent moment(s)")
    typer.echo(f"{service.NOTIFY}: {verb} {outcome.ledger} finished delivery(ies)")
    typer.echo(
        f"{service.DIGEST}: {verb} {outcome.digest.moments} moment(s), "
        f"{outcome.digest.links} link(s)"
    )
    if not yes:
        typer.echo("dry run: nothing deleted; run again with --yes")
