"""Formatting and pacing decisions: plain functions, tables of cases."""

import json

import pytest

from schemas.network import parse_network
from services.notify.domain.formatting import (
    SLACK_MAX_BLOCKS,
    WORD_JOINER,
    escape_slack,
    fits_slack,
    fits_teams,
    neutralise_teams,
    slack_event_ids,
    slack_message,
    teams_payload,
    view,
    wall_item,
)
from services.notify.domain.pacing import Pace, batch_size, largest_fitting
from tests.notify.harness import network_data
from tests.support import make_moment

NETWORK = parse_network(network_data())


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("<!channel>", "&lt;!channel&gt;"),
        ("<!here>", "&lt;!here&gt;"),
        ("<@U0123>", "&lt;@U0123&gt;"),
        ("<!subteam^S01|@team>", "&lt;!subteam^S01|@team&gt;"),
        ("<https://evil|intranet>", "&lt;https://evil|intranet&gt;"),
        ("&lt;", "&amp;lt;"),
        ("plain", "plain"),
    ],
)
def test_escape_slack(text: str, escaped: str) -> None:
    assert escape_slack(text) == escaped


@pytest.mark.parametrize(
    ("text", "neutral"),
    [
        ("${secret}", f"${WORD_JOINER}{{secret}}"),
        ("{{DATE(x)}}", f"{{{WORD_JOINER}{{DATE(x)}}}}"),
        ("{{{x}}}", f"{{{WORD_JOINER}{{{WORD_JOINER}{{x}}}}}}"),
        ("@{triggerBody()}", f"@{WORD_JOINER}{{triggerBody()}}"),
        ("{single} $ and @", "{single} $ and @"),
    ],
)
def test_neutralise_teams(text: str, neutral: str) -> None:
    assert neutralise_teams(text) == neutral
    assert neutralise_teams(text).replace(WORD_JOINER, "") == text


def test_slack_message_carries_our_event_ids_and_no_raw_user_markup() -> None:
    views = [
        view(make_moment(n, organisation_id="az-test", text="<!channel> & co"), NETWORK)
        for n in range(3)
    ]
    message = slack_message(views, "slack:C0ONCO001")
    assert slack_event_ids({"metadata": message.metadata}) == [v.event_id for v in views]
    assert "<!channel>" not in json.dumps(message.blocks)
    assert "<" not in message.text
    assert sum(b["type"] == "divider" for b in message.blocks) == 2


def test_a_4000_character_text_is_split_into_sections_without_breaking_entities() -> None:
    moment = make_moment(1, organisation_id="az-test", text="&" * 4000)
    blocks = slack_message([view(moment, NETWORK)], "slack:C").blocks
    sections = [b["text"]["text"] for b in blocks[1:-1]]
    assert all(len(s) <= 3000 for s in sections)
    assert "".join(sections) == "&amp;" * 4000


def test_others_messages_are_not_ours() -> None:
    assert slack_event_ids({"text": "hello"}) == []
    assert slack_event_ids({"metadata": {"event_type": "other", "event_payload": {}}}) == []


def test_teams_card_is_adaptive_card_1_4_without_actions() -> None:
    payload = teams_payload([view(make_moment(1, organisation_id="az-test"), NETWORK)])
    card = payload["attachments"][0]["content"]
    assert payload["attachments"][0]["contentType"] == "application/vnd.microsoft.card.adaptive"
    assert card["version"] == "1.4"
    assert "actions" not in card


def test_the_wall_never_shows_the_author() -> None:
    item = wall_item(view(make_moment(1, organisation_id="az-test"), NETWORK))
    assert "Test Author" not in json.dumps(item)


def test_anonymous_and_languages() -> None:
    moment = make_moment(1, organisation_id="az-test", language="fr", author={"ref": "r" * 32})
    shown = view(moment, NETWORK)
    assert shown.author == "Partagé anonymement"
    assert shown.heading == "Moment Mango · pour un patient"
    named = view(make_moment(2, organisation_id="az-test"), NETWORK)
    assert named.author == "Gedeeld door Test Author"  # not read as the colleague thanked


