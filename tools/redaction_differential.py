"""A differential check for a change to the redaction rules: tens of thousands of synthetic posts,
built to break the name rules, go through the redactor of a git revision (the old rules) and
that of the working tree (the new ones), and every slot whose fate differs is reported.

    .venv/bin/python tools/redaction_differential.py [--rev HEAD] [--count 20000] [--seed 0]
        [--examples 15]

Each post is a template in Dutch, French or English, written the way Belgian care staff post in
Slack, Teams or the web form (thanks, company, titles and kin, sentence starts, shouted and
lower-case chat, possessives, lists), with slots filled from the project's own lexicons and the
small synthetic lists below. A slot is a person's name (first names, surnames, surnames with a
particle, names that are everyday words or towns too) or a look-alike that is no name (shops,
wards, towns, feasts, songs, everyday words), so every difference has a meaning:

- lost names: redacted whole by the old rules, leaked (in part or whole) by the new ones;
- gained names: leaked by the old rules, redacted whole by the new ones;
- newly over-redacted look-alikes: kept by the old rules, (partly) redacted by the new ones;
- newly kept look-alikes: (partly) redacted by the old rules, kept by the new ones;
- other span changes: posts whose spans differ (their types, or words outside any slot) with
  every slot's fate the same.

A name counts as redacted when every letter of it is in a span of any type. The exit status is 1
when a name was lost, so the check can gate a change; 2 when a version could not be run; 0
otherwise. Deterministic for a seed (the examples too), no network; 20,000 posts take a few
seconds. Both versions run in a worker subprocess of this script (`--worker ROOT`) with ROOT first
on `sys.path`, since two versions of one package cannot share an interpreter: the old one from
`git archive REV services schemas deploy/network.example.yaml` in a temporary folder, the new one
from this repository. Each reads the network file next to its own code, as the app does.
"""

import argparse
import functools
import io
import json
import random
import re
import subprocess
import sys
import tarfile
import tempfile
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
LEXICON = REPO / "services/ingest/domain/lexicon"
NETWORK = "deploy/network.example.yaml"
ARCHIVED = ("services", "schemas", NETWORK)
DEFAULT_COUNT = 20_000
DEFAULT_EXAMPLES = 15
EXAMPLES_PER_TEMPLATE = 3
LABEL_WIDTH = 38

