"""Several notify replicas (as `docker compose up --scale notify=3`): every wall is complete on
every replica, whichever replica delivered to it."""

import asyncio
import json
import time
from collections.abc import Callable
from contextlib import AsyncExitStack
from pathlib import Path

import httpx
import pytest

from tests.notify.harness import (
    ORG,
    Topics,
    moments_for,
    publish_moments,
    running_in_process,
    settings,
    write_network,
)
from tests.support import KafkaUnderTest

pytestmark = pytest.mark.connected


async def wall_snapshot(client: httpx.AsyncClient, url: str) -> set[str]:
    """Event ids in the first (snapshot) event of a wall's stream."""
    async with client.stream("GET", url) as response:
        async for line in response.aiter_lines():
            if line.startswith("data: "):
                return {str(item["event_id"]) for item in json.loads(line[6:])}
    return set()


async def test_every_replica_serves_complete_walls(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    postgres_url: str,
) -> None:
    group = unique_name("notify")
    network = write_network(tmp_path)
    configs = [
        settings(kafka, topics, group, network, postgres_url, None, instance_id=f"replica-{i}")
        for i in range(2)
    ]
    configs = [c.model_copy(update={"wall_sync_s": 0.2}) for c in configs]
    moments = moments_for(["oncologie", "geriatrie", "spoed"], 30)
    expected = {str(m.event_id) for m in moments}
    async with AsyncExitStack() as stack:
        urls = [await stack.enter_async_context(running_in_process(c)) for c in configs]
        client = await stack.enter_async_context(httpx.AsyncClient(timeout=10))
        await publish_moments(kafka, topics.moments, moments)
        seen: dict[str, set[str]] = {url: set() for url in urls}

        async def refresh() -> None:
            for url in urls:
                seen[url] = await wall_snapshot(client, f"{url}/events/wall/{ORG}")

        deadline = time.monotonic() + 30
        await refresh()
        while not all(ids >= expected for ids in seen.values()) and time.monotonic() < deadline:
            await asyncio.sleep(0.2)
            await refresh()
        for url, ids in seen.items():
            assert ids >= expected, f"{url} shows {len(ids & expected)} of {len(expected)}"
