"""The outbox store and its group commit on both databases (no broker)."""

import asyncio
import datetime as dt
import sqlite3
from collections.abc import AsyncIterator, Coroutine
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.exc import SQLAlchemyError

from services.common.database import create_engine, migrate
from services.ingest.adapters.outbox import DEFAULT_WITHIN_S, GroupCommit, OutboxStore, Pending
from tests.ingest.harness import outbox_locked
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


class CountingStore(OutboxStore):
    """The real store, counting its transactions."""

    commits = 0

    def add_rows(
        self,
        rows: list[tuple[Pending, dt.datetime]],
        *,
        within_s: float = DEFAULT_WITHIN_S,
    ) -> Coroutine[Any, Any, list[bool]]:
        self.commits += 1
        return super().add_rows(rows, within_s=within_s)


async def test_group_commit_answers_each_post_and_shares_transactions(database_url: str) -> None:
    engine = create_engine(database_url)
    await migrate(engine, MIGRATIONS)
    store = CountingStore(engine)
    writer = GroupCommit(store)
    now = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
    moments = [make_moment(n) for n in range(40)]
    try:
        # 45 posts at once, 5 of them repeated: the first starts a commit at once, the others
        # wait for it and go together in the next transaction.
        answers = await asyncio.gather(
            *(writer.add(m, now, within_s=5) for m in [*moments, *moments[:5]])
        )
        await writer.stop()
        assert answers == [True] * 40 + [False] * 5
        assert store.commits == 2
        assert (await store.depth())[0] == 40
    finally:
        await store.close()
        await engine.dispose()


async def test_group_commit_never_commits_a_post_after_its_deadline(
    store: OutboxStore, database_url: str
) -> None:
    writer = GroupCommit(store)
    now = dt.datetime(2026, 11, 26, 9, 0, tzinfo=dt.UTC)
    first, queued, patient = (make_moment(n) for n in range(3))
    async with outbox_locked(database_url):
        # The first post starts a commit that waits for the lock up to 1 s; the next two
        # queue behind it. The one whose 0.1 s pass is told so at once, while the commit in
        # front still waits, and is never started.
        started = writer.add(first, now, within_s=1.0)
        late = writer.add(queued, now, within_s=0.1)
        waits = writer.add(patient, now, within_s=10)
        with pytest.raises(TimeoutError):
            await late
        assert not started.done()
        with pytest.raises((sqlite3.Error, SQLAlchemyError)):
            await started
        assert not waits.done()  # its own commit waits for the lock
    assert await waits is True
    await writer.stop()
    assert [p.event_id for p in await store.pending(10)] == [str(patient.event_id)]