PARTICLE_SURNAMES = (
    *("Van den Broeck", "Van der Linden", "Van de Velde", "Van Acker", "Vanden Bossche"),
    *("Van Hoof", "Van Dyck", "Van Cauwenberghe", "Van de Walle", "Vander Elst", "Van Loo"),
    *("De Smet", "De Wilde", "De Backer", "De Bruyne", "De Clercq", "De Meyer", "De Coninck"),
    *("De Smedt", "Ter Beek", "Ten Hove", "Du Bois", "Le Roy", "De la Croix", "Le Clercq"),
    *("D'Hondt", "D'Haese", "D'Hooghe", "O'Brien", "O'Neill", "N'Diaye", "M'Bala", "T'Kindt"),
    *("El Amrani", "El Idrissi", "El Khattabi", "Ben Ali", "Ben Salah", "Aït Ahmed", "Abou Zeid"),
)
"""Surnames as they are written in Belgium, with their particles (frequent forms, no one's)."""
TOWN_SURNAMES = (
    *("Lommel", "Beaumont", "Dinant", "Namur", "Mol", "Geel", "Hamme", "Peer", "Bree"),
    *("Tielt", "Lier", "Herve", "Halle", "Mons", "Van Mechelen", "Van Gent", "Van Hasselt"),
)
"""Surnames that are Belgian towns too."""
BELGIAN_TOWNS = (
    *("Lokeren", "Zottegem", "Ninove", "Geraardsbergen", "Wetteren", "Herentals", "Tervuren"),
    *("Gembloux", "Waremme", "Ciney", "Bastogne", "Eupen", "Maaseik", "Tongeren", "Diest"),
    *("Aarschot", "Poperinge", "Diksmuide", "Veurne", "Oudenaarde", "Lommel", "Mol", "Geel"),
    *("Ieper", "Tienen", "Lier", "Halle", "Vilvoorde", "Zaventem", "Ottignies", "Jodoigne"),
    *("Huy", "Spa", "Malmedy", "Arlon", "Ath", "Binche", "Mouscron", "Knokke", "Blankenberge"),
)
"""Towns staff come from; only those in the redactor's town or not-names lists are used."""
SHOPS = (
    *("Colruyt", "Delhaize", "Aldi", "Lidl", "Carrefour", "Action", "Kruidvat", "Hema", "HEMA"),
    *("Ikea", "Decathlon", "Zeeman", "Brico", "Okay", "Spar", "Albert Heijn", "Torfs", "Panos"),
    *("Exki", "Intermarché", "Match", "Cora", "Fnac", "Primark", "Zara", "Starbucks", "Quick"),
    *("McDonald's", "Leonidas", "Neuhaus", "Galler", "Le Pain Quotidien", "Krëfel", "Delvaux"),
    *("Standaard Boekhandel", "Vanden Borre", "Club", "Tom & Co", "Di", "Ava", "Blokker"),
)
WARDS_NL = (
    *("Geriatrie", "Spoed", "Oncologie", "Materniteit", "Dialyse", "Pediatrie", "Cardiologie"),
    *("Neurologie", "Revalidatie", "Intensieve Zorg", "Palliatieve Zorg", "Dagziekenhuis"),
    *("Chirurgie", "Radiologie", "Psychiatrie", "Orthopedie", "Urologie", "Pneumologie"),
)
WARDS_FR = (
    *("Gériatrie", "Pédiatrie", "Cardiologie", "Maternité", "Oncologie", "Réanimation"),
    *("Chirurgie", "Neurologie", "Dialyse", "Revalidation", "Psychiatrie", "Orthopédie"),
)
WARDS_EN = (
    *("Maternity", "Oncology", "Geriatrics", "Cardiology", "Paediatrics", "Neurology"),
    *("Dialysis", "Rehabilitation", "Surgery", "Radiology", "Emergency", "Orthopaedics"),
)
WARD_NAMES = (
    *("Zonnebloem", "Vlinder", "Regenboog", "De Linde", "Kastanje", "Zeemeeuw", "Klaproos"),
    *("Les Glycines", "Les Tilleuls", "Les Lilas", "Horizon", "Oase", "Duinroos", "Magnolia"),
    *("Hortensia", "Lavendel", "Iris", "Ter Linde", "Het Anker", "Bellevue", "Les Érables"),
)
"""A ward's own name, after "afdeling", "l'unité", "wing"."""
FEASTS_NL = (
    *("Kerstmis", "Pasen", "Sinterklaas", "Nieuwjaar", "Moederdag", "Vaderdag", "Valentijn"),
    *("Halloween", "Carnaval", "Pinksteren", "Allerheiligen", "Driekoningen", "Suikerfeest"),
    *("Offerfeest", "Lichtmis", "Wereldalzheimerdag", "Sint-Maarten", "Oudejaar", "Diwali"),
)
FEASTS_FR = (
    *("Noël", "Pâques", "la Toussaint", "Nouvel An", "la Saint-Nicolas", "la Chandeleur"),
    *("la Fête des mères", "la Saint-Valentin", "Carnaval", "Halloween", "l'Aïd", "Mardi Gras"),
    *("la Pentecôte", "l'Épiphanie", "la Saint-Martin", "la Fête des pères", "Diwali"),
)
FEASTS_EN = (
    *("Christmas", "Easter", "New Year's Eve", "Mother's Day", "Father's Day", "Halloween"),
    *("Valentine's Day", "Boxing Day", "Diwali", "Eid", "Hanukkah", "Pancake Day"),
    *("Bonfire Night", "St Patrick's Day", "Thanksgiving", "Christmas Eve", "Good Friday"),
)
SONGS = (
    *("Let It Be", "Hallelujah", "Over de muur", "Leef", "Zij gelooft in mij", "La vie en rose"),
    *("Non, je ne regrette rien", "Amazing Grace", "Yesterday", "Imagine", "Dancing Queen"),
    *("Ne me quitte pas", "Het kleine café aan de haven", "Stille Nacht", "Douce Nuit"),
    *("Jingle Bells", "Papaoutai", "Formidable", "Alors on danse", "Sweet Caroline", "Marina"),
    *("Mamma Mia", "Waterloo", "Ik hou van u", "Vlaanderen boven", "Les Champs-Élysées"),
)
"""Songs sung with residents; a few carry a name ("Sweet Caroline", "Marina"): still no person."""

