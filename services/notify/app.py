"""Composition root of notify.

    mango.moments.v1 --(group notify)--> notify --> Slack / Teams / wall
                                                \\-> mango.deliveries.v1, mango.moments.v1.dlq

Skeleton until the notify issue lands: consumes moments at-least-once and counts them.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from prometheus_client import Counter
from starlette.applications import Starlette

from schemas import MOMENTS, MomentPosted
from services.common.http import operational_routes
from services.common.kafka import build_broker, subscribe
from services.common.lifespan import BrokerCheck, running_broker
from services.common.network_file import load_network
from services.notify.settings import NotifySettings

MOMENTS_SEEN = Counter("mango_notify_moments_seen_total", "Moments consumed by notify.")


def build_app(settings: NotifySettings) -> Starlette:
    load_network(settings.network_file)
    broker = build_broker(settings.kafka, client_id="mango-notify")

    @subscribe(broker, MOMENTS, group_id=settings.group_id, settings=settings.kafka)
    async def on_moment_posted(moment: MomentPosted) -> None:
        MOMENTS_SEEN.inc()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with running_broker(broker, settings.kafka):
            yield

    return Starlette(
        routes=operational_routes("notify", {"broker": BrokerCheck(broker)}),
        lifespan=lifespan,
    )
