"""The detectors of numbers and addresses: e-mail, national number, date of birth, phone,
room or bed. Each yields spans in the order it finds them."""

import re
from collections.abc import Iterable

import phonenumbers
from phonenumbers import Leniency
from stdnum.be import bis, nn

from schemas.events import EntityType
from services.ingest.domain.redaction.spans import Span
from services.ingest.domain.redaction.text import EMOJI, LETTERS

# An apostrophe may stand inside the local part (j.o'brien@example.ie), never around it.
_EMAIL = re.compile(
    r"[\w.+%-]+(?:['\u2019][\w.+%-]+)*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", re.UNICODE
)

# An address spelled out so that robots miss it: jan.peeters (at) azsint.be, marie [at] chu-liege
# [dot] be, sofie at azsint dot be, jean arobase chr point be, marleen punt desmet apenstaart
# skynet punt be (the Dutch "@" is a monkey's tail). A bare "at" (a common English word) counts
# only with a dot, written or spelled, in the local part or a spelled-out dot in the domain.
_AT_WORDS = r"at|arobase|apenstaartje|apenstaart|apestaartje|apestaart"
_SPELLED_AT = rf"(?i:[(\[{{<]\s*(?:{_AT_WORDS}|@)\s*[)\]}}>]|(?<=\s)(?P<bare>{_AT_WORDS})(?=\s)|@)"
_SPELLED_DOT = r"(?:\s*(?i:[(\[{<]\s*(?:dot|punt|point)\s*[)\]}>])\s*|\s+(?i:dot|punt|point)\s+|\.)"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+%-])(?P<local>[\w+%-]+(?:{_SPELLED_DOT}[\w+%-]+)*)\s*{_SPELLED_AT}\s*"
    rf"(?P<domain>[\w-]+(?:{_SPELLED_DOT}[\w-]+)*{_SPELLED_DOT}[A-Za-z]{{2,6}})(?![\w-])",
    re.UNICODE,
)
_AT_WORD = re.compile(rf"\b(?:{_AT_WORDS})\b", re.IGNORECASE)
_DOT_WORD = re.compile(r"\b(?:dot|punt|point)\b", re.IGNORECASE)

# Separators people type between the groups of a number: space, dot, slash, hyphen, and what
# phone keyboards put there instead (no-break and narrow no-break space, thin space, en and em
# dash, minus sign). Never a line break.
_KEYBOARD_SPACES = "\u00a0\u2007\u2009\u202f"  # no-break, figure, thin, narrow no-break
_NUMBER_SEPARATOR = f"[ .\\-/{_KEYBOARD_SPACES}\u2010-\u2015\u2212]"
# 11 digits with at most three separators between groups: 85073003328, 85.07.30-033.28,
# 850730 033 28, 85 07 30 033 28, 850730/033-28, 85  07  30 ..., 85.07.30 - 033.28 and the
# same with an en dash or no-break spaces (the checksum decides)
ELEVEN_DIGITS = re.compile(
    rf"(?<![\d.,/-])\d(?:{_NUMBER_SEPARATOR}{{0,3}}\d){{10}}(?![\d]|[.,/-]\d)"
)
_RETRIES = 64
"""Failing candidates tried again from their next digit, per text: a post holds a handful of
numbers; a wall of digits would cost a regex search per digit."""

