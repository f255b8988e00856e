"""Seeded property tests: personal data put anywhere between the words of a test sentence, in
any of its common spellings and surroundings, is redacted whole, whatever the sentence around
it (cut, shouted, full of stray characters).

- A phone number, a national number, an e-mail address (spelled out too), a date of birth after
  its cue and a room: every one of them, always.
- A surname after a title, or after a first name: held at what leaks today, a few in odd
  surroundings.

Everything put in is synthetic (valid checksums, made-up numbers and names). The seed is fixed,
so a failure repeats; the count is bounded (about two seconds). `MANGO_PROPERTY_SEEDS=200` (or
`make properties`) runs the same tests over the next 200 seeds as well: about 20 minutes, for
a nightly job or after a change to the detectors.
"""

import os
import random
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

import pytest
from stdnum.be import nn

from services.ingest.domain.redaction import normalise_text
from tests.ingest.test_redaction_corpus import (
    CORPUS,
    HELD_OUT_SETS,
    app_redactor,
    held_out,
    load_corpus,
    mentions,
)

SEED = 20261207
SEEDS = range(SEED, SEED + 1 + int(os.environ.get("MANGO_PROPERTY_SEEDS", "0")))
"""The fixed seed, and as many after it as `MANGO_PROPERTY_SEEDS` says."""
TEXTS = 3000
STRAY = list("\u200b\u00a0\u202f\u0301\U0001f44d\u2764\ufe0f\t\n<>&@#:;.,!?'\"()[]{}/\\-_*~|+=%")
BEFORE_NUMBER = [" ", " : ", " (", ": ", " - ", " op ", ", ", " [", ' "', " tel ", " (tel "]
AFTER_NUMBER = ["", ".", ",", ")", "!", " ", "]", '"', " 2 keer", " 15 fois", " 24/7", " 3x"]
BEFORE_NAME = [" ", ", ", " : ", " (", " - ", " met ", " avec ", " with "]
AFTER_NAME = ["", ".", ",", ")", "!", " "]
NAMES_LEAKING = {SEED: 6}
"""Surnames let through at the fixed seed: after an article or a dash that the rules read as a
thing's ("un - pieter kabongo!", "the - luc el amrani) ward"), or inside an address spelled out
in capitals ("JAN [DOT] PEETERS : JAN LE ROY [AT] UZGENT"); 128 with the code
of before the twenty-seventh round's rules, 23 before "vanden bossche" was read. Held so that
they do not grow. (5 until the twenty-eighth held-out set joined the sentences they are put
in: the same code lets 6 through since.)"""
NAMES_LEAKING_AT_ANY_SEED = 13
"""The most let through at any of the 200 seeds after the fixed one, of about 2,700 each
(888 of 549,965 in all and at most 11 since the thirty-second to thirty-fourth sets joined the
sentences, with their rules, 889 with the code of before them; 880 of 548,022 and at most 10
since the twenty-ninth to thirty-first; 879 of 546,146 and at most 13 since the twenty-eighth,
858 of 545,493 and at most 11 before; 4,474 and at most 33 with the code of before "vanden
bossche" was read)."""

FIRST_NAMES_LEAKING = {SEED: 9}
"""First names after thanks or a sign-off let through at the fixed seed: a common one that is a
word too, after a sign-off but with more of its clause after it ("avec bisous marie vertelde"),
where "groetjes, ben morgen niet" is no one; 47 before the rules of the round that added this
test. Since a sign-off may have emoji or "from" after it ("bisous 😘 aylin", "groetjes van
lotte", "bises de la part de inès"): 59 with the code of before, on the same sentences. (9
until the thirty-first held-out set joined the sentences they are put in: the same code lets 10
through since, "grtz de la part de marie apporté" and the like; 9 again since the thirty-second
to thirty-fourth joined, with the code of before their rules too.)"""
FIRST_NAMES_LEAKING_AT_ANY_SEED = 21
"""The most at any of the 200 seeds after the fixed one, of about 2,700 each (2,107 of 550,033 in
all and at most 21 since the thirty-second to thirty-fourth sets joined the sentences, with their
rules: 21 at the seed 198 after the fixed one with the code of before them too, where the new
sentences changed the draws; 2,018 of 548,276 and at most 19 since the twenty-ninth to
thirty-first sets joined the sentences, 2,016 of
546,271 before, nearly all "jan", "marie" and "els" with more of their clause after them;
13,073 and at most 87 with the code of before the sign-offs with emoji or "from", on the same
sentences; 1,619 of 545,558 and at most 18 before those shapes and the twenty-eighth set
joined)."""


