"""The `needs_review` rule: what still looks risky after redaction (see docs/ingest.md)."""

import re

from stdnum.be import bis, nn

from schemas.events import EntityType
from services.ingest.domain.redaction.identifiers import DIGIT, ELEVEN_DIGITS, IDENTIFIER_WORDS
from services.ingest.domain.redaction.spans import PLACEHOLDERS

# 7+ digits with single separators. A mistyped national number in any spelling the detector
# knows (85.07.30 - 033.29 fails the checksum and stays) is flagged as well, by _ELEVEN_DIGITS.
_LEFTOVER_NUMBER = re.compile(r"\d(?:[ .\-/]?\d){6,}")
# 11 digits with any punctuation between them (50,04,03 / 123,89): flagged when they pass the
# national-number checksum. Not redacted: such a run may be two numbers side by side.
_LOOSE_ELEVEN_DIGITS = re.compile(r"\d(?:[^\w\n]{0,4}\d){10}(?!\d)")
_DIGIT_GROUP = re.compile(r"(?<!\d)\d")
_FULL_DATE = re.compile(
    r"(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{1,2}-\d{1,2})(?![\d]|[.-]\d)"
)
# "[rijksregisternummer]" is what the redactor wrote, not an identifier word the author left.
_PLACEHOLDER = re.compile(
    "|".join(re.escape(p) for words in PLACEHOLDERS.values() for p in set(words.values()))
)


def review_reasons(redacted_text: str, counts: dict[EntityType, int]) -> tuple[str, ...]:
    """Why a redacted post still looks risky (empty: it does not). See docs/ingest.md."""
    reasons = []
    if counts.get(EntityType.NATIONAL_NUMBER) or counts.get(EntityType.DATE_OF_BIRTH):
        reasons.append("hard_identifier_redacted")
    left = _PLACEHOLDER.sub(" ", redacted_text) if counts else redacted_text
    if DIGIT.search(left) is not None:
        undated = _FULL_DATE.sub(" ", left)
        if _LEFTOVER_NUMBER.search(undated) or ELEVEN_DIGITS.search(undated):
            reasons.append("long_number_left")
        if _national_number_left(left):
            reasons.append("national_number_left")
    if IDENTIFIER_WORDS.search(left):
        reasons.append("identifier_word_left")
    return tuple(reasons)


def _national_number_left(text: str) -> bool:
    if _LOOSE_ELEVEN_DIGITS.search(text) is None:
        return False
    for group in _DIGIT_GROUP.finditer(text):  # every start: the first run may not be the one
        match = _LOOSE_ELEVEN_DIGITS.match(text, group.start())
        if match is not None:
            digits = re.sub(r"\D", "", match.group())
            if nn.is_valid(digits) or bis.is_valid(digits):
                return True
    return False