MONTHS_IN_FULL = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|january|february|march|may|june|july|august|october"
)
_MONTHS = (
    MONTHS_IN_FULL
    + "|jan|janv|feb|févr|fevr|mrt|mar|apr|avr|jun|jul|juil|aug|sep|sept|okt|oct|nov|dec|déc"
)
# Three spellings of a date, each its own pattern so that the engine can skip ahead to a digit
# (one pattern with a leading look-behind and ~40 month names tried at every position was the
# slowest detector). `\d(?<!\d\d)` is "a digit not preceded by a digit".
# "12/03/1948", "12 / 03 / 1948" (a space on either side of a separator).
_DATE_NUMERIC = re.compile(r"\d(?<!\d\d)\d? ?[./-] ?\d{1,2} ?[./-] ?(?P<year>\d{4}|\d{2})(?!\d)")
_DATE_ISO = re.compile(r"(?P<year>\d(?<!\d\d)\d{3})(?P<sep>[./-])\d{1,2}(?P=sep)\d{1,2}(?!\d)")
# A year is four digits, an apostrophe and two ('50), or two ("3 mars 48": a date of birth only
# after a cue such as "née"); "3rd of April" and "3 April, 1950" too.
_YEAR = r"(?P<year>\d{4}|['\u2019]?\d{2})(?!\d)"
_DATE_DAY_MONTH = re.compile(
    # "3 mars 1941", "3rd of April, 1941", "03-MAR-1941", "3 févr. 1941"
    rf"\d(?<!\d\d)\d?(?:e|er|ste|de|st|nd|rd|th)?\.?(?:\s+|-)(?:of\s+)?(?:{_MONTHS})\b\.?,?"
    rf"(?:\s+|-){_YEAR}",
    re.IGNORECASE,
)
_DATE_MONTH_DAY = re.compile(
    rf"(?P<month>[^\W\d_]{{3,9}})(?<![^\W\d_]{{10}})\.?\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}"
)
_MONTH_NAMES = frozenset(_MONTHS.split("|"))
_SPELLED_YEAR = re.compile(r"\d\d")

# A cue is a whole word ("geb" but not "gebeurd", "né" but not "donné"), up to three words before
# the date. "b." (born) counts only right before it: "b. 03/04/50".
_CUE_WORDS = (
    r"(?:\b(?:geboren|geb|geboortedatum|née?|naissance|naiss|ddn|born|dob|d\.o\.b)\b"
    r"|\bbirth|°)"
)
_BIRTH_CUE = re.compile(
    rf"(?:{_CUE_WORDS}\W{{0,3}}(?:\w+\W+){{0,3}}|(?<![\w.'\u2019])b\.\s?)$", re.IGNORECASE
)
# A month name and a bare two-digit year ("née le 3 mars 48") is a date of birth only with the
# cue at most one word before it: "geboren in 1948, op 3 maart 12 jaar na ..." is not one.
_NEAR_BIRTH_CUE = re.compile(rf"{_CUE_WORDS}\W{{0,3}}(?:\w+\W+)?$", re.IGNORECASE)
# A day and a month with no year, at most four words after a word that says someone was born,
# in the same sentence: a baby's or a resident's birthday ("Né à 28 semaines le 2 mai",
# "geboren op 3 maart, 3,2 kg"). Not a day and a month alone, an event's date ("op 2 mei komt de
# kinesist"), nor after the year of birth ("geboren in 1948, op 3 maart komt ..."), nor after
# "°", "n°" or "naissance" ("39° sinds 2 mei", "note n° 12 du 3 mars", "congé de naissance dès
# le 2 mai"), nor in the next sentence or clause ("is geboren! ze is terug vanaf 3 maart",
# "geboren en getogen, start op 1 juni").
_BORN_WORDS = r"\b(?:geboren|geb|née?|born|dob|d\.o\.b|ddn)\b"
_BORN = re.compile(_BORN_WORDS, re.IGNORECASE)
_A_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_YEARLESS_BIRTH_CUE = re.compile(
    rf"{_BORN_WORDS}[^\w.,!?]{{0,3}}(?:\w+[^\w.,!?]+){{0,4}}$", re.IGNORECASE
)
_DAY_MONTH_ALONE = re.compile(
    rf"\d(?<!\d\d)\d?(?:e|er|ste|de|st|nd|rd|th)?\.?\s+(?:of\s+)?(?:{_MONTHS})\b\.?"
    r"(?!,?\s*(?:\d{4}|\d\d)\b)",  # not a date with its year, which `_dates` reads
    re.IGNORECASE,
)
OLDEST_EVENT_YEAR = 2010
"""A full date before this year in a moment is taken as a date of birth (see docs)."""

