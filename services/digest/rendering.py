"""Digest -> subject, HTML (inlined CSS, table bar charts) and plain text, in the org's language.

Every template is rendered with autoescape on, whatever its file name: moment text is user input.
The plain-text part is written in Python (HTML escaping would garble it); header values pass
through `header_safe`, so a CR or LF in an organisation or department name cannot start a header.
"""

import datetime as dt
import re
from dataclasses import dataclass
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime
from pathlib import Path
from typing import Any

import jinja2
import markupsafe

from schemas import DigestAudience, Kind
from services.digest.domain.aggregation import OTHER_DEPARTMENTS, Bar, Digest
from services.digest.messages import MESSAGES, week_dates

TEMPLATES = Path(__file__).parent / "templates"
_UNSAFE_IN_HEADER = re.compile(r"[\x00-\x1f\x7f\x85\u2028\u2029]+")
_SPACES = re.compile(r"\s{2,}")


# A colleague credited in the text ("@Sofie Claes", "@Jan van Damme"): partners see no names.
# Slack's "@here" and "@channel" name nobody.
_MENTION = re.compile(
    r"@(?!(?:here|channel|everyone)\b)[^\W\d_][\w'\u2019.-]*"
    r"(?:[ \u00a0](?:(?:van|de|der|den|du|des|la|le|di|da|von|ter|ten|vanden|vander)[ \u00a0])*"
    r"(?=[A-ZÀ-ÖØ-ÞĀ-Ž])[^\W\d_][\w'\u2019-]*){0,3}"
)


def without_mentions(text: str, colleague: str) -> str:
    """Every `@Name` as `@colleague` (in the digest's language)."""
    return _MENTION.sub(colleague, text)


def header_safe(value: str) -> str:
    """One line: control characters (CR, LF, NUL, ...) become a space."""
    return _SPACES.sub(" ", _UNSAFE_IN_HEADER.sub(" ", value)).strip()


def one_line(value: str) -> str:
    return header_safe(value)


@dataclass(frozen=True)
class Rendered:
    subject: str
    html: str
    text: str


def environment() -> jinja2.Environment:
    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        autoescape=True,  # every template, whatever its extension
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["one_line"] = one_line
    env.filters["lines"] = lines_html
    return env


def lines_html(text: str) -> markupsafe.Markup:
    """Escaped, with its line breaks as `<br>`: Outlook ignores `white-space: pre-line`."""
    return markupsafe.Markup("<br>\n").join(markupsafe.escape(line) for line in text.splitlines())


class Renderer:
    def __init__(self, env: jinja2.Environment | None = None) -> None:
        self._env = env or environment()

    def render(self, digest: Digest) -> Rendered:
        words = MESSAGES[digest.organisation.language]
        context = _context(digest, words)
        return Rendered(
            subject=subject(digest),
            html=self._env.get_template("digest.html").render(context),
            text=_text(digest, context, words),
        )


def subject(digest: Digest) -> str:
    """e.g. `Mangomomenten week 47 — AZ Voorbeeld: 12 momenten`."""
    w = MESSAGES[digest.organisation.language]
    french = digest.organisation.language == "fr"
    singular = digest.total == 1 or (french and digest.total == 0)  # "0 moment" in French
    noun = w["moment"] if singular else w["moments"]
    audience = f" ({w['subject_partners']})" if digest.audience is DigestAudience.PARTNERS else ""
    separator = "\u00a0:" if french else ":"
    return header_safe(
        f"{w['brand']} {w['week']} {digest.week.week} — {digest.organisation.name}{audience}"
        f"{separator} {digest.total} {noun}"
    )


def _bars(bars: tuple[Bar, ...], words: dict[str, str], translate: bool) -> list[dict[str, Any]]:
    top = max((b.count for b in bars), default=0) or 1
    return [
        {
            "label": _label(b.label, words, translate),
            "count": b.count,
            "percent": round(100 * b.count / top),
        }
        for b in bars
    ]


