"""Must show: a recipient the mail server could not take is sent the digest later by itself.

A real SMTP server (aiosmtpd) answers `451` (try again later) or `550` (no such mailbox) as the
test says; the scheduler's tick (`run_due`) runs on the test's clock, against SQLite and
PostgreSQL. Sleeps between attempts are recorded, not waited for.
"""

import datetime as dt
import json
from collections.abc import Callable
from typing import Any

from schemas import DigestAudience
from schemas.network import Network
from services.digest.adapters.smtp import SmtpMailer
from services.digest.adapters.store import FAILED, REFUSED, SENT, message_id
from services.digest.domain.schedule import Run
from services.digest.domain.weeks import IsoWeek
from services.digest.service import DigestService
from services.digest.settings import MailSettings, SmtpSettings
from tests.digest.support import Published, SmtpSink, organisation, store_with_a_moment

BOARD = ["chair@az.example", "cfo@az.example", "gone@az.example"]
RUN = Run("az", DigestAudience.BOARD, IsoWeek(2026, 48))
SENT_AT = dt.datetime(2026, 11, 30, 7, tzinfo=dt.UTC)  # Monday 08:00 in Brussels
RETRY_EVERY = dt.timedelta(minutes=15)


class Clock:
    def __init__(self, now: dt.datetime) -> None:
        self.now = now

    def __call__(self) -> dt.datetime:
        return self.now


async def no_wait(_seconds: float) -> None:
    return None


async def test_the_mail_server_down_at_eight_then_back(
    database_url: str, smtp_sink: SmtpSink, production_logs: Callable[[], list[str]]
) -> None:
    """At 08:00 one recipient gets the digest, one cannot (451: try again later) and one
    mailbox is refused for good (550). The second gets it once, at the first retry after the
    server is back; the refused one is not tried again by itself; `DigestSent` is published
    again only when someone new got it."""
    network = Network.model_validate({"organisations": [organisation("az", board=BOARD)]})
    published = Published()
    server_down = True
    tries: dict[str, int] = {}

    def answer(_number: int, envelope: Any) -> str | None:
        [recipient] = envelope.rcpt_tos
        tries[recipient] = tries.get(recipient, 0) + 1
        if recipient == "gone@az.example":
            return "550 5.1.1 No such mailbox"
        if server_down and recipient != "chair@az.example":
            return "451 4.3.0 Try again later"
        return None

    smtp_sink.hook = answer
    clock = Clock(SENT_AT)
    async with store_with_a_moment(database_url) as store:
        service = DigestService(
            network,
            store,
            SmtpMailer(SmtpSettings(port=smtp_sink.port)),
            published,
            MailSettings(
                sender="mango@az.example",
                max_attempts=2,
                retry_every_s=RETRY_EVERY.total_seconds(),
            ),
            clock=clock,
            sleep=no_wait,
        )
        [first] = await service.run_due()
        assert first.run == RUN
        assert first.sent == ["chair@az.example"]
        assert sorted(first.failed) == ["cfo@az.example", "gone@az.example"]
        assert await store.statuses(RUN) == {
            "chair@az.example": SENT,
            "cfo@az.example": FAILED,
            "gone@az.example": REFUSED,
        }
        assert tries == {"chair@az.example": 1, "cfo@az.example": 2, "gone@az.example": 1}
        assert [e.recipient_count for e in published] == [1]

        # Before 15 minutes have passed: nothing is tried.
        clock.now = SENT_AT + RETRY_EVERY - dt.timedelta(seconds=1)
        assert await service.run_due() == []
        # After 15 minutes, the server still down: tried again, still failing, no new event.
        clock.now = SENT_AT + RETRY_EVERY
        [still] = await service.run_due()
        assert (still.sent, still.failed, still.refused_before) == (
            [],
            ["cfo@az.example"],
            ["gone@az.example"],
        )
        assert still.already_sent == ["chair@az.example"]
        assert tries == {"chair@az.example": 1, "cfo@az.example": 4, "gone@az.example": 1}
        assert len(published) == 1
        # The next try is 15 minutes after that failure, not after the first one.
        assert await service.run_due() == []

        server_down = False
        clock.now = SENT_AT + 2 * RETRY_EVERY
        [retried] = await service.run_due()
        assert retried.sent == ["cfo@az.example"]
        assert retried.refused_before == ["gone@az.example"]
        assert tries == {"chair@az.example": 1, "cfo@az.example": 5, "gone@az.example": 1}
        assert [e.recipient_count for e in published] == [1, 2]
        # Nothing is left to retry: later ticks send nothing, to nobody.
        clock.now = SENT_AT + 10 * RETRY_EVERY
        assert await service.run_due() == []
        assert [len(smtp_sink.to(r)) for r in BOARD] == [1, 1, 0]
        # The retry carries the run's one Message-ID for this recipient, as every attempt does.
        [cfo] = smtp_sink.to("cfo@az.example")
        assert cfo.message["Message-ID"] == message_id(RUN, "cfo@az.example", "az.example")

        # By hand, `mango digest send` tries the refused mailbox too (after the address was
        # fixed at the server): it gets its one email, the others none more.
        smtp_sink.hook = None
        by_hand = await service.send(RUN)
        assert by_hand.sent == ["gone@az.example"]
        assert [len(smtp_sink.to(r)) for r in BOARD] == [1, 1, 1]
        assert [e.recipient_count for e in published] == [1, 2, 3]
    lines = [json.loads(x) for x in production_logs() if "digest" in x]
    assert any("tried again every 900 s" in line["msg"] for line in lines)
    assert any(line["msg"] == "digest retry: recipients still failing" for line in lines)
    assert not any(r in json.dumps(lines) for r in BOARD), "no address in the logs"


async def test_retries_stop_when_the_next_weeks_digest_is_due(
    tmp_path: Any, smtp_sink: SmtpSink
) -> None:
    """A board wants last week: a recipient still failing when the next digest is due is not
    sent the old one any more (`mango digest send --week` still can)."""
    network = Network.model_validate(
        {"organisations": [organisation("az", board=["chair@az.example"])]}
    )
    smtp_sink.hook = lambda _n, _e: "421 4.3.2 Service not available"
    clock = Clock(SENT_AT)
    async with store_with_a_moment(f"sqlite+aiosqlite:///{tmp_path}/digest.db") as store:
        service = DigestService(
            network,
            store,
            SmtpMailer(SmtpSettings(port=smtp_sink.port)),
            Published(),
            MailSettings(max_attempts=1, retry_every_s=RETRY_EVERY.total_seconds()),
            clock=clock,
            sleep=no_wait,
        )
        [first] = await service.run_due()
        assert first.failed == ["chair@az.example"]
        smtp_sink.hook = None
        clock.now = SENT_AT + dt.timedelta(days=7)  # next Monday 08:00: week 49 is due
        [next_week] = await service.run_due()
        assert next_week.run.week == IsoWeek(2026, 49)
        assert next_week.sent == ["chair@az.example"]
        clock.now += 2 * RETRY_EVERY
        assert await service.run_due() == []
        assert await store.statuses(RUN) == {"chair@az.example": FAILED}
