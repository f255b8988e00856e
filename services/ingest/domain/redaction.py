"""Patient data never leaves ingest: find personal data in free text and replace it.

Rule- and lexicon-based, offline, about 50 microseconds per text (see docs/ingest.md for the
measured recall/precision and why this was chosen over `belgian-deduce`). Detectors run on the
original text in priority order; a span that overlaps an earlier one (or a protected mention)
is dropped, then every span becomes a typed placeholder in the post's language.

    e-mail > national number (checksum) > date of birth > phone > room/bed > person name

`Redactor` loads its lexicons once (at start-up); `redact()` is pure and thread-safe.
"""

import functools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from importlib import resources

import phonenumbers
from phonenumbers import Leniency
from stdnum.be import bis, nn

from schemas.events import EntityType, Language
from schemas.network import Network

__all__ = [
    "PLACEHOLDERS",
    "Redacted",
    "Redactor",
    "Span",
    "detect_language",
    "network_words",
    "normalise_text",
]

PLACEHOLDERS: dict[Language, dict[EntityType, str]] = {
    Language.NL: {
        EntityType.NAME: "[naam]",
        EntityType.PHONE: "[telefoon]",
        EntityType.EMAIL: "[e-mail]",
        EntityType.NATIONAL_NUMBER: "[rijksregisternummer]",
        EntityType.DATE_OF_BIRTH: "[geboortedatum]",
        EntityType.ROOM: "[kamer]",
    },
    Language.FR: {
        EntityType.NAME: "[nom]",
        EntityType.PHONE: "[téléphone]",
        EntityType.EMAIL: "[e-mail]",
        EntityType.NATIONAL_NUMBER: "[numéro national]",
        EntityType.DATE_OF_BIRTH: "[date de naissance]",
        EntityType.ROOM: "[chambre]",
    },
    Language.EN: {
        EntityType.NAME: "[name]",
        EntityType.PHONE: "[phone]",
        EntityType.EMAIL: "[email]",
        EntityType.NATIONAL_NUMBER: "[national number]",
        EntityType.DATE_OF_BIRTH: "[date of birth]",
        EntityType.ROOM: "[room]",
    },
}


@dataclass(frozen=True, order=True)
class Span:
    start: int
    end: int
    type: EntityType


@dataclass(frozen=True)
class Redacted:
    text: str
    counts: dict[EntityType, int]
    needs_review: bool
    review_reasons: tuple[str, ...] = ()
    spans: tuple[Span, ...] = field(default=(), repr=False)


# --- text hygiene -------------------------------------------------------------------------------

# Zero-width and bidi characters hide or reorder text (a phone number split by U+200B escapes
# its detector). The zero-width joiner is kept only where it builds an emoji: 👩‍⚕️ (a health
# worker) or 👨‍👩‍👧 (a family), which staff do type.
_EMOJI_PART = "[\u2190-\u2bff\ufe0f\U0001f000-\U0001faff]"
# Invisible format characters split a word or a number just as well ("Verm<soft hyphen>eersch",
# "450312<word joiner>12395"): the soft hyphen, the combining grapheme joiner, the Mongolian vowel
# separator, the word joiner and invisible operators, the byte order mark.
_CONTROL = re.compile(
    r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\u00ad\u034f\u180e\u200b\u200c\u200e\u200f"
    r"\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]"
    rf"|(?<!{_EMOJI_PART})\u200d|\u200d(?!{_EMOJI_PART})"
)
# Every other space (no-break, narrow, thin, figure, ideographic ...) is a plain space: "0475
# 12 34 56" with narrow no-break spaces is the same phone number, "Mevrouw<nbsp>Peeters" the same
# name.
_SPACES = re.compile(r"[\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")


def normalise_text(text: str) -> str:
    """NFC, no control, format or bidi-override characters (nor a joiner outside an emoji),
    one kind of space, unified line ends, trimmed."""
    text = unicodedata.normalize("NFC", text).replace("\r\n", "\n").replace("\r", "\n")
    return _SPACES.sub(" ", _CONTROL.sub("", text)).strip()


_STOPWORDS: dict[Language, frozenset[str]] = {
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
    ),
}


_LETTERS = re.compile(r"[^\W\d_]+")


def _stopword_index() -> dict[str, tuple[Language, ...]]:
    """Stopword -> the languages it belongs to ("de" is Dutch and French)."""
    index: dict[str, tuple[Language, ...]] = {}
    for language, words in _STOPWORDS.items():
        for word in words:
            index[word] = (*index.get(word, ()), language)
    return index


_STOPWORD_LANGUAGES = _stopword_index()


def detect_language(text: str, default: Language) -> Language:
    """The post's language by stopword counts; `default` when unclear."""
    scores = dict.fromkeys(_STOPWORDS, 0)
    for word in _LETTERS.findall(text.casefold()):
        for language in _STOPWORD_LANGUAGES.get(word, ()):
            scores[language] += 1
    best = max(scores, key=lambda lang: scores[lang])
    if scores[best] == 0 or list(scores.values()).count(scores[best]) > 1:
        return default
    return best


# --- detectors ----------------------------------------------------------------------------------

# An apostrophe may stand inside the local part (j.o'brien@example.ie), never around it.
_EMAIL = re.compile(
    r"[\w.+%-]+(?:['\u2019][\w.+%-]+)*@[\w-]+(?:\.[\w-]+)*\.[A-Za-z]{2,}", re.UNICODE
)

# An address spelled out so that robots miss it: jan.peeters (at) azsint.be, marie [at] chu-liege
# [dot] be, sofie at azsint dot be, jean arobase chr point be. A bare "at" (a common English
# word) counts only with a dot in the local part or a spelled-out dot in the domain.
_SPELLED_AT = r"(?i:[(\[{<]\s*(?:at|@|arobase)\s*[)\]}>]|(?<=\s)(?P<bare>at|arobase)(?=\s)|@)"
_SPELLED_DOT = r"(?:\s*(?i:[(\[{<]\s*(?:dot|punt|point)\s*[)\]}>])\s*|\s+(?i:dot|punt|point)\s+|\.)"
_SPELLED_EMAIL = re.compile(
    rf"(?<![\w.+%-])(?P<local>[\w+%-]+(?:\.[\w+%-]+)*)\s*{_SPELLED_AT}\s*"
    rf"(?P<domain>[\w-]+(?:{_SPELLED_DOT}[\w-]+)*{_SPELLED_DOT}[A-Za-z]{{2,6}})(?![\w-])",
    re.UNICODE,
)
_AT_WORD = re.compile(r"\b(?:at|arobase)\b", re.IGNORECASE)
_DOT_WORD = re.compile(r"\b(?:dot|punt|point)\b", re.IGNORECASE)

# Separators people type between the groups of a number: space, dot, slash, hyphen, and what
# phone keyboards put there instead (no-break and narrow no-break space, thin space, en and em
# dash, minus sign). Never a line break.
_NUMBER_SEPARATOR = "[ .\\-/\u00a0\u2007\u2009\u202f\u2010-\u2015\u2212]"
# 11 digits with at most three separators between groups: 85073003328, 85.07.30-033.28,
# 850730 033 28, 85 07 30 033 28, 850730/033-28, 85  07  30 ..., 85.07.30 - 033.28 and the
# same with an en dash or no-break spaces (the checksum decides)
_ELEVEN_DIGITS = re.compile(
    rf"(?<![\d.,/+-])(?<!\+ )\d(?:{_NUMBER_SEPARATOR}{{0,3}}\d){{10}}(?![\d]|[.,/-]\d)"
)
"""(Not after a "+": "+32 495 67 89 01" is a phone number, whatever its checksum says.)"""