TEMPLATES: tuple[tuple[str, str], ...] = (
    ("nl", "Dank aan {F} voor de hulp vandaag!"),
    ("nl", "Dikke merci aan {F} en {F} van de nachtdienst 🙏"),
    ("nl", "Bedankt {F} {S} om zo lang te blijven"),
    ("nl", "Vandaag samen met {F} de bewoners naar buiten gebracht"),
    ("nl", "Mevrouw {S} was zo blij met de bloemen"),
    ("nl", "mevr. {P} kreeg bezoek van haar kleinzoon"),
    ("nl", "Zijn dochter {F} kwam speciaal langs uit {TOWN}"),
    ("nl", "Opa {F} vertelde over vroeger en iedereen luisterde"),
    ("nl", "{F} heeft de hele avond bij meneer {S} gezeten"),
    ("nl", "{F} {S} bleef na haar shift nog een uur"),
    ("nl", "DIKKE MERCI {F_UPPER}!!!"),
    ("nl", "DIKKE MERCI {F_UPPER} EN {F_UPPER} 💛"),
    ("nl", "merci {f} en {f} voor alles"),
    ("nl", "dank je wel {f}, echt top"),
    ("nl", "{F}'s appeltaart was weer een succes op {WARD_NL}"),
    ("nl", "Dank aan {W} voor de koffie"),
    ("nl", "{W} heeft de familie opgevangen"),
    ("nl", "Collega {W} {S} heeft alles geregeld"),
    ("nl", "Meneer {T} kreeg een kaartje van de hele afdeling"),
    ("nl", "We kochten bloemen bij de {SHOP} voor mevrouw {S}"),
    ("nl", "Taart gehaald bij {SHOP}, merci {F}!"),
    ("nl", "Heel rustig op {WARD_NL} vandaag"),
    ("nl", "Op afdeling {WARD_NAME} was er een feestje"),
    ("nl", "Familie uit {TOWN} bracht pralines mee"),
    ("nl", "Met {FEAST_NL} hebben we samen gegeten"),
    ("nl", "De bewoners zongen {SONG} met {F}"),
    ("nl", "De nieuwe {WORD} werkt echt goed"),
    ("nl", "{WORD} was een groot succes vandaag"),
    ("nl", "{F} uit {TOWN} kwam helpen op {WARD_NL}"),
    ("nl", "Vandaag met {FEAST_NL} kwam {F} met koekjes"),
    ("nl", "Bedankt {F} (stagiaire) voor je inzet"),
    ("nl", "Met dank aan {F} {P} en de hele ploeg"),
    ("nl", "Dank aan dokter {P} voor de uitleg aan de familie"),
    ("nl", "Dank aan:\n- {F}\n- {F} {S}\n- {F}"),
    ("nl", "Bedankt {F}, {F} en {F}!"),
    ("nl", "Hoi {f}, merci voor de soep!"),
    ("nl", "Bompa {F} {S_UPPER} was jarig"),
    ("nl", "Meneer {S} uit {TOWN} zong {SONG}"),
    ("nl", "Mevrouw {S} van kamer 214 kreeg bezoek van {F}"),
    ("nl", "Ik heb {S} nog gebeld voor de overdracht"),
    ("nl", "*{F}* heeft vannacht alles in goede banen geleid"),
    ("nl", "Bedankt 🙏 {S}!"),
    ("nl", "😍 Groetjes, {F}"),
    ("nl", "{F} & {F} van de keuken, jullie zijn top"),
    ("nl", "merci {f} {s} voor de hulp"),
    ("nl", "De zoon van {T} kwam langs met {F}"),
    ("nl", "dikke merci aan mevr {P_UPPER} en {F}"),
    ("nl", "{F}-{F} en {F} hebben de gang versierd"),
    ("nl", "Samen met J. {S} de medicatieronde gedaan"),
    ("nl", "{SHOP} had taart in promo, dus {F} trakteerde"),
    ("nl", "{WARD_NL} zegt merci aan {F}"),
    ("nl", "Heel fijne {WORD} gehad met de bewoners"),
    ("nl", "De burgemeester van {TOWN} kwam op bezoek"),
    ("nl", "Met {FEAST_NL} kwam de familie van mevrouw {S} uit {TOWN}"),
    ("nl", "{F} van {WARD_NL} heeft een kaartje geschreven"),
    ("nl", "Nog een dikke merci aan {W} en {W}"),
    ("fr", "Merci à {F} et {F} pour leur aide"),
    ("fr", "Un grand merci à {F} {S} !"),
    ("fr", "Mme {S} était ravie de la visite"),
    ("fr", "M. {P} a fait une belle promenade"),
    ("fr", "Sa fille {F} est passée ce matin"),
    ("fr", "Papy {F} nous a raconté sa jeunesse"),
    ("fr", "{F} a passé la soirée avec la résidente"),
    ("fr", "MERCI {F_UPPER} !!!"),
    ("fr", "merci {f} et {f}"),
    ("fr", "Avec {F}, on a préparé le goûter"),
    ("fr", "On a acheté des fleurs chez {SHOP} pour Mme {S}"),
    ("fr", "Journée calme en {WARD_FR}"),
    ("fr", "À l'unité {WARD_NAME}, on a fêté {FEAST_FR}"),
    ("fr", "Sa famille est venue de {TOWN} pour {FEAST_FR}"),
    ("fr", "Les résidents ont chanté {SONG} avec {F}"),
    ("fr", "Le nouveau {WORD} est vraiment pratique"),
    ("fr", "Bravo à {W} pour sa patience"),
    ("fr", "{W} a rassuré la famille"),
    ("fr", "Merci à Mme {T} pour le gâteau"),
    ("fr", "Merci au Dr {P} et à {F}"),
    ("fr", "{F}'s cake était délicieux"),
    ("fr", "Félicitations à {F} {P} pour son diplôme"),
    ("fr", "Un grand merci à :\n- {F}\n- {F} {S}"),
    ("fr", "merci beaucoup à {f} 😊"),
    ("fr", "Pour {FEAST_FR}, {F} a décoré tout le couloir"),
    ("fr", "On a fêté {FEAST_FR} en {WARD_FR} avec {F}"),
    ("fr", "Mme {S} de la chambre 204 a reçu la visite de {F}"),
    ("fr", "J'ai appelé {S} pour la relève"),
    ("fr", "Bisous, {F} 😘"),
    ("fr", "{F} et {F} de la cuisine, vous êtes géniaux"),
    ("fr", "La fille de {T} est venue avec {F}"),
    ("fr", "{SHOP} avait des fleurs en promo, alors {F} en a acheté"),
    ("fr", "Le maire de {TOWN} est passé nous voir"),
    ("fr", "Une belle {WORD} avec les résidents"),
    ("fr", "Merci {F}-{F} pour ta bonne humeur"),
    ("fr", "MERCI À {P_UPPER} ET {F_UPPER}"),
    ("en", "Thanks, {F}!"),
    ("en", "Big thanks to {F} and {F} for staying late"),
    ("en", "Shout-out to {F} {S} from the kitchen"),
    ("en", "{F} stayed late to help with the new admissions"),
    ("en", "Mr {S} enjoyed his walk in the garden"),
    ("en", "Mrs {P} had a visit from her grandson"),
    ("en", "His daughter {F} came all the way from {TOWN}"),
    ("en", "Grandma {F} told us about the war"),
    ("en", "THANK YOU {F_UPPER}"),
    ("en", "thx {f} and {f}"),
    ("en", "With {F} we baked cookies for the residents"),
    ("en", "{F}'s smile made everyone's day"),
    ("en", "We got cake from {SHOP} for {F}"),
    ("en", "Quiet shift on {WARD_EN} today"),
    ("en", "On {FEAST_EN} we had lunch together"),
    ("en", "The residents sang {SONG} with {F}"),
    ("en", "The new {WORD} is great"),
    ("en", "{W} stayed with the family all evening"),
    ("en", "Thanks to {W} {S} for the flowers"),
    ("en", "Dr {T} came to say goodbye"),
    ("en", "Family from {TOWN} brought chocolates for {FEAST_EN}"),
    ("en", "Kudos to {F} on the {WARD_NAME} wing"),
    ("en", "THANKS {F_UPPER} AND {S_UPPER}!!"),
    ("en", "Thanks to Dr {P} and nurse {F}"),
    ("en", "Mr {S} in room 12 had a visit from {F}"),
    ("en", "I called {S} about the handover"),
    ("en", "Cheers, {F} 🙌"),
    ("en", "{F} & {F} from housekeeping, you rock"),
    ("en", "The son of {T} came by with {F}"),
    ("en", "{SHOP} had flowers on sale so {F} bought some"),
    ("en", "The mayor of {TOWN} visited the residents"),
    ("en", "Such a lovely {WORD} with the residents"),
    ("en", "thanks {f} {s} for everything"),
    ("en", "{W} brought cake for {FEAST_EN}"),
    # thanks to a surname alone, as typed on a phone and shouted; and to an everyday word
    ("nl", "dank aan {s} voor de hulp vannacht"),
    ("fr", "merci à {s} pour son aide"),
    ("en", "thanks to {s} for covering my shift"),
    ("nl", "DANK AAN {S_UPPER} VOOR DE NACHTDIENST"),
    ("fr", "MERCI À {S_UPPER} ET {P_UPPER} POUR LEUR AIDE"),
    ("nl", "dank aan {WORD} voor alles"),
    ("fr", "merci à {WORD} pour tout"),
    # a comma or a chat abbreviation between thanks and a name typed in lower case, and a word
    ("fr", "merci, {f} !"),
    ("nl", "Dank je wel, {f}, voor alles"),
    ("fr", "merci pour tout, {f} 🙏"),
    ("en", "ty {f}! see you tomorrow"),
    ("fr", "merci, {word} !"),
    # chat: a lower-case first name before what they did, before "qui", as the sign-off
    ("nl", "amai {f} heeft vannacht alles gegeven 💪"),
    ("fr", "trop chou {f} qui a ramené des chocolats pr la dame"),
    ("en", "cleaning team mvp: {f} noticed the patient was crying"),
    ("nl", "top gedaan iedereen, grtz {f}"),
    ("fr", "merci pour la soirée, bisous, {f}"),
    ("en", "the {word} helped a lot tonight, cheers - {word}"),
    # praise before a name in capitals, and a first name after kin, typed in lower case
    ("en", "GREAT JOB {F_UPPER}!! THE FAMILY WAS SO HAPPY"),
    ("nl", "GOED GEDAAN {F_UPPER}, MEVROUW {S_UPPER} SLIEP EINDELIJK"),
    ("nl", "zijn dochter {f} belde vanavond nog"),
    ("fr", "sa fille {f} a appelé ce soir"),
    # a song's title in quotes after singing or playing it, a name beside it
    ("nl", 'Mevrouw {S} zong "{SONG}" samen met {F}'),
    ("en", '{F} played "{SONG}" for Mr {S} on her phone'),
)
"""Templates with slots: F first name, S surname, P surname with a particle, W name that is a word
too, T surname that is a town; F_UPPER, S_UPPER, P_UPPER shouted, f, s typed in lower case; SHOP,
WARD_NL/FR/EN, WARD_NAME, TOWN, FEAST_NL/FR/EN, SONG, WORD (word in lower case) look-alikes that
are no name."""
PLACEHOLDER = re.compile(r"\{([A-Za-z_]+)\}")


