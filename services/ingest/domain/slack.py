"""Slack payloads in, `Draft`s and Block Kit views out. Pure: plain dicts, no client, no clock."""

import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from schemas.events import Beneficiary, Kind, Language, Platform
from schemas.network import Network, Organisation
from services.ingest.domain.i18n import BENEFICIARY_LABELS, KIND_LABELS, t
from services.ingest.domain.moments import (
    Draft,
    apply_hashtags,
    platform_name,
    platform_user_id,
    text_field,
)
from services.ingest.errors import RequestRejected

MODAL_CALLBACK_ID = "mango_moment"
SHORTCUT_CALLBACK_ID = "share_as_mango_moment"
MODAL_TEXT_CHARS = 3000
"""Slack's limit for a text input (views.open refuses a larger `max_length`): the modal takes
less than the 4,000 characters of a slash command, the form and the API."""
OPTION_CHARS = 75
"""Slack's limit for an option's text (and description)."""

# No pattern looks past a "<" for the ">" that closes it, nor past the next mark of its kind for
# the one that closes an emphasis: Slack escapes "<" and ">" in what people type, and a text of
# "<!<!<!..." or "_a _a _a ..." must cost linear time, not freeze the service.
_SLACK_LINK = re.compile(r"<(mailto:|tel:|https?://)([^|<>]*)(?:\|([^<>]*))?>")
_SLACK_ID = re.compile(r"[A-Z0-9]{2,40}")
_LEADING_MENTION = re.compile(r"^\s*<@[A-Z0-9]+(?:\|[^<>]*)?>\s*")
_SPECIAL = re.compile(r"<([!#])([^|<>]*)(?:\|([^<>]*))?>")
"""`<!here>`, `<!subteam^S…|@team>`, `<!date^…|fallback>`, `<#C…|channel>`: Slack markup."""
_EMPHASIS = re.compile(r"(?<![\w*_~`])([*_~])(?=\S)((?:(?!\1)[^\n])*?\S)\1(?![\w*_~`])")
"""Slack's *bold*, _italic_ and ~strike~ around words (not 2*3*4, snake_case or "5 * 3")."""
_CODE = re.compile(r"(`{3}|`)(?=\S)([^`]*?)\1")
"""`code` and ```blocks```."""
_USER_MENTION = re.compile(r"<@([UW][A-Z0-9]{2,})(?:\|([^<>]*))?>")
MENTIONS_LOOKED_UP = 10
"""At most this many colleagues' names are looked up per post (the rest read "@collega")."""


@dataclass(frozen=True)
class Place:
    """Where a Slack request came from, resolved against the network file."""

    organisation: Organisation
    department_id: str | None


def find_place(network: Network, team_id: str, channel_id: str | None) -> Place | None:
    for organisation in network.organisations:
        for workspace in organisation.slack:
            if workspace.team_id == team_id:
                department = next(
                    (m.department for m in workspace.channels if m.channel == channel_id), None
                )
                return Place(organisation, department)
    return None


def follow_up_url(payload: Mapping[str, Any], allowed_prefix: str) -> str | None:
    """The `response_url` of a slash command or a message shortcut, if it is one of Slack's
    (starts with `allowed_prefix`, which names scheme, host and a `/`); None otherwise."""
    url = text_field(payload.get("response_url"))
    if allowed_prefix.count("/") < 3 or not url.startswith(allowed_prefix) or len(url) > 500:
        return None
    return url


