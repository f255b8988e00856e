from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.ingest.fake_slack import FakeSlack, fake_slack
from tests.ingest.harness import Harness, IngestWith, ingest_settings, running_ingest
from tests.support import KafkaUnderTest


@pytest.fixture
async def slack_api() -> AsyncIterator[FakeSlack]:
    async with fake_slack() as fake:
        yield fake
    # Every view any test made ingest open would have been taken by Slack.
    assert not fake.refused, fake.refused


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/ingest.db"


@pytest.fixture
def collect() -> bool:
    """Whether `ingest` runs a consumer on its topic (joining a group takes a second or two)."""
    return True


@pytest.fixture
def ingest_with(
    collect: bool,
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
    slack_api: FakeSlack,
    database_url: str,
    tmp_path: Path,
) -> IngestWith:
    """Starts ingest as the `ingest` fixture runs it, with some settings changed."""

    @asynccontextmanager
    async def start(**changes: Any) -> AsyncIterator[Harness]:
        topic = await make_topic("moments")
        settings = ingest_settings(
            tmp_path, database_url, kafka.settings(), topic, slack_api.url, **changes
        )
        async with running_ingest(
            settings,
            slack_api,
            collect_from=kafka.settings() if collect else None,
            group=unique_name("group"),
        ) as harness:
            yield harness

    return start


@pytest.fixture
async def ingest(ingest_with: IngestWith) -> AsyncIterator[Harness]:
    """Ingest on a real broker topic and a real database (SQLite and PostgreSQL)."""
    async with ingest_with() as harness:
        yield harness
