"""`mango init`: create the Kafka topics and apply every service's database migrations.

Run once before the services start (Compose's one-shot `init`), so that several replicas never
race to migrate. Each service also migrates at start; that is a no-op once `init` has run.
"""

import asyncio
from pathlib import Path

from services.common.database import create_engine, migrate
from services.common.kafka import provision_topics
from services.common.settings import ServiceSettings

SERVICES_DIR = Path(__file__).parent
SERVICE_NAMES = ("ingest", "notify", "digest")


def migration_folders() -> list[Path]:
    folders = [SERVICES_DIR / name / "migrations" for name in SERVICE_NAMES]
    return [f for f in folders if (f / "env.py").is_file()]


async def initialise(settings: ServiceSettings) -> tuple[list[str], list[str]]:
    """Returns the topics created and the services migrated."""
    created = await provision_topics(settings.kafka)
    engine = create_engine(settings.database_url)
    migrated = []
    try:
        for folder in migration_folders():
            await migrate(engine, folder)
            migrated.append(folder.parent.name)
    finally:
        await engine.dispose()
    return created, migrated


def run(settings: ServiceSettings) -> tuple[list[str], list[str]]:
    return asyncio.run(initialise(settings))