def plain_text(slack_text: str) -> str:
    """Slack markup to plain text: links, channels, groups and dates become their label,
    `<!here>` "@here"; mentions of people `<@U..>` stay (see `readable_mentions`). Emphasis
    and code marks go: every destination (the wall, digests, Teams) shows the same plain text,
    not asterisks."""

    def link(match: re.Match[str]) -> str:
        scheme, target, label = match.groups()
        return label or (target if scheme in ("mailto:", "tel:") else scheme + target)

    def special(match: re.Match[str]) -> str:
        sigil, body, label = match.groups()
        if sigil == "#":
            return f"#{label or 'channel'}"
        if label:
            return label  # a group's "@nurses", a date's fallback text
        if body in ("here", "channel", "everyone"):
            return f"@{body}"
        return "@team" if body.startswith("subteam^") else ""

    text = _SPECIAL.sub(special, _SLACK_LINK.sub(link, slack_text))
    text = _CODE.sub(r"\2", text)
    for _ in range(3):  # *_nested_* marks, innermost last
        text, found = _EMPHASIS.subn(r"\2", text)
        if not found:
            break
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def mentioned_users(text: str) -> list[str]:
    """The colleagues a Slack text mentions (`<@U…>`), whose names to look up, in order."""
    ids = dict.fromkeys(m.group(1) for m in _USER_MENTION.finditer(text))
    return list(ids)[:MENTIONS_LOOKED_UP]


def readable_mentions(text: str, names: Mapping[str, str], unknown: str) -> tuple[str, list[str]]:
    """Slack's `<@U…>` mentions as `@Name`: the name Slack gave (looked up, else the label in
    the mention), else `@<unknown>` (e.g. "@collega"), never the bare id. Returns the text and
    the names, in order."""
    shown: list[str] = []

    def name(match: re.Match[str]) -> str:
        label = (names.get(match.group(1)) or match.group(2) or "").strip().lstrip("@")
        label = " ".join(label.split()) or unknown
        shown.append(label)
        return f"@{label}"

    return _USER_MENTION.sub(name, text), shown


def protect_mentions(draft: Draft, names: Sequence[str]) -> Draft:
    """Keep `@Name` of colleagues Slack named out of redaction: crediting a colleague is what a
    mention is for. Only names that came from Slack count, never an `@` someone typed."""
    spans = [
        match.span()
        for label in dict.fromkeys(names)
        for match in re.finditer(f"@{re.escape(label)}(?!\\w)", draft.text)
    ]
    if not spans:
        return draft
    return replace(draft, protected=tuple(sorted({*draft.protected, *spans})))


def with_readable_mentions(draft: Draft, names: Mapping[str, str], unknown: str) -> Draft:
    """A Slack draft whose `<@U…>` mentions read `@Name` and stay (see `readable_mentions`)."""
    text, shown = readable_mentions(draft.text, names, unknown)
    return protect_mentions(replace(draft, text=text), shown) if shown else draft


def command_draft(form: dict[str, str], place: Place) -> Draft:
    """`/mango <text>` as a draft (kind and beneficiary from hashtags, else moment / other)."""
    text, picked = apply_hashtags(plain_text(form.get("text", "")))
    team, trigger = form.get("team_id", ""), form.get("trigger_id", "")
    if not trigger:
        raise RequestRejected("missing_trigger_id")
    return Draft(
        platform=Platform.SLACK,
        source_ids=(team, trigger),
        reference=f"{team}/{form.get('channel_id', '')}/{trigger}",
        organisation_id=place.organisation.id,
        department_id=place.department_id,
        text=text,
        user_id=platform_user_id(Platform.SLACK, form.get("user_id", ""), slack_team=team),
        kind=Kind(picked.get("kind", Kind.MOMENT)),
        beneficiary=Beneficiary(picked.get("beneficiary", Beneficiary.OTHER)),
        author_name=platform_name(form.get("user_name")),
    )


def _without_the_bot(envelope: dict[str, Any], event: dict[str, Any]) -> str:
    """The text without the app's own mention, wherever it is ("Thanks <@Jan>, <@Mango>"):
    the app's user id is in the envelope's `authorizations`; without them, a leading mention."""
    text = text_field(event.get("text"))
    authorizations = envelope.get("authorizations")
    first = authorizations[0] if isinstance(authorizations, list) and authorizations else None
    bot = text_field(first.get("user_id")) if isinstance(first, dict) else ""
    if not bot:
        return _LEADING_MENTION.sub("", text)
    # With a comma before ("Dank <@Jan>, <@Mango>") or after ("<@Mango>: dank"); the spaces
    # left are tidied by `apply_hashtags`. (The spaces and the comma before are stripped by
    # hand: a pattern that starts with them tries every space of a long run again.)
    parts, position = [], 0
    for mention in re.finditer(rf"<@{re.escape(bot)}(?:\|[^<>]{{0,120}})?>[,:]?", text):
        before = text[position : mention.start()].rstrip()
        parts.append(before.removesuffix(",").rstrip() if before.endswith(",") else before)
        parts.append(" ")
        position = mention.end()
    return "".join(parts) + text[position:]


