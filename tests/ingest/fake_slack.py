"""A small fake of the Slack Web API on 127.0.0.1, for the real `AsyncWebClient(base_url=...)`.

It answers `views.open` and `chat.postEphemeral` like Slack does (`{"ok": true, ...}`), takes
slash-command follow-ups on `response_url`s (`/commands/...`, answered `ok` like Slack's hooks),
and records every call, so tests can count them and look at what was sent.
"""

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qs

import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, PlainTextResponse
from starlette.routing import Route

from services.common.embedded_broker import free_port


@dataclass
class FakeSlack:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    url: str = ""
    """The Web API's base URL (`.../api/`)."""

    def of(self, method: str) -> list[dict[str, Any]]:
        return [args for name, args in self.calls if name == method]

    def response_url(self) -> str:
        """A fresh `response_url`, as Slack gives each slash command one."""
        return f"{self.url.removesuffix('api/')}commands/T0AZVB001/{uuid.uuid4().int % 10**13}/x"

    def follow_ups(self) -> list[str]:
        """The texts posted to `response_url`s, in order."""
        return [str(body.get("text")) for body in self.of("response_url")]

    def app(self) -> Starlette:
        async def api(request: Request) -> JSONResponse:
            method = request.path_params["method"]
            raw = await request.body()
            if request.headers.get("content-type", "").startswith("application/json"):
                args: dict[str, Any] = json.loads(raw or b"{}")
            else:
                args = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
            if not request.headers.get("authorization", "").startswith("Bearer "):
                return JSONResponse({"ok": False, "error": "not_authed"})
            self.calls.append((method, args))
            if method == "views.open":
                if not args.get("trigger_id"):
                    return JSONResponse({"ok": False, "error": "invalid_trigger_id"})
                view = args["view"] if isinstance(args["view"], dict) else json.loads(args["view"])
                return JSONResponse({"ok": True, "view": {"id": "V0FAKE", **view}})
            if method == "chat.postEphemeral":
                return JSONResponse({"ok": True, "message_ts": "1700000000.000100"})
            return JSONResponse({"ok": False, "error": "unknown_method"})

        async def hook(request: Request) -> PlainTextResponse:
            # Slack's hooks take JSON with no token and answer a plain `ok`.
            self.calls.append(("response_url", json.loads(await request.body())))
            return PlainTextResponse("ok")

        return Starlette(
            routes=[
                Route("/api/{method}", api, methods=["POST"]),
                Route("/commands/{rest:path}", hook, methods=["POST"]),
            ]
        )


@asynccontextmanager
async def serve(
    app: Any, port: int | None = None, grace_s: int | None = None
) -> AsyncIterator[str]:
    """Run an ASGI app with uvicorn on 127.0.0.1 (lifespan on); yields its base URL. At the end,
    requests still running after `grace_s` are cancelled, as `mango <service>` does."""
    port = port or free_port()
    server = uvicorn.Server(
        uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            lifespan="on",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=grace_s,
        )
    )
    task = asyncio.create_task(server.serve())
    try:
        while not server.started:
            if task.done():
                task.result()
                raise RuntimeError("server stopped at start")
            await asyncio.sleep(0.02)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


@asynccontextmanager
async def fake_slack() -> AsyncIterator[FakeSlack]:
    fake = FakeSlack()
    async with serve(fake.app()) as url:
        fake.url = url + "/api/"
        yield fake
