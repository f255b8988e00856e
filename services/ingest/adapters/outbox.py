"""The outbox: an accepted moment is committed here before the user is answered.

The primary key is the deterministic event id, so the outbox is also the durable dedupe store:
a Slack retry, a Teams redelivery or a double form submit inserts nothing new (also when two
deliveries race: the database lets one insert win). A delivery whose first attempt failed left
no row, so its retry is processed.
"""

import asyncio
import contextlib
import datetime as dt
import functools
import sqlite3
from collections.abc import Awaitable, Callable, Coroutine, Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from typing import Any

import sqlalchemy as sa
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.ext.asyncio import AsyncEngine

from schemas.events import MomentPosted
from services.common.database import sqlite_connect, sqlite_file

metadata = sa.MetaData()

outbox = sa.Table(
    "ingest_outbox",
    metadata,
    sa.Column("event_id", sa.String(36), primary_key=True),
    sa.Column("organisation_id", sa.String(64), nullable=False),
    sa.Column("payload", sa.Text, nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("sent_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("attempts", sa.Integer, nullable=False, server_default="0"),
    sa.Index("ix_ingest_outbox_pending", "sent_at", "created_at"),
)


DEFAULT_WITHIN_S = 5.0
"""How long an insert may wait for a lock or the disk, unless the caller says otherwise."""

SET_LOCAL_TIMEOUT = sa.text("SELECT set_config('statement_timeout', :ms, true)")
"""`SET LOCAL statement_timeout` with the value as a parameter: one prepared statement for
every batch (each batch has its own deadline)."""
SET_LOCAL_LOCK_TIMEOUT = sa.text("SELECT set_config('lock_timeout', :ms, true)")
"""`SET LOCAL lock_timeout`, the same way: how long the readiness probe waits for a lock."""

PROBE_LOCK_WAIT_MS = 500
"""How long the readiness probe waits for the outbox's write lock."""


@dataclass(frozen=True)
class Pending:
    event_id: str
    organisation_id: str
    payload: str
    """The event as committed (JSON): the relay publishes exactly these bytes."""

    @classmethod
    def of(cls, moment: MomentPosted) -> "Pending":
        return cls(str(moment.event_id), moment.organisation_id, moment.model_dump_json())


class OutboxStore:
    def __init__(self, engine: AsyncEngine) -> None:
        self._engine = engine
        self._postgres = engine.dialect.name == "postgresql"
        insert = postgresql.insert if self._postgres else sqlite.insert
        # One statement for any batch size (parameters as a list): built once, cached.
        self._statement = (
            insert(outbox)
            .on_conflict_do_nothing(index_elements=["event_id"])
            .returning(outbox.c.event_id)
        )
        path = sqlite_file(engine.url)
        self._sqlite = SqliteWriter(path) if path is not None else None

    async def close(self) -> None:
        if self._sqlite is not None:
            await self._sqlite.close()

    def add_many(
        self,
        moments: list[tuple[MomentPosted, dt.datetime]],
        *,
        within_s: float = DEFAULT_WITHIN_S,
    ) -> Coroutine[Any, Any, list[bool]]:
        """`add_rows` for events not yet serialised."""
        return self.add_rows([(Pending.of(m), now) for m, now in moments], within_s=within_s)

    def add_rows(
        self,
        rows: list[tuple[Pending, dt.datetime]],
        *,
        within_s: float = DEFAULT_WITHIN_S,
    ) -> Coroutine[Any, Any, list[bool]]:
        """Commit several rows in one transaction; per row (accepted at `now`): was it new?

        An insert still waiting (for a lock, a slow disk) after `within_s` fails and rolls back:
        keep it below the caller's own deadline, so that a post whose user was told "try again"
        is not committed after all.

        On a SQLite file the insert is already running when this returns (before it is
        awaited): `GroupCommit` relies on that to handle the next requests during the fsync.
        """
        values: dict[str, dict[str, object]] = {}
        for row, now in rows:
            values.setdefault(
                row.event_id,
                {
                    "event_id": row.event_id,
                    "organisation_id": row.organisation_id,
                    "payload": row.payload,
                    "created_at": now,
                },
            )
        timeout_ms = max(1, int(within_s * 1000))
        if self._sqlite is not None:
            inserted: Awaitable[set[str]] = self._sqlite.insert(list(values.values()), timeout_ms)
        else:
            inserted = self._insert_rows(list(values.values()), timeout_ms)
        return self._answers([row.event_id for row, _ in rows], inserted)

    async def _insert_rows(self, rows: list[dict[str, object]], timeout_ms: int) -> set[str]:
        async with self._engine.begin() as connection:
            if self._postgres:  # the server gives up and rolls back, not only the client
                await connection.execute(SET_LOCAL_TIMEOUT, {"ms": str(timeout_ms)})
            result = await connection.execute(self._statement, rows)
            return set(result.scalars())

    @staticmethod
    async def _answers(keys: list[str], inserting: Awaitable[set[str]]) -> list[bool]:
        inserted = set(await inserting)
        answers = []
        for key in keys:
            answers.append(key in inserted)
            inserted.discard(key)  # the same event twice in one batch: the second is a duplicate
        return answers

    async def pending(self, limit: int) -> list[Pending]:
        """Oldest unsent first."""
        query = (
            sa.select(outbox.c.event_id, outbox.c.organisation_id, outbox.c.payload)
            .where(outbox.c.sent_at.is_(None))
            .order_by(outbox.c.created_at, outbox.c.event_id)
            .limit(limit)
        )
        async with self._engine.connect() as connection:
            rows = (await connection.execute(query)).all()
        return [Pending(row.event_id, row.organisation_id, row.payload) for row in rows]

    async def mark_sent(self, event_ids: list[str], now: dt.datetime) -> None:
        if self._sqlite is not None:  # on the writer's thread: no wait for its write lock
            await self._sqlite.mark_sent(event_ids, _sqlite_value(now))
            return
        async with self._engine.begin() as connection:
            await connection.execute(
                outbox.update().where(outbox.c.event_id.in_(event_ids)).values(sent_at=now)
            )

    async def count_attempt(self, event_id: str) -> None:
        async with self._engine.begin() as connection:
            await connection.execute(
                outbox.update()
                .where(outbox.c.event_id == event_id)
                .values(attempts=outbox.c.attempts + 1)
            )

    async def depth(self) -> tuple[int, dt.datetime | None]:
        """How many rows wait, and when the oldest of them was accepted."""
        query = sa.select(sa.func.count(), sa.func.min(outbox.c.created_at)).where(
            outbox.c.sent_at.is_(None)
        )
        async with self._engine.connect() as connection:
            count, oldest = (await connection.execute(query)).one()
        if oldest is not None and oldest.tzinfo is None:  # SQLite drops the zone
            oldest = oldest.replace(tzinfo=dt.UTC)
        return int(count), oldest

    async def probe_write_lock(self, lock_wait_ms: int = PROBE_LOCK_WAIT_MS) -> None:
        """Take the outbox's write lock as an insert would (within `lock_wait_ms`), and give it
        back at once, writing nothing; raises the database's error when it cannot.

        A reader does not see a held write lock (SQLite's WAL lets reads through)."""
        if self._sqlite is not None:  # behind the inserts on the writer's thread, like them
            await self._sqlite.probe(lock_wait_ms)
            return
        async with self._engine.connect() as connection:
            await connection.execute(SET_LOCAL_LOCK_TIMEOUT, {"ms": f"{lock_wait_ms}ms"})
            await connection.execute(sa.text("LOCK TABLE ingest_outbox IN ROW EXCLUSIVE MODE"))
            await connection.rollback()

    async def stored_moment(self, event_id: str) -> MomentPosted | None:
        """The event stored under `event_id`, as it was first stored."""
        query = sa.select(outbox.c.payload).where(outbox.c.event_id == event_id)
        async with self._engine.connect() as connection:
            payload = (await connection.execute(query)).scalar_one_or_none()
        return None if payload is None else MomentPosted.model_validate_json(payload)

    async def stored(self, event_id: str) -> bool:
        query = sa.select(sa.func.count()).where(outbox.c.event_id == event_id)
        async with self._engine.connect() as connection:
            return bool((await connection.execute(query)).scalar_one())


INSERTED = ("event_id", "organisation_id", "payload", "created_at")
"""The columns an insert sets (`attempts` and `sent_at` take their defaults)."""

MARK_SENT_LOCK_WAIT_MS = 1000
"""How long marking rows sent waits for the write lock: inserts queue behind it on the one
writer thread. If it gives up, the relay retries (the rows may be published again, which
consumers deduplicate)."""

SQLITE_DATETIME = "%Y-%m-%d %H:%M:%S.%f"
"""How SQLAlchemy stores a `DateTime` in SQLite (UTC wall time, no zone): rows written here
read back through SQLAlchemy like any other."""


class SqliteWriter:
    """The outbox's writes to a SQLite file (inserts, marking rows sent), on one thread with a
    plain sqlite3 connection.

    One thread hop per batch instead of half a dozen async round trips (measured: ~0.9 ms of
    CPU per batch through SQLAlchemy + aiosqlite, ~0.15 ms here, most of it the fsync). A batch
    is four statements whatever its size: this thread takes the GIL back after each, and
    while the event loop is busy each of those waits can last a switch interval. One writer
    also means the relay's updates never hold the write lock an insert waits for. Reads stay
    in SQLAlchemy.
    """

    def __init__(self, path: str) -> None:
        self._path = path
        self._lock_wait_ms = 0
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="ingest-outbox")
        self._connection: sqlite3.Connection | None = None

    def insert(self, rows: list[dict[str, object]], lock_wait_ms: int) -> asyncio.Future[set[str]]:
        """Insert in one transaction, started now; the future gives the ids that were new once
        the commit is on disk (fsync). Waiting longer than `lock_wait_ms` for the write lock
        fails the insert."""
        values = [tuple(_sqlite_value(row[column]) for column in INSERTED) for row in rows]
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self._thread, self._insert, values, lock_wait_ms)

    def mark_sent(self, event_ids: list[str], sent_at: str) -> asyncio.Future[None]:
        """Set `sent_at` of these rows (waiting up to `MARK_SENT_LOCK_WAIT_MS` for the lock)."""
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self._thread, self._mark_sent, event_ids, sent_at)

    def probe(self, lock_wait_ms: int) -> asyncio.Future[None]:
        """Take the write lock and give it back (`BEGIN IMMEDIATE`, `COMMIT` of nothing):
        nothing is written, nothing waits for the disk."""
        loop = asyncio.get_running_loop()
        return loop.run_in_executor(self._thread, self._probe, lock_wait_ms)

    def _probe(self, lock_wait_ms: int) -> None:
        with self._transaction(self._connected(lock_wait_ms)):
            pass  # an empty transaction: its commit writes nothing

    def _insert(self, values: list[tuple[str, ...]], lock_wait_ms: int) -> set[str]:
        """The ids that were new. Under the write lock (`BEGIN IMMEDIATE`), what the `SELECT`
        does not find, the `INSERT` adds."""
        connection = self._connected(lock_wait_ms)
        keys = [value[0] for value in values]
        with self._transaction(connection):
            found = connection.execute(
                f"SELECT event_id FROM ingest_outbox WHERE event_id IN ({_marks(len(keys))})",  # noqa: S608 - only placeholders
                keys,
            ).fetchall()
            connection.execute(
                f"INSERT INTO ingest_outbox ({', '.join(INSERTED)}) VALUES "  # noqa: S608 - only placeholders
                + ", ".join([f"({_marks(len(INSERTED))})"] * len(values))
                + " ON CONFLICT (event_id) DO NOTHING",
                [column for value in values for column in value],
            )
        return set(keys) - {row[0] for row in found}

    def _mark_sent(self, event_ids: list[str], sent_at: str) -> None:
        connection = self._connected(MARK_SENT_LOCK_WAIT_MS)
        marks = _marks(len(event_ids))
        with self._transaction(connection):
            connection.execute(
                f"UPDATE ingest_outbox SET sent_at = ? WHERE event_id IN ({marks})",  # noqa: S608 - only placeholders
                (sent_at, *event_ids),
            )

    def _connected(self, lock_wait_ms: int) -> sqlite3.Connection:
        if self._connection is None:
            self._connection = sqlite_connect(self._path)
            self._lock_wait_ms = 0  # not yet set on this connection
        if lock_wait_ms != self._lock_wait_ms:
            self._connection.execute(f"PRAGMA busy_timeout={lock_wait_ms}")
            self._lock_wait_ms = lock_wait_ms
        return self._connection

    @contextlib.contextmanager
    def _transaction(self, connection: sqlite3.Connection) -> Iterator[None]:
        try:
            connection.execute("BEGIN IMMEDIATE")
            yield
            connection.execute("COMMIT")
        except BaseException:
            # Nothing of this transaction is kept; a fresh connection serves the next one.
            self._close()
            raise

    async def close(self) -> None:
        loop = asyncio.get_running_loop()
        await loop.run_in_executor(self._thread, self._close)
        self._thread.shutdown(wait=False)

    def _close(self) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None


