"""Proof that data flows through the real broker with the guarantees services rely on."""

import asyncio
import json
from collections import Counter
from collections.abc import Awaitable, Callable

import pytest
from aiokafka import AIOKafkaConsumer, ConsumerRecord
from faststream.kafka import KafkaBroker

from schemas import MomentPosted
from services.common.kafka import (
    StoredEvent,
    build_broker,
    build_producer,
    provision_topics,
    publish,
    publish_stored,
    subscribe,
)
from tests.support import KafkaUnderTest, make_moment, wait_for

pytestmark = pytest.mark.connected


async def publish_moments(kafka: KafkaUnderTest, topic: str, moments: list[MomentPosted]) -> None:
    producer = build_broker(kafka.settings(), client_id="test-producer")
    await producer.start()
    try:
        for moment in moments:
            await publish(producer, topic, moment, key=moment.organisation_id)
    finally:
        await producer.stop()


def consumer(
    kafka: KafkaUnderTest,
    topic: str,
    group: str,
    handle: Callable[[MomentPosted], Awaitable[None]],
) -> KafkaBroker:
    broker = build_broker(kafka.settings(), client_id=f"test-{group}")

    @subscribe(broker, topic, group_id=group, settings=kafka.settings())
    async def on_moment_posted(moment: MomentPosted) -> None:
        await handle(moment)

    return broker


async def test_committed_events_are_not_redelivered_after_restart(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
) -> None:
    topic = await make_topic("moments")
    group = unique_name("group")
    seen: list[int] = []

    async def record(moment: MomentPosted) -> None:
        seen.append(int(moment.source.reference.rsplit("/", 1)[1]))

    await publish_moments(kafka, topic, [make_moment(n) for n in range(10)])
    first = consumer(kafka, topic, group, record)
    await first.start()
    await wait_for(lambda: len(seen) == 10, within=30, what="10 events")
    await first.stop()

    # Restarted in the same group, it gets only what was published after the commit.
    await publish_moments(kafka, topic, [make_moment(100)])
    second = consumer(kafka, topic, group, record)
    await second.start()
    try:
        await wait_for(lambda: 100 in seen, within=30, what="the event published after restart")
    finally:
        await second.stop()
    assert sorted(seen) == [*range(10), 100]


async def test_two_consumers_in_a_group_split_partitions_and_see_each_event_once(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
) -> None:
    topic = await make_topic("moments")
    group = unique_name("group")
    seen: dict[str, list[str]] = {"a": [], "b": []}

    def recorder(name: str) -> Callable[[MomentPosted], Awaitable[None]]:
        async def record(moment: MomentPosted) -> None:
            seen[name].append(str(moment.event_id))

        return record

    a = consumer(kafka, topic, group, recorder("a"))
    b = consumer(kafka, topic, group, recorder("b"))
    await a.start()
    await b.start()
    try:
        subscribers = [next(iter(x.subscribers)) for x in (a, b)]
        await wait_for(
            lambda: all(s.consumer and s.consumer.assignment() for s in subscribers),  # type: ignore[attr-defined]
            within=30,
            what="both consumers to get partitions",
        )
        # Keys spread over organisations, so every partition gets events.
        moments = [make_moment(n, organisation_id=f"org-{n % 9}") for n in range(90)]
        await publish_moments(kafka, topic, moments)
        await wait_for(lambda: len(seen["a"]) + len(seen["b"]) >= 90, within=30, what="90 events")
    finally:
        await a.stop()
        await b.stop()
    together = Counter(seen["a"] + seen["b"])
    assert set(together) == {str(m.event_id) for m in moments}
    assert max(together.values()) == 1, "an event was seen twice"
    assert seen["a"], "consumer a got no partition"
    assert seen["b"], "consumer b got no partition"