# A room or bed: 12, 4B, A12, 2.14 (floor 2, room 14).
_ROOM_NUMBER = r"(?:[a-z]-?(?=\d))?\d{1,4}(?:\.\d{1,3})?(?:bis|ter|[a-z])?\b"
_ROOM_NUMBER_WORD = r"\s*(?:nrs?\.?|n°s?|nos?\.?|nummers?|numbers?|num[ée]ros?|#)?\s*:?\s*"
ROOM = re.compile(
    # kamer 12, k. 12, kmr 14, ch 12, rm 12, room A12, chambre 12 lit 2 ...
    r"\b(?:k(?:amer(?:nummer|nr)?|mr|\.)|ch(?:ambre|bre|\b\.?|(?=\d))|r(?:oom|m\b\.?)"
    r"|bed(?:nummer)?|lit|box|bay|cubicle|appartement|appart|serviceflat|couveuse|incubator)"
    rf"{_ROOM_NUMBER_WORD}{_ROOM_NUMBER}"
    rf"(?:\s*[,/]?\s*(?:bed|lit)\s*{_ROOM_NUMBER})?"
    # a care home's flat by its floor and number, or with "n°" ("flat 2.14", "flat nr 12"); not
    # "flat 2 hrs post angio", "flat 5 euro"
    r"|\bflat\s*(?:\d{1,2}\.\d{2,3}|(?:nrs?\.?|n°|nummer)\s*\d{1,4})\b"
    # ... and by its number alone after where it lies ("de was van flat 3", "in flat 12b",
    # "from flat 104"; not "in flat 5 minutes", "keep him in flat 4 h", "flat 2 x a shift")
    r"|(?-i:[fF]lat)(?:(?<=\bvan [fF]lat)|(?<=\bop [fF]lat)|(?<=\bin [fF]lat)|(?<=\buit [fF]lat)"
    r"|(?<=\bnaar [fF]lat)|(?<=\bbij [fF]lat)|(?<=\bat [fF]lat)|(?<=\bfrom [fF]lat))"
    r" ?\d{1,3}[a-z]?\b(?![.,]\d)"
    r"(?![ \u00a0]*(?:(?:mins?|minutes|minuten|hrs?|hours?|uur|u|h|x|euro?|eur)\b|%))"
    # beds 4 and 5, kamers 3 en 4, chambres 2, 3 et 4
    rf"|\b(?:kamers|bedden|beds|rooms|chambres|lits){_ROOM_NUMBER_WORD}{_ROOM_NUMBER}"
    rf"(?:\s*(?:,|/|&|and|en|et)\s*{_ROOM_NUMBER})*"
    # K12: a capital K glued to the number; as chat types it, a lower-case k before one to four
    # digits, glued or spaced, in brackets or after where one lies ("op k214", "mevrouw de vos
    # (k 104)", "de meneer op k 31", "onze bewoner op k 3", "ons patiëntje van k 12"); not "k
    # 10 mins", "ok k 250 euro", "vitamine K 10 mg", "pomp k07", "(k 40 mmol)"
    r"|\b(?-i:K)\d{1,4}[a-z]?\b"
    # (the k first, then what stands before it: a look-behind tried at every position is slow);
    # a floor and room whole ("op k 4.17", "op K 4,17"), not potassium ("(k 3.8)", "bij k 5.5")
    r"|(?-i:[kK])(?:(?<=\([kK])|(?<=\bop [kK])|(?<=\bin [kK])|(?<=\bon [kK])|(?<=\bbij [kK])"
    r"|(?<=\bnaar [kK])|(?<=\bvan [kK])) ?\d{1,4}(?:[.,]\d{2,3})?[a-z]?\b(?![.,]\d)"
    r"(?![ \u00a0]*(?:(?:mmol|mg|ml|mins?|eur|euro|kg)\b|%))",
    re.IGNORECASE,
)
# "lit" is also a French verb ("Elle lit 2 chapitres"): a bed only after an article or a
# preposition ("au lit 4", "le patient du lit 4") or at the start of a sentence or clause.
_LIT = re.compile(r"lit\b", re.IGNORECASE)
# "lit 14" is a bed after an article or a pause, or right after a title and a name as a ward's
# list writes it ("M. Ionescu lit 14"); else "lit" may be a verb ("il lit 14 pages").
_BED_NOUN_BEFORE = re.compile(
    r"(?:\b(?:le|au|du|un|ce|son|mon|ton|notre|votre|leur|chaque|même)\s+|[.!?:;,(\n]\s*|^\s*"
    r"|\b(?:M|Mme|Mr|Mlle|monsieur|madame)\.?\s+(?:[^\W\d_][\w'\u2019-]*\s+){1,3})$",
    re.IGNORECASE,
)
_READ_AFTER = re.compile(
    r"\s+(?:livres?|pages?|chapitres?|articles?|histoires?|romans?|journaux|poèmes?|"
    r"lettres?|fois|bd|magazines?)\b",
    re.IGNORECASE,
)
# Where a patient lies, said without a room word as chat says it: "le monsieur de la 12", "la
# dame du 14", "de meneer op 214", "the lady in 6b". Only where the clause goes on with what
# the patient does or is, or ends: after the number a stop, a comma, an emoji, the post's end,
# or a verb or relative of the list below. Else the number counts something ("de meneer op 2
# liter", "op 2 krukken", "la dame du 14 au 10", "the lady in 3 cardigans", "in 2 days"). Not
# after "van" (Dutch for an age: "de mevrouw van 92"), and not a decimal or a date ("op 2,5",
# "du 12/03").
_PATIENT_WHO = (
    r"monsieur|madame|dame|mme|patiente?|résidente?|residente?|mamie|papy|meneer|mevrouw|mevr|mvr"
    r"|patiënte?|bewoner|bewoonster|lady|gentleman|patient|resident"
)
_PATIENT_GOES_ON = (
    # French
    r"a|avait|est|était|etait|sera|qui|ne|n['\u2019]|va|allait|veut|voulait|demande|demandait"
    r"|dort|dormait|sonne|sonnait|se|s['\u2019]|m['\u2019]|nous|vous|lui|pleure|pleurait|chante"
    r"|chantait|rit|riait|sort|rentre|regarde|regardait|attend|attendait|"
    # Dutch
    r"is|was|heeft|had|die|wil|wou|mag|mocht|kan|kon|gaat|ging|zegt|zei|vroeg|vraagt|kreeg"
    r"|krijgt|belde|belt|lacht|lachte|sliep|slaapt|at|eet|huilde|zong|keek|kijkt|kwam|komt"
    r"|zat|zit|lag|ligt|stond|"
    # English
    r"has|who|says|said|asked|asks|loved|loves|got|gets|will|can|could|wants|wanted|slept"
    r"|smiled|cried|called|rang|went|goes|just|looked|came|sat|lay"
)
ROOM_OF_A_PATIENT = re.compile(
    rf"\b(?:{_PATIENT_WHO})\s+(?:de\s+la|du|op|in)\s+(?P<room>\d{{1,3}}[a-d]?)\b"
    r"(?![.,:/-]?\d)"
    rf"(?=[ \u00a0]*(?:[.,!?;)\n]|{EMOJI}|$)"
    rf"|[ \u00a0]+(?:{_PATIENT_GOES_ON})\b)",
    re.IGNORECASE,
)
_NOT_PATIENT_ROOM = re.compile(
    r"(meeting|conference|staff|break|waiting|class|vergader|wacht|réunion|reunion|pause|"
    r"personeels|salle|lokaal|local)(?:\s*|-)$",
    re.IGNORECASE,
)