@dataclass(frozen=True)
class Filler:
    is_name: bool
    category: str
    pools: tuple[tuple[str, ...], ...]
    """A pool is picked first, then a word of it: rare lists do not swamp curated ones."""


@dataclass(frozen=True)
class Slot:
    start: int
    end: int
    value: str
    is_name: bool
    category: str


@dataclass(frozen=True)
class Post:
    language: str
    template: str
    text: str
    slots: tuple[Slot, ...]


SpanTuple = tuple[int, int, str]
"""A span as the worker reports it: start, end and the entity type's value."""
Versions = tuple[Sequence[frozenset[SpanTuple]], Sequence[frozenset[SpanTuple]]]
"""Every post's spans under the old rules, and under the new ones."""


@dataclass(frozen=True)
class Change:
    kind: str
    post_index: int
    slot: Slot | None


# --- vocabularies -------------------------------------------------------------------------------


def lexicon_words(name: str) -> tuple[str, ...]:
    text = (LEXICON / name).read_text(encoding="utf-8")
    lines = (line for line in text.splitlines() if not line.startswith("#"))
    return tuple(sorted({unicodedata.normalize("NFC", w) for line in lines for w in line.split()}))


def folded(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.casefold())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


def capitalised(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:] for part in word.split("-"))


def name_keys() -> frozenset[str]:
    lists = ("first_names.txt", "first_names_more.txt", "surnames.txt", "surnames_more.txt")
    words = (w for name in (*lists, "names_also_words.txt") for w in lexicon_words(name))
    return frozenset(folded(w) for w in words)


