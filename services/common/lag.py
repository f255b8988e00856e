"""Consumer lag as a Prometheus gauge: records of a partition not yet processed by the group.

    mango_consumer_lag{topic, partition} = end offset - committed offset

The committed offset, not the position: consumers fetch ahead, but commit only after the work
is done (at-least-once), so this is the backlog that is really waiting.
"""

import asyncio
import logging
from typing import Any

from faststream.kafka import KafkaBroker
from prometheus_client import Gauge

log = logging.getLogger(__name__)

LAG = Gauge(
    "mango_consumer_lag",
    "Records published but not yet consumed by this process, per assigned partition.",
    ["topic", "partition"],
)
REQUEST_TIMEOUT_S = 2.0


async def backlog(broker: KafkaBroker) -> dict[tuple[str, int], int] | None:
    """Records still waiting per assigned (topic, partition), or None while a subscriber has
    no partitions yet. Raises on broker errors and after `REQUEST_TIMEOUT_S`."""
    waiting: dict[tuple[str, int], int] = {}
    for subscriber in broker.subscribers:
        consumer: Any = getattr(subscriber, "consumer", None)
        partitions = list(consumer.assignment()) if consumer is not None else []
        if not partitions:
            return None
        # asyncio.timeout, not wait_for: on Python 3.11 wait_for can swallow the cancellation
        # that stops a background task, and then shutdown waits for it forever.
        async with asyncio.timeout(REQUEST_TIMEOUT_S):
            ends = await consumer.end_offsets(partitions)
            for partition in partitions:
                done = await consumer.committed(partition)
                if done is None:  # the group never committed here: all of it is waiting
                    done = (await consumer.beginning_offsets([partition]))[partition]
                waiting[(partition.topic, partition.partition)] = max(0, ends[partition] - done)
    return waiting


async def track_lag(broker: KafkaBroker, every_s: float = 5.0) -> None:
    """Update `LAG` for every partition assigned to the broker's subscribers, forever."""
    while True:
        await asyncio.sleep(every_s)
        try:
            waiting = await backlog(broker)
        except Exception:  # a rebalance or a broker away: measured again next round
            log.debug("consumer lag not measured", exc_info=True)
            continue
        for (topic, partition), count in (waiting or {}).items():
            LAG.labels(topic, str(partition)).set(count)
