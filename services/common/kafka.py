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

Two ways in, one format out: `publish` sends one event model through FastStream; `publish_stored`
sends events that were already serialised and stored (ingest's outbox) byte for byte, in one
producer batch per partition. Both use the same headers, keys and partitioner.
"""

import logging
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.admin import AIOKafkaAdminClient, NewTopic
from aiokafka.partitioner import DefaultPartitioner
from faststream import AckPolicy
from faststream.kafka import KafkaBroker
from pydantic import BaseModel

from schemas import ALL_TOPICS
from services.common.settings import KafkaSettings

log = logging.getLogger(__name__)

TOPIC_ALREADY_EXISTS = 36


def producer_options(settings: KafkaSettings) -> dict[str, Any]:
    """The durable producer settings every service publishes with."""
    return {
        "acks": "all",
        "enable_idempotence": settings.idempotence,
        "compression_type": None if settings.compression == "none" else settings.compression,
        "request_timeout_ms": settings.request_timeout_ms,
    }


def build_broker(settings: KafkaSettings, *, client_id: str, **options: Any) -> KafkaBroker:
    """A FastStream Kafka broker with durable producer settings."""
    return KafkaBroker(
        settings.bootstrap_servers,
        client_id=client_id,
        **producer_options(settings),
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


def build_producer(settings: KafkaSettings, *, client_id: str) -> AIOKafkaProducer:
    """A bare producer with the same durable settings, for `publish_stored`."""
    return AIOKafkaProducer(
        bootstrap_servers=settings.bootstrap_servers,
        client_id=client_id,
        **producer_options(settings),
    )


def event_headers(event_type: str, **headers: str) -> dict[str, str]:
    return {"content-type": "application/json", "event-type": event_type, **headers}


async def publish(
    broker: KafkaBroker, topic: str, event: BaseModel, *, key: str, **headers: str
) -> None:
    """Publish one event as JSON, keyed (e.g. by organisation id), and wait for the broker."""
    await broker.publish(
        event.model_dump(mode="json"),
        topic,
        key=key.encode(),
        headers=event_headers(type(event).__name__, **headers),
    )


@dataclass(frozen=True)
class StoredEvent:
    """An event already serialised as JSON (e.g. an outbox row), published as it is."""

    key: str
    payload: bytes
    event_type: str
    correlation_id: str


async def publish_stored(
    producer: AIOKafkaProducer, topic: str, events: Sequence[StoredEvent]
) -> list[Exception | None]:
    """Publish in order, one producer batch per partition, and wait for the broker.

    Returns, per event, None when the broker acknowledged it or the error that stopped it.
    Keys go to the same partitions as `publish` (the producer's default partitioner).
    """
    partitions = sorted(await producer.partitions_for(topic))
    partitioner = DefaultPartitioner()
    partition_of: dict[str, int] = {}  # a batch holds few keys (organisations): hash each once
    groups: dict[int, list[int]] = {}
    for index, event in enumerate(events):
        if event.key not in partition_of:
            partition_of[event.key] = partitioner(event.key.encode(), partitions, partitions)
        groups.setdefault(partition_of[event.key], []).append(index)
    results: list[Exception | None] = [None] * len(events)
    sent: list[tuple[list[int], Any]] = []
    for partition, indices in groups.items():
        try:
            for members, batch in _batches(producer, [events[i] for i in indices], indices):
                sent.append((members, await producer.send_batch(batch, topic, partition=partition)))
        except Exception as exc:  # not handed to the producer: these were not sent
            handed = {i for members, _ in sent for i in members}
            for index in indices:
                if index not in handed:
                    results[index] = exc
    for members, future in sent:
        try:
            await future
        except Exception as exc:
            for index in members:
                results[index] = exc
    return results


def _batches(
    producer: AIOKafkaProducer, events: list[StoredEvent], indices: list[int]
) -> Iterable[tuple[list[int], Any]]:
    """Producer batches of at most the producer's batch size, and the indices each carries.

    A full batch refuses the next record; an empty batch takes any record (as in Kafka's own
    clients), so one large event still goes out, alone, up to the broker's message limit.
    """
    batch = producer.create_batch()
    members: list[int] = []
    for index, event in zip(indices, events, strict=True):
        record = {
            "key": event.key.encode(),
            "value": event.payload,
            "timestamp": None,
            "headers": [
                (name, value.encode())
                for name, value in event_headers(
                    event.event_type, correlation_id=event.correlation_id
                ).items()
            ],
        }
        if batch.append(**record) is None:
            batch.close()
            yield members, batch
            batch, members = producer.create_batch(), []
            batch.append(**record)
        members.append(index)
    if members:
        batch.close()
        yield members, batch


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
