"""Writes `services/ingest/domain/lexicon/first_names_more.txt` and `surnames_more.txt`: first
names and surnames from Faker's person providers for the languages people in Belgian care have,
for the name detector; and `names_also_words.txt`, the names of the same lists that were left out
because they are frequent words too.

    python3 -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install faker wordfreq
    /tmp/lexicon/bin/python tools/names_from_faker.py

Not part of the build (the file is committed); run it again to refresh the list. A name whose
lower-case form is a frequent word in Dutch, French or English (wordfreq Zipf >= 4: "Will",
"May", "Les", "Bill"; >= 3 for the further lists) is left out, because at the start of a
sentence such a word would be taken for a name; names in the curated `first_names.txt` stay,
whatever their frequency. Surnames are left out from Zipf 4 on, from every list ("Visser",
"Baker", "Porter" are words first; "Nguyen", "Diallo", "Kumar" stay).

What was left out is written to `names_also_words.txt` ("Jonathan", "Harold", "Singh", "Costa"),
with the names of every other Faker locale that are words below Zipf 4.6 ("Muhammad", "Ollie"):
a capitalised everyday word in the middle of a sentence ("de nieuwe Checklist") is no name unless
it is one of these.
"""

import importlib
import pkgutil
import unicodedata
from pathlib import Path

import faker.providers.person
from faker import VERSION
from wordfreq import zipf_frequency

LOCALES = (
    "nl_BE", "nl_NL", "fr_BE", "fr_FR", "en_US", "en_GB", "en_IE", "de_DE", "tr_TR", "pl_PL",
    "ro_RO", "it_IT", "es_ES", "pt_PT",
)  # fmt: skip
FURTHER_LOCALES = (
    # Staff and residents from further away: the Maghreb, Central and East Africa, West Africa,
    # Central Europe and the Baltics, Pakistan and Afghanistan, India, Latin America, Vietnam.
    "fr_DZ", "sw", "en_KE", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "cs_CZ", "sk_SK", "hu_HU",
    "hr_HR", "sl_SI", "lt_LT", "lv_LV", "en_PK", "en_IN", "pt_BR", "es_CO", "vi_VN",
)  # fmt: skip
CYRILLIC_LOCALES = ("uk_UA", "ru_RU")
"""Written here in Latin letters, as on a Ukrainian passport (Dmytro, Oleksandr) and in the
usual English spelling of Russian (Dmitriy, Yelena)."""
COMMON_WORD_ZIPF = 4.0
FURTHER_COMMON_WORD_ZIPF = 3.0
"""Stricter for the further lists: they hold many words first ("Semen", "Safari", "Danish",
"Violet", "Newton"), and a name left out is still found where capitals or cues mark it."""
# Words in those lists that name a feast, a place or a thing more often than a person here.
NOT_NAMES = frozenset(
    "Alexandria Alexandrie Alpin Amor Bali Baptist Canal Cord Corona Gala Georgian Mare Meta "
    "Paz Ramadan Sante Trinidad".split()
)
ANY_LOCALE_WORD_ZIPF = 4.6
"""`names_also_words.txt` also takes the names of every other Faker locale that are words below
this frequency: mostly names ("Muhammad", "Rahul", "Ollie", "Archie", "Matt", "Phil"); above it,
mostly words ("Block", "List", "Star", "Street")."""
ALSO_NAMES = (
    *("Dick", "Storm", "Will", "Chance", "Ling", "Ming", "Amadou", "Bobo", "Sanjay", "Vijay"),
    # Congolese first names that are French words, frequent in Belgium.
    *("Bonheur", "Espérance", "Merveille", "Bienvenu", "Dieudonné", "Prosper", "Fidèle"),
    *("Gloire", "Exaucé", "Miracle", "Patience", "Divine", "Trésor", "Précieux", "Sagesse"),
)
"""Names here that are words, and in no Faker list here or above that frequency."""
LEXICON = Path(__file__).parents[1] / "services/ingest/domain/lexicon"
FIRST = ("first_names", "first_names_male", "first_names_female")
LAST = ("last_names", "last_names_male", "last_names_female")


def faker_names(locale: str, attributes: tuple[str, ...]) -> set[str]:
    names = _all_names(_provider(locale), attributes)
    # Latin script only: the detector reads Latin-script text.
    return {n for n in names if n.isalpha() and n[:1].isupper() and max(map(ord, n)) < 0x370}


def _rare_word(name: str, threshold: float, *, unaccented: bool = False) -> bool:
    """Rare as written; with `unaccented`, also without its accents, as the redactor compares
    (the surname "Lê" is "le"). Not for first names: "María" and "Tomáš" are rare as written
    and frequent without accents because Maria and Tomas are frequent names."""
    forms = {name.lower(), _unaccented(name.lower()) if unaccented else name.lower()}
    frequency: float = max(zipf_frequency(f, lang) for f in forms for lang in ("nl", "fr", "en"))
    return frequency < threshold


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def _provider(locale: str) -> type:
    provider: type = importlib.import_module(f"faker.providers.person.{locale}").Provider
    return provider


def _all_names(provider: type, attributes: tuple[str, ...]) -> set[str]:
    names: set[str] = set()
    for attribute in attributes:
        value = getattr(provider, attribute, ())
        if isinstance(value, (list, tuple, dict)):  # a list, or a dict of weights
            names |= set(value)
    return names


