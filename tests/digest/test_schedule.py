"""When digests are due: pure, with time as an argument, across daylight-saving changes."""

import datetime as dt
from zoneinfo import ZoneInfo

import pytest

from schemas import DigestAudience
from schemas.network import DigestSchedule, Organisation, Weekday
from services.digest.domain.schedule import (
    Run,
    due_runs,
    latest_due_week,
    next_send,
    retry_runs,
    send_time,
)
from services.digest.domain.weeks import InvalidWeek, IsoWeek
from tests.digest.support import organisation

BRUSSELS = ZoneInfo("Europe/Brussels")
UTC = dt.UTC


def org(**overrides: object) -> Organisation:
    values = organisation("az", board=["board@az.example"])
    values.update(overrides)
    return Organisation.model_validate(values)


def local(
    year: int, month: int, day: int, hour: int = 0, minute: int = 0, second: int = 0
) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, second, tzinfo=BRUSSELS)


@pytest.mark.parametrize(
    ("covered", "expected_utc"),
    [
        # 2026-W13 holds Sunday 29 March (CET -> CEST): its digest is Monday 30 March 08:00 CEST.
        ("2026-W13", dt.datetime(2026, 3, 30, 6, 0, tzinfo=UTC)),
        # The digest sent *in* that week (covering W12): Monday 23 March 08:00 CET.
        ("2026-W12", dt.datetime(2026, 3, 23, 7, 0, tzinfo=UTC)),
        # 2026-W43 holds Sunday 25 October (CEST -> CET): Monday 26 October 08:00 CET.
        ("2026-W43", dt.datetime(2026, 10, 26, 7, 0, tzinfo=UTC)),
        ("2026-W42", dt.datetime(2026, 10, 19, 6, 0, tzinfo=UTC)),
        # 2027: last Sundays are 28 March and 31 October.
        ("2027-W12", dt.datetime(2027, 3, 29, 6, 0, tzinfo=UTC)),
        ("2027-W43", dt.datetime(2027, 11, 1, 7, 0, tzinfo=UTC)),
    ],
)
def test_the_weeks_of_the_clock_changes_send_at_eight_local(
    covered: str, expected_utc: dt.datetime
) -> None:
    o = org()
    schedule = o.digests[DigestAudience.BOARD]
    at = send_time(IsoWeek.parse(covered), schedule, o)
    assert at == expected_utc
    assert at.astimezone(BRUSSELS).time() == dt.time(8, 0)


@pytest.mark.parametrize("day", [dt.date(2026, 3, 29), dt.date(2026, 10, 25)])
def test_a_sunday_digest_on_the_day_of_the_change_is_at_eight_local(day: dt.date) -> None:
    o = org()
    schedule = DigestSchedule(recipients=["x@y.example"], weekday=Weekday.SUNDAY)
    covered = IsoWeek.containing(day).shifted(-1)
    at = send_time(covered, schedule, o)
    assert at.astimezone(BRUSSELS) == local(day.year, day.month, day.day, 8, 0)
    assert at.astimezone(BRUSSELS).utcoffset() == (
        dt.timedelta(hours=2) if day.month == 3 else dt.timedelta(hours=1)
    )


@pytest.mark.parametrize(
    ("week", "hours"), [("2026-W13", 167), ("2026-W43", 169), ("2026-W47", 168)]
)
def test_a_week_is_monday_to_monday_in_local_time(week: str, hours: int) -> None:
    start, end = IsoWeek.parse(week).bounds(BRUSSELS)
    assert start.astimezone(BRUSSELS).time() == dt.time(0)
    assert start.astimezone(BRUSSELS).weekday() == 0
    assert end - start == dt.timedelta(hours=hours)


