"""The web form's accessibility promises, checked on the pages ingest serves.

Labels, groups, error links and focus order are read from the HTML; contrast is computed from
the page's own CSS with the WCAG 2.x formula (4.5:1 for text, 3:1 for borders and focus rings).
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

import pytest

from tests.ingest.harness import Harness

pytestmark = pytest.mark.connected

LANGUAGES = ("nl", "fr", "en")
HEX = r"#(?:[0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b"


@pytest.fixture
def database_url(sqlite_url: str) -> str:
    return sqlite_url  # rendering does not depend on the database kind


@pytest.fixture
def collect() -> bool:
    return False


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    text: str = ""
    inside: list["Element"] = field(default_factory=list)  # open ancestors, outermost first


class Page(HTMLParser):
    """Every element of a page, with its text and the elements it sits in."""

    VOID = frozenset({"input", "meta", "br", "img", "link", "hr"})

    def __init__(self, html: str) -> None:
        super().__init__()
        self.elements: list[Element] = []
        self._open: list[Element] = []
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {k: v or "" for k, v in attrs}, inside=list(self._open))
        self.elements.append(element)
        if tag not in self.VOID:
            self._open.append(element)

    def handle_endtag(self, tag: str) -> None:
        while self._open:
            if self._open.pop().tag == tag:
                break

    def handle_data(self, data: str) -> None:
        for element in self._open:
            element.text += data

    def all(self, *tags: str) -> list[Element]:
        return [e for e in self.elements if e.tag in tags]

    def by_id(self, id_: str) -> Element | None:
        return next((e for e in self.elements if e.attrs.get("id") == id_), None)


def controls(page: Page) -> list[Element]:
    return [
        e
        for e in page.all("input", "select", "textarea")
        if e.attrs.get("type") not in ("hidden", "submit")
    ]


def label_of(page: Page, control: Element) -> str:
    """The text of the label that names the control: `label for=id` or a wrapping label."""
    for label in page.all("label"):
        if control.attrs.get("id") and label.attrs.get("for") == control.attrs["id"]:
            return label.text.strip()
    wrapping = [e for e in control.inside if e.tag == "label"]
    return wrapping[-1].text.strip() if wrapping else ""


def assert_accessible(page: Page, lang: str) -> None:
    [html] = page.all("html")
    assert html.attrs["lang"] == lang
    assert any("width=device-width" in m.attrs.get("content", "") for m in page.all("meta"))
    ids = [e.attrs["id"] for e in page.elements if "id" in e.attrs]
    assert len(ids) == len(set(ids)), "ids are unique"
    assert all(int(e.attrs["tabindex"]) <= 0 for e in page.elements if "tabindex" in e.attrs)
    for control in controls(page):
        assert label_of(page, control), f"{control.attrs.get('name')} has a label"
        if control.attrs.get("type") in ("radio", "checkbox"):
            groups = [e for e in control.inside if e.tag == "fieldset"]
            legends = [e for e in page.all("legend") if groups and groups[-1] in e.inside]
            assert legends, f"{control.attrs['name']} is in a group"
            assert legends[0].text.strip(), f"{control.attrs['name']}'s group has a legend"
    for element in page.elements:
        for described_by in element.attrs.get("aria-describedby", "").split():
            target = page.by_id(described_by)
            assert target is not None, f"#{described_by} exists"
            assert target.text.strip(), f"#{described_by} has text"
    buttons = page.all("button")
    assert buttons, "the form can be sent"
    for button in buttons:
        assert button.attrs["type"] == "submit"
        assert button.text.strip()
    # One send button: the language switch (when the form came back) is a form of its own.
    sends = [b for b in buttons if not any(e.tag == "nav" for e in b.inside)]
    assert len(sends) == 1


async def test_the_form_names_every_field_in_each_language(ingest: Harness) -> None:
    for lang in LANGUAGES:
        response, _ = await ingest.form(lang)
        page = Page(response.text)
        assert_accessible(page, lang)
        names = {c.attrs["name"] for c in controls(page)}
        assert {"department", "kind", "beneficiary", "text", "title", "author_name"} <= names
        assert {"anonymous", "share_external"} <= names


async def test_errors_are_announced_linked_and_tied_to_their_fields(ingest: Harness) -> None:
    for lang in LANGUAGES:
        _, csrf = await ingest.form(lang)
        response = await ingest.client.post(
            "/moments/new",
            data={"csrf": csrf, "lang": lang, "text": "", "department": "", "title": "Soep"},
        )
        assert response.status_code == 400
        page = Page(response.text)
        assert_accessible(page, lang)
        switch = [b for b in page.all("button") if any(e.tag == "nav" for e in b.inside)]
        assert [b.attrs["lang"] for b in switch] == list(LANGUAGES)  # each names its language
        summary = page.by_id("summary")
        assert summary is not None
        assert summary.attrs["role"] == "alert"
        assert "autofocus" in summary.attrs  # read out on arrival, without JavaScript
        [title] = page.all("title")
        assert title.text.startswith(
            {"nl": "Fout: ", "fr": "Erreur\u00a0: ", "en": "Error: "}[lang]
        )
        links = [a for a in page.all("a") if summary in a.inside]
        assert len(links) >= 3  # department, kind, beneficiary, text
        targets = []
        for link in links:
            target = page.by_id(link.attrs["href"].removeprefix("#"))
            assert target is not None, f"{link.attrs['href']} leads to its field"
            assert target.tag in ("input", "select", "textarea"), "a link lands where one types"
            targets.append(target)
            group = next((e for e in reversed(target.inside) if e.tag == "fieldset"), target)
            described = group.attrs.get("aria-describedby", "").split()
            errors = [
                e
                for e in map(page.by_id, described)
                if e is not None and "error" in e.attrs.get("class", "")
            ]
            assert len(errors) == 1, f"{link.attrs['href']} names its error"
            # The link says which field and what is wrong with it.
            assert link.text.strip().endswith(errors[0].text.strip())
            assert len(link.text.strip()) > len(errors[0].text.strip()) + 3
        # In the order of the page.
        positions = [page.elements.index(target) for target in targets]
        assert positions == sorted(positions)
        invalid = [e for e in page.elements if e.attrs.get("aria-invalid") == "true"]
        assert {e.attrs["id"] for e in invalid} >= {"department", "text"}


def luminance(hex_colour: str) -> float:
    digits = hex_colour.removeprefix("#")
    if len(digits) == 3:
        digits = "".join(d * 2 for d in digits)
    channels = [int(digits[i : i + 2], 16) / 255 for i in (0, 2, 4)]
    linear = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_contrast_formula_matches_known_values() -> None:
    assert round(contrast("#000", "#ffffff"), 1) == 21.0
    assert round(contrast("#767676", "#ffffff"), 2) == 4.54  # the classic AA-passing grey
    assert contrast("#777777", "#ffffff") < 4.5


async def test_colours_have_enough_contrast_and_focus_is_visible(ingest: Harness) -> None:
    response, _ = await ingest.form()
    css = response.text.split("<style>", 1)[1].split("</style>", 1)[0]
    var = dict(re.findall(rf"--([a-z]+):\s*({HEX})", css))

    def rule(selector: str) -> str:
        match = re.search(r"^\s*" + re.escape(selector) + r"\s*\{([^}]*)\}", css, re.M)
        assert match, selector
        return match.group(1)

    def colour(declarations: str, prop: str) -> str:
        match = re.search(rf"(?<![-\w]){prop}:\s*({HEX}|var\(--([a-z]+)\))", declarations)
        assert match, prop
        return var[match.group(2)] if match.group(2) else match.group(1)

    page, field_bg = var["bg"], colour(rule("select, input[type=text], textarea"), "background")
    text_pairs = {
        "body text": (var["ink"], page),
        "links": (var["accent"], page),
        "errors": (var["error"], page),
        "hints": (colour(rule(".hint"), "color"), page),
        "typed text": (colour(rule("select, input[type=text], textarea"), "color"), field_bg),
        "button": (colour(rule("button"), "color"), colour(rule("button"), "background")),
        "language switch": (colour(rule("nav.lang button"), "color"), page),
        "language chosen": (colour(rule("nav.lang button[aria-current]"), "color"), page),
    }
    for what, (fg, bg) in text_pairs.items():
        assert contrast(fg, bg) >= 4.5, f"{what}: {contrast(fg, bg):.2f}:1"
    focus = rule(":focus-visible")
    assert re.search(r"outline:\s*[2-9]px solid", focus)
    ring = re.search(HEX, focus)
    assert ring
    assert contrast(ring.group(0), page) >= 3
    assert contrast(var["line"], field_bg) >= 3  # field borders
    assert not re.search(r"outline:\s*(none|0)\b", css), "focus is never hidden"
