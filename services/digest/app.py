"""Composition root of digest.

    mango.moments.v1 --(group digest)--> digest --> store --> weekly email
                                                \\-> mango.digests.v1

Skeleton until the digest issue lands: consumes moments at-least-once and counts them.
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
from services.digest.settings import DigestSettings

MOMENTS_SEEN = Counter("mango_digest_moments_seen_total", "Moments consumed by digest.")


def build_app(settings: DigestSettings) -> Starlette:
    load_network(settings.network_file)
    broker = build_broker(settings.kafka, client_id="mango-digest")

    @subscribe(broker, MOMENTS, group_id=settings.group_id, settings=settings.kafka)
    async def on_moment_posted(moment: MomentPosted) -> None:
        MOMENTS_SEEN.inc()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with running_broker(broker, settings.kafka):
            yield

    return Starlette(
        routes=operational_routes("digest", {"broker": BrokerCheck(broker)}),
        lifespan=lifespan,
    )