DIGIT = re.compile(r"\d")
_EIGHT_DIGITS = re.compile(r"\d(?:\D{0,3}\d){7}")
_DIGIT_RUN = re.compile(r"\d(?:[^\w\n]{0,3}\d)*")
# A day, a month and a year of this or the last century: 05/04/2026, 05 / 04 / 2026, 5-4-1950.
_CALENDAR_DATE = re.compile(
    r"(?<![\d.,/-])(?:0?[1-9]|[12]\d|3[01]) ?([./-]) ?(?:0?[1-9]|1[0-2]) ?\1 ?(?:19|20)\d\d"
    r"(?![\d]|[.,/-]\d)"
)
_INTERNATIONAL_PREFIX = re.compile(r"(?:\+|(?<!\d)00)\s?[1-9]")
_PLUS_BEFORE = re.compile(r"\+ ?$")
_DIGITS = re.compile(r"\d+")
_NOT_A_SPACE = "./-()"
_LONGEST_NUMBER = 16  # "+" and the 15 digits of E.164
_OPENING = "([ "
# How a national number is written in groups: 85.07.30-033.28, 850730 033 28, 850730-03328.
_NATIONAL_NUMBER_GROUPS = frozenset({(11,), (2, 2, 2, 3, 2), (6, 3, 2), (6, 5)})
# (Between the groups: what keyboards type, no-break, figure, thin and narrow no-break spaces
# too; normalise_text makes them plain spaces, but the detector does not count on it.)
_NATIONAL_PHONE = re.compile(
    rf"(?<![\w+/.-])\(?0\d{{1,3}}\)?(?:[ \t{_KEYBOARD_SPACES}./-]{{0,3}}\d){{5,9}}(?![\w]|[./-]\d)"
)
NATIONAL_PHONE_DIGITS = (8, 9, 10)
"""Belgian numbers have 9 or 10 digits with the leading 0; one digit short is still taken as a
phone (a typo must not let a number through), as the phonenumbers matcher did."""