def everyday_words() -> tuple[str, ...]:
    """Lower-case words of the three languages that are in no list of names, places or brands,
    capitalised as at the start of a sentence or in "de nieuwe Checklist"."""
    excluded = name_keys() | {folded(w) for w in lexicon_words("not_lowercase_words.txt")}
    words = lexicon_words("common_words.txt")
    return tuple(
        capitalised(w) for w in words if w.isalpha() and len(w) >= 5 and folded(w) not in excluded
    )


def towns() -> tuple[str, ...]:
    return tuple(
        capitalised(w)
        for w in lexicon_words("towns.txt")
        if w.replace("-", "").isalpha() and 4 <= len(w) <= 16
    )


def belgian_towns() -> tuple[str, ...]:
    listed = {folded(w) for w in (*lexicon_words("towns.txt"), *lexicon_words("not_names.txt"))}
    return tuple(town for town in BELGIAN_TOWNS if folded(town) in listed)


@functools.cache
def fillers() -> dict[str, Filler]:
    first = (lexicon_words("first_names.txt"), lexicon_words("first_names_more.txt"))
    last = (lexicon_words("surnames.txt"), lexicon_words("surnames_more.txt"))
    particle = (PARTICLE_SURNAMES,)

    def shouted(pools: tuple[tuple[str, ...], ...]) -> tuple[tuple[str, ...], ...]:
        return tuple(tuple(w.upper() for w in pool) for pool in pools)

    return {
        "F": Filler(True, "first name", first),
        "S": Filler(True, "surname", last),
        "P": Filler(True, "surname with a particle", particle),
        "W": Filler(True, "name that is a word too", (lexicon_words("names_also_words.txt"),)),
        "T": Filler(True, "surname that is a town", (TOWN_SURNAMES,)),
        "F_UPPER": Filler(True, "first name in capitals", shouted(first)),
        "S_UPPER": Filler(True, "surname in capitals", shouted(last)),
        "P_UPPER": Filler(True, "surname with a particle in capitals", shouted(particle)),
        "f": Filler(True, "first name in lower case", (tuple(w.lower() for w in first[0]),)),
        "s": Filler(True, "surname in lower case", (tuple(w.lower() for w in last[0]),)),
        "SHOP": Filler(False, "shop or brand", (SHOPS,)),
        "WARD_NL": Filler(False, "ward", (WARDS_NL,)),
        "WARD_FR": Filler(False, "ward", (WARDS_FR,)),
        "WARD_EN": Filler(False, "ward", (WARDS_EN,)),
        "WARD_NAME": Filler(False, "ward's own name", (WARD_NAMES,)),
        "TOWN": Filler(False, "town", (belgian_towns(), towns())),
        "FEAST_NL": Filler(False, "feast", (FEASTS_NL,)),
        "FEAST_FR": Filler(False, "feast", (FEASTS_FR,)),
        "FEAST_EN": Filler(False, "feast", (FEASTS_EN,)),
        "SONG": Filler(False, "song", (SONGS,)),
        "WORD": Filler(False, "everyday word", (everyday_words(),)),
        "word": Filler(False, "everyday word", (tuple(w.lower() for w in everyday_words()),)),
    }


