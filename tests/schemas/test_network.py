import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from schemas.network import NetworkInvalid, format_path, parse_network

EXAMPLE = Path(__file__).parents[2] / "deploy" / "network.example.yaml"


@pytest.fixture
def example() -> dict[str, Any]:
    data = yaml.safe_load(EXAMPLE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def problems_of(data: dict[str, Any]) -> list[str]:
    with pytest.raises(NetworkInvalid) as info:
        parse_network(data)
    return [str(p) for p in info.value.problems]


def test_example_describes_three_kinds_of_organisation(example: dict[str, Any]) -> None:
    network = parse_network(example)
    kinds = {o.kind for o in network.organisations}
    assert kinds == {"hospital", "residential_care", "primary_care"}
    for org in network.organisations:
        assert len(org.departments) >= 3
        assert any(d.team_type == "oncology" for d in org.departments)
        assert any(d.team_type == "non_oncology" for d in org.departments)


def test_missing_team_type_names_its_path(example: dict[str, Any]) -> None:
    del example["organisations"][1]["departments"][2]["team_type"]
    assert problems_of(example) == ["organisations[1].departments[2].team_type: field required"]


def test_every_problem_is_reported_not_just_the_first(example: dict[str, Any]) -> None:
    del example["organisations"][0]["departments"][0]["name"]
    example["organisations"][2]["timezone"] = "Europe/Brusels"
    example["organisations"][2]["colour"] = "orange"
    problems = problems_of(example)
    assert len(problems) == 3
    assert "organisations[0].departments[0].name: field required" in problems
    assert any(
        p.startswith("organisations[2].timezone: ") and "Europe/Brusels" in p for p in problems
    )
    assert "organisations[2].colour: extra inputs are not permitted" in problems


def test_unknown_department_in_a_mapping(example: dict[str, Any]) -> None:
    example["organisations"][0]["slack"][0]["channels"][1]["department"] = "cardio"
    [problem] = problems_of(example)
    assert problem.startswith(
        "organisations[0].slack[0].channels[1].department: unknown department"
    )
    assert "'cardio'" in problem


def test_unknown_department_in_a_teams_mapping(example: dict[str, Any]) -> None:
    example["organisations"][1]["teams"][0]["channels"][0]["department"] = "nowhere"
    [problem] = problems_of(example)
    assert problem.startswith(
        "organisations[1].teams[0].channels[0].department: unknown department"
    )


def test_duplicate_organisation_and_department_ids(example: dict[str, Any]) -> None:
    example["organisations"].append(copy.deepcopy(example["organisations"][2]))
    example["organisations"][3]["slack"] = []
    example["organisations"][0]["departments"][2]["id"] = "oncologie"
    problems = problems_of(example)
    assert "organisations[3].id: duplicate organisation id 'mm-les-tilleuls'" in problems
    assert "organisations[0].departments[2].id: duplicate department id 'oncologie'" in problems


def test_a_slack_channel_maps_to_one_department_only(example: dict[str, Any]) -> None:
    channels = example["organisations"][0]["slack"][0]["channels"]
    channels.append({"channel": channels[0]["channel"], "department": "spoed"})
    [problem] = problems_of(example)
    assert problem.startswith(
        "organisations[0].slack[0].channels[3].channel: Slack channel C0ONCO001"
    )


@pytest.mark.parametrize(
    ("path", "value", "expected"),
    [
        (("organisations", 0, "ambassador", "email"), "not-an-email", "ambassador.email"),
        (("organisations", 0, "kind"), "clinic", "organisations[0].kind"),
        (("organisations", 0, "departments", 0, "id"), "Has Spaces", "departments[0].id"),
        (("organisations", 0, "digests", "board", "recipients"), [], "digests.board.recipients"),
        (("organisations", 0, "digests", "board", "weekday"), "funday", "digests.board.weekday"),
        (("organisations", 0, "digests", "board", "time"), "25:00", "digests.board.time"),
        (
            ("organisations", 0, "departments", 0, "destinations", "slack_channel"),
            "#general",
            "slack_channel",
        ),
    ],
)
def test_field_errors_name_their_path(
    example: dict[str, Any], path: tuple[str | int, ...], value: object, expected: str
) -> None:
    node: Any = example
    for part in path[:-1]:
        node = node[part]
    node[path[-1]] = value
    [problem] = problems_of(example)
    assert expected in problem.split(":")[0]


def test_empty_file_is_one_clear_problem() -> None:
    assert problems_of(None) == ["input should be a valid dictionary or instance of Network"]  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("path", "dotted"),
    [((), ""), (("a",), "a"), (("a", 0, "b", 12, "c"), "a[0].b[12].c")],
)
def test_format_path(path: tuple[str | int, ...], dotted: str) -> None:
    assert format_path(path) == dotted


def test_consent_needs_every_language_the_form_and_slack_speak(example: dict[str, Any]) -> None:
    example["consent"] = {"version": "2026-02", "text": {"nl": "Ik geef toestemming."}}
    [problem] = problems_of(example)
    assert problem.startswith("consent.text: ")
    assert problem.endswith("missing: fr, en")


def test_consent_text_fits_under_the_slack_checkbox(example: dict[str, Any]) -> None:
    texts = {"nl": "x" * 2000, "fr": "x" * 2001, "en": "ok"}
    example["consent"] = {"version": "2026-02", "text": texts}
    [problem] = problems_of(example)
    assert problem.startswith("consent.text.fr: ")
    assert "2000" in problem


def test_at_most_100_departments_as_slack_menus_show(example: dict[str, Any]) -> None:
    template = example["organisations"][0]["departments"][0]
    departments = [{**template, "id": f"afdeling-{n}"} for n in range(101)]
    example["organisations"][0]["departments"] = departments
    example["organisations"][0]["slack"] = []
    example["organisations"][0]["teams"] = []
    [problem] = problems_of(example)
    assert problem.startswith("organisations[0].departments: ")
    assert "100" in problem
    example["organisations"][0]["departments"] = departments[:100]
    assert len(parse_network(example).organisations[0].departments) == 100
