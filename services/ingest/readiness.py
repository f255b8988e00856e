"""Readiness checks of ingest's own (the database and broker checks live with their clients)."""

import datetime as dt

from services.ingest.adapters.outbox import OutboxStore


class OutboxCheck:
    """Readiness: the outbox answers and nothing waits longer than `max_age_s`."""

    def __init__(self, store: OutboxStore, max_age_s: float) -> None:
        self._store = store
        self._max_age_s = max_age_s

    async def __call__(self) -> bool:
        _, oldest = await self._store.depth()
        if oldest is None:
            return True
        return (dt.datetime.now(dt.UTC) - oldest).total_seconds() <= self._max_age_s
