"""The delivery ledger (one row per moment and destination) and destination leases."""

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None

BIG_ID = sa.BigInteger().with_variant(sa.Integer(), "sqlite")


def upgrade() -> None:
    op.create_table(
        "notify_deliveries",
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
        sa.UniqueConstraint("event_id", "destination", name="uq_notify_deliveries_event_dest"),
    )
    op.create_index(
        "ix_notify_deliveries_queue", "notify_deliveries", ["destination", "status", "id"]
    )
    op.create_index(
        "ix_notify_deliveries_outbox", "notify_deliveries", ["announced", "status", "id"]
    )
    op.create_table(
        "notify_leases",
        sa.Column("destination", sa.String(200), primary_key=True),
        sa.Column("owner", sa.String(200), nullable=False),
        sa.Column("expires_at", sa.Float, nullable=False),
    )
