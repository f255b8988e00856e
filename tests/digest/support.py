"""Test helpers of digest: a real SMTP server (aiosmtpd), a fake Graph server, network files."""

import asyncio
import contextlib
import email
import email.policy
import threading
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import uvicorn
import yaml
from aiosmtpd.controller import Controller
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from schemas import DigestSent
from services.common.database import create_engine
from services.common.embedded_broker import free_port
from services.digest.adapters.store import Store
from tests.support import make_moment


@dataclass(frozen=True)
class Received:
    recipients: tuple[str, ...]
    message: EmailMessage

    @property
    def text(self) -> str:
        part = self.message.get_body(preferencelist=("plain",))
        assert part is not None
        return str(part.get_content())

    @property
    def html(self) -> str:
        part = self.message.get_body(preferencelist=("html",))
        assert part is not None
        return str(part.get_content())


DataHook = Callable[[int, Any], str | None]
"""Called with the 1-based number of the DATA command and the envelope; a reply ends it there."""


@dataclass
class SmtpSink:
    """What a real SMTP server received; `hook` can refuse or interrupt a given message."""

    port: int = 0
    received: list[Received] = field(default_factory=list)
    hook: DataHook | None = None
    data_count: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self._lock:
            self.data_count += 1
            number = self.data_count
        if self.hook is not None:
            reply = self.hook(number, envelope)
            if reply is not None:
                return reply
        self.store(envelope)
        return "250 Message accepted for delivery"

    def store(self, envelope: Any) -> None:
        parsed = email.message_from_bytes(envelope.content, policy=email.policy.default)
        assert isinstance(parsed, EmailMessage)
        with self._lock:
            self.received.append(Received(tuple(envelope.rcpt_tos), parsed))

    def to(self, recipient: str) -> list[Received]:
        with self._lock:
            return [r for r in self.received if recipient in r.recipients]

    def count(self) -> int:
        with self._lock:
            return len(self.received)


class ClosingController(Controller):
    """aiosmtpd's Controller, which also closes the connections still open when it stops.

    The stock one only stops listening: a connection a client left open is then closed by the
    garbage collector much later, as a ResourceWarning blamed on whichever test runs then.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.sessions: list[Any] = []

    def factory(self) -> Any:
        smtp = super().factory()  # type: ignore[no-untyped-call]
        self.sessions.append(smtp)
        return smtp

    async def _close_sessions(self) -> None:
        for smtp in self.sessions:
            transport = getattr(smtp, "transport", None)
            if transport is not None and not transport.is_closing():
                transport.close()
        for _ in range(3):  # let the transports run their connection_lost callbacks
            await asyncio.sleep(0)

    def stop(self, no_assert: bool = False) -> None:
        if self.loop.is_running():
            asyncio.run_coroutine_threadsafe(self._close_sessions(), self.loop).result(5)
        super().stop(no_assert)


@contextlib.contextmanager
def running_sink() -> Any:
    sink = SmtpSink(port=free_port())
    controller = ClosingController(sink, hostname="127.0.0.1", port=sink.port)
    controller.start()
    try:
        yield sink
    finally:
        controller.stop()


@dataclass
class FakeGraph:
    """Behaves like Graph's sendMail: 202 on success; scripted 429s (Retry-After) and 5xx first."""

    script: list[tuple[int, dict[str, str]]] = field(default_factory=list)
    requests: list[dict[str, Any]] = field(default_factory=list)
    paths: list[str] = field(default_factory=list)
    authorizations: list[str] = field(default_factory=list)
    accepted: list[dict[str, Any]] = field(default_factory=list)
    failing: dict[str, int] = field(default_factory=dict)
    """Recipient address -> status it always gets (a mailbox that keeps failing)."""
    base_url: str = ""

    async def send_mail(self, request: Request) -> Response:
        body = await request.json()
        # Graph reads action parameters case-insensitively; the SDK sends `Message`.
        body = {k[:1].lower() + k[1:]: v for k, v in body.items()}
        self.requests.append(body)
        self.paths.append(request.url.path)
        self.authorizations.append(request.headers.get("authorization", ""))
        if self.script:
            status, headers = self.script.pop(0)
            error = {
                "error": {
                    "code": "TooManyRequests" if status == 429 else "ServerError",
                    "message": "scripted failure",
                }
            }
            return JSONResponse(error, status_code=status, headers=headers)
        address = body["message"]["toRecipients"][0]["emailAddress"]["address"]
        if address in self.failing:
            error = {"error": {"code": "ErrorServerBusy", "message": "scripted failure"}}
            return JSONResponse(error, status_code=self.failing[address])
        self.accepted.append(body)
        return Response(status_code=202)

    def app(self) -> Starlette:
        return Starlette(
            routes=[Route("/v1.0/users/{user}/sendMail", self.send_mail, methods=["POST"])]
        )


@contextlib.asynccontextmanager
async def running_graph() -> AsyncIterator[FakeGraph]:
    graph = FakeGraph()
    port = free_port()
    config = uvicorn.Config(
        graph.app(), host="127.0.0.1", port=port, lifespan="off", log_config=None, ws="none"
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    while not server.started:
        if task.done():
            task.result()
        await asyncio.sleep(0.01)
    graph.base_url = f"http://127.0.0.1:{port}/v1.0"
    try:
        yield graph
    finally:
        server.should_exit = True
        await task


def organisation(
    org_id: str,
    *,
    name: str | None = None,
    language: str = "nl",
    timezone: str = "Europe/Brussels",
    departments: list[tuple[str, str, str]] | None = None,
    board: list[str] | None = None,
    partners: list[str] | None = None,
) -> dict[str, Any]:
    departments = departments or [
        ("onco", "Oncologie", "oncology"),
        ("geri", "Geriatrie", "non_oncology"),
    ]
    digests: dict[str, Any] = {}
    if board:
        digests["board"] = {"recipients": board, "weekday": "monday", "time": "08:00"}
    if partners:
        digests["partners"] = {
            "recipients": partners,
            "weekday": "monday",
            "time": "09:00",
            "when_empty": "skip",
        }
    return {
        "id": org_id,
        "name": name or org_id.upper(),
        "kind": "hospital",
        "language": language,
        "timezone": timezone,
        "ambassador": {"name": f"Ambassador {org_id}", "email": f"ambassador@{org_id}.example"},
        "departments": [{"id": d, "name": n, "team_type": t} for d, n, t in departments],
        "digests": digests,
    }


def write_network(folder: Path, organisations: list[dict[str, Any]]) -> Path:
    path = folder / "network.yaml"
    path.write_text(yaml.safe_dump({"organisations": organisations}, allow_unicode=True))
    return path


@contextlib.asynccontextmanager
async def store_with_a_moment(url: str) -> AsyncIterator[Store]:
    """A migrated digest store holding one moment of organisation `az` (department `onco`)."""
    engine = create_engine(url)
    try:
        store = Store(engine)
        await store.migrate()
        await store.save_moment(make_moment(1, organisation_id="az", department_id="onco"))
        yield store
    finally:
        await engine.dispose()


class Published(list[DigestSent]):
    """A `publish` for `DigestService` that keeps what it was given."""

    async def __call__(self, event: DigestSent) -> None:
        self.append(event)
