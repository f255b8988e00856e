"""Rendering: subject, languages, inert user input, and headers that CR/LF cannot extend.

The email goes through the real SMTP client (aiosmtplib) to a real SMTP server (aiosmtpd), and
the test reads what the server received.
"""

import datetime as dt
from dataclasses import replace
from html.parser import HTMLParser

import pytest

from schemas import Beneficiary, DigestAudience, Kind, Language, TeamType
from schemas.network import Organisation
from services.digest.adapters.smtp import SmtpMailer
from services.digest.domain.aggregation import Candidate, CountRow, Digest, build_digest
from services.digest.domain.weeks import IsoWeek
from services.digest.messages import week_dates
from services.digest.rendering import Renderer, build_email, header_safe
from services.digest.settings import SmtpSettings
from tests.digest.support import SmtpSink, organisation

WEEK = IsoWeek(2026, 47)
NOW = dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC)
SCRIPT = "<script>alert('x')</script>"
IMG = '<img src=x onerror="alert(1)">'


def digest_for(org: Organisation, total: int = 12, text: str = "Gezongen voor mevrouw") -> Digest:
    rows = [
        CountRow(org.departments[0].id, TeamType.ONCOLOGY, Beneficiary.PATIENT, Kind.MOMENT, total)
    ]
    candidates = [
        Candidate(
            event_id="e1",
            occurred_at=NOW,
            department_id=org.departments[0].id,
            kind=Kind.GOOD_PRACTICE,
            title=f"Titel {IMG}",
            text=text,
            author_name=f"Auteur {SCRIPT}",
            link="https://slack.example/archives/C1/p1",
        ),
        Candidate(
            event_id="e2",
            occurred_at=NOW,
            department_id=org.departments[0].id,
            kind=Kind.MOMENT,
            title=None,
            text="javascript link test",
            author_name=None,
            link="javascript:alert(1)",
        ),
    ]
    return build_digest(org, DigestAudience.BOARD, WEEK, rows, {WEEK: total}, candidates)


@pytest.mark.parametrize(
    ("language", "subject"),
    [
        ("nl", "Mangomomenten week 47 — AZ Voorbeeld: 12 momenten"),
        ("fr", "Moments Mango semaine 47 — AZ Voorbeeld\u00a0: 12 moments"),
        ("en", "Mango Moments week 47 — AZ Voorbeeld: 12 moments"),
    ],
)
def test_subject_and_language(language: str, subject: str) -> None:
    org = Organisation.model_validate(
        organisation("az", name="AZ Voorbeeld", language=language, board=["b@az.example"])
    )
    rendered = Renderer().render(digest_for(org))
    assert rendered.subject == subject
    assert f'<html lang="{language}">' in rendered.html
    assert subject in rendered.text
    one = Renderer().render(digest_for(org, total=1))
    assert one.subject.endswith(": 1 moment") or one.subject.endswith(" : 1 moment")
    assert Language(language) is org.language


