from services.common.database import run_migrations
from services.digest.adapters.tables import metadata

run_migrations(metadata, version_table="alembic_version_digest")
