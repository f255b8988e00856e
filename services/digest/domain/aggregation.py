"""From database counts and a few candidate moments to the content of one digest.

The database does the counting (GROUP BY over the week); this module only folds the small result
(one row per department x team type x beneficiary x kind) into the views each audience gets, and
applies the rules that must be easy to read and test:

- Highlights (at most 5): good practices first, then other moments; within a kind, departments
  take turns (round-robin; the department with the most moments that week goes first, ties by
  department id), so one busy department cannot fill every slot; inside a department the
  earliest moment of the week comes first, ties by event id.
- Partners: only moments whose author consented to external sharing (filtered by the query),
  never an author name, and every department with fewer than `SMALL_CELL` moments that week is
  merged into "other departments", in counts and in highlight labels alike.
"""

import datetime as dt
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from schemas import Beneficiary, DigestAudience, Kind, TeamType
from schemas.network import Organisation
from services.digest.domain.weeks import IsoWeek

SMALL_CELL = 5
"""Departments with fewer partner-visible moments than this in the week are merged."""

HIGHLIGHTS = 5
TREND_WEEKS = 4
OTHER_DEPARTMENTS = ""
"""Key of the merged "other departments" bucket; the renderer translates it."""


@dataclass(frozen=True)
class CountRow:
    """One GROUP BY row from the store."""

    department_id: str
    team_type: TeamType
    beneficiary: Beneficiary
    kind: Kind
    count: int


@dataclass(frozen=True)
class Candidate:
    """A moment that may be highlighted (the store sends a few per department and kind)."""

    event_id: str
    occurred_at: dt.datetime
    department_id: str
    kind: Kind
    title: str | None
    text: str
    author_name: str | None
    link: str | None


@dataclass(frozen=True)
class Highlight:
    department: str
    """Department name, or OTHER_DEPARTMENTS for a merged small department."""
    kind: Kind
    title: str | None
    text: str
    author_name: str | None
    link: str | None


@dataclass(frozen=True)
class Bar:
    label: str
    count: int


@dataclass(frozen=True)
class Digest:
    organisation: Organisation
    audience: DigestAudience
    week: IsoWeek
    total: int
    good_practices: int
    by_department: tuple[Bar, ...]
    by_team_type: tuple[Bar, ...]
    by_beneficiary: tuple[Bar, ...]
    trend: tuple[Bar, ...] = field(default=())
    highlights: tuple[Highlight, ...] = field(default=())

    @property
    def empty(self) -> bool:
        return self.total == 0

    @property
    def moments(self) -> int:
        """Moments that are not good practices."""
        return self.total - self.good_practices


def build_digest(
    org: Organisation,
    audience: DigestAudience,
    week: IsoWeek,
    counts: Iterable[CountRow],
    trend: Mapping[IsoWeek, int],
    candidates: Sequence[Candidate],
) -> Digest:
    rows = list(counts)
    by_department: Counter[str] = Counter()
    by_team_type: Counter[TeamType] = Counter()
    by_beneficiary: Counter[Beneficiary] = Counter()
    good = 0
    for row in rows:
        by_department[row.department_id] += row.count
        by_team_type[row.team_type] += row.count
        by_beneficiary[row.beneficiary] += row.count
        if row.kind is Kind.GOOD_PRACTICE:
            good += row.count
    names = {d.id: d.name for d in org.departments}
    partners = audience is DigestAudience.PARTNERS
    if partners:
        merged = merge_small_departments(by_department)
    else:  # the board sees every department, also the quiet ones
        merged = {d.id: 0 for d in org.departments} | dict(by_department)
    department_bars = sorted(
        (Bar(names.get(k, k) if k != OTHER_DEPARTMENTS else k, v) for k, v in merged.items()),
        key=lambda b: (b.label == OTHER_DEPARTMENTS, -b.count, b.label),
    )

    def label(department_id: str) -> str:
        if partners and department_id not in merged:
            return OTHER_DEPARTMENTS
        return names.get(department_id, department_id)

    highlights = tuple(
        Highlight(
            department=label(c.department_id),
            kind=c.kind,
            title=c.title,
            text=c.text,
            author_name=None if partners else c.author_name,
            link=None if partners else c.link,  # an internal channel partners cannot open
        )
        for c in choose_highlights(candidates, by_department)
    )
    return Digest(
        organisation=org,
        audience=audience,
        week=week,
        total=sum(by_department.values()),
        good_practices=good,
        by_department=tuple(department_bars),
        by_team_type=()
        if partners and any(0 < n < SMALL_CELL for n in by_team_type.values())
        # With one oncology ward merged into "other departments", "oncology: 2" would name it
        # again (and with the total, one small team type gives the other away).
        else tuple(Bar(t.value, by_team_type[t]) for t in TeamType),
        by_beneficiary=tuple(Bar(b.value, by_beneficiary[b]) for b in Beneficiary),
        trend=tuple(Bar(str(w), trend.get(w, 0)) for w in trend_weeks(week)),
        highlights=highlights,
    )


def trend_weeks(week: IsoWeek) -> list[IsoWeek]:
    """The covered week and the three before it, oldest first."""
    return [week.shifted(-n) for n in reversed(range(TREND_WEEKS))]


def merge_small_departments(
    counts: Mapping[str, int], threshold: int = SMALL_CELL
) -> dict[str, int]:
    """Departments under `threshold` moments are summed under OTHER_DEPARTMENTS.

    When exactly one department is small, "other departments" would be that one department (a
    partner who knows the wards could name it), so the smallest department shown joins it:
    "other departments" always holds at least two departments, or every moment there is.
    """
    active = {d: n for d, n in counts.items() if n > 0}
    small = {d for d, n in active.items() if n < threshold}
    shown = sorted((n, d) for d, n in active.items() if d not in small)
    if len(small) == 1 and shown:
        small.add(shown[0][1])
    out: dict[str, int] = {}
    for department, count in active.items():
        key = OTHER_DEPARTMENTS if department in small else department
        out[key] = out.get(key, 0) + count
    return out


def choose_highlights(
    candidates: Sequence[Candidate], department_counts: Mapping[str, int], limit: int = HIGHLIGHTS
) -> list[Candidate]:
    """Good practices first, departments taking turns (see the module docstring)."""
    chosen: list[Candidate] = []
    for kind in (Kind.GOOD_PRACTICE, Kind.MOMENT):
        queues: dict[str, list[Candidate]] = {}
        for c in sorted(
            (c for c in candidates if c.kind is kind), key=lambda c: (c.occurred_at, c.event_id)
        ):
            queues.setdefault(c.department_id, []).append(c)
        order = sorted(queues, key=lambda d: (-department_counts.get(d, 0), d))
        while len(chosen) < limit and any(queues[d] for d in order):
            for department in order:
                if queues[department] and len(chosen) < limit:
                    chosen.append(queues[department].pop(0))
    return chosen
