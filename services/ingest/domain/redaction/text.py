"""Text hygiene before anything is read, the post's language, and the folded key of a word."""

import itertools
import re
import unicodedata

from schemas.events import Language

# Characters that hide in a word or a number: a phone number split by U+200B, U+061C, a C1
# control, a Hangul filler or a variation selector after a digit escapes its detector just as
# "Verm<soft hyphen>eersch" escapes the name rules. So every control, format, surrogate,
# private-use and unassigned character goes (the zero-width joiner, a variation selector and the
# tags of a flag only where they build an emoji: 👩‍⚕️, ❤️, 1️⃣, 🏴󠁧󠁢󠁳󠁣󠁴󠁿), the blank fillers, and a
# combining mark that follows no letter (an accent on a digit splits "0́475" too).
_EMOJI = re.compile(
    "[\u00a9\u00ae\u203c\u2049\u2122\u2139\u2190-\u2bff\u3030\u303d\u3297\u3299\ufe0f"
    "\U0001f000-\U0001faff]"
)
_FILLERS = frozenset("\u115f\u1160\u17b4\u17b5\u3164\uffa0")
_JOINER = "\u200d"
_KEYCAP = "\u20e3"
_FLAG = "\U0001f3f4"
_MARKS = frozenset(("Mn", "Me"))
_MOST_MARKS = 30
_HIDDEN = frozenset(("Cc", "Cf", "Cs", "Co", "Cn"))
_SCANNED = (range(0x20000), range(0xE0000, 0xE1000))
"""The planes where characters of those kinds are assigned; planes 15 and 16 are private use."""


def _selector(char: str) -> bool:
    return "\ufe00" <= char <= "\ufe0f" or "\U000e0100" <= char <= "\U000e01ef"


def _tag(char: str) -> bool:
    return "\U000e0020" <= char <= "\U000e007f"


def _suspects() -> re.Pattern[str]:
    """Every character that may hide: controls, format characters, fillers, combining marks
    and the rest of `_HIDDEN`, as one pattern (with tabs and line ends left out). The Basic
    Multilingual Plane's are one class, which `re` reads as a bitmap; the rarer characters
    above it are only looked up when a character is there (a long list of ranges asked of
    every character cost 1 µs per character)."""
    codepoints = [
        cp
        for block in _SCANNED
        for cp in block
        if (unicodedata.category(chr(cp)) in _HIDDEN | _MARKS or chr(cp) in _FILLERS)
        and chr(cp) not in "\t\n"
    ]
    basic = _class([cp for cp in codepoints if cp <= 0xFFFF])
    astral = _class([cp for cp in codepoints if cp > 0xFFFF]) + "\\U000f0000-\\U0010ffff"
    return re.compile(f"[{basic}]|(?=[\\U00010000-\\U0010ffff])[{astral}]")


def _class(codepoints: list[int]) -> str:
    """A character class body for sorted code points, as ranges."""
    parts, start = [], codepoints[0]
    for previous, cp in itertools.pairwise([*codepoints, -1]):
        if cp != previous + 1:
            parts.append(f"\\U{start:08x}-\\U{previous:08x}")
            start = cp
    return "".join(parts)


_SUSPECT = _suspects()


def _shown(match: re.Match[str]) -> str:
    """The character itself where it builds an emoji or an accent, else nothing."""
    text, at, char = match.string, match.start(), match.group()
    before, after = text[at - 1 : at], text[at + 1 : at + 2]
    if char == _JOINER:  # 👩‍⚕️, 👨‍👩‍👧
        keep = bool(_EMOJI.match(before) and _EMOJI.match(after))
    elif _selector(char):  # ❤️, 1️⃣, 漢󠄀
        keep = after == _KEYCAP or bool(_EMOJI.match(before)) or _base(text, at).isalpha()
    elif _tag(char):  # 🏴󠁧󠁢󠁳󠁣󠁴󠁿
        keep = before == _FLAG or _tag(before)
    elif char == _KEYCAP:
        keep = before in tuple("0123456789#*") or _selector(before)
    elif unicodedata.category(char) in _MARKS:  # é as e + U+0301, not an accent on a digit
        keep = _base(text, at).isalpha()
    else:
        keep = unicodedata.category(char) == "Cn" and bool(_EMOJI.match(char))  # a newer emoji
    return char if keep else ""