_MONTHS_IN_FULL = (
    "januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|december|"
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|"
    "décembre|decembre|january|february|march|may|june|july|august|october"
)
_MONTHS = (
    _MONTHS_IN_FULL
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
OLDEST_EVENT_YEAR = 2010
"""A full date before this year in a moment is taken as a date of birth (see docs)."""

# A room or bed: 12, 4B, A12, 2.14 (floor 2, room 14).
_ROOM_NUMBER = r"(?:[a-z]-?(?=\d))?\d{1,4}(?:\.\d{1,3})?(?:bis|ter|[a-z])?\b"
_ROOM_NUMBER_WORD = r"\s*(?:nrs?\.?|n°s?|nos?\.?|nummers?|numbers?|num[ée]ros?|#)?\s*:?\s*"
_ROOM = re.compile(
    # kamer 12, k. 12, kmr 14, ch 12, rm 12, room A12, chambre 12 lit 2 ...
    r"\b(?:k(?:amer(?:nummer|nr)?|mr|\.)|ch(?:ambre|bre|\b\.?|(?=\d))|r(?:oom|m\b\.?)"
    r"|bed(?:nummer)?|lit|box|bay|cubicle|appartement|appart)"
    rf"{_ROOM_NUMBER_WORD}{_ROOM_NUMBER}"
    rf"(?:\s*[,/]?\s*(?:bed|lit)\s*{_ROOM_NUMBER})?"
    # beds 4 and 5, kamers 3 en 4, chambres 2, 3 et 4
    rf"|\b(?:kamers|bedden|beds|rooms|chambres|lits){_ROOM_NUMBER_WORD}{_ROOM_NUMBER}"
    rf"(?:\s*(?:,|/|&|and|en|et)\s*{_ROOM_NUMBER})*"
    # K12: a capital K glued to the number
    r"|\b(?-i:K)\d{1,4}[a-z]?\b",
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
_NOT_PATIENT_ROOM = re.compile(
    r"(meeting|conference|staff|break|waiting|class|vergader|wacht|réunion|reunion|pause|"
    r"personeels|salle)\W*$",
    re.IGNORECASE,
)

MAX_NAME_WORDS = 5
_DIGIT = re.compile(r"\d")
_EIGHT_DIGITS = re.compile(r"\d(?:\D{0,3}\d){7}")
_DIGIT_RUN = re.compile(r"\d(?:[^\w\n]{0,3}\d)*")
# A day, a month and a year of this or the last century: 05/04/2026, 05 / 04 / 2026, 5-4-1950.
_CALENDAR_DATE = re.compile(
    r"(?<![\d.,/-])(?:0?[1-9]|[12]\d|3[01]) ?([./-]) ?(?:0?[1-9]|1[0-2]) ?\1 ?(?:19|20)\d\d"
    r"(?![\d]|[.,/-]\d)"
)
_INTERNATIONAL_PREFIX = re.compile(r"(?:\+|(?<!\d)00)\s?[1-9]")
_NATIONAL_PHONE = re.compile(
    r"(?<![\w+/.-])\(?0\d{1,3}\)?(?:[ \t\u00a0./-]{0,3}\d){5,9}(?![\w]|[./-]\d)"
)
NATIONAL_PHONE_DIGITS = (8, 9, 10)
"""Belgian numbers have 9 or 10 digits with the leading 0; one digit short is still taken as a
phone (a typo must not let a number through), as the phonenumbers matcher did."""

_WORD = re.compile(r"[^\W\d_](?:[\w'\u2019-]*[^\W_])?", re.UNICODE)
# Slack markup that is not the person's text: a member or channel id, or a special word. Real
# mentions reach the redactor as "@Name" with protected spans; this keeps only id-shaped markup
# as it is, so "<@Jeanne Lhoest>" typed in a form protects nothing.
_SLACK_PROTECTED = re.compile(
    r"<(?:@[UWB][A-Z0-9]{2,}|#[CG][A-Z0-9]{2,}|!(?:here|channel|everyone|subteam\^[A-Z0-9]+"
    r"|date\^[^<>|]{1,60}))(?:\|[^<>]{0,120})?>"
)
# A Slack or Teams mention right before "and": "<@U07QX2M9K> en", "<at>Sofie Claes</at> et".
_MENTION_BEFORE = re.compile(r"(?:<@[UW][A-Z0-9]+(?:\|[^<>]*)?>|</at>)[ \u00a0]*$")
# A web address, and the part after its host (path, query) where an article's or photo's title
# may name someone.
_LINK = re.compile(r"\b(?:https?://|www\.)[^\s/<>|]+(?P<path>[^\s<>|]*)", re.IGNORECASE)
_LINK_WORD = re.compile(r"[^\W\d_]+")
# Greetings and days whose second word is also a name: "Eid Mubarak", "Christmas Eve".
_SET_PHRASES = re.compile(
    r"\b(?:Eid|A[iï]d) (?:Mubarak|Moubarak|Said|Saïd)\b|\b(?:Christmas|New Year['\u2019]s) Eve\b",
    re.IGNORECASE,
)
_SENTENCE_LOOKBACK = 40
_SENTENCE_END = re.compile(r"[.!?:;\n\"“”«»()\[\]]\s*$|^\s*$")

# An emoji often ends a sentence in chat, but not always ("Bedankt 🙏 Jaspers!"): after one,
# only a stopword or a sign-off or cheer is taken for a new sentence's first word ("... 🙏 Top!",
# "😍 Groetjes, Lien", "💐 Wie wil helpen").
_EMOJI_BEFORE = re.compile(r"[\u2600-\u27bf\U0001f000-\U0001faff][\s\ufe0f\u200d]*$")
_SIGN_OFFS = frozenset(
    """groetjes groeten groet kusjes liefs knuffels bisous bises biz bisou amitiés amities
    cheers regards greetings xoxo xx top super simpel zalig prachtig knap chapeau respect wauw
    amai génial genial magnifique wow awesome""".split()
)

_TITLES = frozenset(
    """mevrouw mevr mw meneer mijnheer mnr dhr heer juffrouw mr mrs ms miss madame mme monsieur
    mademoiselle mlle dokter dr docteur doctor zuster zr broeder pater prof professor patiënt
    sœur soeur frère frere sister brother nurse
    patiënte patient patiente bewoner bewoonster résident résidente resident opa oma mémé pépé
    meme pepe papy mamy tante nonkel oncle grandpa grandma uncle aunt sir dame madam
    bomma bompa moemoe vava mamie papi tonton tantine familie famille mejuffrouw mej hr
    sr br pr mgr rev père pere abbé abbe grand-mère grand-mere grand-père grand-pere
    bonne-maman bon-papa nana""".split()
)
# A title that is part of the name after it: the Akan "Nana" ("Nana Yaw"), redacted with it.
_TITLES_OF_THE_NAME = frozenset({"nana"})
# A nickname in quotes right after a name, with or without brackets: 'Mieke ("Mie")'.
_NICKNAME_AFTER = re.compile(
    r"[ \u00a0]*\(?[\"'\u201c\u201d\u2018\u2019\u00ab][ \u00a0]?([^\W\d_]{2,15})[ \u00a0]?"
    r"[\"'\u201c\u201d\u2018\u2019\u00bb]\)?(?![^\W\d_])"
)
# Animals whose name comes right after them: a pet's name is no personal data.
_PETS = frozenset(
    """kat poes kater hond hondje honden konijn cavia vogel parkiet kanarie papegaai chat chatte
    chaton chien chienne chiot lapin oiseau perruche canari perroquet cat kitten dog puppy rabbit
    bird budgie parrot canary""".split()
)
# Titles that are also the nouns of a sentence ("één bewoner over zijn beroep vertelt").
_CARE_ROLES = frozenset(
    "patiënt patiënte patient patiente bewoner bewoonster résident résidente resident".split()
)
_SHORT_TITLES = frozenset(
    {
        "m",
        "dr",
        "mr",
        "mrs",
        "ms",
        "mme",
        "mlle",
        "dhr",
        "mevr",
        "mw",
        "zr",
        "hr",
        "mej",
        "sr",
        "br",
        "pr",
        "mgr",
        "rev",
        "fr",
    }
)
# "Naam: Kabongo", "Nom : Kabongo Mbuyi": a label and a colon, as in a list or a form.
_NAME_LABELS = frozenset(
    """naam voornaam achternaam familienaam roepnaam nom prénom prenom name surname
    bewoner bewoonster patiënt patiente patiënte patient résident résidente resident""".split()
)
_LABEL_COLON = re.compile(r"[ \t\u00a0]*:[ \t\u00a0]*")
_NAME_CUES = frozenset(
    "genaamd heet heette named called nommé nommée appelé appelée appelle prénom".split()
)
# Words that name a place when a number follows ("Ward 5B", "Unit 3"): then not a name, even
# when they are one (Ward).
_PLACE_LABELS = frozenset(
    """ward unit wing floor level block zone gate afdeling dienst blok vleugel verdieping zaal
    unité aile étage pavillon bloc""".split()
)
_NUMBER_AFTER = re.compile(r"[ \u00a0]?\d")
# Words before a ward's own name: "afdeling Zonnebloem", "l'unité Les Glycines" (not "dienst",
# "ward" or "unit": "bedankt voor de dienst Kabongo", "on the unit Priya" are people).
_WARD_WORDS = frozenset("afdeling unité vleugel pavillon aile wing residentie résidence".split())
# Institutions before their own name, capitalised: "Zaal Ensor", "Campus Bornem", "Home
# Zonnebloem", "WZC Ter Linde", "AZ Delta" (in lower case, a name may follow: "au home Espoir a
# organisé", "in de cafetaria Mbuyi tegengekomen").
_INSTITUTION_WORDS = frozenset(
    """campus zaal home wzc woonzorgcentrum rusthuis residentie résidence residence dagcentrum
    auditorium cafetaria cafétéria chorale koor musée museum maison hôpital hopital ziekenhuis
    kliniek clinique az uz chu chr gza zna""".split()
)
# Articles between a ward word and its name: "afdeling De Linde", "WZC Ter Linde".
_PLACE_ARTICLES = frozenset("les la le de het the ter den".split())
# Words after a room's or an institution's own name: "Rubens Room", "Wellbeing Room", "Jessa
# Hospital", "Ghent University" (a name there is still one: "Peeters Room"; not "Ward", "Wing"
# or "Lane", which are names: "Welkom Ward", "thanks to Amadou Wing").
_PLACE_AFTER = frozenset(
    "room unit lounge hospital university college school centre center café cafe".split()
)
_ELIDED = re.compile(r"^[dl]['\u2019]")  # "l'unité", "d'afdeling"
# Words a capital and a dot follow as a variant, not an initial: "Plan B.", "Vitamine B.".
_LETTERED_WORDS = frozenset(
    """plan vitamine vitamin type optie option groep groupe group fase phase niveau categorie
    catégorie category hepatitis hépatite""".split()
)
# Titles before a possessive in lower case that is someone's: "mrs petrenko's".
_HONORIFICS = frozenset(
    """mevrouw mevr mw meneer mijnheer mnr dhr mr mrs ms miss madame mme monsieur m mademoiselle
    mlle dokter dr docteur doctor sir madam""".split()
)
# Thanks before a rarer first name typed in lower case ("merci a grzegorz"); company words
# ("met", "for", "avec") are not enough there: "for over an hour", "avec bébé".
_THANKS_LEADS = frozenset(
    """dank dankzij bedankt dankjewel dankuwel merci thanks thank bravo proficiat félicitations
    felicitations kudos thx congrats chapeau shoutout shout-out props cheers""".split()
)
# How far the name rules look at their neighbours' neighbours ("A en B en C"): a long list
# must not exhaust the stack.
MAX_LOOK = 6
# A surname has at most three particles ("van de", "de la", "Van der", "Vanden"): longer runs are
# not looked through, so that "DE DE DE ..." costs no more than any other text.
_MAX_PARTICLES = 3
# Words between what belongs to a town and the town: "de burgemeester van Herentals", "la
# chorale de Gembloux", "a choir from Tervuren".
_PLACE_LEADS = frozenset("van de du des from".split())
# What belongs to a town, before those words ("het feestje van Lommel" may be someone's).
_TOWN_NOUNS = frozenset(
    """burgemeester gemeente stad dorp markt jaarmarkt kermis chiro scouts koor fanfare
    harmonie school ziekenhuis kerk parochie station brandweer politie bibliotheek zwembad
    vrijwilligers maire mairie commune ville village marché chorale cimetière église paroisse
    gare hôpital école pompiers police bibliothèque bénévoles piscine carnaval mayor council
    town city village market choir church parish station hospital school library volunteers
    cemetery""".split()
)
# Kin and other people before "van" or "de" ("de zoon van Lommel", "la fille de Beaumont") or
# before a name ("zijn dochter Bonheur", "vrijwilliger Jambon", "maman Bobo", as a child or a
# grandchild says it).
_KIN_NOUNS = frozenset(
    """zoon dochter vrouw man echtgenote echtgenoot moeder vader mama papa broer zus zuster
    mum mom mummy mommy dad daddy moeke vake
    kleinzoon kleindochter kinderen kind familie schoonzoon schoondochter collega buur buurvrouw
    buurman fille fils femme mari épouse epouse époux epoux mère mere père pere frère frere sœur
    soeur petite-fille petit-fils enfants enfant famille maman collègue collegue voisin voisine
    son daughter wife husband mother father brother sister grandson granddaughter children
    family colleague neighbour neighbor vrijwilliger vrijwilligster bénévole benevole volunteer
    stagiair stagiaire student studente étudiant étudiante etudiant etudiante""".split()
)
# Articles before a capitalised everyday word that then names a thing ("the new Protocol"); not
# "dat", "die" or "that", which are conjunctions and pronouns too ("dat Compte nog belde").
_ARTICLES = frozenset(
    """de het een the a an la le les un une des du this these those deze dit ce cet cette
    ces""".split()
)
# Adjectives between an article and such a word: "de nieuwe Checklist", "the new Protocol".
_ATTRIBUTIVES = frozenset(
    """nieuwe nieuw oude oud grote groot kleine klein hele eerste volgende laatste vorige
    aangepaste vernieuwde herwerkte echte new old big little small whole first next last
    latest updated revised proper real nouvelle nouveau nouvel grande grand petite petit
    première premier prochaine prochain dernière dernier vraie vrai""".split()
)
# A role in brackets right after a name: "Bonheur (aide-soignant)", "Awa (zorgkundige)".
_ROLE_AFTER = re.compile(
    r"[ \u00a0]*\((?:[^\W\d_]+[ \u00a0])?(?:stagiair|student|étudiant|etudiant|intern|"
    r"verpleegkundige|zorgkundige|verpleger|verpleegster|aide-soignant|infirmier|infirmière|"
    r"infirmiere|nurse|kiné|kine|physio|ergo|logo|arts|dokter|médecin|medecin|doctor|"
    r"chaplain|aumônier|aumonier|pastor|vrijwillig|bénévole|benevole|volunteer|porter|"
    r"brancardier|hca|diëtist|dietist|diététicien|dieteticien|dietitian|psycholo|"
    r"secretar|secrétaire|secretaire|onthaal|accueil|reception|poets|logisti|collega|"
    r"collègue|collegue|colleague)",
    re.IGNORECASE,
)
# Wards and specialties: never a name (the redactor adds them to the not-names lexicon), also
# not after "van" ("Aziz van Spoed").
_WARDS = frozenset(
    """spoed spoedgevallen urgences emergency oncologie oncology geriatrie gériatrie geriatrics
    cardiologie cardiology pediatrie pédiatrie pediatrics paediatrics neurologie neurology
    revalidatie revalidation rehabilitation palliatieve palliatifs palliative materniteit
    maternité maternity dialyse dialysis pneumologie pneumology radiologie radiology chirurgie
    surgery psychiatrie psychiatry orthopedie orthopédie orthopaedics urologie urology
    nefrologie néphrologie nephrology gastro-enterologie gastro-entérologie gastroenterology
    dermatologie dermatology hematologie hématologie haematology neonatologie néonatologie
    neonatology verloskunde obstétrique obstetrics kraamafdeling dagziekenhuis dagkliniek
    réanimation intensieve intensifs""".split()
)
# What someone did, right after their name (an emoji may come between): the auxiliaries of
# the past, common past forms, and English "-ed" forms. Not "is", "est", "was": "Hope is ...".
_DEED_AFTER = re.compile(
    r"[ \u00a0]+(?:[^\w\s.,;:!?()\[\]'\"\u2019-]+[ \u00a0]+)?"
    r"(?:heeft|hebben|had|kwam|bracht|zong|hielp|bleef|gaf|deed|nam|maakte|regelde|belde|"
    r"zorgde|a|avait|has|came|brought|sang|made|took|gave|kept|found|spent|held|read|sat|"
    r"stood|went|told|bought|wrote|drove|ran|met|left|taught|"
    r"[a-z]{2,}ed)(?![^\W\d_])"
)
# "van", "from", "de": who belongs to a service ("nand van de keuken"), not where something
# happened ("opgewarmd in de keuken").
_BELONGS_TO = (" van ", " from ", " of ", " de ", " du ", " d'", " d\u2019")
# Between a name and its room: "Roos van kamer 214", "pierre de la chambre 204", "Jef (kamer 12)".
_ROOM_LEAD = re.compile(
    r"[ \u00a0]*\(?[ \u00a0]*(?:(?:van|uit|op|in|de|du|on|from|of|at)[ \u00a0]+)?"
    r"(?:(?:de|la|the|het)[ \u00a0]+)?",
    re.IGNORECASE,
)
# A list of thanks: a heading that ends in a colon, and items after a bullet on their own lines.
_HEADING_END = re.compile(r":[ \t]*(?:[-\u2022*\u00b7\u2013][ \t]*)?$")
_LIST_BULLET = re.compile(r"[ \t]*[-\u2022*\u00b7\u2013][ \t]*")
_LIST_ITEM = re.compile(r"[ \t]*[-\u2022*\u00b7\u2013]")
_MAX_LIST_ITEMS = 30
_HEADING_LOOK = 60
_LIST_MARKS = (":", "-", "\u2022", "*", "\u00b7", "\u2013")
# The word after a name that may start its room: "van kamer 214", "(kamer 12)", "on bed 6",
# "K214".
_BEFORE_A_ROOM = frozenset(
    """van uit op in de du on from of at kamer k kmr chambre ch chbre room rm bed lit box bay
    cubicle appartement appart""".split()
)
# Words that lead to a town, and seldom to a person: not "de", "van", "naar", "à", "to",
# "from" ("merci à Swati", "flowers from Sanaa").
_TO_A_PLACE = frozenset("in uit richting nabij vers depuis into near".split())
# French verbs after which "à" leads to a town ("habite à Uccle"), not to a person ("merci à").
_LIVES_AT = frozenset(
    """habite habitait habitent vit vivait vivent vivre né née nés nées grandi vécu déménagé
    déménagée installé installée rentré rentrée retourné retournée arrivé arrivée travaille
    travaillait""".split()
)
_BEFORE_A_SAINTS_PLACE = frozenset(
    """du des het the à au in op naar uit campus az chu chr maison hôpital
    hopital clinique ziekenhuis kliniek hospital église eglise kerk church paroisse""".split()
)
_UNIT_AFTER = re.compile(
    r"[ \u00a0]+(?:van|uit|from|of|de|du|d'|in)[ \u00a0]*(?:(?:de|het|la|le|l'|the)[ \u00a0]*)?"
    r"(?:[^\W\d_]+[ \u00a0]+)?"
    r"(?:onthaal|receptie|accueil|reception|keuken|cuisine|kitchen|logistiek|logistique|logistics"
    r"|schoonmaak|poetsdienst|poetsploeg|nettoyage|housekeeping|cleaning|apotheek|pharmacie"
    r"|pharmacy|transport|techniek|technique|maintenance|onderhoud|dienst|service|ict|it"
    r"|administratie|administration|secretariaat|secrétariat|secretariat|wasserij|buanderie"
    r"|laundry|security|bewaking|sécurité|porters?|brancardage|"
    + "|".join(sorted(map(re.escape, _WARDS), key=len, reverse=True))  # "Mercy van Cardiologie"
    + r")\b",
    re.IGNORECASE,
)
# Before a verb that is a first name too: "ik ben van kamer 12 ...".
_PRONOUNS = frozenset(
    "ik jij je u hij zij ze we wij i you he she they il elle on nous vous".split()
)
# Words before a street's name: "rue de Fer", "avenue Louise" (a person's name there is the
# street's). Not "place" or "chemin": "à la place de Marie" means "instead of Marie".
_STREET_WORDS = frozenset(
    "rue avenue boulevard chaussée chaussee quai allée allee impasse drève dreve".split()
)
# Dutch street names end in a street word: Kerkstraat, Stationsplein, Brusselsesteenweg (not
# "laan": Verlaan and Vanderlaan are surnames).
_STREET_NAME = re.compile(r"(?<=\w{3})(?:straat|plein|steenweg|dreef|kaai|singel)$")
# Feasts, days and markets end in one: Wereldalzheimerdag, Offerfeest, Kerstmarkt, Warmste Week.
_DAY_NAME = re.compile(r"(?<=\w{3})(?:dag|feest|week|markt|festival)$")
_YEAR_AFTER = re.compile(r"[ \u00a0]+(?:19|20)\d\d\b")
_DAY_BEFORE = re.compile(r"(?<!\d)\d{1,2}(?:e|er|st|nd|rd|th)?\.?[ \u00a0]+$")
# Month names written in full ("Jan" is far more often a name than January).
_DATE_MONTHS = frozenset(_MONTHS_IN_FULL.split("|"))
# Two-letter first names that are also words ("An" in English): a name only after a title or
# before a surname.
_SHORT_FIRST_NAMES = frozenset({"an", "jo"})
# Capitalised particles of Arabic and Berber surnames that go with the name after them.
_ARABIC_PARTICLES = frozenset("el al ait aït ould ben bou abou abu".split())
# Chinese and Vietnamese family names of two letters, written first ("Li Wei", "Vo Thi Hoa").
_SHORT_FAMILY_NAMES = frozenset("li wu xu hu lu yu ng vo vu ly".split())
# Months and feasts that are also first names: never a name alone ("in June", "à Noël"), but
# the first name right before a surname ("June Okafor", "bed 3: August Peeters", "Noël Dubois").
_CALENDAR_FIRST_NAMES = frozenset("april may june august augustus avril noël noel mei".split())
# Of those, the ones that go before another first name too: "Mei Ling" (in Dutch the month is
# written in lower case).
_CALENDAR_DOUBLE_NAMES = frozenset({"mei"})
_ALL_STOPWORDS = frozenset().union(*_STOPWORDS.values())
# Not the capital D' before an H: Flemish surnames (D'Hondt, D'Haese, D'HOOGHE) keep it.
_ELISION = re.compile(r"^(?:[dlL]['\u2019](?=[A-ZÀ-Þ])|D['\u2019](?=[A-GI-ZÀ-Þ]))")
# Initials with the particles of a Flemish surname in small letters: "AVdB", "JVdV", "MvdB".
_FLEMISH_INITIALS = re.compile(r"[A-Z]{1,3}(?:vd|v|d)[A-Z]{1,2}")
_APOSTROPHES = frozenset("'\u2019")
# What makes a word an everyday one although it is in no list: a compound's linking letters
# ("weekend|s|ploeg"), a diminutive's ending, an elision before it ("qu'elle").
_COMPOUND_LINKS = ("", "s", "e", "en")
_DIMINUTIVES = ("tjes", "jes", "tje", "je")
_PLURALS_AND_DIMINUTIVES = ("en", "s", *_DIMINUTIVES)
_LONGEST_COMPOUND = 40  # "arbeidsongeschiktheidsverzekering" has 33 letters
_LEADING_ELISION = re.compile(r"^(?:\w|qu|jusqu|lorsqu|puisqu|quoiqu)['\u2019]")
# A name has letters only (and hyphens, apostrophes) and at least one vowel (read folded).
_NAME_SHAPE = re.compile(
    r"(?=.*[aeiouyàâäáãåæèéêëìíîïòóôöõøùúûüýÿœ])[^\W\d_'\u2019-]+(?:['\u2019-][^\W\d_]+)*"
)
# Surnames with an apostrophe after N, O, M or T and a capital, or Mc, Mac or Fitz and one:
# N'Diaye, O'Brien, M'Bala, T'Kindt, McCarthy, MacLeod, FitzGerald.
_APOSTROPHE_SURNAME = re.compile(r"(?:[NOMT]['\u2019]|D['\u2019](?=H)|Mc|Mac|Fitz)[A-ZÀ-Þ]")
_SAINTS = frozenset("saint sainte sint st san santa notre".split())
_CONJUNCTIONS = frozenset({"en", "et", "and", "&"})
_PARTICLES = frozenset(
    "van de der den vanden vander ver ten ter te du la le d' von di da del des dos".split()
)
# Names that are also common words: at the start of a sentence they count as a name only when
# a capitalised word (a surname) follows.
_AMBIGUOUS = frozenset(
    """will may mark hope grace rose roos fleur iris frank guy lieve art ben bill bas pol
    petit green hall wood brown bos vos smit bakker visser mulder mon sus vic mercy joy
    precious blessing faith patience sky lies""".split()
)
# Names that are also everyday words in lower case ("mon", "ben", "pierre", "joke", "will"):
# never taken for a name when typed in lower case.
_WORDS_TOO = _AMBIGUOUS | frozenset(
    """mon ben bas guy lien joke toon frans claire pierre aimé aime constant clément clement
    don jack bill pat sue lieve robin angel colin olivier max kim rose mark will may hope joy
    dawn april june ray rob art gene eve noël noel pascal victoire roger nick ward romain
    christian said mercy grace precious blessing faith patience sky lies""".split()
)
# Common first names that are more often lower-case words here ("un jean", "son fiston", "de
# medische staf", "milieu urbain", "the mats", "deux gilles"): with no cue before them, a word
# after them does not make them a name. A word that is as often a name ("amber", "lily",
# "rosa") is not here: leaking a name is worse than redacting a colour.
_LOWER_CASE_WORDS_TOO = frozenset(
    """jean fiston staf urbain mats gilles milan leen peter dries greet charlotte madeleine
    pascale marguerite benjamin jules carol terry octaaf victor joe daisy dieter""".split()
)
# Words after which a clause, and often its subject, starts.
_CLAUSE_WORDS = frozenset(
    "maar dus want toen daarna mais donc puis ensuite alors but so then".split()
)
# Names that are words too, but a name right after thanks: "dank aan roos", "merci à pierre"
# (not "merci à mon équipe", "bedankt ben je er morgen?").
_NAMES_AFTER_THANKS = frozenset(
    """roos rose pierre mercy grace hope joy precious blessing faith patience sky lies fleur
    iris""".split()
)
# Words before a lower-case first name that make it one: thanks, or company ("met lotte").
_NAME_LEADS = frozenset(
    """dank dankzij bedankt dankjewel dankuwel merci grâce thanks thank met samen door voor van
    avec par pour with by for bravo proficiat félicitations felicitations kudos thx
    congrats done again gedaan joué chapeau hoi hallo hello hi hey salut coucou bonjour
    shoutout shout-out props cheers""".split()
)
"""Words after which a common first name typed in lower case is a name: thanks, company,
praise ("well done jan", "goed gedaan lotte", "bien joué sophie") and greetings ("hoi sofie")."""
# Articles that French never writes after "à" (it writes "au", "aux"): "à Le Roy" is a name.
_NOT_AFTER_A = frozenset({"le", "les", "du"})
# Before a common first name that is a word too, typed in lower case ("merci guy", "hoi roger").
_THANKS_AND_GREETINGS = _THANKS_LEADS | frozenset(
    "hoi hallo hello hi hey salut coucou bonjour".split()
)
# ... but not these, which follow thanks and greetings as words: "bedankt ben je er morgen?",
# "merci à mon équipe", "bedankt lieve collega's", "hi hope you're well".
_NOT_GREETED = frozenset({"ben", "mon", "lieve", "hope"})
# Small words between thanks and a name: "dank je wel jan", "merci beaucoup à sophie",
# "thank you so much yonas".
_LEAD_LINKS = frozenset("je u aan à a to you wel beaucoup bcp bien so much very".split())
_MAX_LINKS = 3
_NOT_NAMES = frozenset(
    """mango moment moments slack teams kerstmis kerst pasen noël noel christmas easter
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag lundi mardi mercredi jeudi
    vendredi samedi dimanche monday tuesday wednesday thursday friday saturday sunday""".split()
)


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


@functools.cache  # package data: read once per process, however many redactors
def _lexicon(name: str) -> frozenset[str]:
    text = resources.files("services.ingest.domain.lexicon").joinpath(name).read_text("utf-8")
    words = (w for line in text.splitlines() if not line.startswith("#") for w in line.split())
    return frozenset(fold(w) for w in words)


@functools.cache
def _lowercase_words() -> frozenset[str]:
    return _lexicon("common_words.txt") - _lexicon("not_lowercase_words.txt")


@functools.cache
def _name_endings() -> frozenset[str]:
    """The last four letters or more of every listed name, short of the whole name: "berg" of
    "Vandenberg", "mans" of "Hermans", "hout" of "Steenhout"."""
    names = (
        _lexicon("first_names.txt")
        | _lexicon("first_names_more.txt")
        | _lexicon("surnames.txt")
        | _lexicon("surnames_more.txt")
        | _lexicon("names_also_words.txt")
    )
    return frozenset(name[cut:] for name in names for cut in range(1, len(name) - 3))


class _Token:
    """A word of the text, with what the name rules ask of it computed once."""

    __slots__ = (
        "_folded",
        "capitalised",
        "core",
        "core_end",
        "end",
        "key",
        "possessive",
        "shouted",
        "start",
        "starts",
        "text",
        "unknown",
    )

    def __init__(self, start: int, end: int, text: str) -> None:
        self.start = start
        self.end = end
        self.text = text
        core = text
        if text.endswith(("'s", "\u2019s")):  # a possessive 's is not part of the name
            core = text[:-2]
        self.core = core
        self.core_end = start + len(core)
        self.possessive = core != text
        self.capitalised = core[:1].isupper() and any(c.islower() for c in core[1:])
        self.shouted = len(core) > 1 and core.isupper()  # "JANSSENS", "DE"
        self.key = core.casefold().rstrip(".")
        self._folded: str | None = None
        self.unknown: bool | None = None  # Redactor._unknown_word's answer, once asked
        # Redactor._starts_name's answers by depth (1 and deeper: a neighbour's question): a
        # list's neighbours ask each other again and again ("joy en joy en ..."); answered
        # once, a long text costs linear time.
        self.starts: dict[int, bool] | None = None

    @property
    def folded(self) -> str:
        if self._folded is None:
            self._folded = fold(self.core)
        return self._folded


def network_words(network: Network) -> list[str]:
    """This network's organisation and department names: the `known_words` of its redactor."""
    return [
        name
        for organisation in network.organisations
        for name in (organisation.name, *(d.name for d in organisation.departments))
    ]


class Redactor:
    """Holds the lexicons (loaded once); `redact(text, language)` does the work."""

    def __init__(
        self,
        first_names: Iterable[str] | None = None,
        surnames: Iterable[str] | None = None,
        region: str = "BE",
        known_words: Iterable[str] = (),
    ) -> None:
        """`known_words`: capitalised words of this network that are not names (department and
        organisation names), added to the built-in list."""
        # The curated common names, and those plus Faker's longer lists (rarer names, many of
        # them surnames too: Yildiz).
        self._common_first = (
            frozenset(fold(n) for n in first_names)
            if first_names is not None
            else _lexicon("first_names.txt")
        )
        self._first = (
            self._common_first
            if first_names is not None
            else self._common_first | _lexicon("first_names_more.txt")
        )
        # The same for surnames: frequent ones, and Faker's longer lists (Nguyen, Diallo).
        self._common_last = (
            frozenset(fold(n) for n in surnames)
            if surnames is not None
            else _lexicon("surnames.txt")
        )
        # Less the known non-names: "Parkinson", "Toussaint" are surnames there too.
        not_names = _lexicon("not_names.txt") | {fold(w) for w in _WARDS}
        self._last = (
            self._common_last
            if surnames is not None
            else self._common_last | (_lexicon("surnames_more.txt") - not_names)
        )
        self._region = region
        # A particle in an organisation's name ("WZC De Denneboom") stays a particle: it must
        # not split "Marie De Smet".
        network = {fold(w) for phrase in known_words for w in _WORD.findall(phrase)}
        self._network_words = frozenset(network - _PARTICLES)
        # Countries and languages ("Syrie", "Vietnamees"): no word of them is in a list of
        # person names. Towns are read as towns only after a word that leads to a place ("in
        # Dublin", "de burgemeester van Herentals"): many are surnames too (Beaumont, Lommel),
        # or names (Sanaa).
        self._not_names = not_names | _lexicon("countries.txt") | self._network_words
        self._towns = _lexicon("towns.txt")
        # Everyday words of the three languages: what is in no list at all may be a name.
        self._words = _lexicon("common_words.txt")
        self._heads = tuple(sorted(_lexicon("compound_heads.txt"), key=len, reverse=True))
        # Names that are frequent words too, left out of the name lists for that reason: a
        # capitalised everyday word is still a possible name when it is one of these.
        self._names_also_words = _lexicon("names_also_words.txt")
        # The everyday words that spelling dictionaries write in lower case ("checklist", not
        # "beaumont"): a capitalised one after an article names a thing.
        self._lower_words = _lowercase_words()
        self._name_endings = _name_endings()

    def redact(
        self, text: str, language: Language, protected: Sequence[tuple[int, int]] = ()
    ) -> Redacted:
        """Replace personal data with placeholders; `protected` spans (mentions) stay."""
        spans = self.find(text, protected)
        placeholders = PLACEHOLDERS[language]
        out: list[str] = []
        position = 0
        for span in spans:
            out.append(text[position : span.start])
            out.append(placeholders[span.type])
            position = span.end
        out.append(text[position:])
        redacted = "".join(out)
        counts = dict(Counter(span.type for span in spans))
        reasons = review_reasons(redacted, counts)
        if self._name_in_link(redacted):
            reasons = (*reasons, "name_in_link")
        return Redacted(redacted, counts, bool(reasons), reasons, tuple(spans))

    def _name_in_link(self, text: str) -> bool:
        """A web address whose path holds a first name or surname as one of its words
        (`.../jeanne-lhoest-viert-100ste-verjaardag`): an article or a photo about someone.
        Not redacted (the link would break), but shown to the ambassador first."""
        if "http" not in text and "www." not in text:
            return False
        for link in _LINK.finditer(text):
            words = _LINK_WORD.findall(link.group("path").casefold())
            if any(self._name_word(fold(word)) for word in words if len(word) >= 3):
                return True
        return False

    def _name_word(self, key: str) -> bool:
        return (key in self._common_first or key in self._common_last) and self._only_a_name(
            key, key
        )

    def _only_a_name(self, key: str, folded: str) -> bool:
        """A name that is not also an everyday word, a stopword, a particle or a known
        non-name ("rose", "de", "mars" are; "nathalie" is not)."""
        return (
            key not in _WORDS_TOO
            and folded not in _WORDS_TOO  # "grâce" is "grace"
            and key not in _ALL_STOPWORDS
            and key not in _PARTICLES
            and key not in _NOT_NAMES
            and folded not in self._not_names
        )

    def find(self, text: str, protected: Sequence[tuple[int, int]] = ()) -> list[Span]:
        taken: list[tuple[int, int]] = [*protected]
        taken.extend((m.start(), m.end()) for m in _SLACK_PROTECTED.finditer(text))
        taken.extend((m.start(), m.end()) for m in _SET_PHRASES.finditer(text))
        accepted: list[Span] = []
        detectors: tuple[Callable[[str], Iterable[Span]], ...] = (_emails, self._names)
        if _DIGIT.search(text) is not None:  # many moments hold no digit at all
            detectors = (
                _emails,
                _national_numbers,
                _dates_of_birth,
                self._phones,
                _rooms,
                self._names,
            )
        for detector in detectors:
            for span in detector(text):
                if not any(span.start < end and start < span.end for start, end in taken):
                    accepted.append(span)
                    taken.append((span.start, span.end))
                elif span.type is EntityType.NAME:
                    # "Mevr. Janssens Kamer 214", "Jan Peeters jan.peeters@...": the name ran
                    # into a room or an address found first. Look again with those blanked out.
                    for part in self._names(_blanked(text, taken)):
                        if span.start <= part.start and part.end <= span.end:
                            accepted.append(part)
                            taken.append((part.start, part.end))
        return sorted(accepted)

    def _phones(self, text: str) -> Iterable[Span]:
        if _EIGHT_DIGITS.search(text) is None:
            return  # most moments hold no long number at all
        # The common case, a Belgian number in national spelling (0 + prefix), is checked by
        # its length here: the phonenumbers matcher parses every candidate (~25 us each).
        # "05/04/2026" has the digits of a phone number (0 + 7), but it is a date.
        dates = [(m.start(), m.end()) for m in _CALENDAR_DATE.finditer(text)]
        national = [
            Span(m.start(), m.end(), EntityType.PHONE)
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
        if not covered or _INTERNATIONAL_PREFIX.search(text) is not None:
            # Anything else (+32 ..., 0032 ..., unusual spellings): the matcher, as well.
            yield from (s for s in self._matched_phones(text) if not _within(s.start, s.end, dates))
        yield from national

    def _matched_phones(self, text: str) -> Iterable[Span]:
        for match in phonenumbers.PhoneNumberMatcher(text, self._region, Leniency.POSSIBLE):
            raw = match.raw_string
            digits = _digit_count(raw)
            international = raw.startswith(("+", "00"))
            if not raw.startswith(("+", "0", "(")) or digits < 8:
                continue
            if digits == 11 and not international:
                continue  # an 11-digit number that failed the national-number checksum
            yield Span(match.start, match.end, EntityType.PHONE)

    def _names(self, text: str) -> Iterable[Span]:
        if not _written_in_capitals(text):
            return self._names_in(text)
        # "DANK AAN JAN PEETERS": capitals say nothing here. Read it as typed (a title before a
        # name in capitals) and in lower case (thanks before a common first name), both.
        lowered = text.replace("İ", "I").lower()  # "İLKER": the dotted capital lowers to two
        if len(lowered) != len(text):  # a letter whose lower case is longer: spans would shift
            return self._names_in(text)
        return _merged([*self._names_in(text, capitals=True), *self._names_in(lowered)])

    def _names_in(self, text: str, *, capitals: bool = False) -> Iterable[Span]:
        tokens = []
        for match in _WORD.finditer(text):
            word = match.group()
            # "d'Armand", "l'Olivier" (checked only where the apostrophe is)
            elided = _ELISION.match(word) if word[1:2] in _APOSTROPHES else None
            skip = elided.end() if elided else 0
            tokens.append(_Token(match.start() + skip, match.end(), word[skip:]))
        i = 0
        after = 0  # the first token not yet inside a name
        while i < len(tokens):
            if self._starts_name(text, tokens, i):
                j = self._extend(text, tokens, i, capitals=capitals)
                start = _particles_before(text, tokens, i, after)
                if start == i and self._shouted_surname_before(text, tokens, i, after):
                    start = i - 1  # "PEETERS Maria", as a ward's lists write it
                if self._calendar_first_name_before(text, tokens, start, after):
                    start -= 1  # "June Okafor", "Noël De Smet"
                elif _part_of_the_name_before(text, tokens, start, after):
                    start -= 1  # "Li Wei": the family name first; "Nana Yaw": a title of his
                end = tokens[j].core_end
                if _initial(text, tokens[j]) and not _ends_sentence(text, end + 1):
                    end += 1  # "Mme B. a souri": the initial's dot goes with it
                yield Span(tokens[start].start, end, EntityType.NAME)
                i = after = j + 1
                nickname = _NICKNAME_AFTER.match(text, end)
                if nickname is not None and i < len(tokens):
                    # 'Mieke ("Mie")', 'Jozef "Jos" Peeters': what everyone calls them
                    yield Span(nickname.start(1), nickname.end(1), EntityType.NAME)
                    if tokens[i].start == nickname.start(1):
                        i = after = i + 1
            else:
                i += 1

    def _starts_name(self, text: str, tokens: list[_Token], i: int, depth: int = 0) -> bool:
        """Whether a name starts at token `i`; `depth` counts the looks at neighbours."""
        if depth > MAX_LOOK:
            return False
        if depth == 0:  # asked once per word, by `_names_in`; neighbours ask deeper
            return self._name_starts_at(text, tokens, i, depth)
        token = tokens[i]
        if token.starts is None:
            token.starts = {}
        known = token.starts.get(depth)
        if known is None:
            known = token.starts[depth] = self._name_starts_at(text, tokens, i, depth)
        return known

    def _name_starts_at(self, text: str, tokens: list[_Token], i: int, depth: int) -> bool:
        token = tokens[i]
        if _is_initial_before_surname(text, tokens, i, self._not_names):
            return True
        if _FLEMISH_INITIALS.fullmatch(token.core):
            return True  # "AVdB", "MvdB": someone's initials, with the small "van de"
        if token.text[:1].isupper() and (
            _after_a_saint(text, tokens, i)
            or _date_word(text, token)
            or (_names_a_place(text, tokens, i) and not self._in_lexicon(token.folded))
            or (i >= 1 and _institution_article(text, tokens, i - 1))  # "WZC Ter Linde"
        ):
            # "since May 2026", "rue de Fer", "afdeling Zonnebloem"; but a known name there is
            # still taken for one ("bedankt voor je dienst Sofie").
            return False
        previous = tokens[i - 1] if i else None
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            previous is not None
            and previous.key in _PETS
            and previous.core.islower()  # "Dank aan Kat Peeters": Kat is someone
            and _adjacent(text, previous, token)
        ):
            return False  # "haar kat Minou", "son chien Rex", "her budgie Pippin": no person
        if (
            token.capitalised
            and (token.key in _SIGN_OFFS or token.key in _ALL_STOPWORDS)
            and token.folded not in self._first
            and _EMOJI_BEFORE.search(text, max(0, token.start - 8), token.start) is not None
        ):
            return False  # "... begrijpt 🙏 Top!", "😍 Groetjes, Lien": a new sentence
        if (
            previous is not None
            and previous.key in _NAME_LABELS
            and _LABEL_COLON.fullmatch(text, previous.end, token.start)
        ):
            # After the colon a sentence may start, so capitals alone say nothing; the label does.
            if token.shouted:
                return self._shouted_name(token)
            return (
                token.capitalised
                and token.key not in _ALL_STOPWORDS
                and token.folded not in self._not_names
            )
        titled = previous is not None and _title_before(text, previous, token)
        if (
            (token.key in _INSTITUTION_WORDS or token.key in _PLACE_AFTER)
            and not titled
            and self._place_label(text, token, previous, following)
        ):
            return False
        if token.key in _PARTICLES and titled:
            k = i
            while (
                k < min(len(tokens), i + _MAX_PARTICLES)
                and tokens[k].key in _PARTICLES
                and not tokens[k].capitalised
            ):
                k += 1
            # "mevrouw de Smet", "mevr. De Smet", "monsieur de la Fontaine", "MEVR. DE SMET",
            # and as typed on a phone, "mevr de smet" (Desmet is a known surname)
            return (
                k < len(tokens)
                and tokens[k].key not in _TITLES  # "la famille de Madame X": X is the name
                and tokens[k].key not in _WARDS  # "elke patiënt van de Dagkliniek"
                and (
                    tokens[k].capitalised
                    or tokens[k].shouted
                    or self._lowercase_surname(tokens[i:k], tokens[k])
                )
                and all(_adjacent(text, tokens[n], tokens[n + 1]) for n in range(i, k))
            )
        if titled and not token.capitalised:
            # "mevrouw PEETERS", "MEVROUW JANSSENS"; "mevrouw janssens" only with a known
            # surname ("mevrouw was blij" stays)
            if token.shouted:
                return self._shouted_name(token)
            if _initial(text, token):
                return True  # "Mme B.", "meneer P.": the initial stands for the name
            # ... and "zuster godelieve", "oma mariette", "mamie josiane": a first name that is
            # not also a word.
            # "mrs petrenko's": a possessive after a title is someone's, whoever they are.
            possessed = (
                token.possessive
                and len(token.core) >= 3
                and token.core.islower()
                and previous is not None
                and previous.key in _HONORIFICS
            )
            # "mevr kowalczyk", "M. ionescu": after an honorific (not "oma M. straalde", where
            # M. is an initial; not "the resident hadnt"), a word of no list is a surname.
            honoured = (
                previous is not None
                and previous.key in _HONORIFICS
                and not (
                    len(previous.key) == 1
                    and i >= 2
                    and _title_before(text, tokens[i - 2], previous)
                )
            )
            return (
                (
                    (
                        (token.folded in self._last or possessed)
                        and token.key not in _PARTICLES
                        and token.key not in _AMBIGUOUS
                        and token.key not in _ALL_STOPWORDS
                        and token.key not in _NOT_NAMES
                    )
                    or self._typed_lowercase(token, self._first)
                )
                # after "bewoner", "patiënt": not a word that the spelling dictionaries write
                # in lower case ("één bewoner over zijn beroep"; "patiënt peeters" is a name,
                # and so is "opa visser")
                and (
                    previous is None
                    or previous.key not in _CARE_ROLES
                    or token.folded not in self._lower_words
                )
            ) or (honoured and self._unknown_word(token))
        if token.shouted:  # "MERCI NATHALIE !!!", "... VOOR MARIEKE EN SEVDA"
            return (
                self._shouted_first_name(token)
                or self._paired(text, tokens, i, depth)
                # a rarer first name right after thanks: "Merci MAŁGORZATA d'avoir ...", and
                # a short one or one in no list: "DIKKE MERCI AN EN JOKE", "THANK YOU MARICEL"
                or (
                    (
                        token.folded in self._first
                        or token.key in _SHORT_FIRST_NAMES
                        or self._shouted_unknown(token)
                    )
                    and self._led(text, tokens, i, _THANKS_LEADS)
                )
                # "DANK AAN DE SMET", "MERCI À LE CLERCQ", "mevr EL AMRANI"
                or self._shouted_after_particles(text, tokens, i)
            )
        if not token.capitalised:
            return self._lowercase_name(text, tokens, i, depth)
        if token.key in _TITLES or (token.key in _NOT_NAMES and not titled):
            return False  # "Kerstmis" is no name, but "meneer Noël" is
        if token.key in _PLACE_LABELS and _NUMBER_AFTER.match(text, token.end):
            return False
        if titled:
            return True
        if previous is not None and _adjacent(text, previous, token, allow_dot=True):
            if previous.key in _NAME_CUES:
                return True
            if previous.key in _SHORT_TITLES and text[previous.end : previous.end + 1] == ".":
                return False  # "5 m. Verder": a lowercase "m." is no title
        if previous is not None and previous.key in _NAME_CUES and _adjacent(text, previous, token):
            return True
        if token.key in _SHORT_FIRST_NAMES:
            # "An Peeters", "Jo Vermeulen", "Dankjewel An"; not "An old man"
            thanked = (
                previous is not None
                and previous.key in _NAME_LEADS
                and (_adjacent(text, previous, token) or _after_a_comma(text, previous, token))
            )  # "Dankjewel An", "Thanks, Jo!"
            # "Met An en Jo", "Zalig hoe Jo en Lowie zongen"
            paired = self._paired(text, tokens, i, depth) or self._pair_follows(
                text, tokens, i, depth
            )
            surname_follows = (
                following is not None
                and _adjacent(text, token, following)
                and following.capitalised
                and self._starts_name(text, tokens, i + 1, depth + 1)
            )
            return thanked or paired or surname_follows
        if not self._in_lexicon(token.folded):
            return self._unknown_proper_noun(text, tokens, i, depth)
        if token.key in _ALL_STOPWORDS and _sentence_start(text, token.start):
            return False  # "Très émouvant.": a stopword that a list also holds as a name (Tres)
        if token.folded in _AMBIGUOUS and not token.possessive:  # "Grâce à ..."
            surname_follows = (
                following is not None
                and following.capitalised
                and _adjacent(text, token, following)
            )
            return (
                surname_follows
                or not _sentence_start(text, token.start)
                or _room_follows(text, token)  # "Roos van kamer 214 wou ..."
                or _unit_follows(text, token)  # "Sky van het onthaal", "Lies from pharmacy"
                or _acts_next(text, token)  # "Hope stayed late", "Grace a tenu la main"
                or _listed_after_thanks(text, token.start)  # "Huge thanks to: Mercy, ..."
                or self._pair_follows(text, tokens, i, depth)  # "Hope and Precious stayed"
            )
        return True

    def _place_label(
        self, text: str, token: _Token, previous: _Token | None, following: _Token | None
    ) -> bool:
        """The label of a place's name, although a name too: "Zaal Ensor", "Home Zonnebloem"
        (Zaal and Home are surnames)."""
        if token.key in _INSTITUTION_WORDS and token.capitalised:
            return (
                following is not None
                and following.capitalised
                and _adjacent(text, token, following)
                and _NUMBER_AFTER.match(text, token.end) is None
            )
        return (
            token.key in _PLACE_AFTER
            and token.capitalised
            and previous is not None
            and previous.capitalised
            and _adjacent(text, previous, token)
            and not self._in_lexicon(previous.folded)
            and previous.key not in _ALL_STOPWORDS  # "Pour Ward : ..."
            and previous.key not in _NAME_LEADS
            and _NUMBER_AFTER.match(text, token.end) is None
        )

    def _paired(self, text: str, tokens: list[_Token], i: int, depth: int) -> bool:
        """After "en / et / and" and a name: "Met An en Jo", "MARIEKE EN SEVDA" (in capitals
        only after a name in capitals: "Sofie EN TEAM" is a team)."""
        token = tokens[i]
        if (
            i >= 1
            and not token.shouted
            and text[tokens[i - 1].end : token.start].strip(" ") == ","
            and _listed_on(text, tokens, i)
            and self._starts_name(text, tokens, i - 1, depth + 1)
        ):
            return True  # a list: "thanks to kasia, bilal and ines" (not "Gustaaf, bakte ...")
        c = i - 1  # the conjunction; "merci à oksana et à dmytro" has a small word after it
        if c >= 1 and tokens[c].key in _LEAD_LINKS and tokens[c - 1].key in _CONJUNCTIONS:
            c -= 1
        if c < 1 or tokens[c].key not in _CONJUNCTIONS:
            return False
        if _MENTION_BEFORE.search(text, max(0, tokens[c].start - 64), tokens[c].start):
            # "thx <@U07QX2M9K> en taras": a colleague credited, and another one (a listed
            # first name: "en stagiairs", "and physios" are not)
            return (token.capitalised or self._typed_lowercase(token, self._first)) and all(
                _adjacent(text, tokens[k], tokens[k + 1]) for k in range(c, i)
            )
        if token.shouted and not (tokens[c - 1].shouted and self._shouted_name(token)):
            return False
        return all(
            _adjacent(text, tokens[k], tokens[k + 1]) for k in range(c - 1, i)
        ) and self._starts_name(text, tokens, c - 1, depth + 1)

    def _pair_follows(self, text: str, tokens: list[_Token], i: int, depth: int) -> bool:
        """ "en / et / and" and a capitalised name right after: "Hope and Precious", "Roos en
        Jef"."""
        other = _pair_partner(text, tokens, i)
        return (
            other is not None
            and other.capitalised
            and self._starts_name(text, tokens, i + 2, depth + 1)
        )

    def _shouted_first_name(self, token: _Token) -> bool:
        """A common first name in capitals in a message that is not: "MERCI NATHALIE !!!"."""
        return (
            len(token.core) >= 4
            and token.folded in self._common_first
            and self._only_a_name(token.key, token.folded)
        )

    def _unknown_proper_noun(self, text: str, tokens: list[_Token], i: int, depth: int) -> bool:
        """A capitalised word not in any lexicon: a name unless it is a known non-name.

        Mid-sentence, capitalisation marks a proper noun. At the start of a sentence it says
        nothing, so there it needs more: a possessive (`Archie's`), or a conjunction and
        another capitalised word (`Kenza et Yanis`).
        """
        token = tokens[i]
        if len(token.core) < 3:
            # "Dankzij Vo", "Kudos Ng": a two-letter family name after thanks or company
            return (
                token.key in _SHORT_FAMILY_NAMES
                and token.capitalised
                and self._led(text, tokens, i, _NAME_LEADS)
            )
        if token.possessive and token.key in _CALENDAR_FIRST_NAMES:
            return True  # "Mei's idea", "June's daughter": a month owns nothing
        if token.folded in self._not_names:
            return False
        if token.folded in self._towns and (
            _to_a_place(text, tokens, i) or self._named_town(text, tokens, i, depth)
        ):
            # "kleinzoon in Dublin", "ze woont in Rumbeke", "vers Namur", "de markt van
            # Herentals"
            return False
        if (
            token.key in _NAME_LEADS
            and token.key not in _PARTICLES
            and token.folded not in _AMBIGUOUS
        ):
            # "Dankzij Ahmadi ...", "super, Bravo Kabongo": thanks before a name is not its
            # first name; but Grâce and Grace are names too
            return False
        if token.key in _ALL_STOPWORDS and token.key not in _PARTICLES:
            return False  # "Plus belle la vie", "The Beatles": a capitalised stopword is none
        first, _, rest = token.core.partition("-")
        if rest[:1].islower() and fold(first) in self._not_names:
            return False  # "Nespresso-machine", "Kerst-concert"; not "Dieu-Merci", "Mei-Ling"
        if (token.key in _SAINTS or (rest and first.casefold() in _SAINTS)) and _saints_place(
            text, tokens, i
        ):
            return False  # "Sint-Jan", "l'hôpital Saint-Luc": a hospital, a church, a feast
        before = max(0, token.start - 16)  # the letter, its dot and a few spaces, no further
        if token.key in _ALL_STOPWORDS and _AFTER_A_LETTER_AND_DOT.search(
            text, before, token.start
        ):
            return False  # "blok C. Een pluim": the dot ended a sentence after all
        if "-" in token.core and token.core.split("-", 1)[0].isupper():
            return False  # "INSZ-nummer", "AZ-Voorbeeld": an acronym compound
        if _STREET_NAME.search(token.key) or self._day_name(token.folded):
            return False  # "Kerkstraat", "Stationsplein"; "Wereldalzheimerdag", "Kerstmarkt"
        if not _sentence_start(text, token.start) and not _lettered(text, tokens, i - 1):
            # mid-sentence; "Plan B. Then ..." is a new sentence
            return not self._capitalised_word(text, tokens, i, depth)
        if token.possessive or _APOSTROPHE_SURNAME.match(token.core):
            return True  # "Archie's", and "N'Diaye", "O'Brien" wherever they stand
        if _role_follows(text, token) and token.key not in _ALL_STOPWORDS:
            return True  # "Storm (stagiair) heeft ...", "Espérance (aide-soignante) a ..."
        if token.folded in self._names_also_words and (
            _unit_follows(text, token) or _acts_next(text, token)
        ):
            return True  # "Lucky from housekeeping found ...", "Aimé a passé la nuit"
        if any(token.key in words for words in _STOPWORDS.values()):
            return False
        if self._no_word(token):
            return True  # "Kabeya from housekeeping ...": in no list of names or of words
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if (
            following is not None
            and following.capitalised
            and following.folded not in self._not_names
            # "Bel Sofie", "Call Sarah": a verb first. Only a common first name says so: a rare
            # one is as often a surname ("Emre Yildiz").
            and following.folded not in self._common_first
            and following.key not in _TITLES
            and following.key not in _SAINTS  # "Campus St Vincent"
            and not following.core.split("-", 1)[0].isupper()
            and not _date_word(text, following)  # "Since May 2026"
            and _adjacent(text, token, following)
        ):
            return True  # "Zebedeus Quirinus ...": a first name and a surname
        if i + 2 < len(tokens):
            conjunction, other = tokens[i + 1], tokens[i + 2]
            return (
                conjunction.key in _CONJUNCTIONS
                and other.capitalised
                and other.folded not in self._not_names
                and _adjacent(text, token, conjunction)
                and _adjacent(text, conjunction, other)
            )
        return False

    def _capitalised_word(self, text: str, tokens: list[_Token], i: int, depth: int) -> bool:
        """An everyday word capitalised after an article, as titles and labels are: "de nieuwe
        Checklist", "the new Protocol", "Het Protocol", "een Rollator", "l'Infirmière en chef";
        unless it stands where a name does. Without an article it stays a name: many surnames
        are everyday words ("Vandaag heeft Jaspers ...", "Aujourd'hui Pasteur a ...")."""
        return (
            _after_an_article(text, tokens, i)
            and self._everyday_capitalised(tokens[i])
            and not self._stands_as_a_name(text, tokens, i, depth, _NAME_LEADS)
        )

    def _named_town(self, text: str, tokens: list[_Token], i: int, depth: int) -> bool:
        """A town after what belongs to a town: "de burgemeester van Herentals", "la chorale de
        Gembloux", "a choir from Tervuren", "les bénévoles d'Etterbeek". Not after anything
        else ("het feestje van Lommel", "le gâteau de Beaumont": Lommel and Beaumont are
        surnames too)."""
        token = tokens[i]
        if i < 1 or token.folded in self._names_also_words or len(token.core) < 4:
            return False
        k = i - 1  # the noun
        if text[max(0, token.start - 2) : token.start] in ("d'", "d\u2019"):
            # "d'Etterbeek" is one token, its elision the lead
            if text[tokens[k].end : token.start - 2].strip(" \u00a0"):
                return False
        else:
            lead = tokens[k]
            if k < 1 or lead.key not in _PLACE_LEADS or not lead.core.islower():
                return False  # "Van Dessel is met pensioen": a capitalised particle
            if not (_adjacent(text, lead, token) and _adjacent(text, tokens[k - 1], lead)):
                return False
            k -= 1
        if tokens[k].key not in _TOWN_NOUNS:
            return False
        # the lead is no name lead here: "van" leads to Herentals after "de burgemeester"
        return not self._stands_as_a_name(text, tokens, i, depth, _NAME_LEADS - _PLACE_LEADS)

    def _stands_as_a_name(
        self, text: str, tokens: list[_Token], i: int, depth: int, leads: frozenset[str]
    ) -> bool:
        """Where names stand: after thanks, company or kin ("dankzij Hoop", "maman Bobo", "zijn
        dochter Bonheur", "vrijwilliger Jambon"), in a pair or a list of names ("Cheikh et
        Amadou", "Merci à : - Will"), before a service, a room or a role ("Rami du nettoyage",
        "Bonheur (aide-soignant)"), or beside a capitalised word that may be a name ("Lucky
        Mbala"; not "AZ Delta", "The Sound of Music")."""
        token = tokens[i]
        if (
            self._led(text, tokens, i, leads | _KIN_NOUNS)
            or _listed_after_thanks(text, token.start)
            or _kin_of(text, tokens, i)
            or _unit_follows(text, token)
            or _room_follows(text, token)
            or _role_follows(text, token)
            or self._paired(text, tokens, i, depth)
            or self._pair_follows(text, tokens, i, depth)
        ):
            return True
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return any(
            other is not None
            and (other.capitalised or other.shouted)
            and _adjacent(text, *((other, token) if other is before else (token, other)))
            and not self._everyday_capitalised(other)
            # "The Sound of Music", "La Bohème"; but "Espoir De Keyser": a particle after it
            and (other.key not in _ALL_STOPWORDS or (other is after and other.key in _PARTICLES))
            and not self._acronym(other)
            for other in (before, after)
        )

    def _acronym(self, token: _Token) -> bool:
        """A short word in capitals that is no name: "AZ", "GZA", "CHU" (not "JAN", "LI")."""
        return (
            token.core.isupper()
            and 2 <= len(token.core) <= 4
            and not self._in_lexicon(token.folded)
            and token.key not in _SHORT_FAMILY_NAMES
        )

    def _everyday_capitalised(self, token: _Token) -> bool:
        """A capitalised word of four letters or more that the dictionaries write in lower case
        (or a compound of such words), and no name of any list: "Checklist", "Stichting",
        "Zorgeenheid"; not "Harold", "Min", nor "Beaumont" (frequent, but a place and a name)."""
        if token.possessive or len(token.core) < 4:
            return False
        parts = token.folded.split("-")
        if parts[0] in _SAINTS:
            return False  # "Saint-Germain": the saints' rules read it
        return all(
            part not in self._names_also_words
            and not self._in_lexicon(part)
            and self._lowercase_word(part)
            for part in parts
        )

    def _lowercase_word(self, folded: str) -> bool:
        """A word the dictionaries write in lower case, its plural or diminutive, or a compound
        of such words."""
        return self._lowercase_form(folded) or self._compound(folded)

    def _lowercase_form(self, folded: str) -> bool:
        """A word the dictionaries write in lower case, or its plural or diminutive."""
        return folded in self._lower_words or any(
            folded.endswith(ending)
            and len(folded) - len(ending) >= 4
            and folded[: -len(ending)] in self._lower_words
            for ending in _PLURALS_AND_DIMINUTIVES
        )

    def _day_name(self, folded: str) -> bool:
        """A feast, a day or a market: "Moederdag", "Offerfeest", "Kerstmarkt"; but a Turkish
        surname in -dağ typed without its breve ("Karadag", "Tasdag") is none: before "dag" a
        day's name has six letters or more (Vaderdag is in the non-names list)."""
        match = _DAY_NAME.search(folded)
        if match is None:
            return False
        stem = folded[: match.start()]
        return match.group() != "dag" or len(stem) >= 6

    def _in_lexicon(self, key: str) -> bool:
        if key in self._first or key in self._last:
            return True
        parts = key.split("-")
        return len(parts) > 1 and all(p in self._first or p in self._last for p in parts)

    def _lowercase_name(self, text: str, tokens: list[_Token], i: int, depth: int) -> bool:
        """A name typed in lower case, as on a phone: "merci à sophie et julien", "dankzij jan
        peeters", "met lotte". Only a common first name that is not also a word, and only with a
        cue: thanks or company before it, a lower-case surname after it, or "en", "et", "and"
        and another such name."""
        token = tokens[i]
        if (
            i + 1 < len(tokens)
            and (tokens[i + 1].key in _BEFORE_A_ROOM or tokens[i + 1].key[1:2].isdigit())
            and self._first_name_before_a_room(text, tokens, i)
            and _room_follows(text, token)
        ):
            return True  # "pierre de la chambre 204", "bill on bed 6"
        # A list's item starts after a colon or a bullet; most words after one space.
        gap = text[tokens[i - 1].end : token.start] if i else text[: token.start]
        listed = gap != " " and _listed_after_thanks(text, token.start)
        if token.key in _NAMES_AFTER_THANKS and (
            listed
            or self._led(text, tokens, i, _THANKS_LEADS)
            or self._paired(text, tokens, i, depth)
        ):
            return True  # "dank aan roos", "merci à sanaa et mercy": who thanks a rose?
        if token.key in _SHORT_FIRST_NAMES and (
            self._short_pair_thanked(text, tokens, i)
            or (i >= 2 and self._short_pair_thanked(text, tokens, i - 2))
        ):
            return True  # "merci an en jo": a word alone ("an"), but not with thanks and a pair
        if not self._typed_lowercase(token, self._common_first):
            if token.folded in self._first and (
                _role_follows(text, token) or self._role_follows_pair(text, tokens, i)
            ):
                return True  # "joy en sky (studenten ...)": first names that are words too
            if (
                token.folded in self._common_first
                and token.key not in _ALL_STOPWORDS
                and token.key not in _NOT_GREETED
                and (
                    self._led(text, tokens, i, _THANKS_AND_GREETINGS)
                    or self._paired(text, tokens, i, depth)
                )
            ):
                return True  # "merci guy et freya", "hoi roger", "merci lien en claude"
            # A rarer first name ("grzegorz", "bogdan") only right after thanks, or after
            # "et / and" and a name ("merci a grzegorz et bogdan").
            # The cue first: most lower-case words have none, and it is the cheaper question.
            return (
                self._led(text, tokens, i, _THANKS_LEADS)
                or self._paired(text, tokens, i, depth)
                or listed
                # "nand van de keuken", "selam (stagiaire)": the service someone belongs to
                # or the role after it (not "opgewarmd in de keuken")
                or (text.startswith(_BELONGS_TO, token.core_end) and _unit_follows(text, token))
                or _role_follows(text, token)
            ) and (self._typed_lowercase(token, self._first) or self._unknown_word(token))
        if listed or self._led(text, tokens, i, _NAME_LEADS):
            return True
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].core.islower()
            and _adjacent(text, token, tokens[i + 1])
            and (
                _sentence_start(text, token.start)
                or (token.key not in _LOWER_CASE_WORDS_TOO and _clause_start(text, tokens, i))
            )
        ):
            # "sarah spent her lunch break ...", and after a comma or "maar", "mais", "but":
            # "maar jelle bleef ...", "amai, jelle heeft" (not "en peter en meter", "and
            # dries out"): the subject, typed in lower case
            return True
        k = i + 1  # "jan de smet": particles may come between
        while (
            k < len(tokens)
            and tokens[k].key in _PARTICLES
            and tokens[k].core.islower()
            and _adjacent(text, tokens[k - 1], tokens[k])
        ):
            k += 1
        following = tokens[k] if k < len(tokens) else None
        if following is not None and _adjacent(text, tokens[k - 1], following):
            if self._lowercase_surname(tokens[i + 1 : k], following):
                return True  # "jan peeters", "jan de smet"
        for conjunction, other in ((i + 1, i + 2), (i - 1, i - 2)):
            if (
                0 <= min(conjunction, other)
                and max(conjunction, other) < len(tokens)
                and tokens[conjunction].key in _CONJUNCTIONS
                and (
                    self._typed_lowercase(tokens[other], self._common_first)
                    or (tokens[other].capitalised and tokens[other].folded in self._first)
                )
                and _adjacent(text, tokens[min(i, other)], tokens[conjunction])
                and _adjacent(text, tokens[conjunction], tokens[max(i, other)])
            ):
                return True  # "sophie et julien", "Nathalie et bernadette"
        return self._paired(text, tokens, i, depth)  # "bilal and ines", "kasia, ines"

    def _thanked_surname(self, text: str, tokens: list[_Token], i: int, nxt: _Token) -> bool:
        """A surname that is a word too, in lower case after a first name after thanks: "merci
        louise visser", "thanks danielle bakker for everything"."""
        return (
            nxt.core.islower()
            and nxt.folded in self._last
            and nxt.key not in _ALL_STOPWORDS
            and nxt.key not in _LEAD_LINKS
            and self._led(text, tokens, i, _THANKS_LEADS)
        )

    def _short_pair_thanked(self, text: str, tokens: list[_Token], i: int) -> bool:
        """The first of two first names after thanks, the first a short one: "an" in "merci an
        en jo" (not "thanks an awful lot")."""
        other = _pair_partner(text, tokens, i)
        return (
            other is not None
            and (other.key in _SHORT_FIRST_NAMES or self._typed_lowercase(other, self._first))
            and self._led(text, tokens, i, _THANKS_LEADS)
        )

    def _role_follows_pair(self, text: str, tokens: list[_Token], i: int) -> bool:
        """The first of two first names with their role in brackets after the second: "joy"
        in "joy en sky (studenten van ...)"."""
        other = _pair_partner(text, tokens, i)
        return other is not None and other.folded in self._first and _role_follows(text, other)

    def _first_name_before_a_room(self, text: str, tokens: list[_Token], i: int) -> bool:
        """A first name, even one that is a word too ("pierre", "bill"), but not a verb after a
        pronoun ("ik ben van kamer 12 ...")."""
        token = tokens[i]
        return (
            len(token.core) >= 3
            and (
                (token.folded in self._first and token.key not in _WORDS_TOO)
                # a word too only at the start ("bill on bed 6"; not "pressure mark on bed 4")
                or (token.key in _WORDS_TOO and _sentence_start(text, token.start))
            )
            and token.key not in _ALL_STOPWORDS
            and (i == 0 or tokens[i - 1].key not in _PRONOUNS)
        )

    @staticmethod
    def _led(text: str, tokens: list[_Token], i: int, leads: frozenset[str]) -> bool:
        """One of `leads` before, maybe with a few small words between: "met lotte", "merci à
        sophie", "dank je wel jan", "thank you so much yonas"."""
        k = i - 1
        while k >= 0 and i - k <= 1 + _MAX_LINKS and _adjacent(text, tokens[k], tokens[k + 1]):
            if tokens[k].key in leads:
                return True
            if tokens[k].key not in _LEAD_LINKS:
                return False
            k -= 1
        return False

    def _lowercase_surname(self, particles: list[_Token], token: _Token) -> bool:
        """A surname typed in lower case, after its particles: "peeters", "de smet" (Desmet is
        in the lexicon, Smet is not), "van damme"."""
        if self._typed_lowercase(token, self._last):
            return True
        if not particles or not token.core.islower():
            return False
        joined = "".join(p.folded for p in particles) + token.folded
        return joined in self._last and token.key not in _ALL_STOPWORDS

    def _no_word(self, token: _Token) -> bool:
        """A capitalised word in no list of everyday words, nor a part of it: "Kabeya", not
        "C'était", "Checklist", "Shoutout" nor "TOPdesk" (capitals inside: a brand, or a name
        the other rules read)."""
        if token.key in _THANKS_LEADS or not all(
            part[1:].islower() for part in token.core.split("-")
        ):
            return False
        if _IDENTIFIER_WORDS.fullmatch(token.core):
            return False  # "Dossiernummer staat op de map": the review rule must still see it
        word = _name_shaped(token)  # "c'était" is "etait"
        if word is None or len(word) < 3 or word in _ALL_STOPWORDS:
            return False
        parts = word.split("-")
        if len(parts) > 1 and parts[0] not in _SAINTS:
            if any(part in self._first or part in self._last for part in parts):
                return True  # "Marie-France", "Anne-Laure Kabongo"; not "Sint-Maarten"
        return not any(self._everyday(part) for part in parts)

    def _everyday(self, folded: str) -> bool:
        """An everyday word, or a compound of one and a care word ("wondzorg", "poetsploeg"),
        a diminutive of one ("glimlachjes") or one without its apostrophe ("hadnt"). Never
        from a name: "Marietje" is Marie's, "Dantas" is no compound of "Dan"."""
        if folded in self._words:
            return True
        if folded.endswith("nt") and folded[:-1] + "'t" in self._words:
            return True  # "hadnt", "couldnt", "dont"
        for ending in _DIMINUTIVES:  # of a word of five letters or more: not "Reintjes"
            stem = folded[: -len(ending)]
            if folded.endswith(ending) and len(stem) >= 5 and self._plain_word(stem):
                return True
        if not folded.endswith(self._heads):
            return False
        for head in self._heads:
            if folded.endswith(head):
                rest = folded[: -len(head)]
                for link in _COMPOUND_LINKS:  # "familie|avond", "weekend|s|ploeg"
                    if rest.endswith(link) and len(rest) - len(link) >= 3:
                        if self._plain_word(rest[: len(rest) - len(link)]):
                            return True
        return False

    def _compound(self, folded: str, depth: int = 0) -> bool:
        """Everyday words written together, the last of four letters or more and no name's
        ending: "zorg|eenheid", "chocolade|munten", "kwaliteit|s|handboek", and of three,
        "hand|hygiene|momenten"; the endings of the listed names ("-mans", "-berg", "-hout") do
        not count as words here. Only after an article: many Flemish surnames read so too
        ("Kortekaas", "Waterschoot", "Schoonjans")."""
        if len(folded) > _LONGEST_COMPOUND:
            return False  # a run of letters pasted in: each cut would hash the rest again
        for cut in range(3, len(folded) - 3):
            last = folded[cut:]
            if last in self._name_endings or not self._last_word(last):
                continue
            if self._compound_before(folded[:cut], depth):
                return True
        return False

    def _compound_before(self, rest: str, depth: int) -> bool:
        """`rest` is an everyday word, maybe with a linking letter or two after it."""
        for link in _COMPOUND_LINKS:
            if rest.endswith(link) and len(rest) - len(link) >= 3:
                first = rest[: len(rest) - len(link)]
                if (self._plain_word(first) and first in self._lower_words) or (
                    depth == 0 and self._compound(first, 1)
                ):
                    return True
        return False

    def _last_word(self, folded: str) -> bool:
        """The last word of a compound: one the dictionaries write in lower case, or its plural
        or diminutive, that is no first name ("-marie")."""
        return folded not in self._first and self._lowercase_form(folded)

    def _plain_word(self, folded: str) -> bool:
        """An everyday word that is no name of the lists, nor a particle ("ver", "van")."""
        return (
            folded in self._words
            and folded not in self._first
            and folded not in self._last
            and folded not in _PARTICLES
        )

    def _unknown_word(self, token: _Token) -> bool:
        """A lower-case word in no list of names or of everyday words: "kowalczyk", "pemba".
        (A typo is one too: redacting "iedreen" is safe.)"""
        if not (token.core.islower() and len(token.core) >= 3):
            return False
        if token.unknown is None:  # asked again and again in a list: "en okafor en ..."
            word = _name_shaped(token)  # "n'diaye" is "diaye"; "l'équipe" is a word
            token.unknown = (
                word is not None
                and not self._everyday(word)
                and self._only_a_name(token.key, token.folded)
            )
        return token.unknown

    def _typed_lowercase(self, token: _Token, lexicon: frozenset[str]) -> bool:
        """A lower-case word of `lexicon` (common first names, surnames) that is not also an
        everyday word, a stopword, a particle or a known non-name."""
        if not (token.core.islower() and len(token.core) >= 3):
            return False
        parts = token.folded.split("-")  # "jean-pierre", "marie-claire"
        return (
            token.folded in lexicon or (len(parts) > 1 and all(p in lexicon for p in parts))
        ) and self._only_a_name(token.key, token.folded)

    def _shouted_surname_before(self, text: str, tokens: list[_Token], i: int, first: int) -> bool:
        """An all-caps word right before a known first name: "PEETERS Maria", "DUPONT Jeanne"."""
        if i <= first or not tokens[i].capitalised or tokens[i].folded not in self._first:
            return False
        before = tokens[i - 1]
        return (
            before.shouted
            and len(before.core) > 2
            and self._shouted_name(before)
            and _adjacent(text, before, tokens[i])
        )

    def _calendar_first_name_before(
        self, text: str, tokens: list[_Token], i: int, first: int
    ) -> bool:
        """A month or feast that is a first name right before a surname: "June Okafor", "Noël
        Martin", "Noël De Smet" (but "in June Sofie was there": a first name that is no
        surname after it says the month is a month)."""
        name = tokens[i]
        if i <= first or not (name.capitalised or name.key in _PARTICLES):
            return False
        before = tokens[i - 1]
        if (
            name.folded in self._common_first
            and name.folded not in self._last
            and before.key not in _CALENDAR_DOUBLE_NAMES
        ):
            return False
        return (
            before.capitalised
            and before.key in _CALENDAR_FIRST_NAMES
            and _adjacent(text, before, tokens[i])
        )

    def _shouted_after_particles(self, text: str, tokens: list[_Token], i: int) -> bool:
        """A surname in capitals after its particles in capitals, after thanks or a title."""
        k = i
        while (
            k > max(0, i - _MAX_PARTICLES)
            and tokens[k - 1].shouted
            and (tokens[k - 1].key in _PARTICLES or tokens[k - 1].key in _ARABIC_PARTICLES)
            and _adjacent(text, tokens[k - 1], tokens[k])
        ):
            k -= 1
        token = tokens[i]
        if k == i or token.key in _PARTICLES or not self._shouted_name(token):
            return False
        if k > 0 and _title_before(text, tokens[k - 1], tokens[k]):
            return True
        # After thanks: a particle that is no article ("MERCI À VANDEN BOSSCHE"), or none that
        # French writes after "à" ("MERCI À LE ROY", "À DU BOIS"); or a known surname, with its
        # particles too, or a word in no list, after one that is ("DANK AAN DE SMET", "MERCI À
        # DE BRUYNE"; not "DANK AAN DE NACHTPLOEG").
        particles = tokens[k:i]
        return (
            any(t.key not in _ARTICLES for t in particles)
            or (k > 0 and tokens[k - 1].key in ("à", "a") and particles[0].key in _NOT_AFTER_A)
            or self._in_lexicon(token.folded)
            or "".join(t.folded for t in particles) + token.folded in self._last
            or self._shouted_unknown(token)
        ) and self._led(text, tokens, k, _THANKS_LEADS)

    def _shouted_unknown(self, token: _Token) -> bool:
        """A word in capitals that is in no list of names or of words: "MARICEL"."""
        word = _name_shaped(token)
        return (
            word is not None
            and len(word) >= 3
            and word not in _ALL_STOPWORDS
            and token.key not in _THANKS_LEADS
            and _IDENTIFIER_WORDS.fullmatch(token.core) is None
            and not self._everyday(word)
            and self._only_a_name(token.key, token.folded)
        )

    def _shouted_name(self, token: _Token) -> bool:
        """An all-caps word that can be a name after a title: not INSZ, AZ, OP or KAMER."""
        if token.key in _SHORT_FIRST_NAMES or self._in_lexicon(token.folded):
            return token.key not in _PARTICLES
        return (
            len(token.core) > 2
            and token.key not in _ALL_STOPWORDS
            and token.key not in _TITLES
            and token.key not in _NOT_NAMES
            and token.folded not in self._not_names
            and _IDENTIFIER_WORDS.fullmatch(token.core) is None
        )

    def _extend(self, text: str, tokens: list[_Token], i: int, *, capitals: bool = False) -> int:
        """Index of the last token of the name starting at `i` (surnames, particles)."""
        # In a message all in capitals, every word is: a title says nothing about the next ones.
        titled = not capitals and i > 0 and _title_before(text, tokens[i - 1], tokens[i])
        j = i
        while j + 1 < len(tokens) and tokens[j].core == tokens[j].text and j - i < MAX_NAME_WORDS:
            k = j + 1
            if not _adjacent(text, tokens[j], tokens[k], allow_dot=len(tokens[j].text) == 1):
                break
            while (
                k < len(tokens)
                and tokens[k].key in _PARTICLES
                and not tokens[k].capitalised
                and _adjacent(text, tokens[k - 1], tokens[k])
            ):
                k += 1
            nxt = tokens[k] if k < len(tokens) else None
            # An all-caps word is part of the name after a particle ("DE SMET"), or when it is a
            # known name or the name follows a title ("Mme Jeanne DUPONT"), but "OP KAMER" is not.
            shouted_part = (
                nxt is not None
                and nxt.shouted
                and (
                    titled
                    or tokens[k - 1].key in _PARTICLES
                    or self._in_lexicon(nxt.folded)
                    or (k == i + 1 and tokens[i].folded in self._first)  # "Maria VERMEERSCH"
                )
                and self._shouted_name(nxt)
            )
            # Right after a known first name a word of the not-names list is the surname
            # ("Jean Toussaint", "Godelieve Engels"); a word of the network's names is not.
            surname_next = (
                nxt is not None
                and k == i + 1
                and tokens[i].capitalised
                and tokens[i].folded in self._first
                and nxt.capitalised
                and nxt.folded not in self._network_words
            )
            # "Van Aken", "Van Brussel": after a particle a place's name is the surname; but a
            # ward after a small "van" is where someone works ("Aziz van Spoed").
            after_particle = (
                tokens[k - 1].key in _PARTICLES
                and k - 1 >= i
                and not (nxt is not None and nxt.key in _WARDS and not tokens[k - 1].capitalised)
            )
            # "jan peeters": a name typed in lower case goes on with a lower-case surname; so
            # does one that starts with its particles ("mevr de smet").
            particles = tokens[j + 1 : k]
            if all(t.key in _PARTICLES for t in tokens[i : j + 1]):
                particles = tokens[i:k]
            lowercase_part = (
                nxt is not None
                and tokens[i].core.islower()
                and (
                    self._lowercase_surname(particles, nxt)
                    or (j == i and k == i + 1 and self._thanked_surname(text, tokens, i, nxt))
                )
            )
            if (
                nxt is None
                or not (nxt.capitalised or shouted_part or lowercase_part)
                or (
                    (nxt.key in _NOT_NAMES or nxt.folded in self._not_names)
                    and not surname_next
                    and not after_particle
                )
                or nxt.key in _TITLES
                or not _adjacent(text, tokens[k - 1], nxt, allow_dot=len(tokens[k - 1].text) == 1)
            ):
                # Capitalised particles ("Van", "De") followed by a surname are inside the name.
                break
            j = k
        return j


