"""From what a person submitted (a `Draft`, the same for every platform) to a `MomentPosted`.

    platform payload --(slack.py / teams.py / form)--> Draft --validate--> build_moment --> event

Pure: the clock, the pseudonym key and the network come in as arguments.
"""

import datetime as dt
import re
import unicodedata
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from schemas.events import (
    MAX_TEXT_CHARS,
    MAX_TITLE_CHARS,
    Author,
    Beneficiary,
    EntityType,
    Kind,
    Language,
    MomentPosted,
    Platform,
    Privacy,
    Sharing,
    Source,
)
from schemas.ids import derive_event_id, pseudonymise
from schemas.network import Department, Destinations, Network, Organisation
from services.ingest.domain.i18n import t
from services.ingest.domain.redaction import Redacted, Redactor, detect_language, normalise_text
from services.ingest.errors import RequestRejected

MAX_NAME_CHARS = 120

_HASHTAGS: dict[str, tuple[str, str]] = {
    "#praktijk": ("kind", Kind.GOOD_PRACTICE),
    "#goedepraktijk": ("kind", Kind.GOOD_PRACTICE),
    "#pratique": ("kind", Kind.GOOD_PRACTICE),
    "#bonnepratique": ("kind", Kind.GOOD_PRACTICE),
    "#practice": ("kind", Kind.GOOD_PRACTICE),
    "#goodpractice": ("kind", Kind.GOOD_PRACTICE),
    "#patient": ("beneficiary", Beneficiary.PATIENT),
    "#patiënt": ("beneficiary", Beneficiary.PATIENT),
    "#naaste": ("beneficiary", Beneficiary.LOVED_ONE),
    "#familie": ("beneficiary", Beneficiary.LOVED_ONE),
    "#proche": ("beneficiary", Beneficiary.LOVED_ONE),
    "#family": ("beneficiary", Beneficiary.LOVED_ONE),
    "#collega": ("beneficiary", Beneficiary.COLLEAGUE),
    "#collègue": ("beneficiary", Beneficiary.COLLEAGUE),
    "#colleague": ("beneficiary", Beneficiary.COLLEAGUE),
}


HELP_WORDS = frozenset({"help", "hulp", "aide", "?", "-h", "--help"})


def asks_for_help(text: str) -> bool:
    """`/mango help`, `@Mango hulp`, `?`: how to use it, not a moment that says "help"."""
    return text.strip().casefold() in HELP_WORDS


@dataclass(frozen=True)
class Draft:
    """A post as submitted, before validation and redaction."""

    platform: Platform
    source_ids: tuple[str, ...]
    """The platform's own ids of this post (e.g. workspace + Slack event id): the event id."""
    reference: str
    organisation_id: str
    department_id: str | None
    text: str
    user_id: str
    kind: Kind | None = Kind.MOMENT
    beneficiary: Beneficiary | None = Beneficiary.OTHER
    title: str | None = None
    author_name: str | None = None
    anonymous: bool = False
    share_external: bool = False
    language: Language | None = None
    protected: tuple[tuple[int, int], ...] = ()
    """Spans of `text` that stay as they are (mentions of colleagues)."""
    tags: tuple[str, ...] = ()
    permalink: str | None = None


@dataclass(frozen=True)
class Reach:
    """Where this deployment can post, as notify decides it: Slack with a bot token, a Teams
    channel whose webhook secret is there; walls always. Confirmations name only these."""

    slack: bool = True
    teams: Callable[[str], bool] = field(default=lambda _secret: True)


EVERYWHERE = Reach()


@dataclass(frozen=True)
class Accepted:
    moment: MomentPosted
    department: Department
    organisation: Organisation
    review_reasons: tuple[str, ...] = field(default=())
    reach: Reach = EVERYWHERE


def apply_hashtags(text: str) -> tuple[str, dict[str, str]]:
    """`/mango #praktijk #collega ...`: pull known hashtags out of a quick post."""
    found: dict[str, str] = {}

    def pick(match: re.Match[str]) -> str:
        hit = _HASHTAGS.get(match.group(0).casefold())
        if hit is None:
            return match.group(0)
        found[hit[0]] = hit[1]
        return ""

    stripped = re.sub(r"(?<!\S)#[\wÀ-ÿ]+", pick, text)  # a word of its own, not a URL's #part
    return re.sub(r"[ \t]{2,}", " ", stripped).strip(), found


_UNSEEN_CATEGORIES = frozenset({"Cc", "Cf", "Cs", "Co", "Cn", "Zs", "Zl", "Zp", "Mn", "Me"})
_BLANK_SIGNS = frozenset("\u115f\u1160\u3164\uffa0\u2800\ufffc")  # fillers, blank braille


