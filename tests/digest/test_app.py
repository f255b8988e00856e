"""The digest service's HTTP side: /readyz checks broker and database, /metrics, /digests."""

import mailbox
from collections.abc import Awaitable, Callable
from pathlib import Path

import httpx
import pytest
import sqlalchemy as sa

from services.common.database import create_engine
from services.common.kafka import build_broker, publish
from services.digest.app import build_app
from services.digest.rendering import Rendered, build_email
from services.digest.settings import DigestSettings
from tests.digest.support import organisation, write_network
from tests.support import KafkaUnderTest, make_moment, wait_until

pytestmark = pytest.mark.connected


async def test_readyz_metrics_and_the_local_mailbox(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
    postgres_url: str,
    tmp_path: Path,
) -> None:
    import datetime as dt

    maildir = tmp_path / "mail"
    box = mailbox.Maildir(maildir)
    html = "<p>Hallo</p><p>&lt;script&gt;</p>"
    message = build_email(
        Rendered("Mangomomenten week 47 — AZ: 3 momenten", html, "Hallo\n"),
        sender="mango@az.example",
        sender_name="Mangomoment",
        recipient="board@az.example",
        message_id="<x@az.example>",
        now=dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC),
    )
    key = box.add(message)
    settings = DigestSettings(
        kafka=kafka.settings(),
        network_file=write_network(tmp_path, [organisation("az", board=["board@az.example"])]),
        database_url=postgres_url,
        group_id=unique_name("digest"),
        moments_topic=await make_topic("moments"),
        deliveries_topic=await make_topic("deliveries"),
        digests_topic=await make_topic("digests"),
        schedule_interval_s=3600,
        dev_mailbox=maildir,
    )
    app = build_app(settings)
    async with (
        app.router.lifespan_context(app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://digest") as http,
    ):
        ready = await http.get("/readyz")
        assert ready.status_code == 200, ready.text
        assert ready.json()["checks"] == {"broker": True, "database": True}
        metrics = (await http.get("/metrics")).text
        assert "mango_digest_recipients_failed_total" in metrics
        assert "mango_digest_emails_sent_total" in metrics
        index = await http.get("/digests")
        assert "Mangomomenten week 47 — AZ: 3 momenten" in index.text
        assert f'href="/digests/{key}"' in index.text
        shown = await http.get(f"/digests/{key}")
        assert shown.status_code == 200
        assert "<p>Hallo</p>" in shown.text
        assert "script-src" not in shown.headers["content-security-policy"]
        assert shown.headers["content-security-policy"].startswith("default-src 'none'")
        assert (await http.get("/digests/nope")).status_code == 404


async def test_an_unreadable_record_is_skipped_not_retried_for_ever(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    unique_name: Callable[[str], str],
    postgres_url: str,
    tmp_path: Path,
) -> None:
    """A poison record used to be retried hundreds of times a second, and every moment behind
    it on its partition waited with it."""
    topics = {name: await make_topic(name) for name in ("moments", "deliveries", "digests")}
    moment = make_moment(1, organisation_id="az")
    producer = build_broker(kafka.settings(), client_id="test-producer")
    await producer.start()
    try:
        key = moment.organisation_id.encode()  # the same partition as the moment behind it
        await producer.publish(b"\x00not json{{", topics["moments"], key=key)
        await producer.publish(b'{"event_id": "Sofie"}', topics["deliveries"], key=key)
        await publish(producer, topics["moments"], moment, key=moment.organisation_id)
    finally:
        await producer.stop()
    settings = DigestSettings(
        kafka=kafka.settings(),
        network_file=write_network(tmp_path, [organisation("az", board=["board@az.example"])]),
        database_url=postgres_url,
        group_id=unique_name("digest"),
        moments_topic=topics["moments"],
        deliveries_topic=topics["deliveries"],
        digests_topic=topics["digests"],
        schedule_interval_s=3600,
    )
    app = build_app(settings)
    engine = create_engine(postgres_url)
    try:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://digest") as http,
        ):

            async def stored() -> bool:
                async with engine.connect() as connection:
                    count = await connection.scalar(sa.text("SELECT count(*) FROM digest_moments"))
                return int(count or 0) == 1

            await wait_until(stored, within=30, what="the moment behind the poison record")
            metrics = (await http.get("/metrics")).text
    finally:
        await engine.dispose()
    for topic in (topics["moments"], topics["deliveries"]):
        assert f'mango_digest_unreadable_events_total{{topic="{topic}"}} 1.0' in metrics
