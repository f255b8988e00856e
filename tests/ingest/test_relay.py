"""The relay against a real broker and both databases: the rows it is handed as they are
committed, the rows it must find in the table, and a hand-over that fails to publish."""

import asyncio
import datetime as dt
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from schemas import MomentPosted
from services.common.database import create_engine, migrate
from services.common.embedded_broker import EmbeddedBroker, free_port
from services.common.kafka import build_producer
from services.common.settings import KafkaSettings
from services.ingest.adapters.outbox import GroupCommit, OutboxStore, Pending
from services.ingest.adapters.relay import Relay
from tests.ingest.harness import consumer
from tests.support import KafkaUnderTest, make_moment, wait_for, wait_until

MIGRATIONS = Path(__file__).parents[2] / "services" / "ingest" / "migrations"
NOW = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)


class CountingReads(OutboxStore):
    """The real store, counting how often the relay reads the table."""

    reads = 0

    async def pending(self, limit: int) -> list[Pending]:
        self.reads += 1
        return await super().pending(limit)


class CommitsWhilePublishing(CountingReads):
    """The real store; while the relay marks its first batch sent, `meanwhile` runs."""

    meanwhile: Callable[[], Awaitable[object]] | None = None

    async def mark_sent(self, event_ids: list[str], now: dt.datetime) -> None:
        if self.meanwhile is not None:
            meanwhile, self.meanwhile = self.meanwhile, None
            await meanwhile()
        await super().mark_sent(event_ids, now)


@asynccontextmanager
async def relaying(
    database_url: str,
    kafka: KafkaSettings,
    topic: str,
    *,
    idle_poll_s: float,
    store_type: type[CountingReads] = CountingReads,
    max_handed: int = 10_000,
) -> AsyncIterator[tuple[CountingReads, Relay, GroupCommit]]:
    """A store, its relay (not started) and the group commit that hands the relay its rows."""
    engine = create_engine(database_url)
    await migrate(engine, MIGRATIONS)
    store = store_type(engine)
    relay = Relay(
        store,
        lambda: build_producer(kafka, client_id="test-relay"),
        kafka,
        topic,
        idle_poll_s=idle_poll_s,
        max_handed=max_handed,
    )
    writer = GroupCommit(store, on_new=relay.take)
    try:
        yield store, relay, writer
    finally:
        await relay.stop()
        await writer.stop()
        await store.close()
        await engine.dispose()


def unsent(store: OutboxStore, count: int) -> Callable[[], Awaitable[bool]]:
    async def check() -> bool:
        return (await store.depth())[0] == count

    return check


async def started(relay: Relay) -> None:
    """Start the relay and wait until it has connected to the broker."""
    await relay.start()
    await wait_for(lambda: relay.connected, within=30, what="the relay to connect")


def ids(moments: list[MomentPosted]) -> list[str]:
    return sorted(str(m.event_id) for m in moments)


@dataclass
class Published:
    """A fresh topic on the test broker and what a consumer has seen on it so far."""

    topic: str
    settings: KafkaSettings
    seen: list[MomentPosted] = field(default_factory=list)


@pytest.fixture
async def published(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
) -> AsyncIterator[Published]:
    topic = Published(await make_topic("relay"), kafka.settings())
    listener = consumer(topic.settings, topic.topic, unique_name("relay"), topic.seen)
    await listener.start()
    try:
        yield topic
    finally:
        await listener.stop()


async def test_rows_handed_over_are_published_once_without_reading_the_table_again(
    database_url: str, published: Published
) -> None:
    topic, settings, seen = published.topic, published.settings, published.seen
    async with relaying(database_url, settings, topic, idle_poll_s=60) as (
        store,
        relay,
        writer,
    ):
        left = [make_moment(n) for n in range(2)]  # left unsent by an earlier run
        assert await store.add_many([(m, NOW) for m in left]) == [True, True]
        await relay.start()
        await wait_for(lambda: len(seen) >= 2, within=30, what="the rows left in the table")
        reads = store.reads

        handed = [make_moment(n) for n in range(2, 5)]
        stored = await asyncio.gather(*(writer.add(m, NOW, within_s=5) for m in handed))
        assert stored == [True, True, True]
        await wait_for(lambda: len(seen) >= 5, within=30, what="the rows handed over")
        assert store.reads == reads  # published as handed over, not read back
        await wait_until(unsent(store, 0), what="every row marked sent")
        assert ids(seen) == ids([*left, *handed])  # each exactly once


