"""Composition root of digest.

    mango.moments.v1    --(group digest)--> store (moments)
    mango.deliveries.v1 --(group digest)--> store (links to channel messages)
    scheduler (every minute): due digests --> SMTP / Graph sendMail --> mango.digests.v1

Offsets are committed only after the row is stored (at-least-once); storing is idempotent on
`event_id`, so a redelivered event changes nothing.
"""

import asyncio
import contextlib
import datetime as dt
import email
import email.policy
import logging
import mailbox
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from email.message import Message
from pathlib import Path
from typing import TypeVar

from aiokafka.errors import KafkaError
from faststream.kafka import KafkaBroker
from faststream.kafka.annotations import KafkaMessage
from pydantic import BaseModel
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response
from starlette.routing import Route

from schemas import DigestSent, MomentDelivered, MomentPosted
from services.common.database import DatabaseCheck, create_engine
from services.common.http import operational_routes
from services.common.kafka import build_broker, provision_topics, publish, subscribe
from services.common.lag import backlog
from services.common.lifespan import BrokerCheck, running_broker
from services.common.network_file import load_network
from services.digest.adapters.smtp import SmtpMailer
from services.digest.adapters.store import Store
from services.digest.metrics import MOMENTS_STORED, UNREADABLE
from services.digest.service import Clock, DigestService, Mailer, Publish, utc_now
from services.digest.settings import DigestSettings

log = logging.getLogger(__name__)

STORE_RETRY_PAUSE_S = 1.0
"""A record whose store failed is read again after this pause (not hundreds of times a second
while the database is away)."""

Event = TypeVar("Event", bound=BaseModel)


def readable(message: KafkaMessage, model: type[Event]) -> Event | None:
    """The record as `model`, or None (counted and logged with its place only) when it is not
    one: such a record can never be stored, so retrying it would only block its partition."""
    try:
        return model.model_validate_json(message.body)
    except ValueError:  # pydantic's ValidationError included: never log its text (the input)
        record = message.raw_message
        topic = getattr(record, "topic", "?")
        UNREADABLE.labels(topic).inc()
        log.warning(
            "unreadable event skipped",
            extra={
                "topic": topic,
                "partition": getattr(record, "partition", None),
                "offset": getattr(record, "offset", None),
            },
        )
        return None


@asynccontextmanager
async def pause_on_store_errors() -> AsyncIterator[None]:
    try:
        yield
    except Exception:
        await asyncio.sleep(STORE_RETRY_PAUSE_S)
        raise


def build_mailer(settings: DigestSettings) -> Mailer:
    if settings.mail.transport == "graph":
        from azure.identity.aio import ClientSecretCredential

        from services.digest.adapters.graph_mail import GraphMailer

        graph = settings.graph
        if not (graph.tenant_id and graph.client_id and graph.client_secret and graph.sender):
            raise ValueError(
                "MANGO_MAIL__TRANSPORT=graph needs MANGO_GRAPH__TENANT_ID, MANGO_GRAPH__CLIENT_ID, "
                "MANGO_GRAPH__CLIENT_SECRET and MANGO_GRAPH__SENDER"
            )
        credential = ClientSecretCredential(
            graph.tenant_id, graph.client_id, graph.client_secret.get_secret_value()
        )
        return GraphMailer.connect(credential, graph.base_url, graph.sender)
    return SmtpMailer(settings.smtp)


async def consumers_caught_up(broker: KafkaBroker) -> bool:
    """Every subscriber has partitions and the group has committed up to their end offsets.

    Committed, not fetched: offsets are committed after a moment is stored, while the fetch
    position runs ahead of the handler.
    """
    try:
        waiting = await backlog(broker)
    except (TimeoutError, KafkaError):
        return False
    return waiting is not None and not any(waiting.values())


async def close_mailer(mailer: Mailer) -> None:
    close = getattr(mailer, "aclose", None)
    if close is not None:
        await close()


def digest_publisher(broker: KafkaBroker, topic: str) -> Publish:
    async def publish_digest_sent(event: DigestSent) -> None:
        await publish(broker, topic, event, key=event.organisation_id)

    return publish_digest_sent