def visible(text: str) -> bool:
    """Whether a person would see anything: not only spaces, format characters (U+2060,
    U+FEFF, a soft hyphen), combining marks or blank fillers."""
    return any(
        unicodedata.category(c) not in _UNSEEN_CATEGORIES and c not in _BLANK_SIGNS for c in text
    )


def text_field(value: object) -> str:
    """A platform payload's text or id field: a string, or absent (""). Any other JSON type
    (a number, a list, an object) is a malformed payload, never text made up by `str()`."""
    if value is None:
        return ""
    if isinstance(value, str):
        return value
    raise RequestRejected("malformed_payload")


def platform_name(value: object) -> str | None:
    """The author's display name as Slack or Teams gives it, cut to `MAX_NAME_CHARS`: the
    author cannot change it in the post, so a long one is shortened, never refused (a name typed
    in the form or the API is refused with a reason instead)."""
    return normalise_text(text_field(value))[:MAX_NAME_CHARS] or None


def field_errors(draft: Draft, network: Network, language: Language) -> dict[str, str]:
    """Field name -> message in the user's language; empty when the draft is acceptable."""
    errors: dict[str, str] = {}
    text = normalise_text(draft.text)
    if not visible(text):
        errors["text"] = t("text_required", language)
    elif len(text) > MAX_TEXT_CHARS:
        errors["text"] = t("text_too_long", language)
    if draft.title and len(normalise_text(draft.title)) > MAX_TITLE_CHARS:
        errors["title"] = t("title_too_long", language)
    if draft.author_name and len(normalise_text(draft.author_name)) > MAX_NAME_CHARS:
        errors["author_name"] = t("name_too_long", language)
    organisation = network.organisation(draft.organisation_id)
    if (
        organisation is None
        or draft.department_id is None
        or organisation.department(draft.department_id) is None
    ):
        errors["department"] = t("choose_department", language)
    if draft.kind is None:
        errors["kind"] = t("choose_kind", language)
    if draft.beneficiary is None:
        errors["beneficiary"] = t("choose_beneficiary", language)
    return errors


def build_moment(
    draft: Draft,
    *,
    network: Network,
    redactor: Redactor,
    pseudonym_key: bytes,
    now: dt.datetime,
    reach: Reach = EVERYWHERE,
) -> Accepted:
    """Redact and build the event. Call `field_errors` first: this raises on an invalid draft."""
    organisation = network.organisation(draft.organisation_id)
    department = (
        organisation.department(draft.department_id)
        if organisation is not None and draft.department_id
        else None
    )
    if organisation is None or department is None or draft.kind is None:
        raise ValueError("draft was not validated")
    text = normalise_text(draft.text)
    # Protected spans were given on the raw text; normalising only trims and drops controls,
    # so re-find them by their content.
    protected = relocate(draft.text, text, draft.protected)
    language = draft.language or detect_language(text, organisation.language)
    body = redactor.redact(text, language, protected)
    title = redactor.redact(normalise_text(draft.title), language) if draft.title else None
    counts = _merge(body, title)
    reasons = tuple(dict.fromkeys((*body.review_reasons, *(title.review_reasons if title else ()))))
    display_name = None
    if not draft.anonymous and draft.author_name:
        display_name = normalise_text(draft.author_name)[:MAX_NAME_CHARS] or None
    moment = MomentPosted(
        event_id=event_id_of(draft),
        occurred_at=now,
        organisation_id=organisation.id,
        department_id=department.id,
        team_type=department.team_type,
        kind=draft.kind,
        beneficiary=draft.beneficiary or Beneficiary.OTHER,
        title=_fit(title.text, MAX_TITLE_CHARS) if title and title.text else None,
        # A placeholder can be longer than what it replaced ("Jan" -> "[naam]").
        text=_fit(body.text, MAX_TEXT_CHARS),
        language=language,
        author=Author(
            display_name=display_name,
            ref=author_ref(pseudonym_key, draft.platform, draft.user_id),
        ),
        source=Source(
            platform=draft.platform,
            reference=safe_reference(draft.reference),
            permalink=draft.permalink,
        ),
        sharing=Sharing(
            external=draft.share_external,
            consent_version=network.consent.version if draft.share_external else None,
        ),
        privacy=Privacy(redactions=counts, needs_review=bool(reasons)),
        tags=draft.tags,
    )
    return Accepted(moment, department, organisation, reasons, reach)


def author_ref(pseudonym_key: bytes, platform: Platform, user_id: str) -> str:
    """The pseudonymous `author.ref` of a platform user (also what `mango privacy ref` prints)."""
    return pseudonymise(pseudonym_key, platform.value, user_id)