def emails(text: str) -> Iterable[Span]:
    at_sign = "@" in text
    if at_sign:
        for match in _EMAIL.finditer(text):
            yield Span(match.start(), match.end(), EntityType.EMAIL)
    if at_sign or _AT_WORD.search(text) is not None:
        yield from _joined(list(_spelled_emails(text)))


def _spelled_emails(text: str) -> Iterable[Span]:
    """Each address spelled out, and one that starts inside the domain of another: in
    "claire at ehpad point an.peeters at example dot be" the first reading ends at "an"."""
    position = 0
    while (match := _SPELLED_EMAIL.search(text, position)) is not None:
        position = match.start("domain")
        bare = match.group("bare") is not None
        local, domain = match.group("local"), match.group("domain")
        if not bare or "." in local or _DOT_WORD.search(local) or _DOT_WORD.search(domain):
            yield Span(match.start(), match.end(), EntityType.EMAIL)


def national_numbers(text: str) -> Iterable[Span]:
    """Each 11-digit candidate whose checksum holds. One that fails is tried again from its
    next digit: in "gsm 0499 12 34 56 - 54.01.02-707.83" the first eleven digits after the
    phone's first group fail, and the national number starts in the middle of them."""
    position, retries = 0, _RETRIES
    while (match := ELEVEN_DIGITS.search(text, position)) is not None:
        digits = re.sub(r"\D", "", match.group())
        # After a "+", a phone number whatever its checksum says ("+32 470 37 21 93"), unless
        # it makes none ("+ 081124 800 83")
        plus = _PLUS_BEFORE.search(text, max(0, match.start() - 2), match.start())
        if plus is not None and _valid_phone("+" + digits, "BE"):
            position = match.end()
        elif nn.is_valid(digits) or bis.is_valid(digits):
            yield Span(match.start(), match.end(), EntityType.NATIONAL_NUMBER)
            position = match.end()
        elif retries:
            retries -= 1
            position = match.start() + 1
        else:  # a text of nothing but digits: as before, no overlapping candidates
            position = match.end()


