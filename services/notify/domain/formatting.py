"""What a moment looks like on each destination, built as data.

Safety rules (user text is hostile until shown otherwise):

- Slack: every user string goes into `mrkdwn` only after escaping `&`, `<`, `>` (Slack's own
  rule), with `verbatim` on, so `<!channel>`, `<!here>`, `<@U...>`, `<!subteam^...>` and
  `<https://evil|intranet>` are shown as typed and never become a mention or a disguised link.
- Teams: user strings only ever go into `TextRun`s of a `RichTextBlock` (never markdown), and a
  word joiner (U+2060) is put inside `${`, `{{` and `@{`, so no template binding, `{{DATE()}}`
  function or workflow expression can be formed. The card has no actions, links or mentions.
- Wall: plain data; the page sets `textContent`, never HTML.
"""

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from schemas import Beneficiary, EntityType, Kind, Language, MomentPosted
from schemas.network import Network

SLACK_METADATA_EVENT_TYPE = "mango_moment"
SLACK_MAX_BLOCKS = 50
SLACK_SECTION_CHARS = 3000
SLACK_HEADER_CHARS = 150
SLACK_COMBINED_CHARS = 12_000
"""Text in all blocks of one combined message. Not in Slack's reference: `chat.postMessage`
answers `msg_blocks_too_long` at about 13,200 characters in all (slackapi/bolt-js#2509), which
would send a whole backlog to the dead-letter topic. A single moment is never combined."""
TEAMS_MAX_CARD_BYTES = 24_000  # Workflows webhooks take about 28 KB; keep a margin
WORD_JOINER = "\u2060"

_LABELS: dict[Language, dict[str, str]] = {
    Language.NL: {
        Kind.MOMENT: "Mango Moment",
        Kind.GOOD_PRACTICE: "Goede praktijk",
        Beneficiary.PATIENT: "voor een patiënt",
        Beneficiary.LOVED_ONE: "voor een naaste",
        Beneficiary.COLLEAGUE: "voor een collega",
        Beneficiary.OTHER: "voor iemand anders",
        "shared_by": "Gedeeld door {name}",
        "anonymous": "Anoniem gedeeld",
        "combined": "Mango Moments",
        "review": "Te bekijken door de ambassadeur: mogelijk nog gegevens van een patiënt",
        "replaced": "vervangen",
        EntityType.NAME: "namen",
        EntityType.PHONE: "telefoonnummers",
        EntityType.EMAIL: "e-mailadressen",
        EntityType.NATIONAL_NUMBER: "rijksregisternummers",
        EntityType.DATE_OF_BIRTH: "geboortedata",
        EntityType.ROOM: "kamers",
    },
    Language.FR: {
        Kind.MOMENT: "Moment Mango",
        Kind.GOOD_PRACTICE: "Bonne pratique",
        Beneficiary.PATIENT: "pour un patient",
        Beneficiary.LOVED_ONE: "pour un proche",
        Beneficiary.COLLEAGUE: "pour un collègue",
        Beneficiary.OTHER: "pour quelqu'un d'autre",
        "shared_by": "Partagé par {name}",
        "anonymous": "Partagé anonymement",
        "combined": "Moments Mango",
        "review": "À relire par l'ambassadeur\u00a0: contient peut-être encore des données de "
        "patient",
        "replaced": "remplacés",
        EntityType.NAME: "noms",
        EntityType.PHONE: "téléphones",
        EntityType.EMAIL: "e-mails",
        EntityType.NATIONAL_NUMBER: "numéros nationaux",
        EntityType.DATE_OF_BIRTH: "dates de naissance",
        EntityType.ROOM: "chambres",
    },
    Language.EN: {
        Kind.MOMENT: "Mango Moment",
        Kind.GOOD_PRACTICE: "Good practice",
        Beneficiary.PATIENT: "for a patient",
        Beneficiary.LOVED_ONE: "for a loved one",
        Beneficiary.COLLEAGUE: "for a colleague",
        Beneficiary.OTHER: "for someone else",
        "shared_by": "Shared by {name}",
        "anonymous": "Shared anonymously",
        "combined": "Mango Moments",
        "review": "For the ambassador to review: may still hold a patient's details",
        "replaced": "replaced",
        EntityType.NAME: "names",
        EntityType.PHONE: "phone numbers",
        EntityType.EMAIL: "e-mail addresses",
        EntityType.NATIONAL_NUMBER: "national numbers",
        EntityType.DATE_OF_BIRTH: "dates of birth",
        EntityType.ROOM: "rooms",
    },
}


