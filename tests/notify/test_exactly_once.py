"""Every destination gets each moment exactly once, in order per channel (real broker and DB)."""

import re
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from sqlalchemy import text

from schemas import MomentDelivered
from services.common.database import create_engine
from tests.fakes.slack import FakeSlack
from tests.fakes.teams import FakeTeams, text_runs
from tests.notify.harness import (
    CHANNELS,
    TEAMS_SECRETS,
    Topics,
    moments_for,
    publish_moments,
    read_topic,
    running_in_process,
    settings,
    write_network,
)
from tests.support import KafkaUnderTest, wait_for

pytestmark = pytest.mark.connected

NUMBER = re.compile(r"number (\d+)")


def teams_numbers(teams: FakeTeams, secret: str) -> list[int]:
    return [
        int(match.group(1))
        for card in teams.cards.get(secret, [])
        for run in text_runs(card)
        if (match := NUMBER.search(run))
    ]


async def test_1000_moments_over_3_departments_arrive_once_in_order(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    postgres_url: str,
    tmp_path: Path,
    slack: FakeSlack,
    teams: FakeTeams,
) -> None:
    departments = list(CHANNELS)
    moments = moments_for(departments, 1000)
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path), postgres_url, slack.api_url
    )
    expected = {d: [str(m.event_id) for m in moments if m.department_id == d] for d in departments}
    numbers = {
        d: [int(m.source.reference.rsplit("/", 1)[1]) for m in moments if m.department_id == d]
        for d in departments
    }
    async with running_in_process(config) as url:
        started = time.monotonic()
        await publish_moments(kafka, topics.moments, moments)

        def all_arrived() -> bool:
            return all(
                len(slack.event_ids(CHANNELS[d])) >= len(expected[d]) for d in departments
            ) and all(
                len(teams_numbers(teams, TEAMS_SECRETS[d])) >= len(numbers[d])
                for d in TEAMS_SECRETS
            )

        await wait_for(all_arrived, within=120, what="1,000 moments in every channel")
        elapsed = time.monotonic() - started
        deliveries = await read_topic(kafka, topics.deliveries, at_least=2667, within=60)
        async with httpx.AsyncClient() as client:
            readyz = await client.get(f"{url}/readyz")
            metrics = (await client.get(f"{url}/metrics")).text
    for d in departments:
        assert slack.event_ids(CHANNELS[d]) == expected[d], f"Slack {d}: once each, in order"
        sizes = [len(m["metadata"]["event_payload"]["event_ids"]) for m in slack.posts(CHANNELS[d])]
        assert max(sizes) <= 10, "a backlog is combined, at most 10 moments per message"
    for d, secret in TEAMS_SECRETS.items():
        assert teams_numbers(teams, secret) == numbers[d], f"Teams {d}: once each, in order"
    # MomentDelivered: one per moment and destination (1000 Slack, 667 Teams, 1000 walls).
    delivered = {
        (e.event_id, e.destination)
        for e in (MomentDelivered.model_validate_json(r.value) for r in deliveries)
    }
    assert len(delivered) == 1000 * 2 + 667
    walls = Counter(dest for _, dest in delivered if dest.startswith("wall:"))
    assert sum(walls.values()) == 1000
    assert readyz.status_code == 200
    assert readyz.json()["checks"] == {"broker": True, "database": True}
    assert 'mango_notify_deliveries_total{destination="slack:C0ONCO001"' in metrics
    engine = create_engine(postgres_url)
    try:
        async with engine.connect() as connection:
            statuses: dict[str, int] = dict(
                (
                    await connection.execute(
                        text("SELECT status, count(*) FROM notify_deliveries GROUP BY status")
                    )
                ).all()
            )
    finally:
        await engine.dispose()
    assert statuses == {"delivered": 1000 * 2 + 667}
    print(f"1,000 moments to 3 Slack channels, 2 Teams webhooks, walls: {elapsed:.1f}s")
