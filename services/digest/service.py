"""Building and sending digests: the one place that combines store, domain, rendering and mail.

Exactly one email per (organisation, audience, ISO week, recipient):

1. the intent is recorded in the ledger (status `pending`, with a Message-ID derived from that
   key) before anything is sent; rows already there are kept as they are;
2. each recipient not yet `sent` is sent to, with bounded retries, and marked `sent`, `failed`
   (the server was down or busy) or `refused` (for good) right after the mail server answered;
3. when every recipient was tried, `DigestSent` is published and the run is recorded as complete.
   Recipients that `failed` are tried again by the scheduler every `retry_every_s` while the
   week is the latest due one; each retry that reaches someone publishes `DigestSent` again,
   with the new count.

A crash before step 2 hands over nothing; a restart sends what is still `pending`. The only window
left is between the server's "accepted" and our "marked sent" (milliseconds): after such a crash
that one recipient is sent the same email again, with the identical Message-ID, so mail stores
that deduplicate on it (Exchange, Gmail) show it once. We chose this over skipping the recipient
(which could lose the email): a board member may see a duplicate, never miss a week.
"""

import asyncio
import datetime as dt
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from email.message import EmailMessage
from typing import Protocol

from schemas import DigestAudience, DigestSent
from schemas.network import EmptyWeek, Network, Organisation
from services.digest.adapters.store import FAILED, REFUSED, SENT, Store, message_id
from services.digest.domain.aggregation import HIGHLIGHTS, Digest, build_digest
from services.digest.domain.schedule import Run, due_runs, retry_runs
from services.digest.domain.weeks import IsoWeek
from services.digest.errors import NoSuchAudience, SendFailed, UnknownOrganisation
from services.digest.metrics import DIGESTS_SENT, EMAILS_SENT, RECIPIENTS_FAILED
from services.digest.rendering import Renderer, build_email
from services.digest.settings import MailSettings

log = logging.getLogger(__name__)

Clock = Callable[[], dt.datetime]
Publish = Callable[[DigestSent], Awaitable[None]]


class Mailer(Protocol):
    async def send(self, message: EmailMessage, recipient: str) -> None: ...


@dataclass
class Outcome:
    run: Run
    sent: list[str] = field(default_factory=list)
    already_sent: list[str] = field(default_factory=list)
    failed: list[str] = field(default_factory=list)
    refused_before: list[str] = field(default_factory=list)
    """Refused for good by an earlier attempt and not tried again (automatic retries)."""
    skipped_empty: bool = False
    busy: bool = False


def _ids(run: Run) -> dict[str, str]:
    return {
        "organisation_id": run.organisation_id,
        "audience": run.audience.value,
        "week": str(run.week),
    }


def utc_now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


