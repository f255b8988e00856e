"""Database engines and schema migrations, the same way for every service.

SQLite file by default (WAL, so readers do not block the writer), PostgreSQL when
`MANGO_DATABASE_URL` says so. Each service keeps its own Alembic scripts
(`services/<name>/migrations/`) and its own version table, so the three services can share one
PostgreSQL database or use one each. Migrations run at start: `await migrate(engine, ...)`.
"""

import sqlite3
from pathlib import Path
from typing import Any

from alembic import command, context
from alembic.config import Config
from sqlalchemy import Connection, MetaData, event, text
from sqlalchemy.engine import URL, make_url
from sqlalchemy.ext.asyncio import AsyncEngine, create_async_engine

SQLITE_BUSY_TIMEOUT_MS = 5000


def create_engine(url: str, **options: Any) -> AsyncEngine:
    """An async engine; for SQLite the folder is created and WAL + busy timeout are set.

    Its errors never quote the statement's parameters (a row is a moment): they are logged,
    by us and by FastStream when a handler fails."""
    options.setdefault("hide_parameters", True)
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite":
        options.setdefault("pool_pre_ping", True)
        return create_async_engine(url, **options)
    if parsed.database and parsed.database != ":memory:":
        Path(parsed.database).parent.mkdir(parents=True, exist_ok=True)
    engine = create_async_engine(url, **options)

    @event.listens_for(engine.sync_engine, "connect")
    def _sqlite_pragmas(dbapi_connection: Any, _: Any) -> None:
        cursor = dbapi_connection.cursor()
        for pragma in SQLITE_PRAGMAS:
            cursor.execute(pragma)
        cursor.close()

    return engine


SQLITE_PRAGMAS = (
    "PRAGMA journal_mode=WAL",
    f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}",
    "PRAGMA foreign_keys=ON",
    "PRAGMA synchronous=FULL",  # a commit is on disk (fsync) before it returns
)


def sqlite_file(url: str | URL) -> str | None:
    """The file behind a SQLite URL (None for other databases and in-memory SQLite)."""
    parsed = make_url(url)
    if parsed.get_backend_name() != "sqlite" or parsed.database in (None, "", ":memory:"):
        return None
    return parsed.database


def sqlite_connect(path: str) -> sqlite3.Connection:
    """A plain sqlite3 connection with the engine's settings, for a hot path that cannot afford
    SQLAlchemy's async round trips; transactions are explicit (`BEGIN` ... `COMMIT`)."""
    connection = sqlite3.connect(path, isolation_level=None)
    for pragma in SQLITE_PRAGMAS:
        connection.execute(pragma)
    return connection


async def migrate(engine: AsyncEngine, migrations: Path) -> None:
    """Upgrade the schema to the newest revision in `migrations` (an Alembic script folder)."""
    async with engine.begin() as connection:
        await connection.run_sync(_upgrade, migrations)


def _upgrade(connection: Connection, migrations: Path) -> None:
    config = Config()
    config.set_main_option("script_location", str(migrations))
    config.attributes["connection"] = connection
    command.upgrade(config, "head")


def run_migrations(metadata: MetaData, version_table: str) -> None:
    """Body of every service's `env.py`: migrate on the connection `migrate()` passed in.

    Only valid while Alembic runs an `env.py` (that is when `alembic.context` is set up).
    """
    connection = context.config.attributes["connection"]
    context.configure(
        connection=connection,
        target_metadata=metadata,
        version_table=version_table,
        render_as_batch=connection.dialect.name == "sqlite",  # SQLite cannot ALTER most things
    )
    with context.begin_transaction():
        context.run_migrations()


class DatabaseCheck:
    """Readiness probe: the database answers `SELECT 1`."""

    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine

    async def __call__(self) -> bool:
        async with self._engine.connect() as connection:
            await connection.execute(text("SELECT 1"))
        return True
