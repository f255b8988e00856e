from sqlalchemy import MetaData

from services.common.database import run_migrations

run_migrations(MetaData(), version_table="alembic_version_notify")
