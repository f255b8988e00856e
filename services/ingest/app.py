"""Composition root of ingest.

    Slack / Teams / web form --HTTP--> ingest --> mango.moments.v1

Skeleton until the ingest issue lands: health, readiness and metrics only.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from starlette.applications import Starlette

from services.common.http import operational_routes
from services.common.kafka import build_broker
from services.common.lifespan import BrokerCheck, running_broker
from services.common.network_file import load_network
from services.ingest.settings import IngestSettings


def build_app(settings: IngestSettings) -> Starlette:
    load_network(settings.network_file)
    broker = build_broker(settings.kafka, client_id="mango-ingest")

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        async with running_broker(broker, settings.kafka):
            yield

    return Starlette(
        routes=operational_routes("ingest", {"broker": BrokerCheck(broker)}),
        lifespan=lifespan,
    )