def _written_in_capitals(text: str) -> bool:
    """A whole message in capitals: 12 letters or more, 90 % of them capitals."""
    upper = sum(map(str.isupper, text))
    if upper < 11:  # most messages: a few capitals at most
        return False
    cased = upper + sum(map(str.islower, text))
    return cased >= 12 and upper >= 0.9 * cased


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping spans of one type as one, in order."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start < out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end), span.type)
        else:
            out.append(span)
    return out


def _blanked(text: str, taken: list[tuple[int, int]]) -> str:
    """`text` with the `taken` ranges as spaces (same length: spans found in it fit `text`)."""
    chars = list(text)
    for start, end in taken:
        chars[start:end] = " " * (end - start)
    return "".join(chars)


def _pair_partner(text: str, tokens: list[_Token], i: int) -> _Token | None:
    """The word after "en / et / and" right after the word at `i`: "Jef" in "Roos en Jef"."""
    if i + 2 >= len(tokens) or tokens[i + 1].key not in _CONJUNCTIONS:
        return None
    other = tokens[i + 2]
    if _adjacent(text, tokens[i], tokens[i + 1]) and _adjacent(text, tokens[i + 1], other):
        return other
    return None


def _after_a_comma(text: str, left: _Token, right: _Token) -> bool:
    return text[left.end : right.start] in (", ", ",\u00a0")


