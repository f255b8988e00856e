"""Writes `services/ingest/domain/lexicon/first_names_more.txt`: first names from Faker's
person providers for the languages people in Belgian care have, for the name detector.

    python3 -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install faker wordfreq
    /tmp/lexicon/bin/python tools/first_names_from_faker.py

Not part of the build (the file is committed); run it again to refresh the list. A name whose
lower-case form is a frequent word in Dutch, French or English (wordfreq Zipf >= 4: "Will",
"May", "Les", "Bill"; >= 3 for the further lists) is left out, because at the start of a
sentence such a word would be taken for a name; names in the curated `first_names.txt` stay,
whatever their frequency.
"""

import importlib
from pathlib import Path

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
TARGET = Path(__file__).parents[1] / "services/ingest/domain/lexicon/first_names_more.txt"


def faker_first_names(locale: str) -> set[str]:
    provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
    names = _all_first_names(provider)
    # Latin script only: the detector reads Latin-script text.
    return {n for n in names if n.isalpha() and n[:1].isupper() and max(map(ord, n)) < 0x370}


def _rare_word(name: str, threshold: float) -> bool:
    return max(zipf_frequency(name.lower(), lang) for lang in ("nl", "fr", "en")) < threshold


def _all_first_names(provider: type) -> set[str]:
    names: set[str] = set()
    for attribute in ("first_names", "first_names_male", "first_names_female"):
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
    """One Cyrillic first name in Latin letters ("-" stands for a letter that is dropped)."""
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


def main() -> None:
    curated = TARGET.with_name("first_names.txt").read_text(encoding="utf-8").split()
    names = set().union(*(faker_first_names(locale) for locale in LOCALES))
    further = set().union(*(faker_first_names(locale) for locale in FURTHER_LOCALES))
    for locale in CYRILLIC_LOCALES:
        provider = importlib.import_module(f"faker.providers.person.{locale}").Provider
        further |= {latin(name, locale) for name in _all_first_names(provider)}
    common = {name for name in names if _rare_word(name, COMMON_WORD_ZIPF)}
    rarer = {name for name in further - names if _rare_word(name, FURTHER_COMMON_WORD_ZIPF)}
    kept = sorted((common | rarer) - set(curated) - NOT_NAMES)
    lines = [
        f"# Generated by tools/first_names_from_faker.py from Faker {VERSION}:",
        f"# {' '.join(LOCALES)},",
        f"# {' '.join(FURTHER_LOCALES[:10])}",
        f"# {' '.join(FURTHER_LOCALES[10:])},",
        f"# {' '.join(CYRILLIC_LOCALES)} (in Latin letters), minus frequent words.",
        "# The redactor adds these to first_names.txt. Do not edit by hand.",
    ]
    for initial in sorted({name[0] for name in kept}):
        lines.append(" ".join(name for name in kept if name[0] == initial))
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} names written to {TARGET}")


if __name__ == "__main__":
    main()
