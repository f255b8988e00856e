"""The digest database: moments and links in, counts and candidates out, the send ledger.

Everything that grows with the number of moments is computed by the database (GROUP BY and
window functions over the organisation/time index); Python only ever sees a few dozen rows.
"""

import contextlib
import datetime as dt
import hashlib
import uuid
from collections.abc import AsyncIterator, Collection, Sequence
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from schemas import Beneficiary, DigestAudience, Kind, MomentDelivered, MomentPosted, TeamType
from services.common.database import migrate
from services.digest.adapters.tables import ledger, links, moments, runs
from services.digest.domain.aggregation import Candidate, CountRow, trend_weeks
from services.digest.domain.schedule import Run
from services.digest.domain.weeks import IsoWeek

MIGRATIONS = Path(__file__).parents[1] / "migrations"

PENDING, SENT = "pending", "sent"
FAILED = "failed"
"""The mail server could not take it (down, busy, timed out): tried again by itself later."""
REFUSED = "refused"
"""The mail server said no for good (unknown mailbox, no permission): tried again only by
`mango digest send`."""


class Store:
    def __init__(self, engine: AsyncEngine) -> None:
        self.engine = engine

    async def migrate(self) -> None:
        await migrate(self.engine, MIGRATIONS)

    def _insert(self, table: sa.Table) -> Any:
        dialect = postgresql if self.engine.dialect.name == "postgresql" else sqlite
        return dialect.insert(table)

    # -- consumption ---------------------------------------------------------------------------

    async def save_moment(self, moment: MomentPosted) -> bool:
        """Store a moment once; False if its event id was already there."""
        statement = (
            self._insert(moments)
            .values(
                event_id=str(moment.event_id),
                organisation_id=moment.organisation_id,
                occurred_at=moment.occurred_at,
                department_id=moment.department_id,
                team_type=moment.team_type.value,
                kind=moment.kind.value,
                beneficiary=moment.beneficiary.value,
                consented=moment.sharing.external,
                needs_review=moment.privacy.needs_review,
                title=moment.title,
                text=moment.text,
                author_name=moment.author.display_name,
                author_ref=moment.author.ref,
                permalink=str(moment.source.permalink) if moment.source.permalink else None,
            )
            .on_conflict_do_nothing(index_elements=["event_id"])
        )
        async with self.engine.begin() as connection:
            result = await connection.execute(statement)
        return bool(result.rowcount)

    async def save_delivery(self, delivered: MomentDelivered) -> None:
        if delivered.permalink is None:
            return  # nothing to link to (e.g. the wall)
        statement = (
            self._insert(links)
            .values(
                event_id=str(delivered.event_id),
                destination=delivered.destination,
                permalink=str(delivered.permalink),
            )
            .on_conflict_do_nothing(index_elements=["event_id", "destination"])
        )
        async with self.engine.begin() as connection:
            await connection.execute(statement)

    # -- aggregation ---------------------------------------------------------------------------

    @staticmethod
    def _scope(
        organisation_id: str, start: dt.datetime, end: dt.datetime, consented_only: bool
    ) -> list[sa.ColumnElement[bool]]:
        conditions = [
            moments.c.organisation_id == organisation_id,
            moments.c.occurred_at >= start,
            moments.c.occurred_at < end,
            # Posts that still look risky after redaction are for the ambassador only.
            moments.c.needs_review.is_(False),
        ]
        if consented_only:
            conditions.append(moments.c.consented.is_(True))
        return conditions

    async def week_counts(
        self,
        organisation_id: str,
        bounds: tuple[dt.datetime, dt.datetime],
        *,
        consented_only: bool,
    ) -> list[CountRow]:
        c = moments.c
        statement = (
            sa.select(c.department_id, c.team_type, c.beneficiary, c.kind, sa.func.count())
            .where(*self._scope(organisation_id, *bounds, consented_only))
            .group_by(c.department_id, c.team_type, c.beneficiary, c.kind)
        )
        async with self.engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return [
            CountRow(r[0], TeamType(r[1]), Beneficiary(r[2]), Kind(r[3]), int(r[4])) for r in rows
        ]

    async def trend(
        self,
        organisation_id: str,
        week: IsoWeek,
        zone: ZoneInfo,
        *,
        consented_only: bool,
    ) -> dict[IsoWeek, int]:
        """Moments per week for the covered week and the three before, in one query."""
        weeks = trend_weeks(week)
        spans = [w.bounds(zone) for w in weeks]
        c = moments.c
        columns = [
            sa.func.count().filter(sa.and_(c.occurred_at >= s, c.occurred_at < e)) for s, e in spans
        ]
        statement = sa.select(*columns).where(
            *self._scope(organisation_id, spans[0][0], spans[-1][1], consented_only)
        )
        async with self.engine.connect() as connection:
            row = (await connection.execute(statement)).one()
        return {w: int(n or 0) for w, n in zip(weeks, row, strict=True)}

    async def candidates(
        self,
        organisation_id: str,
        bounds: tuple[dt.datetime, dt.datetime],
        *,
        consented_only: bool,
        per_department: int,
    ) -> list[Candidate]:
        """The earliest `per_department` moments per department and kind (a window function)."""
        c = moments.c
        rank = (
            sa.func.row_number()
            .over(partition_by=(c.department_id, c.kind), order_by=(c.occurred_at, c.event_id))
            .label("rank")
        )
        ranked = (
            sa.select(
                c.event_id,
                c.occurred_at,
                c.department_id,
                c.kind,
                c.title,
                c.text,
                c.author_name,
                c.permalink,
                rank,
            )
            .where(*self._scope(organisation_id, *bounds, consented_only))
            .subquery()
        )
        link = (
            sa.select(sa.func.min(links.c.permalink))
            .where(links.c.event_id == ranked.c.event_id)
            .scalar_subquery()
        )
        statement = sa.select(ranked, link.label("link")).where(ranked.c.rank <= per_department)
        async with self.engine.connect() as connection:
            rows = (await connection.execute(statement)).mappings().all()
        return [
            Candidate(
                event_id=r["event_id"],
                occurred_at=r["occurred_at"],
                department_id=r["department_id"],
                kind=Kind(r["kind"]),
                title=r["title"],
                text=r["text"],
                author_name=r["author_name"],
                link=r["link"] or r["permalink"],
            )
            for r in rows
        ]

    # -- send ledger ---------------------------------------------------------------------------

    @contextlib.asynccontextmanager
    async def run_lock(self, run: Run) -> AsyncIterator[bool]:
        """Whether this process may send `run` now: one sender per run across replicas.

        PostgreSQL: a session advisory lock on a connection held while sending; if the process
        dies, the connection dies and the lock with it, so a restart never waits. SQLite is a
        local file used by one process: always True.
        """
        if self.engine.dialect.name != "postgresql":
            yield True
            return
        key = int.from_bytes(
            hashlib.blake2b(str(_run_key(run)).encode(), digest_size=8).digest(), "big", signed=True
        )
        async with self.engine.connect() as connection:
            locked = bool(
                await connection.scalar(sa.text("SELECT pg_try_advisory_lock(:k)"), {"k": key})
            )
            await connection.commit()
            try:
                yield locked
            finally:
                if locked:
                    await connection.scalar(sa.text("SELECT pg_advisory_unlock(:k)"), {"k": key})
                    await connection.commit()

    async def completed_runs(self, organisation_ids: Collection[str]) -> set[Run]:
        statement = sa.select(runs.c.organisation_id, runs.c.audience, runs.c.iso_week).where(
            runs.c.organisation_id.in_(list(organisation_ids))
        )
        async with self.engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return {Run(r[0], DigestAudience(r[1]), IsoWeek.parse(r[2])) for r in rows}

    async def failed_runs(self, organisation_ids: Collection[str]) -> dict[Run, dt.datetime]:
        """Runs with recipients that `FAILED`, each with the time of its latest failure."""
        latest = sa.func.max(ledger.c.updated_at).label("latest")  # typed as the column: aware
        statement = (
            sa.select(ledger.c.organisation_id, ledger.c.audience, ledger.c.iso_week, latest)
            .where(ledger.c.organisation_id.in_(list(organisation_ids)), ledger.c.status == FAILED)
            .group_by(ledger.c.organisation_id, ledger.c.audience, ledger.c.iso_week)
        )
        async with self.engine.connect() as connection:
            rows = (await connection.execute(statement)).all()
        return {Run(r[0], DigestAudience(r[1]), IsoWeek.parse(r[2])): r[3] for r in rows}

    async def intend(
        self, run: Run, recipients: Sequence[str], message_ids: Sequence[str], now: dt.datetime
    ) -> dict[str, str]:
        """Record the intent to send to every recipient (kept if already there); their statuses."""
        key = _run_key(run)
        async with self.engine.begin() as connection:
            if recipients:
                await connection.execute(
                    self._insert(ledger)
                    .values(
                        [
                            {
                                **key,
                                "recipient": r,
                                "status": PENDING,
                                "message_id": m,
                                "attempts": 0,
                                "updated_at": now,
                            }
                            for r, m in zip(recipients, message_ids, strict=True)
                        ]
                    )
                    .on_conflict_do_nothing()
                )
            return await self._statuses(connection, key)

    async def statuses(self, run: Run) -> dict[str, str]:
        async with self.engine.connect() as connection:
            return await self._statuses(connection, _run_key(run))

    @staticmethod
    async def _statuses(connection: AsyncConnection, key: dict[str, str]) -> dict[str, str]:
        rows = await connection.execute(
            sa.select(ledger.c.recipient, ledger.c.status).where(
                *(ledger.c[k] == v for k, v in key.items())
            )
        )
        return {r[0]: r[1] for r in rows}

    async def mark(
        self, run: Run, recipient: str, status: str, attempts: int, now: dt.datetime
    ) -> None:
        key = _run_key(run)
        async with self.engine.begin() as connection:
            await connection.execute(
                sa.update(ledger)
                .where(*(ledger.c[k] == v for k, v in key.items()), ledger.c.recipient == recipient)
                .values(status=status, attempts=ledger.c.attempts + attempts, updated_at=now)
            )

    async def complete(self, run: Run, sent: int, failed: int, now: dt.datetime) -> None:
        """Record the run as complete; a later retry updates its counts."""
        insert = self._insert(runs).values(
            **_run_key(run), recipients_sent=sent, recipients_failed=failed, completed_at=now
        )
        statement = insert.on_conflict_do_update(
            index_elements=[runs.c.organisation_id, runs.c.audience, runs.c.iso_week],
            set_={"recipients_sent": sent, "recipients_failed": failed},
        )
        async with self.engine.begin() as connection:
            await connection.execute(statement)


def _run_key(run: Run) -> dict[str, str]:
    return {
        "organisation_id": run.organisation_id,
        "audience": run.audience.value,
        "iso_week": str(run.week),
    }


def message_id(run: Run, recipient: str, domain: str) -> str:
    """The same Message-ID for the same (organisation, audience, week, recipient), always.

    A resend after a crash in the window between "accepted by the server" and "marked sent"
    carries the identical Message-ID, which mail stores use to drop the duplicate.
    """
    token = uuid.uuid5(
        uuid.NAMESPACE_URL,
        f"mangomoment:digest:{run.organisation_id}:{run.audience.value}:{run.week}:{recipient}",
    )
    return f"<{token}@{domain}>"
