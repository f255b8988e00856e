"""The step every entry point shares: a verified draft is redacted, built and committed."""

import asyncio
import datetime as dt
import functools
import sqlite3
import time
from collections.abc import Callable
from dataclasses import replace

from sqlalchemy.exc import SQLAlchemyError

from schemas.events import Platform
from schemas.network import Network
from services.ingest.adapters.outbox import GroupCommit
from services.ingest.domain.moments import EVERYWHERE, Accepted, Draft, Reach, build_moment
from services.ingest.domain.redaction import Redactor
from services.ingest.errors import StoreLate, StoreUnavailable
from services.ingest.settings import IngestSettings
from services.ingest.telemetry import (
    ACCEPTED,
    DUPLICATES,
    NEEDS_REVIEW,
    NOT_STORED,
    REDACTIONS,
    log,
)

INSERT_SHARE = 0.75
"""An insert gives up at this share of `store_timeout_s`: the rest is for the commit itself."""

STORE_ERRORS = (TimeoutError, OSError, SQLAlchemyError, sqlite3.Error)
"""What a failed outbox commit raises (lock or deadline, disk, database, connection)."""


class Intake:
    """Accepts drafts into the outbox; holds what entry points share (settings, network, clock)."""

    def __init__(
        self,
        settings: IngestSettings,
        network: Network,
        writer: GroupCommit,
        redactor: Redactor,
        clock: Callable[[], float] = time.time,
        reach: Reach = EVERYWHERE,
    ) -> None:
        self.settings = settings
        self.network = network
        self.writer = writer
        self.redactor = redactor
        self.clock = clock
        self.reach = reach
        self.key = settings.pseudonym_key_bytes()

    def submit(
        self, draft: Draft, *, within_s: float | None = None
    ) -> tuple[Accepted, "asyncio.Future[bool]"]:
        """Redact, build and hand to the group commit.

        The future gives True (new) or False (a duplicate delivery) once the moment is
        committed, or the error that kept it out of the outbox. The insert may wait `within_s`
        for a lock or the disk (default: ¾ of `store_timeout_s`, so that a post answered "try
        again" is not committed after all).
        """
        now = dt.datetime.fromtimestamp(self.clock(), dt.UTC)
        accepted = build_moment(
            draft,
            network=self.network,
            redactor=self.redactor,
            pseudonym_key=self.key,
            now=now,
            reach=self.reach,
        )
        if within_s is None:
            within_s = self.settings.store_timeout_s * INSERT_SHARE
        stored = self.writer.add(accepted.moment, now, within_s)
        stored.add_done_callback(functools.partial(self._landed, draft.platform, accepted))
        return accepted, stored

    async def accept(self, draft: Draft) -> tuple[Accepted, bool]:
        """Redact, build and commit; True when it is new (False: a duplicate delivery)."""
        accepted, stored = self.submit(draft)
        return accepted, await self.answer(stored)

    async def as_first_stored(self, accepted: Accepted) -> Accepted:
        """A duplicate delivery as the moment that was stored first: an API `reference` sent
        again with another text or department is answered with what stands, not with what was
        discarded."""
        try:
            first = await asyncio.wait_for(
                self.writer.stored_moment(str(accepted.moment.event_id)),
                self.settings.store_timeout_s,
            )
        except STORE_ERRORS:  # stored, as the insert said: only its details are not to be had
            return accepted
        if first is None:
            return accepted
        organisation = self.network.organisation(first.organisation_id)
        department = organisation.department(first.department_id) if organisation else None
        if organisation is None or department is None:
            return accepted
        # The stored event keeps whether it needs review, not why: no reasons of the discarded
        # post are passed off as its.
        return replace(
            accepted,
            moment=first,
            department=department,
            organisation=organisation,
            review_reasons=(),
        )

    async def answer(self, stored: "asyncio.Future[bool]") -> bool:
        """The commit's outcome within `store_timeout_s`.

        Raises `StoreUnavailable` when the moment was not stored, and its subclass `StoreLate`
        when the commit is still going: it may yet land.
        """
        done, _ = await asyncio.wait({stored}, timeout=self.settings.store_timeout_s)
        if not done:
            raise StoreLate("outbox commit late")
        try:
            return stored.result()
        except STORE_ERRORS as exc:
            raise StoreUnavailable("outbox commit failed") from exc

    def _landed(
        self, platform: Platform, accepted: Accepted, stored: "asyncio.Future[bool]"
    ) -> None:
        """Count and log a commit when it lands, also after its request was answered."""
        moment = accepted.moment
        if stored.cancelled() or stored.exception() is not None:
            NOT_STORED.labels(platform.value).inc()
            # The type only: a database error's message quotes the row, i.e. the moment.
            error = "cancelled" if stored.cancelled() else type(stored.exception()).__name__
            log.error(
                "outbox did not store a moment",
                extra={
                    "event_id": str(moment.event_id),
                    "platform": platform.value,
                    "error": error,
                },
            )
            return
        extra = {
            "event_id": str(moment.event_id),
            "organisation_id": moment.organisation_id,
            "platform": platform.value,
            "redactions": {k.value: v for k, v in moment.privacy.redactions.items()},
            "needs_review": moment.privacy.needs_review,
        }
        if stored.result():
            ACCEPTED.labels(platform.value).inc()
            for kind, count in moment.privacy.redactions.items():
                REDACTIONS.labels(kind.value).inc(count)
            if moment.privacy.needs_review:
                NEEDS_REVIEW.inc()
            log.info("moment accepted", extra=extra)
        else:
            DUPLICATES.inc()
            log.info("duplicate delivery", extra=extra)
