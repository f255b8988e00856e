"""The step every entry point shares: a verified draft is redacted, built and committed."""

import asyncio
import datetime as dt
import sqlite3
import time
from collections.abc import Callable

from sqlalchemy.exc import SQLAlchemyError

from schemas.network import Network
from services.ingest.adapters.outbox import GroupCommit
from services.ingest.adapters.relay import Relay
from services.ingest.domain.moments import Accepted, Draft, build_moment
from services.ingest.domain.redaction import Redactor
from services.ingest.errors import StoreUnavailable
from services.ingest.settings import IngestSettings
from services.ingest.telemetry import ACCEPTED, DUPLICATES, NEEDS_REVIEW, REDACTIONS, log


class Intake:
    """Accepts drafts into the outbox; holds what entry points share (settings, network, clock)."""

    def __init__(
        self,
        settings: IngestSettings,
        network: Network,
        writer: GroupCommit,
        relay: Relay,
        redactor: Redactor,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.network = network
        self.writer = writer
        self.relay = relay
        self.redactor = redactor
        self.clock = clock
        self.key = settings.pseudonym_key_bytes()

    async def accept(self, draft: Draft) -> tuple[Accepted, bool]:
        """Redact, build and commit; True when it is new (False: a duplicate delivery)."""
        now = dt.datetime.fromtimestamp(self.clock(), dt.UTC)
        accepted = build_moment(
            draft, network=self.network, redactor=self.redactor, pseudonym_key=self.key, now=now
        )
        try:
            async with asyncio.timeout(self.settings.store_timeout_s):
                new = await self.writer.add(accepted.moment, now)
        except (TimeoutError, OSError, SQLAlchemyError, sqlite3.Error) as exc:
            raise StoreUnavailable("outbox commit failed") from exc
        extra = {
            "event_id": str(accepted.moment.event_id),
            "organisation_id": accepted.moment.organisation_id,
            "platform": draft.platform.value,
            "redactions": {k.value: v for k, v in accepted.moment.privacy.redactions.items()},
            "needs_review": accepted.moment.privacy.needs_review,
        }
        if new:
            ACCEPTED.labels(draft.platform.value).inc()
            for kind, count in accepted.moment.privacy.redactions.items():
                REDACTIONS.labels(kind.value).inc(count)
            if accepted.moment.privacy.needs_review:
                NEEDS_REVIEW.inc()
            log.info("moment accepted", extra=extra)
            self.relay.wake()
        else:
            DUPLICATES.inc()
            log.info("duplicate delivery", extra=extra)
        return accepted, new
