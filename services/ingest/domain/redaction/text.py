"""Text hygiene before anything is read, the post's language, and the folded key of a word."""

import re
import unicodedata

from schemas.events import Language

# Zero-width and bidi characters hide or reorder text (a phone number split by U+200B escapes
# its detector). The zero-width joiner is kept only where it builds an emoji: 👩‍⚕️ (a health
# worker) or 👨‍👩‍👧 (a family), which staff do type.
_EMOJI_PART = "[\u2190-\u2bff\ufe0f\U0001f000-\U0001faff]"
# Invisible format characters split a word or a number just as well ("Verm<soft hyphen>eersch",
# "450312<word joiner>12395"): the soft hyphen, the combining grapheme joiner, the Mongolian vowel
# separator, the word joiner and invisible operators, the byte order mark.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u034f\u180e\u200b\u200c\u200e\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
    rf"|(?<!{_EMOJI_PART})\u200d|\u200d(?!{_EMOJI_PART})"
)
# Every other space (no-break, narrow, thin, figure, ideographic ...) is a plain space: "0475
# 12 34 56" with narrow no-break spaces is the same phone number, "Mevrouw<nbsp>Peeters" the same
# name.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def normalise_text(text: str) -> str:
    """NFC, no control, format or bidi-override characters (nor a joiner outside an emoji),
    one kind of space, unified line ends, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


STOPWORDS: dict[Language, frozenset[str]] = {
    Language.NL: frozenset(
        "de het een en van ik je jij we wij zij ze is was zijn met voor op aan niet dat die "
        "heeft hebben er ook naar bij om maar nog haar hem hij zo dan wat wel alle".split()
    ),
    Language.FR: frozenset(
        "le la les un une et de des du je tu il elle nous vous ils est était sont avec pour "
        "sur au aux pas que qui a ont en dans mais son sa ses très plus trop".split()
    ),
    Language.EN: frozenset(
        "the a an and of i you he she we they is was are were with for on at not that this "
        "has have to in but his her it very our".split()
    ),
}


LETTERS = re.compile(r"[^\W\d_]+")


def _stopword_index() -> dict[str, tuple[Language, ...]]:
    """Stopword -> the languages it belongs to ("de" is Dutch and French)."""
    index: dict[str, tuple[Language, ...]] = {}
    for language, words in STOPWORDS.items():
        for word in words:
            index[word] = (*index.get(word, ()), language)
    return index


_STOPWORD_LANGUAGES = _stopword_index()


def detect_language(text: str, default: Language) -> Language:
    """The post's language by stopword counts; `default` when unclear."""
    scores = dict.fromkeys(STOPWORDS, 0)
    for word in LETTERS.findall(text.casefold()):
        for language in _STOPWORD_LANGUAGES.get(word, ()):
            scores[language] += 1
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return default
    return best


def fold(word: str) -> str:
    """Case- and accent-insensitive key: `Émilie` and `emilie` are the same name."""
    folded = word.casefold()
    if folded.isascii():  # most words: nothing to decompose
        return folded
    decomposed = unicodedata.normalize("NFD", folded).translate(_UNDECOMPOSED)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


# Letters with no decomposition, written without their stroke on many lists: Małgorzata is
# Malgorzata, Łukasz Lukasz, Søren Soren, Đorđe Dorde; a dotless i is an i.
_UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "\u0131": "i", "ħ": "h", "ŧ": "t"})
