"""Teams outgoing-webhook activities in, `Draft`s out. Pure."""

import datetime as dt
import html
import re
from dataclasses import dataclass
from typing import Any

from schemas.events import Beneficiary, Kind, Platform
from schemas.network import Network, Organisation, TeamsTeam
from services.ingest.domain.moments import (
    Draft,
    apply_hashtags,
    platform_name,
    relocate,
    text_field,
)
from services.ingest.errors import RequestRejected

STALE_AFTER = dt.timedelta(minutes=5)

# No pattern looks past a "<" for the ">" that closes it, nor past the next "<at" for the
# "</at>" that closes a mention: "<at><at><at>..." must cost linear time, not freeze the service.
_AT = re.compile(  # not <attachment>
    r"<at\b[^<>]*>((?:(?!<at\b)[\s\S])*?)</at>", re.IGNORECASE
)
_TAG = re.compile(r"<[^<>]+>")
# A break, also between table cells and before a block: "<td>Nom</td><td>Lhoest</td>" must not
# become "NomLhoest" (a name glued to a word is no longer seen as one).
_BREAK = re.compile(
    r"<\s*(br|/?p|/?div|/?ul|/?ol|/li|/blockquote|/td|/th|/?tr|/?table)\b[^<>]*>", re.IGNORECASE
)
_BLANK_LINES = re.compile(r"\n(?:[ \t]*\n){2,}")  # a table's closing tags: one blank line
_PICTURE = re.compile(r"<(?:emoji|img)\b[^<>]*\balt=\"([^\"<>]*)\"[^<>]*>", re.IGNORECASE)
"""An emoji or inline picture: its `alt` text (the emoji itself) stays."""


@dataclass(frozen=True)
class TeamsPlace:
    organisation: Organisation
    team: TeamsTeam
    department_id: str | None


def _part(value: object) -> dict[str, Any]:
    """An object of the activity, or nothing when it has another shape."""
    return value if isinstance(value, dict) else {}


def _id(value: object) -> str | None:
    """An id of the activity, or none when it is no string."""
    return value if isinstance(value, str) and value else None


def claimed_team(activity: dict[str, Any]) -> str | None:
    """The team id the activity says it comes from (to pick the HMAC token)."""
    data = _part(activity.get("channelData"))
    return _id(_part(data.get("team")).get("id")) or _id(data.get("teamsTeamId"))


def channel_of(activity: dict[str, Any]) -> str | None:
    data = _part(activity.get("channelData"))
    channel = _id(_part(data.get("channel")).get("id")) or _id(data.get("teamsChannelId"))
    if channel is None:
        conversation = _id(_part(activity.get("conversation")).get("id")) or ""
        channel = conversation.split(";", 1)[0] or None
    return channel


def find_team(network: Network, activity: dict[str, Any]) -> TeamsPlace | None:
    """The team and department the activity claims, before its signature is checked: an
    activity of another shape claims none (a 401, as from an unknown team)."""
    team_id = claimed_team(activity)
    channel = channel_of(activity)
    for organisation in network.organisations:
        for team in organisation.teams:
            if team.team_id == team_id:
                department = next(
                    (m.department for m in team.channels if m.channel == channel), None
                )
                return TeamsPlace(organisation, team, department)
    return None


def is_stale(activity: dict[str, Any], now: dt.datetime) -> bool:
    """No timestamp, an unreadable one, or more than 5 minutes away from now (either way)."""
    raw = activity.get("timestamp")
    if not isinstance(raw, str):
        return True
    try:
        sent = dt.datetime.fromisoformat(raw.replace("Z", "+00:00"))
    except ValueError:
        return True
    if sent.tzinfo is None:
        return True
    return abs(now - sent) > STALE_AFTER


def message_text(raw: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """Strip the bot's `<at>` mention and HTML; colleagues' mentions become protected `@Name`."""
    text = _PICTURE.sub(lambda m: m.group(1).replace("<", "").replace(">", ""), raw)
    text = _BLANK_LINES.sub("\n\n", _BREAK.sub("\n", text))
    first = _AT.search(text)
    if first is not None and not _TAG.sub("", text[: first.start()]).strip():
        text = text[: first.start()] + text[first.end() :]  # the bot itself: "@Mango ..."
    out: list[str] = []
    protected: list[tuple[int, int]] = []
    position = 0
    length = 0
    for match in _AT.finditer(text):
        before = html.unescape(_TAG.sub("", text[position : match.start()]))
        out.append(before)
        length += len(before)
        mention = "@" + html.unescape(_TAG.sub("", match.group(1))).strip().lstrip("@")
        protected.append((length, length + len(mention)))
        out.append(mention)
        length += len(mention)
        position = match.end()
    out.append(html.unescape(_TAG.sub("", text[position:])))
    joined = "".join(out).replace("\xa0", " ")
    stripped = joined.lstrip()
    shift = len(joined) - len(stripped)
    return stripped.rstrip(), tuple((s - shift, e - shift) for s, e in protected)


def activity_draft(activity: dict[str, Any], place: TeamsPlace) -> Draft:
    activity_id = text_field(activity.get("id"))
    if not activity_id:
        raise RequestRejected("missing_activity_id")
    text, protected = message_text(text_field(activity.get("text")))
    cleaned, picked = apply_hashtags(text)
    if cleaned != text:  # hashtags moved the text: move the mentions Teams marked with it
        text, protected = cleaned, tuple(relocate(text, cleaned, protected))
    sender = activity.get("from") or {}
    return Draft(
        platform=Platform.TEAMS,
        source_ids=(place.team.team_id, activity_id),
        reference=f"{place.team.team_id}/{channel_of(activity) or ''}/{activity_id}"[:300],
        organisation_id=place.organisation.id,
        department_id=place.department_id,
        text=text,
        protected=protected,
        user_id=text_field(sender.get("aadObjectId") or sender.get("id")) or "unknown",
        author_name=platform_name(sender.get("name")),
        kind=Kind(picked.get("kind", Kind.MOMENT)),
        beneficiary=Beneficiary(picked.get("beneficiary", Beneficiary.OTHER)),
    )


def reply(text: str) -> dict[str, Any]:
    return {"type": "message", "text": text}