def _adjacent(text: str, left: _Token, right: _Token, *, allow_dot: bool = False) -> bool:
    gap = text[left.end : right.start]
    if allow_dot:
        gap = gap.replace(".", "", 1)
    return gap in (" ", "-", "") or (gap.strip(" ") == "" and "\n" not in gap and len(gap) < 3)


def _name_shaped(token: _Token) -> str | None:
    """The word without an elision before it, folded, if it has a name's shape (letters, a
    vowel): "c'était" is "etait", "N'Diaye" "diaye"; "Gr8", "Mss", "Hdj" have none."""
    word = fold(_LEADING_ELISION.sub("", token.key))
    return word if _NAME_SHAPE.fullmatch(word) else None


def _title_before(text: str, previous: _Token, token: _Token) -> bool:
    """`mevrouw Janssens`, `Dr. Peeters`, `M. Dupont` (a capital M with a dot)."""
    if previous.key not in _TITLES and not (
        previous.key in _SHORT_TITLES
        and text[previous.end : previous.end + 1] == "."
        and (previous.text[:1].isupper() or _lowercase_monsieur(text, previous, token))
    ):
        return False
    # "Dr. Peeters", "Prof. Maes"; but "de son père. Très émouvant": after a whole word, the
    # dot ends the sentence.
    abbreviated = previous.key in _SHORT_TITLES or previous.key == "prof"
    return _adjacent(text, previous, token, allow_dot=abbreviated)


