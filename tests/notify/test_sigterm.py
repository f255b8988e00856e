"""notify stopped with SIGTERM (as `docker compose stop` does) during delivery: it exits
cleanly, and after a restart every moment is in its channel exactly once, in order."""

import asyncio
import signal
import time
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

TOTAL = 600


async def test_sigterm_during_delivery_loses_and_doubles_nothing(
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
    env = environment(
        config,
        {
            "MANGO_SLACK__PER_CHANNEL_PER_S": "40",
            "MANGO_DELIVERY__BATCH_THRESHOLD": "1000",
            "MANGO_LOG_LEVEL": "INFO",
            "MANGO_LOG_FORMAT": "text",
        },
    )
    slack.faults.delay_s = 0.01  # every answer a little late: SIGTERM lands mid-post
    moments = moments_for(list(CHANNELS), TOTAL)
    expected = per_channel(moments)

    def delivered() -> int:
        return delivered_count(slack)

    notify = NotifyProcess(env, tmp_path / "notify.log")
    notify.start()
    try:
        await publish_moments(kafka, topics.moments, moments)
        await wait_for(lambda: delivered() >= 150, within=60, what="150 delivered")
        assert notify.process is not None
        notify.process.send_signal(signal.SIGTERM)
        stopping = time.monotonic()
        # Waited for off the event loop: the fake Slack in this loop must answer in-flight posts.
        code = await asyncio.to_thread(notify.process.wait, 40)
        print(
            f"SIGTERM after {delivered()} posts: exit {code} in {time.monotonic() - stopping:.1f}s"
        )
        # uvicorn re-raises the signal after its graceful shutdown: -15 (143 under Docker).
        assert code in (0, -signal.SIGTERM)
        log = (tmp_path / "notify.log").read_text()
        assert "Application shutdown complete" in log
        assert "stopped with posts in flight" not in log, "in-flight posts were finished"
        assert delivered() < TOTAL, "the stop happened during delivery"
        notify.start()
        await wait_for(lambda: delivered() >= TOTAL, within=90, what=f"all {TOTAL} moments")
        await asyncio.to_thread(wait_ledger_idle, tmp_path / "notify.db")
    finally:
        notify.stop()
    assert_each_once_in_order(slack, expected)
    lookups = [c for c in slack.calls if c.method == "conversations.history"]
    assert lookups == [], "a graceful stop leaves nothing in doubt (no look-ups after restart)"
