"""Rate limits, a deleted channel, a long outage: nothing lost, nothing doubled, nobody held up."""

import asyncio
import sqlite3
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
import yaml

from schemas import MomentPosted
from tests.fakes.slack import FakeSlack
from tests.notify.harness import (
    CHANNELS,
    Topics,
    environment,
    mango,
    moments_for,
    network_data,
    publish_moments,
    read_topic,
    running_in_process,
    settings,
    write_network,
)
from tests.support import KafkaUnderTest, wait_for

pytestmark = pytest.mark.connected


def sqlite_url(tmp_path: Path) -> str:
    return f"sqlite+aiosqlite:///{tmp_path}/notify.db"


def expected_ids(moments: list[MomentPosted], department: str) -> list[str]:
    return [str(m.event_id) for m in moments if m.department_id == department]


async def test_429_for_a_while_no_call_before_retry_after_nothing_lost_or_doubled(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
) -> None:
    moments = moments_for(list(CHANNELS), 300)
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path), sqlite_url(tmp_path),
        slack.api_url, batch_threshold=1000,
    )  # fmt: skip
    async with running_in_process(config):
        # 30 % of calls get 429 + Retry-After: 1 s, for 6 s (the fake's "minute", kept short).
        slack.faults.rate_limit(0.3, for_s=6.0, retry_after_s=1)
        await publish_moments(kafka, topics.moments, moments)
        await wait_for(
            lambda: all(
                len(slack.event_ids(c)) >= len(expected_ids(moments, d))
                for d, c in CHANNELS.items()
            ),
            within=90,
            what="every moment despite 429s",
        )
    limited = [c for c in slack.calls if c.status == 429]
    assert len(limited) >= 5, "the fake did rate-limit"
    for refusal in limited:
        assert refusal.retry_after is not None
        not_before = refusal.at + refusal.retry_after
        early = [
            c
            for c in slack.calls
            if c.channel == refusal.channel and refusal.at < c.at < not_before - 0.001
        ]
        assert not early, f"{len(early)} call(s) to {refusal.channel} before Retry-After passed"
    for department, channel in CHANNELS.items():
        assert slack.event_ids(channel) == expected_ids(moments, department)


def pending(tmp_path: Path) -> int:
    with sqlite3.connect(tmp_path / "notify.db") as connection:
        row = connection.execute(
            "SELECT count(*) FROM notify_deliveries WHERE status = 'pending'"
        ).fetchone()
    return int(row[0])


async def test_deleted_channel_one_dead_letter_others_flow_replay_delivers_once(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
) -> None:
    slack.deleted_channels.add(CHANNELS["geriatrie"])
    lost = moments_for(["geriatrie"], 1, offset=10_000)[0]
    behind = moments_for(["oncologie", "spoed"], 60)
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path), sqlite_url(tmp_path),
        slack.api_url,
    )  # fmt: skip
    env = environment(config)
    async with running_in_process(config):
        started = time.monotonic()
        await publish_moments(kafka, topics.moments, [lost, *behind])
        await wait_for(
            lambda: all(len(slack.event_ids(CHANNELS[d])) >= 30 for d in ("oncologie", "spoed")),
            within=30,
            what="the moments behind the dead one",
        )
        held_up = time.monotonic() - started
        dead = await read_topic(kafka, topics.dlq, at_least=1, within=20)

        listing = await asyncio.to_thread(mango, env, "dlq", "list")
        slack.deleted_channels.clear()  # the channel is back (or the network file was fixed)
        replay = await asyncio.to_thread(
            mango, env, "dlq", "replay", "--event-id", str(lost.event_id)
        )
        await wait_for(
            lambda: len(slack.event_ids(CHANNELS["geriatrie"])) >= 1,
            within=20,
            what="the replayed moment",
        )
        again = await asyncio.to_thread(
            mango, env, "dlq", "replay", "--event-id", str(lost.event_id)
        )
        replay_all = await asyncio.to_thread(mango, env, "dlq", "replay")
        await wait_for(lambda: pending(tmp_path) == 0, within=10, what="an idle ledger")
    print(f"deleted channel: the 60 moments behind it were delivered within {held_up:.1f}s")
    assert held_up < 30
    for department in ("oncologie", "spoed"):
        assert slack.event_ids(CHANNELS[department]) == expected_ids(behind, department)
    assert len(dead) == 1, "exactly one dead letter"
    headers = {k: v.decode() for k, v in dead[0].headers}
    assert headers["source-topic"] == topics.moments
    assert headers["source-partition"] in {"0", "1", "2"}
    assert int(headers["source-offset"]) >= 0
    assert headers["error-class"] == "slack:channel_not_found"
    assert headers["attempts"] == "1"
    assert headers["destination"] == f"slack:{CHANNELS['geriatrie']}"
    assert listing.returncode == 0, listing.stderr
    assert str(lost.event_id) in listing.stdout
    assert "slack:channel_not_found" in listing.stdout
    assert lost.text not in listing.stdout + listing.stderr, "moment text is never shown"
    assert replay.returncode == 0, replay.stderr
    assert "1 delivery(ies) queued" in replay.stdout
    assert again.returncode == 1, "nothing left to replay for that event"
    assert replay_all.returncode == 0
    assert "0 delivery(ies) queued from 0" in replay_all.stdout
    assert slack.event_ids(CHANNELS["geriatrie"]) == [str(lost.event_id)], "delivered once"


