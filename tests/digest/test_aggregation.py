"""Folding database counts into each audience's view, and the highlight rule."""

import datetime as dt
from dataclasses import replace

from schemas import Beneficiary, DigestAudience, Kind, TeamType
from schemas.network import Organisation
from services.digest.domain.aggregation import (
    OTHER_DEPARTMENTS,
    Candidate,
    CountRow,
    build_digest,
    choose_highlights,
    merge_small_departments,
)
from services.digest.domain.weeks import IsoWeek
from tests.digest.support import organisation

WEEK = IsoWeek(2026, 47)
T0 = dt.datetime(2026, 11, 16, 9, tzinfo=dt.UTC)

ORG = Organisation.model_validate(
    organisation(
        "az",
        departments=[
            ("onco", "Oncologie", "oncology"),
            ("geri", "Geriatrie", "non_oncology"),
            ("spoed", "Spoed", "non_oncology"),
            ("kine", "Kine", "non_oncology"),
        ],
        board=["b@az.example"],
        partners=["p@gp.example"],
    )
)


def candidate(n: int, department: str, kind: Kind, minutes: int = 0) -> Candidate:
    return Candidate(
        event_id=f"e{n:03d}",
        occurred_at=T0 + dt.timedelta(minutes=minutes),
        department_id=department,
        kind=kind,
        title=None,
        text=f"text {n}",
        author_name=f"Author {n}",
        link=None,
    )


def test_small_departments_are_merged() -> None:
    assert merge_small_departments({"a": 5, "b": 4, "c": 1, "d": 0}) == {
        "a": 5,
        OTHER_DEPARTMENTS: 5,
    }
    assert merge_small_departments({"a": 9}) == {"a": 9}
    assert merge_small_departments({"a": 4}) == {OTHER_DEPARTMENTS: 4}
    # One small department alone would be named by elimination: the smallest shown one joins.
    assert merge_small_departments({"a": 9, "b": 6, "c": 3}) == {"a": 9, OTHER_DEPARTMENTS: 9}


def test_highlights_good_practices_first_departments_take_turns() -> None:
    gp, m = Kind.GOOD_PRACTICE, Kind.MOMENT
    candidates = [
        candidate(1, "onco", gp, 5),
        candidate(2, "onco", gp, 1),
        candidate(3, "onco", gp, 9),
        candidate(4, "geri", gp, 3),
        candidate(5, "spoed", m, 0),
        candidate(6, "onco", m, 0),
        candidate(7, "kine", m, 2),
    ]
    counts = {"onco": 20, "geri": 3, "spoed": 8, "kine": 1}
    chosen = [c.event_id for c in choose_highlights(candidates, counts, limit=5)]
    # Good practices: onco (busiest) earliest first, then geri, then onco again; then moments:
    # onco, spoed (busier than kine).
    assert chosen == ["e002", "e004", "e001", "e003", "e006"]
    assert [c.event_id for c in choose_highlights(candidates, counts, limit=7)][5:] == [
        "e005",
        "e007",
    ]


def test_highlights_are_deterministic_whatever_the_input_order() -> None:
    candidates = [candidate(n, ["onco", "geri"][n % 2], Kind.MOMENT, n % 3) for n in range(12)]
    counts = {"onco": 6, "geri": 6}
    first = choose_highlights(candidates, counts)
    assert choose_highlights(list(reversed(candidates)), counts) == first


def test_partner_view_merges_small_cells_and_hides_authors() -> None:
    rows = [
        CountRow("onco", TeamType.ONCOLOGY, Beneficiary.PATIENT, Kind.GOOD_PRACTICE, 6),
        CountRow("geri", TeamType.NON_ONCOLOGY, Beneficiary.LOVED_ONE, Kind.MOMENT, 3),
        CountRow("spoed", TeamType.NON_ONCOLOGY, Beneficiary.COLLEAGUE, Kind.MOMENT, 1),
    ]
    candidates = [candidate(1, "geri", Kind.MOMENT), candidate(2, "onco", Kind.GOOD_PRACTICE)]
    digest = build_digest(ORG, DigestAudience.PARTNERS, WEEK, rows, {WEEK: 10}, candidates)
    assert [(b.label, b.count) for b in digest.by_department] == [
        ("Oncologie", 6),
        (OTHER_DEPARTMENTS, 4),
    ]
    assert [h.department for h in digest.highlights] == ["Oncologie", OTHER_DEPARTMENTS]
    assert all(h.author_name is None for h in digest.highlights)
    assert (digest.total, digest.good_practices) == (10, 6)

    board = build_digest(ORG, DigestAudience.BOARD, WEEK, rows, {WEEK: 10}, candidates)
    assert [(b.label, b.count) for b in board.by_department] == [
        ("Oncologie", 6),
        ("Geriatrie", 3),
        ("Spoed", 1),
        ("Kine", 0),
    ]
    assert [h.author_name for h in board.highlights] == ["Author 2", "Author 1"]
    assert [(b.label, b.count) for b in board.by_team_type] == [
        ("oncology", 6),
        ("non_oncology", 4),
    ]
    assert [b.label for b in board.trend] == ["2026-W44", "2026-W45", "2026-W46", "2026-W47"]


def test_partners_never_get_a_count_or_link_that_names_a_merged_department() -> None:
    # The only oncology ward had 2 moments: merged into "other departments", so a team-type
    # count of 2 (or the total minus the other team type) would name it again.
    rows = [
        CountRow("onco", TeamType.ONCOLOGY, Beneficiary.PATIENT, Kind.MOMENT, 2),
        CountRow("geri", TeamType.NON_ONCOLOGY, Beneficiary.LOVED_ONE, Kind.MOMENT, 7),
    ]
    linked = [
        replace(candidate(1, "onco", Kind.MOMENT), link="https://az.slack.com/archives/C0ONCO/p1")
    ]
    partners = build_digest(ORG, DigestAudience.PARTNERS, WEEK, rows, {WEEK: 9}, linked)
    # ... and Geriatrie joins "other departments", else that would be oncology by elimination.
    assert [(b.label, b.count) for b in partners.by_department] == [(OTHER_DEPARTMENTS, 9)]
    assert partners.by_team_type == ()
    assert [h.link for h in partners.highlights] == [None]  # an internal channel, unopenable

    board = build_digest(ORG, DigestAudience.BOARD, WEEK, rows, {WEEK: 9}, linked)
    assert [(b.label, b.count) for b in board.by_team_type] == [
        ("oncology", 2),
        ("non_oncology", 7),
    ]
    assert [h.link for h in board.highlights] == ["https://az.slack.com/archives/C0ONCO/p1"]

    # With both team types at 5 or more, partners see the split: it names no department.
    rows[0] = CountRow("onco", TeamType.ONCOLOGY, Beneficiary.PATIENT, Kind.MOMENT, 5)
    partners = build_digest(ORG, DigestAudience.PARTNERS, WEEK, rows, {WEEK: 12}, linked)
    assert [(b.label, b.count) for b in partners.by_team_type] == [
        ("oncology", 5),
        ("non_oncology", 7),
    ]


def test_an_empty_week() -> None:
    digest = build_digest(ORG, DigestAudience.BOARD, WEEK, [], {}, [])
    assert digest.empty
    assert [b.count for b in digest.trend] == [0, 0, 0, 0]