def _within(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(low <= start and end <= high for low, high in ranges)


def _digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


def dates_of_birth(text: str) -> Iterable[Span]:
    for match in _dates(text):
        year_text = match.group("year")
        before = text[max(0, match.start() - 40) : match.start()]
        bare_year = len(year_text) == 2 and match.re is not _DATE_NUMERIC
        cue = (_NEAR_BIRTH_CUE if bare_year else _BIRTH_CUE).search(before)
        old = len(year_text) == 4 and 1900 <= int(year_text) < OLDEST_EVENT_YEAR
        if cue or old:
            yield Span(match.start(), match.end(), EntityType.DATE_OF_BIRTH)
    if _BORN.search(text) is None:
        return  # most moments name no birth at all
    for match in _DAY_MONTH_ALONE.finditer(text):
        cue = _YEARLESS_BIRTH_CUE.search(text, max(0, match.start() - 40), match.start())
        if cue is not None and _A_YEAR.search(cue.group()) is None:
            yield Span(match.start(), match.end(), EntityType.DATE_OF_BIRTH)


def _dates(text: str) -> list[re.Match[str]]:
    """Every date in the text, in order: 30/07/1985, 1985-07-30, 30 juli 1985, July 30, 1985."""
    found = [
        m for m in (*_DATE_NUMERIC.finditer(text), *_DATE_ISO.finditer(text)) if _day_and_month(m)
    ]
    spelled_out = _SPELLED_YEAR.search(text) is not None and not _MONTH_NAMES.isdisjoint(
        LETTERS.findall(text.casefold())
    )
    if spelled_out:  # a month name and a year
        found.extend(_DATE_DAY_MONTH.finditer(text))
        found.extend(
            m
            for m in _DATE_MONTH_DAY.finditer(text)
            if m.group("month").casefold() in _MONTH_NAMES
            and (m.start() == 0 or not text[m.start() - 1].isalnum())
        )
    return sorted(found, key=lambda m: m.start())


def _day_and_month(match: re.Match[str]) -> bool:
    """A day and a month in either order (30/07, 07/30): "33.92.29" in "0471/33.92.29" is the
    end of a phone number, no date."""
    if match.start("year") == match.start():  # 1985-07-30
        rest = match.string[match.end("year") : match.end()]
    else:  # 30/07/1985
        rest = match.string[match.start() : match.start("year")]
    low, high = sorted(int(n) for n in _DIGITS.findall(rest))
    return 1 <= low <= 12 and high <= 31


def phones(text: str, region: str) -> Iterable[Span]:
    if _EIGHT_DIGITS.search(text) is None:
        return  # most moments hold no long number at all
    # The common case, a Belgian number in national spelling (0 + prefix), is checked by
    # its length here: the phonenumbers matcher parses every candidate (~25 us each).
    # "05/04/2026" has the digits of a phone number (0 + 7), but it is a date.
    dates = [(m.start(), m.end()) for m in _CALENDAR_DATE.finditer(text)]
    national = [
        Span(_start_of_number(m.start(), m.group()), m.end(), EntityType.PHONE)
        for m in _NATIONAL_PHONE.finditer(text)
        if _digit_count(m.group()) in NATIONAL_PHONE_DIGITS
        and not _within(m.start(), m.end(), dates)
    ]
    covered = all(
        any(s.start <= run.start() and run.end() <= s.end for s in national)
        or _within(run.start(), run.end(), dates)
        for run in _DIGIT_RUN.finditer(text)
        if _digit_count(run.group()) >= 8
    )
    if covered and _INTERNATIONAL_PREFIX.search(text) is None:
        yield from national
        return
    # Anything else (+32 ..., 0032 ..., unusual spellings): the matcher, as well.
    found = [s for s in _matched_phones(text, region) if not _within(s.start, s.end, dates)]
    found.extend(national)
    found.extend(_phones_run_on(text, region, found, dates))
    yield from _joined(found)


def _joined(spans: list[Span]) -> list[Span]:
    """Overlapping readings of one number or address as one span: "0484/06.64.64 24/7" is read
    from its start ("0484/06.64.64") and from a group inside that starts with 0 ("06.64.64
    24/7"); the redactor keeps the first span it is given, so "0484/" would be left."""
    joined: list[Span] = []
    for span in sorted(spans):
        if joined and span.start < joined[-1].end:
            last = joined[-1]
            joined[-1] = Span(last.start, max(last.end, span.end), last.type)
        else:
            joined.append(span)
    return joined


def _phones_run_on(
    text: str, region: str, found: list[Span], dates: list[tuple[int, int]]
) -> Iterable[Span]:
    """A phone number in a run of digits that neither the matcher nor the national spelling
    reads whole: run on into a count or a time after it ("bel 0478 12 34 56 2 keer", "+32 478
    12 34 56 2 missed calls", "au 02 123 45 67 15 fois"), after a number before it ("du lit 6 :
    0481 91 38 18"), or in brackets the matcher refuses ("[+32 488 31 32 42)", "_+ [0032 476
    839803"). From each group that starts with 0 or follows a "+", the longest start of the run
    that is a valid number, up to a space or the run's end, is taken. Not in a national
    number's spelling that fails its checksum: "04 02 19 023 18" holds no phone."""
    for run in _DIGIT_RUN.finditer(text):
        if _digit_count(run.group()) < 9 or _within(run.start(), run.end(), dates):
            continue
        groups = list(_DIGITS.finditer(text, run.start(), run.end()))
        national_spelling = tuple(len(g.group()) for g in groups) in _NATIONAL_NUMBER_GROUPS
        taken = [s for s in found if s.start < run.end() and run.start() < s.end]
        for k, first in enumerate(groups):
            if any(s.start <= first.start() < s.end for s in taken):
                continue  # read from here already
            plus = _PLUS_BEFORE.search(text, max(0, first.start() - 2), first.start())
            if plus is None and (national_spelling or not first.group().startswith("0")):
                continue
            if k and not _spaced(text, groups[k - 1], first):
                continue  # inside a number: "0471/33.92.29"
            end = _longest_phone(text, region, groups[k:], "+" if plus else "")
            if end is not None:
                span = Span(plus.start() if plus else first.start(), end, EntityType.PHONE)
                taken.append(span)
                yield span


def _spaced(text: str, group: re.Match[str], after: re.Match[str]) -> bool:
    """A space (or a colon) between two groups of digits, not only a dot, slash or hyphen."""
    return text[group.end() : after.start()].strip(_NOT_A_SPACE) != ""


def _longest_phone(text: str, region: str, groups: list[re.Match[str]], digits: str) -> int | None:
    """Where the longest valid phone number made of the first of `groups` ends, at a space or
    at the last group (no number is longer than 15 digits)."""
    longest = None
    for k, group in enumerate(groups):
        digits += group.group()
        if len(digits) > _LONGEST_NUMBER:
            break
        last = k + 1 == len(groups)
        if (last or _spaced(text, group, groups[k + 1])) and len(digits) >= 9:
            if _valid_phone(digits, region):
                longest = group.end()
    return longest


def _valid_phone(number: str, region: str) -> bool:
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse(number, region))
    except phonenumbers.NumberParseException:
        return False