def platform_user_id(
    platform: Platform,
    user: str,
    *,
    slack_team: str | None = None,
    organisation_id: str | None = None,
) -> str:
    """The `Draft.user_id` of a person, per platform: the one formula the entry points and
    `mango privacy ref` share.

    - Slack: `<team id>:<user id>` (workspace and member id);
    - Teams: the sender's Entra object id (`aadObjectId`);
    - web form: the browser session (the form cookie): not a person's name;
    - JSON API: `<organisation id>:<author_name or "kiosk">`.
    """
    if platform is Platform.SLACK:
        if not slack_team:
            raise ValueError("a Slack user id needs the workspace (team) id")
        return f"{slack_team}:{user}"
    if platform is Platform.API:
        if not organisation_id:
            raise ValueError("an API author needs the organisation id")
        return f"{organisation_id}:{user or 'kiosk'}"
    return user


def event_id_of(draft: Draft) -> uuid.UUID:
    return derive_event_id(draft.platform.value, *draft.source_ids)


def not_confirmed(accepted: Accepted, language: Language, *, slack: bool = False) -> str:
    """For a commit still running when the user must be answered: it may yet land, so never
    "try again" (a second post would double it), but "look there before you post it again"."""
    return t("not_confirmed", language, where=where_it_appears(accepted, language, slack=slack))


def where_it_appears(accepted: Accepted, language: Language, *, slack: bool = False) -> str:
    """Human description of the destinations, e.g. `Geriatrie (Slack en de Mango-muur)`.

    In Slack a channel is a mention (`<#C0GERI001>`), which Slack shows as its name. Elsewhere
    (the form, Teams, the API) a channel id means nothing to a reader, so it reads "Slack"."""
    places: list[str] = []
    destinations: Sequence[Destinations | None] = [accepted.department.destinations]
    if accepted.moment.kind is Kind.GOOD_PRACTICE:
        destinations = [*destinations, accepted.organisation.organisation_channel]
    for destination in destinations:
        if destination is None:
            continue
        reach = accepted.reach
        if destination.slack_channel and reach.slack:
            places.append(f"<#{destination.slack_channel}>" if slack else "Slack")
        if destination.teams_webhook_secret and reach.teams(destination.teams_webhook_secret):
            places.append("Teams")
        if destination.wall:
            places.append(t("wall", language))
    places = list(dict.fromkeys(places))
    name = accepted.department.name
    if slack:  # Slack's control characters, as Slack asks: shown as typed, never markup
        name = name.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    if not places:  # no wall, and none of its channels connected: promise no place
        return name
    inner = places[0]
    if len(places) > 1:
        inner = f"{', '.join(places[:-1])} {t('and', language)} {places[-1]}"
    return f"{name} ({inner})"


def confirmation(accepted: Accepted, language: Language, *, slack: bool = False) -> str:
    key = "thanks_review" if accepted.moment.privacy.needs_review else "thanks"
    return t(key, language, where=where_it_appears(accepted, language, slack=slack))


# What a platform's reference is made of: ids, time stamps, "/", "@", ":" ("19:...@thread.tacv2").
_NOT_IN_A_REFERENCE = re.compile(r"[^\w.:/@#+=-]")


def safe_reference(reference: str) -> str:
    """The platform's reference as it is stored and published: every other character (a
    control, a bidi mark, a space, anything a forged id may carry) is "_", and 300 at most."""
    return _NOT_IN_A_REFERENCE.sub("_", reference[:300])


def _fit(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _merge(body: Redacted, title: Redacted | None) -> dict[EntityType, int]:
    counts = dict(body.counts)
    for entity, n in (title.counts if title else {}).items():
        counts[entity] = counts.get(entity, 0) + n
    return counts


def relocate(
    raw: str, normalised: str, spans: tuple[tuple[int, int], ...]
) -> list[tuple[int, int]]:
    """Spans of `raw` (mentions), found again, in order, in `normalised` (the same text with
    hashtags taken out or its characters cleaned up). A span moves at most as far as the text
    shrank or grew, so the same words typed elsewhere (a patient's "@Maria") are never taken
    for it. A span whose text is gone is dropped."""
    shrank = max(0, len(raw) - len(normalised))
    grew = max(0, len(normalised) - len(raw))
    out: list[tuple[int, int]] = []
    cursor = 0
    for start, end in spans:
        piece = raw[start:end]
        at = normalised.find(piece, max(cursor, start - shrank), start + grew + len(piece))
        if at >= 0:
            out.append((at, at + len(piece)))
            cursor = at + len(piece)
    return out
