"""Moments, channel links, the send ledger and completed runs."""

import sqlalchemy as sa
from alembic import op

from services.digest.adapters.tables import UtcDateTime

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "digest_moments",
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
    )
    op.create_index(
        "ix_digest_moments_org_time", "digest_moments", ["organisation_id", "occurred_at"]
    )
    op.create_table(
        "digest_links",
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("destination", sa.String(200), primary_key=True),
        sa.Column("permalink", sa.String(2000), nullable=False),
    )
    op.create_table(
        "digest_ledger",
        sa.Column("organisation_id", sa.String(64), primary_key=True),
        sa.Column("audience", sa.String(20), primary_key=True),
        sa.Column("iso_week", sa.String(8), primary_key=True),
        sa.Column("recipient", sa.String(254), primary_key=True),
        sa.Column("status", sa.String(10), nullable=False),
        sa.Column("message_id", sa.String(200), nullable=False),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
        sa.Column("updated_at", UtcDateTime(), nullable=False),
    )
    op.create_table(
        "digest_runs",
        sa.Column("organisation_id", sa.String(64), primary_key=True),
        sa.Column("audience", sa.String(20), primary_key=True),
        sa.Column("iso_week", sa.String(8), primary_key=True),
        sa.Column("recipients_sent", sa.Integer, nullable=False),
        sa.Column("recipients_failed", sa.Integer, nullable=False),
        sa.Column("completed_at", UtcDateTime(), nullable=False),
    )
