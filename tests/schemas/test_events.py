import datetime as dt
import uuid

import pytest
from pydantic import ValidationError

from schemas import DigestSent, MomentDelivered, MomentPosted, derive_event_id, pseudonymise
from schemas.events import MAX_TEXT_CHARS
from tests.support import make_moment


def test_event_id_is_the_same_for_a_retried_post() -> None:
    first = derive_event_id("slack", "T0AZVB001", "Ev0123")
    assert first == derive_event_id("slack", "T0AZVB001", "Ev0123")
    assert isinstance(first, uuid.UUID)
    assert first.version == 5


@pytest.mark.parametrize(
    ("a", "b"),
    [
        (("slack", "T1", "Ev1"), ("slack", "T1", "Ev2")),
        (("slack", "T1", "Ev1"), ("teams", "T1", "Ev1")),
        (("slack", "T1", "Ev1"), ("slack", "T2", "Ev1")),
        # The separator keeps ("ab","c") and ("a","bc") apart.
        (("web", "ab", "c"), ("web", "a", "bc")),
    ],
)
def test_different_sources_give_different_event_ids(a: tuple[str, ...], b: tuple[str, ...]) -> None:
    assert derive_event_id(*a) != derive_event_id(*b)


def test_event_id_needs_a_source_id() -> None:
    with pytest.raises(ValueError, match="source id"):
        derive_event_id("slack")
    with pytest.raises(ValueError, match="source id"):
        derive_event_id("slack", "")


def test_pseudonym_is_stable_keyed_and_hides_the_user_id() -> None:
    ref = pseudonymise(b"key-1", "slack", "U0123")
    assert ref == pseudonymise(b"key-1", "slack", "U0123")
    assert ref != pseudonymise(b"key-2", "slack", "U0123")
    assert ref != pseudonymise(b"key-1", "teams", "U0123")
    assert "U0123" not in ref
    assert len(ref) == 32


def test_moment_round_trips_through_json() -> None:
    moment = make_moment(1, tags=("zang", "verjaardag"))
    again = MomentPosted.model_validate_json(moment.model_dump_json())
    assert again == moment


def test_events_are_frozen() -> None:
    moment = make_moment()
    with pytest.raises(ValidationError):
        moment.text = "changed"  # type: ignore[misc]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("occurred_at", dt.datetime(2026, 11, 23, 9, 30), "timezone"),
        ("team_type", "surgery", "oncology"),
        ("kind", "story", "good_practice"),
        ("beneficiary", "doctor", "loved_one"),
        ("language", "de", "'nl'"),
        ("text", "", "at least 1"),
        ("text", "x" * (MAX_TEXT_CHARS + 1), "at most 4000"),
        ("tags", ("has space",), "pattern"),
        ("sharing", {"external": True}, "consent text"),
        ("source", {"platform": "fax", "reference": "x"}, "platform"),
    ],
)
def test_moment_rejects_invalid_fields(field: str, value: object, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        make_moment(**{field: value})


def test_sharing_defaults_to_no_consent() -> None:
    moment = make_moment()
    assert moment.sharing.external is False
    assert moment.privacy.needs_review is False
    assert moment.privacy.redactions == {}


def test_readers_tolerate_fields_added_later() -> None:
    data = make_moment().model_dump(mode="json")
    data["added_in_a_later_version"] = 1
    assert MomentPosted.model_validate(data).event_id == make_moment().event_id


def test_delivery_and_digest_events_validate() -> None:
    now = dt.datetime(2026, 11, 23, 8, 0, tzinfo=dt.UTC)
    delivered = MomentDelivered(
        event_id=make_moment().event_id,
        organisation_id="az-voorbeeld",
        destination="slack:C0ONCO001",
        platform="slack",
        message_ref="1700000000.000100",
        delivered_at=now,
    )
    assert delivered.platform == "slack"
    sent = DigestSent(
        organisation_id="az-voorbeeld",
        audience="board",
        iso_week="2026-W47",
        recipient_count=2,
        sent_at=now,
    )
    assert sent.iso_week == "2026-W47"
    with pytest.raises(ValidationError, match="pattern"):
        DigestSent.model_validate({**sent.model_dump(), "iso_week": "2026-W54"})
