"""Operational HTTP endpoints every service exposes: `/healthz`, `/readyz`, `/metrics`."""

import asyncio
import logging
from collections.abc import Awaitable, Callable, Mapping

from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

log = logging.getLogger(__name__)

ReadinessCheck = Callable[[], Awaitable[bool]]
CHECK_TIMEOUT_S = 2.0


def operational_routes(service: str, checks: Mapping[str, ReadinessCheck]) -> list[Route]:
    """`/healthz` = the process answers; `/readyz` = every check passes (503 naming the failing)."""

    async def healthz(_: Request) -> Response:
        return JSONResponse({"status": "ok", "service": service})

    async def readyz(_: Request) -> Response:
        results = dict(
            zip(checks, await asyncio.gather(*(_run(c) for c in checks.values())), strict=True)
        )
        ready = all(results.values())
        body = {"status": "ready" if ready else "unready", "service": service, "checks": results}
        return JSONResponse(body, status_code=200 if ready else 503)

    async def metrics(_: Request) -> Response:
        return Response(generate_latest(), media_type=CONTENT_TYPE_LATEST)

    return [
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", metrics, methods=["GET"]),
    ]


async def _run(check: ReadinessCheck) -> bool:
    try:
        async with asyncio.timeout(CHECK_TIMEOUT_S):
            return await check()
    except Exception:  # a failing probe means "not ready", never a 500
        log.warning("readiness check failed", exc_info=True)
        return False