def build_app(
    settings: DigestSettings, *, clock: Clock = utc_now, mailer: Mailer | None = None
) -> Starlette:
    network = load_network(settings.network_file)
    broker = build_broker(settings.kafka, client_id="mango-digest")
    engine = create_engine(settings.database_url)
    store = Store(engine)
    service = DigestService(
        network,
        store,
        mailer or build_mailer(settings),
        digest_publisher(broker, settings.digests_topic),
        settings.mail,
        clock=clock,
    )

    # Each handler reads its record itself: an unreadable one is skipped (counted, logged by
    # its place), not retried for ever, which stopped everything behind it on its partition.
    @subscribe(broker, settings.moments_topic, group_id=settings.group_id, settings=settings.kafka)
    async def on_moment_posted(message: KafkaMessage) -> None:
        moment = readable(message, MomentPosted)
        if moment is not None:
            async with pause_on_store_errors():
                if await store.save_moment(moment):
                    MOMENTS_STORED.inc()

    @subscribe(
        broker, settings.deliveries_topic, group_id=settings.group_id, settings=settings.kafka
    )
    async def on_moment_delivered(message: KafkaMessage) -> None:
        delivered = readable(message, MomentDelivered)
        if delivered is not None:
            async with pause_on_store_errors():
                await store.save_delivery(delivered)

    async def schedule_forever() -> None:
        # A run missed while the service was down is sent at start-up, but only after the
        # moments still waiting in Kafka are stored, or the digest would miss them.
        started = asyncio.get_running_loop().time()
        while not await consumers_caught_up(broker):
            if asyncio.get_running_loop().time() - started > settings.catch_up_timeout_s:
                log.warning("consumers still behind; scheduling digests anyway")
                break
            await asyncio.sleep(min(settings.schedule_interval_s, 1.0))
        while True:
            try:
                await service.run_due()
            except Exception:  # the next tick tries again; the ledger prevents duplicates
                log.exception("digest run failed")
            await asyncio.sleep(settings.schedule_interval_s)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await store.migrate()
        await provision_topics(
            settings.kafka,
            [settings.moments_topic, settings.deliveries_topic, settings.digests_topic],
        )
        try:
            async with running_broker(broker, settings.kafka):
                scheduler = asyncio.create_task(schedule_forever(), name="digest-scheduler")
                try:
                    yield
                finally:
                    scheduler.cancel()
                    with contextlib.suppress(asyncio.CancelledError):
                        await scheduler
        finally:
            await close_mailer(service.mailer)
            await engine.dispose()

    routes = operational_routes(
        "digest", {"broker": BrokerCheck(broker), "database": DatabaseCheck(engine)}
    )
    if settings.dev_mailbox is not None:
        routes += mailbox_routes(settings.dev_mailbox)
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.service = service
    return app


def _sent_at(message: Message) -> dt.datetime:
    header = message.get("Date")
    moment = getattr(header, "datetime", None)
    return moment if isinstance(moment, dt.datetime) else dt.datetime.min.replace(tzinfo=dt.UTC)


def mailbox_routes(folder: Path) -> list[Route]:
    """`/digests`: the mails the local SMTP sink of `mango dev` received (development only)."""

    def messages() -> list[tuple[str, Message]]:
        if not folder.exists():
            return []
        box = mailbox.Maildir(folder, create=False)
        found = [
            (key, email.message_from_bytes(box.get_bytes(key), policy=email.policy.default))
            for key in box.keys()
        ]
        return sorted(found, key=lambda m: _sent_at(m[1]), reverse=True)

    async def index(_: Request) -> Response:
        from html import escape

        rows = "".join(
            f'<li><a href="/digests/{escape(key)}">{escape(str(m.get("Subject", "")))}</a> '
            f"&rarr; {escape(str(m.get('To', '')))} <small>{escape(str(m.get('Date', '')))}"
            "</small></li>"
            for key, m in messages()
        )
        body = rows or "<li>No digests yet.</li>"
        return HTMLResponse(
            f"<!DOCTYPE html><meta charset='utf-8'><title>Digests</title>"
            f"<h1>Digests sent to the local SMTP sink</h1><ul>{body}</ul>"
        )

    async def show(request: Request) -> Response:
        key = request.path_params["key"]
        for found, message in messages():
            if found == key:
                html = next(
                    (p for p in message.walk() if p.get_content_type() == "text/html"), None
                )
                payload = html.get_payload(decode=True) if html is not None else b""
                charset = (html.get_content_charset() if html is not None else None) or "utf-8"
                assert isinstance(payload, bytes)  # noqa: S101 - decode=True gives bytes
                return HTMLResponse(
                    payload.decode(charset, errors="replace"),
                    # The digest HTML is ours, but its text is user input: no scripts, ever.
                    headers={
                        "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'"
                    },
                )
        return HTMLResponse("not found", status_code=404)

    return [Route("/digests", index), Route("/digests/{key}", show)]
