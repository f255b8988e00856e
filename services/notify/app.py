"""Composition root of notify.

    mango.moments.v1 --(group notify, batches)--> on_moments_posted --> ledger (pending rows)
    ledger --one worker per destination, paced--> Slack / Teams / wall
    ledger (delivered | dead) --announcer--> mango.deliveries.v1 | mango.moments.v1.dlq

The consumer commits a batch once its rows are in the ledger; delivery happens after, from the
ledger, so a slow or broken destination never delays the consumer or another destination.
"""

import asyncio
import contextlib
import datetime as dt
import logging
import signal
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterable
from contextlib import asynccontextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import aiohttp
import httpx
from aiokafka import ConsumerRebalanceListener
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from prometheus_client import Counter
from pydantic import ValidationError
from starlette.applications import Starlette

from schemas import DeliveryPlatform, MomentDelivered, MomentPosted
from schemas.network import Network
from services.common.database import DatabaseCheck, create_engine, migrate
from services.common.http import operational_routes
from services.common.kafka import build_broker, provision_topics, publish, subscribe
from services.common.lifespan import BrokerCheck, running_broker
from services.common.network_file import load_network
from services.common.secrets import SecretStore
from services.notify.adapters.ledger import DEAD, DELIVERED, Delivery, Ledger, NewDelivery
from services.notify.adapters.slack import SlackAdapter, build_slack_client
from services.notify.adapters.teams import TeamsAdapter
from services.notify.adapters.wall import WallHub, wall_routes
from services.notify.delivery import Dispatcher
from services.notify.domain.formatting import view, wall_item
from services.notify.domain.routing import Destination, route
from services.notify.settings import NotifySettings

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
ANNOUNCE_BATCH = 2000

MOMENTS_SEEN = Counter("mango_notify_moments_seen_total", "Moments consumed by notify.")
DEAD_LETTERS = Counter(
    "mango_notify_dead_letters_total", "Records published to the dead-letter topic.", ["reason"]
)
REBALANCES = Counter(
    "mango_notify_partition_assignments_total", "Partition assignments the consumer received."
)


class _CountAssignments(ConsumerRebalanceListener):  # type: ignore[misc]
    async def on_partitions_revoked(self, revoked: Any) -> None:
        return None

    async def on_partitions_assigned(self, assigned: Any) -> None:
        REBALANCES.inc()


def configured(settings: NotifySettings, secrets: SecretStore) -> Callable[[Destination], bool]:
    """Destinations this deployment can post to: Slack with a bot token, Teams with the
    webhook secret present, walls always. Others are skipped (and logged once)."""
    warned: set[str] = set()

    def check(destination: Destination) -> bool:
        if destination.platform is DeliveryPlatform.WALL:
            return True
        if destination.platform is DeliveryPlatform.SLACK:
            ok = settings.slack.bot_token is not None
        else:
            ok = secrets.has(destination.target)
        if not ok and destination.key not in warned:
            warned.add(destination.key)
            log.warning("destination not configured, skipped", extra={"key": destination.key})
        return ok

    return check


def accept(
    records: Iterable[Any], network: Network, is_configured: Callable[[Destination], bool]
) -> tuple[list[NewDelivery], list[Any]]:
    """Ledger rows for a batch of records, and the records that are not a readable moment."""
    rows: list[NewDelivery] = []
    unreadable: list[Any] = []
    for record in records:
        try:
            moment = MomentPosted.model_validate_json(record.value or b"")
        except ValidationError:
            unreadable.append(record)
            continue
        source = {
            "source_topic": record.topic,
            "source_partition": record.partition,
            "source_offset": record.offset,
        }
        common = {
            "event_id": str(moment.event_id),
            "organisation_id": moment.organisation_id,
            "moment": record.value.decode(),  # as published: validated just above
            **source,
        }
        routing = route(moment, network)
        if routing.problem is not None:
            error = "UnknownOrganisation" if "organisation" in routing.problem else "Unroutable"
            rows.append(
                NewDelivery(
                    destination=f"route:{moment.organisation_id}/{moment.department_id}",
                    status=DEAD,
                    error_class=error,
                    **common,
                )
            )
            continue
        rows.extend(
            NewDelivery(destination=d.key, **common)
            for d in routing.destinations
            if is_configured(d)
        )
    return rows, unreadable