async def test_a_row_handed_over_while_the_relay_publishes_is_not_left_for_the_poll(
    sqlite_url: str, published: Published
) -> None:
    topic, settings, seen = published.topic, published.settings, published.seen
    async with relaying(
        sqlite_url,
        settings,
        topic,
        idle_poll_s=60,
        store_type=CommitsWhilePublishing,
    ) as (store, relay, writer):
        assert isinstance(store, CommitsWhilePublishing)
        first, second = make_moment(1), make_moment(2)
        store.meanwhile = lambda: writer.add(second, NOW, within_s=5)
        await started(relay)
        assert await writer.add(first, NOW, within_s=5) is True
        # The second is committed and handed over while the first is being marked sent:
        # published at once, not at the idle poll a minute later.
        await wait_for(lambda: len(seen) >= 2, within=10, what="both moments")
        assert ids(seen) == ids([first, second])


async def test_rows_dropped_from_a_full_hand_over_are_read_from_the_table_at_once(
    sqlite_url: str, published: Published
) -> None:
    topic, settings, seen = published.topic, published.settings, published.seen
    async with relaying(
        sqlite_url,
        settings,
        topic,
        idle_poll_s=60,
        store_type=CommitsWhilePublishing,
        max_handed=2,
    ) as (store, relay, writer):
        assert isinstance(store, CommitsWhilePublishing)
        first, after = make_moment(1), make_moment(5)
        burst = [make_moment(n) for n in range(2, 5)]

        async def meanwhile() -> None:
            # Three at once overflow the hand-over (2): dropped, left to the table. One
            # more is handed over before the relay's next round.
            await asyncio.gather(*(writer.add(m, NOW, within_s=5) for m in burst))
            await writer.add(after, NOW, within_s=5)

        store.meanwhile = meanwhile
        await started(relay)
        assert await writer.add(first, NOW, within_s=5) is True
        await wait_for(lambda: len(seen) >= 5, within=10, what="all five moments")
        assert ids(seen) == ids([first, *burst, after])


async def test_rows_the_relay_was_not_handed_are_published_at_its_next_poll(
    sqlite_url: str, published: Published
) -> None:
    topic, settings, seen = published.topic, published.settings, published.seen
    async with relaying(sqlite_url, settings, topic, idle_poll_s=0.3) as (
        store,
        relay,
        _,
    ):
        await started(relay)
        # Written past the group commit (another ingest process on the same database).
        elsewhere = [make_moment(7)]
        assert await store.add_many([(elsewhere[0], NOW)]) == [True]
        await wait_for(lambda: len(seen) >= 1, within=30, what="the row from elsewhere")
        await wait_until(unsent(store, 0), what="the row marked sent")
        assert ids(seen) == ids(elsewhere)


async def test_a_hand_over_that_cannot_be_published_waits_in_the_table(
    sqlite_url: str, kafka: KafkaUnderTest
) -> None:
    port = free_port()
    topic = "mango.moments.v1.relay-outage"
    settings = kafka.settings(
        bootstrap_servers=f"127.0.0.1:{port}", idempotence=False, request_timeout_ms=1500
    )
    async with relaying(sqlite_url, settings, topic, idle_poll_s=60) as (store, relay, writer):
        with EmbeddedBroker(port=port):
            await started(relay)
            await asyncio.sleep(0.5)  # its first read of the (empty) table is done: caught up
        # The broker is gone; these are handed over, and their publish fails.
        moments = [make_moment(n) for n in range(3)]
        stored = await asyncio.gather(*(writer.add(m, NOW, within_s=5) for m in moments))
        assert stored == [True, True, True]
        await wait_for(lambda: not relay.connected, within=30, what="the publish to fail")
        assert (await store.depth())[0] == 3

        with EmbeddedBroker(port=port):
            seen: list[MomentPosted] = []
            # The consumer's own timeouts (a group join outlasts the relay's 1.5 s).
            listening = kafka.settings(bootstrap_servers=f"127.0.0.1:{port}", idempotence=False)
            listener = consumer(listening, topic, "relay-outage", seen)
            await wait_for(lambda: relay.connected, within=30, what="the relay to reconnect")
            await listener.start()
            try:
                await wait_for(lambda: len(seen) >= 3, within=30, what="the rows from the table")
                await wait_until(unsent(store, 0), what="the rows marked sent")
            finally:
                await listener.stop()
        assert ids(seen) == ids(moments)
