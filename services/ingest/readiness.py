"""Readiness checks of ingest's own (the database and broker checks live with their clients)."""

import datetime as dt

from services.ingest.adapters.outbox import OutboxStore


class OutboxCheck:
    """Readiness: the outbox takes inserts, and nothing waits longer than `max_age_s`."""

    def __init__(self, store: OutboxStore, max_age_s: float) -> None:
        self._store = store
        self._max_age_s = max_age_s

    async def __call__(self) -> bool:
        _, oldest = await self._store.depth()
        if oldest is not None and (dt.datetime.now(dt.UTC) - oldest).total_seconds() > (
            self._max_age_s
        ):
            return False
        # A write lock held elsewhere (a backup, a stuck session) turns every post away while
        # reads still answer: ask for the lock an insert needs.
        await self._store.probe_write_lock()  # raises (so: not ready) when it cannot
        return True
