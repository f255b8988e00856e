"""ISO weeks in an organisation's local time, and their bounds as UTC instants."""

import datetime as dt
import re
import zoneinfo
from dataclasses import dataclass

_WEEK = re.compile(r"^(\d{4})-W(\d{2})$")


class InvalidWeek(ValueError):
    """Not an ISO week like `2026-W47`."""


@dataclass(frozen=True, order=True)
class IsoWeek:
    year: int
    week: int

    @classmethod
    def parse(cls, text: str) -> "IsoWeek":
        match = _WEEK.match(text.strip())
        if not match:
            raise InvalidWeek(f"{text!r} is not an ISO week like 2026-W47")
        year, week = int(match[1]), int(match[2])
        try:
            dt.date.fromisocalendar(year, week, 1)
        except ValueError:
            raise InvalidWeek(f"{year} has no week {week}") from None
        return cls(year, week)

    @classmethod
    def containing(cls, day: dt.date) -> "IsoWeek":
        year, week, _ = day.isocalendar()
        return cls(year, week)

    def __str__(self) -> str:
        return f"{self.year}-W{self.week:02d}"

    @property
    def monday(self) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, 1)

    def day(self, iso_weekday: int) -> dt.date:
        return dt.date.fromisocalendar(self.year, self.week, iso_weekday)

    def shifted(self, weeks: int) -> "IsoWeek":
        return IsoWeek.containing(self.monday + dt.timedelta(weeks=weeks))

    def bounds(self, zone: zoneinfo.ZoneInfo) -> tuple[dt.datetime, dt.datetime]:
        """[Monday 00:00, next Monday 00:00) local, as UTC instants (167 or 169 h across DST)."""
        return local_instant(self.monday, dt.time(0), zone), local_instant(
            self.shifted(1).monday, dt.time(0), zone
        )


def local_instant(day: dt.date, at: dt.time, zone: zoneinfo.ZoneInfo) -> dt.datetime:
    """The UTC instant of a local wall-clock time.

    A time skipped by the spring change (02:30) happens at the same offset as before it, i.e. one
    hour later on the new clock; a repeated autumn time is taken the first time (fold=0).
    """
    return dt.datetime.combine(day, at, tzinfo=zone).astimezone(dt.UTC)
