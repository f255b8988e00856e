"""The wall: a live page per organisation and per department, over server-sent events.

    GET /wall                         links to every wall
    GET /wall/{org}                   the organisation's wall (every department)
    GET /wall/{org}/{dept}            one department's wall
    GET /events/wall/{org}[/{dept}]   the server-sent event stream those pages read

Large type for a corridor screen, newest first, only redacted text (no author names). The
page puts text in with `textContent`, never as HTML.
"""

import asyncio
import html
import json
from collections import deque
from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass, field

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response, StreamingResponse
from starlette.routing import Route

from schemas.network import Network

WallItem = dict[str, str | None]
KEEPALIVE_S = 15.0


@dataclass
class _Feed:
    items: deque[WallItem]
    ids: set[str] = field(default_factory=set)
    listeners: set[asyncio.Queue[WallItem]] = field(default_factory=set)


class WallHub:
    """Recent wall items per organisation, and the open streams that want new ones."""

    def __init__(self, recent: int) -> None:
        self._recent = recent
        self._feeds: dict[str, _Feed] = {}
        self._closing = asyncio.Event()

    def close(self) -> None:
        """End every open stream (at shutdown: the server waits for open responses to end)."""
        self._closing.set()

    def _feed(self, key: str) -> _Feed:
        if key not in self._feeds:
            self._feeds[key] = _Feed(deque(maxlen=self._recent))
        return self._feeds[key]

    def show(self, target: str, item: WallItem) -> str:
        """Put an item on the wall `org/dept` (or `org`); the same event is shown once."""
        organisation, _, department = target.partition("/")
        event_id = str(item["event_id"])
        keys = [organisation, f"{organisation}/{department}"] if department else [organisation]
        for key in keys:
            feed = self._feed(key)
            if event_id in feed.ids:
                continue
            if len(feed.items) == feed.items.maxlen:
                feed.ids.discard(str(feed.items[0]["event_id"]))
            feed.items.append(item)
            feed.ids.add(event_id)
            for listener in feed.listeners:
                listener.put_nowait(item)
        return f"wall:{target}:{event_id}"

    def newest_first(self, key: str) -> list[WallItem]:
        return list(reversed(self._feed(key).items))

    async def follow(self, key: str) -> AsyncGenerator[WallItem | None, None]:
        """New items as they come; None every KEEPALIVE_S so proxies keep the stream open."""
        queue: asyncio.Queue[WallItem] = asyncio.Queue()
        feed = self._feed(key)
        feed.listeners.add(queue)
        closing = asyncio.ensure_future(self._closing.wait())
        item: asyncio.Future[WallItem] | None = None
        try:
            while not self._closing.is_set():
                item = asyncio.ensure_future(queue.get())
                done, _ = await asyncio.wait(
                    {item, closing}, timeout=KEEPALIVE_S, return_when=asyncio.FIRST_COMPLETED
                )
                if item in done:
                    yield item.result()
                else:
                    item.cancel()
                    if not self._closing.is_set():
                        yield None
        finally:
            # A viewer who leaves closes this generator while it waits: the wait for the next
            # item goes too (else "Task was destroyed but it is pending" at every disconnect).
            if item is not None:
                item.cancel()
            closing.cancel()
            feed.listeners.discard(queue)


