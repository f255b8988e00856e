"""A fake Slack Web API: `chat.postMessage`, `chat.delete`, `conversations.history`, `auth.test`.

Talks the same wire format as Slack (JSON body or form, `Authorization: Bearer`, `ok`/`error`,
429 with `Retry-After`), so the real `AsyncWebClient(base_url=fake.url + "/api/")` works.
Every call is recorded; `messages[channel]` is what the channel shows.
"""

import html
import json
import re
import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes import FakeServer, drop_connection

CONTROL = re.compile(r"<([^<>]*)>")


@dataclass(frozen=True)
class SlackCall:
    method: str
    channel: str | None
    at: float  # time.monotonic() when it arrived
    status: int  # HTTP status answered
    error: str | None = None
    retry_after: int | None = None


class FakeSlack(FakeServer):
    def __init__(self, token: str = "xoxb-test-token") -> None:  # noqa: S107 - a fake
        super().__init__()
        self.token = token
        self.calls: list[SlackCall] = []
        self.messages: dict[str, list[dict[str, Any]]] = {}
        self.deleted_channels: set[str] = set()
        self._ts = 0.0
        self.app.router.add_route("*", "/api/{method}", self._handle)

    @property
    def api_url(self) -> str:
        return f"{self.url}/api/"

    def posts(self, channel: str) -> list[dict[str, Any]]:
        return self.messages.get(channel, [])

    def event_ids(self, channel: str) -> list[str]:
        """Our event ids in the channel, in the order they were posted (from metadata)."""
        return [
            event_id
            for message in self.posts(channel)
            for event_id in message["metadata"]["event_payload"]["event_ids"]
        ]

    async def _params(self, request: web.Request) -> dict[str, Any]:
        params: dict[str, Any] = dict(request.query)
        if request.method == "POST":
            if request.content_type == "application/json":
                params.update(await request.json())
            else:
                params.update(dict(await request.post()))
        return params

    def _record(self, method: str, channel: str | None, status: int, **extra: Any) -> None:
        self.calls.append(SlackCall(method, channel, time.monotonic(), status, **extra))

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        method = request.match_info["method"]
        params = await self._params(request)
        channel = params.get("channel")
        await self.faults.delay(str(channel))
        if request.headers.get("Authorization") != f"Bearer {self.token}":
            self._record(method, channel, 200, error="invalid_auth")
            return web.json_response({"ok": False, "error": "invalid_auth"})
        if self.faults.limited_now():
            retry = self.faults.retry_after_s
            self._record(method, channel, 429, error="ratelimited", retry_after=retry)
            return web.json_response(
                {"ok": False, "error": "ratelimited"},
                status=429,
                headers={"Retry-After": str(retry)},
            )
        if self.faults.take_server_error():
            self._record(method, channel, 503, error="service_unavailable")
            return web.json_response({"ok": False, "error": "fatal_error"}, status=503)
        if (page := self.faults.take_page()) is not None:
            status, content_type = page
            self._record(method, channel, status, error="page")
            body = "<html><body>Bad gateway</body></html>" if "html" in content_type else "{oops"
            if content_type == "text/plain":
                body = "Service unavailable, try again later"
            return web.Response(status=status, text=body, content_type=content_type)
        if method == "auth.test":
            self._record(method, None, 200)
            return web.json_response({"ok": True, "team_id": "T0FAKE", "user_id": "U0BOT"})
        if channel in self.deleted_channels:
            self._record(method, channel, 200, error="channel_not_found")
            return web.json_response({"ok": False, "error": "channel_not_found"})
        if method == "chat.postMessage":
            return self._post(request, params)
        if method == "chat.delete":
            return self._delete(params)
        if method == "conversations.history":
            return self._history(params)
        self._record(method, channel, 200, error="unknown_method")
        return web.json_response({"ok": False, "error": "unknown_method"}, status=404)

    def _post(self, request: web.Request, params: dict[str, Any]) -> web.Response:
        channel = str(params["channel"])
        self._ts = max(time.time(), self._ts + 0.000_001)  # Slack ts: epoch seconds, unique
        ts = f"{self._ts:.6f}"
        metadata = params.get("metadata")
        if isinstance(metadata, str):
            metadata = json.loads(metadata)
        blocks = params.get("blocks")
        if isinstance(blocks, str):
            blocks = json.loads(blocks)
        if problem := blocks_problem(blocks or []):
            self._record("chat.postMessage", channel, 200, error=problem)
            return web.json_response({"ok": False, "error": problem})
        message = {
            "ts": ts,
            "text": params.get("text"),
            "blocks": blocks or [],
            "metadata": metadata,
            "options": {
                k: params.get(k) for k in ("unfurl_links", "unfurl_media", "link_names", "parse")
            },
        }
        self.messages.setdefault(channel, []).append(message)
        self._record("chat.postMessage", channel, 200)
        if self.faults.take_drop():
            drop_connection(request)
        return web.json_response({"ok": True, "channel": channel, "ts": ts, "message": message})

    def _delete(self, params: dict[str, Any]) -> web.Response:
        channel, ts = str(params["channel"]), str(params.get("ts") or "")
        kept = [m for m in self.posts(channel) if m["ts"] != ts]
        if len(kept) == len(self.posts(channel)):
            self._record("chat.delete", channel, 200, error="message_not_found")
            return web.json_response({"ok": False, "error": "message_not_found"})
        self.messages[channel] = kept
        self._record("chat.delete", channel, 200)
        return web.json_response({"ok": True, "channel": channel, "ts": ts})

    def _history(self, params: dict[str, Any]) -> web.Response:
        channel = str(params["channel"])
        oldest = float(params.get("oldest") or 0)
        limit = int(params.get("limit") or 100)
        start = int(params.get("cursor") or 0)
        with_metadata = str(params.get("include_all_metadata")).lower() in {"true", "1"}
        newest_first = [m for m in reversed(self.posts(channel)) if float(m["ts"]) >= oldest]
        page = newest_first[start : start + limit]
        messages = [
            {"type": "message", "ts": m["ts"], "text": m["text"]}
            | ({"metadata": m["metadata"]} if with_metadata and m["metadata"] else {})
            for m in page
        ]
        more = start + limit < len(newest_first)
        self._record("conversations.history", channel, 200)
        return web.json_response(
            {
                "ok": True,
                "messages": messages,
                "has_more": more,
                "response_metadata": {"next_cursor": str(start + limit) if more else ""},
            }
        )


