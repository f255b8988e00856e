"""A small fake of the Slack Web API on 127.0.0.1, for the real `AsyncWebClient(base_url=...)`.

It answers `views.open` and `chat.postEphemeral` like Slack does (`{"ok": true, ...}`), takes
slash-command follow-ups on `response_url`s (`/commands/...`, answered `ok` like Slack's hooks),
and records every call, so tests can count them and look at what was sent. Like Slack, it
refuses a view that breaks Block Kit's limits (`invalid_arguments`, with where and why).
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
from services.common.runner import server_config
from services.common.settings import ServiceSettings


def view_problems(view: dict[str, Any]) -> list[str]:
    """Block Kit's limits for the parts of a modal ingest uses, as Slack reports them.

    From Slack's reference: a modal's title, submit and close at most 24 characters, at most 100
    blocks and 3,000 characters of private metadata; an input's label and hint at most 2,000; a
    plain-text input's `max_length` 1 to 3,000; a select at most 100 options, a checkbox group
    at most 10; an option's text and description at most 75 characters, its value 150.
    """
    problems: list[str] = []

    def check(ok: bool, message: str, pointer: str) -> None:
        if not ok:
            problems.append(f"[ERROR] {message} [json-pointer:/view{pointer}]")

    def text_at_most(obj: dict[str, Any] | None, limit: int, pointer: str) -> None:
        if obj is not None:
            text = str(obj.get("text", ""))
            check(1 <= len(text) <= limit, f"must be 1 to {limit} characters", f"{pointer}/text")

    for key in ("title", "submit", "close"):
        text_at_most(view.get(key), 24, f"/{key}")
    check(len(view.get("private_metadata", "")) <= 3000, "too long", "/private_metadata")
    blocks = view.get("blocks", [])
    check(len(blocks) <= 100, "must have at most 100 items", "/blocks")
    for b, block in enumerate(blocks):
        at = f"/blocks/{b}"
        text_at_most(block.get("label"), 2000, f"{at}/label")
        text_at_most(block.get("hint"), 2000, f"{at}/hint")
        element = block.get("element") or {}
        kind = element.get("type")
        if kind == "plain_text_input":
            if "max_length" in element:
                check(
                    1 <= element["max_length"] <= 3000,
                    "must be 1 to 3000",
                    f"{at}/element/max_length",
                )
        options = element.get("options", [])
        if kind in ("static_select", "checkboxes"):
            most = 100 if kind == "static_select" else 10
            check(
                1 <= len(options) <= most, f"must have 1 to {most} items", f"{at}/element/options"
            )
        for o, option in enumerate(options):
            where = f"{at}/element/options/{o}"
            text_at_most(option.get("text"), 75, f"{where}/text")
            text_at_most(option.get("description"), 75, f"{where}/description")
            check(len(option.get("value", "")) <= 150, "too long", f"{where}/value")
    return problems


@dataclass
class FakeSlack:
    calls: list[tuple[str, dict[str, Any]]] = field(default_factory=list)
    refused: list[list[str]] = field(default_factory=list)
    """What was wrong with each view Slack would have refused."""
    directory: dict[str, str] = field(
        default_factory=lambda: {"U0COLLEGA": "Sofie Claes", "U0JANP001": "Jan Peeters"}
    )
    """The workspace's people (`users.info`): id -> display name."""
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
            args.update(request.query_params)  # GET methods (users.info) take query parameters
            if not request.headers.get("authorization", "").startswith("Bearer "):
                return JSONResponse({"ok": False, "error": "not_authed"})
            self.calls.append((method, args))
            if method == "views.open":
                if not args.get("trigger_id"):
                    return JSONResponse({"ok": False, "error": "invalid_trigger_id"})
                if "expired" in args["trigger_id"]:  # Slack's trigger ids last 3 seconds
                    return JSONResponse({"ok": False, "error": "expired_trigger_id"})
                view = args["view"] if isinstance(args["view"], dict) else json.loads(args["view"])
                if problems := view_problems(view):
                    self.refused.append(problems)
                    return JSONResponse(
                        {
                            "ok": False,
                            "error": "invalid_arguments",
                            "response_metadata": {"messages": problems},
                        }
                    )
                return JSONResponse({"ok": True, "view": {"id": "V0FAKE", **view}})
            if method == "users.info":
                name = self.directory.get(str(args.get("user")))
                if name is None:
                    return JSONResponse({"ok": False, "error": "user_not_found"})
                handle = name.lower().replace(" ", ".")
                profile = {"display_name": name, "real_name": name}
                return JSONResponse(
                    {"ok": True, "user": {"id": args["user"], "name": handle, "profile": profile}}
                )
            if method == "chat.postEphemeral":
                return JSONResponse({"ok": True, "message_ts": "1700000000.000100"})
            return JSONResponse({"ok": False, "error": "unknown_method"})

        async def hook(request: Request) -> PlainTextResponse:
            # Slack's hooks take JSON with no token and answer a plain `ok`.
            self.calls.append(("response_url", json.loads(await request.body())))
            return PlainTextResponse("ok")

        return Starlette(
            routes=[
                Route("/api/{method}", api, methods=["GET", "POST"]),
                Route("/commands/{rest:path}", hook, methods=["POST"]),
            ]
        )


@asynccontextmanager
async def serve(
    app: Any,
    port: int | None = None,
    grace_s: int | None = None,
    settings: ServiceSettings | None = None,
) -> AsyncIterator[str]:
    """Run an ASGI app with uvicorn on 127.0.0.1 (lifespan on); yields its base URL. At the end,
    requests still running after `grace_s` are cancelled, as `mango <service>` does. With a
    service's `settings`, it is served exactly as `mango <service>` serves it."""
    port = port or free_port()
    if settings is not None:
        config = server_config(app, settings.model_copy(update={"host": "127.0.0.1", "port": port}))
    else:
        config = uvicorn.Config(
            app,
            host="127.0.0.1",
            port=port,
            lifespan="on",
            log_config=None,
            access_log=False,
            timeout_graceful_shutdown=grace_s,
        )
    server = uvicorn.Server(config)
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
