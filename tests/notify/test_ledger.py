"""The delivery ledger on SQLite and PostgreSQL: unique per (event, destination), replay, leases."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.common.database import create_engine, migrate
from services.notify.adapters.ledger import DEAD, Ledger, NewDelivery
from services.notify.app import MIGRATIONS

pytestmark = pytest.mark.connected


@pytest.fixture(params=["sqlite", "postgresql"])
async def ledger(
    request: pytest.FixtureRequest, tmp_path: Path, postgres_url: str
) -> AsyncIterator[Ledger]:
    url = postgres_url if request.param == "postgresql" else f"sqlite+aiosqlite:///{tmp_path}/l.db"
    engine = create_engine(url)
    await migrate(engine, MIGRATIONS)
    await migrate(engine, MIGRATIONS)  # idempotent
    try:
        yield Ledger(engine)
    finally:
        await engine.dispose()


def row(event: str, destination: str, **extra: object) -> NewDelivery:
    return NewDelivery(
        event_id=event,
        destination=destination,
        organisation_id="az",
        moment="{}",
        **extra,  # type: ignore[arg-type]
    )


async def test_recording_twice_keeps_one_row_per_event_and_destination(ledger: Ledger) -> None:
    rows = [row("e1", "slack:C1"), row("e1", "wall:az/x"), row("e2", "slack:C1")]
    await ledger.record(rows)
    await ledger.record(rows)  # Kafka redelivered the batch
    pending = await ledger.pending("slack:C1", 10)
    assert [p.event_id for p in pending] == ["e1", "e2"], "in arrival order"
    await ledger.delivered([pending[0].id], "123.456", attempts=1)
    await ledger.record(rows)  # a duplicate event after delivery adds nothing
    assert [p.event_id for p in await ledger.pending("slack:C1", 10)] == ["e2"]
    assert await ledger.counts() == {"delivered": 1, "pending": 2}
    unannounced = await ledger.unannounced(10)
    assert [u.message_ref for u in unannounced] == ["123.456"]
    await ledger.announced([u.id for u in unannounced])
    assert await ledger.unannounced(10) == []


async def test_replay_reopens_the_dead_row_and_never_touches_delivered_ones(
    ledger: Ledger,
) -> None:
    await ledger.record([row("e1", "slack:C1"), row("e1", "wall:az/x")])
    [slack] = await ledger.pending("slack:C1", 10)
    [wall] = await ledger.pending("wall:az/x", 10)
    await ledger.dead([slack.id], "slack:channel_not_found", attempts=1)
    await ledger.delivered([wall.id], "wall", attempts=1)
    [dead] = await ledger.dead_letters()
    assert dead.error_class == "slack:channel_not_found"
    queued = await ledger.replay(dead, [row("e1", "slack:C1"), row("e1", "wall:az/x")], reopen=True)
    assert queued == 1, "only the dead destination is posted again"
    assert await ledger.dead_letters() == []
    again = await ledger.replay(dead, [row("e1", "slack:C1")], reopen=True)
    assert again == 0, "a second replay: nothing"
    assert await ledger.counts() == {"delivered": 1, "pending": 1}


async def test_replay_to_a_new_destination_retires_the_old_one(ledger: Ledger) -> None:
    await ledger.record([row("e1", "route:az/gone", status=DEAD, error_class="Unroutable")])
    [dead] = await ledger.dead_letters("e1")
    new = [row("e1", "slack:C2"), row("e1", "wall:az/y")]
    assert await ledger.replay(dead, new, reopen=False) == 2
    assert await ledger.counts() == {"pending": 2, "replayed": 1}


async def test_discard_sets_dead_letters_aside_and_nothing_else(ledger: Ledger) -> None:
    dead = {"status": DEAD, "error_class": "Unroutable"}
    await ledger.record(
        [
            row("e1", "route:az/gone", **dead),
            row("e2", "route:az/gone", **dead),
            row("e1", "slack:C1"),
            row("e3", "slack:C1"),
        ]
    )
    [delivered] = [p for p in await ledger.pending("slack:C1", 10) if p.event_id == "e3"]
    await ledger.delivered([delivered.id], "1.2", attempts=1)
    assert await ledger.discard("e9") == 0
    assert await ledger.discard("e1") == 1
    assert [d.event_id for d in await ledger.dead_letters()] == ["e2"]
    assert await ledger.discard(None) == 1
    assert await ledger.dead_letters() == []
    assert await ledger.discard(None) == 0, "a second discard: nothing"
    assert await ledger.counts() == {"delivered": 1, "discarded": 2, "pending": 1}


async def test_leases_give_a_destination_to_one_owner(ledger: Ledger) -> None:
    assert await ledger.claim("slack:C1", "a", lease_s=30) is False  # free: no row existed
    assert await ledger.claim("slack:C1", "b", lease_s=30) is None  # held by a
    assert await ledger.claim("slack:C1", "a", lease_s=30) is True  # renewed
    await ledger.release_all("a")
    assert await ledger.claim("slack:C1", "b", lease_s=0.001) is False
    assert await ledger.claim("slack:C1", "a", lease_s=30) in {None, True}
