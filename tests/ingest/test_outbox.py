"""The outbox store on both databases: new vs duplicate, order, depth, sent (no broker)."""

import datetime as dt
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from services.common.database import create_engine, migrate
from services.ingest.adapters.outbox import OutboxStore
from tests.support import make_moment

MIGRATIONS = Path(__file__).parents[2] / "services" / "ingest" / "migrations"


@pytest.fixture
async def store(database_url: str) -> AsyncIterator[OutboxStore]:
    engine = create_engine(database_url)
    await migrate(engine, MIGRATIONS)
    outbox = OutboxStore(engine)
    try:
        yield outbox
    finally:
        await outbox.close()
        await engine.dispose()


async def test_rows_read_back_in_order_with_their_time_and_duplicates_are_refused(
    store: OutboxStore,
) -> None:
    first = dt.datetime(2026, 11, 26, 9, 0, 0, 123456, tzinfo=dt.UTC)
    later = first + dt.timedelta(seconds=1)
    moments = [make_moment(n) for n in range(3)]
    # Given in another zone: stored and read back as the same instant.
    brussels = dt.timezone(dt.timedelta(hours=1))
    assert await store.add_many(
        [(moments[1], later), (moments[0], first.astimezone(brussels)), (moments[1], later)]
    ) == [True, True, False]
    last = later + dt.timedelta(seconds=1)
    assert await store.add_many([(moments[0], later), (moments[2], last)]) == [False, True]

    depth, oldest = await store.depth()
    assert (depth, oldest) == (3, first)
    pending = await store.pending(10)
    assert [p.event_id for p in pending] == [str(m.event_id) for m in moments]
    assert pending[0].payload == moments[0].model_dump_json()

    await store.mark_sent([str(moments[0].event_id)], later)
    assert [p.event_id for p in await store.pending(10)] == [str(m.event_id) for m in moments[1:]]
    assert (await store.depth())[0] == 2
