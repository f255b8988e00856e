"""Must show, at the service level: the digests of the weeks with the last Sundays of March and
October go out at 08:00 Brussels time, not an hour early or late (SQLite store, real SMTP)."""

import datetime as dt
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from schemas import DigestSent
from schemas.network import Network
from services.common.database import create_engine
from services.digest.adapters.smtp import SmtpMailer
from services.digest.adapters.store import Store
from services.digest.service import DigestService
from services.digest.settings import MailSettings, SmtpSettings
from tests.digest.support import SmtpSink, organisation
from tests.support import make_moment

BRUSSELS = ZoneInfo("Europe/Brussels")


@pytest.mark.parametrize(
    ("sunday", "week"),
    [(dt.date(2026, 3, 29), 13), (dt.date(2026, 10, 25), 43)],
    ids=["march", "october"],
)
async def test_sent_at_eight_local_in_the_weeks_of_the_clock_change(
    sunday: dt.date, week: int, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    network = Network.model_validate(
        {"organisations": [organisation("az", name="AZ", board=["board@az.example"])]}
    )
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/digest.db")
    store = Store(engine)
    await store.migrate()
    # One moment late on that Sunday, local time (after the change): it belongs to the week.
    late_sunday = dt.datetime.combine(sunday, dt.time(23, 30), tzinfo=BRUSSELS)
    await store.save_moment(make_moment(1, organisation_id="az", occurred_at=late_sunday))
    now = [dt.datetime.combine(sunday, dt.time(12), tzinfo=BRUSSELS)]

    async def publish(event: DigestSent) -> None:
        return None

    service = DigestService(
        network,
        store,
        SmtpMailer(SmtpSettings(port=smtp_sink.port)),
        publish,
        MailSettings(),
        clock=lambda: now[0],
    )
    try:
        await service.run_due()  # the week before: whatever was due on Sunday noon
        before = smtp_sink.count()
        monday = sunday + dt.timedelta(days=1)
        now[0] = dt.datetime.combine(monday, dt.time(7, 59, 59), tzinfo=BRUSSELS)
        assert await service.run_due() == []
        now[0] = dt.datetime.combine(monday, dt.time(8, 0), tzinfo=BRUSSELS)
        [outcome] = await service.run_due()
        assert await service.run_due() == []
    finally:
        await engine.dispose()
    assert outcome.run.week.week == week
    assert smtp_sink.count() == before + 1
    mail = smtp_sink.received[-1]
    assert str(mail.message["Subject"]) == f"Mangomomenten week {week} — AZ: 1 moment"
    sent_at = mail.message["Date"].datetime.astimezone(BRUSSELS)
    assert (sent_at.date(), sent_at.time()) == (monday, dt.time(8, 0))