def mention_draft(envelope: dict[str, Any], place: Place) -> Draft:
    """An `app_mention` event (`@Mango ...`) as a draft."""
    event = envelope["event"]
    team = text_field(envelope.get("team_id") or event.get("team"))
    event_id = text_field(envelope.get("event_id"))
    if not event_id:
        raise RequestRejected("missing_event_id")
    if not text_field(event.get("user")):
        raise RequestRejected("missing_user")  # Slack always says who: no one to answer
    text, picked = apply_hashtags(plain_text(_without_the_bot(envelope, event)))
    channel = text_field(event.get("channel"))
    return Draft(
        platform=Platform.SLACK,
        source_ids=(team, event_id),
        reference=f"{team}/{channel}/{text_field(event.get('ts'))}",
        organisation_id=place.organisation.id,
        department_id=place.department_id,
        text=text,
        user_id=platform_user_id(Platform.SLACK, text_field(event.get("user")), slack_team=team),
        kind=Kind(picked.get("kind", Kind.MOMENT)),
        beneficiary=Beneficiary(picked.get("beneficiary", Beneficiary.OTHER)),
    )


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": {"type": "plain_text", "text": text[:OPTION_CHARS]}, "value": value}


def _prefill(text: str) -> str:
    """A message longer than the modal takes, cut at a word: the person sees it before posting."""
    if len(text) <= MODAL_TEXT_CHARS:
        return text
    cut = text[:MODAL_TEXT_CHARS]
    space = cut.rfind(" ")
    return cut[:space] if space > MODAL_TEXT_CHARS // 2 else cut


def modal_view(
    organisation: Organisation,
    consent_text: str,
    language: Language,
    *,
    department_id: str | None = None,
    text: str = "",
    channel_id: str | None = None,
    mentions: Sequence[str] = (),
) -> dict[str, Any]:
    """The "share a moment" modal; prefilled for the message shortcut. `mentions` are the names
    of colleagues the prefilled text mentions: they come back with the submission and stay."""
    departments = [_option(d.name, d.id) for d in organisation.departments]
    department: dict[str, Any] = {
        "type": "static_select",
        "action_id": "value",
        "options": departments,
    }
    initial = next((o for o in departments if o["value"] == department_id), None)
    if initial:
        department["initial_option"] = initial
    kinds = [_option(KIND_LABELS[k][language], k.value) for k in Kind]
    beneficiaries = [_option(BENEFICIARY_LABELS[b][language], b.value) for b in Beneficiary]
    text_input: dict[str, Any] = {
        "type": "plain_text_input",
        "action_id": "value",
        "multiline": True,
        "max_length": MODAL_TEXT_CHARS,
    }
    if text:
        text_input["initial_value"] = _prefill(text)

    def block(
        block_id: str,
        label: str,
        element: dict[str, Any],
        optional: bool = False,
        hint: str | None = None,
    ) -> Any:
        shown = {
            "type": "input",
            "block_id": block_id,
            "optional": optional,
            "label": {"type": "plain_text", "text": label},
            "element": element,
        }
        return {**shown, "hint": {"type": "plain_text", "text": hint}} if hint else shown

    return {
        "type": "modal",
        "callback_id": MODAL_CALLBACK_ID,
        "private_metadata": json.dumps(
            {
                # (a channel's id, C0ONCO001, or nothing: Slack refuses metadata over 3,000
                # characters, and a forged id could be longer)
                "channel": channel_id if channel_id and _SLACK_ID.fullmatch(channel_id) else None,
                "org": organisation.id,
                "mentions": [name[:80] for name in mentions[:MENTIONS_LOOKED_UP]],
            },
            ensure_ascii=False,  # Slack counts characters: "\u0416" would be six
        ),
        "title": {"type": "plain_text", "text": "Mangomoment"},
        "submit": {"type": "plain_text", "text": t("submit", language)},
        "close": {"type": "plain_text", "text": t("cancel", language)},
        "blocks": [
            block(
                "kind",
                t("label_kind", language),
                {
                    "type": "static_select",
                    "action_id": "value",
                    "options": kinds,
                    "initial_option": kinds[0],
                },
            ),
            block(
                "beneficiary",
                t("label_beneficiary", language),
                {"type": "static_select", "action_id": "value", "options": beneficiaries},
            ),
            block("department", t("label_department", language), department),
            block("text", t("label_text", language), text_input, hint=t("intro", language)),
            block(
                "title",
                t("label_title", language),
                {"type": "plain_text_input", "action_id": "value", "max_length": 200},
                optional=True,
            ),
            block(
                "options",
                t("label_options", language),
                {
                    "type": "checkboxes",
                    "action_id": "value",
                    "options": [
                        _option(t("label_anonymous", language), "anonymous"),
                        _option(t("label_share", language), "share_external"),
                    ],
                },
                optional=True,
                # In full, under the boxes (an option's description would cut it at 75).
                hint=consent_text,
            ),
        ],
    }


