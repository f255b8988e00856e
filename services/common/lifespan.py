"""The broker part of every service's lifespan: create topics, connect, and close cleanly."""

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from faststream.kafka import KafkaBroker

from services.common.kafka import provision_topics
from services.common.lag import track_lag
from services.common.settings import KafkaSettings

PING_TIMEOUT_S = 1.5


@asynccontextmanager
async def running_broker(
    broker: KafkaBroker, settings: KafkaSettings
) -> AsyncIterator[KafkaBroker]:
    """Provision topics, start producer and subscribers (and lag metrics); on exit stop them."""
    await provision_topics(settings)
    await broker.start()
    lag = asyncio.create_task(track_lag(broker), name="consumer-lag")
    try:
        yield broker
    finally:
        lag.cancel()
        await asyncio.gather(lag, return_exceptions=True)
        await broker.stop()


class BrokerCheck:
    """Readiness probe: the broker answers a metadata request."""

    def __init__(self, broker: KafkaBroker) -> None:
        self._broker = broker

    async def __call__(self) -> bool:
        return await self._broker.ping(timeout=PING_TIMEOUT_S)