def _base(text: str, at: int) -> str:
    """The character that the combining marks before `at` sit on; "" after more marks than a
    written letter carries (Unicode's stream-safe limit is 30): "Z̸̢̛a̷l̴g̵o̶" text is cut
    there, and a run of 32,000 marks costs no more than one of 30."""
    low = max(0, at - _MOST_MARKS)
    while at > low and unicodedata.category(text[at - 1]) in _MARKS:
        at -= 1
    return "" if at == low and low > 0 else text[at - 1 : at]


_ASCII_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Digits of other scripts and the full-width forms of a CJK keyboard are read as the ASCII
# they stand for: "٠٤٧٩ ٦٨ ٤٧ ٩٠" (an Arabic keyboard) and the same in full-width digits are
# the phone number "0479 68 47 90", an address with a full-width "@" and dot an address.
_OTHER_DIGIT_OR_WIDE = re.compile(r"(?![0-9])\d|[\uff01-\uff5e]")


def _as_ascii(match: re.Match[str]) -> str:
    char = match.group()
    return chr(ord(char) - 0xFEE0) if "\uff01" <= char <= "\uff5e" else str(int(char))


# Every other space (no-break, narrow, thin, figure, ideographic, a blank braille cell ...) is a
# plain space: "0475 12 34 56" with narrow no-break spaces is the same phone number,
# "Mevrouw<nbsp>Peeters" the same name; a line or paragraph separator is a line end.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u2800\u3000]")
_LINE_ENDS = re.compile(r"\r\n?|[\u2028\u2029]")


def normalise_text(text: str) -> str:
    """NFC, no control, format, bidi, private-use or unassigned character, no filler, no
    combining mark after a non-letter (nor a joiner or selector outside an emoji), ASCII digits
    and punctuation for those of other scripts and full-width forms, one kind of space, unified
    line ends, trimmed."""
    text = _LINE_ENDS.sub("\n", unicodedata.normalize("NFC", text))
    if text.isascii():
        text = _ASCII_CONTROL.sub("", text)
    else:
        text = _OTHER_DIGIT_OR_WIDE.sub(_as_ascii, _SUSPECT.sub(_shown, text))
    return _SPACES.sub(" ", text).strip()


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
        # "thanks, I'll bring cake": "I" and its contractions are capitalised mid-sentence
        + "i'm i'll i've i'd i\u2019m i\u2019ll i\u2019ve i\u2019d".split()
    ),
}


# More words that tell the three apart, for the language only (the stopwords above are also
# never names; "mon" and "nu" may be).
LANGUAGE_HINTS: dict[Language, frozenset[str]] = {
    Language.NL: frozenset("onze ons deze vooral wordt kan moet gaat nu heel".split()),
    Language.FR: frozenset("cette ce mon ma mes nos leur tout tous bien été".split()),
    Language.EN: frozenset("my your their just been from".split()),
}

LETTERS = re.compile(r"[^\W\d_]+")
EMOJI = r"[\u2600-\u27bf\U0001f000-\U0001faff]"
"""One emoji or pictograph, as a pattern: chat puts them between words and after sentences."""


def _stopword_index() -> dict[str, tuple[Language, ...]]:
    """Stopword or hint -> the languages it belongs to ("de" is Dutch and French)."""
    index: dict[str, tuple[Language, ...]] = {}
    for table in (STOPWORDS, LANGUAGE_HINTS):
        for language, words in table.items():
            for word in words:
                index[word] = (*index.get(word, ()), language)
    return index


_STOPWORD_LANGUAGES = _stopword_index()


def detect_language(text: str, default: Language) -> Language:
    """The post's language by stopword counts; `default` when unclear."""
    language = post_language(text)
    return default if language is None else language


def post_language(text: str) -> Language | None:
    """The post's language by stopword counts; None when unclear (no stopword, or a tie)."""
    scores = dict.fromkeys(STOPWORDS, 0)
    for word in LETTERS.findall(text.casefold()):
        for language in _STOPWORD_LANGUAGES.get(word, ()):
            scores[language] += 1
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return None
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
