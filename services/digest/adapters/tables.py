"""Tables of digest (schema changes go through `services/digest/migrations/`)."""

import datetime as dt
from typing import Any

import sqlalchemy as sa
from sqlalchemy.engine import Dialect


class UtcDateTime(sa.types.TypeDecorator[dt.datetime]):
    """Aware datetimes in, aware UTC datetimes out; SQLite stores comparable naive UTC text."""

    impl = sa.DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if not isinstance(value, dt.datetime) or value.tzinfo is None:
            raise ValueError("only timezone-aware datetimes are stored")
        utc = value.astimezone(dt.UTC)
        return utc.replace(tzinfo=None) if dialect.name == "sqlite" else utc

    def process_result_value(self, value: Any, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        assert isinstance(value, dt.datetime)  # noqa: S101 - the column type guarantees it
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


metadata = sa.MetaData()

moments = sa.Table(
    "digest_moments",
    metadata,
    sa.Column("event_id", sa.String(36), primary_key=True),
    sa.Column("organisation_id", sa.String(64), nullable=False),
    sa.Column("occurred_at", UtcDateTime(), nullable=False),
    sa.Column("department_id", sa.String(64), nullable=False),
    sa.Column("team_type", sa.String(20), nullable=False),
    sa.Column("kind", sa.String(20), nullable=False),
    sa.Column("beneficiary", sa.String(20), nullable=False),
    sa.Column("consented", sa.Boolean, nullable=False),
    sa.Column("needs_review", sa.Boolean, nullable=False),
    sa.Column("title", sa.String(200)),
    sa.Column("text", sa.Text, nullable=False),
    sa.Column("author_name", sa.String(120)),
    sa.Column("permalink", sa.String(2000)),
    # The pseudonymous author.ref, so `mango privacy find|erase` can find a person's moments.
    sa.Column("author_ref", sa.String(64)),
    sa.Index("ix_digest_moments_org_time", "organisation_id", "occurred_at"),
    sa.Index("ix_digest_moments_author_ref", "author_ref"),
)

links = sa.Table(
    "digest_links",
    metadata,
    sa.Column("event_id", sa.String(36), primary_key=True),
    sa.Column("destination", sa.String(200), primary_key=True),
    sa.Column("permalink", sa.String(2000), nullable=False),
)

ledger = sa.Table(
    "digest_ledger",
    metadata,
    sa.Column("organisation_id", sa.String(64), primary_key=True),
    sa.Column("audience", sa.String(20), primary_key=True),
    sa.Column("iso_week", sa.String(8), primary_key=True),
    sa.Column("recipient", sa.String(254), primary_key=True),
    sa.Column("status", sa.String(10), nullable=False),  # pending | sent | failed
    sa.Column("message_id", sa.String(200), nullable=False),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Column("updated_at", UtcDateTime(), nullable=False),
)

runs = sa.Table(
    "digest_runs",
    metadata,
    sa.Column("organisation_id", sa.String(64), primary_key=True),
    sa.Column("audience", sa.String(20), primary_key=True),
    sa.Column("iso_week", sa.String(8), primary_key=True),
    sa.Column("recipients_sent", sa.Integer, nullable=False),
    sa.Column("recipients_failed", sa.Integer, nullable=False),
    sa.Column("completed_at", UtcDateTime(), nullable=False),
)