def _lowercase_monsieur(text: str, previous: _Token, token: _Token) -> bool:
    """ "de m. Bastin", as French is typed on a phone; but "5 m. Verder" is five metres."""
    return (
        previous.key == "m"
        and token.capitalised
        and _NUMBER_BEFORE.search(text, max(0, previous.start - 4), previous.start) is None
    )


_NUMBER_BEFORE = re.compile(r"\d[ \u00a0]*$")


def _particles_before(text: str, tokens: list[_Token], i: int, first: int) -> int:
    """Where the name at `i` begins: "De Smet's", "van De Smet" take in a capitalised particle
    (never a lowercase one alone: "de zoon van Jan")."""
    start = k = i
    while (
        k > max(first, i - _MAX_PARTICLES)
        and tokens[k - 1].key in _PARTICLES
        and _adjacent(text, tokens[k - 1], tokens[k])
    ):
        k -= 1
        if tokens[k].capitalised or tokens[k].shouted:
            start = k
    if (
        start > first
        and tokens[start - 1].key in _ARABIC_PARTICLES
        and (tokens[start - 1].capitalised or tokens[start - 1].shouted)
        and _adjacent(text, tokens[start - 1], tokens[start])
    ):
        start -= 1  # "Dankzij El Amrani", "Sanaa Ait Ouarab"
    return start