@dataclass(frozen=True)
class Needle:
    shown: str
    """As typed in the post."""
    secret: str
    """The part of it that must not be left: all of it, or the number without its cue."""


Maker = Callable[[random.Random], Needle]


def national_number(rng: random.Random) -> Needle:
    while True:
        base = f"{rng.randint(0, 99):02d}{rng.randint(1, 12):02d}{rng.randint(1, 28):02d}"
        base += f"{rng.randint(1, 997):03d}"
        for century in ("", "2"):
            number = base + f"{97 - int(century + base) % 97:02d}"
            if nn.is_valid(number):
                shown = rng.choice(
                    [
                        number,
                        f"{number[:2]}.{number[2:4]}.{number[4:6]}-{number[6:9]}.{number[9:]}",
                        f"{number[:6]} {number[6:9]} {number[9:]}",
                        f"{number[:6]}-{number[6:9]}-{number[9:]}",
                    ]
                )
                return Needle(shown, shown)


def phone(rng: random.Random) -> Needle:
    mobile = f"04{rng.randint(70, 99)}{rng.randint(0, 999_999):06d}"
    shown = rng.choice(
        [
            mobile,
            f"{mobile[:4]} {mobile[4:6]} {mobile[6:8]} {mobile[8:]}",
            f"{mobile[:4]}/{mobile[4:6]}.{mobile[6:8]}.{mobile[8:]}",
            f"+32 {mobile[1:4]} {mobile[4:6]} {mobile[6:8]} {mobile[8:]}",
            f"+32{mobile[1:]}",
            f"0032 {mobile[1:4]} {mobile[4:]}",
        ]
    )
    return Needle(shown, shown)


def email(rng: random.Random) -> Needle:
    local = rng.choice(["an.peeters", "x", "jan_de-smet", "z.z"]) + str(rng.randint(0, 99))
    shown = f"{local}@{rng.choice(['example.be', 'az-test.org', 'x.co'])}"
    return Needle(shown, shown)


def spelled_email(rng: random.Random) -> Needle:
    local = rng.choice(["an.peeters", "jan_de-smet"]) + str(rng.randint(0, 99))
    shown = rng.choice(
        [
            f"{local} [at] example [dot] be",
            f"{local}(at)example(dot)be",
            f"{local} at example dot be",
            f"{local} arobase example point be",
        ]
    )
    return Needle(shown, local)


MONTHS = {
    "geboren": "januari februari maart april mei juni juli augustus september oktober november "
    "december",
    "née le": "janvier février mars avril mai juin juillet août septembre octobre novembre "
    "décembre",
    "born": "January February March April May June July August September October November December",
}
BIRTH_CUES = {
    "geboren": ["geboren", "geboren op", "geb.", "geboortedatum:"],
    "née le": ["né le", "née le", "date de naissance :", "ddn"],
    "born": ["born", "born on", "DOB", "date of birth:"],
}


def date_of_birth(rng: random.Random) -> Needle:
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(1925, 2005)
    language = rng.choice(list(MONTHS))
    name = MONTHS[language].split()[month - 1]
    date = rng.choice(
        [
            f"{day:02d}/{month:02d}/{year}",
            f"{day}.{month}.{year}",
            f"{year}-{month:02d}-{day:02d}",
            f"{day} {name} {year}",
            f"{day}-{month}-{year}",
        ]
    )
    return Needle(f"{rng.choice(BIRTH_CUES[language])} {date}", date)


