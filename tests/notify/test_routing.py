"""Routing as a table: moment + network -> destination keys."""

from typing import Any

import pytest

from schemas.network import parse_network
from services.notify.domain.routing import Destination, route
from tests.notify.harness import network_data
from tests.support import make_moment

NETWORK = parse_network(network_data())
ONCO = ["slack:C0ONCO001", "teams:teams-test-onco", "wall:az-test/oncologie"]
GERI = ["slack:C0GERI001", "wall:az-test/geriatrie"]
ORG_WIDE = ["slack:C0ALLE001", "wall:az-test"]


@pytest.mark.parametrize(
    ("overrides", "expected", "problem"),
    [
        ({"department_id": "oncologie"}, ONCO, None),
        ({"department_id": "geriatrie"}, GERI, None),
        ({"department_id": "geriatrie", "kind": "good_practice"}, GERI + ORG_WIDE, None),
        (
            {"department_id": "oncologie", "privacy": {"needs_review": True}},
            ["slack:G0REVIEW1"],
            None,
        ),
        (
            {
                "department_id": "oncologie",
                "kind": "good_practice",
                "privacy": {"needs_review": True},
            },
            ["slack:G0REVIEW1"],
            None,
        ),
        ({"department_id": "radiologie"}, [], "unknown department"),
        ({"organisation_id": "elsewhere"}, [], "unknown organisation"),
    ],
)
def test_route(overrides: dict[str, Any], expected: list[str], problem: str | None) -> None:
    moment = make_moment(1, **{"organisation_id": "az-test", **overrides})
    routing = route(moment, NETWORK)
    assert [d.key for d in routing.destinations] == expected
    assert routing.problem == problem


def test_review_without_a_review_destination_goes_nowhere() -> None:
    data = network_data()
    del data["organisations"][0]["review"]
    moment = make_moment(1, organisation_id="az-test", privacy={"needs_review": True})
    assert route(moment, parse_network(data)).destinations == ()


def test_a_good_practice_is_not_sent_twice_to_the_same_place() -> None:
    data = network_data()
    data["organisations"][0]["organisation_channel"] = {"slack_channel": "C0GERI001", "wall": False}
    moment = make_moment(
        1, organisation_id="az-test", department_id="geriatrie", kind="good_practice"
    )
    assert [d.key for d in route(moment, parse_network(data)).destinations] == GERI


@pytest.mark.parametrize("key", ["slack:C0ONCO001", "teams:teams-x", "wall:az/dept", "wall:az"])
def test_destination_keys_round_trip(key: str) -> None:
    assert Destination.parse(key).key == key


def test_a_key_without_target_is_refused() -> None:
    with pytest.raises(ValueError, match="not a destination key"):
        Destination.parse("slack")