async def test_long_outage_keeps_the_consumer_in_its_group_and_others_flowing(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
) -> None:
    # Every call to one channel hangs 4 s, twice the consumer's max poll interval.
    slack.faults.delay_s = 4.0
    slack.faults.slow_targets = {CHANNELS["oncologie"]}
    stuck = moments_for(["oncologie"], 40)
    flowing = moments_for(["spoed"], 40, offset=1000)
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path), sqlite_url(tmp_path),
        slack.api_url,
    )  # fmt: skip
    config = config.model_copy(
        update={"kafka": kafka.settings(max_poll_interval_ms=2000, session_timeout_ms=6000)}
    )
    async with running_in_process(config) as url, httpx.AsyncClient() as client:

        async def assignments() -> float:
            text = (await client.get(f"{url}/metrics")).text
            line = next(
                ln for ln in text.splitlines()
                if ln.startswith("mango_notify_partition_assignments_total ")
            )  # fmt: skip
            return float(line.split()[1])

        before = await assignments()
        await publish_moments(kafka, topics.moments, [*stuck, *flowing])
        started = time.monotonic()
        await wait_for(
            lambda: len(slack.event_ids(CHANNELS["spoed"])) >= 40,
            within=15,
            what="the other department, during the outage",
        )
        other_department = time.monotonic() - started
        assert len(slack.event_ids(CHANNELS["oncologie"])) < 40, "the outage was still on"
        slack.faults.delay_s = 0.0  # the outage ends
        await wait_for(
            lambda: len(slack.event_ids(CHANNELS["oncologie"])) >= 40,
            within=60,
            what="the department after its outage",
        )
        after = await assignments()
    print(f"outage: the other department was delivered in {other_department:.1f}s")
    assert other_department < 10
    assert after == before, "no rebalance: the consumer never left its group"
    assert slack.event_ids(CHANNELS["oncologie"]) == [str(m.event_id) for m in stuck]
    assert slack.event_ids(CHANNELS["spoed"]) == [str(m.event_id) for m in flowing]


async def test_posts_applied_but_answers_lost_are_found_not_reposted(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
) -> None:
    moments = moments_for(list(CHANNELS), 60)
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path), sqlite_url(tmp_path),
        slack.api_url,
    )  # fmt: skip
    slack.faults.drop_after_apply = 6  # applied, then the connection drops
    slack.faults.server_errors = 3  # 503s: retried with backoff
    async with running_in_process(config):
        await publish_moments(kafka, topics.moments, moments)
        await wait_for(
            lambda: all(
                len(slack.event_ids(c)) >= len(expected_ids(moments, d))
                for d, c in CHANNELS.items()
            ),
            within=60,
            what="every moment despite lost answers",
        )
        await wait_for(lambda: pending(tmp_path) == 0, within=10, what="an idle ledger")
    assert slack.faults.drop_after_apply == 0
    assert any(c.method == "conversations.history" for c in slack.calls), "looked before retrying"
    for department, channel in CHANNELS.items():
        assert slack.event_ids(channel) == expected_ids(moments, department)


async def test_unknown_department_is_a_dead_letter_until_the_network_file_knows_it(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
) -> None:
    network_file = write_network(tmp_path)
    config = settings(
        kafka, topics, unique_name("notify"), network_file, sqlite_url(tmp_path), slack.api_url
    )
    stray = moments_for(["radiologie"], 1, offset=20_000)[0]
    after = moments_for(["spoed"], 3, offset=20_001)
    async with running_in_process(config):
        await publish_moments(kafka, topics.moments, [stray, *after])
        await wait_for(
            lambda: len(slack.event_ids(CHANNELS["spoed"])) >= 3, within=30, what="the others"
        )
        [dead] = await read_topic(kafka, topics.dlq, at_least=1, within=20)
        data = network_data()
        data["organisations"][0]["departments"].append(
            {
                "id": "radiologie",
                "name": "Radiologie",
                "team_type": "non_oncology",
                "destinations": {"slack_channel": "C0RADI001", "wall": False},
            }
        )
        network_file.write_text(yaml.safe_dump(data), encoding="utf-8")
        replay = await asyncio.to_thread(mango, environment(config), "dlq", "replay")
        await wait_for(
            lambda: len(slack.event_ids("C0RADI001")) >= 1, within=20, what="the replayed moment"
        )
        await wait_for(lambda: pending(tmp_path) == 0, within=10, what="an idle ledger")
    headers = {k: v.decode() for k, v in dead.headers}
    assert headers["error-class"] == "Unroutable"
    assert headers["destination"] == "route:az-test/radiologie"
    assert replay.returncode == 0, replay.stderr
    assert slack.event_ids("C0RADI001") == [str(stray.event_id)]