def _value(values: dict[str, Any], block_id: str) -> Any:
    return values.get(block_id, {}).get("value", {})


def submission_draft(payload: dict[str, Any], organisation: Organisation) -> Draft:
    """A `view_submission` of the modal as a draft (validated later, errors by block id)."""
    view = payload.get("view") or {}
    values = (view.get("state") or {}).get("values") or {}
    team = text_field((payload.get("team") or {}).get("id"))
    user = payload.get("user") or {}
    view_id = text_field(view.get("id"))
    if not view_id:
        raise RequestRejected("missing_view_id")
    if text_field(view.get("callback_id")) != MODAL_CALLBACK_ID:
        raise RequestRejected("unknown_view")  # not the modal this app opened

    def selected(block_id: str) -> str | None:
        option = _value(values, block_id).get("selected_option") or {}
        return text_field(option.get("value")) or None

    options = {
        text_field(o.get("value")) for o in _value(values, "options").get("selected_options") or []
    }
    kind, beneficiary = selected("kind"), selected("beneficiary")
    metadata = _metadata(view)
    mentions = metadata.get("mentions")
    named = [m for m in mentions if isinstance(m, str) and m] if isinstance(mentions, list) else []
    draft = Draft(
        platform=Platform.SLACK,
        # Slack gives each opened view its own id; submitting it twice is the same moment.
        source_ids=(team, view_id),
        # Checked before anything is stored: a channel that is no string is a malformed
        # payload, never a moment stored and then answered 400.
        reference=f"{team}/{text_field(metadata.get('channel')) or 'modal'}/{view_id}",
        organisation_id=organisation.id,
        department_id=selected("department"),
        text=text_field(_value(values, "text").get("value")),
        title=text_field(_value(values, "title").get("value")) or None,
        user_id=platform_user_id(Platform.SLACK, text_field(user.get("id")), slack_team=team),
        kind=Kind(kind) if kind in {k.value for k in Kind} else None,
        beneficiary=(
            Beneficiary(beneficiary) if beneficiary in {b.value for b in Beneficiary} else None
        ),
        author_name=platform_name(user.get("name") or user.get("username")),
        anonymous="anonymous" in options,
        share_external="share_external" in options,
    )
    return protect_mentions(draft, named)


def modal_errors(errors: dict[str, str]) -> dict[str, Any]:
    """Field errors (by form field name) as Slack's `response_action: errors`, by block id."""
    block_of = {"author_name": "text"}
    return {
        "response_action": "errors",
        "errors": {block_of.get(name, name): message for name, message in errors.items()},
    }


def _metadata(view: dict[str, Any]) -> dict[str, Any]:
    try:
        data = json.loads(text_field(view.get("private_metadata")) or "{}")
    except (ValueError, RecursionError):
        return {}
    return data if isinstance(data, dict) else {}


def metadata_channel(payload: dict[str, Any]) -> str | None:
    return text_field(_metadata(payload.get("view") or {}).get("channel")) or None