def test_the_review_channel_says_why_and_the_locked_phone_shows_no_text() -> None:
    moment = make_moment(
        1,
        organisation_id="az-test",
        text="Mevrouw [naam] kreeg bezoek, INSZ 12345678",
        privacy={"needs_review": True, "redactions": {"name": 2, "phone": 1}},
    )
    message = slack_message([view(moment, NETWORK)], "slack:G0REVIEW1")
    heading = message.blocks[0]["text"]["text"]
    assert "Te bekijken door de ambassadeur" in heading
    assert "vervangen: 2 namen, 1 telefoonnummers" in heading
    assert "INSZ" not in message.text  # the push text
    assert message.text.startswith("Mango Moment · voor een patiënt: Te bekijken")
    card = json.dumps(teams_payload([view(moment, NETWORK)]), ensure_ascii=False)
    assert "Te bekijken door de ambassadeur" in card
    ordinary = slack_message([view(make_moment(2, organisation_id="az-test"), NETWORK)], "k")
    assert "Te bekijken" not in json.dumps(ordinary.blocks, ensure_ascii=False)


def test_a_title_is_plain_text_and_push_texts_read_well() -> None:
    titled = make_moment(
        1, organisation_id="az-test", kind="good_practice", title="*Soep* voor\n<!channel>"
    )
    blocks = slack_message([view(titled, NETWORK)], "k").blocks
    [header] = [b for b in blocks if b["type"] == "header"]
    assert header["text"] == {"type": "plain_text", "text": "*Soep* voor <!channel>", "emoji": True}
    long = make_moment(2, organisation_id="az-test", text=("woord " * 666).strip())
    message = slack_message([view(long, NETWORK)], "k")
    assert message.text.endswith("woord…")
    sections = [b["text"]["text"] for b in message.blocks if b["type"] == "section"][1:]
    assert all(section.endswith("woord") for section in sections)  # no word cut in two
    several = [view(make_moment(n, organisation_id="az-test"), NETWORK) for n in range(3)]
    assert slack_message(several, "k").text == "3 Mango Moments"


def test_big_moments_are_combined_only_as_far_as_they_fit() -> None:
    big = [
        view(make_moment(n, organisation_id="az-test", text="x" * 4000), NETWORK) for n in range(10)
    ]
    assert largest_fitting(big, fits_teams) < 10
    assert fits_teams(big[: largest_fitting(big, fits_teams)])
    small = [view(make_moment(n, organisation_id="az-test"), NETWORK) for n in range(10)]
    assert largest_fitting(small, fits_slack) == 10
    assert len(slack_message(small, "k").blocks) <= SLACK_MAX_BLOCKS


@pytest.mark.parametrize(
    ("backlog", "size"),
    [(0, 0), (1, 1), (9, 1), (10, 10), (11, 10), (500, 10)],
)
def test_batch_size(backlog: int, size: int) -> None:
    assert batch_size(backlog, threshold=10, batch_max=10) == size


def test_pace_spaces_calls_and_honours_retry_after() -> None:
    pace = Pace(interval_s=1.0)
    assert pace.wait(100.0) == 0
    pace.sent(100.0)
    assert pace.wait(100.5) == pytest.approx(0.5)
    pace.hold(100.5, 30)
    assert pace.wait(101.0) == pytest.approx(29.5)
    pace.sent(101.0)  # a later send never shortens a Retry-After
    assert pace.wait(101.0) == pytest.approx(29.5)


@pytest.mark.parametrize(("moments", "length"), [(1, 10), (10, 10), (5, 4000), (20, 10)])
def test_fits_slack_counts_blocks_as_slack_message_builds_them(moments: int, length: int) -> None:
    views = [
        view(make_moment(n, organisation_id="az-test", text="&" * length), NETWORK)
        for n in range(moments)
    ]
    built = len(slack_message(views, "k").blocks)
    assert fits_slack(views) is (built <= SLACK_MAX_BLOCKS and moments * length * 5 < 12_000)


def test_a_combined_slack_message_stays_under_the_text_slack_takes() -> None:
    # Ten moments of 1,300 characters: 39 blocks, but 13,000+ characters, which Slack refuses.
    views = [
        view(make_moment(n, organisation_id="az-test", text="woord " * 216), NETWORK)
        for n in range(10)
    ]
    assert len(slack_message(views, "k").blocks) <= SLACK_MAX_BLOCKS
    count = largest_fitting(views, fits_slack)
    assert 1 < count < 10
    combined = slack_message(views[:count], "k").blocks
    assert sum(len(b["text"]["text"]) for b in combined if "text" in b) <= 12_000
