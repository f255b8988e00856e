"""digest_moments.author_ref: find (and erase) one author's moments (`mango privacy`).

Nullable: moments stored before this revision have none; the privacy tools find those through
the event ids in ingest's outbox and notify's ledger.
"""

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"


def upgrade() -> None:
    op.add_column("digest_moments", sa.Column("author_ref", sa.String(64), nullable=True))
    op.create_index("ix_digest_moments_author_ref", "digest_moments", ["author_ref"])