def _marks(count: int) -> str:
    """`?, ?, ?`: the placeholders of `count` parameters."""
    return ", ".join("?" * count)


def _sqlite_value(value: object) -> str:
    """A column value as SQLAlchemy would store it in SQLite (datetimes as UTC wall time)."""
    if isinstance(value, dt.datetime):
        utc = value.astimezone(dt.UTC).replace(tzinfo=None) if value.tzinfo else value
        return utc.strftime(SQLITE_DATETIME)
    return str(value)


NOT_STARTED = "outbox commit not started in time"


@dataclass(frozen=True, eq=False)  # compared by identity: `in` must not compare moments
class Waiter:
    row: Pending
    now: dt.datetime
    deadline: float
    """Loop time after which this post must not be committed any more."""
    future: "asyncio.Future[bool]"


class GroupCommit:
    """Group commit in front of `OutboxStore.add_rows`.

    The first moment starts a commit at once; moments that arrive while it is in flight go
    together in the next one, started as soon as it lands. Each request still waits for its own
    durable commit, but under load one fsync serves many requests, and the event loop handles
    the next requests while the disk works.

    Each post says how long it may wait (`within_s`). A batch gives up at the earliest deadline
    among its posts, and a post whose deadline passes while it queues is not started at all:
    it fails with `TimeoutError` at its deadline, stored nowhere.
    """

    def __init__(
        self,
        store: OutboxStore,
        max_batch: int = 200,
        on_new: Callable[[list[Pending]], None] = lambda _rows: None,
    ) -> None:
        """`on_new` hears of each commit's new rows, in commit order (the relay's fast path)."""
        self._store = store
        self._max_batch = max_batch
        self._on_new = on_new
        self._waiting: list[Waiter] = []
        self._flight: asyncio.Future[list[bool]] | None = None

    async def stored_moment(self, event_id: str) -> MomentPosted | None:
        return await self._store.stored_moment(event_id)

    async def stop(self, within_s: float = 10.0) -> None:
        """Let a commit in flight land (the server has answered every request by now); a
        database that does not answer within `within_s` does not hold up the shutdown."""
        if self._flight is not None:
            await asyncio.wait({self._flight}, timeout=within_s)

    def add(
        self, moment: MomentPosted, now: dt.datetime, within_s: float
    ) -> "asyncio.Future[bool]":
        """Queue the moment; the future gives True (new) or False (a duplicate) once it is
        committed, or the error that kept it out of the outbox."""
        loop = asyncio.get_running_loop()
        future: asyncio.Future[bool] = loop.create_future()
        waiter = Waiter(Pending.of(moment), now, loop.time() + within_s, future)
        self._waiting.append(waiter)
        if self._flight is None:
            self._launch()
        else:  # queued behind a commit that may be stuck: give up on time all the same
            loop.call_at(waiter.deadline, self._expire, waiter)
        return future

    def _expire(self, waiter: Waiter) -> None:
        """A post still queued at its deadline is never started: its request learns that now,
        not when the commit in front of it ends."""
        if waiter in self._waiting:
            self._waiting.remove(waiter)
            _settle([waiter], TimeoutError(NOT_STARTED))

    def _launch(self) -> None:
        now = asyncio.get_running_loop().time()
        late = [w for w in self._waiting if w.deadline <= now]
        _settle(late, TimeoutError(NOT_STARTED))
        waiting = [w for w in self._waiting if w.deadline > now]
        batch, self._waiting = waiting[: self._max_batch], waiting[self._max_batch :]
        if not batch:
            return
        try:
            commit = self._store.add_rows(
                [(w.row, w.now) for w in batch],
                within_s=min(w.deadline for w in batch) - now,
            )
        except Exception as exc:  # could not even start: every waiter learns it
            _settle(batch, exc)
            return
        self._flight = asyncio.ensure_future(commit)
        self._flight.add_done_callback(functools.partial(self._landed, batch))

    def _landed(self, batch: list[Waiter], flight: "asyncio.Future[list[bool]]") -> None:
        self._flight = None
        if flight.cancelled():  # only at shutdown: a clear "not stored" for whoever still waits
            _settle(batch, ConnectionAbortedError("outbox commit cancelled"))
        elif (error := flight.exception()) is not None:
            _settle(batch, error)
        else:
            answers = flight.result()
            for waiter, new in zip(batch, answers, strict=True):
                if not waiter.future.done():  # the waiter may have given up (cancelled)
                    waiter.future.set_result(new)
            self._on_new([w.row for w, new in zip(batch, answers, strict=True) if new])
        if self._waiting:
            self._launch()


def _settle(batch: list[Waiter], error: BaseException) -> None:
    """Every waiter of the batch learns its post was not stored."""
    for waiter in batch:
        if not waiter.future.done():
            waiter.future.set_exception(error)