def room(rng: random.Random) -> Needle:
    # (not "lit 4": French reads "lit" as a verb unless a bed is plainly meant, "au lit 4")
    word = rng.choice(["kamer", "k.", "kmr", "chambre", "ch.", "room", "rm", "bed", "box"])
    number = str(rng.randint(1, 450))
    return Needle(f"{word} {number}", number)


SURNAMES = [
    *"Peeters Janssens Maes Jacobs Mertens Willems Claes Goossens Wouters Dubois Lambert".split(),
    *"Dupont Vermeulen Pauwels Hermans Kabongo Yilmaz Nowak Popescu Nguyen Diallo".split(),
    *("De Smet", "Van Damme", "El Amrani", "Van den Broeck", "De Clercq", "Ben Salah"),
    *("Le Roy", "O'Brien", "N'Diaye", "D'Hondt", "Vanden Bossche"),
]
FIRST_NAMES = "Marie Jan Sofie Luc Nathalie Pieter Fatima Mohamed Julie Thomas Els Karim".split()
TITLES = "mevrouw Mevr. meneer Mr. mnr. mme Madame monsieur M. Mrs Ms dhr.".split()


def titled_name(rng: random.Random) -> Needle:
    surname = rng.choice(SURNAMES)
    surname = surname.lower() if rng.random() < 0.5 else surname
    return Needle(f"{rng.choice(TITLES)} {surname}", surname)


def full_name(rng: random.Random) -> Needle:
    first, surname = rng.choice(FIRST_NAMES), rng.choice(SURNAMES)
    case = rng.random()
    if case < 0.4:  # typed on a phone
        first, surname = first.lower(), surname.lower()
    elif case < 0.6:  # as a form's list writes it, or shouted
        surname = surname.upper()
        first = first.upper() if case < 0.5 else first
    return Needle(f"{first} {surname}", surname)


STAFF_ROOM_BEFORE = re.compile(
    r"(?:meeting|conference|staff|break|waiting|class|vergader|wacht|réunion|reunion|pause|"
    r"personeels|salle|lokaal|local)(?:\s*|-)$",
    re.IGNORECASE,
)
"""A room right after these words is the staff's, not a patient's: the test puts none there.
Written out here, not taken from the detector, so that a wider exception in the detector makes
the test fail instead of skipping more."""
THANKS = ["merci", "merci à", "dank aan", "dikke merci aan", "bedankt", "thanks to", "bravo"]
SIGN_OFFS = ["grtz", "groetjes", "liefs", "bisous", "bises", "cheers"]
SIGNED_BY = [" ", " ", ", ", " 😘 ", " 🙏, ", " van ", " de la part de ", " from "]
CHAT_FIRST_NAMES = [*FIRST_NAMES, *"Lotte Youssef Inès Aylin Bram Chloé".split()]


def _typed(rng: random.Random, name: str) -> str:
    return name.lower() if rng.random() < 0.5 else name


def thanked_first_name(rng: random.Random) -> Needle:
    name = _typed(rng, rng.choice(CHAT_FIRST_NAMES))
    return Needle(f"{rng.choice(THANKS)} {name}", name)


def thanked_pair(rng: random.Random) -> Needle:
    first, second = (_typed(rng, n) for n in rng.sample(CHAT_FIRST_NAMES, 2))
    joint = rng.choice([" en ", " et ", " and ", ", "])
    return Needle(f"{rng.choice(THANKS)} {first}{joint}{second}", second)


def signed_first_name(rng: random.Random) -> Needle:
    """ "bisous aylin", "groetjes, lotte", "cheers 🙏 bram", "groetjes van inès"."""
    name = _typed(rng, rng.choice(CHAT_FIRST_NAMES))
    return Needle(f"{rng.choice(SIGN_OFFS)}{rng.choice(SIGNED_BY)}{name}", name)


