"""Pure helpers: what a ref is, how it is found in stored JSON, user ids, retention."""

import datetime as dt
from urllib.parse import parse_qs

import pytest
from faststream.message import encode_message

from schemas import Platform, pseudonymise
from services.common.network_file import load_network
from services.ingest.domain.moments import author_ref, platform_user_id
from services.ingest.domain.slack import command_draft, find_place
from services.privacy.domain import (
    check_retention,
    cutoff,
    ref_patterns,
    slack_message,
    valid_ref,
)
from services.privacy.errors import InvalidInput
from tests.ingest.harness import NETWORK, command_body
from tests.support import make_moment

REF = "0123456789abcdef0123456789abcdef"


@pytest.mark.parametrize(
    "text",
    ["", "abc", REF.upper(), REF + "0", REF[:-1] + "g", f"%{REF[1:]}", f"{REF}\n", " " + REF[1:]],
)
def test_invalid_refs_name_the_option(text: str) -> None:
    with pytest.raises(InvalidInput, match="--ref") as caught:
        valid_ref(text)
    assert caught.value.exit_code == 2


def test_a_real_ref_is_valid() -> None:
    ref = pseudonymise(b"key", "slack", "T1:U1")
    assert valid_ref(ref) == ref


def like(pattern: str, text: str) -> bool:
    """SQL LIKE with only `%` wildcards (a valid ref has no `_`)."""
    inner = pattern.strip("%")
    return inner in text


def test_patterns_match_both_stored_serialisations() -> None:
    ref = pseudonymise(b"key", "web", "session")
    moment = make_moment(author={"display_name": "X", "ref": ref})
    outbox = moment.model_dump_json()  # ingest's outbox
    ledger = encode_message(moment.model_dump(mode="json"), None)[0].decode()  # notify's ledger
    assert outbox != ledger  # pydantic is compact, json.dumps is not
    compact, spaced = ref_patterns(ref)
    assert like(compact, outbox)
    assert like(spaced, ledger)
    other = make_moment(author={"display_name": "X", "ref": pseudonymise(b"k", "web", "s")})
    assert not any(like(p, other.model_dump_json()) for p in (compact, spaced))


@pytest.mark.parametrize(
    ("destination", "message_ref", "expected"),
    [
        ("slack:C0ONCO001", "1700000000.000100", ("C0ONCO001", "1700000000.000100")),
        ("slack:C0ONCO001", None, None),
        ("teams:teams_webhook", "run-1", None),
        ("wall:org/dept", "wall:org/dept:x", None),
        ("route:org/dept", None, None),
    ],
)
def test_slack_messages_of_ledger_rows(
    destination: str, message_ref: str | None, expected: tuple[str, str] | None
) -> None:
    found = slack_message(destination, message_ref)
    assert (None if found is None else (found.channel, found.ts)) == expected


def test_retention_keeps_five_weeks() -> None:
    check_retention(35)
    with pytest.raises(InvalidInput, match="--older-than-days: must be at least 35"):
        check_retention(34)
    now = dt.datetime(2026, 11, 26, tzinfo=dt.UTC)
    assert cutoff(now, 35) == dt.datetime(2026, 10, 22, tzinfo=dt.UTC)
    with pytest.raises(ValueError, match="aware"):
        cutoff(now.replace(tzinfo=None), 35)


def test_user_ids_are_the_ones_the_entry_points_build() -> None:
    form = {k: v[0] for k, v in parse_qs(command_body("hi").decode()).items()}
    place = find_place(load_network(NETWORK), form["team_id"], form["channel_id"])
    assert place is not None
    draft = command_draft(form, place)
    assert draft.user_id == platform_user_id(
        Platform.SLACK, form["user_id"], slack_team=form["team_id"]
    )
    assert platform_user_id(Platform.API, "", organisation_id="org") == "org:kiosk"
    assert platform_user_id(Platform.TEAMS, "aad-1") == "aad-1"
    assert author_ref(b"k", Platform.WEB, "s") == pseudonymise(b"k", "web", "s")
    with pytest.raises(ValueError, match="workspace"):
        platform_user_id(Platform.SLACK, "U1")
