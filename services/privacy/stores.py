"""The three stores, seen by the privacy officer: find, erase and purge one author's rows.

Each class takes its engine and uses the owning service's own table definitions. Every erase or
purge is one transaction per store; deleting what is already gone deletes nothing, so running
the same command twice is harmless.
"""

import datetime as dt
from collections.abc import Collection
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.ext.asyncio import AsyncEngine

from services.digest.adapters.tables import links, moments
from services.ingest.adapters.outbox import outbox
from services.notify.adapters.ledger import DEAD, DELIVERED, REPLAYED, deliveries
from services.privacy.domain import ref_patterns

FINISHED = (DELIVERED, DEAD, REPLAYED)


@dataclass(frozen=True)
class StoredMoment:
    event_id: str
    organisation_id: str
    at: dt.datetime


@dataclass(frozen=True)
class Posted:
    """One notify ledger row: where (and whether) a moment was posted."""

    id: int
    event_id: str
    organisation_id: str
    at: dt.datetime
    destination: str
    status: str
    message_ref: str | None


def _utc(value: dt.datetime) -> dt.datetime:
    return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


def _mentions(column: sa.ColumnElement[str], ref: str) -> sa.ColumnElement[bool]:
    return sa.or_(*(column.like(pattern) for pattern in ref_patterns(ref)))