# Ukrainian: the official (2010) transliteration; at the start of a word Є, Ї, Й, Ю, Я are
# Ye, Yi, Y, Yu, Ya, elsewhere ie, i, i, iu, ia.
UKRAINIAN = dict(
    zip(
        "абвгґдезиіклмнопрстуфхцчшщьʼ'",
        "a b v h g d e z y i k l m n o p r s t u f kh ts ch sh shch - - -".split(),
        strict=True,
    )
)
UKRAINIAN_IOTATED = {"є": ("ye", "ie"), "ї": ("yi", "i"), "й": ("y", "i"), "ю": ("yu", "iu"),
                     "я": ("ya", "ia"), "ж": ("zh", "zh")}  # fmt: skip
RUSSIAN = dict(
    zip(
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",
        "a b v g d e yo zh z i y k l m n o p r s t u f kh ts ch sh shch - y - e yu ya".split(),
        strict=True,
    )
)


def latin(name: str, locale: str) -> str:
    """One Cyrillic name in Latin letters ("-" stands for a letter that is dropped)."""
    out = []
    for position, letter in enumerate(name.lower()):
        if locale == "uk_UA" and letter in UKRAINIAN_IOTATED:
            out.append(UKRAINIAN_IOTATED[letter][0 if position == 0 else 1])
        elif locale == "uk_UA":
            out.append(UKRAINIAN.get(letter, letter))
        elif letter == "\u0435" and position == 0:  # Cyrillic ie
            out.append("ye")  # Yelena, Yevgeniy
        else:
            out.append(RUSSIAN.get(letter, letter))
    return "".join(out).replace("-", "").capitalize()


def any_locale_names() -> set[str]:
    """First names and surnames of every Faker locale, in Latin letters as written there."""
    names: set[str] = set()
    for module in pkgutil.iter_modules(faker.providers.person.__path__):
        names |= faker_names(module.name, FIRST + LAST)
    return names


def collected(attributes: tuple[str, ...]) -> tuple[set[str], set[str]]:
    """The names of the first lists, and those of the further ones (Cyrillic in Latin letters)."""
    names = set().union(*(faker_names(locale, attributes) for locale in LOCALES))
    further = set().union(*(faker_names(locale, attributes) for locale in FURTHER_LOCALES))
    for locale in CYRILLIC_LOCALES:
        further |= {latin(name, locale) for name in _all_names(_provider(locale), attributes)}
    return names, further


def write(target: Path, kept: list[str], what: str, curated: str) -> None:
    lines = [
        f"# Generated by tools/names_from_faker.py from Faker {VERSION}: {what} of",
        f"# {' '.join(LOCALES)},",
        f"# {' '.join(FURTHER_LOCALES[:10])}",
        f"# {' '.join(FURTHER_LOCALES[10:])},",
        f"# {' '.join(CYRILLIC_LOCALES)} (in Latin letters), minus frequent words.",
        f"# The redactor adds these to {curated}. Do not edit by hand.",
    ]
    write_lexicon(target, lines, kept)


def write_lexicon(target: Path, header: list[str], words: list[str]) -> None:
    """A lexicon file: its comment lines, then the words, one line per initial."""
    lines = list(header)
    for initial in sorted({word[0] for word in words}):
        lines.append(" ".join(word for word in words if word[0] == initial))
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(words)} words written to {target}")


def main() -> None:
    curated = (LEXICON / "first_names.txt").read_text(encoding="utf-8").split()
    names, further = collected(FIRST)
    common = {name for name in names if _rare_word(name, COMMON_WORD_ZIPF)}
    rarer = {name for name in further - names if _rare_word(name, FURTHER_COMMON_WORD_ZIPF)}
    kept = sorted((common | rarer) - set(curated) - NOT_NAMES)
    write(LEXICON / "first_names_more.txt", kept, "first names", "first_names.txt")
    left_out = (names | further) - common - rarer - set(curated)
    curated = (LEXICON / "surnames.txt").read_text(encoding="utf-8").split()
    surnames = set().union(*collected(LAST))
    rare = {name for name in surnames if _rare_word(name, COMMON_WORD_ZIPF, unaccented=True)}
    write(
        LEXICON / "surnames_more.txt",
        sorted(rare - set(curated) - NOT_NAMES),
        "surnames",
        "surnames.txt",
    )
    left_out |= surnames - rare - set(curated)
    listed = names | further | surnames
    # Of the other locales, only names that are words at all (the redactor's everyday words go
    # down to Zipf 3.1), and not too frequent ones.
    elsewhere = {n for n in any_locale_names() - listed if not _rare_word(n, 3.0)}
    left_out |= {n for n in elsewhere if _rare_word(n, ANY_LOCALE_WORD_ZIPF)} | set(ALSO_NAMES)
    write_lexicon(
        LEXICON / "names_also_words.txt",
        [
            f"# Generated by tools/names_from_faker.py from Faker {VERSION}: the first names and",
            "# surnames of the same lists that the two files above leave out because they are",
            "# frequent words too, and those of every other Faker locale that are words below",
            f"# Zipf {ANY_LOCALE_WORD_ZIPF}. A capitalised everyday word in the middle of a",
            "# sentence is a name only when it is one of these. Do not edit by hand.",
        ],
        sorted(left_out - NOT_NAMES, key=lambda name: (name.casefold(), name)),
    )


if __name__ == "__main__":
    main()