_AFTER_A_LETTER_AND_DOT = re.compile(r"\b\w\.\s+$")


def _institution_article(text: str, tokens: list[_Token], i: int) -> bool:
    """The article after a capitalised institution word, before the rest of its name: "Ter" in
    "WZC Ter Linde", "Les" in "Résidence Les Tilleuls"."""
    return (
        i >= 1
        and tokens[i].key in _PLACE_ARTICLES
        and tokens[i - 1].key in _INSTITUTION_WORDS
        and not tokens[i - 1].core.islower()
        and i + 1 < len(tokens)
        and tokens[i + 1].text[:1].isupper()
        and _adjacent(text, tokens[i - 1], tokens[i])
        and _adjacent(text, tokens[i], tokens[i + 1])
    )


def _names_a_place(text: str, tokens: list[_Token], i: int) -> bool:
    """The word at `i` names a street, a ward or an institution, or is the article of a ward's
    name: "rue de Fer", "avenue Louise", "afdeling Zonnebloem", "afdeling De Linde", "l'unité
    Les Glycines", "Zaal Ensor", "Campus Bornem", "Rubens Room"."""
    k = i - 1
    while (
        k >= max(0, i - _MAX_PARTICLES)
        and tokens[k].key in _PARTICLES
        and _adjacent(text, tokens[k], tokens[k + 1])
    ):
        k -= 1  # "rue de la Loi"
    if k >= 0 and tokens[k].key in _STREET_WORDS and _adjacent(text, tokens[k], tokens[k + 1]):
        return True
    if _institution_article(text, tokens, i):
        return True  # "WZC Ter Linde", "Résidence Les Tilleuls": the article of its name
    k = i - 1
    if (
        k >= 1
        and tokens[i].key not in _PLACE_ARTICLES
        and tokens[k].key in _PLACE_ARTICLES
        and _adjacent(text, tokens[k], tokens[i])
    ):
        k -= 1
    if k >= 0 and _adjacent(text, tokens[k], tokens[k + 1]):
        label = tokens[k]
        if _ELIDED.sub("", label.key) in _WARD_WORDS and label.core.islower():
            return True  # "afdeling Zonnebloem", "l'unité Les Glycines"
        if label.key in _INSTITUTION_WORDS and not label.core.islower():
            return True  # "Zaal Ensor", "Campus Bornem", "AZ Delta"
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        following is not None
        and following.key in _PLACE_AFTER
        and following.text[:1].isupper()
        and _adjacent(text, tokens[i], following)
        # "Mrs Kowalski Room 12": a titled person, and their room
        and _NUMBER_AFTER.match(text, following.end) is None
        and not (i and _title_before(text, tokens[i - 1], tokens[i]))
    )