# --- posts --------------------------------------------------------------------------------------


def generate(count: int, seed: int) -> list[Post]:
    """`count` posts, the same ones for the same seed."""
    rng = random.Random(seed)  # noqa: S311 - synthetic test data, not a secret
    vocabulary = fillers()
    return [filled(rng.choice(TEMPLATES), vocabulary, rng) for _ in range(count)]


def filled(template: tuple[str, str], vocabulary: dict[str, Filler], rng: random.Random) -> Post:
    language, pattern = template
    parts: list[str] = []
    slots: list[Slot] = []
    length = 0
    copied = 0
    for placeholder in PLACEHOLDER.finditer(pattern):
        literal = pattern[copied : placeholder.start()]
        filler = vocabulary[placeholder.group(1)]
        value = rng.choice(rng.choice(filler.pools))
        start = length + len(literal)
        slots.append(Slot(start, start + len(value), value, filler.is_name, filler.category))
        parts += (literal, value)
        length = start + len(value)
        copied = placeholder.end()
    parts.append(pattern[copied:])
    return Post(language, pattern, "".join(parts), tuple(slots))


# --- the two versions ---------------------------------------------------------------------------


def run(command: Sequence[str], stdin: bytes = b"") -> bytes:
    result = subprocess.run(  # noqa: S603 - this script and git, with arguments built here
        command, input=stdin, capture_output=True, check=True
    )
    return result.stdout


def short_commit(rev: str) -> str:
    return run(["git", "-C", str(REPO), "rev-parse", "--short", rev]).decode().strip()


def extract(rev: str, into: Path) -> None:
    archive = run(["git", "-C", str(REPO), "archive", "--format=tar", rev, *ARCHIVED])
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        if hasattr(tarfile, "data_filter"):  # Python 3.11.4 and later
            tar.extractall(into, filter="data")
        else:  # our own repository's archive
            tar.extractall(into)  # noqa: S202


def spans_of(root: Path, posts: Sequence[Post]) -> list[frozenset[SpanTuple]]:
    """Every post's spans as the redactor under `root` finds them, from a worker subprocess."""
    stdin = "".join(json.dumps(post.text) + "\n" for post in posts).encode()
    stdout = run([sys.executable, str(Path(__file__).resolve()), "--worker", str(root)], stdin)
    return [
        frozenset((start, end, kind) for start, end, kind in json.loads(line))
        for line in stdout.decode().splitlines()
    ]


