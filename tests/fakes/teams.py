"""A fake Teams Workflows webhook ("When a Teams webhook request is received").

`POST /webhooks/{name}` with an Adaptive Card message answers 202 like Workflows does; every
call is recorded and `cards[name]` holds what the channel shows.
"""

import time
from dataclasses import dataclass
from typing import Any

from aiohttp import web

from tests.fakes import FakeServer, drop_connection


@dataclass(frozen=True)
class TeamsCall:
    webhook: str
    at: float
    status: int
    retry_after: int | None = None


class FakeTeams(FakeServer):
    def __init__(self) -> None:
        super().__init__()
        self.calls: list[TeamsCall] = []
        self.cards: dict[str, list[dict[str, Any]]] = {}
        self.gone: set[str] = set()
        self.app.router.add_post("/webhooks/{name}", self._handle)

    def webhook_url(self, name: str) -> str:
        """Shaped like a Workflows URL: the `sig` in its query is what makes it a secret."""
        return f"{self.url}/webhooks/{name}?api-version=1&sig=fake-signature-{name}"

    async def _handle(self, request: web.Request) -> web.StreamResponse:
        name = request.match_info["name"]
        payload = await request.json()
        await self.faults.delay(name)
        if name in self.gone:
            self.calls.append(TeamsCall(name, time.monotonic(), 404))
            return web.json_response({"error": {"code": "WorkflowNotFound"}}, status=404)
        if self.faults.limited_now():
            retry = self.faults.retry_after_s
            self.calls.append(TeamsCall(name, time.monotonic(), 429, retry))
            return web.Response(status=429, headers={"Retry-After": str(retry)})
        if self.faults.take_server_error():
            self.calls.append(TeamsCall(name, time.monotonic(), 502))
            return web.Response(status=502)
        attachments = payload.get("attachments") or []
        if payload.get("type") != "message" or not attachments:
            self.calls.append(TeamsCall(name, time.monotonic(), 400))
            return web.json_response({"error": "not a message with attachments"}, status=400)
        self.cards.setdefault(name, []).append(attachments[0]["content"])
        self.calls.append(TeamsCall(name, time.monotonic(), 202))
        if self.faults.take_drop():
            drop_connection(request)
        return web.Response(status=202)


def text_runs(card: dict[str, Any]) -> list[str]:
    """The texts of every TextRun in a card."""
    return [
        inline["text"]
        for block in card["body"]
        if block["type"] == "RichTextBlock"
        for inline in block["inlines"]
    ]
