"""The outbox: accepted moments waiting to be (or already) published."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None


def upgrade() -> None:
    op.create_table(
        "ingest_outbox",
        # The deterministic event id: a retried post hits this key, so it is stored once.
        sa.Column("event_id", sa.String(36), primary_key=True),
        sa.Column("organisation_id", sa.String(64), nullable=False),
        sa.Column("payload", sa.Text, nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    )
    op.create_index("ix_ingest_outbox_pending", "ingest_outbox", ["sent_at", "created_at"])