def worker(root: Path) -> None:
    """Reads texts as JSON lines on stdin, writes their spans as JSON lines on stdout."""
    sys.path.insert(0, str(root))
    from services.common.network_file import load_network
    from services.ingest.domain import redaction

    if not Path(redaction.__file__).resolve().is_relative_to(root.resolve()):
        raise SystemExit(f"the redactor came from {redaction.__file__}, not from {root}")
    known_words = redaction.network_words(load_network(root / NETWORK))
    redactor = redaction.Redactor(known_words=known_words)
    out = []
    for line in sys.stdin:
        spans = redactor.find(redaction.normalise_text(json.loads(line)))
        out.append(json.dumps([[span.start, span.end, span.type.value] for span in spans]))
    sys.stdout.write("".join(f"{line}\n" for line in out))


# --- comparison ---------------------------------------------------------------------------------


def letters_covered(text: str, slot: Slot, spans: Iterable[SpanTuple]) -> tuple[int, int]:
    """How many letters the slot has, and how many of them are in a span."""
    covered: set[int] = set()
    for start, end, _ in spans:
        covered.update(range(max(start, slot.start), min(end, slot.end)))
    letters = [i for i in range(slot.start, slot.end) if text[i].isalnum()]
    return len(letters), sum(i in covered for i in letters)


def redacted(text: str, slot: Slot, spans: Iterable[SpanTuple]) -> bool:
    """A name when it is hidden whole; a look-alike when any of it is gone."""
    letters, covered = letters_covered(text, slot, spans)
    return covered == letters if slot.is_name else covered > 0


CHANGE_KINDS = {
    (True, True, False): "lost names",
    (True, False, True): "gained names",
    (False, False, True): "newly over-redacted look-alikes",
    (False, True, False): "newly kept look-alikes",
}
OTHER = "other span changes"
KIND_ORDER = (*CHANGE_KINDS.values(), OTHER)


def changes(posts: Sequence[Post], versions: Versions) -> list[Change]:
    """Every slot whose fate differs; a post whose spans differ with no such slot, once."""
    found: list[Change] = []
    for index, (post, before, after) in enumerate(zip(posts, *versions, strict=True)):
        if before != after:
            found += slot_changes(index, post, before, after) or [Change(OTHER, index, None)]
    return found


def slot_changes(
    index: int, post: Post, before: frozenset[SpanTuple], after: frozenset[SpanTuple]
) -> list[Change]:
    found: list[Change] = []
    for slot in post.slots:
        was, now = redacted(post.text, slot, before), redacted(post.text, slot, after)
        if was != now:
            found.append(Change(CHANGE_KINDS[slot.is_name, was, now], index, slot))
    return found


# --- report -------------------------------------------------------------------------------------


def masked(text: str, spans: Iterable[SpanTuple]) -> str:
    out: list[str] = []
    position = 0
    for start, end, kind in sorted(spans):
        if start >= position:
            out += (text[position:start], f"[{kind}]")
            position = end
    out.append(text[position:])
    return "".join(out)


def marked(post: Post, slot: Slot | None) -> str:
    if slot is None:
        return post.text
    return f"{post.text[: slot.start]}[[{slot.value}]]{post.text[slot.end :]}"


def one_line(text: str) -> str:
    return text.replace("\n", " / ")


def percent(part: int, whole: int) -> str:
    return f"{100 * part / whole:5.1f} %" if whole else "    - "


def rate_rows(
    posts: Sequence[Post],
    versions: Versions,
    is_name: bool,
    title: str,
) -> list[str]:
    """A row for all slots of one kind, then one per category: how many each version redacts."""
    totals: Counter[str] = Counter()
    hits: list[Counter[str]] = [Counter() for _ in versions]
    for index, post in enumerate(posts):
        for slot in post.slots:
            if slot.is_name != is_name:
                continue
            totals[slot.category] += 1
            for version, count in zip(versions, hits, strict=True):
                count[slot.category] += redacted(post.text, slot, version[index])
    rows = [rate_row(title, totals.total(), [h.total() for h in hits])]
    rows += [rate_row(f"  {c}", totals[c], [h[c] for h in hits]) for c in sorted(totals)]
    return rows


def rate_row(label: str, total: int, counts: Sequence[int]) -> str:
    cells = "".join(f"{count:>10,} {percent(count, total)}" for count in counts)
    return f"{label:<{LABEL_WIDTH}}{total:>8,}{cells}"