async def test_a_failing_handler_sees_the_event_again(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
) -> None:
    topic = await make_topic("moments")
    attempts: Counter[int] = Counter()
    done: list[int] = []

    async def flaky(moment: MomentPosted) -> None:
        n = int(moment.source.reference.rsplit("/", 1)[1])
        attempts[n] += 1
        if n == 2 and attempts[n] == 1:
            raise ConnectionError("database went away mid-handler")
        done.append(n)

    await publish_moments(kafka, topic, [make_moment(n) for n in range(5)])
    broker = consumer(kafka, topic, unique_name("group"), flaky)
    await broker.start()
    try:
        await wait_for(lambda: len(done) == 5, within=30, what="all 5 events handled")
    finally:
        await broker.stop()
    assert attempts[2] == 2
    assert done == [0, 1, 2, 3, 4], "order within a partition is kept across the retry"


async def test_provisioning_is_idempotent(
    kafka: KafkaUnderTest, unique_name: Callable[[str], str]
) -> None:
    names = [unique_name("a"), unique_name("b")]
    settings = kafka.settings(partitions=4)
    assert sorted(await provision_topics(settings, names)) == sorted(names)
    assert await provision_topics(settings, names) == []
    # Concurrent provisioning by several replicas does not fail either.
    third = unique_name("c")
    results = await asyncio.gather(*(provision_topics(settings, [third]) for _ in range(3)))
    assert sum(len(r) for r in results) >= 1
    moment = make_moment(7)
    await publish_moments(kafka, third, [moment])


async def read_records(kafka: KafkaUnderTest, topic: str, count: int) -> list[ConsumerRecord]:
    """Every record of `topic`, read raw (bytes, headers, partition, offset)."""
    reader = AIOKafkaConsumer(
        topic, bootstrap_servers=kafka.bootstrap_servers, auto_offset_reset="earliest"
    )
    await reader.start()
    records: list[ConsumerRecord] = []
    try:
        async with asyncio.timeout(30):
            while len(records) < count:
                for batch in (await reader.getmany(timeout_ms=500)).values():
                    records.extend(batch)
    finally:
        await reader.stop()
    return records


async def test_stored_events_arrive_byte_for_byte_in_order_on_the_same_partitions_as_publish(
    kafka: KafkaUnderTest, make_topic: Callable[[str], Awaitable[str]]
) -> None:
    """`publish_stored` (the outbox relay's way) and `publish` agree on partition and headers;
    more than one producer batch (> 16 KiB per partition) arrives complete and in order."""
    topic = await make_topic("stored")
    organisations = ["org-a", "org-b", "org-c", "org-d"]
    moments = [
        make_moment(n, organisation_id=organisations[n % 4], text=f"{n} " + "x" * 900)
        for n in range(60)
    ]
    stored = [
        StoredEvent(
            key=m.organisation_id,
            payload=m.model_dump_json().encode(),
            event_type="MomentPosted",
            correlation_id=str(m.event_id),
        )
        for m in moments
    ]
    producer = build_producer(kafka.settings(), client_id="test-stored")
    await producer.start()
    try:
        assert await publish_stored(producer, topic, stored) == [None] * 60
    finally:
        await producer.stop()
    published = [make_moment(100 + i, organisation_id=o) for i, o in enumerate(organisations)]
    await publish_moments(kafka, topic, published)

    records = await read_records(kafka, topic, 64)
    assert len(records) == 64
    by_reference = {json.loads(r.value)["source"]["reference"]: r for r in records}
    partition_of = {
        m.organisation_id: by_reference[m.source.reference].partition for m in published
    }
    for m, event in zip(moments, stored, strict=True):
        record = by_reference[m.source.reference]
        assert record.value == event.payload
        assert record.key == m.organisation_id.encode()
        assert record.partition == partition_of[m.organisation_id]
        assert dict(record.headers) == {
            "content-type": b"application/json",
            "event-type": b"MomentPosted",
            "correlation_id": str(m.event_id).encode(),
        }
    for organisation in organisations:
        ours = [m for m in moments if m.organisation_id == organisation]
        offsets = [by_reference[m.source.reference].offset for m in ours]
        assert offsets == sorted(offsets)