def _label(label: str, words: dict[str, str], translate: bool) -> str:
    if label == OTHER_DEPARTMENTS:
        return words["other_departments"]
    return words.get(label, label) if translate else one_line(label)


def _context(digest: Digest, words: dict[str, str]) -> dict[str, Any]:
    org = digest.organisation
    partners = digest.audience is DigestAudience.PARTNERS
    week = {"week": str(digest.week.week), "dates": week_dates(digest.week.monday, org.language)}
    sections = [
        (words["by_department"], _bars(digest.by_department, words, translate=False)),
        (words["by_team_type"], _bars(digest.by_team_type, words, translate=True)),
        (words["by_beneficiary"], _bars(digest.by_beneficiary, words, translate=True)),
        (words["trend"], _bars(digest.trend, words, translate=False)),
    ]
    return {
        "w": words,
        "lang": org.language.value,
        "partners": partners,
        "title": subject(digest),
        "intro": words["intro_partners" if partners else "intro_board"].format(
            org=org.name, **week
        ),
        "empty": digest.empty,
        "empty_text": words["empty"].format(**week),
        "total": digest.total,
        "good_practices": digest.good_practices,
        "other_moments": digest.moments,
        "sections": [(heading, bars) for heading, bars in sections if bars],
        "highlights": [
            {
                "kind": words["good_practice" if h.kind is Kind.GOOD_PRACTICE else "moment_label"],
                "department": _label(h.department, words, translate=False),
                "title": h.title,
                "text": without_mentions(h.text, words["mention"]) if partners else h.text,
                "author": None if partners else h.author_name,
                "link": h.link if h.link and h.link.startswith(("https://", "http://")) else None,
            }
            for h in digest.highlights
        ],
        "contact": words["contact"].format(name=org.ambassador.name, email=org.ambassador.email),
        "footer": words["footer_partners"] if partners else "",
    }


def _text(digest: Digest, context: dict[str, Any], words: dict[str, str]) -> str:
    lines = [context["title"], "", context["intro"], ""]
    if digest.empty:
        lines += [context["empty_text"], ""]
    else:
        lines += [
            f"{words['total']}: {digest.total}",
            f"{words['good_practices']}: {digest.good_practices}",
            f"{words['other_moments']}: {digest.moments}",
            "",
        ]
        for heading, bars in context["sections"]:
            lines.append(heading)
            lines += [f"- {bar['label']}: {bar['count']}" for bar in bars]
            lines.append("")
        if context["highlights"]:
            lines.append(words["highlights"])
            for h in context["highlights"]:
                by = f" ({words['by']} {one_line(h['author'])})" if h["author"] else ""
                lines.append(f"* {h['kind']} — {h['department']}{by}")
                if h["title"]:
                    lines.append(f"  {one_line(h['title'])}")
                lines += [f"  {line}" for line in h["text"].splitlines()]
                if h["link"]:
                    lines.append(f"  {words['view']}: {h['link']}")
            lines.append("")
    lines.append(context["contact"])
    if context["footer"]:
        lines.append(context["footer"])
    return "\n".join(lines) + "\n"


def build_email(
    rendered: Rendered,
    *,
    sender: str,
    sender_name: str,
    recipient: str,
    message_id: str,
    now: dt.datetime,
    reply_to: str | None = None,
) -> EmailMessage:
    """A multipart/alternative message (text, then HTML); every header value is one line.
    A reply goes to `reply_to` (the organisation's ambassador), not to the sending mailbox."""
    message = EmailMessage(policy=SMTP)
    message["Subject"] = header_safe(rendered.subject)
    message["From"] = Address(display_name=header_safe(sender_name), addr_spec=header_safe(sender))
    message["To"] = header_safe(recipient)
    if reply_to:
        message["Reply-To"] = header_safe(reply_to)
    message["Message-ID"] = header_safe(message_id)
    message["Date"] = format_datetime(now)
    message["Auto-Submitted"] = "auto-generated"
    message.set_content(rendered.text)
    message.add_alternative(rendered.html, subtype="html")
    return message
