"""Must show: retries are deduplicated durably; nothing is lost or doubled while Kafka is down."""

import asyncio
import re
import time
from collections.abc import Awaitable, Callable
from contextlib import AsyncExitStack
from pathlib import Path

import pytest
import sqlalchemy as sa

from schemas import Language, MomentPosted
from services.common.database import create_engine
from services.common.embedded_broker import EmbeddedBroker, free_port
from services.ingest.domain.i18n import t
from tests.ingest.fake_slack import FakeSlack
from tests.ingest.harness import (
    Harness,
    IngestWith,
    consumer,
    ingest_settings,
    mention_envelope,
    outbox_locked,
    running_ingest,
)
from tests.support import KafkaUnderTest, wait_for, wait_until

pytestmark = pytest.mark.connected


async def sentinel_arrives(ingest: Harness, moments: list[MomentPosted]) -> None:
    """Post one more moment (same organisation, so same partition, after the others) and wait.

    Once it is seen, everything published before it has been seen too: no sleep-and-hope.
    """
    response = await ingest.event(mention_envelope("sentinel"))
    assert response.status_code == 200
    await wait_for(lambda: any(m.text == "sentinel" for m in moments), within=20, what="sentinel")


async def test_same_slack_event_four_times_two_concurrently_yields_one(ingest: Harness) -> None:
    envelope = mention_envelope("Tien keer bedankt voor de soep van gisteren.")
    first = await ingest.event(envelope)
    concurrent = await asyncio.gather(
        ingest.event(
            envelope, **{"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_timeout"}
        ),
        ingest.event(
            envelope, **{"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "http_timeout"}
        ),
    )
    last = await ingest.event(envelope, **{"X-Slack-Retry-Num": "3"})
    assert [r.status_code for r in (first, *concurrent, last)] == [200] * 4
    await sentinel_arrives(ingest, ingest.moments)
    texts = [m.text for m in ingest.moments]
    assert texts.count("Tien keer bedankt voor de soep van gisteren.") == 1
    assert await ingest.stored() == 2  # the event and the sentinel
    # Only the first delivery confirms to the user.
    await wait_for(lambda: len(ingest.slack.of("chat.postEphemeral")) == 2, what="confirmations")


async def test_concurrent_first_deliveries_race_to_one_row(ingest: Harness) -> None:
    envelope = mention_envelope("Vier tegelijk, een keer bewaard.")
    responses = await asyncio.gather(*(ingest.event(envelope) for _ in range(4)))
    assert {r.status_code for r in responses} == {200}
    await sentinel_arrives(ingest, ingest.moments)
    assert [m.text for m in ingest.moments].count("Vier tegelijk, een keer bewaard.") == 1


async def test_a_retry_whose_first_attempt_failed_is_processed(
    ingest_with: IngestWith, database_url: str
) -> None:
    async with ingest_with(store_timeout_s=0.5) as ingest:
        envelope = mention_envelope("Een tweede poging telt.")
        async with outbox_locked(database_url):
            # The first delivery cannot commit in time: 503, so Slack retries.
            failed = await ingest.event(envelope)
            assert failed.status_code == 503
        retried = await ingest.event(envelope, **{"X-Slack-Retry-Num": "1"})
        assert retried.status_code == 200
        await sentinel_arrives(ingest, ingest.moments)
        assert [m.text for m in ingest.moments].count("Een tweede poging telt.") == 1


async def test_broker_down_posts_answered_fast_then_all_published_once(
    make_topic: Callable[[str], Awaitable[str]],
    slack_api: FakeSlack,
    sqlite_url: str,
    tmp_path: Path,
    kafka: KafkaUnderTest,
) -> None:
    port = free_port()  # nothing listens here yet: the broker is unreachable
    down = kafka.settings(bootstrap_servers=f"127.0.0.1:{port}", request_timeout_ms=2000)
    topic = "mango.moments.v1.outage"
    settings = ingest_settings(tmp_path, sqlite_url, down, topic, slack_api.url)
    async with running_ingest(settings, slack_api) as ingest:
        durations = []
        for n in range(20):
            started = time.monotonic()
            response = await ingest.command(f"Moment {n} tijdens de storing.")
            durations.append(time.monotonic() - started)
            assert response.status_code == 200
            assert response.json()["response_type"] == "ephemeral"
        assert max(durations) < 3.0, durations
        assert await ingest.stored() == 20
        metrics = (await ingest.client.get("/metrics")).text
        assert re.search(r"^mango_ingest_outbox_depth 20\.0$", metrics, re.MULTILINE)

        with EmbeddedBroker(port=port) as broker:
            seen: list[MomentPosted] = []
            listener = consumer(
                kafka.settings(bootstrap_servers=broker.bootstrap_servers), topic, "outage", seen
            )
            await wait_for(
                lambda: ingest.app.state.relay.connected,
                within=30,
                what="the relay to reconnect",
            )
            await listener.start()
            try:
                await wait_for(lambda: len(seen) >= 20, within=30, what="20 moments")
                await sentinel_arrives(ingest, seen)
            finally:
                await listener.stop()
            assert broker.pid is not None
        texts = sorted(m.text for m in seen if m.text != "sentinel")
        assert texts == sorted(f"Moment {n} tijdens de storing." for n in range(20))
        assert len({m.event_id for m in seen}) == len(seen) == 21


async def test_readyz_reports_broker_database_and_outbox(ingest: Harness) -> None:
    async def ready() -> bool:
        return (await ingest.client.get("/readyz")).status_code == 200

    await wait_until(ready, within=30, what="ingest ready (the relay connects at start)")
    response = await ingest.client.get("/readyz")
    assert response.json()["checks"] == {"broker": True, "database": True, "outbox": True}


async def test_readyz_blames_the_outbox_not_kafka_when_only_the_database_fails(
    ingest: Harness,
) -> None:
    async def ready() -> bool:
        return (await ingest.client.get("/readyz")).status_code == 200

    await wait_until(ready, within=30, what="ingest ready (the relay connects at start)")
    engine = create_engine(ingest.database_url)
    rename = "ALTER TABLE {} RENAME TO {}"
    try:
        async with engine.begin() as connection:  # the relay's reads now fail, for real
            await connection.execute(sa.text(rename.format("ingest_outbox", "outbox_away")))
        try:

            async def failures() -> float:
                metrics = (await ingest.client.get("/metrics")).text
                found = re.search(r"^mango_ingest_publish_failures_total (\S+)$", metrics, re.M)
                return float(found.group(1)) if found else 0.0

            before = await failures()

            async def failed_twice() -> bool:
                return await failures() >= before + 2

            await wait_until(failed_twice, within=10, what="two failed relay rounds")
            response = await ingest.client.get("/readyz")
            assert response.status_code == 503
            assert response.json()["checks"] == {"broker": True, "database": True, "outbox": False}
        finally:
            async with engine.begin() as connection:
                await connection.execute(sa.text(rename.format("outbox_away", "ingest_outbox")))
    finally:
        await engine.dispose()


async def test_readyz_fails_while_another_transaction_holds_the_outbox_write_lock(
    ingest: Harness, database_url: str
) -> None:
    # A write lock that lets reads through (SQLite's always does) left `SELECT`s saying "ready"
    # while every post was turned away. The probe asks for the lock an insert needs.
    async def ready() -> bool:
        return (await ingest.client.get("/readyz")).status_code == 200

    await wait_until(ready, within=30, what="ingest ready (the relay connects at start)")
    async with outbox_locked(database_url, reads_too=False):
        response = await ingest.client.get("/readyz")
        assert response.status_code == 503
        assert response.json()["checks"] == {"broker": True, "database": True, "outbox": False}
    assert await ready()
    assert await ingest.stored() == 0  # the probe wrote nothing


SLOW_TEXT = "Dit moment wacht op een slot."


async def test_slash_command_on_a_slow_outbox_says_saving_then_confirms_once(
    ingest_with: IngestWith, slack_api: FakeSlack, database_url: str
) -> None:
    # Another transaction holds the outbox longer than Slack's patience but shorter than
    # slow_store_wait_s: the user hears "saving" in time, then "thank you" once it is stored.
    async with ingest_with(store_timeout_s=0.5, slow_store_wait_s=10) as ingest:
        async with outbox_locked(database_url):
            started = time.monotonic()
            response = await ingest.command(SLOW_TEXT)
            elapsed = time.monotonic() - started
            assert response.json() == {
                "response_type": "ephemeral",
                "text": t("saving", Language.NL),
            }
            assert elapsed < 3
            await asyncio.sleep(0.5)  # still locked: the commit waits, nothing is told yet
            assert slack_api.follow_ups() == []
        await wait_for(lambda: len(slack_api.follow_ups()) == 1, within=10, what="a follow-up")
        [text] = slack_api.follow_ups()
        assert text.startswith("Bedankt!")
        assert "<#C0ONCO001>" in text
        await sentinel_arrives(ingest, ingest.moments)
        assert [m.text for m in ingest.moments].count(SLOW_TEXT) == 1
        assert await ingest.stored() == 2  # the command and the sentinel


async def test_slash_command_whose_outbox_stays_locked_is_told_not_saved(
    ingest_with: IngestWith, slack_api: FakeSlack, database_url: str
) -> None:
    async with ingest_with(store_timeout_s=0.5, slow_store_wait_s=1.0) as ingest:
        async with outbox_locked(database_url):
            response = await ingest.command(SLOW_TEXT)
            assert response.json()["text"] == t("saving", Language.NL)
            # The insert gives up (rolled back) while the lock is still held.
            await wait_for(lambda: slack_api.follow_ups() != [], within=10, what="a follow-up")
        assert slack_api.follow_ups() == [t("not_saved", Language.NL)]
        await sentinel_arrives(ingest, ingest.moments)
        assert SLOW_TEXT not in [m.text for m in ingest.moments]
        assert await ingest.stored() == 1  # the sentinel only


async def test_slash_command_still_waiting_at_shutdown_is_told_it_is_not_confirmed(
    ingest_with: IngestWith, slack_api: FakeSlack, database_url: str
) -> None:
    # The server is stopped while the commit still waits on a lock, longer than its shutdown
    # grace: the user is not left with "saving" alone, but told the post is not confirmed yet.
    async with AsyncExitStack() as running:
        ingest = await running.enter_async_context(
            ingest_with(store_timeout_s=0.5, slow_store_wait_s=60, shutdown_grace_s=1)
        )
        async with outbox_locked(database_url):
            response = await ingest.command(SLOW_TEXT)
            assert response.json()["text"] == t("saving", Language.NL)
            shutdown = asyncio.create_task(running.aclose())
            await wait_for(lambda: slack_api.follow_ups() != [], within=10, what="a follow-up")
            assert not shutdown.done()  # still waiting for the commit in flight
        await asyncio.wait_for(shutdown, timeout=20)
    assert slack_api.follow_ups() == [
        t(
            "not_confirmed",
            Language.NL,
            where="Dagziekenhuis oncologie (<#C0ONCO001>, Teams en de Mango-muur)",
        )
    ]
    # Which was the honest word: the commit landed during the shutdown, after the follow-up.
    # The relay had stopped, so the moment waits in the outbox for the next start.
    assert await ingest.stored() == 1


async def test_slash_command_without_a_slack_response_url_gets_try_again_on_a_locked_outbox(
    ingest: Harness, database_url: str
) -> None:
    # No way to follow up (the response_url is not Slack's): a stuck store still gets a clear
    # answer in time (Slack shows an error after 3 s), never a bare 503, and nothing is stored
    # after that answer.
    async with outbox_locked(database_url):
        started = time.monotonic()
        response = await ingest.command(SLOW_TEXT, response_url="https://hooks.example/x/1")
        elapsed = time.monotonic() - started
    assert response.status_code == 200
    assert response.json() == {"response_type": "ephemeral", "text": t("try_again", Language.NL)}
    assert elapsed < 3
    await sentinel_arrives(ingest, ingest.moments)
    assert SLOW_TEXT not in [m.text for m in ingest.moments]
    assert ingest.slack.follow_ups() == []


def metric(text: str, name: str) -> float:
    """One sample line (`name{labels} value`) of a Prometheus text page; 0 if absent."""
    for line in text.splitlines():
        if line.startswith(name + " "):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


async def test_redactions_are_counted_by_type_in_metrics(ingest: Harness) -> None:
    phone = 'mango_ingest_redactions_total{type="phone"}'
    email = 'mango_ingest_redactions_total{type="email"}'
    before = (await ingest.client.get("/metrics")).text
    response = await ingest.command(
        "Bel 0471 23 45 67 of mail an.iemand@example.org, het ging goed."
    )
    assert response.status_code == 200
    after = (await ingest.client.get("/metrics")).text
    assert metric(after, phone) - metric(before, phone) == 1
    assert metric(after, email) - metric(before, email) == 1
    # Counts only: the redacted values never reach the metrics page.
    assert "an.iemand@example.org" not in after
