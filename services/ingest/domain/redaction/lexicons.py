"""The word lists shipped with ingest (`services/ingest/domain/lexicon/`), read once per
process."""

import functools
from importlib import resources

from schemas.events import Language
from services.ingest.domain.redaction.text import fold


@functools.cache  # package data: read once per process, however many redactors
def read_lexicon(name: str) -> frozenset[str]:
    return frozenset(fold(w) for w in _as_written(name))


@functools.cache
def written_words() -> frozenset[str]:
    """The everyday words as written, accents kept, that no entry of `not_lowercase_words.txt`
    takes out as written: "come" and "bébé" stay, though folded they read as the names Côme
    and Bebe (which take them out of `lowercase_words`)."""
    return _as_written("common_words.txt") - _as_written("not_lowercase_words.txt")


@functools.cache
def _as_written(name: str) -> frozenset[str]:
    """A list's words in lower case, accents kept; each file is read once."""
    text = resources.files("services.ingest.domain.lexicon").joinpath(name).read_text("utf-8")
    return frozenset(
        w.casefold() for line in text.splitlines() if not line.startswith("#") for w in line.split()
    )


@functools.cache
def lowercase_words() -> frozenset[str]:
    return read_lexicon("common_words.txt") - read_lexicon("not_lowercase_words.txt")


@functools.cache
def name_endings() -> frozenset[str]:
    """The last four letters or more of every listed name, short of the whole name: "berg" of
    "Vandenberg", "mans" of "Hermans", "hout" of "Steenhout"."""
    names = (
        read_lexicon("first_names.txt")
        | read_lexicon("first_names_more.txt")
        | read_lexicon("surnames.txt")
        | read_lexicon("surnames_more.txt")
        | read_lexicon("names_also_words.txt")
    )
    return frozenset(name[cut:] for name in names for cut in range(1, len(name) - 3))


@functools.cache
def first_names_as_words() -> dict[str, frozenset[Language]]:
    """Each common first name that is an everyday word, with the languages it is one in ("toon":
    Dutch; "lien": French and English); a name missing here is a word in none of the three."""
    text = resources.files("services.ingest.domain.lexicon").joinpath("first_names_as_words.txt")
    table: dict[str, frozenset[Language]] = {}
    for line in text.read_text("utf-8").splitlines():
        if not line.startswith("#"):
            name, *languages = line.split()
            table[name] = frozenset(Language(language) for language in languages)
    return table
