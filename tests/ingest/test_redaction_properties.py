"""Seeded property test: a phone number, a national number, an e-mail address (spelled out
too), a date of birth after its cue or a room put anywhere between the words of a test
sentence, in any of its common spellings and surroundings, is redacted whole, whatever the
sentence around it (cut, shouted, full of stray characters).

The identifiers are synthetic (valid checksums, made-up numbers). The seed is fixed, so a
failure repeats; the count is bounded (about a second).
"""

import random
from collections.abc import Callable
from dataclasses import dataclass

from stdnum.be import nn

from schemas.events import Language
from services.ingest.domain.redaction import normalise_text
from tests.ingest.test_redaction_corpus import (
    CORPUS,
    HELD_OUT_SETS,
    app_redactor,
    held_out,
    load_corpus,
)

SEED = 20261207
TEXTS = 3000
STRAY = list("\u200b\u00a0\u202f\u0301\U0001f44d\u2764\ufe0f\t\n<>&@#:;.,!?'\"()[]{}/\\-_*~|+=%")
BEFORE = [" ", " : ", " (", ": ", " - ", " op ", ", ", " [", ' "', " tel ", " (tel "]
AFTER = ["", ".", ",", ")", "!", " ", "]", '"', " 2 keer", " 15 fois", " 24/7", " 3x"]


@dataclass(frozen=True)
class Needle:
    shown: str
    """As typed in the post."""
    leaked: Callable[[str], bool]
    """Whether the redacted text still holds it."""


def digits_of(text: str) -> str:
    return "".join(c for c in text if c.isdigit())


def holds_digits(digits: str) -> Callable[[str], bool]:
    # A needle leaks when its digits still stand in the output with nothing but separators
    # between them (its trailing count may follow: "2 keer" adds digits after it).
    return lambda out: digits in digits_of(out)


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
                return Needle(shown, holds_digits(number))


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
    # the subscriber's last six digits: what identifies the person
    return Needle(shown, holds_digits(mobile[-6:]))


def email(rng: random.Random) -> Needle:
    local = rng.choice(["an.peeters", "x", "jan_de-smet", "z.z"]) + str(rng.randint(0, 99))
    shown = f"{local}@{rng.choice(['example.be', 'az-test.org', 'x.co'])}"
    return Needle(shown, lambda out: f"{local}@" in out)


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
    return Needle(shown, lambda out: local in out)


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
    return Needle(f"{rng.choice(BIRTH_CUES[language])} {date}", lambda out: date in out)


def room(rng: random.Random) -> Needle:
    # (not "lit 4": French reads "lit" as a verb unless a bed is plainly meant, "au lit 4")
    word = rng.choice(["kamer", "k.", "kmr", "chambre", "ch.", "room", "rm", "bed", "box"])
    shown = f"{word} {rng.randint(1, 450)}"
    return Needle(shown, lambda out: shown in out)


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
    return "".join(chars)


def test_an_identifier_put_anywhere_is_redacted() -> None:
    rng = random.Random(SEED)
    redactor = app_redactor()
    sentences = [s.text for s in load_corpus(CORPUS)] + [
        s.text for n in range(1, HELD_OUT_SETS + 1) for s in load_corpus(held_out(n))
    ]
    makers = [national_number, phone, email, spelled_email, date_of_birth, room]
    leaks, tried = [], 0
    for _ in range(TEXTS):
        words = mangled(rng, rng.choice(sentences), sentences).split(" ")
        at = rng.randrange(len(words) + 1)
        if any(c.isdigit() for word in words[max(0, at - 1) : at + 1] for c in word):
            continue  # not inside another number: "0478 12 34 56 78" is no one's number
        needle = rng.choice(makers)(rng)
        words.insert(at, f"{rng.choice(BEFORE)}{needle.shown}{rng.choice(AFTER)}".strip())
        text = normalise_text(" ".join(words))
        tried += 1
        out = redactor.redact(text, rng.choice(list(Language))).text
        if needle.leaked(out):
            leaks.append(f"{needle.shown!r} in {out[:160]!r}")
    assert tried > TEXTS // 2
    assert not leaks, f"{len(leaks)} of {tried} leaked, e.g.:\n" + "\n".join(leaks[:10])