def _part_of_the_name_before(text: str, tokens: list[_Token], i: int, first: int) -> bool:
    """A word no rule takes for a name alone that belongs to the name after it: a Chinese or
    Vietnamese family name of two letters, written first ("Li Wei", "Ly Thi Hoa"; three letters
    or more, the other rules read it: "Zhang Min"), or the Akan title "Nana" ("Nana Yaw", which
    also reads as a grandmother in English)."""
    if i <= first:
        return False
    part = tokens[i - 1]
    return (
        (part.key in _SHORT_FAMILY_NAMES or part.key in _TITLES_OF_THE_NAME)
        and part.capitalised
        and _adjacent(text, part, tokens[i])
    )


def _listed_after_thanks(text: str, start: int) -> bool:
    """The first word of an item in a list of thanks: "Merci aan: dmytro ...", "Dank aan:" and
    on the next lines "- piotr", "• selam"."""
    if not text[max(0, start - 4) : start].rstrip(" \t").endswith(_LIST_MARKS):
        return False  # most words: no colon nor bullet right before them
    line_start = text.rfind("\n", 0, start) + 1
    # Only the ends of lines are read: a long line of colons must not be slow.
    prefix = text[max(line_start, start - _HEADING_LOOK) : start]
    if _HEADING_END.search(prefix):
        heading = prefix[: prefix.rindex(":")]
    elif _LIST_BULLET.fullmatch(prefix):
        position = line_start - 1  # the newline before this item: go up past the other items
        lines = 0
        while position > 0 and lines < _MAX_LIST_ITEMS:  # a long list must not be slow
            lines += 1
            above = text.rfind("\n", 0, position) + 1
            line = text[max(above, position - _HEADING_LOOK) : position]
            if not _LIST_ITEM.match(text, above, position):
                if not _HEADING_END.search(line):
                    return False
                heading = line[: line.rindex(":")]
                break
            position = above - 1
        else:
            return False
    else:
        return False
    words = [w.casefold() for w in _WORD.findall(heading)][-1 - _MAX_LINKS :]
    for k, word in enumerate(words):
        if word in _THANKS_LEADS:
            return all(w in _LEAD_LINKS for w in words[k + 1 :])
    return False


def _listed_on(text: str, tokens: list[_Token], i: int) -> bool:
    """A comma or "en / et / and" right after the word: the list goes on."""
    if i + 1 >= len(tokens):
        return False
    gap = text[tokens[i].end : tokens[i + 1].start]
    return gap.strip(" ") == "," or (gap == " " and tokens[i + 1].key in _CONJUNCTIONS)


