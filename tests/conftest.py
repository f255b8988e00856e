"""Shared fixtures: a real Kafka-protocol broker and a real PostgreSQL database.

Broker, in this order: `MANGO_TEST_KAFKA` (any external broker, e.g. `127.0.0.1:9092`) >
testcontainers Kafka when a Docker engine answers > the bundled Tansu binary. Each test uses its
own topics and consumer groups (`unique_name`), so tests never see each other's events.
"""

import io
import json
import logging
import os
import socket
import time
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from pathlib import Path

import asyncpg
import pytest

from services.common.embedded_broker import EmbeddedBroker
from services.common.kafka import provision_topics
from services.common.logging import configure_logging
from tests.support import KafkaUnderTest

POSTGRES_DSN = os.environ.get(
    "MANGO_TEST_POSTGRES", "postgresql://postgres@127.0.0.1:5432/postgres"
)


def _docker_engine_answers() -> bool:
    """A Docker engine answers `/_ping` on its socket (without leaving a connection open)."""
    host = os.environ.get("DOCKER_HOST", "unix:///var/run/docker.sock")
    if not host.startswith("unix://"):
        return True  # a remote engine was configured on purpose; testcontainers will tell
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as sock:
            sock.settimeout(2)
            sock.connect(host.removeprefix("unix://"))
            sock.sendall(b"GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n")
            return b" 200 " in sock.recv(64)
    except OSError:
        return False


@pytest.fixture(scope="session")
def kafka() -> Iterator[KafkaUnderTest]:
    started = time.monotonic()
    external = os.environ.get("MANGO_TEST_KAFKA")
    if external:
        yield KafkaUnderTest(external, "external", True, time.monotonic() - started)
        return
    if _docker_engine_answers():
        from testcontainers.kafka import KafkaContainer

        with KafkaContainer() as container:
            yield KafkaUnderTest(
                container.get_bootstrap_server(), "testcontainers", True, time.monotonic() - started
            )
        return
    with EmbeddedBroker() as broker:
        # The bundled broker has no InitProducerId: idempotence must be off (see DESIGN.md).
        yield KafkaUnderTest(broker.bootstrap_servers, "tansu", False, time.monotonic() - started)


@pytest.fixture
def unique_name(request: pytest.FixtureRequest) -> Callable[[str], str]:
    """Per-test names for topics and groups: `<prefix>.<test>.<random>`."""
    token = uuid.uuid4().hex[:8]
    test = request.node.name.replace("[", "-").replace("]", "")[:40]
    return lambda prefix: f"{prefix}.{test}.{token}"


@pytest.fixture
def make_topic(
    kafka: KafkaUnderTest, unique_name: Callable[[str], str]
) -> Callable[[str], Awaitable[str]]:
    async def make(prefix: str = "test") -> str:
        name = unique_name(prefix)
        await provision_topics(kafka.settings(), [name])
        return name

    return make


@pytest.fixture
async def postgres_url() -> AsyncIterator[str]:
    """A fresh, empty PostgreSQL database on 127.0.0.1:5432, dropped after the test."""
    name = f"mango_test_{uuid.uuid4().hex[:12]}"
    admin = await asyncpg.connect(POSTGRES_DSN)
    try:
        await admin.execute(f'CREATE DATABASE "{name}"')
        base = POSTGRES_DSN.rsplit("/", 1)[0].replace("postgresql://", "postgresql+asyncpg://")
        yield f"{base}/{name}"
    finally:
        await admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        await admin.close()


@pytest.fixture(params=["sqlite", "postgres"])
def database_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Each test that asks for it runs twice: on a SQLite file, and on a fresh PostgreSQL
    database."""
    if request.param == "sqlite":
        return f"sqlite+aiosqlite:///{tmp_path}/service.db"
    url: str = request.getfixturevalue("postgres_url")
    return url


@pytest.fixture
def production_logs() -> Iterator[Callable[[], list[str]]]:
    """Logging as `mango <service>` sets it up, at DEBUG: gives the JSON lines written so far."""
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    configure_logging("DEBUG", "json", "test")
    [handler] = root.handlers
    assert isinstance(handler, logging.StreamHandler)
    written = io.StringIO()
    handler.setStream(written)

    def lines() -> list[str]:
        result = written.getvalue().splitlines()
        for line in result:
            json.loads(line)  # every line is one JSON object
        return result

    yield lines
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])
