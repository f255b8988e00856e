"""Local fake servers that behave like the platforms, for the real clients to talk to."""

import asyncio
import random
import time
from dataclasses import dataclass, field
from typing import Self

from aiohttp import web

__all__ = ["FakeServer", "Faults", "drop_connection"]


@dataclass
class Faults:
    """What a fake does to the calls it receives. Change fields while it runs."""

    rate_limited_fraction: float = 0.0  # this share of calls gets 429 + Retry-After ...
    rate_limited_until: float = 0.0  # ... until this time.monotonic()
    retry_after_s: int = 1
    server_errors: int = 0  # the next N calls get a 503
    # the next calls get these pages instead of JSON, as a proxy or a gateway answers:
    # (status, content type)
    pages: list[tuple[int, str]] = field(default_factory=list)
    drop_after_apply: int = 0  # the next N posts are applied, then the connection is dropped
    delay_s: float = 0.0  # every answer waits this long
    slow_targets: set[str] = field(default_factory=set)  # ... or only these channels/webhooks
    seed: int = 7

    def __post_init__(self) -> None:
        self._random = random.Random(self.seed)

    def rate_limit(self, fraction: float, for_s: float, retry_after_s: int = 1) -> None:
        self.rate_limited_fraction = fraction
        self.rate_limited_until = time.monotonic() + for_s
        self.retry_after_s = retry_after_s

    def limited_now(self) -> bool:
        if time.monotonic() >= self.rate_limited_until:
            return False
        return self._random.random() < self.rate_limited_fraction

    def take_server_error(self) -> bool:
        if self.server_errors > 0:
            self.server_errors -= 1
            return True
        return False

    def take_page(self) -> tuple[int, str] | None:
        return self.pages.pop(0) if self.pages else None

    def take_drop(self) -> bool:
        if self.drop_after_apply > 0:
            self.drop_after_apply -= 1
            return True
        return False

    async def delay(self, target: str) -> None:
        if self.delay_s and (not self.slow_targets or target in self.slow_targets):
            await asyncio.sleep(self.delay_s)


class FakeServer:
    """An aiohttp server on 127.0.0.1 (random port) in the test's event loop."""

    def __init__(self) -> None:
        self.faults = Faults()
        self.app = web.Application()
        self._runner: web.AppRunner | None = None
        self.port = 0

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    async def start(self) -> Self:
        self._runner = web.AppRunner(self.app, access_log=None)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        self.port = int(self._runner.addresses[0][1])
        return self

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

    async def __aenter__(self) -> Self:
        return await self.start()

    async def __aexit__(self, *_: object) -> None:
        await self.stop()


def drop_connection(request: web.Request) -> web.Response:
    """Close the socket without answering: the client sees a dropped connection."""
    if request.transport is not None:
        request.transport.abort()
    raise asyncio.CancelledError  # aiohttp stops handling this request quietly
