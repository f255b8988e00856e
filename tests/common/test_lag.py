"""Consumer lag is measured on the real broker: it rises with a backlog and falls to zero."""

import asyncio
from collections.abc import Awaitable, Callable

import pytest
from prometheus_client import REGISTRY

from schemas import MomentPosted
from services.common.kafka import build_broker, publish, subscribe
from services.common.lag import track_lag
from tests.support import KafkaUnderTest, make_moment, wait_for

pytestmark = pytest.mark.connected


def lag(topic: str) -> float:
    total = 0.0
    for partition in range(3):
        value = REGISTRY.get_sample_value(
            "mango_consumer_lag", {"topic": topic, "partition": str(partition)}
        )
        total += value or 0.0
    return total


async def test_lag_rises_with_a_backlog_and_falls_to_zero(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
) -> None:
    topic = await make_topic("lag")
    release = asyncio.Event()
    handled: list[str] = []
    consumer = build_broker(kafka.settings(), client_id="test-lag")

    @subscribe(consumer, topic, group_id=unique_name("group"), settings=kafka.settings())
    async def on_moment_posted(moment: MomentPosted) -> None:
        await release.wait()
        handled.append(str(moment.event_id))

    producer = build_broker(kafka.settings(), client_id="test-lag-producer")
    await producer.start()
    await consumer.start()
    tracker = asyncio.create_task(track_lag(consumer, every_s=0.1))
    try:
        for n in range(10):  # one organisation: one partition, in order
            await publish(producer, topic, make_moment(n), key="az-voorbeeld")
        await wait_for(lambda: lag(topic) >= 9, within=30, what="lag to show the backlog")
        release.set()
        await wait_for(lambda: len(handled) == 10, within=30, what="the backlog consumed")
        await wait_for(lambda: lag(topic) == 0, within=30, what="lag back to zero")
    finally:
        release.set()
        tracker.cancel()
        await asyncio.gather(tracker, return_exceptions=True)
        await consumer.stop()
        await producer.stop()
