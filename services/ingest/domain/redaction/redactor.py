"""The redactor: every detector in priority order, then placeholders in the post's language."""

import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence

from schemas.events import EntityType, Language
from schemas.network import Network
from services.ingest.domain.redaction.cues import PHRASES_WITH_NAMES
from services.ingest.domain.redaction.identifiers import (
    DIGIT,
    dates_of_birth,
    emails,
    national_numbers,
    phones,
    rooms,
)
from services.ingest.domain.redaction.names import NameFinder
from services.ingest.domain.redaction.review import review_reasons
from services.ingest.domain.redaction.spans import PLACEHOLDERS, Redacted, Span

# Slack markup that is not the person's text: a member or channel id, or a special word. Real
# mentions reach the redactor as "@Name" with protected spans; this keeps only id-shaped markup
# as it is, so "<@Jeanne Lhoest>" typed in a form protects nothing.
_SLACK_PROTECTED = re.compile(
    r"<(?:@[UWB][A-Z0-9]{2,}|#[CG][A-Z0-9]{2,}|!(?:here|channel|everyone|subteam\^[A-Z0-9]+"
    r"|date\^[^<>|]{1,60}))(?:\|[^<>]{0,120})?>"
)
# Greetings, idioms, songs and brands called after people: "Eid Said", "klaar is kees".
_SET_PHRASES = re.compile(
    r"\b(?:" + PHRASES_WITH_NAMES.replace(" ", r"\s+") + r")(?!\w)", re.IGNORECASE
)


def network_words(network: Network) -> list[str]:
    """This network's organisation and department names: the `known_words` of its redactor."""
    return [
        name
        for organisation in network.organisations
        for name in (organisation.name, *(d.name for d in organisation.departments))
    ]


class Redactor:
    """Holds the lexicons (loaded once); `redact(text, language)` does the work."""

    def __init__(
        self,
        first_names: Iterable[str] | None = None,
        surnames: Iterable[str] | None = None,
        region: str = "BE",
        known_words: Iterable[str] = (),
    ) -> None:
        """`known_words`: capitalised words of this network that are not names (department and
        organisation names), added to the built-in list. `region`: where a phone number without
        its country code is from."""
        self._region = region
        self._name_finder = NameFinder(first_names, surnames, known_words)

    def redact(
        self, text: str, language: Language, protected: Sequence[tuple[int, int]] = ()
    ) -> Redacted:
        """Replace personal data with placeholders; `protected` spans (mentions) stay."""
        spans = self.find(text, protected)
        placeholders = PLACEHOLDERS[language]
        out: list[str] = []
        position = 0
        for span in spans:
            out.append(text[position : span.start])
            out.append(placeholders[span.type])
            position = span.end
        out.append(text[position:])
        redacted = "".join(out)
        counts = dict(Counter(span.type for span in spans))
        reasons = review_reasons(redacted, counts)
        if self._name_finder.in_link(redacted):
            reasons = (*reasons, "name_in_link")
        if self._name_finder.first_name_left(redacted):
            reasons = (*reasons, "first_name_left")
        return Redacted(redacted, counts, bool(reasons), reasons, tuple(spans))

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Span]:
        taken: list[tuple[int, int]] = [*protected]
        taken.extend((m.start(), m.end()) for m in _SLACK_PROTECTED.finditer(text))
        taken.extend((m.start(), m.end()) for m in _SET_PHRASES.finditer(text))
        accepted: list[Span] = []
        detectors: tuple[Callable[[str], Iterable[Span]], ...] = (emails, self._names)
        if DIGIT.search(text) is not None:  # many moments hold no digit at all
            detectors = (
                emails,
                national_numbers,
                dates_of_birth,
                self._phones,
                rooms,
                self._names,
            )
        for detector in detectors:
            for span in detector(text):
                if not any(span.start < end and start < span.end for start, end in taken):
                    accepted.append(span)
                    taken.append((span.start, span.end))
                elif span.type is EntityType.NAME:
                    # "Mevr. Janssens Kamer 214", "Jan Peeters jan.peeters@...": the name ran
                    # into a room or an address found first. Look again with those blanked out.
                    for part in self._names(_blanked(text, taken)):
                        if span.start <= part.start and part.end <= span.end:
                            accepted.append(part)
                            taken.append((part.start, part.end))
                else:
                    # "690503 336 88 dot reed at gmail dot com": the national number ran into an
                    # address found first; "0497/08.23.36", a phone read as a date of birth
                    # from its second group. What is left of the number goes too.
                    for part in _digits_outside(text, span, taken):
                        accepted.append(part)
                        taken.append((part.start, part.end))
        return sorted(accepted)

    def _phones(self, text: str) -> Iterable[Span]:
        return phones(text, self._region)

    def _names(self, text: str) -> Iterable[Span]:
        return self._name_finder.find(text)


def _digits_outside(text: str, span: Span, taken: list[tuple[int, int]]) -> Iterable[Span]:
    """The pieces of `span` outside every `taken` range that hold a digit, from their first
    to their last letter or digit, typed as `span`: a number's digits are never left because a
    part of it was taken first (its words may be: "kamer" of "kamer 0478 …")."""
    covered = [False] * (span.end - span.start)
    for start, end in taken:
        for i in range(max(start, span.start), min(end, span.end)):
            covered[i - span.start] = True
    i = span.start
    while i < span.end:
        if covered[i - span.start]:
            i += 1
            continue
        j = i
        while j < span.end and not covered[j - span.start]:
            j += 1
        piece = text[i:j]
        if DIGIT.search(piece) is not None:
            alnum = [k for k, char in enumerate(piece) if char.isalnum()]
            yield Span(i + alnum[0], i + alnum[-1] + 1, span.type)
        i = j


def _blanked(text: str, taken: list[tuple[int, int]]) -> str:
    """`text` with the `taken` ranges as spaces (same length: spans found in it fit `text`)."""
    chars = list(text)
    for start, end in taken:
        chars[start:end] = " " * (end - start)
    return "".join(chars)