class Announcer:
    """Publishes MomentDelivered for delivered rows and DLQ records for dead ones (an outbox:
    at-least-once, so a crash between publishing and marking can repeat a record)."""

    def __init__(self, broker: KafkaBroker, ledger: Ledger, settings: NotifySettings) -> None:
        self._broker = broker
        self._ledger = ledger
        self._settings = settings
        self._event = asyncio.Event()
        self._task: asyncio.Task[None] | None = None

    def poke(self) -> None:
        self._event.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="notify-announcer")

    async def stop(self) -> None:
        if self._task:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)
        await self.flush()

    async def _run(self) -> None:
        while True:
            with contextlib.suppress(TimeoutError):
                async with asyncio.timeout(1.0):
                    await self._event.wait()
            self._event.clear()
            try:
                while await self.flush() == ANNOUNCE_BATCH:
                    pass
            except Exception:
                log.exception("announcing deliveries failed; will retry")

    async def flush(self) -> int:
        rows = await self._ledger.unannounced(ANNOUNCE_BATCH)
        if rows:
            await asyncio.gather(*(self._announce(r) for r in rows))
            await self._ledger.announced([r.id for r in rows])
        return len(rows)

    async def _announce(self, row: Delivery) -> None:
        finished = dt.datetime.fromtimestamp(row.finished_at or row.created_at, dt.UTC)
        if row.status == DELIVERED:
            event = MomentDelivered(
                event_id=row.event_id,
                organisation_id=row.organisation_id,
                destination=row.destination,
                platform=DeliveryPlatform(row.destination.partition(":")[0]),
                message_ref=row.message_ref or "unknown",
                delivered_at=finished,
            )
            await publish(
                self._broker, self._settings.deliveries_topic, event, key=row.organisation_id
            )
            return
        moment = MomentPosted.model_validate_json(row.moment)
        headers = {
            "source-topic": row.source_topic or "",
            "source-partition": _text(row.source_partition),
            "source-offset": _text(row.source_offset),
            "error-class": row.error_class or "unknown",
            "attempts": str(row.attempts),
            "destination": row.destination,
        }
        await publish(
            self._broker, self._settings.dlq_topic, moment, key=row.organisation_id, **headers
        )
        DEAD_LETTERS.labels(row.error_class or "unknown").inc()


def build_app(settings: NotifySettings) -> Starlette:
    network = load_network(settings.network_file)
    # Many small MomentDelivered records at once: a little linger and room for all of them in
    # one batch (with the default 16 KB, hundreds of sends wait for each other in turn).
    broker = build_broker(
        settings.kafka, client_id="mango-notify", linger_ms=5, max_batch_size=256 * 1024
    )
    engine = create_engine(settings.database_url)
    ledger = Ledger(engine)
    wall = WallHub(settings.wall_recent)
    secrets = SecretStore.from_environment()
    http = httpx.AsyncClient(timeout=settings.teams.timeout_s)
    teams = TeamsAdapter(http, secrets)
    announcer = Announcer(broker, ledger, settings)
    dispatchers: list[Dispatcher] = []  # the one built at start (clients need a running loop)
    is_configured = configured(settings, secrets)

    @subscribe(
        broker,
        settings.moments_topic,
        group_id=settings.group_id,
        settings=settings.kafka,
        batch=True,
        max_records=settings.consume_batch,
        listener=_CountAssignments(),
    )
    async def on_moments_posted(message: KafkaMessage) -> None:
        # The records are parsed here, one by one, so that one unreadable record goes to the
        # DLQ instead of failing (and endlessly rewinding) the whole batch.
        raw = message.raw_message
        records = raw if isinstance(raw, tuple) else (raw,)
        rows, unreadable = accept(records, network, is_configured)
        await ledger.record(rows)
        for record in unreadable:
            await broker.publish(
                record.value or b"",
                settings.dlq_topic,
                key=record.key,
                headers={
                    "source-topic": record.topic,
                    "source-partition": str(record.partition),
                    "source-offset": str(record.offset),
                    "error-class": "UnreadableEvent",
                    "attempts": "0",
                },
            )
            DEAD_LETTERS.labels("UnreadableEvent").inc()
        MOMENTS_SEEN.inc(len(records))
        for dispatcher in dispatchers:
            dispatcher.wake(sorted({r.destination for r in rows if r.status != DEAD}))
        if any(r.status == DEAD for r in rows):
            announcer.poke()

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await migrate(engine, MIGRATIONS)
        await backfill_walls(ledger, wall, network, settings.wall_recent)
        await provision_topics(
            settings.kafka, [settings.moments_topic, settings.dlq_topic, settings.deliveries_topic]
        )
        session = aiohttp.ClientSession()
        token = settings.slack.bot_token
        slack = None
        if token is not None:
            client = build_slack_client(
                token.get_secret_value(), settings.slack.base_url, settings.slack.timeout_s, session
            )
            slack = SlackAdapter(client)
        dispatcher = Dispatcher(
            ledger=ledger,
            network=network,
            settings=settings.delivery,
            wall=wall,
            slack=slack,
            teams=teams,
            slack_interval_s=1.0 / settings.slack.per_channel_per_s,
            teams_interval_s=1.0 / settings.teams.per_webhook_per_s,
            on_finished=announcer.poke,
        )
        dispatchers.append(dispatcher)
        restore_sigterm = close_walls_on_sigterm(wall)
        try:
            async with running_broker(broker, settings.kafka):
                announcer.start()
                dispatcher.start()
                walls = asyncio.create_task(
                    follow_walls(ledger, wall, network, settings.wall_sync_s), name="wall-sync"
                )
                try:
                    yield
                finally:
                    walls.cancel()
                    await asyncio.gather(walls, return_exceptions=True)
                    await dispatcher.stop()
                    await announcer.stop()
        finally:
            restore_sigterm()
            dispatchers.clear()
            await session.close()
            await http.aclose()
            await engine.dispose()

    return Starlette(
        routes=[
            *operational_routes(
                "notify", {"broker": BrokerCheck(broker), "database": DatabaseCheck(engine)}
            ),
            *wall_routes(wall, network),
        ],
        lifespan=lifespan,
    )


