"""notify killed with SIGKILL three times during a 2,000-moment run: nothing lost or doubled."""

import asyncio
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.fakes.slack import FakeSlack
from tests.notify.harness import (
    CHANNELS,
    NotifyProcess,
    Topics,
    assert_each_once_in_order,
    delivered_count,
    environment,
    moments_for,
    per_channel,
    publish_moments,
    settings,
    wait_ledger_idle,
    write_network,
)
from tests.support import KafkaUnderTest, wait_for

pytestmark = pytest.mark.connected

TOTAL = 2000


async def test_sigkill_three_times_during_2000_moments_nothing_lost_nothing_doubled(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
) -> None:
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path),
        f"sqlite+aiosqlite:///{tmp_path}/notify.db", slack.api_url,
    )  # fmt: skip
    # Slow enough that kills land mid-run and mostly mid-post: ~150 posts/s over 3 channels,
    # every answer 5 ms late, moments combined only from a backlog of 200 (up to 10 each).
    env = environment(
        config,
        {
            "MANGO_SLACK__PER_CHANNEL_PER_S": "50",
            "MANGO_DELIVERY__BATCH_THRESHOLD": "200",
            "MANGO_DELIVERY__LEASE_S": "30",
        },
    )
    slack.faults.delay_s = 0.005
    moments = moments_for(list(CHANNELS), TOTAL)
    expected = per_channel(moments)

    def delivered() -> int:
        return delivered_count(slack)

    notify = NotifyProcess(env, tmp_path / "notify.log")
    notify.start()
    try:
        await publish_moments(kafka, topics.moments, moments)
        for kill, mark in enumerate((300, 800, 1300), start=1):
            await wait_for(lambda m=mark: delivered() >= m, within=90, what=f"{mark} delivered")  # type: ignore[misc]
            notify.kill()
            assert notify.process is not None
            assert notify.process.returncode == -9, f"kill {kill} was a SIGKILL"
            notify.start()
        await wait_for(lambda: delivered() >= TOTAL, within=120, what="all 2,000 moments")
        # Let a (wrong) duplicate have time to show up: wait until the ledger is idle.
        await asyncio.to_thread(wait_ledger_idle, tmp_path / "notify.db")
    finally:
        notify.stop()
    assert_each_once_in_order(slack, expected)
    lookups = [c for c in slack.calls if c.method == "conversations.history"]
    print(f"2,000 moments, 3 SIGKILLs: {len(lookups)} history lookup(s) after restarts")