@dataclass(frozen=True)
class MomentView:
    """The parts of a moment a destination shows; `text` and `title` are already redacted."""

    event_id: str
    heading: str  # our own words: kind and beneficiary, never user text
    title: str | None
    text: str
    author: str
    """Who shared it, in our words: "Gedeeld door Sofie Claes", "Anoniem gedeeld"."""
    department: str
    organisation_id: str
    department_id: str
    occurred_at: str
    combined: str = "Mango Moments"
    """What several of them are called in the moment's language (a combined message)."""
    review: str | None = None
    """For the ambassador's review channel only: why it is there, and what was replaced."""


def view(moment: MomentPosted, network: Network) -> MomentView:
    labels = _LABELS[moment.language]
    organisation = network.organisation(moment.organisation_id)
    department = organisation.department(moment.department_id) if organisation else None
    name = moment.author.display_name
    return MomentView(
        event_id=str(moment.event_id),
        heading=f"{labels[moment.kind]} · {labels[moment.beneficiary]}",
        title=moment.title,
        text=moment.text,
        author=labels["shared_by"].format(name=name) if name else labels["anonymous"],
        department=department.name if department else moment.department_id,
        organisation_id=moment.organisation_id,
        department_id=moment.department_id,
        occurred_at=moment.occurred_at.isoformat(),
        combined=labels["combined"],
        review=_review_line(moment, labels) if moment.privacy.needs_review else None,
    )


def _review_line(moment: MomentPosted, labels: dict[Any, str]) -> str:
    """`Te bekijken door de ambassadeur: ... (vervangen: 2 namen, 1 telefoonnummers)`."""
    counts = [f"{n} {labels[kind]}" for kind, n in moment.privacy.redactions.items() if n]
    replaced = f" ({labels['replaced']}: {', '.join(counts)})" if counts else ""
    return f"{labels['review']}{replaced}"