class DigestService:
    def __init__(
        self,
        network: Network,
        store: Store,
        mailer: Mailer,
        publish: Publish,
        mail: MailSettings,
        *,
        renderer: Renderer | None = None,
        clock: Clock = utc_now,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self.network = network
        self.store = store
        self.mailer = mailer
        self.publish = publish
        self.mail = mail
        self.renderer = renderer or Renderer()
        self.clock = clock
        self.sleep = sleep

    def organisation(self, organisation_id: str) -> Organisation:
        org = self.network.organisation(organisation_id)
        if org is None:
            known = ", ".join(o.id for o in self.network.organisations)
            raise UnknownOrganisation(f"unknown organisation {organisation_id!r} (known: {known})")
        return org

    async def build(self, organisation_id: str, audience: DigestAudience, week: IsoWeek) -> Digest:
        org = self.organisation(organisation_id)
        partners = audience is DigestAudience.PARTNERS
        bounds = week.bounds(org.zone)
        counts = await self.store.week_counts(org.id, bounds, consented_only=partners)
        trend = await self.store.trend(org.id, week, org.zone, consented_only=partners)
        candidates = await self.store.candidates(
            org.id, bounds, consented_only=partners, per_department=HIGHLIGHTS
        )
        return build_digest(org, audience, week, counts, trend, candidates)

    async def run_due(self) -> list[Outcome]:
        """Send every digest whose time has come and that was not completed yet, and try again
        the recipients of the latest digests that the mail server could not take."""
        now = self.clock()
        orgs = self.network.organisations
        ids = [o.id for o in orgs]
        done = await self.store.completed_runs(ids)
        failed_at = await self.store.failed_runs(ids)
        every = dt.timedelta(seconds=self.mail.retry_every_s)
        runs = [(run, True) for run in due_runs(now, orgs, done)]
        runs += [(run, False) for run in retry_runs(now, orgs, done, failed_at, every)]
        outcomes = []
        for run, refused_too in runs:
            try:
                outcomes.append(await self.send(run, refused_too=refused_too))
            except Exception:  # one broken digest must not hold up the others; retried next tick
                log.exception("digest run failed", extra=_ids(run))
        return outcomes

    async def send(self, run: Run, *, refused_too: bool = True) -> Outcome:
        """Send one digest to every recipient not sent to yet (without `refused_too`: not to
        those the mail server refused for good either); another replica already sending it
        makes this a no-op (`busy`)."""
        async with self.store.run_lock(run) as mine:
            if not mine:
                log.info("digest being sent by another replica", extra=_ids(run))
                return Outcome(run, busy=True)
            return await self._send(run, refused_too=refused_too)

    async def _send(self, run: Run, *, refused_too: bool) -> Outcome:
        org = self.organisation(run.organisation_id)
        schedule = org.digests.get(run.audience)
        if schedule is None:
            raise NoSuchAudience(f"organisation {org.id!r} has no {run.audience.value} digest")
        outcome = Outcome(run)
        digest = await self.build(org.id, run.audience, run.week)
        ids = _ids(run)
        if digest.empty and schedule.when_empty is EmptyWeek.SKIP:
            await self.store.complete(run, 0, 0, self.clock())
            log.info("empty week, no digest", extra=ids)
            outcome.skipped_empty = True
            return outcome
        rendered = self.renderer.render(digest)
        recipients = list(dict.fromkeys(schedule.recipients))
        domain = self.mail.sender.rpartition("@")[2] or "mangomoment"
        message_ids = [message_id(run, r, domain) for r in recipients]
        statuses = await self.store.intend(run, recipients, message_ids, self.clock())
        limit = asyncio.Semaphore(self.mail.concurrency)

        async def deliver(recipient: str, mid: str) -> None:
            if statuses.get(recipient) == SENT:
                outcome.already_sent.append(recipient)
                return
            if statuses.get(recipient) == REFUSED and not refused_too:
                outcome.refused_before.append(recipient)
                return
            async with limit:
                message = build_email(
                    rendered,
                    sender=self.mail.sender,
                    sender_name=self.mail.sender_name,
                    recipient=recipient,
                    message_id=mid,
                    now=self.clock(),
                    reply_to=org.ambassador.email,  # the sending mailbox is not read
                )
                who = {**ids, "recipient_index": recipients.index(recipient)}
                status, attempts = await self._send_with_retries(message, recipient, who)
                await self.store.mark(run, recipient, status, attempts, self.clock())
            ok = status == SENT
            if ok:
                EMAILS_SENT.labels(run.audience.value).inc()
                outcome.sent.append(recipient)
            else:
                RECIPIENTS_FAILED.labels(run.audience.value).inc()
                outcome.failed.append(recipient)

        await asyncio.gather(*(deliver(r, m) for r, m in zip(recipients, message_ids, strict=True)))
        delivered = len(outcome.sent) + len(outcome.already_sent)
        failed = len(outcome.failed) + len(outcome.refused_before)
        counts = {"recipients_sent": delivered, "recipients_failed": failed}
        if not outcome.sent and run in await self.store.completed_runs([org.id]):
            # Nothing new reached anyone: DigestSent was published when the run completed.
            if outcome.failed:
                log.warning("digest retry: recipients still failing", extra={**ids, **counts})
            return outcome
        await self.publish(
            DigestSent(
                organisation_id=org.id,
                audience=run.audience,
                iso_week=str(run.week),
                recipient_count=delivered,
                sent_at=self.clock(),
            )
        )
        await self.store.complete(run, delivered, failed, self.clock())
        DIGESTS_SENT.labels(run.audience.value).inc()
        if failed:  # docs/operations.md
            log.warning(
                "digest incomplete: some recipients failed; those the mail server could not take "
                f"are tried again every {self.mail.retry_every_s:.0f} s until next week's digest. "
                "To send to all of them at once (refused ones too, after fixing the address), "
                f"run `mango digest send --org {run.organisation_id} --week {run.week}` (each "
                "recipient gets one email)",
                extra={**ids, **counts},
            )
        else:
            log.info("digest sent", extra={**ids, **counts})
        return outcome

    async def _send_with_retries(
        self, message: EmailMessage, recipient: str, ids: dict[str, object]
    ) -> tuple[str, int]:
        """`SENT`, `FAILED` (retried later) or `REFUSED` (for good), and the attempts made."""
        delay = self.mail.backoff_s
        for attempt in range(1, self.mail.max_attempts + 1):
            try:
                await self.mailer.send(message, recipient)
                return SENT, attempt
            except SendFailed as exc:
                last = attempt == self.mail.max_attempts or not exc.transient
                # No address in logs: recipient_index is its position in the network file.
                log.warning(
                    "digest email failed" + ("" if last else ", retrying"),
                    extra={**ids, "attempt": attempt, "reason": str(exc)},
                )
                if last:
                    return (FAILED if exc.transient else REFUSED), attempt
                # Bounded: our backoff, or the server's Retry-After if longer, at most 5 minutes.
                await self.sleep(
                    min(max(min(delay, self.mail.backoff_max_s), exc.retry_after or 0), 300)
                )
                delay *= 2
        return FAILED, self.mail.max_attempts


def preview_recipients(org: Organisation, audience: DigestAudience) -> Sequence[str]:
    schedule = org.digests.get(audience)
    if schedule is None:
        raise NoSuchAudience(f"organisation {org.id!r} has no {audience.value} digest")
    return schedule.recipients