def breakdown(found: Sequence[Change]) -> str:
    categories = Counter(c.slot.category for c in found if c.slot is not None)
    return ", ".join(f"{category} {n:,}" for category, n in sorted(categories.items()))


def chosen_examples(found: Sequence[Change], posts: Sequence[Post], limit: int) -> list[Change]:
    """Up to `limit` changes, taken in turn from each category and template (a few of each at
    most) so that one does not fill the list, in the order the posts were generated; then sorted
    for reading."""
    by_kind: dict[tuple[str, str], list[Change]] = defaultdict(list)
    for change in sorted(found, key=lambda c: c.post_index):
        by_kind[category(change), posts[change.post_index].template].append(change)
    queues = [by_kind[key][:EXAMPLES_PER_TEMPLATE] for key in sorted(by_kind)]
    chosen: list[Change] = []
    while len(chosen) < limit and any(queues):
        for queue in queues:
            if queue and len(chosen) < limit:
                chosen.append(queue.pop(0))
    return sorted(chosen, key=lambda c: (category(c), c.post_index))


def category(change: Change) -> str:
    return change.slot.category if change.slot else "outside the slots"


def example_lines(
    change: Change,
    posts: Sequence[Post],
    spans: Versions,
    labels: tuple[str, str],
) -> list[str]:
    post = posts[change.post_index]
    what = f"{category(change)} '{change.slot.value}'" if change.slot else category(change)
    width = max(map(len, labels))
    return [
        f"  {post.language}  {what}: {one_line(marked(post, change.slot))}",
        *(
            f"      {label:<{width}} {one_line(masked(post.text, version[change.post_index]))}"
            for label, version in zip(labels, spans, strict=True)
        ),
    ]


def report(
    posts: Sequence[Post],
    spans: Versions,
    labels: tuple[str, str],
    examples: int,
) -> tuple[list[str], int]:
    """The summary and the examples, and how many names were lost."""
    found = changes(posts, spans)
    lines = [
        f"{'':<{LABEL_WIDTH}}{'slots':>8}{labels[0]:>18}{labels[1]:>18}",
        *rate_rows(posts, spans, True, "names redacted whole"),
        *rate_rows(posts, spans, False, "look-alikes redacted"),
        "",
        f"differences ({labels[0]} -> {labels[1]})",
    ]
    by_kind = {kind: [c for c in found if c.kind == kind] for kind in KIND_ORDER}
    for kind, these in by_kind.items():
        detail = f"  ({breakdown(these)})" if breakdown(these) else ""
        lines.append(f"  {kind:<{LABEL_WIDTH - 2}}{len(these):>8,}{detail}")
    for kind, these in by_kind.items():
        if these:
            lines += ["", f"{kind}: {len(these):,} (up to {examples} examples)"]
            for change in chosen_examples(these, posts, examples):
                lines += example_lines(change, posts, spans, labels)
    return lines, len(by_kind["lost names"])


def compare(rev: str, count: int, seed: int, examples: int) -> int:
    posts = generate(count, seed)
    with tempfile.TemporaryDirectory(prefix="redaction-differential-") as folder:
        extract(rev, Path(folder))
        with ThreadPoolExecutor(max_workers=2) as pool:
            old, new = pool.map(lambda root: spans_of(root, posts), (Path(folder), REPO))
    slots = [slot for post in posts for slot in post.slots]
    names = sum(slot.is_name for slot in slots)
    labels = (f"old {rev}", "new (tree)")
    lines, lost = report(posts, (old, new), labels, examples)
    print(f"redaction differential: old = {rev} ({short_commit(rev)}), new = working tree")
    print(
        f"{len(posts):,} posts (seed {seed}): {names:,} name slots, "
        f"{len(slots) - names:,} look-alike slots"
    )
    print()
    print("\n".join(lines))
    return 1 if lost else 0


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--rev", default="HEAD", help="the old rules: a git revision (HEAD)")
    parser.add_argument("--count", type=int, default=DEFAULT_COUNT, help="posts to generate")
    parser.add_argument("--seed", type=int, default=0, help="seed of the generator")
    parser.add_argument("--examples", type=int, default=DEFAULT_EXAMPLES, help="per difference")
    parser.add_argument("--worker", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.worker is not None:
        worker(args.worker)
        return 0
    try:
        return compare(args.rev, args.count, args.seed, args.examples)
    except subprocess.CalledProcessError as error:
        print(f"{' '.join(error.cmd)} failed:\n{error.stderr.decode()}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