def blocks_problem(blocks: list[dict[str, Any]]) -> str | None:
    """What Slack answers for blocks it refuses: more than 50, a section over 3,000 characters,
    or (not in Slack's reference, seen by others) about 13,200 characters in all."""
    texts = [b["text"]["text"] for b in blocks if "text" in b]
    if len(blocks) > 50 or any(len(text) > 3000 for text in texts):
        return "invalid_blocks"
    texts += [e.get("text", "") for b in blocks for e in b.get("elements", [])]
    return "msg_blocks_too_long" if sum(len(text) for text in texts) > 13_200 else None


def mrkdwn_texts(message: dict[str, Any]) -> list[str]:
    """Every string Slack would parse as mrkdwn in a posted message."""
    texts = [str(message["text"] or "")]
    for block in message["blocks"]:
        if block.get("text", {}).get("type") == "mrkdwn":
            texts.append(block["text"]["text"])
        for element in block.get("elements", []):
            if element.get("type") == "mrkdwn":
                texts.append(element["text"])
    return texts


def controls(message: dict[str, Any]) -> list[str]:
    """What Slack would turn into mentions or links: every `<...>` in mrkdwn text."""
    return [m for text in mrkdwn_texts(message) for m in CONTROL.findall(text)]


def shown(text: str) -> str:
    """What a reader sees for mrkdwn text without controls: `&lt;` etc. decoded."""
    return html.unescape(text)