def _matched_phones(text: str, region: str) -> Iterable[Span]:
    for match in phonenumbers.PhoneNumberMatcher(text, region, Leniency.POSSIBLE):
        raw = match.raw_string
        digits = _digit_count(raw)
        number = raw.lstrip(_OPENING)
        if not (raw.startswith("(") or number.startswith(("+", "0"))) or digits < 8:
            continue
        if digits == 11 and not number.startswith(("+", "00")):
            continue  # an 11-digit number that failed the national-number checksum
        yield Span(_start_of_number(match.start, raw), match.end, EntityType.PHONE)


def _start_of_number(start: int, found: str) -> int:
    """Where a phone number's span starts: after an opening bracket (and space) the number does
    not close, "(0479 68 47 90)", "[+32 ...", "( +32 ..." (the matcher keeps them), so that the
    placeholder stands inside the brackets; at the bracket when the number closes it, "(02) 234
    56 78"."""
    number = found.lstrip(_OPENING)
    return start if ")" in number or "]" in number else start + len(found) - len(number)


def rooms(text: str) -> Iterable[Span]:
    for match in ROOM_OF_A_PATIENT.finditer(text):
        yield Span(match.start("room"), match.end("room"), EntityType.ROOM)
    for match in ROOM.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        if _NOT_PATIENT_ROOM.search(before):
            continue
        if _LIT.match(match.group()) and (
            not _BED_NOUN_BEFORE.search(text, max(0, match.start() - 48), match.start())
            or _READ_AFTER.match(text, match.end())
        ):
            continue  # "Mme Jeanne Van Damme lit 3"; but "Madame Dupont lit 2 livres" reads
        yield Span(match.start(), match.end(), EntityType.ROOM)


# rijksregister..., RRN, RR-nr, INSZ, INSS, NISS, numéro national/bis/de dossier, national
# (register) number, n° de dossier, bisnummer, bis number, dossiernummer, dossier n°,
# patiëntnummer, patient number, MRN, SSN; grouped by first letter, which halves the time.
IDENTIFIER_WORDS = re.compile(
    r"\b(?:r(?:ijksregister\w*|rn|r-?nr)|i(?:nsz|nss)|n(?:iss|uméro (?:national|bis|de dossier)|"
    r"ational (?:register )?number|° de dossier)|b(?:isnummer|is number)|"
    r"d(?:ossiernummer|ossier n°)|p(?:atiëntnummer|atientnummer|atient number)|mrn|ssn)",
    re.IGNORECASE,
)