def _after_an_article(text: str, tokens: list[_Token], i: int) -> bool:
    """An article right before the word at `i`, maybe with an adjective between: "the new
    Protocol", "Het Protocol", "een Rollator", "l'Infirmière". An article that is also a
    surname's particle or the French "of" ("de", "la", "le", "du", "des") counts only before an
    adjective: "de nieuwe Checklist", but not "De Cock", "van de Wilde" nor "le gâteau de
    Pasteur"."""
    if text[max(0, tokens[i].start - 2) : tokens[i].start] in ("l'", "l\u2019"):
        return True  # "l'Infirmière": the elision is inside the token
    k = i - 1
    adjective = (
        k >= 1
        and tokens[k].key in _ATTRIBUTIVES
        and tokens[k].core.islower()
        and _adjacent(text, tokens[k], tokens[i])
    )
    if adjective:
        k -= 1
    if k < 0 or tokens[k].key not in _ARTICLES or not _adjacent(text, tokens[k], tokens[k + 1]):
        return False
    article = tokens[k]
    if not article.core.islower() and not _sentence_start(text, article.start):
        return False  # "Bedankt De Cock": a capitalised particle
    return article.key not in _PARTICLES or adjective


def _kin_of(text: str, tokens: list[_Token], i: int) -> bool:
    """Kin, and "van", "de" or "of" before the word at `i`: "de zoon van Lommel", "la fille de
    Beaumont", "the daughter of Compte"."""
    if i < 2:
        return False
    kin, of = tokens[i - 2], tokens[i - 1]
    return (
        of.key in ("van", "de", "of", "d'", "d\u2019")
        and _ELIDED.sub("", kin.key) in _KIN_NOUNS
        and _adjacent(text, kin, of)
        and _adjacent(text, of, tokens[i])
    )


def _role_follows(text: str, token: _Token) -> bool:
    """A role in brackets right after the word: "Bonheur (aide-soignant)", "Storm (stagiair)"."""
    return (
        text.startswith(("(", " (", "\u00a0("), token.core_end)
        and _ROLE_AFTER.match(text, token.core_end) is not None
    )


def _acts_next(text: str, token: _Token) -> bool:
    """A verb that has done something right after the word, so the word is someone: "Hope
    stayed", "Mercy heeft geholpen", "Aimé a passé", "Patience 🙏 helped" (not "Hope is")."""
    return _DEED_AFTER.match(text, token.core_end) is not None


def _unit_follows(text: str, token: _Token) -> bool:
    """The service someone works in, right after their name: "Sky van het onthaal", "Lies van
    de sociale dienst", "Mercy from pharmacy"."""
    return _UNIT_AFTER.match(text, token.core_end) is not None


def _room_follows(text: str, token: _Token) -> bool:
    """The room someone lies in, right after their name: "Roos van kamer 214", "pierre de la
    chambre 204", "bill on bed 6", "Jef (kamer 12)"."""
    lead = _ROOM_LEAD.match(text, token.core_end)
    return lead is not None and _ROOM.match(text, lead.end()) is not None


def _clause_start(text: str, tokens: list[_Token], i: int) -> bool:
    """After a comma, or a word that starts a clause ("maar", "mais", "but", "dus")."""
    if i == 0:
        return False
    gap = text[tokens[i - 1].end : tokens[i].start]
    return gap.strip(" ") == "," or (
        tokens[i - 1].key in _CLAUSE_WORDS and _adjacent(text, tokens[i - 1], tokens[i])
    )


def _to_a_place(text: str, tokens: list[_Token], i: int) -> bool:
    """Right after a word that leads to a place ("in Dublin", "uit Kortrijk", "vers Namur"),
    not after thanks."""
    if i == 0:
        return False
    before = tokens[i - 1]
    if before.key == "à" and i >= 2 and tokens[i - 2].key in _LIVES_AT:
        return _adjacent(text, tokens[i - 2], before) and _adjacent(text, before, tokens[i])
    return (
        before.key in _TO_A_PLACE
        and _adjacent(text, before, tokens[i])
        and not Redactor._led(text, tokens, i, _NAME_LEADS)
    )


def _after_a_saint(text: str, tokens: list[_Token], i: int) -> bool:
    """ "Campus St Vincent", "Sint Jan", "Saint Luc": a saint's name, a hospital's or a church's."""
    if i == 0:
        return False
    saint = tokens[i - 1]
    return (
        saint.key in _SAINTS
        and saint.text[:1].isupper()
        and _adjacent(text, saint, tokens[i], allow_dot=True)
        and _saints_place(text, tokens, i - 1)
    )


def _saints_place(text: str, tokens: list[_Token], i: int) -> bool:
    """Whether the saint's name at `i` ("Sint-Jan", "Saint-Luc", "St Vincent", "Saint Luc")
    names a hospital, a church or a feast. A Dutch "Sint" or "St" does, unless thanks or
    company come before it; a French "Saint(e)-" only after a word that leads to a place or an
    institution ("l'hôpital Saint-Luc", "Maison Sainte-Anne"; not after "de", "la fille de
    Saint-Germain"): Saint-Amand, Saint-Fleur and Saint-Pierre are surnames too."""
    if Redactor._led(text, tokens, i, _NAME_LEADS):
        return False  # "merci à Saint-Fleur", "avec Saint Pierre"
    if tokens[i].key.split("-", 1)[0] in ("sint", "st"):
        return True
    before = tokens[i - 1] if i else None
    return (
        before is not None
        and _ELIDED.sub("", before.key) in _BEFORE_A_SAINTS_PLACE  # "l'hôpital"
        and _adjacent(text, before, tokens[i])
    )


def _date_word(text: str, token: _Token) -> bool:
    """A month name in a date: "May 2026", "3 May" (never "Jan": "2026 Jan" is a name; nor
    "3 May Peeters")."""
    if token.key not in _DATE_MONTHS:
        return False
    if _YEAR_AFTER.match(text, token.end):
        return True
    before = text[max(0, token.start - 8) : token.start]
    after = text[token.end : token.end + 3].lstrip(" ")
    return bool(_DAY_BEFORE.search(before)) and not after[:1].isupper()  # "bed 3 May Peeters"


def _sentence_start(text: str, position: int) -> bool:
    # The last few characters say it ("text[:position]" made a long message quadratic).
    before = text[max(0, position - _SENTENCE_LOOKBACK) : position]
    if _SENTENCE_END.search(before) is None:
        return False
    # "Dr. Peeters": a dot after a short title or initial does not end a sentence.
    word = re.search(r"(\w+)\.\s*$", before)
    return not (word and (word.group(1).casefold() in _SHORT_TITLES or len(word.group(1)) == 1))


def _initial(text: str, token: _Token) -> bool:
    """A single capital with a dot: `J.`"""
    return len(token.text) == 1 and token.text.isupper() and text[token.end : token.end + 1] == "."


def _ends_sentence(text: str, position: int) -> bool:
    """Whether a dot just before `position` can be a full stop: the text ends, or a capital
    follows."""
    rest = text[position:].lstrip(" ")
    return not rest or rest[0] == "\n" or rest[0].isupper()


def _is_initial_before_surname(
    text: str, tokens: list[_Token], i: int, not_names: frozenset[str]
) -> bool:
    """`J. Peeters`: a single capital with a dot, then a capitalised word that can be a name
    (not "plan B. Merci …")."""
    token = tokens[i]
    if not _initial(text, token) or _lettered(text, tokens, i):
        return False
    if token.key in _SHORT_TITLES:
        return False  # "M. Dupont": a title, handled there
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        following is not None
        and following.capitalised
        and following.key not in _TITLES
        and following.key not in _ALL_STOPWORDS  # "blok C. Een pluim": a sentence begins
        and following.folded not in not_names
    )


def _lettered(text: str, tokens: list[_Token], k: int) -> bool:
    """`Plan B.`, `Vitamine B.`, `blok C.`: the capital with a dot at `k` names a variant of the
    word before it. It is no initial, and its dot may end a sentence ("Thanks J. Okafor" is an
    initial)."""
    if k < 1 or not _initial(text, tokens[k]):
        return False
    word = tokens[k - 1]
    return _adjacent(text, word, tokens[k]) and (
        word.key in _LETTERED_WORDS or word.key in _PLACE_LABELS
    )


def _emails(text: str) -> Iterable[Span]:
    at_sign = "@" in text
    if at_sign:
        for match in _EMAIL.finditer(text):
            yield Span(match.start(), match.end(), EntityType.EMAIL)
    if at_sign or _AT_WORD.search(text) is not None:
        for match in _SPELLED_EMAIL.finditer(text):
            bare = match.group("bare") is not None
            if not bare or "." in match.group("local") or _DOT_WORD.search(match.group("domain")):
                yield Span(match.start(), match.end(), EntityType.EMAIL)


def _national_numbers(text: str) -> Iterable[Span]:
    for match in _ELEVEN_DIGITS.finditer(text):
        digits = re.sub(r"\D", "", match.group())
        if nn.is_valid(digits) or bis.is_valid(digits):
            yield Span(match.start(), match.end(), EntityType.NATIONAL_NUMBER)


def _within(start: int, end: int, ranges: list[tuple[int, int]]) -> bool:
    return any(low <= start and end <= high for low, high in ranges)


def _digit_count(text: str) -> int:
    return sum(map(str.isdigit, text))


def _dates_of_birth(text: str) -> Iterable[Span]:
    for match in _dates(text):
        year_text = match.group("year")
        before = text[max(0, match.start() - 40) : match.start()]
        bare_year = len(year_text) == 2 and match.re is not _DATE_NUMERIC
        cue = (_NEAR_BIRTH_CUE if bare_year else _BIRTH_CUE).search(before)
        old = len(year_text) == 4 and 1900 <= int(year_text) < OLDEST_EVENT_YEAR
        if cue or old:
            yield Span(match.start(), match.end(), EntityType.DATE_OF_BIRTH)


def _dates(text: str) -> list[re.Match[str]]:
    """Every date in the text, in order: 30/07/1985, 1985-07-30, 30 juli 1985, July 30, 1985."""
    found = [*_DATE_NUMERIC.finditer(text), *_DATE_ISO.finditer(text)]
    spelled_out = _SPELLED_YEAR.search(text) is not None and not _MONTH_NAMES.isdisjoint(
        _LETTERS.findall(text.casefold())
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


def _rooms(text: str) -> Iterable[Span]:
    for match in _ROOM.finditer(text):
        before = text[max(0, match.start() - 20) : match.start()]
        if _NOT_PATIENT_ROOM.search(before):
            continue
        if _LIT.match(match.group()) and (
            not _BED_NOUN_BEFORE.search(text, max(0, match.start() - 48), match.start())
            or _READ_AFTER.match(text, match.end())
        ):
            continue  # "Mme Jeanne Van Damme lit 3"; but "Madame Dupont lit 2 livres" reads
        yield Span(match.start(), match.end(), EntityType.ROOM)


# --- the needs_review rule ----------------------------------------------------------------------

# 7+ digits with single separators. A mistyped national number in any spelling the detector
# knows (85.07.30 - 033.29 fails the checksum and stays) is flagged as well, by _ELEVEN_DIGITS.
_LEFTOVER_NUMBER = re.compile(r"\d(?:[ .\-/]?\d){6,}")
# 11 digits with any punctuation between them (50,04,03 / 123,89): flagged when they pass the
# national-number checksum. Not redacted: such a run may be two numbers side by side.
_LOOSE_ELEVEN_DIGITS = re.compile(r"\d(?:[^\w\n]{0,4}\d){10}(?!\d)")
_DIGIT_GROUP = re.compile(r"(?<!\d)\d")
_FULL_DATE = re.compile(
    r"(?<![\d.])(?:\d{1,2}[./-]\d{1,2}[./-]\d{4}|\d{4}-\d{1,2}-\d{1,2})(?![\d]|[.-]\d)"
)
# rijksregister..., RRN, RR-nr, INSZ, INSS, NISS, numéro national/bis/de dossier, national
# (register) number, n° de dossier, bisnummer, bis number, dossiernummer, dossier n°,
# patiëntnummer, patient number, MRN, SSN; grouped by first letter, which halves the time.
_IDENTIFIER_WORDS = re.compile(
    r"\b(?:r(?:ijksregister\w*|rn|r-?nr)|i(?:nsz|nss)|n(?:iss|uméro (?:national|bis|de dossier)|"
    r"ational (?:register )?number|° de dossier)|b(?:isnummer|is number)|"
    r"d(?:ossiernummer|ossier n°)|p(?:atiëntnummer|atientnummer|atient number)|mrn|ssn)",
    re.IGNORECASE,
)
# "[rijksregisternummer]" is what the redactor wrote, not an identifier word the author left.
_PLACEHOLDER = re.compile(
    "|".join(re.escape(p) for words in PLACEHOLDERS.values() for p in set(words.values()))
)


def review_reasons(redacted_text: str, counts: dict[EntityType, int]) -> tuple[str, ...]:
    """Why a redacted post still looks risky (empty: it does not). See docs/ingest.md."""
    reasons = []
    if counts.get(EntityType.NATIONAL_NUMBER) or counts.get(EntityType.DATE_OF_BIRTH):
        reasons.append("hard_identifier_redacted")
    left = _PLACEHOLDER.sub(" ", redacted_text) if counts else redacted_text
    if _DIGIT.search(left) is not None:
        undated = _FULL_DATE.sub(" ", left)
        if _LEFTOVER_NUMBER.search(undated) or _ELEVEN_DIGITS.search(undated):
            reasons.append("long_number_left")
        if _national_number_left(left):
            reasons.append("national_number_left")
    if _IDENTIFIER_WORDS.search(left):
        reasons.append("identifier_word_left")
    return tuple(reasons)


def _national_number_left(text: str) -> bool:
    if _LOOSE_ELEVEN_DIGITS.search(text) is None:
        return False
    for group in _DIGIT_GROUP.finditer(text):  # every start: the first run may not be the one
        match = _LOOSE_ELEVEN_DIGITS.match(text, group.start())
        if match is not None:
            digits = re.sub(r"\D", "", match.group())
            if nn.is_valid(digits) or bis.is_valid(digits):
                return True
    return False
