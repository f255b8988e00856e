"""The outbox: an accepted moment is committed here before the user is answered.

The primary key is the deterministic event id, so the outbox is also the durable dedupe store:
a Slack retry, a Teams redelivery or a double form submit inserts nothing new (also when two
deliveries race: the database lets one insert win). A delivery whose first attempt failed left
no row, so its retry is processed.
"""

import datetime as dt
from dataclasses import dataclass

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from schemas.events import MomentPosted

metadata = sa.MetaData()

outbox = sa.Table(
    "ingest_outbox",
    metadata,
    sa.Column("event_id", sa.String(36), primary_key=True),
    sa.Column("organisation_id", sa.String(64), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_ingest_outbox_pending", "sent_at", "created_at"),
)


@dataclass(frozen=True)
class Pending:
    event_id: str
    organisation_id: str
    moment: MomentPosted


class OutboxStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        dialect = engine.dialect.name
        self._insert = postgresql.insert if dialect == "postgresql" else sqlite.insert

    async def add(self, moment: MomentPosted, now: dt.datetime) -> bool:
        """Commit the moment; False when this event id was already stored (a duplicate)."""
        statement = (
            self._insert(outbox)
            .values(
                event_id=str(moment.event_id),
                organisation_id=moment.organisation_id,
                payload=moment.model_dump_json(),
                created_at=now,
            )
            .on_conflict_do_nothing(index_elements=["event_id"])
        )
        async with self._engine.begin() as connection:
            result = await connection.execute(statement)
        return bool(result.rowcount)

    async def pending(self, limit: int) -> list[Pending]:
        """Oldest unsent first."""
        query = (
            sa.select(outbox.c.event_id, outbox.c.organisation_id, outbox.c.payload)
            .where(outbox.c.sent_at.is_(None))
            .order_by(outbox.c.created_at, outbox.c.event_id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [
            Pending(
                row.event_id, row.organisation_id, MomentPosted.model_validate_json(row.payload)
            )
            for row in rows
        ]

    async def mark_sent(self, event_id: str, now: dt.datetime) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                outbox.update().where(outbox.c.event_id == event_id).values(sent_at=now)
            )

    async def count_attempt(self, event_id: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                outbox.update()
                .where(outbox.c.event_id == event_id)
                .values(attempts=outbox.c.attempts + 1)
            )

    async def depth(self) -> tuple[int, dt.datetime | None]:
        """How many rows wait, and when the oldest of them was accepted."""
        query = sa.select(sa.func.count(), sa.func.min(outbox.c.created_at)).where(
            outbox.c.sent_at.is_(None)
        )
        async with self._engine.connect() as connection:
            count, oldest = (await connection.execute(query)).one()
        if oldest is not None and oldest.tzinfo is None:  # SQLite drops the zone
            oldest = oldest.replace(tzinfo=dt.UTC)
        return int(count), oldest

    async def stored(self, event_id: str) -> bool:
        query = sa.select(sa.func.count()).where(outbox.c.event_id == event_id)
        async with self._engine.connect() as connection:
            return bool((await connection.execute(query)).scalar_one())