def test_due_exactly_from_the_local_send_time() -> None:
    o = org()
    done: set[Run] = set()
    # Monday 30 March 2026 07:59:59 CEST: last week's digest (W13) is not due yet, W12's is.
    before = local(2026, 3, 30, 7, 59, 59)
    assert due_runs(before, [o], done) == [Run("az", DigestAudience.BOARD, IsoWeek(2026, 12))]
    at = local(2026, 3, 30, 8, 0)
    assert due_runs(at, [o], done) == [Run("az", DigestAudience.BOARD, IsoWeek(2026, 13))]
    assert next_send(before, o.digests[DigestAudience.BOARD], o) == at
    assert next_send(at, o.digests[DigestAudience.BOARD], o) == local(2026, 4, 6, 8, 0)


def test_a_missed_run_is_sent_once_at_start_up_and_only_the_latest() -> None:
    o = org()
    # Down from Friday 13 November to Wednesday 25 November 2026: two Mondays were missed.
    restart = local(2026, 11, 25, 10, 0)
    due = due_runs(restart, [o], set())
    assert due == [Run("az", DigestAudience.BOARD, IsoWeek(2026, 47))]
    # Once it is recorded as sent, nothing is due until next Monday 08:00.
    assert due_runs(restart, [o], set(due)) == []
    assert due_runs(local(2026, 11, 30, 7, 59), [o], set(due)) == []
    assert due_runs(local(2026, 11, 30, 8, 0), [o], set(due)) == [
        Run("az", DigestAudience.BOARD, IsoWeek(2026, 48))
    ]


def test_each_audience_and_time_zone_on_its_own_clock() -> None:
    brussels = org()
    tokyo = Organisation.model_validate(
        organisation("tk", timezone="Asia/Tokyo", board=["b@tk.example"], partners=["p@x.example"])
    )
    # Monday 23 November 2026 00:30 UTC = 09:30 in Tokyo, 01:30 in Brussels.
    now = dt.datetime(2026, 11, 23, 0, 30, tzinfo=UTC)
    assert due_runs(now, [brussels, tokyo], set()) == [
        Run("az", DigestAudience.BOARD, IsoWeek(2026, 46)),
        Run("tk", DigestAudience.BOARD, IsoWeek(2026, 47)),
        Run("tk", DigestAudience.PARTNERS, IsoWeek(2026, 47)),
    ]


def test_naive_now_is_refused() -> None:
    with pytest.raises(ValueError, match="aware"):
        due_runs(dt.datetime(2026, 1, 1), [org()], set())
    with pytest.raises(ValueError, match="aware"):
        retry_runs(dt.datetime(2026, 1, 1), [org()], set(), {}, dt.timedelta(minutes=15))


def test_failed_recipients_are_retried_every_interval_while_their_week_is_the_latest() -> None:
    o = org()
    every = dt.timedelta(minutes=15)
    w47, w48 = (Run("az", DigestAudience.BOARD, IsoWeek(2026, n)) for n in (47, 48))
    failed = local(2026, 11, 30, 8, 1)  # the Monday 08:00 send of W48 failed a minute later
    done = {w47, w48}
    assert (
        retry_runs(failed + every - dt.timedelta(seconds=1), [o], done, {w48: failed}, every) == []
    )
    assert retry_runs(failed + every, [o], done, {w48: failed}, every) == [w48]
    # Not while the run is still being sent for the first time (due_runs has it then).
    assert retry_runs(failed + every, [o], {w47}, {w48: failed}, every) == []
    # An older week is not retried once a newer one is due, however long it has waited.
    assert retry_runs(local(2026, 12, 7, 8, 0), [o], done, {w48: failed}, every) == []
    assert retry_runs(failed + every, [o], done, {w47: local(2026, 11, 23, 8, 1)}, every) == []


def test_latest_due_week_at_year_end() -> None:
    o = org()
    schedule = o.digests[DigestAudience.BOARD]
    # Monday 4 January 2027 08:00 sends 2026-W53 (2026 has 53 ISO weeks).
    assert latest_due_week(local(2027, 1, 4, 8, 0), schedule, o) == IsoWeek(2026, 53)


@pytest.mark.parametrize("text", ["2026-47", "2026-W54", "2025-W53", "W47", "2026-W00"])
def test_invalid_weeks(text: str) -> None:
    with pytest.raises(InvalidWeek):
        IsoWeek.parse(text)
