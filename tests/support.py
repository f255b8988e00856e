"""Helpers for tests (fixtures live in conftest.py)."""

import asyncio
import datetime as dt
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from schemas import MomentPosted, derive_event_id, pseudonymise
from services.common.settings import KafkaSettings


@dataclass(frozen=True)
class KafkaUnderTest:
    bootstrap_servers: str
    kind: str  # "external", "testcontainers" or "tansu"
    idempotence: bool
    start_seconds: float

    def settings(self, **overrides: object) -> KafkaSettings:
        values: dict[str, object] = {
            "bootstrap_servers": self.bootstrap_servers,
            "idempotence": self.idempotence,
            "partitions": 3,
            "session_timeout_ms": 6000,
            "heartbeat_interval_ms": 500,
        }
        values.update(overrides)
        return KafkaSettings.model_validate(values)


async def wait_for(
    condition: Callable[[], bool], *, within: float = 10.0, what: str = "condition"
) -> None:
    """Wait on a condition with a deadline, instead of sleep-and-hope."""
    deadline = time.monotonic() + within
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.05)


def make_moment(n: int = 0, /, **overrides: object) -> MomentPosted:
    """A synthetic, valid `MomentPosted`; `n` makes the source id (and so the event id) unique."""
    values: dict[str, object] = {
        "event_id": derive_event_id("web", "test", str(n)),
        "occurred_at": dt.datetime(2026, 11, 23, 9, 30, tzinfo=dt.UTC) + dt.timedelta(minutes=n),
        "organisation_id": "az-voorbeeld",
        "department_id": "oncologie",
        "team_type": "oncology",
        "kind": "moment",
        "beneficiary": "patient",
        "text": f"Synthetic moment number {n}: we sang for a patient on her birthday.",
        "language": "nl",
        "author": {"display_name": "Test Author", "ref": pseudonymise(b"test-key", "web", "u1")},
        "source": {"platform": "web", "reference": f"web/test/{n}"},
    }
    values.update(overrides)
    return MomentPosted.model_validate(values)


async def wait_until(
    check: Callable[[], Awaitable[bool]], *, within: float = 10.0, what: str = "condition"
) -> None:
    """`wait_for` for a condition that must be awaited (an HTTP call, a query)."""
    deadline = time.monotonic() + within
    while not await check():
        if time.monotonic() > deadline:
            raise AssertionError(f"timed out after {within}s waiting for {what}")
        await asyncio.sleep(0.1)


class StallingProxy:
    """A TCP relay on 127.0.0.1 in front of a server whose answers can be held back: a
    database that stops answering in the middle of a transaction, then answers again."""

    def __init__(self, host: str, port: int) -> None:
        self._target = (host, port)
        self._answering = asyncio.Event()
        self._answering.set()
        self._pipes: set[asyncio.Task[None]] = set()
        self._server: asyncio.Server | None = None
        self.port = 0

    async def __aenter__(self) -> "StallingProxy":
        self._server = await asyncio.start_server(self._connected, "127.0.0.1", 0)
        self.port = self._server.sockets[0].getsockname()[1]
        return self

    async def __aexit__(self, *_: object) -> None:
        self._answering.set()
        assert self._server is not None
        self._server.close()
        for pipe in self._pipes:
            pipe.cancel()
        await asyncio.gather(*self._pipes, return_exceptions=True)

    def stall(self) -> None:
        """From now on the server's answers wait in the proxy (requests still get through)."""
        self._answering.clear()

    def resume(self) -> None:
        self._answering.set()

    async def _connected(self, client: asyncio.StreamReader, back: asyncio.StreamWriter) -> None:
        server, forth = await asyncio.open_connection(*self._target)
        for pipe in (self._pipe(client, forth, held=False), self._pipe(server, back, held=True)):
            task = asyncio.create_task(pipe)
            self._pipes.add(task)
            task.add_done_callback(self._pipes.discard)

    async def _pipe(
        self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter, *, held: bool
    ) -> None:
        try:
            while data := await reader.read(65536):
                if held:
                    await self._answering.wait()
                writer.write(data)
                await writer.drain()
        except ConnectionError:
            pass
        finally:
            writer.close()