def wall_routes(hub: WallHub, network: Network) -> list[Route]:
    def resolve(request: Request) -> tuple[str, str, str] | None:
        """(feed key, title, language) of the wall in the path, or None when there is none."""
        organisation = network.organisation(request.path_params["org"])
        if organisation is None:
            return None
        lang = organisation.language.value
        department_id = request.path_params.get("dept")
        if department_id is None:
            return organisation.id, organisation.name, lang
        department = organisation.department(department_id)
        if department is None:
            return None
        title = f"{department.name} · {organisation.name}"
        return f"{organisation.id}/{department.id}", title, lang

    async def index(_: Request) -> Response:
        links = []
        for organisation in network.organisations:
            name = html.escape(organisation.name)
            links.append(f'<li><a href="/wall/{organisation.id}">{name}</a>')
            links.extend(
                f'<li class="dept"><a href="/wall/{organisation.id}/{d.id}">'
                f"{html.escape(d.name)}</a>"
                for d in organisation.departments
            )
        return HTMLResponse(INDEX.replace("{links}", "\n".join(links)))

    async def page(request: Request) -> Response:
        found = resolve(request)
        if found is None:
            return Response("no such wall", status_code=404, media_type="text/plain")
        key, title, lang = found
        return HTMLResponse(
            PAGE.replace("{title}", html.escape(title))
            .replace("{stream}", html.escape(f"/events/wall/{key}"))
            .replace("{lang}", lang)
        )

    async def events(request: Request) -> Response:
        found = resolve(request)
        if found is None:
            return Response("no such wall", status_code=404, media_type="text/plain")
        key = found[0]

        async def stream() -> AsyncIterator[str]:
            # Open the subscription before the snapshot, so nothing falls in between.
            updates = hub.follow(key)
            first = asyncio.ensure_future(anext(updates))
            yield _sse("snapshot", hub.newest_first(key))
            try:
                while True:
                    try:
                        item = await first
                    except StopAsyncIteration:
                        return  # shutting down; the browser reconnects to another start
                    yield ": keepalive\n\n" if item is None else _sse("moment", item)
                    first = asyncio.ensure_future(anext(updates))
            finally:
                first.cancel()
                await updates.aclose()

        return StreamingResponse(
            stream(),
            media_type="text/event-stream",
            headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
        )

    return [
        Route("/wall", index, methods=["GET"]),
        Route("/wall/{org}", page, methods=["GET"]),
        Route("/wall/{org}/{dept}", page, methods=["GET"]),
        Route("/events/wall/{org}", events, methods=["GET"]),
        Route("/events/wall/{org}/{dept}", events, methods=["GET"]),
    ]


def _sse(event: str, data: object) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


INDEX = """<!doctype html>
<html lang="nl"><head><meta charset="utf-8"><title>Mango walls</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>body{font:1.6rem system-ui,sans-serif;margin:2rem;background:#fff8ec;color:#222}
li.dept{margin-left:2rem;font-size:1.3rem}a{color:#b35a00}</style></head>
<body><h1>🥭 Mango walls</h1><ul>
{links}
</ul></body></html>
"""

PAGE = """<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{title} · Mango wall</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
<style>
  html{background:#1d1a16;color:#fdf6e9}
  body{font-family:system-ui,sans-serif;margin:0;padding:3vh 4vw}
  h1{font-size:clamp(2rem,4vw,4.5rem);margin:0 0 3vh;color:#ffb347}
  #moments{list-style:none;margin:0;padding:0}
  #moments li{border-left:1.2vw solid #ffb347;background:#2b2620;margin:0 0 3vh;
    padding:2.5vh 2.5vw;border-radius:1vw}
  .heading{font-size:clamp(1.4rem,2.2vw,2.6rem);color:#ffcf8a}
  .title{font-size:clamp(2rem,3.4vw,4rem);font-weight:700;margin-top:1vh}
  .text{font-size:clamp(2rem,3.4vw,4rem);line-height:1.3;margin-top:1vh;white-space:pre-wrap;
    display:-webkit-box;-webkit-line-clamp:8;line-clamp:8;-webkit-box-orient:vertical;
    overflow:hidden;
    overflow-wrap:anywhere}
  .meta{font-size:clamp(1.2rem,1.8vw,2.2rem);color:#c9bca8;margin-top:1.5vh}
  #empty{font-size:clamp(1.6rem,2.6vw,3rem);color:#c9bca8}
</style></head>
<body>
<h1>🥭 {title}</h1>
<p id="empty">Nog geen Mango Moments · Pas encore de Moments Mango · No Mango Moments yet</p>
<ul id="moments" aria-live="polite"></ul>
<script>
const list = document.getElementById("moments");
const empty = document.getElementById("empty");
const shown = new Set();
const MAX = 30;
function part(cls, text) {
  const el = document.createElement("div");
  el.className = cls;
  el.textContent = text;
  return el;
}
function render(item, atTop) {
  if (shown.has(item.event_id)) return;
  shown.add(item.event_id);
  const li = document.createElement("li");
  li.dataset.eventId = item.event_id;
  li.appendChild(part("heading", item.heading));
  if (item.title) li.appendChild(part("title", item.title));
  li.appendChild(part("text", item.text));
  const when = new Date(item.occurred_at).toLocaleString(document.documentElement.lang,
    {dateStyle: "medium", timeStyle: "short"});
  li.appendChild(part("meta", item.department + " · " + when));
  if (atTop) list.prepend(li); else list.appendChild(li);
  while (list.children.length > MAX) list.lastChild.remove();
  empty.hidden = true;
}
const source = new EventSource("{stream}");
source.addEventListener("snapshot", (e) => JSON.parse(e.data).forEach((i) => render(i, false)));
source.addEventListener("moment", (e) => render(JSON.parse(e.data), true));
</script>
</body></html>
"""