async def backfill_walls(ledger: Ledger, wall: WallHub, network: Network, recent: int) -> None:
    """After a restart the walls show what they showed before (from the ledger)."""
    show_on_walls(await ledger.recent_walls(recent * 4), wall, network, newest_first=True)


def show_on_walls(
    rows: list[Delivery], wall: WallHub, network: Network, *, newest_first: bool = False
) -> None:
    for row in reversed(rows) if newest_first else rows:
        moment = MomentPosted.model_validate_json(row.moment)
        wall.show(Destination.parse(row.destination).target, wall_item(view(moment, network)))


WALL_SYNC_OVERLAP_S = 2.0
WALL_SYNC_LIMIT = 500


async def follow_walls(ledger: Ledger, wall: WallHub, network: Network, every_s: float) -> None:
    """Show what other replicas delivered to walls, so every replica serves complete walls.

    Each wall destination is posted by one replica at a time (its lease); this replica reads
    the ledger for wall deliveries finished since its last look (with some overlap for clocks
    and commit order; the hub shows each event once).
    """
    since = time.time() - every_s
    while True:
        await asyncio.sleep(every_s)
        started = time.time()
        try:
            rows = await ledger.walls_delivered_since(since - WALL_SYNC_OVERLAP_S, WALL_SYNC_LIMIT)
        except Exception:  # the database may be briefly away; the next round catches up
            log.warning("wall sync failed", exc_info=True)
            continue
        show_on_walls(rows, wall, network)
        since = started


def _text(value: int | None) -> str:
    return "" if value is None else str(value)


def close_walls_on_sigterm(wall: WallHub) -> Callable[[], None]:
    """Chain a SIGTERM/SIGINT handler that ends the walls' event streams, then lets the server's
    own handler run: uvicorn waits for open responses before shutting down, and a corridor
    screen keeps its stream open for ever. Returns the function that restores the handlers."""
    if threading.current_thread() is not threading.main_thread():
        return lambda: None
    loop = asyncio.get_running_loop()
    previous = {sig: signal.getsignal(sig) for sig in (signal.SIGTERM, signal.SIGINT)}

    def handle(signum: int, frame: FrameType | None) -> None:
        loop.call_soon_threadsafe(wall.close)
        chained = previous[signal.Signals(signum)]
        if callable(chained):
            chained(signum, frame)

    for sig, handler in previous.items():
        if callable(handler):  # uvicorn's; leave defaults alone (e.g. under a test runner)
            signal.signal(sig, handle)

    def restore() -> None:
        for sig, handler in previous.items():
            if callable(handler) and signal.getsignal(sig) is handle:
                signal.signal(sig, handler)

    return restore
