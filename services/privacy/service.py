"""Find, erase and purge across the three stores; the CLI only formats what comes back.

    ingest outbox ─┐ (JSON payload: "ref")         event ids ─┐
    notify ledger ─┤ (JSON moment: "ref", Slack ts)           ├─> digest store (author_ref,
                   └──────────────────────────────────────────┘    or those event ids)

Each store's database URL comes from its own service's settings class, so `MANGO_DATABASE_URL`
applies to all three and the `var/*.db` files of `mango dev` are found.
"""

import contextlib
import datetime as dt
from collections.abc import AsyncIterator, Awaitable
from dataclasses import dataclass, field
from pathlib import Path
from typing import TypeVar

from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.ext.asyncio import AsyncEngine

import services.ingest
import services.notify
from services.common.database import create_engine, migrate, sqlite_file
from services.common.runner import load_settings
from services.common.settings import ServiceSettings
from services.digest.adapters.store import MIGRATIONS as DIGEST_MIGRATIONS
from services.digest.settings import DigestSettings
from services.ingest.settings import IngestSettings
from services.notify.adapters.ledger import DELIVERED
from services.notify.settings import NotifySettings
from services.privacy.domain import SlackMessage, cutoff, is_teams, slack_message, valid_ref
from services.privacy.errors import NoStores, SlackDeleteFailed, StoreUnreachable
from services.privacy.slack import SlackEraser
from services.privacy.stores import (
    DigestMoments,
    Erased,
    IngestOutbox,
    NotifyLedger,
    Posted,
    StoredMoment,
)

T = TypeVar("T")
CONNECT_TIMEOUT_S = 10
INGEST, NOTIFY, DIGEST = "ingest outbox", "notify ledger", "digest store"


@dataclass
class Stores:
    ingest: IngestOutbox | None = None
    notify: NotifyLedger | None = None
    digest: DigestMoments | None = None
    absent: list[str] = field(default_factory=list)
    """Stores without a database (a SQLite file never created): nothing stored there."""


async def guarded(store: str, work: Awaitable[T]) -> T:
    """Database errors become one line naming the store (never a URL: it may hold a password)."""
    try:
        return await work
    except (SQLAlchemyError, OSError) as exc:
        raise StoreUnreachable(store, exc) from exc


def _sqlite_file_missing(url: str) -> Path | None:
    file = sqlite_file(url)
    return None if file is None or Path(file).exists() else Path(file)


@contextlib.asynccontextmanager
async def open_stores() -> AsyncIterator[Stores]:
    """The three stores from their services' settings, migrated to the newest schema."""
    wanted: list[tuple[str, type[ServiceSettings], Path]] = [
        (INGEST, IngestSettings, Path(services.ingest.__file__).parent / "migrations"),
        (NOTIFY, NotifySettings, Path(services.notify.__file__).parent / "migrations"),
        (DIGEST, DigestSettings, DIGEST_MIGRATIONS),
    ]
    stores = Stores()
    engines: list[AsyncEngine] = []
    missing_files: list[str] = []
    try:
        for name, settings_cls, migrations in wanted:
            url = load_settings(settings_cls).database_url
            missing = _sqlite_file_missing(url)
            if missing is not None:
                stores.absent.append(f"{name}: no database at {missing} (nothing stored)")
                missing_files.append(str(missing))
                continue
            options = {}
            if make_url(url).get_backend_name() == "postgresql":
                options["connect_args"] = {"timeout": CONNECT_TIMEOUT_S}
            engine = create_engine(url, **options)
            engines.append(engine)
            await guarded(name, migrate(engine, migrations))
            if name == INGEST:
                stores.ingest = IngestOutbox(engine)
            elif name == NOTIFY:
                stores.notify = NotifyLedger(engine)
            else:
                stores.digest = DigestMoments(engine)
        if len(missing_files) == len(wanted):
            raise NoStores(missing_files)
        yield stores
    finally:
        for engine in engines:
            await engine.dispose()


@dataclass(frozen=True)
class Findings:
    outbox: list[StoredMoment]
    ledger: list[Posted]
    digest: list[StoredMoment]

    @property
    def event_ids(self) -> set[str]:
        return {m.event_id for m in self.outbox} | {p.event_id for p in self.ledger}

    @property
    def empty(self) -> bool:
        return not (self.outbox or self.ledger or self.digest)

    def slack_messages(self) -> list[tuple[Posted, SlackMessage]]:
        found = []
        for posted in self.ledger:
            message = slack_message(posted.destination, posted.message_ref)
            if posted.status == DELIVERED and message is not None:
                found.append((posted, message))
        return found

    def teams_posts(self) -> list[Posted]:
        return [p for p in self.ledger if p.status == DELIVERED and is_teams(p.destination)]