def cut_at_word(text: str, limit: int) -> str:
    """At most `limit` characters, cut at a space (with "…") when it has to be cut."""
    if len(text) <= limit:
        return text
    head = text[: limit - 1]
    space = head.rfind(" ", limit // 2)
    return (head[:space] if space > 0 else head).rstrip() + "…"


# --- Slack -------------------------------------------------------------------------------------


def escape_slack(text: str) -> str:
    """Slack's escaping: after this, `<`, `>` and `&` are shown, never interpreted."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


@dataclass(frozen=True)
class SlackMessage:
    text: str  # notification fallback (mrkdwn, escaped)
    blocks: list[dict[str, Any]]
    metadata: dict[str, Any]


def _mrkdwn(text: str) -> dict[str, Any]:
    return {"type": "section", "text": {"type": "mrkdwn", "text": text, "verbatim": True}}


def _escaped_chunks(text: str, limit: int = SLACK_SECTION_CHARS) -> list[str]:
    """Escape and cut into section-sized pieces: at a line break or space near the end when
    there is one (a word cut in two reads as two paragraphs on a phone), never inside an
    entity like `&amp;`."""
    escaped = escape_slack(text)
    chunks: list[str] = []
    while len(escaped) > limit:
        cut = max(escaped.rfind("\n", limit - 300, limit), escaped.rfind(" ", limit - 300, limit))
        if cut <= 0:
            cut = limit
            entity = escaped.rfind("&", cut - 4, cut)  # entities are at most 5 characters long
            if entity != -1 and ";" not in escaped[entity:cut]:
                cut = entity
        chunks.append(escaped[:cut])
        escaped = escaped[cut:].lstrip(" \n")
    if escaped:
        chunks.append(escaped)
    return chunks


def slack_blocks(moment: MomentView) -> list[dict[str, Any]]:
    heading = f"*:mango: {escape_slack(moment.heading)}*"
    if moment.review:
        heading += f"\n:warning: {escape_slack(moment.review)}"
    # A title is plain text on its own: a `*` or a line break in it cannot break the bold.
    title = (
        [
            {
                "type": "header",
                "text": {
                    "type": "plain_text",
                    "text": cut_at_word(" ".join(moment.title.split()), SLACK_HEADER_CHARS),
                    "emoji": True,
                },
            }
        ]
        if moment.title and moment.title.strip()
        else []
    )
    return [
        _mrkdwn(heading),
        *title,
        *(_mrkdwn(chunk) for chunk in _escaped_chunks(moment.text)),
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": f"{escape_slack(moment.author)} · {escape_slack(moment.department)}",
                    "verbatim": True,
                }
            ],
        },
    ]


def slack_message(moments: Sequence[MomentView], destination: str) -> SlackMessage:
    """One message for one moment, or one combined message for a backlog."""
    blocks: list[dict[str, Any]] = []
    for index, moment in enumerate(moments):
        if index:
            blocks.append({"type": "divider"})
        blocks.extend(slack_blocks(moment))
    if len(moments) == 1:
        only = moments[0]
        # The push text shows on a locked phone: a post for review shows no text there.
        shown = only.review if only.review else cut_at_word(" ".join(only.text.split()), 200)
        fallback = f"{only.heading}: {shown}"
    else:
        fallback = f"{len(moments)} {moments[0].combined}"
    return SlackMessage(
        text=escape_slack(fallback),
        blocks=blocks,
        metadata={
            "event_type": SLACK_METADATA_EVENT_TYPE,
            "event_payload": {
                "event_ids": [m.event_id for m in moments],
                "destination": destination,
            },
        },
    )


def slack_event_ids(message: dict[str, Any]) -> list[str]:
    """Our event ids in a message from `conversations.history` (empty when not ours)."""
    metadata = message.get("metadata") or {}
    if metadata.get("event_type") != SLACK_METADATA_EVENT_TYPE:
        return []
    ids = (metadata.get("event_payload") or {}).get("event_ids") or []
    return [str(i) for i in ids]


# --- Teams -------------------------------------------------------------------------------------

_EXPRESSION_OPENING = re.compile(r"(?<=[{$@])\{")


def neutralise_teams(text: str) -> str:
    """Put a word joiner inside `${`, `{{` and `@{`: shown the same, never evaluated."""
    return _EXPRESSION_OPENING.sub(WORD_JOINER + "{", text)


def _run(text: str, **style: Any) -> dict[str, Any]:
    return {"type": "RichTextBlock", "inlines": [{"type": "TextRun", "text": text, **style}]}


def teams_body(moment: MomentView, *, separator: bool) -> list[dict[str, Any]]:
    heading: dict[str, Any] = {
        "type": "TextBlock",
        "text": neutralise_teams(f"🥭 {moment.heading}"),
        "weight": "Bolder",
        "size": "Medium",
        "wrap": True,
    }
    # TextBlock is only used for our own words; it is still neutralised, as labels may change.
    heading["separator"] = separator
    body = [heading]
    if moment.review:
        body.append(_run(neutralise_teams(moment.review), color="Warning"))
    if moment.title:
        body.append(_run(neutralise_teams(moment.title), weight="Bolder"))
    body.append(_run(neutralise_teams(moment.text)))
    body.append(
        _run(
            neutralise_teams(f"{moment.author} · {moment.department}"),
            isSubtle=True,
            size="Small",
        )
    )
    return body


def teams_payload(moments: Sequence[MomentView]) -> dict[str, Any]:
    """A Workflows webhook request: one Adaptive Card 1.4 attachment, no actions or mentions."""
    body: list[dict[str, Any]] = []
    for index, moment in enumerate(moments):
        body.extend(teams_body(moment, separator=index > 0))
    card = {
        "$schema": "http://adaptivecards.io/schemas/adaptive-card.json",
        "type": "AdaptiveCard",
        "version": "1.4",
        "body": body,
    }
    return {
        "type": "message",
        "attachments": [
            {"contentType": "application/vnd.microsoft.card.adaptive", "content": card}
        ],
    }


# --- Wall --------------------------------------------------------------------------------------


def wall_item(moment: MomentView) -> dict[str, str | None]:
    """What the corridor screen shows: no author name, only the (redacted) text."""
    return {
        "event_id": moment.event_id,
        "heading": moment.heading,
        "title": moment.title,
        "text": moment.text,
        "department": moment.department,
        "department_id": moment.department_id,
        "occurred_at": moment.occurred_at,
    }


# --- Combining a backlog -----------------------------------------------------------------------


def fits_slack(moments: Sequence[MomentView]) -> bool:
    """Within Slack's 50 blocks, and within the text Slack takes in one message."""
    blocks = slack_message(moments, destination="").blocks
    return len(blocks) <= SLACK_MAX_BLOCKS and _block_chars(blocks) <= SLACK_COMBINED_CHARS


def _block_chars(blocks: Sequence[dict[str, Any]]) -> int:
    texts = [b["text"]["text"] for b in blocks if "text" in b]
    texts += [e["text"] for b in blocks for e in b.get("elements", [])]
    return sum(len(text) for text in texts)


def fits_teams(moments: Sequence[MomentView]) -> bool:
    return len(json.dumps(teams_payload(moments)).encode()) <= TEAMS_MAX_CARD_BYTES