class Elements(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


async def test_script_and_img_onerror_are_inert_and_crlf_adds_no_header(
    smtp_sink: SmtpSink,
) -> None:
    org = Organisation.model_validate(
        organisation(
            "az",
            name="AZ Voorbeeld\r\nBcc: evil@attacker.example",
            departments=[("onco", f"Onco\r\nX-Injected: yes {SCRIPT}", "oncology")],
            board=["board@az.example"],
        )
    )
    rendered = Renderer().render(digest_for(org, text=f"Hallo {SCRIPT} en {IMG}"))
    message = build_email(
        rendered,
        sender="mango@az.example",
        sender_name="Mango\r\nReply-To: evil@attacker.example",
        recipient="board@az.example",
        message_id="<abc@az.example>",
        now=NOW,
    )
    await SmtpMailer(SmtpSettings(port=smtp_sink.port)).send(message, "board@az.example")

    [received] = smtp_sink.received
    assert received.recipients == ("board@az.example",)
    headers = {name.lower() for name in received.message.keys()}
    assert headers == {
        "subject",
        "from",
        "to",
        "message-id",
        "date",
        "auto-submitted",
        "mime-version",
        "content-type",
    }
    assert "\n" not in str(received.message["Subject"])
    assert str(received.message["Subject"]).startswith(
        "Mangomomenten week 47 — AZ Voorbeeld Bcc: evil@attacker.example:"
    )

    html = received.html
    parser = Elements()
    parser.feed(html)
    tags = {tag for tag, _ in parser.tags}
    assert "script" not in tags
    assert "img" not in tags
    assert not [(t, a) for t, attrs in parser.tags for a, _ in attrs if a.startswith("on")]
    assert "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=" in html
    hrefs = [v for _, attrs in parser.tags for a, v in attrs if a == "href"]
    assert hrefs == ["https://slack.example/archives/C1/p1"], "no javascript: link"
    # No external images, scripts or stylesheets: everything is inline.
    assert not [a for _, attrs in parser.tags for a, _ in attrs if a == "src"]
    assert "<link" not in html
    # The plain-text part keeps the text as typed; it is never interpreted as HTML.
    assert SCRIPT in received.text
    assert "Onco X-Injected: yes" in received.text


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("a\r\nBcc: x", "a Bcc: x"),
        ("a\nb", "a b"),
        ("a\rb", "a b"),
        ("a\u2028b\x85c\x00d", "a b c d"),
        ("  plain  ", "plain"),
    ],
)
def test_header_safe(value: str, expected: str) -> None:
    assert header_safe(value) == expected


def test_every_template_autoescapes_whatever_its_name() -> None:
    env = Renderer()._env
    for name in ("digest.html", "anything.txt", "mail.eml"):
        assert env.from_string("{{ v }}").render(v="<b>") == "&lt;b&gt;", name


def test_partners_read_colleagues_as_colleagues_and_every_line_of_a_moment() -> None:
    org = Organisation.model_validate(
        organisation("az", name="AZ Voorbeeld", language="nl", partners=["p@gp.example"])
    )
    text = "Dank @Sofie Claes en @Jan van Damme voor de soep, @here.\nTweede regel"
    digest = digest_for(org, text=text)
    partners = Renderer().render(replace(digest, audience=DigestAudience.PARTNERS))
    board = Renderer().render(digest)

    for part in (partners.html, partners.text):
        assert "Sofie" not in part
        assert "Damme" not in part
        assert "Dank @collega en @collega voor de soep, @here." in part
    assert "Dank @Sofie Claes en @Jan van Damme" in board.html
    # Outlook ignores `white-space: pre-line`: a line break is a <br>, and the text part keeps
    # the indent on every line.
    assert "voor de soep, @here.<br>\nTweede regel" in board.html
    assert "\n  Tweede regel\n" in board.text
    assert "in week 47 (16\u201322 november 2026)" in board.html


@pytest.mark.parametrize(
    ("monday", "language", "expected"),
    [
        (dt.date(2026, 11, 16), Language.NL, "16\u201322 november 2026"),
        (dt.date(2026, 11, 30), Language.EN, "30 November \u2013 6 December 2026"),
        (dt.date(2025, 12, 29), Language.FR, "du 29 décembre 2025 au 4 janvier 2026"),
        (dt.date(2026, 11, 16), Language.FR, "du 16 au 22 novembre 2026"),
    ],
)
def test_week_dates_read_as_a_reader_writes_them(
    monday: dt.date, language: Language, expected: str
) -> None:
    assert week_dates(monday, language) == expected


async def test_a_reply_goes_to_the_ambassador_on_one_line(smtp_sink: SmtpSink) -> None:
    org = Organisation.model_validate(organisation("az", board=["board@az.example"]))
    message = build_email(
        Renderer().render(digest_for(org)),
        sender="mango@az.example",
        sender_name="Mangomoment",
        recipient="board@az.example",
        message_id="<r@az.example>",
        now=NOW,
        reply_to="ambassadeur@az.example\r\nBcc: evil@attacker.example",
    )
    await SmtpMailer(SmtpSettings(port=smtp_sink.port)).send(message, "board@az.example")

    [received] = smtp_sink.received
    assert str(received.message["Reply-To"]).startswith("ambassadeur@az.example")
    assert "\n" not in str(received.message["Reply-To"])
    assert received.message["Bcc"] is None  # a CR/LF in the file adds no header
    assert received.recipients == ("board@az.example",)