async def find(stores: Stores, ref: str) -> Findings:
    ref = valid_ref(ref)
    outbox = await guarded(INGEST, stores.ingest.find(ref)) if stores.ingest else []
    ledger = await guarded(NOTIFY, stores.notify.find(ref)) if stores.notify else []
    ids = {m.event_id for m in outbox} | {p.event_id for p in ledger}
    digest = await guarded(DIGEST, stores.digest.find(ref, ids)) if stores.digest else []
    return Findings(outbox, ledger, digest)


@dataclass
class Erasure:
    findings: Findings
    applied: bool = False
    outbox: int = 0
    ledger: int = 0
    digest: Erased = field(default_factory=lambda: Erased(0, 0))
    slack_deleted: int = 0
    slack_gone: int = 0
    slack_failed: list[str] = field(default_factory=list)
    """Why Slack messages could not be deleted; their ledger rows are kept for the next run."""
    by_hand: list[Posted] = field(default_factory=list)
    """Messages someone must remove in Slack or Teams (no token, or Teams Workflows posts)."""
    shared: list[Posted] = field(default_factory=list)
    """Slack messages that also carry other people's moments: never deleted; someone edits
    this moment out of them by hand."""


async def erase(stores: Stores, ref: str, *, apply: bool, slack: SlackEraser | None) -> Erasure:
    """Without `apply`, what would go (counts as they are now); with it, delete everything."""
    findings = await find(stores, ref)
    outcome = Erasure(findings, applied=apply)
    slack_messages = findings.slack_messages()
    if slack_messages and stores.notify:
        pairs = {(p.destination, p.message_ref) for p, _ in slack_messages if p.message_ref}
        shared = await guarded(NOTIFY, stores.notify.shared(pairs, findings.event_ids))
        outcome.shared = [p for p, _ in slack_messages if (p.destination, p.message_ref) in shared]
        slack_messages = [(p, m) for p, m in slack_messages if p not in outcome.shared]
    outcome.by_hand = [p for p, _ in slack_messages] if slack is None else []
    outcome.by_hand += findings.teams_posts()
    ids = findings.event_ids | {m.event_id for m in findings.digest}
    if not apply:
        outcome.outbox, outcome.ledger = len(findings.outbox), len(findings.ledger)
        links = await guarded(DIGEST, stores.digest.count_links(ids)) if stores.digest else 0
        outcome.digest = Erased(len(findings.digest), links)
        return outcome
    keep: list[int] = []
    if slack is not None:
        for posted, message in slack_messages:
            try:
                if await slack.delete(message):
                    outcome.slack_deleted += 1
                else:
                    outcome.slack_gone += 1
            except SlackDeleteFailed as exc:
                keep.append(posted.id)
                outcome.slack_failed.append(exc.reason)
    if stores.ingest:
        outcome.outbox = await guarded(INGEST, stores.ingest.erase(ref))
    if stores.notify:
        outcome.ledger = await guarded(NOTIFY, stores.notify.erase(ref, keep_ids=keep))
    if stores.digest:
        outcome.digest = await guarded(DIGEST, stores.digest.erase(ref, ids))
    return outcome


@dataclass(frozen=True)
class Purge:
    before: dt.datetime
    applied: bool
    outbox: int
    ledger: int
    digest: Erased


async def purge(stores: Stores, days: int, *, apply: bool, now: dt.datetime) -> Purge:
    """Delete (or, without `apply`, count) what is older than `days` days."""
    before = cutoff(now, days)
    outbox = ledger = 0
    digest = Erased(0, 0)
    if stores.ingest:
        work = stores.ingest.purge(before) if apply else stores.ingest.count_old(before)
        outbox = await guarded(INGEST, work)
    if stores.notify:
        work = stores.notify.purge(before) if apply else stores.notify.count_old(before)
        ledger = await guarded(NOTIFY, work)
    if stores.digest:
        digest_work = stores.digest.purge(before) if apply else stores.digest.count_old(before)
        digest = await guarded(DIGEST, digest_work)
    return Purge(before, apply, outbox, ledger, digest)
