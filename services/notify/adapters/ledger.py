"""The delivery ledger: one row per (event_id, destination), in SQLite or PostgreSQL.

It is what makes delivery exactly-once per destination on top of at-least-once consumption:

    pending --post--> delivered      (announced: MomentDelivered published)
           \\--permanent failure--> dead   (announced: DLQ record published)
    dead --mango dlq replay--> pending | replayed

Kafka redelivery, rebalances, restarts and duplicate events hit the unique key and add nothing.
Leases give one replica at a time the right to post to a destination.
"""

import asyncio
import time
from collections.abc import AsyncIterator, Iterable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

PENDING = "pending"
DELIVERED = "delivered"
DEAD = "dead"
REPLAYED = "replayed"
DISCARDED = "discarded"
"""A dead letter set aside by hand (`mango dlq discard`): never listed, replayed or posted."""

metadata = sa.MetaData()
BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")

deliveries = sa.Table(
    "notify_deliveries",
    metadata,
    sa.Column("id", BIG_ID, primary_key=True, autoincrement=True),
    sa.Column("event_id", sa.String(36), nullable=False),
    sa.Column("destination", sa.String(200), nullable=False),
    sa.Column("organisation_id", sa.String(64), nullable=False),
    sa.Column("moment", sa.Text, nullable=False),
    sa.Column("status", sa.String(16), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("error_class", sa.String(100)),
    sa.Column("message_ref", sa.String(300)),
    sa.Column("announced", sa.Boolean, nullable=False, server_default=sa.false()),
    sa.Column("source_topic", sa.String(255)),
    sa.Column("source_partition", sa.Integer),
    sa.Column("source_offset", sa.BigInteger),
    sa.Column("created_at", sa.Float, nullable=False),
    sa.Column("finished_at", sa.Float),
)

leases = sa.Table(
    "notify_leases",
    metadata,
    sa.Column("destination", sa.String(200), primary_key=True),
    sa.Column("owner", sa.String(200), nullable=False),
    sa.Column("expires_at", sa.Float, nullable=False),
)


@dataclass(frozen=True)
class NewDelivery:
    event_id: str
    destination: str
    organisation_id: str
    moment: str  # MomentPosted as JSON (already redacted)
    status: str = PENDING
    error_class: str | None = None
    source_topic: str | None = None
    source_partition: int | None = None
    source_offset: int | None = None


@dataclass(frozen=True)
class Delivery:
    id: int
    event_id: str
    destination: str
    organisation_id: str
    moment: str
    status: str
    attempts: int
    error_class: str | None
    message_ref: str | None
    source_topic: str | None
    source_partition: int | None
    source_offset: int | None
    created_at: float
    finished_at: float | None


def _row(row: Any) -> Delivery:
    return Delivery(
        id=row.id,
        event_id=row.event_id,
        destination=row.destination,
        organisation_id=row.organisation_id,
        moment=row.moment,
        status=row.status,
        attempts=row.attempts,
        error_class=row.error_class,
        message_ref=row.message_ref,
        source_topic=row.source_topic,
        source_partition=row.source_partition,
        source_offset=row.source_offset,
        created_at=row.created_at,
        finished_at=row.finished_at,
    )


class Ledger:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        # SQLite has one writer; writers of one process queue here instead of in SQLite's busy
        # handler, which sleeps in steps of up to 100 ms.
        self._sqlite_writer = None if self._postgres else asyncio.Lock()
        self._finishing: list[dict[str, Any]] = []
        self._finished_waiters: list[asyncio.Future[None]] = []
        self._flusher: asyncio.Task[None] | None = None

    @asynccontextmanager
    async def _writing(self) -> AsyncIterator[AsyncConnection]:
        if self._sqlite_writer is None:
            async with self._engine.begin() as connection:
                yield connection
            return
        async with self._sqlite_writer, self._engine.begin() as connection:
            yield connection

    def _insert(self, table: sa.Table) -> Any:
        return (postgresql.insert if self._postgres else sqlite.insert)(table)

    async def record(self, rows: Sequence[NewDelivery]) -> None:
        """Add rows; a row whose (event_id, destination) exists is left as it is."""
        if not rows:
            return
        now = time.time()
        values = [{**row.__dict__, "created_at": now} for row in rows]
        statement = self._insert(deliveries).on_conflict_do_nothing(
            index_elements=["event_id", "destination"]
        )
        async with self._writing() as connection:
            await connection.execute(statement, values)

    async def waiting_destinations(self) -> list[str]:
        query = sa.select(deliveries.c.destination).where(deliveries.c.status == PENDING).distinct()
        async with self._engine.connect() as connection:
            return list((await connection.scalars(query)).all())

    async def pending(self, destination: str, limit: int) -> list[Delivery]:
        query = (
            sa.select(deliveries)
            .where(deliveries.c.destination == destination, deliveries.c.status == PENDING)
            .order_by(deliveries.c.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_row(r) for r in (await connection.execute(query)).all()]

    async def delivered(self, ids: Iterable[int], message_ref: str, attempts: int) -> None:
        await self._finish(ids, DELIVERED, attempts, message_ref=message_ref)

    async def dead(self, ids: Iterable[int], error_class: str, attempts: int) -> None:
        await self._finish(ids, DEAD, attempts, error_class=error_class)

    async def _finish(
        self,
        ids: Iterable[int],
        status: str,
        attempts: int,
        *,
        message_ref: str | None = None,
        error_class: str | None = None,
    ) -> None:
        """Mark rows finished. Returns once committed; concurrent callers share a transaction
        (group commit), so fifty busy destinations do not mean fifty commits."""
        future: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        now = time.time()
        self._finishing.extend(
            {
                "b_id": row_id,
                "b_status": status,
                "b_attempts": attempts,
                "b_ref": message_ref,
                "b_error": error_class,
                "b_at": now,
            }
            for row_id in ids
        )
        self._finished_waiters.append(future)
        if self._flusher is None or self._flusher.done():
            self._flusher = asyncio.create_task(self._flush_finished())
        await asyncio.shield(future)

    async def _flush_finished(self) -> None:
        statement = (
            sa.update(deliveries)
            .where(deliveries.c.id == sa.bindparam("b_id"), deliveries.c.status == PENDING)
            .values(
                status=sa.bindparam("b_status"),
                attempts=sa.bindparam("b_attempts"),
                message_ref=sa.bindparam("b_ref"),
                error_class=sa.bindparam("b_error"),
                finished_at=sa.bindparam("b_at"),
                announced=False,
            )
        )
        while self._finished_waiters:
            rows, self._finishing = self._finishing, []
            waiters, self._finished_waiters = self._finished_waiters, []
            try:
                if rows:
                    async with self._writing() as connection:
                        await connection.execute(statement, rows)
            except Exception as exc:
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_exception(exc)
            else:
                for waiter in waiters:
                    if not waiter.done():
                        waiter.set_result(None)

    async def unannounced(self, limit: int) -> list[Delivery]:
        """Delivered or dead rows whose MomentDelivered / DLQ record is not published yet."""
        query = (
            sa.select(deliveries)
            .where(
                deliveries.c.announced.is_(False),
                deliveries.c.status.in_([DELIVERED, DEAD]),
            )
            .order_by(deliveries.c.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_row(r) for r in (await connection.execute(query)).all()]

    async def announced(self, ids: Iterable[int]) -> None:
        statement = (
            sa.update(deliveries).where(deliveries.c.id.in_(list(ids))).values(announced=True)
        )
        async with self._writing() as connection:
            await connection.execute(statement)

    async def dead_letters(self, event_id: str | None = None) -> list[Delivery]:
        query = sa.select(deliveries).where(deliveries.c.status == DEAD).order_by(deliveries.c.id)
        if event_id is not None:
            query = query.where(deliveries.c.event_id == event_id)
        async with self._engine.connect() as connection:
            return [_row(r) for r in (await connection.execute(query)).all()]

    async def replay(
        self, dead: Delivery, destinations: Sequence[NewDelivery], *, reopen: bool
    ) -> int:
        """Route a dead letter again: new destinations are added (existing ones, delivered or
        not, are left alone, so nothing is posted twice) and the dead row is reopened if it is
        still a destination (`reopen`), else marked `replayed`. Returns how many rows became
        pending."""
        now = time.time()
        others = [{**d.__dict__, "created_at": now} for d in destinations]
        others = [d for d in others if d["destination"] != dead.destination]
        async with self._writing() as connection:
            reopened = await connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.id == dead.id, deliveries.c.status == DEAD)
                .values(
                    status=PENDING if reopen else REPLAYED,
                    error_class=None,
                    announced=not reopen,
                )
            )
            if reopened.rowcount == 0:  # someone else replayed it meanwhile
                return 0
            added = 0
            if others:
                insert = self._insert(deliveries).on_conflict_do_nothing(
                    index_elements=["event_id", "destination"]
                )
                result = await connection.execute(insert.returning(deliveries.c.id), others)
                added = len(result.all())
        return added + (1 if reopen else 0)

    async def discard(self, event_id: str | None) -> int:
        """Set the dead letters of `event_id` (None: every one) aside for good; how many."""
        statement = sa.update(deliveries).where(deliveries.c.status == DEAD)
        if event_id is not None:
            statement = statement.where(deliveries.c.event_id == event_id)
        async with self._writing() as connection:
            result = await connection.execute(statement.values(status=DISCARDED))
        return int(result.rowcount)

    async def counts(self) -> dict[str, int]:
        query = sa.select(deliveries.c.status, sa.func.count()).group_by(deliveries.c.status)
        async with self._engine.connect() as connection:
            return {str(s): int(n) for s, n in (await connection.execute(query)).all()}

    async def recent_walls(self, limit: int) -> list[Delivery]:
        query = (
            sa.select(deliveries)
            .where(
                deliveries.c.status == DELIVERED,
                deliveries.c.destination.like("wall:%"),
            )
            .order_by(deliveries.c.id.desc())
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_row(r) for r in (await connection.execute(query)).all()]

    async def walls_delivered_since(self, since: float, limit: int) -> list[Delivery]:
        """Wall deliveries finished at or after `since` (epoch seconds), by any replica."""
        query = (
            sa.select(deliveries)
            .where(
                deliveries.c.status == DELIVERED,
                deliveries.c.destination.like("wall:%"),
                deliveries.c.finished_at >= since,
            )
            .order_by(deliveries.c.finished_at, deliveries.c.id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            return [_row(r) for r in (await connection.execute(query)).all()]

    # --- leases: one replica at a time posts to a destination ----------------------------

    async def claim(self, destination: str, owner: str, lease_s: float) -> bool | None:
        """Take or renew the lease. None: someone else holds it. False: it was free (no row).
        True: a row existed (ours or expired): a previous holder may have died mid-post."""
        now = time.time()
        async with self._writing() as connection:
            updated = await connection.execute(
                sa.update(leases)
                .where(
                    leases.c.destination == destination,
                    sa.or_(leases.c.owner == owner, leases.c.expires_at < now),
                )
                .values(owner=owner, expires_at=now + lease_s)
            )
            if updated.rowcount:
                return True
            inserted = await connection.execute(
                self._insert(leases)
                .on_conflict_do_nothing(index_elements=["destination"])
                .values(destination=destination, owner=owner, expires_at=now + lease_s)
            )
            return False if inserted.rowcount else None

    async def release_all(self, owner: str) -> None:
        async with self._writing() as connection:
            await connection.execute(sa.delete(leases).where(leases.c.owner == owner))
