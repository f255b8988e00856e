"""The relay: publishes pending outbox rows to Kafka, oldest first, and marks them sent.

Kafka down or slow never reaches the user: posts wait in the outbox and the relay reconnects
with a capped backoff. A row is marked sent only after the broker acknowledged it (acks=all), so
nothing is lost; if the process dies between the two, the row is published again with the same
`event_id`, which consumers deduplicate (their ledgers are keyed by it).
"""

import asyncio
import contextlib
import datetime as dt
import logging
import sqlite3
import time
from collections import deque
from collections.abc import Callable

from aiokafka import AIOKafkaProducer
from prometheus_client import Counter, Gauge
from sqlalchemy.exc import SQLAlchemyError

from schemas.events import MomentPosted
from services.common.kafka import StoredEvent, provision_topics, publish_stored
from services.common.settings import KafkaSettings
from services.ingest.adapters.outbox import OutboxStore, Pending

log = logging.getLogger(__name__)

OUTBOX_DEPTH = Gauge("mango_ingest_outbox_depth", "Accepted moments not yet published.")
OUTBOX_OLDEST = Gauge(
    "mango_ingest_outbox_oldest_pending_seconds", "Age of the oldest unpublished moment."
)
PUBLISHED = Counter("mango_ingest_published_total", "Moments published to Kafka.")
PUBLISH_FAILURES = Counter(
    "mango_ingest_publish_failures_total", "Failed attempts to reach or publish to Kafka."
)

DATABASE_ERRORS = (SQLAlchemyError, sqlite3.Error)
"""What the outbox raises when the database is away (the producer is not at fault then)."""

MAX_BACKOFF_S = 5.0
LINGER_S = 0.05
"""After a wake-up, wait this long so that one batch (one query, one update) carries many."""
MAX_HANDED = 10_000
"""Committed rows held in memory for the fast path; past this, the relay reads the table."""
METRICS_EVERY_S = 1.0


