"""When each organisation's digest is due: a pure function of (now, config, what was sent).

The digest of ISO week W (local time) is sent on the configured weekday and time of week W+1,
local time, so it is correct across daylight-saving changes. Only the most recent week whose send
time has passed is ever due: a run missed while the service was down is sent once at start-up,
and weeks older than that are not sent late (a board wants last week, not a backlog).

A recipient the mail server could not take (down, or busy) is tried again by itself, every
`every` after its last failure, for as long as its week is the latest due one.
"""

import datetime as dt
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass

from schemas import DigestAudience
from schemas.network import DigestSchedule, Organisation
from services.digest.domain.weeks import IsoWeek, local_instant


@dataclass(frozen=True, order=True)
class Run:
    """One digest: an organisation, an audience and the ISO week it covers."""

    organisation_id: str
    audience: DigestAudience
    week: IsoWeek


def send_time(week: IsoWeek, schedule: DigestSchedule, org: Organisation) -> dt.datetime:
    """UTC instant at which the digest covering `week` is sent."""
    return local_instant(week.shifted(1).day(schedule.weekday.iso), schedule.time, org.zone)


def latest_due_week(now: dt.datetime, schedule: DigestSchedule, org: Organisation) -> IsoWeek:
    """The most recent covered week whose send time is not after `now`."""
    local_today = now.astimezone(org.zone).date()
    week = IsoWeek.containing(local_today).shifted(-1)
    while send_time(week, schedule, org) > now:
        week = week.shifted(-1)
    return week


def next_send(now: dt.datetime, schedule: DigestSchedule, org: Organisation) -> dt.datetime:
    """The first send time strictly after `now`."""
    week = latest_due_week(now, schedule, org).shifted(1)
    while send_time(week, schedule, org) <= now:
        week = week.shifted(1)
    return send_time(week, schedule, org)


def latest_runs(now: dt.datetime, organisations: Iterable[Organisation]) -> list[Run]:
    """The latest due digest of each organisation and audience."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return [
        Run(org.id, audience, latest_due_week(now, schedule, org))
        for org in organisations
        for audience, schedule in sorted(org.digests.items())
    ]


def due_runs(
    now: dt.datetime, organisations: Iterable[Organisation], done: Collection[Run]
) -> list[Run]:
    """Digests to send now: the latest due week per organisation and audience, unless done."""
    return [run for run in latest_runs(now, organisations) if run not in done]


def retry_runs(
    now: dt.datetime,
    organisations: Iterable[Organisation],
    done: Collection[Run],
    failed_at: Mapping[Run, dt.datetime],
    every: dt.timedelta,
) -> list[Run]:
    """Completed digests to try again now for the recipients that failed: only the latest due
    week of each, and only `every` after the last failure (`failed_at`)."""
    return [
        run
        for run in latest_runs(now, organisations)
        if run in done and run in failed_at and now - failed_at[run] >= every
    ]
