from services.common.database import run_migrations
from services.ingest.adapters.outbox import metadata

run_migrations(metadata, version_table="alembic_version_ingest")