class IngestOutbox:
    """`ingest_outbox`: every accepted moment (JSON payload with text, name and ref)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    def _where(self, ref: str) -> sa.ColumnElement[bool]:
        return _mentions(outbox.c.payload, ref)

    async def find(self, ref: str) -> list[StoredMoment]:
        query = (
            sa.select(outbox.c.event_id, outbox.c.organisation_id, outbox.c.created_at)
            .where(self._where(ref))
            .order_by(outbox.c.created_at, outbox.c.event_id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [StoredMoment(r.event_id, r.organisation_id, _utc(r.created_at)) for r in rows]

    async def erase(self, ref: str) -> int:
        async with self._engine.begin() as connection:
            result = await connection.execute(outbox.delete().where(self._where(ref)))
        return int(result.rowcount)

    def _old(self, before: dt.datetime) -> sa.ColumnElement[bool]:
        # Only rows already published: an unsent row is a moment still on its way.
        return sa.and_(outbox.c.sent_at.is_not(None), outbox.c.created_at < before)

    async def count_old(self, before: dt.datetime) -> int:
        query = sa.select(sa.func.count()).select_from(outbox).where(self._old(before))
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())

    async def purge(self, before: dt.datetime) -> int:
        async with self._engine.begin() as connection:
            result = await connection.execute(outbox.delete().where(self._old(before)))
        return int(result.rowcount)


class NotifyLedger:
    """`notify_deliveries`: one row per (moment, destination) with the moment's JSON and the
    platform message ref (Slack ts)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def find(self, ref: str) -> list[Posted]:
        c = deliveries.c
        query = (
            sa.select(
                c.id,
                c.event_id,
                c.organisation_id,
                c.created_at,
                c.destination,
                c.status,
                c.message_ref,
            )
            .where(_mentions(c.moment, ref))
            .order_by(c.id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [
            Posted(
                id=r.id,
                event_id=r.event_id,
                organisation_id=r.organisation_id,
                at=dt.datetime.fromtimestamp(r.created_at, dt.UTC),
                destination=r.destination,
                status=r.status,
                message_ref=r.message_ref,
            )
            for r in rows
        ]

    async def shared(
        self, messages: Collection[tuple[str, str]], own: Collection[str]
    ) -> set[tuple[str, str]]:
        """Of these (destination, message ref) pairs, those that also carry moments other than
        `own` (notify combines up to 10 moments in one Slack message when a backlog clears)."""
        if not messages:
            return set()
        c = deliveries.c
        query = (
            sa.select(c.destination, c.message_ref)
            .where(sa.tuple_(c.destination, c.message_ref).in_(list(messages)))
            .where(c.event_id.not_in(list(own)))
            .distinct()
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return {(r.destination, r.message_ref) for r in rows}

    async def erase(self, ref: str, *, keep_ids: Collection[int] = ()) -> int:
        """Delete the author's rows, except `keep_ids` (Slack messages not deleted yet: their
        ts is what a second run needs)."""
        condition = _mentions(deliveries.c.moment, ref)
        if keep_ids:
            condition = sa.and_(condition, deliveries.c.id.not_in(list(keep_ids)))
        async with self._engine.begin() as connection:
            result = await connection.execute(deliveries.delete().where(condition))
        return int(result.rowcount)

    def _old(self, before: dt.datetime) -> sa.ColumnElement[bool]:
        c = deliveries.c
        # A moment notify could not route is written dead at once, with no finished_at: its
        # age is its creation's.
        return sa.and_(
            c.status.in_(FINISHED),
            c.announced.is_(True),
            sa.func.coalesce(c.finished_at, c.created_at) < before.timestamp(),
        )

    async def count_old(self, before: dt.datetime) -> int:
        query = sa.select(sa.func.count()).select_from(deliveries).where(self._old(before))
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())

    async def purge(self, before: dt.datetime) -> int:
        async with self._engine.begin() as connection:
            result = await connection.execute(deliveries.delete().where(self._old(before)))
        return int(result.rowcount)


@dataclass(frozen=True)
class Erased:
    moments: int
    links: int


class DigestMoments:
    """`digest_moments` (text, author name, author ref) and `digest_links` (permalinks)."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    @staticmethod
    def _where(ref: str, event_ids: Collection[str]) -> sa.ColumnElement[bool]:
        # Rows stored before the author_ref column existed are found by their event ids.
        by_ref = moments.c.author_ref == ref
        if not event_ids:
            return by_ref
        return sa.or_(by_ref, moments.c.event_id.in_(sorted(event_ids)))

    async def find(self, ref: str, event_ids: Collection[str] = ()) -> list[StoredMoment]:
        ref_patterns(ref)  # validates
        query = (
            sa.select(moments.c.event_id, moments.c.organisation_id, moments.c.occurred_at)
            .where(self._where(ref, event_ids))
            .order_by(moments.c.occurred_at, moments.c.event_id)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [StoredMoment(r.event_id, r.organisation_id, r.occurred_at) for r in rows]

    async def count_links(self, event_ids: Collection[str]) -> int:
        query = (
            sa.select(sa.func.count())
            .select_from(links)
            .where(links.c.event_id.in_(sorted(event_ids)))
        )
        async with self._engine.connect() as connection:
            return int((await connection.execute(query)).scalar_one())

    async def erase(self, ref: str, event_ids: Collection[str] = ()) -> Erased:
        ref_patterns(ref)
        mine = sa.select(moments.c.event_id).where(self._where(ref, event_ids))
        async with self._engine.begin() as connection:
            ids = set((await connection.scalars(mine)).all()) | set(event_ids)
            gone_links = await connection.execute(
                links.delete().where(links.c.event_id.in_(sorted(ids)))
            )
            gone = await connection.execute(
                moments.delete().where(moments.c.event_id.in_(sorted(ids)))
            )
        return Erased(int(gone.rowcount), int(gone_links.rowcount))

    async def count_old(self, before: dt.datetime) -> Erased:
        old = sa.select(moments.c.event_id).where(moments.c.occurred_at < before)
        query = sa.select(
            sa.select(sa.func.count()).where(moments.c.occurred_at < before).scalar_subquery(),
            sa.select(sa.func.count())
            .select_from(links)
            .where(links.c.event_id.in_(old))
            .scalar_subquery(),
        )
        async with self._engine.connect() as connection:
            n_moments, n_links = (await connection.execute(query)).one()
        return Erased(int(n_moments), int(n_links))

    async def purge(self, before: dt.datetime) -> Erased:
        old = sa.select(moments.c.event_id).where(moments.c.occurred_at < before)
        async with self._engine.begin() as connection:
            gone_links = await connection.execute(links.delete().where(links.c.event_id.in_(old)))
            gone = await connection.execute(moments.delete().where(moments.c.occurred_at < before))
        return Erased(int(gone.rowcount), int(gone_links.rowcount))