class Relay:
    def __init__(
        self,
        store: OutboxStore,
        producer_factory: Callable[[], AIOKafkaProducer],
        kafka: KafkaSettings,
        topic: str,
        *,
        batch: int = 100,
        idle_poll_s: float = 1.0,
        max_handed: int = MAX_HANDED,
        clock: Callable[[], dt.datetime] = lambda: dt.datetime.now(dt.UTC),
    ) -> None:
        self._store = store
        self._factory = producer_factory
        self._kafka = kafka
        self._topic = topic
        self._batch = batch
        self._idle_poll_s = idle_poll_s
        self._clock = clock
        self._wake = asyncio.Event()
        self._producer: AIOKafkaProducer | None = None
        self._task: asyncio.Task[None] | None = None
        self._metrics_at = 0.0
        self._wakes = 0  # moments added so far: tells a depth read that raced with one
        # The fast path: rows handed over as they are committed, published without reading
        # them back. Used only while the table holds nothing older (`_caught_up`).
        self._handed: deque[Pending] = deque()
        self._max_handed = max_handed
        self._dropped = 0  # hand-overs dropped so far (too many waiting): the table has them
        self._caught_up = False
        self.connected = False

    def take(self, rows: list[Pending]) -> None:
        """Rows just committed: count them and publish them now instead of at the next poll."""
        if not rows:
            return
        OUTBOX_DEPTH.inc(len(rows))
        self._wakes += len(rows)
        self._handed.extend(rows)
        if len(self._handed) > self._max_handed:  # far behind: the table has them all
            self._handed.clear()
            self._dropped += 1
            self._caught_up = False
        self._wake.set()

    async def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="ingest-relay")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            try:
                await self._task
            except asyncio.CancelledError:
                pass
            self._task = None
        await self._disconnect()

    async def _run(self) -> None:
        backoff = 0.2
        while True:
            try:
                # Connected even when idle, so that readiness tells whether Kafka is reachable.
                await self._connect()
                self._wake.clear()  # what is handed over from here on wakes the next round
                published = await self.publish_pending()
                backoff = 0.2
            except Exception as exc:  # broker or database trouble: keep the rows, retry later
                database = isinstance(exc, DATABASE_ERRORS)
                PUBLISH_FAILURES.inc()
                log.warning(
                    "relay could not publish; will retry",
                    extra={
                        "error": type(exc).__name__,
                        "cause": "database" if database else "kafka",
                        "retry_in_s": backoff,
                    },
                )
                if not database:  # the producer is fine: readiness must not blame Kafka
                    await self._disconnect()
                # The depth matters most during an outage: keep the gauge true to the outbox.
                with contextlib.suppress(Exception):
                    await self.refresh_metrics()
                await asyncio.sleep(backoff)
                backoff = min(backoff * 2, MAX_BACKOFF_S)
                continue
            if published < self._batch:
                if time.monotonic() - self._metrics_at > METRICS_EVERY_S:
                    await self.refresh_metrics()
                try:
                    async with asyncio.timeout(self._idle_poll_s):
                        await self._wake.wait()
                    await asyncio.sleep(LINGER_S)
                except TimeoutError:  # quiet: read the table (rows another process added)
                    self._caught_up = False

    async def publish_pending(self) -> int:
        """Publish one batch, oldest first; returns how many rows it held.

        Caught up, the batch is the rows handed over since; otherwise it is read from the
        table. Every row handed over is committed, so none is lost when the hand-over is
        dropped. A row that was both handed over and read from the table is published once;
        only a hand-over that lands after the table's batch was published (a few event-loop
        turns late) can publish a row twice, which consumers deduplicate by `event_id`.
        """
        dropped = self._dropped  # a hand-over dropped meanwhile sends the next round to the table
        if self._caught_up and self._handed:
            count = min(self._batch, len(self._handed))
            rows = [self._handed.popleft() for _ in range(count)]
            self._caught_up = False  # until this batch is through
            await self._publish(rows)
            self._caught_up = self._dropped == dropped
            return count
        # Everything committed until now is in the table; what lands from here on is handed
        # over as well.
        self._handed.clear()
        self._caught_up = False
        rows = await self._store.pending(self._batch)
        await self._publish(rows)
        if len(rows) < self._batch:  # the table held nothing more: switch to the hand-over
            published = {r.event_id for r in rows}
            self._handed = deque(r for r in self._handed if r.event_id not in published)
            self._caught_up = self._dropped == dropped
        return len(rows)

    async def _publish(self, rows: list[Pending]) -> None:
        """Publish and mark sent; rows the broker refused count an attempt, then raise."""
        if not rows:
            return
        producer = await self._connect()
        # The committed bytes, in order, batched per partition; marked sent only once acked.
        results = await publish_stored(
            producer,
            self._topic,
            [
                StoredEvent(
                    key=r.organisation_id,
                    payload=r.payload.encode(),
                    event_type=MomentPosted.__name__,
                    correlation_id=r.event_id,
                )
                for r in rows
            ],
        )
        sent = [r.event_id for r, result in zip(rows, results, strict=True) if result is None]
        if sent:
            await self._store.mark_sent(sent, self._clock())
            PUBLISHED.inc(len(sent))
            OUTBOX_DEPTH.dec(len(sent))
            log.info("moments published", extra={"count": len(sent)})
        failed = [r for r, result in zip(rows, results, strict=True) if result is not None]
        for row in failed:
            await self._store.count_attempt(row.event_id)
        if failed:
            raise next(r for r in results if r is not None)

    async def reachable(self, timeout_s: float = 1.5) -> bool:
        """Kafka answers this relay's producer (False while it is away or not yet connected)."""
        producer = self._producer
        if producer is None:
            return False
        try:
            async with asyncio.timeout(timeout_s):
                await producer.client.fetch_all_metadata()
        except Exception:  # unreachable, timed out, or closed meanwhile: all mean "not ready"
            return False
        return True

    async def refresh_metrics(self) -> None:
        self._metrics_at = time.monotonic()
        added = self._wakes
        depth, oldest = await self._store.depth()
        # A moment added while the count was read may be missing from it: setting the gauge
        # then would undo that moment's increment. Keep the counted value until a quiet read.
        if self._wakes == added:
            OUTBOX_DEPTH.set(depth)
        OUTBOX_OLDEST.set((self._clock() - oldest).total_seconds() if oldest else 0)

    async def _connect(self) -> AIOKafkaProducer:
        if self._producer is None:
            producer = self._factory()
            try:
                await provision_topics(self._kafka, [self._topic])
                await producer.start()
            except BaseException:
                await _quietly_stop(producer)
                raise
            self._producer = producer
            self.connected = True
            log.info("relay connected to Kafka")
        return self._producer

    async def _disconnect(self) -> None:
        producer, self._producer = self._producer, None
        self.connected = False
        if producer is not None:
            await _quietly_stop(producer)


async def _quietly_stop(producer: AIOKafkaProducer) -> None:
    try:
        await producer.stop()
    except Exception:  # closing a broken connection may fail too; nothing to keep
        log.debug("producer stop failed", exc_info=True)
