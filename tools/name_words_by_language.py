"""Writes `services/ingest/domain/lexicon/first_names_as_words.txt`: each common first name
that is an everyday word, with the languages it is a word in ("lien fr en": a link, a
lien, no Dutch word; "toon nl": Dutch for tone). A name typed in lower case in a Dutch post is
then a name when it is a word only in French or English ("wil lien bedanken", "ward was de
held"), and one missing from the file is a word in none ("lotte heeft").

    apt-get install hunspell hunspell-nl hunspell-fr hunspell-en-us  # Debian
    python3 -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install wordfreq
    /tmp/lexicon/bin/python tools/name_words_by_language.py

Not part of the build (the file is committed); run it again after changing the first-name
lists. A word of a language is one that wordfreq counts at Zipf 3.1 or more in it (as
`common_words.txt`) and that its hunspell dictionary holds in lower case (as
`not_lowercase_words.txt`): word counts alone hold names too ("lotte" is frequent in Dutch
because people are called so), and a dictionary holds rare words that are names first
(`RARE_WORDS`, read by hand). Compared accent-folded, since chat drops accents: "grace" is
the French "grâce". Derived from wordfreq's data (CC BY-SA 4.0) and Debian's dictionaries.
"""

import re
import subprocess
import textwrap
import unicodedata
from pathlib import Path

from wordfreq import iter_wordlist, zipf_frequency

ZIPF = 3.1
DICTIONARIES = Path("/usr/share/hunspell")
LANGUAGES = {"nl": "nl", "fr": "fr_BE", "en": "en_US"}
WORD = re.compile(r"[^\W\d_][^\W\d_'\u2019-]*(?:['\u2019-][^\W\d_]+)*")
LEXICON = Path(__file__).parents[1] / "services/ingest/domain/lexicon"
FIRST_NAMES = ("first_names.txt", "nicknames.txt")
# Names that a language's dictionary holds in lower case as a rare, archaic, technical or slang
# word that no one writes in a moment, while the word counts are the name's ("wout", "bram",
# "jonas" in Dutch; "guillaume", a plane, in French; "john", "harry" in English): read by hand,
# and left out of that language. Everyday words stay ("toon", "lieve", "staf"; "claire",
# "olivier", "marie"; "will", "grace", "robin").
RARE_WORDS = {
    "nl": """adam amanda axel aya bobby bram chris daisy dirk dries ellen els ester eva geert
        griet hans helen hendrik henry hope janet jen joe jonas jonathan jozef karen kees kelly
        kim koen kris lieven maarten madeleine mary mats maxime mia mila mimi nick pietje rachel
        raf ria rik rosa sara sharon steven thomas tommy wim wout wouter""",
    "fr": """adele alexandra amandine ana augustin aurelie baptiste benoit caroline claude diane
        elise fanny germaine gilles guillaume hans henry hilaire isabelle jack jacqueline
        jacques jasper joseph jules julien laure leonard lise louis lulu manu marcel maria mark
        mats pascale pierrot rene renee richard rob robert robin rosa rosalie sabine tommy
        veronique virginie zoe""",
    "en": """abigail ana ann anna benjamin bertha billy bobby charlie charlotte dirk fanny gilbert
        harry henry jane jasper jess jimmy joe joey john johnny kelly kris lea lien louis lulu
        marc marcel marguerite maria martin otto pol ruth timothy tom tony willy""",
}
UNDECOMPOSED = str.maketrans({"ł": "l", "ø": "o", "đ": "d", "\u0131": "i", "ħ": "h", "ŧ": "t"})


def fold(word: str) -> str:
    """As the redactor folds: case and accents off (services/ingest/domain/redaction/text.py)."""
    decomposed = unicodedata.normalize("NFD", word.casefold()).translate(UNDECOMPOSED)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def frequent(language: str) -> list[str]:
    words = []
    for word in iter_wordlist(language):
        if zipf_frequency(word, language) < ZIPF:
            break  # the list is in order of frequency
        if WORD.fullmatch(word) and len(word) >= 3:
            words.append(word)
    return words


def accepted(words: list[str], dictionary: str) -> set[str]:
    """The words the dictionary holds as written, in lower case."""
    command = ["hunspell", "-d", str(DICTIONARIES / dictionary), "-i", "utf-8", "-l"]
    result = subprocess.run(  # noqa: S603 - a fixed command and arguments built here
        command, input="\n".join(words).encode("utf-8"), capture_output=True, check=True
    )
    return set(words) - set(result.stdout.decode("utf-8").split())


def first_names() -> set[str]:
    names = set()
    for name in FIRST_NAMES:
        text = (LEXICON / name).read_text(encoding="utf-8")
        names |= {
            fold(w) for line in text.splitlines() if not line.startswith("#") for w in line.split()
        }
    return names


def main() -> None:
    names = first_names()
    words = {
        language: {fold(w) for w in accepted(frequent(language), dictionary)}
        for language, dictionary in LANGUAGES.items()
    }
    rows = []
    for name in sorted(names):
        languages = [
            language
            for language in LANGUAGES
            if name in words[language] and name not in RARE_WORDS[language].split()
        ]
        if languages:
            rows.append(f"{name} {' '.join(languages)}")
    lines = [
        "# Generated by tools/name_words_by_language.py: the common first names that are",
        f"# words of {', '.join(LANGUAGES)} (wordfreq Zipf >= {ZIPF} and the hunspell dictionary",
        "# holds them in lower case, accents folded), with those languages. Do not edit by hand.",
        *rows,
    ]
    target = LEXICON / "first_names_as_words.txt"
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(rows)} of {len(names)} first names written to {target}")
    print(textwrap.fill(" ".join(r for r in rows if len(r.split()) < 4), width=99))


if __name__ == "__main__":
    main()
