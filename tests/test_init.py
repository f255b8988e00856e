"""`mango init` (Compose's one-shot): topics created and every service's schema migrated."""

import os
import subprocess
import sys
from pathlib import Path

import asyncpg
import pytest
from aiokafka.admin import AIOKafkaAdminClient

from schemas import ALL_TOPICS
from services.init import SERVICE_NAMES, migration_folders
from tests.support import KafkaUnderTest

pytestmark = pytest.mark.connected

ROOT = Path(__file__).parents[1]


def run_init(kafka: KafkaUnderTest, database_url: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANGO_")}
    env.update(
        {
            "MANGO_KAFKA__BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
            "MANGO_KAFKA__IDEMPOTENCE": str(kafka.idempotence).lower(),
            "MANGO_DATABASE_URL": database_url,
        }
    )
    return subprocess.run(
        [sys.executable, "-m", "services", "init"],
        env=env, cwd=ROOT, capture_output=True, text=True, timeout=120, check=False,
    )  # fmt: skip


async def test_init_creates_topics_and_migrates_every_service(
    kafka: KafkaUnderTest, postgres_url: str
) -> None:
    assert [f.parent.name for f in migration_folders()] == list(SERVICE_NAMES)
    first = run_init(kafka, postgres_url)
    assert first.returncode == 0, first.stderr
    assert "migrations applied for: ingest, notify, digest" in first.stdout
    again = run_init(kafka, postgres_url)  # idempotent: a restarted init changes nothing
    assert again.returncode == 0, again.stderr
    assert "none (all existed)" in again.stdout

    admin = AIOKafkaAdminClient(bootstrap_servers=kafka.bootstrap_servers)
    await admin.start()
    try:
        assert set(ALL_TOPICS) <= set(await admin.list_topics())
    finally:
        await admin.close()
    connection = await asyncpg.connect(postgres_url.replace("postgresql+asyncpg", "postgresql"))
    try:
        for service in SERVICE_NAMES:
            version = await connection.fetchval(
                f"SELECT version_num FROM alembic_version_{service}"  # noqa: S608 - our names
            )
            assert version, f"{service} has no schema version"
    finally:
        await connection.close()
