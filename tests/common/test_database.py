from pathlib import Path

import pytest
from sqlalchemy import text

from services.common.database import DatabaseCheck, create_engine, migrate

pytestmark = pytest.mark.connected

MIGRATIONS = Path(__file__).parent / "migrations_example"


async def exercise(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate(engine, MIGRATIONS)
        await migrate(engine, MIGRATIONS)  # applying twice is a no-op
        async with engine.begin() as connection:
            await connection.execute(text("INSERT INTO notes (body) VALUES ('x')"))
            version = await connection.scalar(
                text("SELECT version_num FROM alembic_version_example")
            )
        assert version == "0001"
        assert await DatabaseCheck(engine)() is True
    finally:
        await engine.dispose()


async def test_migrations_on_sqlite(tmp_path: Path) -> None:
    await exercise(f"sqlite+aiosqlite:///{tmp_path}/sub/folder/test.db")
    assert (tmp_path / "sub" / "folder" / "test.db").exists()


async def test_migrations_on_postgres(postgres_url: str) -> None:
    await exercise(postgres_url)


async def test_database_check_fails_when_the_server_is_down() -> None:
    engine = create_engine("postgresql+asyncpg://postgres@127.0.0.1:1/none")
    try:
        with pytest.raises(ConnectionRefusedError):
            await DatabaseCheck(engine)()
    finally:
        await engine.dispose()