def mangled(rng: random.Random, text: str, others: list[str]) -> str:
    chars = list(text)
    for _ in range(rng.randint(0, 4)):
        roll = rng.random()
        if roll < 0.4:
            chars.insert(rng.randrange(len(chars) + 1), rng.choice(STRAY))
        elif roll < 0.6 and chars:
            start = rng.randrange(len(chars))
            del chars[start : start + rng.randint(1, 5)]
        elif roll < 0.8:
            chars.extend(rng.choice(others)[: rng.randint(0, 60)])
        else:
            joined = "".join(chars)
            chars = list(joined.upper() if rng.random() < 0.5 else joined.lower())
    return normalise_text("".join(chars))


def leaks(
    makers: Sequence[Maker], before: list[str], after: list[str], seed: int
) -> tuple[list[str], int]:
    """Puts a needle of `makers` between two words of each of TEXTS mangled test sentences
    (not next to a number, "0478 12 34 56 78" is no one's number, nor inside a mention, nor a
    room right after "break" or "salle", the staff's) and returns those whose secret keeps a
    letter or digit outside every redacted span, and how many were tried."""
    rng = random.Random(seed)
    redactor = app_redactor()
    sentences = [s.text for s in load_corpus(CORPUS)] + [
        s.text for n in range(1, HELD_OUT_SETS + 1) for s in load_corpus(held_out(n))
    ]
    found, tried = [], 0
    for _ in range(TEXTS):
        words = mangled(rng, rng.choice(sentences), sentences).split(" ")
        at = rng.randrange(len(words) + 1)
        if any(c.isdigit() for word in words[max(0, at - 1) : at + 1] for c in word):
            continue
        left = " ".join(words[:at])
        maker = rng.choice(makers)
        needle = maker(rng)
        piece = f"{rng.choice(before)}{needle.shown}{rng.choice(after)}".strip()
        text = " ".join(part for part in (left, piece, " ".join(words[at:])) if part)
        at_needle = text.index(needle.shown, len(left))
        if maker is room and STAFF_ROOM_BEFORE.search(text[max(0, at_needle - 20) : at_needle]):
            continue  # "lunch break ch. 435", "la salle rm 204": no patient's room
        start = at_needle + needle.shown.index(needle.secret)
        protected = mentions(text)
        if any(low <= start < high for low, high in protected):
            continue  # inside a Teams mention, which stays as it is
        spans = redactor.find(text, protected)
        tried += 1
        if any(
            text[i].isalnum() and not any(s.start <= i < s.end for s in spans)
            for i in range(start, start + len(needle.secret))
        ):
            found.append(f"{needle.shown!r} in {text[:160]!r}")
    return found, tried


@pytest.mark.parametrize("seed", SEEDS)
def test_an_identifier_put_anywhere_is_redacted(seed: int) -> None:
    makers = [national_number, phone, email, spelled_email, date_of_birth, room]
    found, tried = leaks(makers, BEFORE_NUMBER, AFTER_NUMBER, seed)
    assert tried > TEXTS // 2
    assert not found, f"{len(found)} of {tried} leaked, e.g.:\n" + "\n".join(found[:10])


@pytest.mark.parametrize("seed", SEEDS)
def test_a_surname_put_anywhere_is_redacted(seed: int) -> None:
    found, tried = leaks([titled_name, full_name], BEFORE_NAME, AFTER_NAME, seed)
    assert tried > TEXTS // 2
    most = NAMES_LEAKING.get(seed, NAMES_LEAKING_AT_ANY_SEED)
    assert len(found) <= most, f"{len(found)} of {tried}:\n" + "\n".join(found)


@pytest.mark.parametrize("seed", SEEDS)
def test_a_first_name_after_thanks_or_a_sign_off_is_redacted(seed: int) -> None:
    """As chat credits a colleague: "merci à lotte", "dank aan bram en aylin", "thanks to
    marie, inès", "bisous chloé", put anywhere."""
    makers = [thanked_first_name, thanked_pair, signed_first_name]
    found, tried = leaks(makers, BEFORE_NAME, AFTER_NAME, seed)
    assert tried > TEXTS // 2
    most = FIRST_NAMES_LEAKING.get(seed, FIRST_NAMES_LEAKING_AT_ANY_SEED)
    assert len(found) <= most, f"{len(found)} of {tried}:\n" + "\n".join(found)
