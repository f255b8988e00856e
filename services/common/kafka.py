"""Kafka wiring: the one place that builds the broker, creates topics and sets up consumers.

Guarantees, chosen on purpose:

- Producer: `acks=all` and idempotence on (turned off only for brokers without InitProducerId,
  such as the bundled development broker); a send that cannot be acknowledged fails within
  `request_timeout_ms`, so callers keep the data (ingest's outbox) and retry, never lose it.
- Consumer: at-least-once. Offsets are committed only after the handler returned
  (`AckPolicy.NACK_ON_ERROR`); a handler that raises rewinds to the same offset, so the event is
  seen again. FastStream's default (ack first, at-most-once) is never used. Handlers must
  therefore be idempotent (ledgers keyed by `event_id`).
- Messages are keyed by organisation id, so one organisation's moments stay in order.
"""

import logging
from collections.abc import Callable, Iterable
from typing import Any

from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from pydantic import BaseModel

from schemas import ALL_TOPICS
from services.common.settings import KafkaSettings

log = logging.getLogger(__name__)

TOPIC_ALREADY_EXISTS = 36


def build_broker(settings: KafkaSettings, *, client_id: str, **options: Any) -> KafkaBroker:
    """A FastStream Kafka broker with durable producer settings."""
    return KafkaBroker(
        settings.bootstrap_servers,
        client_id=client_id,
        acks="all",
        enable_idempotence=settings.idempotence,
        compression_type=None if settings.compression == "none" else settings.compression,
        request_timeout_ms=settings.request_timeout_ms,
        # Topics are created by `provision_topics` with the configured partition count; a
        # misspelt topic must fail loudly instead of appearing with broker defaults.
        allow_auto_create_topics=False,
        graceful_timeout=15.0,
        logger=logging.getLogger(f"mango.kafka.{client_id}"),
        **options,
    )


def subscribe(
    broker: KafkaBroker,
    topic: str,
    *,
    group_id: str,
    settings: KafkaSettings,
    **options: Any,
) -> Callable[[Callable[..., Any]], Any]:
    """Decorator registering an at-least-once handler in consumer group `group_id`."""
    return broker.subscriber(  # type: ignore[no-any-return]
        topic,
        group_id=group_id,
        ack_policy=AckPolicy.NACK_ON_ERROR,
        auto_offset_reset="earliest",
        max_poll_interval_ms=settings.max_poll_interval_ms,
        session_timeout_ms=settings.session_timeout_ms,
        heartbeat_interval_ms=settings.heartbeat_interval_ms,
        **options,
    )


async def publish(
    broker: KafkaBroker, topic: str, event: BaseModel, *, key: str, **headers: str
) -> None:
    """Publish one event as JSON, keyed (e.g. by organisation id), and wait for the broker."""
    await broker.publish(
        event.model_dump(mode="json"),
        topic,
        key=key.encode(),
        headers={"content-type": "application/json", "event-type": type(event).__name__, **headers},
    )


async def provision_topics(
    settings: KafkaSettings, topics: Iterable[str] = ALL_TOPICS
) -> list[str]:
    """Create the topics that do not exist yet; idempotent. Returns the names it created."""
    admin = AIOKafkaAdminClient(
        bootstrap_servers=settings.bootstrap_servers,
        client_id="mango-provisioner",
        request_timeout_ms=settings.request_timeout_ms,
    )
    await admin.start()
    try:
        existing = set(await admin.list_topics())
        missing = [t for t in dict.fromkeys(topics) if t not in existing]
        if not missing:
            return []
        response = await admin.create_topics(
            [NewTopic(t, settings.partitions, settings.replication_factor) for t in missing]
        )
        created = []
        for topic, code, message in _topic_errors(response):
            if code == 0:
                created.append(topic)
            elif code != TOPIC_ALREADY_EXISTS:  # another replica created it first
                raise RuntimeError(f"could not create topic {topic}: {message} (code {code})")
        if created:
            log.info("topics created", extra={"topics": created})
        return created
    finally:
        await admin.close()


def _topic_errors(response: Any) -> list[tuple[str, int, str | None]]:
    return [(str(e[0]), int(e[1]), e[2] if len(e) > 2 else None) for e in response.topic_errors]
