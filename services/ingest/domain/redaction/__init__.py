"""Patient data never leaves ingest: find personal data in free text and replace it.

Rule- and lexicon-based, offline (see docs/ingest.md for the measured recall/precision and why
this was chosen over `belgian-deduce`). Detectors run on the original text in priority order; a
span that overlaps an earlier one (or a protected mention) is dropped, then every span becomes a
typed placeholder in the post's language.

    e-mail > national number (checksum) > date of birth > phone > room/bed > person name

`Redactor` (`redactor.py`) loads its lexicons once (at start-up); `redact()` is pure and
thread-safe. The numbers and addresses are found in `identifiers.py`, names in `names.py` (with
the cue words in `cues.py` and the reading of a word's neighbours in `context.py`); what still
looks risky after redaction is decided in `review.py`.
"""

from services.ingest.domain.redaction.cues import MAX_LOOK
from services.ingest.domain.redaction.names import NameFinder
from services.ingest.domain.redaction.redactor import Redactor, network_words
from services.ingest.domain.redaction.spans import PLACEHOLDERS, Redacted, Span
from services.ingest.domain.redaction.text import detect_language, normalise_text

__all__ = [
    "MAX_LOOK",
    "PLACEHOLDERS",
    "NameFinder",
    "Redacted",
    "Redactor",
    "Span",
    "detect_language",
    "network_words",
    "normalise_text",
]
