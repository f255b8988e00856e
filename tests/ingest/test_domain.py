"""Pure domain rules of ingest, as tables of cases: no broker, no database, no clock."""

import base64
import datetime as dt
import json
import re
import subprocess
import sys
import unicodedata
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest

from schemas.events import EntityType, Language, Platform
from schemas.network import Department
from services.common.network_file import load_network
from services.ingest.domain.csrf import MAX_AGE_S, check_token, expired_token, make_token
from services.ingest.domain.i18n import MESSAGES, choose_language, t
from services.ingest.domain.moments import (
    MAX_NAME_CHARS,
    Draft,
    apply_hashtags,
    field_errors,
    safe_reference,
)
from services.ingest.domain.redaction import (
    MAX_LOOK,
    NameFinder,
    Redactor,
    detect_language,
    network_words,
    normalise_text,
)
from services.ingest.domain.redaction.text import post_language
from services.ingest.domain.slack import (
    MODAL_TEXT_CHARS,
    Place,
    command_draft,
    follow_up_url,
    mention_draft,
    modal_view,
    plain_text,
    protect_mentions,
    readable_mentions,
)
from services.ingest.domain.teams import TeamsPlace, activity_draft, message_text
from services.ingest.domain.verification import (
    SignatureInvalid,
    sign_slack,
    sign_teams,
    verify_slack,
    verify_teams,
)
from services.ingest.ratelimit import RateLimiter
from tests.ingest.fake_slack import view_problems
from tests.ingest.test_redaction_corpus import NETWORK

ROOT = Path(__file__).parents[2]

NOW = 1_800_000_000
BODY = b"team_id=T0AZVB001&text=hallo"
SECRETS = ["new-secret", "old-secret"]
REDACTOR = Redactor()
APP_REDACTOR = Redactor(known_words=network_words(load_network(NETWORK)))  # as build_app does


@pytest.mark.parametrize(
    ("timestamp", "signature", "reason"),
    [
        (None, sign_slack(BODY, str(NOW), "new-secret"), "missing_signature"),
        (str(NOW), None, "missing_signature"),
        ("12a4", sign_slack(BODY, "12a4", "new-secret"), "bad_timestamp"),
        ("-5", "v0=00", "bad_timestamp"),
        ("١٢٣", "v0=00", "bad_timestamp"),  # non-ASCII digits
        (str(NOW - 301), sign_slack(BODY, str(NOW - 301), "new-secret"), "stale_timestamp"),
        (str(NOW + 301), sign_slack(BODY, str(NOW + 301), "new-secret"), "stale_timestamp"),
        (str(NOW), sign_slack(BODY, str(NOW), "someone-else"), "wrong_signature"),
        (str(NOW), sign_slack(BODY + b"x", str(NOW), "new-secret"), "wrong_signature"),
        (str(NOW), "v0=\xe9abc", "wrong_signature"),  # a 400 before (a robustness audit)
    ],
)
def test_slack_signature_rejections(
    timestamp: str | None, signature: str | None, reason: str
) -> None:
    with pytest.raises(SignatureInvalid) as caught:
        verify_slack(BODY, timestamp, signature, SECRETS, NOW)
    assert caught.value.reason == reason
    assert caught.value.status_code == 401


@pytest.mark.parametrize("secret", SECRETS)
def test_slack_signature_accepts_both_secrets_within_the_window(secret: str) -> None:
    for ts in (NOW, NOW - 299, NOW + 299):
        assert verify_slack(BODY, str(ts), sign_slack(BODY, str(ts), secret), SECRETS, NOW)


def test_slack_invalid_utf8_is_a_signature_failure() -> None:
    body = b"text=\xff"
    with pytest.raises(SignatureInvalid, match="invalid_utf8"):
        verify_slack(body, str(NOW), sign_slack(body, str(NOW), "new-secret"), SECRETS, NOW)


@pytest.mark.parametrize(
    "raw",
    [
        "<at>Mango</at> #patient mevrouw @Maria Peeters kreeg hulp van <at>Jan</at>",
        "<at>Mango</at> #patient @Maria kreeg hulp van <at>Maria</at> #collega",
    ],
)
def test_teams_hashtags_never_turn_a_typed_name_into_a_kept_mention(raw: str) -> None:
    network = load_network(NETWORK)
    organisation = network.organisations[0]
    place = TeamsPlace(organisation, organisation.teams[0], "oncologie")
    draft = activity_draft({"id": "1", "text": raw, "from": {"id": "29:a"}}, place)
    kept = [draft.text[a:b] for a, b in draft.protected]
    assert kept in (["@Jan"], ["@Maria"])
    # The one kept is the one Teams marked: it ends the text, the typed name comes earlier.
    assert draft.protected[0][1] == len(draft.text)
    redacted = REDACTOR.redact(draft.text, Language.NL, draft.protected).text
    assert redacted.startswith(("mevrouw @[naam] kreeg", "@[naam] kreeg"))


def test_a_long_platform_display_name_is_cut_not_refused() -> None:
    """Slack and Teams give the author's display name; the author cannot change it in the post,
    so a name over the limit is shortened instead of blocking the post."""
    network = load_network(NETWORK)
    organisation = network.organisations[0]
    long_name = "Verpleegkundige " + "heel lang " * 30
    form = {"team_id": "T0", "channel_id": "C0", "user_id": "U0", "trigger_id": "1.2.3"}
    slack = command_draft(
        {**form, "user_name": long_name, "text": "Mooi moment"}, Place(organisation, "spoed")
    )
    teams = activity_draft(
        {"id": "1", "text": "Mooi moment", "from": {"id": "29:a", "name": long_name}},
        TeamsPlace(organisation, organisation.teams[0], "oncologie"),
    )
    for draft in (slack, teams):
        assert draft.author_name == long_name[:MAX_NAME_CHARS]
        assert "author_name" not in field_errors(draft, network, Language.NL)
    typed = replace(slack, platform=Platform.WEB, author_name=long_name)
    assert "author_name" in field_errors(typed, network, Language.NL)


def test_teams_hmac() -> None:
    token = base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()
    verify_teams(b"{}", sign_teams(b"{}", token), token)
    for header in (None, "Bearer x", "HMAC AAAA", sign_teams(b"{ }", token)):
        with pytest.raises(SignatureInvalid):
            verify_teams(b"{}", header, token)
    with pytest.raises(SignatureInvalid, match="bad_token"):
        verify_teams(b"{}", "HMAC AAAA", "not base64!")


@pytest.mark.parametrize(
    ("raw", "text", "mentions"),
    [
        ("<at>Mango</at> Dank je!", "Dank je!", []),
        ("<at>Mango</at> Dank <at>Jan Peeters</at>!", "Dank @Jan Peeters!", ["@Jan Peeters"]),
        (
            "<p><at>Mango</at>&nbsp;Soep &amp; brood<br>voor iedereen</p>",
            "Soep & brood\nvoor iedereen",
            [],
        ),
        ("Geen bot-mention hier", "Geen bot-mention hier", []),
        (  # not a mention: an attachment tag
            '<at>Mango</at> <attachment id="a1"></attachment> dank <at>Jan</at>',
            "dank @Jan",
            ["@Jan"],
        ),
        ("<at>Mango</at> dank <at>@Pranav Smith</at>", "dank @Pranav Smith", ["@Pranav Smith"]),
        (
            '<at>Mango</at> top <emoji id="cool" alt="😎" title="Cool"></emoji> team',
            "top 😎 team",
            [],
        ),
        (
            "<at>Mango</at> Goed:<ul><li>koffie</li><li>soep</li></ul>",
            "Goed:\nkoffie\nsoep",
            [],
        ),
        (  # table cells and blocks are apart: "NomLhoest" would hide the name from redaction
            "<at>Mango</at> <table><tr><td>Nom</td><td>Lhoest</td></tr></table>Mme X<div>ok</div>",
            "Nom\nLhoest\n\nMme X\nok",
            [],
        ),
    ],
)
def test_teams_text_strips_the_bot_mention_and_keeps_colleagues(
    raw: str, text: str, mentions: list[str]
) -> None:
    cleaned, protected = message_text(raw)
    assert cleaned == text
    assert [cleaned[s:e] for s, e in protected] == mentions


@pytest.mark.parametrize(
    ("requested", "header", "expected"),
    [
        (None, None, Language.NL),
        (None, "fr-BE,fr;q=0.9", Language.FR),
        (None, "de-DE,en;q=0.5", Language.EN),
        (None, "en;q=0.2,fr;q=0.8", Language.FR),
        (None, "de,es", Language.NL),
        ("en", "fr", Language.EN),
        ("xx", "fr", Language.FR),
    ],
)
def test_language_choice(requested: str | None, header: str | None, expected: Language) -> None:
    assert choose_language(requested, header) is expected


def test_hashtags_set_kind_and_beneficiary() -> None:
    text, picked = apply_hashtags("#praktijk Soep voor collega's? #onbekend blijft")
    assert picked == {"kind": "good_practice"}
    assert "#onbekend" in text
    text, picked = apply_hashtags("Merci #collègue #pratique")
    assert text == "Merci"
    assert picked == {"kind": "good_practice", "beneficiary": "colleague"}
    text, picked = apply_hashtags("Zie https://wiki.example/soep#collega en x#praktijk")
    assert (text, picked) == ("Zie https://wiki.example/soep#collega en x#praktijk", {})


@pytest.mark.parametrize(
    ("text", "language", "expected", "review"),
    [
        ("Bel Sofie op 0475 12 34 56.", Language.NL, "Bel [naam] op [telefoon].", False),
        ("Appelez Sophie au 0475 12 34 56.", Language.FR, "Appelez [nom] au [téléphone].", False),
        ("Thanks <@U0ABC> and Jan!", Language.EN, "Thanks <@U0ABC> and [name]!", False),
        ("Dank <@U0ABC|Sofie Claes>!", Language.NL, "Dank <@U0ABC|Sofie Claes>!", False),
        ("RR 85.07.03-247.42 stond erop", Language.NL, "RR [rijksregisternummer] stond erop", True),
        ("Nummer 85.07.03-247.43 is fout", Language.NL, "Nummer 85.07.03-247.43 is fout", True),
        ("Dossiernummer staat op de map", Language.NL, "Dossiernummer staat op de map", True),
        ("Op 12/03/2026 in vergaderzaal 2", Language.NL, "Op 12/03/2026 in vergaderzaal 2", False),
        # Typed with double spaces (a phone keyboard's autocorrect): still caught whole.
        ("RR 85  07  03  247  42", Language.NL, "RR [rijksregisternummer]", True),
        # A spaced dash, an en dash, no-break spaces: the whole number, never a phone.
        ("INSZ 50 04 03 - 123 89", Language.NL, "INSZ [rijksregisternummer]", True),
        ("NISS 50.04.03\u2013123.89", Language.FR, "NISS [numéro national]", True),
        ("RRN 50\u202f04\u202f03\u00a0123\u00a089", Language.EN, "RRN [national number]", True),
        ("Bel 0475  12  34  56 of 02/12.34.56", Language.NL, "Bel [telefoon] of [telefoon]", False),
        ("Call +44 20 7946 0958, 0032 475 11 22 33", Language.EN, "Call [phone], [phone]", False),
        ("Geboren op 3 mei 1941.", Language.NL, "Geboren op [geboortedatum].", True),
        ("Born May 3, 1941 in Ghent", Language.EN, "Born [date of birth] in Ghent", True),
        (
            "DOB 1950-04-03, b. 03/04/50",
            Language.EN,
            "DOB [date of birth], b. [date of birth]",
            True,
        ),
        ("Op 2026-03-12 gebeurde het", Language.NL, "Op 2026-03-12 gebeurde het", False),
    ],
)
def test_redaction_examples_and_the_review_rule(
    text: str, language: Language, expected: str, review: bool
) -> None:
    result = REDACTOR.redact(text, language)
    assert result.text == expected
    assert result.needs_review is review


@pytest.mark.parametrize(
    ("text", "reasons"),
    [
        # The placeholder "[rijksregisternummer]" is not an identifier word left by the author.
        ("Stond erop: 85.07.03-247.42", ("hard_identifier_redacted",)),
        (
            "Rijksregisternummer 85.07.03-247.42",
            ("hard_identifier_redacted", "identifier_word_left"),
        ),
        # A mistyped number with a spaced dash; the same digits with commas pass the checksum.
        ("RRN: 50.04.03 - 123.88 fout", ("long_number_left", "identifier_word_left")),
        ("nummer 50,04,03,123,89", ("national_number_left",)),
        ("Bel 0475 12 34 56, 02 123 45 67 of kamer 12 - 14", ()),
        # A link whose path names someone is left whole (it would break), but reviewed.
        (
            "Zie https://www.krant.example/regio/jeanne-lhoest-viert-100ste-verjaardag!",
            ("name_in_link",),
        ),
        ("Foto's: https://intranet.az.example/fotos/jan-peeters", ("name_in_link",)),
        ("Protocol: https://intranet.az.example/kwaliteit/valpreventie-2026.pdf", ()),
        ("Info op www.wzc.example/activiteiten?maand=mei", ()),
        ("Jan heeft het protocol op https://intranet.az.example/zorg gezet", ()),
        # A listed first name left in lower case, where no rule found a cue (a rarer one: the
        # common ones are taken anywhere): reviewed; not a word that folds to a name ("come",
        # Côme).
        ("Vandaag zbigniew gezien met meneer", ("first_name_left",)),
        ("come by, de bébé slaapt en will komt", ()),
    ],
)
def test_review_reasons(text: str, reasons: tuple[str, ...]) -> None:
    assert REDACTOR.redact(text, Language.NL).review_reasons == reasons


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # "De" is in "WZC De Denneboom", one of this network's organisations: still a particle.
        ("Mevrouw Marie De Smet kwam langs.", "Mevrouw [naam] kwam langs."),
        ("mevr. De Smet en dhr. Van den Bossche", "mevr. [naam] en dhr. [naam]"),
        ("MEVR. DE SMET en Mme DUPONT Jeanne", "MEVR. [naam] en Mme [naam]"),
        ("mevrouw janssens was blij, mevrouw was moe", "mevrouw [naam] was blij, mevrouw was moe"),
        (
            "De Smet's family came. De zoon van Jan ook.",
            "[naam]'s family came. De zoon van [naam] ook.",
        ),
        (
            "An Peeters bracht soep naar WZC De Denneboom.",
            "[naam] bracht soep naar WZC De Denneboom.",
        ),
    ],
)
def test_names_with_this_networks_known_words(text: str, expected: str) -> None:
    assert APP_REDACTOR.redact(text, Language.NL).text == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Rarer first names come from Faker's lists: at a sentence start too.
        ("Aaliyah bleef na haar shift.", Language.NL, "[naam] bleef na haar shift."),
        ("Wojciech et Siobhan ont chanté.", Language.FR, "[nom] et [nom] ont chanté."),
        # A rare first name can be a surname: the unknown word before it is the first name.
        ("Emre Y\u0131ld\u0131z fixed the TV.", Language.EN, "[name] fixed the TV."),  # dotless i
        # A common first name after a verb stays the verb's object: "Bel" is no name.
        ("Bel Sofie even terug.", Language.NL, "Bel [naam] even terug."),
        # Medicines, languages and greetings are not names.
        (
            "De Dafalgan en Movicol gegeven; ze spreekt Pashto en Roemeens.",
            Language.NL,
            "De Dafalgan en Movicol gegeven; ze spreekt Pashto en Roemeens.",
        ),
        (
            "Eid Mubarak to all, and thanks for Christmas Eve!",
            Language.EN,
            "Eid Mubarak to all, and thanks for Christmas Eve!",
        ),
    ],
)
def test_names_lexicons_and_words_that_are_no_names(
    text: str, language: Language, expected: str
) -> None:
    assert APP_REDACTOR.redact(text, language).text == expected


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        # Names typed in lower case on a phone, with a cue: thanks or company, a surname, "et".
        (
            "merci à sophie et julien pour la nuit",
            Language.FR,
            "merci à [nom] et [nom] pour la nuit",
        ),
        (
            "dankzij jan peeters van de technische dienst",
            Language.NL,
            "dankzij [naam] van de technische dienst",
        ),
        (
            "met lotte en emma naar buiten geweest",
            Language.NL,
            "met [naam] en [naam] naar buiten geweest",
        ),
        ("thank you sarah for the tea", Language.EN, "thank you [name] for the tea"),
        # Without a cue, or when the name is also a word, lower case stays text.
        ("merci à mon équipe et à tous", Language.FR, "merci à mon équipe et à tous"),
        ("bedankt ben je er morgen?", Language.NL, "bedankt ben je er morgen?"),
        (
            "thanks to everyone on the ward, with love",
            Language.EN,
            "thanks to everyone on the ward, with love",
        ),
        ("met max plezier en met zorg", Language.NL, "met max plezier en met zorg"),
    ],
)
def test_names_typed_in_lower_case(text: str, language: Language, expected: str) -> None:
    assert APP_REDACTOR.redact(text, language).text == expected


def test_redaction_counts_without_values() -> None:
    result = REDACTOR.redact("Mevrouw Janssens op kamer 12, mail an@x.be", Language.NL)
    assert result.counts == {EntityType.NAME: 1, EntityType.ROOM: 1, EntityType.EMAIL: 1}


def test_text_hygiene_and_language_detection() -> None:
    assert normalise_text("  Cafe\u0301\u202e\x00 ok\r\n") == "Café ok"
    # The joiner stays inside an emoji (health worker, family), goes everywhere else.
    assert (
        normalise_text("Dank je 👩\u200d⚕️ en 👨\u200d👩\u200d👧")
        == "Dank je 👩\u200d⚕️ en 👨\u200d👩\u200d👧"
    )
    assert normalise_text("bel 04\u200d75 12\u200b34 56 \u200dok") == "bel 0475 1234 56 ok"
    assert detect_language("we zongen voor haar en het was mooi", Language.FR) is Language.NL
    assert detect_language("nous avons chanté pour elle", Language.NL) is Language.FR
    assert detect_language("12345", Language.EN) is Language.EN
    assert post_language("12345 🙏") is None
    assert post_language("de la soupe and the tea") is None  # two each: unclear


HIDING_CHARACTERS = [
    "\u061c",  # Arabic letter mark
    "\x85",  # a C1 control
    "\x9b",
    "\U000e0020",  # a tag outside a flag
    "\ufff9",  # an interlinear annotation anchor
    "\U0001d173",  # a musical format character
    "\u17b4",  # a Khmer inherent vowel, invisible
    "\u3164",  # a Hangul filler
    "\ufe0f",  # a variation selector after a digit
    "\ufe00",
    "\u0301",  # an accent on a digit
    "\U000f0001",  # private use
    "\u200b",  # zero-width space
]


@pytest.mark.parametrize("hidden", HIDING_CHARACTERS, ids=lambda c: f"U+{ord(c):04X}")
def test_no_invisible_character_splits_a_number_from_its_detector(hidden: str) -> None:
    """Found by a robustness audit: each of these inside a phone number let it through."""
    text = normalise_text(f"Bel mevrouw op 0{hidden}475{hidden} 12 34 56 voor de familie")
    assert text == "Bel mevrouw op 0475 12 34 56 voor de familie"
    assert REDACTOR.redact(text, Language.NL).counts == {EntityType.PHONE: 1}


WIDE_PHONE = "\uff10\uff14\uff17\uff19 \uff16\uff18 \uff14\uff17 \uff19\uff10"
WIDE_EMAIL = "\uff4a\uff41\uff4e\uff20\uff45\uff58\uff41\uff4d\uff50\uff4c\uff45\uff0e\uff42\uff45"


@pytest.mark.parametrize(
    ("typed", "read"),
    [
        ("bel ٠٤٧٩ ٦٨ ٤٧ ٩٠", "bel 0479 68 47 90"),  # an Arabic keyboard's digits
        ("bel ۰۴۷۹۶۸۴۷۹۰", "bel 0479684790"),  # a Persian one's
        (f"bel {WIDE_PHONE}", "bel 0479 68 47 90"),  # a CJK keyboard's full width
        (WIDE_EMAIL, "jan@example.be"),
    ],
)
def test_digits_of_other_scripts_are_read_as_ascii(typed: str, read: str) -> None:
    """Found by a robustness read: typed so, a phone number or an address escaped its
    detector."""
    assert normalise_text(typed) == read
    assert REDACTOR.redact(normalise_text(typed), Language.NL).counts in (
        {EntityType.PHONE: 1},
        {EntityType.EMAIL: 1},
    )


# Found by the seeded property test (test_redaction_properties.py): a phone number in brackets
# with its country code, or run on into a count or a time, was let through whole; a national
# number right after a phone, behind ". ", too.
NUMBERS_IN_THEIR_SURROUNDINGS = [
    ("zoon (+32 479 68 47 90) belde", Language.NL, "zoon ([telefoon]) belde"),
    ("zoon (+32479684790) belde", Language.NL, "zoon ([telefoon]) belde"),
    ("fils (+33 6 12 34 56 78) a appelé", Language.FR, "fils ([téléphone]) a appelé"),
    ("zoon [+32 479 68 47 90] belde", Language.NL, "zoon [[telefoon]] belde"),
    ("zoon ( +32 479 68 47 90 ) belde", Language.NL, "zoon ( [telefoon] ) belde"),
    ("zoon (0479 68 47 90) belde", Language.NL, "zoon ([telefoon]) belde"),
    ("bel (02) 234 56 78 of 0479 68 47 90", Language.NL, "bel [telefoon] of [telefoon]"),
    ("bel 0478 12 34 56 2 keer geprobeerd", Language.NL, "bel [telefoon] 2 keer geprobeerd"),
    ("daughter +32 478 12 34 56 2 missed calls", Language.EN, "daughter [phone] 2 missed calls"),
    ("appelé le 02 234 56 78 15 fois", Language.FR, "appelé le [téléphone] 15 fois"),
    ("number 0478 12 34 56 24/7", Language.EN, "number [phone] 24/7"),
    # ... and when a group inside it starts with 0 and is read as a number of its own
    ("bel 0484/06.64.64 24/7", Language.NL, "bel [telefoon]"),
    ("tolk (+32 485 03 39 32 24/7 elke dag", Language.NL, "tolk ([telefoon] elke dag"),
    ("0475 123456 2 keer gebeld", Language.NL, "[telefoon] 2 keer gebeld"),
    ("call 0032 478 123 456 3x", Language.EN, "call [phone] 3x"),
    ("gsm 0499 12 34 56. 540102 707 83.", Language.EN, "gsm [phone]. [national number]."),
    # "33.92.29" is no date, though a birthday is near: the end of the phone number
    ("birthday party, 0471/33.92.29 for photos", Language.EN, "birthday party, [phone] for photos"),
    # Found by the property test over 200 seeds: after a number before it, in brackets the
    # matcher refuses, or behind a stray "+"
    ("du lit 6 : 0481 91 38 18 15 fois", Language.FR, "du [chambre] : [téléphone] 15 fois"),
    ("les [ [+32 488 31 32 42) à", Language.FR, "les [ [[téléphone]) à"),
    ("dank Sevgi_+ [0032 476 839803, top", Language.NL, "dank [naam]_+ [[telefoon], top"),
    ("cake in+ +32 472 80 98 79. yes", Language.EN, "cake in+ [phone]. yes"),
    # ... a national number after a stray "+" (what is no phone number), an address spelled
    # out inside another one
    ("+ 081124 800 83! ok", Language.EN, "+ [national number]! ok"),
    ("call +32 470 37 21 93 now", Language.EN, "call [phone] now"),  # 32470372193 is a bis number
    (
        "à claire at ehpad point an.peeters at example dot be svp",
        Language.FR,
        "à [e-mail] svp",
    ),
    # ... and a number of which a part was read first as something else: what is left goes too
    ("born then : 0497/08.23.36 ok", Language.EN, "born then : [phone]/[date of birth] ok"),
    (
        "reply to (690503 336 88 dot reed at gmail dot com.",
        Language.EN,
        "reply to ([national number] [email].",
    ),
    # A national number that fails its checksum, in a national number's groups, holds no phone
    # number.
    ("nn 04 02 19 023 18 klopt niet", Language.NL, "nn 04 02 19 023 18 klopt niet"),
    ("nn 040219 023 18 klopt niet", Language.NL, "nn 040219 023 18 klopt niet"),
    ("order 1234 5678 9012 ok", Language.EN, "order 1234 5678 9012 ok"),
    # A room after a pause in the sentence is a patient's, not the staff room's: a meeting or
    # break room is only one named right before it.
    ("during her break, room 12 got a visit", Language.EN, "during her break, [room] got a visit"),
    ("pendant sa pause, chambre 12 a ri", Language.FR, "pendant sa pause, [chambre] a ri"),
    ("the staff-room 2 had cake", Language.EN, "the staff-room 2 had cake"),
    ("in the meeting room 3 we met", Language.EN, "in the meeting room 3 we met"),
]


@pytest.mark.parametrize(("text", "language", "expected"), NUMBERS_IN_THEIR_SURROUNDINGS)
def test_numbers_in_brackets_or_run_on(text: str, language: Language, expected: str) -> None:
    assert REDACTOR.redact(text, language).text == expected


def test_a_letter_keeps_at_most_thirty_combining_marks() -> None:
    """Found by fuzzing the endpoints: 32,000 marks in a post (under the body cap) took 40 s to
    normalise, each mark looking back over all the others, and blocked the event loop. A letter
    carries 30 at most (Unicode's stream-safe limit); the rest go, and each looks back 30."""
    # (NFC first makes "a" and the first mark one letter, "á")
    assert normalise_text("a" + "\u0301" * 32_000) == "\u00e1" + "\u0301" * 30
    assert normalise_text("e\u0301te\u0301") == "été"


def test_what_builds_an_emoji_or_an_accent_stays() -> None:
    scotland = "🏴\U000e0067\U000e0062\U000e0073\U000e0063\U000e0074\U000e007f"
    kept = f"👩\u200d⚕️ ❤️ 1️⃣ {scotland} 👍🏽 漢\U000e0100 a\u0301\u0302"
    assert normalise_text(kept) == unicodedata.normalize("NFC", kept)
    assert normalise_text("x\ud800y\u2028z") == "xy\nz"  # a lone surrogate goes


def test_a_reference_keeps_only_what_ids_are_made_of() -> None:
    """Found by fuzzing the endpoints: a forged id's controls and bidi marks were published as
    the post's reference."""
    teams = "19:abc@thread.tacv2/19:def@thread.tacv2/1700000000123"
    assert safe_reference(teams) == teams
    assert safe_reference("api/az-test/kiosk-1/42") == "api/az-test/kiosk-1/42"
    assert safe_reference("T0/C0/\u202e12\x00 x\r\n") == "T0/C0/_12__x__"
    assert len(safe_reference("x" * 1000)) == 300


def test_csrf_tokens() -> None:
    token = make_token(b"k", "session", "nonce", NOW)
    assert check_token(b"k", "session", token, NOW + 10) == "nonce"
    assert check_token(b"k", "other", token, NOW + 10) is None
    assert check_token(b"other", "session", token, NOW + 10) is None
    assert check_token(b"k", "session", token, NOW + MAX_AGE_S + 1) is None
    assert check_token(b"k", "session", token, NOW - 10) is None
    assert check_token(b"k", None, token, NOW) is None
    assert check_token(b"k", "session", "a.b", NOW) is None
    # Only a genuine token that is too old counts as "left open": never a forged or foreign one.
    assert expired_token(b"k", "session", token, NOW + MAX_AGE_S + 1)
    assert not expired_token(b"k", "session", token, NOW + 10)
    assert not expired_token(b"k", "other", token, NOW + MAX_AGE_S + 1)
    assert not expired_token(b"other", "session", token, NOW + MAX_AGE_S + 1)
    assert not expired_token(b"k", "session", token[:-2] + "00", NOW + MAX_AGE_S + 1)


def test_rate_limiter_window() -> None:
    now = [0.0]
    limiter = RateLimiter(2, 60, clock=lambda: now[0])
    assert [limiter.allow("a"), limiter.allow("a"), limiter.allow("a")] == [True, True, False]
    assert limiter.allow("b")
    now[0] = 61
    assert limiter.allow("a")


def test_redacted_text_still_fits_the_event_limit() -> None:
    import datetime as dt

    from schemas.events import Platform
    from services.common.network_file import load_network
    from services.ingest.domain.moments import Draft, build_moment
    from tests.ingest.harness import NETWORK

    draft = Draft(
        platform=Platform.WEB,
        source_ids=("form", "n1"),
        reference="web/x/n1",
        organisation_id="az-voorbeeld",
        department_id="spoed",
        text="Jan en " * 571,  # 3,997 characters; each "Jan" becomes the longer "[naam]"
        user_id="u",
    )
    accepted = build_moment(
        draft,
        network=load_network(NETWORK),
        redactor=REDACTOR,
        pseudonym_key=b"k",
        now=dt.datetime(2026, 11, 26, tzinfo=dt.UTC),
    )
    assert len(accepted.moment.text) == 4000
    assert accepted.moment.text.endswith("…")


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("https://hooks.slack.com/commands/T0AZVB001/123/abc", True),
        ("", False),
        ("http://hooks.slack.com/commands/T0AZVB001/123/abc", False),  # not https
        ("https://hooks.slack.com.example.org/commands/1", False),  # a lookalike host
        ("https://example.org/?https://hooks.slack.com/", False),
        ("https://hooks.slack.com/commands/" + "x" * 500, False),  # far longer than Slack's
    ],
)
def test_follow_ups_go_only_to_slack_response_urls(url: str, allowed: bool) -> None:
    form = {"response_url": url} if url else {}
    assert follow_up_url(form, "https://hooks.slack.com/") == (url if allowed else None)
    # A prefix without a path would let any host that starts the same way through.
    assert follow_up_url(form, "https://hooks.slack.com") is None


@pytest.mark.parametrize("language", list(Language))
def test_the_modal_is_within_slacks_limits_with_a_long_message_prefilled(
    language: Language,
) -> None:
    network = load_network(NETWORK)
    organisation = network.organisations[0]
    long_message = "Een heel lang bericht over de nachtdienst. " * 120  # 5,160 characters
    view = modal_view(
        organisation,
        network.consent.text[language],
        language,
        department_id=organisation.departments[0].id,
        text=long_message,
        channel_id="C0ONCO001",
    )
    assert view_problems(view) == []
    blocks = {b["block_id"]: b for b in view["blocks"]}
    prefilled = blocks["text"]["element"]["initial_value"]
    assert len(prefilled) <= MODAL_TEXT_CHARS
    assert long_message.startswith(prefilled)
    assert long_message[len(prefilled)] == " "  # cut between words
    assert blocks["options"]["hint"]["text"] == network.consent.text[language]
    assert blocks["text"]["hint"]["text"] == t("intro", language)  # leave out patients' names


def test_the_modal_keeps_only_a_channel_id_shaped_as_slacks() -> None:
    """Found by fuzzing the endpoints: a forged channel id of 3,000 characters went into the
    modal's metadata, and Slack refused the modal."""
    network = load_network(NETWORK)
    forged = modal_view(network.organisations[0], "ok", Language.NL, channel_id="C" * 3000)
    assert view_problems(forged) == []
    assert json.loads(forged["private_metadata"])["channel"] is None
    real = modal_view(network.organisations[0], "ok", Language.NL, channel_id="C0ONCO001")
    assert json.loads(real["private_metadata"])["channel"] == "C0ONCO001"


def test_the_fake_slack_refuses_what_slack_refuses() -> None:
    network = load_network(NETWORK)
    view = modal_view(network.organisations[0], "ok", Language.NL)
    view["blocks"][3]["element"]["max_length"] = 4000
    view["blocks"][5]["element"]["options"][1]["description"] = {
        "type": "plain_text",
        "text": "x" * 76,
    }
    view["title"]["text"] = "Een titel van meer dan 24 tekens"
    assert [problem.split("json-pointer:")[1] for problem in view_problems(view)] == [
        "/view/title/text]",
        "/view/blocks/3/element/max_length]",
        "/view/blocks/5/element/options/1/description/text]",
    ]


def slack_draft(text: str) -> Draft:
    """A Slack post for az-voorbeeld's spoed, as the entry points build one."""
    return Draft(
        platform=Platform.SLACK,
        source_ids=("T0", "E1"),
        reference="T0/C0/1",
        organisation_id="az-voorbeeld",
        department_id="spoed",
        text=text,
        user_id="T0:U0",
    )


def test_only_names_slack_gave_stay_and_only_whole() -> None:
    text, names = readable_mentions(
        "Dank <@U0JANP001> en <@U0GONE001|> en <@W0SOFIE01|sofie.c>",
        {"U0JANP001": "Jan  Peeters"},
        "collega",
    )
    assert (text, names) == (
        "Dank @Jan Peeters en @collega en @sofie.c",
        ["Jan Peeters", "collega", "sofie.c"],
    )
    draft = slack_draft("Dank @Jan Peeters, @Jan Peetersen en @Sofie Claes.")
    kept = protect_mentions(draft, ["Jan Peeters"])
    assert [kept.text[a:b] for a, b in kept.protected] == ["@Jan Peeters"]


def test_a_department_name_is_shown_as_typed_in_slack() -> None:
    from services.ingest.domain.moments import build_moment, confirmation

    network = load_network(NETWORK)
    organisation = network.organisations[0]
    renamed = organisation.departments[2].model_copy(update={"name": "Kinderen <12 & jongeren"})
    departments = [*organisation.departments[:2], renamed]
    network = network.model_copy(
        update={"organisations": [organisation.model_copy(update={"departments": departments})]}
    )
    draft = slack_draft("Soep voor iedereen.")
    accepted = build_moment(
        draft, network=network, redactor=REDACTOR, pseudonym_key=b"k", now=dt.datetime.now(dt.UTC)
    )
    assert confirmation(accepted, Language.NL, slack=True).startswith(
        "Bedankt! Je moment verschijnt in Kinderen &lt;12 &amp; jongeren (<#C0SPOE001>"
    )
    assert "Kinderen <12 & jongeren (Slack" in confirmation(accepted, Language.NL)


def test_a_confirmation_names_only_the_places_this_deployment_posts_to() -> None:
    from services.ingest.domain.moments import Reach, build_moment, where_it_appears

    network = load_network(NETWORK)
    organisation = network.organisations[0]
    oncology = organisation.departments[0]  # Slack, a Teams webhook and the wall
    assert oncology.destinations.teams_webhook_secret is not None
    no_wall = oncology.model_copy(
        update={"destinations": oncology.destinations.model_copy(update={"wall": False})}
    )

    def where(department: Department, reach: Reach) -> str:
        org = organisation.model_copy(update={"departments": [department]})
        accepted = build_moment(
            replace(slack_draft("Soep voor iedereen."), department_id=oncology.id),
            network=network.model_copy(update={"organisations": [org]}),
            redactor=REDACTOR,
            pseudonym_key=b"k",
            now=dt.datetime.now(dt.UTC),
            reach=reach,
        )
        return where_it_appears(accepted, Language.NL)

    name = oncology.name
    assert where(oncology, Reach()) == f"{name} (Slack, Teams en de Mango-muur)"
    no_slack = Reach(slack=False, teams=lambda secret: True)
    assert where(oncology, no_slack) == f"{name} (Teams en de Mango-muur)"
    nothing = Reach(slack=False, teams=lambda secret: False)
    assert where(oncology, nothing) == f"{name} (de Mango-muur)"
    assert where(no_wall, nothing) == name  # no place is promised that shows nothing


@pytest.mark.parametrize(
    ("slack", "plain"),
    [
        ("<!here> dank jullie", "@here dank jullie"),
        ("<#C0GERI001|geriatrie> is top", "#geriatrie is top"),
        ("<!subteam^S0614TZR7|@verpleging> bedankt", "@verpleging bedankt"),
        ("<!date^1392734382^{date_num}|2014-02-18> was fijn", "2014-02-18 was fijn"),
        ("zie <https://intranet.example/x|de procedure> &amp; meer", "zie de procedure & meer"),
        ("<@U0JANP001> blijft", "<@U0JANP001> blijft"),
        # Emphasis and code marks go, so that no destination shows asterisks.
        ("*heel* lief van _Lotte_ en ~niet~ saai", "heel lief van Lotte en niet saai"),
        ("*_echt_ top*, zie `de map` en ```stap 1```", "echt top, zie de map en stap 1"),
        ("*Dank jullie wel!*", "Dank jullie wel!"),
        # ... but an asterisk or underscore that marks nothing stays.
        ("2*3*4 en 5 * 3 * 2 en snake_case_naam", "2*3*4 en 5 * 3 * 2 en snake_case_naam"),
        ("* een lijstje\n* met sterren", "* een lijstje\n* met sterren"),
        ("Koffie *\nmet* melk", "Koffie *\nmet* melk"),
    ],
)
def test_slack_markup_becomes_what_people_saw(slack: str, plain: str) -> None:
    assert plain_text(slack) == plain


MARKUP_WORST_CASES = {
    "_a ": "slack",
    "*a ": "slack",
    "~a ": "slack",
    "<!": "slack",
    "<http://": "slack",
    "<@U1|": "slack",
    '<img alt="': "teams",
    "<at>": "teams",
    "<": "teams",
}
"""Texts that made a markup pattern look to the end of the text from every mark: 40,000
characters of "_a " took 7.6 s, 60,000 of "<!" 66 s, while no other request was answered."""


def test_markup_of_a_whole_body_costs_linear_time() -> None:
    """Each worst case, as long as the body cap lets a text be (60,000 characters), in a child
    process that must finish within 60 s: about 0.15 s in all now, minutes before. Not a speed
    measure (that is bench/), a guard against the service freezing on one post."""
    script = (
        "from services.ingest.domain.slack import plain_text\n"
        "from services.ingest.domain.teams import message_text\n"
        f"for unit, kind in {MARKUP_WORST_CASES!r}.items():\n"
        "    text = unit * (60000 // len(unit))\n"
        "    plain_text(text) if kind == 'slack' else message_text(text)\n"
    )
    subprocess.run([sys.executable, "-c", script], check=True, timeout=60, cwd=ROOT)


@pytest.mark.parametrize(
    ("text", "kept"),
    [
        ("Dank <@U0JANP001>, <@U0MANGOBOT>", "Dank <@U0JANP001>"),
        ("<@U0MANGOBOT>: dank <@U0JANP001>", "dank <@U0JANP001>"),
        ("<@U0MANGOBOT|mango>, soep voor iedereen", "soep voor iedereen"),
    ],
)
def test_only_the_apps_own_mention_is_taken_out(text: str, kept: str) -> None:
    envelope = {
        "team_id": "T0AZVB001",
        "event_id": "Ev1",
        "authorizations": [{"user_id": "U0MANGOBOT", "is_bot": True}],
        "event": {"type": "app_mention", "text": text, "user": "U0NURSE02", "channel": "C0"},
    }
    network = load_network(NETWORK)
    draft = mention_draft(envelope, Place(network.organisations[0], "spoed"))
    assert draft.text == kept


def test_french_punctuation_never_wraps_onto_its_own_line() -> None:
    french = [texts[Language.FR] for texts in MESSAGES.values()]
    assert not [text for text in french if re.search(r" [?!;:]", text)]
    assert t("label_kind", Language.FR) == "Que partagez-vous\u00a0?"


# Cases found by two adversarial reads (2026-11-26): leaks, and false alarms on ordinary words.
DUTCH_READ = [
    # A name that ran into a room or an address found first was dropped whole.
    (
        "Mevr. Janssens Kamer 214 mocht naar huis.",
        Language.NL,
        "Mevr. [naam] [kamer] mocht naar huis.",
    ),
    (
        "Godelieve Vermeersch Kamer 12 mocht naar huis.",
        Language.NL,
        "[naam] [kamer] mocht naar huis.",
    ),
    (
        "Mrs Kowalski Room 12 loved the music.",
        Language.EN,
        "Mrs [name] [room] loved the music.",
    ),
    (
        "Mme Lambotte Chambre 214 a reçu sa fille.",
        Language.FR,
        "Mme [nom] [chambre] a reçu sa fille.",
    ),
    (
        "Bezoek: Godelieve Vermeersch Godelieve.Vermeersch@telenet.be",
        Language.NL,
        "Bezoek: [naam] [e-mail]",
    ),
    # ... but what only looked like a name next to a date stays.
    ("Born May 3, 1941 in Ghent", Language.EN, "Born [date of birth] in Ghent"),
    # Invisible characters and other spaces inside a word or a number.
    ("Mevrouw Verm\u00adeersch kreeg bezoek.", Language.NL, "Mevrouw [naam] kreeg bezoek."),
    ("Mail: an.verm\u2060eersch@telenet.be", Language.NL, "Mail: [e-mail]"),
    ("Dochter: 0475\u202f12\u202f34\u202f56", Language.NL, "Dochter: [telefoon]"),
    ("Mevrouw\u00a0VERSCHUEREN lachte", Language.NL, "Mevrouw [naam] lachte"),
    # The surname in capitals, as ward lists write it.
    ("Bezoek voor PEETERS Maria op de gang.", Language.NL, "Bezoek voor [naam] op de gang."),
    ("Maria VERMEERSCH werd vandaag 90.", Language.NL, "[naam] werd vandaag 90."),
    ("DUPONT Jeanne a reçu des fleurs.", Language.FR, "[nom] a reçu des fleurs."),
    # Titles and kinship words, a first name typed in lower case after them.
    (
        "zuster godelieve bleef na haar dienst",
        Language.NL,
        "zuster [naam] bleef na haar dienst",
    ),
    ("mamie josiane a adoré le gâteau", Language.FR, "mamie [nom] a adoré le gâteau"),
    ("familie Vermeersch bedankt het team", Language.NL, "familie [naam] bedankt het team"),
    ("Hr. Claerhout en Mej. Goethals", Language.NL, "Hr. [naam] en Mej. [naam]"),
    ("Meneer Noël kreeg bezoek", Language.NL, "Meneer [naam] kreeg bezoek"),
    ("Jean Toussaint a retrouvé le sourire.", Language.FR, "[nom] a retrouvé le sourire."),
    ("Soufiane was blij met zijn rolstoel.", Language.NL, "[naam] was blij met zijn rolstoel."),
    ("meneer kan niet slapen", Language.NL, "meneer kan niet slapen"),
    # Wishes and feast days are not names.
    (
        "Happy Birthday to our oldest resident!",
        Language.EN,
        "Happy Birthday to our oldest resident!",
    ),
    ("Vrolijk Kerstfeest aan iedereen", Language.NL, "Vrolijk Kerstfeest aan iedereen"),
    ("De Warmste Week was een succes", Language.NL, "De Warmste Week was een succes"),
]
FRENCH_AND_ENGLISH_READ = [
    # Dates of birth with abbreviated months, hyphens, French cues.
    (
        "Mrs Hughes (DOB: 3 Mar 1941) settled.",
        Language.EN,
        "Mrs [name] (DOB: [date of birth]) settled.",
    ),
    ("Mr Hughes DOB 03-MAR-1941 settled.", Language.EN, "Mr [name] [date of birth] settled."),
    (
        "née le 3 févr. 1941, elle a chanté",
        Language.FR,
        "née le [date de naissance], elle a chanté",
    ),
    ("(°3 janv. 1941)", Language.FR, "(°[date de naissance])"),
    ("DDN : 12/12/38", Language.FR, "DDN : [date de naissance]"),
    # Titles and cues before names.
    (
        "Le Pr. Gilson a passé une heure avec elle",
        Language.FR,
        "Le Pr. [nom] a passé une heure avec elle",
    ),
    ("The Rev. Okafor visited", Language.EN, "The Rev. [name] visited"),
    ("bravo à sophie pour sa patience", Language.FR, "bravo à [nom] pour sa patience"),
    ("merci à jean-pierre", Language.FR, "merci à [nom]"),
    ("grand-mère lucienne a souri", Language.FR, "grand-mère [nom] a souri"),
    # Rooms and beds as wards write them.
    ("the patient in bay 3 smiled", Language.EN, "the patient in [room] smiled"),
    ("The gentleman in Room #12 smiled.", Language.EN, "The gentleman in [room] smiled."),
    (
        "ch12 a bien dormi, chambre B-204 aussi",
        Language.FR,
        "[chambre] a bien dormi, [chambre] aussi",
    ),
    ("Chambre 12bis a reçu de la visite", Language.FR, "[chambre] a reçu de la visite"),
    # ... and a room as chat types it, a lower-case k glued or spaced before its number.
    ("bij de mevrouw op k214 gebleven", Language.NL, "bij de mevrouw op [kamer] gebleven"),
    ("met mevrouw de vos (k 104) gewandeld", Language.NL, "met mevrouw [naam] ([kamer]) gewandeld"),
    (
        "de kamer van de meneer op k 31 versierd",
        Language.NL,
        "de kamer van de meneer op [kamer] versierd",
    ),
    # Typed angle brackets protect nothing; only id-shaped Slack markup stays.
    ("Merci <@Jeanne Lhoest> et <#Kabongo Mbuyi>", Language.FR, "Merci <@[nom]> et <#[nom]>"),
    ("Dank <@U0ABC|Sofie Claes>!", Language.NL, "Dank <@U0ABC|Sofie Claes>!"),
    # Title Case greetings, headings, wards and medicines are not names.
    ("Merci Beaucoup à toute l'équipe", Language.FR, "Merci Beaucoup à toute l'équipe"),
    (
        "Get Well Soon cards from Thank You Night Shift",
        Language.EN,
        "Get Well Soon cards from Thank You Night Shift",
    ),
    (
        "Les Soins Intensifs et le Bloc Opératoire",
        Language.FR,
        "Les Soins Intensifs et le Bloc Opératoire",
    ),
    (
        "Le Dormicum a enfin permis de dormir",
        Language.FR,
        "Le Dormicum a enfin permis de dormir",
    ),
]


THIRD_READ = [
    # E-mail addresses spelled out so that robots miss them are still e-mail addresses.
    (
        "Foto's naar jan.peeters (at) azsint.be sturen",
        Language.NL,
        "Foto's naar [e-mail] sturen",
    ),
    ("Contact: marie.dubois [at] chu-liege [dot] be", Language.FR, "Contact: [e-mail]"),
    ("Mail sofie at azsint dot be of bel", Language.NL, "Mail [e-mail] of bel"),
    ("Écrivez à jean arobase chr point be.", Language.FR, "Écrivez à [e-mail]."),
    ("Her email is tom.smith at gmail.com.", Language.EN, "Her email is [email]."),
    ("Mail jan.peeters@azsint dot be", Language.NL, "Mail [e-mail]"),
    # ... but "at" is an English word: without a dot in the local part or a spelled-out dot, or
    # without a domain ending, nothing is an address.
    (
        "The photos are at azsint.be/fotos and at www.azsint.be.",
        Language.EN,
        "The photos are at azsint.be/fotos and at www.azsint.be.",
    ),
    ("She looked at me. Point taken.", Language.EN, "She looked at me. Point taken."),
    ("We were at home dot", Language.EN, "We were at home dot"),
    ("the combat zone dot com game", Language.EN, "the combat zone dot com game"),  # a word's "at"
    # An initial after a title stands for the name; its dot goes with it unless a sentence ends.
    ("Mme B. a reçu des fleurs.", Language.FR, "Mme [nom] a reçu des fleurs."),
    (
        "Dankzij Dr. V. kon meneer P. naar huis.",
        Language.NL,
        "Dankzij Dr. [naam] kon meneer [naam] naar huis.",
    ),
    ("Dank aan meneer P. Hij was blij.", Language.NL, "Dank aan meneer [naam]. Hij was blij."),
    ("Vitamine B. werd gegeven.", Language.NL, "Vitamine B. werd gegeven."),
    # Dates of birth with spaces around the separators, or a two-digit year after a month.
    ("geboren 12 / 03 / 1948, ze werd 76", Language.NL, "geboren [geboortedatum], ze werd 76"),
    ("née le 3 mars 48 à Liège", Language.FR, "née le [date de naissance] à Liège"),
    ("born 3 March 48 in Ghent", Language.EN, "born [date of birth] in Ghent"),
    # A day and a month with no year, a few words after a birth cue; not an event's date, nor
    # one after the year of birth.
    (
        "Né à 28 semaines le 2 mai, il rentre enfin",
        Language.FR,
        "Né à 28 semaines le [date de naissance], il rentre enfin",
    ),
    (
        "geboren in 1948, op 3 maart komt de kinesist",
        Language.NL,
        "geboren in 1948, op 3 maart komt de kinesist",
    ),
    ("op 2 mei komt de kinesist", Language.NL, "op 2 mei komt de kinesist"),
    ("geboren op 3 maart, 3,2 kg", Language.NL, "geboren op [geboortedatum], 3,2 kg"),
    ("née le 2 sept à 4h du matin", Language.FR, "née le [date de naissance] à 4h du matin"),
    # ... but not in the next sentence, after "°" or after "naissance" (birth leave).
    (
        "kleine is geboren! ze is terug vanaf 3 maart",
        Language.NL,
        "kleine is geboren! ze is terug vanaf 3 maart",
    ),
    ("koorts 39° sinds 2 mei", Language.NL, "koorts 39° sinds 2 mei"),
    ("congé de naissance dès le 2 mai", Language.FR, "congé de naissance dès le 2 mai"),
    # ... a two-digit number after a month name is a count, unless the cue is right before it.
    ("op 3 maart 12 bewoners bezocht", Language.NL, "op 3 maart 12 bewoners bezocht"),
    (
        "geboren in 1948, op 3 maart 12 jaar na haar man",
        Language.NL,
        "geboren in 1948, op 3 maart 12 jaar na haar man",
    ),
    ("Op 12 / 03 / 2026 in zaal 2", Language.NL, "Op 12 / 03 / 2026 in zaal 2"),
    # A name label and a colon, as in a list: capitals after a colon say nothing, the label does.
    ("Naam: Kabongo, kamer 12", Language.NL, "Naam: [naam], [kamer]"),
    ("Nom : Kabongo Mbuyi", Language.FR, "Nom : [nom]"),
    ("Name: NNAMDI Okafor", Language.EN, "Name: [name]"),
    ("Nom : La famille remercie", Language.FR, "Nom : La famille remercie"),
    # Look-alikes the third held-out set showed: a date is no phone number, a sentence after a
    # letter and a dot is no initial and surname.
    ("Op 05/04/2026 vierden we de lente.", Language.NL, "Op 05/04/2026 vierden we de lente."),
    ("On 05 / 04 / 2026 we sang", Language.EN, "On 05 / 04 / 2026 we sang"),
    (
        "Ijsjes in blok C. Een pluim voor Bram!",
        Language.NL,
        "Ijsjes in blok C. Een pluim voor [naam]!",
    ),
    (
        "On est passé au plan B. Merci Grégory !",
        Language.FR,
        "On est passé au plan B. Merci [nom] !",
    ),
    ("Naam: Alle collega's van de nacht", Language.NL, "Naam: Alle collega's van de nacht"),
    # A first name in lower case after praise or a greeting; a two-letter one after thanks.
    ("well done jan, the soup was perfect", Language.EN, "well done [name], the soup was perfect"),
    ("thanks again sofie", Language.EN, "thanks again [name]"),
    ("goed gedaan lotte!", Language.NL, "goed gedaan [naam]!"),
    ("bien joué sophie", Language.FR, "bien joué [nom]"),
    ("hoi sofie, de soep was top", Language.NL, "hoi [naam], de soep was top"),
    ("Dankjewel An voor de koffie.", Language.NL, "Dankjewel [naam] voor de koffie."),
    ("Hi there, well done everyone", Language.EN, "Hi there, well done everyone"),
    ("An old man smiled.", Language.EN, "An old man smiled."),
    # A message all in capitals: read as typed and in lower case; a title covers one name only.
    ("DANK AAN JAN PEETERS VOOR DE SOEP", Language.NL, "DANK AAN [naam] VOOR DE SOEP"),
    ("MERCI À SOPHIE ET JULIEN", Language.FR, "MERCI À [nom] ET [nom]"),
    (
        "MEVROUW KABONGO KREEG BEZOEK VAN HAAR DOCHTER",
        Language.NL,
        "MEVROUW [naam] KREEG BEZOEK VAN HAAR DOCHTER",
    ),
    (
        "THANK YOU NURSES FOR THE WONDERFUL CARE",
        Language.EN,
        "THANK YOU NURSES FOR THE WONDERFUL CARE",
    ),
    # What the fourth held-out set showed: a "+32" number is a phone number even when its 11
    # digits pass the national-number checksum; a lower-case surname after its particles.
    ("tel +32 495 67 89 01, start maandag", Language.NL, "tel [telefoon], start maandag"),
    ("jan de smet zette muziek op", Language.NL, "[naam] zette muziek op"),
    ("dank aan marie van damme", Language.NL, "dank aan [naam]"),
    # ... but not "de kok" (the cook); "jan" at the start of a sentence is its subject.
    ("jan de kok kwam langs", Language.NL, "[naam] de kok kwam langs"),
    ("shoutout to lina from cleaning", Language.EN, "shoutout to [name] from cleaning"),
    # A capital and a dot after a word that is no name ("Plan B.", "Vitamin B.") is no initial,
    # and a sentence may start after it; a name after it is still a name.
    ("Plan B. Then Jonas helped.", Language.EN, "Plan B. Then [name] helped."),
    ("Vitamin B. Questions were answered.", Language.EN, "Vitamin B. Questions were answered."),
    ("Vitamine B. Sofie gaf ze.", Language.NL, "Vitamine B. [naam] gaf ze."),
    ("Dank aan J. Kabongo.", Language.NL, "Dank aan [naam]."),
    # A two-letter first name after "en" and a name; a resident's label and a colon.
    ("Met An en Jo naar de tuin.", Language.NL, "Met [naam] en [naam] naar de tuin."),
    ("Met Sofie en Jo gewandeld.", Language.NL, "Met [naam] en [naam] gewandeld."),
    ("Résidente : Kabongo a souri.", Language.FR, "Résidente : [nom] a souri."),
    ("Bewoner: Kabongo, kamer 12", Language.NL, "Bewoner: [naam], [kamer]"),
    # What the fifth held-out set showed. A common first name in capitals in a message that is
    # not all capitals, and a name in capitals after "en" and a name; capitals that are words
    # stay.
    ("MERCI NATHALIE !!! Elle a tout fait.", Language.FR, "MERCI [nom] !!! Elle a tout fait."),
    ("ALLE LOF VOOR MARIEKE EN SEVDA!! Top.", Language.NL, "ALLE LOF VOOR [naam] EN [naam]!! Top."),
    ("Dank aan het TEAM van de NACHT", Language.NL, "Dank aan het TEAM van de NACHT"),
    # A rarer first name in lower case, only right after thanks or after "et" and a name (a
    # common one anywhere: CHAT_TYPED).
    ("merci a grzegorz et bogdan", Language.FR, "merci a [nom] et [nom]"),
    ("Yes, zbigniew was there", Language.EN, "Yes, zbigniew was there"),
    # A possessive after a title; a lower-case surname after its particle and a title.
    ("mrs petrenko's hearing aid", Language.EN, "mrs [name]'s hearing aid"),
    ("voor mevr de smet op kamer 3", Language.NL, "voor mevr [naam] op [kamer]"),
    ("mevrouw was blij", Language.NL, "mevrouw was blij"),
    # Streets, wards and TV titles are no people; a name after them still is.
    ("Rendez-vous rue de Fer avec Sophie", Language.FR, "Rendez-vous rue de Fer avec [nom]"),
    ("aan de Kerkstraat bij Jan", Language.NL, "aan de Kerkstraat bij [naam]"),
    ("à la place de Marie", Language.FR, "à la place de [nom]"),
    ("résidents de l'unité Les Glycines", Language.FR, "résidents de l'unité Les Glycines"),
    ("afdeling Zonnebloem met Jan", Language.NL, "afdeling Zonnebloem met [naam]"),
    ("regarder Plus belle la vie", Language.FR, "regarder Plus belle la vie"),
    ("bewoners van afdeling De Vlinder", Language.NL, "bewoners van afdeling De Vlinder"),
    # ... but a family at the start of a sentence, and a known name after a place word, are
    # still names ("dienst" is also "service" as in "thanks for your service").
    ("The Kabongo family brought cake.", Language.EN, "The [name] family brought cake."),
    ("Great to see The Kabongo family.", Language.EN, "Great to see The [name] family."),
    ("bedankt voor je dienst Sofie", Language.NL, "bedankt voor je dienst [naam]"),
    # A month in a date is no name ("Since May 2026"); "Jan" after a year still is.
    ("Since May 2026, Jan helps.", Language.EN, "Since May 2026, [name] helps."),
    ("In 2026 May joined us.", Language.EN, "In 2026 [name] joined us."),
    # A compound of a known non-name ("Nespresso-machine"); cities, languages and media abroad.
    ("de Nespresso-machine van Jan", Language.NL, "de Nespresso-machine van [naam]"),
    ("sang in Tagalog with Sofie in Lyon", Language.EN, "sang in Tagalog with [name] in Lyon"),
    # An adversarial read of the rules above: what they must not hide, or take for names.
    ("Thanks J. Okafor for staying late!", Language.EN, "Thanks [name] for staying late!"),
    ("Grand merci à Dieu-Merci pour la garde", Language.FR, "Grand merci à [nom] pour la garde"),
    ("Bedankt milan voor je hulp", Language.NL, "Bedankt [naam] voor je hulp"),
    ("Meneer Van Aken was onrustig", Language.NL, "Meneer [naam] was onrustig"),
    ("Bedankt voor de leuke dienst Kabongo.", Language.NL, "Bedankt voor de leuke dienst [naam]."),
    ("Gesprek met Verlaan over zijn val.", Language.NL, "Gesprek met [naam] over zijn val."),
    ("bed 3 May Peeters is restless.", Language.EN, "[room] [name] is restless."),
    ("Monitor for side effects", Language.EN, "Monitor for side effects"),
    ("biberon pour bébé à 14h", Language.FR, "biberon pour bébé à 14h"),
    (
        "Explained to the patient today's results.",
        Language.EN,
        "Explained to the patient today's results.",
    ),
    ("Dank aan Sofie EN TEAM", Language.NL, "Dank aan [naam] EN TEAM"),
    # A month or feast that is a first name, before a surname; alone it stays a month.
    ("Yesterday June Okafor smiled.", Language.EN, "Yesterday [name] smiled."),
    ("Bed 3: August Peeters kreeg bezoek.", Language.NL, "[kamer]: [naam] kreeg bezoek."),
    ("Noël Dubois a chanté.", Language.FR, "[nom] a chanté."),
    ("In June Sofie was there.", Language.EN, "In June [name] was there."),
    ("We vierden Noël met Sofie.", Language.NL, "We vierden Noël met [naam]."),
    # After a semicolon, a word in no list is a name ("Iedereen" stays: see below).
    ("wou koffie; Nsimba bracht het mee", Language.NL, "wou koffie; [naam] bracht het mee"),
    ("was worried; Selam called them", Language.EN, "was worried; [name] called them"),
    ("pas faim ; le repas attendra", Language.FR, "pas faim ; le repas attendra"),
    # N', O', M' and a capital make a surname, also at the start of a sentence.
    ("N'Diaye a passé sa pause ici.", Language.FR, "[nom] a passé sa pause ici."),
    ("O'Brien stayed late. O'clock is fine.", Language.EN, "[name] stayed late. O'clock is fine."),
    ("M'a dit que tout allait bien.", Language.FR, "M'a dit que tout allait bien."),
    # A sixth held-out set: a word in no list of names nor of everyday words (common_words.txt)
    # is a name at the start of a sentence, after an honorific and after thanks.
    ("Kabeya from housekeeping knew it.", Language.EN, "[name] from housekeeping knew it."),
    ("Checklist afgewerkt voor de nacht.", Language.NL, "Checklist afgewerkt voor de nacht."),
    ("C'était une belle journée.", Language.FR, "C'était une belle journée."),
    ("L'équipe a tout préparé.", Language.FR, "L'équipe a tout préparé."),
    ("Shoutout to the night team", Language.EN, "Shoutout to the night team"),
    ("TOPdesk ticket gesloten.", Language.NL, "TOPdesk ticket gesloten."),
    ("bril van mevr kowalczyk gevonden", Language.NL, "bril van mevr [naam] gevonden"),
    ("Oma M. straalde vandaag.", Language.NL, "Oma [naam] straalde vandaag."),
    ("the resident hadnt eaten", Language.EN, "the resident hadnt eaten"),
    ("merci à pemba qui a porté les valises", Language.FR, "merci à [nom] qui a porté les valises"),
    (
        "thank you yonas and kasia for singing",
        Language.EN,
        "thank you [name] and [name] for singing",
    ),
    # ... a rarer first name in capitals after thanks; Ł and ø as the name lists write them
    ("Merci MAŁGORZATA d'avoir aidé", Language.FR, "Merci [nom] d'avoir aidé"),
    ("Gisteren hielp Łukasz met de verhuis.", Language.NL, "Gisteren hielp [naam] met de verhuis."),
    # ... and "lit 14" right after a title and a name is a bed; "il lit 14 pages" is reading.
    ("M. ionescu lit 14, fils ok", Language.FR, "M. [nom] [chambre], fils ok"),
    ("Il lit 14 pages par jour.", Language.FR, "Il lit 14 pages par jour."),
    # What a name-free set showed those rules take: a compound of a word and a care word, a
    # diminutive, a contraction without its apostrophe, a word with a digit or without a vowel,
    # a French elision other than one letter, an everyday word after a semicolon.
    ("Wondzorg duurde lang.", Language.NL, "Wondzorg duurde lang."),
    ("bedankt poetsploeg voor de hulp", Language.NL, "bedankt poetsploeg voor de hulp"),
    ("Glimlachjes overal.", Language.NL, "Glimlachjes overal."),
    ("Hadnt eaten all day.", Language.EN, "Hadnt eaten all day."),
    ("Gr8 job everyone.", Language.EN, "Gr8 job everyone."),
    ("Mss morgen opnieuw.", Language.NL, "Mss morgen opnieuw."),
    ("Qu'elle soit contente.", Language.FR, "Qu'elle soit contente."),
    ("Zorgpad aangepast; Iedereen akkoord.", Language.NL, "Zorgpad aangepast; Iedereen akkoord."),
    # An adversarial read of those rules: a name is never read as a diminutive or a compound
    # of a word, whatever its letters; names after more small words, titles and feasts.
    ("Marietje straalde vandaag.", Language.NL, "[naam] straalde vandaag."),
    ("mevr reintjes was zo blij", Language.NL, "mevr [naam] was zo blij"),
    ("Dantas bracht koffie.", Language.NL, "[naam] bracht koffie."),
    ("Trần bracht koffie.", Language.NL, "[naam] bracht koffie."),
    (
        "BEDANKT İLKER VOOR DE KOFFIE EN TAART",
        Language.NL,
        "BEDANKT [naam] VOOR DE KOFFIE EN TAART",
    ),
    ("Nissrine bracht koffie.", Language.NL, "[naam] bracht koffie."),
    ("T'Kindt bracht koffie.", Language.NL, "[naam] bracht koffie."),
    ("McCarthy stayed late.", Language.EN, "[name] stayed late."),
    ("Marie-France a aidé.", Language.FR, "[nom] a aidé."),
    ("Sint-Maarten kwam langs.", Language.NL, "Sint-Maarten kwam langs."),
    ("mevr n'diaye was zo blij", Language.NL, "mevr [naam] was zo blij"),
    ("merci à l'équipe de nuit", Language.FR, "merci à l'équipe de nuit"),
    ("Merci à Noël Martin pour tout.", Language.FR, "Merci à [nom] pour tout."),
    ("Merci Noël De Smet pour tout.", Language.FR, "Merci [nom] pour tout."),
    ("Bewoonster mevr kowalczyk straalde.", Language.NL, "Bewoonster mevr [naam] straalde."),
    ("Dank je wel oksana voor alles", Language.NL, "Dank je wel [naam] voor alles"),
    ("merci à oksana et à dmytro", Language.FR, "merci à [nom] et à [nom]"),
    ("Mme Jeanne Ionescu lit 14 a souri.", Language.FR, "Mme [nom] [chambre] a souri."),
    ("Madame Dupont lit 2 livres.", Language.FR, "Madame [nom] lit 2 livres."),
    # Surnames from Faker's lists (surnames_more.txt), less words and known non-names; a
    # surname that is a word without its accents ("Lê", "Sá") is not one of them.
    ("Nguyen bracht koffie.", Language.NL, "[naam] bracht koffie."),
    ("Diallo a aidé toute la nuit.", Language.FR, "[nom] a aidé toute la nuit."),
    ("Le patient dort. Sa fille est là.", Language.FR, "Le patient dort. Sa fille est là."),
    ("Parkinson makes it hard to eat.", Language.EN, "Parkinson makes it hard to eat."),
    # A seventh held-out set: a common first name in lower case at the start of a sentence
    # is its subject, and one after "et" and a capitalised first name is paired with it; a
    # title before "de" and another title, a stopword the lists hold as a name ("Tres"), a
    # whole-word title and a dot ("son père. Très") are no name's start.
    ("sarah spent her lunch with him", Language.EN, "[name] spent her lunch with him"),
    ("Nathalie et bernadette ont tricoté.", Language.FR, "[nom] et [nom] ont tricoté."),
    (
        "La famille de Madame Wilmotte remercie.",
        Language.FR,
        "La famille de Madame [nom] remercie.",
    ),
    ("de son père. Très émouvant.", Language.FR, "de son père. Très émouvant."),
    ("Zuster. Sofie kwam.", Language.NL, "Zuster. [naam] kwam."),
    ("Prof. Maes kwam langs.", Language.NL, "Prof. [naam] kwam langs."),
]
EIGHTH_SET = [
    # An eighth held-out set: towns, countries and languages (places.txt) are no names; no
    # word of them is in a list of names, and after a title any word still is one.
    ("Haar kleinzoon woont in Dublin.", Language.NL, "Haar kleinzoon woont in Dublin."),
    (
        "Il arrive de Syrie demain, avec Karim.",
        Language.FR,
        "Il arrive de Syrie demain, avec [nom].",
    ),
    ("Kids from Syria and Ghent came.", Language.EN, "Kids from Syria and Ghent came."),
    ("Ze spreekt Vietnamees en Roemeens.", Language.NL, "Ze spreekt Vietnamees en Roemeens."),
    ("Ze woont nu in Rumbeke.", Language.NL, "Ze woont nu in Rumbeke."),
    # ... and "at" ("at Ostend" in held-out set 28); but not a name after it
    (
        "A video call from the beach at Ostend.",
        Language.EN,
        "A video call from the beach at Ostend.",
    ),
    ("Look at Sofie go!", Language.EN, "Look at [name] go!"),
    # A town is one only after a word that leads to a place: many are surnames or names too.
    ("Vandaag werkte Beaumont mee.", Language.NL, "Vandaag werkte [naam] mee."),
    ("Dank aan Sanaa voor de hulp.", Language.NL, "Dank aan [naam] voor de hulp."),
    ("Thanks to Sanaa for the help.", Language.EN, "Thanks to [name] for the help."),
    ("Mevrouw Dublin kreeg bezoek.", Language.NL, "Mevrouw [naam] kreeg bezoek."),
    ("Met Sofie Gent naar buiten.", Language.NL, "Met [naam] naar buiten."),
    ("Zijn zus Florence belde.", Language.NL, "Zijn zus [naam] belde."),
    # Feasts, apps, wards in English, saints' hospitals and churches; a thanks word is no first
    # name before a surname (but Grâce is a name too).
    ("Movember en Thanksgiving in Epic.", Language.NL, "Movember en Thanksgiving in Epic."),
    ("Op Wereldalzheimerdag zongen we.", Language.NL, "Op Wereldalzheimerdag zongen we."),
    ("Christmas Eve on the Stroke Unit.", Language.EN, "Christmas Eve on the Stroke Unit."),
    (
        "Campus St Vincent, Sint-Jan and the Saint Luc.",
        Language.EN,
        "Campus St Vincent, Sint-Jan and the Saint Luc.",
    ),
    ("l'équipe de l'hôpital Saint-Luc", Language.FR, "l'équipe de l'hôpital Saint-Luc"),
    ("La fille de Saint-Germain a appelé.", Language.FR, "La fille de [nom] a appelé."),
    ("Vandaag werkte Saint-Amand mee.", Language.NL, "Vandaag werkte [naam] mee."),
    ("Meneer Saint-Pierre kreeg bezoek.", Language.NL, "Meneer [naam] kreeg bezoek."),
    ("Merci à Saint-Fleur pour la nuit.", Language.FR, "Merci à [nom] pour la nuit."),
    ("Merci à Saint Pierre pour la nuit.", Language.FR, "Merci à [nom] pour la nuit."),
    ("Met dank aan Karadag en Bozdag.", Language.NL, "Met dank aan [naam] en [naam]."),
    ("Dankzij Vo liep het vlot.", Language.NL, "Dankzij [naam] liep het vlot."),
    ("Dankzij El Amrani liep het vlot.", Language.NL, "Dankzij [naam] liep het vlot."),
    ("Dankzij Ahmadi liep het vlot.", Language.NL, "Dankzij [naam] liep het vlot."),
    ("Super, Bravo Kabongo !", Language.FR, "Super, Bravo [nom] !"),
    ("Grâce Mbuyi a aidé toute la nuit.", Language.FR, "[nom] a aidé toute la nuit."),
    # "m." in lower case is monsieur, but not after a number.
    ("rappeler le fils de m. Bastin demain", Language.FR, "rappeler le fils de m. [nom] demain"),
    ("Encore 5 m. Verder la porte.", Language.FR, "Encore 5 m. Verder la porte."),
    # A two-letter family name written first; a first name right before the room it lies in.
    ("bij Li Wei op bed 3", Language.NL, "bij [naam] op [kamer]"),
    ("Roos van kamer 214 wou de zee zien.", Language.NL, "[naam] van [kamer] wou de zee zien."),
    ("pierre de la chambre 204 a 90 ans", Language.FR, "[nom] de la [chambre] a 90 ans"),
    ("bill on bed 6 called his daughter", Language.EN, "[name] on [room] called his daughter"),
    ("ik ben van kamer 12 naar 14 gegaan", Language.NL, "ik ben van [kamer] naar 14 gegaan"),
    # A common first name in lower case before a lower-case word is its subject anywhere, not
    # only at the start of a sentence; not one that is more often a word ("un jean").
    ("amai, jelle heeft gezeten", Language.NL, "amai, [naam] heeft gezeten"),
    ("zwaar maar jelle bleef rustig", Language.NL, "zwaar maar [naam] bleef rustig"),
    ("il a mis un jean propre", Language.FR, "il a mis un jean propre"),
    ("jean a aidé madame au repas", Language.FR, "[nom] a aidé madame au repas"),
    ("zijn peter en meter kwamen", Language.NL, "zijn peter en meter kwamen"),
    ("the wound dries out", Language.EN, "the wound dries out"),
    ("the pressure mark on bed 4", Language.EN, "the pressure mark on [room]"),
    # After a mention and "en", a word in no list is a name too.
    (
        "thx <@U07QX2M9K> en taras voor de bril",
        Language.NL,
        "thx <@U07QX2M9K> en [naam] voor de bril",
    ),
    ("thx <@U07QX2M9K> en iedereen", Language.NL, "thx <@U07QX2M9K> en iedereen"),
    ("thx <@U07QX2M9K> en stagiairs", Language.NL, "thx <@U07QX2M9K> en stagiairs"),
    # The first word of each item of a list of thanks is led by them.
    (
        "Dank aan:\n- dmytro voor de rolstoel\n- piotr\n• selam (koffie)",
        Language.NL,
        "Dank aan:\n- [naam] voor de rolstoel\n- [naam]\n• [naam] (koffie)",
    ),
    ("Merci aan: - dmytro en piotr", Language.NL, "Merci aan: - [naam] en [naam]"),
    # A ninth held-out set: names that are words too (Mercy, Sky, Lies, Hope) with a cue: thanks
    # or a pair, the service after them, a list of thanks; a list of names with commas.
    ("dank aan roos en sanaa", Language.NL, "dank aan [naam] en [naam]"),
    ("merci à sanaa et mercy", Language.FR, "merci à [nom] et [nom]"),
    ("Sky van het onthaal vond hem.", Language.NL, "[naam] van het onthaal vond hem."),
    ("Lies van de sociale dienst belde.", Language.NL, "[naam] van de sociale dienst belde."),
    (
        "Huge thanks to: Mercy, Chidi and Oksana",
        Language.EN,
        "Huge thanks to: [name], [name] and [name]",
    ),
    ("Hope and Precious stayed late.", Language.EN, "[name] and [name] stayed late."),
    ("thanks to kasia, bilal and ines", Language.EN, "thanks to [name], [name] and [name]"),
    ("Hope you are well.", Language.EN, "Hope you are well."),
    ("Grâce à Djamila, tout va bien.", Language.FR, "Grâce à [nom], tout va bien."),
    (
        "Onze vrijwilliger Gustaaf, bakte wafels.",
        Language.NL,
        "Onze vrijwilliger [naam], bakte wafels.",
    ),
    ("merci à mon équipe et à tous", Language.FR, "merci à mon équipe et à tous"),
    ("Soep van de keuken was lekker.", Language.NL, "Soep van de keuken was lekker."),
    ("Agenda:\n- wondzorg\n- medicatie", Language.NL, "Agenda:\n- wondzorg\n- medicatie"),
    ("Thanks to:\n- the night team", Language.EN, "Thanks to:\n- the night team"),
]


TENTH_SET = [
    # A capitalised everyday word after an article names a thing, as titles and labels do; a
    # name that is a word too (Jonathan, Storm) or no lower-case word (Magnette) is still a
    # name, and so is one where names stand: after company or kin, in a pair, before a service
    # or a role; and without an article (many surnames are words: Jaspers, Pasteur), or after
    # a capitalised particle (De Cock) or "van de" (a surname's particles).
    (
        "Wie heeft de nieuwe Checklist valpreventie in Teams gezet?",
        Language.NL,
        "Wie heeft de nieuwe Checklist valpreventie in Teams gezet?",
    ),
    ("the new Protocol for falls is online", Language.EN, "the new Protocol for falls is online"),
    ("Le gâteau de Pasteur était bon.", Language.FR, "Le gâteau de [nom] était bon."),
    ("Reminder: the Head Nurse wants it.", Language.EN, "Reminder: the Head Nurse wants it."),
    ("Het Protocol hangt aan de muur.", Language.NL, "Het Protocol hangt aan de muur."),
    ("Vandaag heeft Jaspers gekaart.", Language.NL, "Vandaag heeft [naam] gekaart."),
    ("Aujourd'hui Pasteur a aidé.", Language.FR, "Aujourd'hui [nom] a aidé."),
    ("Bedankt De Cock!", Language.NL, "Bedankt [naam]!"),
    ("De kleindochter van de Wilde kwam.", Language.NL, "De kleindochter van de [naam] kwam."),
    ("Ze zei dat Compte nog belde.", Language.NL, "Ze zei dat [naam] nog belde."),
    ("Gisteren heeft Jonathan gewaakt.", Language.NL, "Gisteren heeft [naam] gewaakt."),
    ("Gisteren heeft Magnette gewaakt.", Language.NL, "Gisteren heeft [naam] gewaakt."),
    (
        "Daarna ging ze met Storm naar de tuin.",
        Language.NL,
        "Daarna ging ze met [naam] naar de tuin.",
    ),
    ("Merci pour maman Bobo.", Language.FR, "Merci pour maman [nom]."),
    ("Avec Cheikh et Amadou, elle sourit.", Language.FR, "Avec [nom] et [nom], elle sourit."),
    (
        "Enfin, Rami du nettoyage discute avec elle.",
        Language.FR,
        "Enfin, [nom] du nettoyage discute avec elle.",
    ),
    (
        "Super idée de Bonheur (aide-soignant) !",
        Language.FR,
        "Super idée de [nom] (aide-soignant) !",
    ),
    (
        "Zijn dochter Bonheur bracht taart mee.",
        Language.NL,
        "Zijn dochter [naam] bracht taart mee.",
    ),
    ("La fille de Compte a appelé.", Language.FR, "La fille de [nom] a appelé."),
    ("Merci à : - Will - Youssef", Language.FR, "Merci à : - [nom] - [nom]"),
    # Compounds of everyday words after an article ("-berg", "-mans" end names, so they do not
    # count); without one, a compound may be a surname ("Kortekaas", "Schoonjans").
    ("Hij bracht een Chocolademunt mee.", Language.NL, "Hij bracht een Chocolademunt mee."),
    ("Het Bestelnummer staat op de doos.", Language.NL, "Het Bestelnummer staat op de doos."),
    ("Schoonjans is met pensioen.", Language.NL, "[naam] is met pensioen."),
    # A town after what belongs to a town, not after anything else; the label of a place,
    # capitalised ("au home Espoir" may be someone); not "Ward", a name.
    ("De burgemeester van Herentals kwam.", Language.NL, "De burgemeester van Herentals kwam."),
    ("Hier la chorale de Gembloux a chanté.", Language.FR, "Hier la chorale de Gembloux a chanté."),
    ("Merci aux bénévoles d'Etterbeek !", Language.FR, "Merci aux bénévoles d'Etterbeek !"),
    ("The choir from Tervuren sang.", Language.EN, "The choir from Tervuren sang."),
    ("La fille de Beaumont a appelé.", Language.FR, "La fille de [nom] a appelé."),
    ("Het feestje van Lommel was fijn.", Language.NL, "Het feestje van [naam] was fijn."),
    ("Van Dessel is met pensioen.", Language.NL, "[naam] is met pensioen."),
    ("Elke dinsdag in Zaal Ensor.", Language.NL, "Elke dinsdag in Zaal Ensor."),
    ("Tip: the Wellbeing Room is open.", Language.EN, "Tip: the Wellbeing Room is open."),
    ("Au home Espoir a chanté.", Language.FR, "Au home [nom] a chanté."),
    ("Welkom Ward in ons team!", Language.NL, "Welkom [naam] in ons team!"),
    ("Easter eggs at AZ Delta.", Language.EN, "Easter eggs at AZ Delta."),
    ("Sofie Ward belde.", Language.NL, "[naam] belde."),
    ("Pour Ward : appelle sa femme.", Language.FR, "Pour [nom] : appelle sa femme."),
    # A role in brackets or the service after a name; "Mei" before a first name, or owning.
    (
        "Storm (stagiair vpk) heeft een lijst gemaakt.",
        Language.NL,
        "[naam] (stagiair vpk) heeft een lijst gemaakt.",
    ),
    (
        "zeg, nand van de keuken heeft soep gekocht",
        Language.NL,
        "zeg, [naam] van de keuken heeft soep gekocht",
    ),
    ("we hebben het opgewarmd in de keuken", Language.NL, "we hebben het opgewarmd in de keuken"),
    ("Tuan en Mei Ling hebben gezongen.", Language.NL, "[naam] en [naam] hebben gezongen."),
    ("Mei's idea: a photo wall.", Language.EN, "[name]'s idea: a photo wall."),
    # The last misses of the tenth set: a nickname in quotes after a name, first names that
    # are words too before the role they have, and the Akan "Nana" that is part of a name.
    ('Mieke ("Mie") leest voor.', Language.NL, '[naam] ("[naam]") leest voor.'),
    ('Jozef "Jos" Peeters kreeg bezoek.', Language.NL, '[naam] "[naam]" [naam] kreeg bezoek.'),
    ('Dank aan Sofie "voor alles".', Language.NL, 'Dank aan [naam] "voor alles".'),
    (
        "joy en sky (studenten van de hogeschool) maakten kaartjes",
        Language.NL,
        "[naam] en [naam] (studenten van de hogeschool) maakten kaartjes",
    ),
    ("de zon en de sky (foto) waren mooi", Language.NL, "de zon en de sky (foto) waren mooi"),
    ("Thanks to Nana Yaw for staying late.", Language.EN, "Thanks to [name] for staying late."),
    ("Nana came to visit with the children.", Language.EN, "Nana came to visit with the children."),
]


ELEVENTH_SET = [
    # Names as staff type them on a phone: shouted after thanks (a short one, or one in no
    # list), short ones after thanks with a comma or in a lower-case pair, a name that is a
    # word too with the verb it did, Flemish D' and initials; and what stays.
    (
        "DIKKE MERCI AN EN JOKE!!! Jullie waren top.",
        Language.NL,
        "DIKKE MERCI [naam] EN [naam]!!! Jullie waren top.",
    ),
    ("THANK YOU MARICEL!!! what a night", Language.EN, "THANK YOU [name]!!! what a night"),
    ("DIKKE MERCI GERIATRIE!!! Top.", Language.NL, "DIKKE MERCI GERIATRIE!!! Top."),
    ("THANK YOU ICU AND NICU TEAMS!!!", Language.EN, "THANK YOU ICU AND NICU TEAMS!!!"),
    ("Thanks, Jo!", Language.EN, "Thanks, [name]!"),
    ("merci an en jo om te helpen", Language.NL, "merci [naam] en [naam] om te helpen"),
    ("thanks an awful lot", Language.EN, "thanks an awful lot"),
    ("Sofie and an old man.", Language.EN, "[name] and an old man."),
    ("Zalig hoe Jo en Lowie zongen", Language.NL, "Zalig hoe [naam] en [naam] zongen"),
    ("Hope stayed late to help.", Language.EN, "[name] stayed late to help."),
    ("Patience 🙏 helped Mr Asante.", Language.EN, "[name] 🙏 helped Mr [name]."),
    ("Grace a tenu la main de Mme Mukamana.", Language.FR, "[nom] a tenu la main de Mme [nom]."),
    ("Aimé a passé la nuit ici.", Language.FR, "[nom] a passé la nuit ici."),
    ("Fijn nieuws: Mercy heeft geholpen.", Language.NL, "Fijn nieuws: [naam] heeft geholpen."),
    ("Lucky from housekeeping found it.", Language.EN, "[name] from housekeeping found it."),
    ("Hope is what keeps us going.", Language.EN, "Hope is what keeps us going."),
    ("Ollie read the paper to Mr Pearce.", Language.EN, "[name] read the paper to Mr [name]."),
    ("Lucky for us, the lift worked.", Language.EN, "Lucky for us, the lift worked."),
    ("Lieve collega's, bedankt!", Language.NL, "Lieve collega's, bedankt!"),
    ("De dochter van mevrouw D'Hondt belde.", Language.NL, "De dochter van mevrouw [naam] belde."),
    ("D'abord, merci à tous.", Language.FR, "D'abord, merci à tous."),
    ("AVdB heeft een rolstoel geregeld.", Language.NL, "[naam] heeft een rolstoel geregeld."),
    # A ward after a small "van" is where someone works, not their surname; shops stay.
    ("Aziz van Spoed ving de kat op.", Language.NL, "[naam] van Spoed ving de kat op."),
    ("elke patiënt van de Dagkliniek", Language.NL, "elke patiënt van de Dagkliniek"),
    ("Dank aan Piet Van Mechelen", Language.NL, "Dank aan [naam]"),
    ("taart van de Delhaize voor Steff", Language.NL, "taart van de Delhaize voor [naam]"),
    # After an emoji a sign-off or cheer starts a new sentence; a surname after thanks and an
    # emoji is still a name.
    ("zo blij 😍 Groetjes, Lien", Language.NL, "zo blij 😍 Groetjes, [naam]"),
    ("beter begrijpt 🙏 Top!", Language.NL, "beter begrijpt 🙏 Top!"),
    ("Bedankt 🙏 Jaspers!", Language.NL, "Bedankt 🙏 [naam]!"),
    ("via de Eritrese kerk", Language.NL, "via de Eritrese kerk"),
]

TWELFTH_SET = [
    # Brussels and Wallonia: a town after "habite à", an institution's article, a resident
    # before a word; a person still after "merci à" and "téléphoné à".
    ("Mme Dupont habite à Uccle.", Language.FR, "Mme [nom] habite à Uccle."),
    ("Il a téléphoné à Lambert.", Language.FR, "Il a téléphoné à [nom]."),
    ("vanuit WZC Ter Linde: onze bewoners", Language.NL, "vanuit WZC Ter Linde: onze bewoners"),
    ("à la Résidence Les Tilleuls", Language.FR, "à la Résidence Les Tilleuls"),
    ("Dank aan Jan De Vos", Language.NL, "Dank aan [naam]"),
    ("één bewoner over zijn beroep", Language.NL, "één bewoner over zijn beroep"),
    ("patiënt peeters was blij", Language.NL, "patiënt [naam] was blij"),
    ("haar kat Minou kreeg eten", Language.NL, "haar kat Minou kreeg eten"),
    ("Dank aan Kat Peeters", Language.NL, "Dank aan [naam]"),
    ("une famille à Molenbeek", Language.FR, "une famille à Molenbeek"),
]

DIFFERENTIAL_READ = [
    # Found by tools/redaction_differential.py, leaked before: surnames in capitals after their
    # particles in capitals, the Flemish D' kept with its surname, and common first names that
    # are words too, typed in lower case after thanks or a greeting.
    ("DANK AAN DE SMET!", Language.NL, "DANK AAN [naam]!"),
    ("MERCI À VANDEN BOSSCHE ET JADE", Language.FR, "MERCI À [nom] ET [nom]"),
    ("MERCI À LE ROY ET JADE", Language.FR, "MERCI À [nom] ET [nom]"),
    ("MERCI À DE BRUYNE", Language.FR, "MERCI À [nom]"),
    ("dikke merci aan mevr EL AMRANI", Language.NL, "dikke merci aan mevr [naam]"),
    ("DANK AAN DE NACHTPLOEG!", Language.NL, "DANK AAN DE NACHTPLOEG!"),
    (
        "MERCI À LA DIRECTION ET À DES COLLÈGUES",
        Language.FR,
        "MERCI À LA DIRECTION ET À DES COLLÈGUES",
    ),
    ("mevr D'HOOGHE belde", Language.NL, "mevr [naam] belde"),
    ("Dank aan D'Hondt", Language.NL, "Dank aan [naam]"),
    ("D'abord, merci", Language.FR, "D'abord, merci"),
    ("merci guy et freya", Language.FR, "merci [nom] et [nom]"),
    ("Hoi roger, merci voor de soep!", Language.NL, "Hoi [naam], merci voor de soep!"),
    ("thanks maria dierickx for everything", Language.EN, "thanks [name] for everything"),
    ("bedankt lieve collega's", Language.NL, "bedankt lieve collega's"),
    ("hi hope you are well", Language.EN, "hi hope you are well"),
    ("thanks again, will do", Language.EN, "thanks again, will do"),
    ("merci louise visser voor de hulp", Language.NL, "merci [naam] voor de hulp"),
    ("thanks sarah so much", Language.EN, "thanks [name] so much"),
    (
        "Mercy van Cardiologie schreef een kaartje",
        Language.NL,
        "[naam] van Cardiologie schreef een kaartje",
    ),
    # A surname alone after thanks, typed in lower case or shouted; a second surname with
    # particles after "ET"; "À DE LA" (French writes "à la"). Not an everyday word.
    ("dank aan peeters voor de hulp", Language.NL, "dank aan [naam] voor de hulp"),
    ("merci à moreau pour son aide", Language.FR, "merci à [nom] pour son aide"),
    ("thanks to walker for covering", Language.EN, "thanks to [name] for covering"),
    ("DANK AAN JANSSENS VOOR DE NACHT", Language.NL, "DANK AAN [naam] VOOR DE NACHT"),
    ("MERCI À DUBOIS ET LE ROY", Language.FR, "MERCI À [nom] ET [nom]"),
    ("DANK AAN PEETERS EN VAN DYCK", Language.NL, "DANK AAN [naam] EN [naam]"),
    ("MERCI À DE LA CROIX ET À LE ROY", Language.FR, "MERCI À [nom] ET À [nom]"),
    ("MERCI À DE NOMBREUX BÉNÉVOLES", Language.FR, "MERCI À DE NOMBREUX BÉNÉVOLES"),
    ("MERCI À DUPONT ET LE SERVICE", Language.FR, "MERCI À [nom] ET LE SERVICE"),
    ("dank aan bakker en iedereen", Language.NL, "dank aan bakker en iedereen"),
    ("merci à tous pour la fête", Language.FR, "merci à tous pour la fête"),
    # Initials written together are someone's; abbreviations are not. A Dutch past participle
    # after a title in lower case is what was done, not a name.
    ("K.D. heeft gewaakt", Language.NL, "[naam] heeft gewaakt"),
    ("Merci à J.-P. pour le café", Language.FR, "Merci à [nom] pour le café"),
    ("Thanks A.V.D. for covering!", Language.EN, "Thanks [name] for covering!"),
    ("Alles O.K., N.B. de lift is kapot", Language.NL, "Alles O.K., N.B. de lift is kapot"),
    (
        "Cursus E.H.B.O. gevolgd, S.V.P. niet storen",
        Language.NL,
        "Cursus E.H.B.O. gevolgd, S.V.P. niet storen",
    ),
    ("SEE E.G. THE FORM", Language.EN, "SEE E.G. THE FORM"),
    (
        "Ik heb de hele nacht bij meneer gewaakt.",
        Language.NL,
        "Ik heb de hele nacht bij meneer gewaakt.",
    ),
    ("Ze heeft mevrouw gerustgesteld.", Language.NL, "Ze heeft mevrouw gerustgesteld."),
    ("meneer vangeneugden was blij", Language.NL, "meneer [naam] was blij"),
]

THIRTEENTH_SET = [
    # Found by the thirteenth held-out set: a name read once is a name where it stands again;
    # a nickname in brackets; praise before a name in capitals; a listed first name after kin;
    # a particle of Arabic or Berber surnames in lower case; a double first name's initials;
    # initials signed after a sign-off, not after a number.
    (
        "merci paulina! elle a demandé si paulina revient demain",
        Language.FR,
        "merci [nom]! elle a demandé si [nom] revient demain",
    ),
    (
        "Ikechukwu (Ike) stayed late. Ike is a star.",
        Language.EN,
        "[name] ([name]) stayed late. [name] is a star.",
    ),
    ("Jan (Spoed) belde", Language.NL, "[naam] (Spoed) belde"),
    (
        "Hoop doet leven, en haar dochter Hoop kwam langs",
        Language.NL,
        "Hoop doet leven, en haar dochter [naam] kwam langs",
    ),
    ("GREAT JOB PRIYA!!", Language.EN, "GREAT JOB [name]!!"),
    ("WELL DONE SVETLANA AND ADEBAYO", Language.EN, "WELL DONE [name] AND [name]"),
    ("zijn dochter lotte belde", Language.NL, "zijn dochter [naam] belde"),
    ("haar zoon verwittigd op tijd", Language.NL, "haar zoon verwittigd op tijd"),
    ("son niss était sur l'enveloppe", Language.FR, "son niss était sur l'enveloppe"),
    ("mrs ait ouali in room 19", Language.EN, "mrs [name] in [room]"),
    ("mevr el amrani kwam", Language.NL, "mevr [naam] kwam"),
    ("merci à moreau et J-P", Language.FR, "merci à [nom] et [nom]"),
    ("ze had geen tijd. mvg BVH", Language.NL, "ze had geen tijd. mvg [naam]"),
    ("Bedankt allemaal, groetjes ICU", Language.NL, "Bedankt allemaal, groetjes ICU"),
    ("A.M. a rappelé la famille", Language.FR, "[nom] a rappelé la famille"),
    ("Om 8 A.M. kwam de dokter", Language.NL, "Om 8 A.M. kwam de dokter"),
    ("il lui a joué du fado", Language.FR, "il lui a joué du fado"),
    # A capitalised word that ends in a lower-case dictionary word is a thing, not a name
    (
        "De Braden-score was 12 en de Foley-wissel is gebeurd",
        Language.NL,
        "De Braden-score was 12 en de Foley-wissel is gebeurd",
    ),
    ("Handhygiëne-audit: alles groen!", Language.NL, "Handhygiëne-audit: alles groen!"),
    ("Merci à Marie-claire et Abdel-kader", Language.FR, "Merci à [nom] et [nom]"),
    ("Merci à Saint-Fleur pour la nuit", Language.FR, "Merci à [nom] pour la nuit"),
    # "&" is a conjunction like "en", "et", "and"
    ("thx kasia & bilal for covering", Language.EN, "thx [name] & [name] for covering"),
    ("merci sophie & julien", Language.FR, "merci [nom] & [nom]"),
    ("R&D en M&M's", Language.NL, "R&D en M&M's"),
]

FOURTEENTH_SET = [
    # Found by the fourteenth held-out set: the writer's name at the end of a post, a first
    # name as the subject after "dat" / "que" / "that", and e-mail addresses spelled out with
    # dots in the local part or the Dutch "apenstaart".
    (
        "Ze is rustig ingeslapen. De uitvaart is bij ons. FIRMIN DE MEYER",
        Language.NL,
        "Ze is rustig ingeslapen. De uitvaart is bij ons. [naam]",
    ),
    ("WE WERE MARRIED 64 YEARS. HAROLD SMITH", Language.EN, "WE WERE MARRIED 64 YEARS. [name]"),
    (
        "il dit que vous faites le meilleur café. vanessa",
        Language.FR,
        "il dit que vous faites le meilleur café. [nom]",
    ),
    ("Merci pour tout. Danielle Frère", Language.FR, "Merci pour tout. [nom]"),
    ("Merci pour tout. Bon courage", Language.FR, "Merci pour tout. Bon courage"),
    ("Thanks for everything. Top team!", Language.EN, "Thanks for everything. Top team!"),
    (
        "hij zei altijd dat nadia de beste was",
        Language.NL,
        "hij zei altijd dat [naam] de beste was",
    ),
    (
        "mail naar marleen punt desmet apenstaart skynet punt be",
        Language.NL,
        "mail naar [e-mail]",
    ),
    (
        "send it to liliane dot bernaerts at gmail dot com please",
        Language.EN,
        "send it to [email] please",
    ),
    ("we met at the cafe dot com", Language.EN, "we met at the cafe dot com"),
]

FIFTEENTH_SET = [
    # Found by the fifteenth held-out set: an address's ".fr." ends a sentence (it is no
    # lower-case "Fr." title); "5 m. Verder" still does not start a name.
    (
        "Il voulait écrire à tom.hardy@outlook.fr. Manon l'a aidé.",
        Language.FR,
        "Il voulait écrire à [e-mail]. [nom] l'a aidé.",
    ),
    ("Na 5 m. Verder wandelen lukte niet.", Language.NL, "Na 5 m. Verder wandelen lukte niet."),
]

SEVENTEENTH_SET = [
    # Found by the seventeenth held-out set (good practices and longer moments): after an
    # emoji, a quote or a number's dot, a function word starts a new sentence; a ward's compass
    # point and a block's letter; more wards; a pet's, a toy's or a robot's name in no list of
    # names stays where it stands again in the post, unless a title, kin or thanks say someone;
    # a short first name after thanks and its small words; a month that is a first name after
    # kin; a town after "originaire de"; a French feast after its article; Santa; insurers,
    # charities, apps and care methods.
    (
        "Mevrouw Lemaire zei: 'Dit had ik nooit gedacht, in een ziekenhuis.'",
        Language.NL,
        "Mevrouw [naam] zei: 'Dit had ik nooit gedacht, in een ziekenhuis.'",
    ),
    (
        "Meneer zei: 'Gij zijt een engel, madammeke.' Top, Nathalie!",
        Language.NL,
        "Meneer zei: 'Gij zijt een engel, madammeke.' Top, [naam]!",
    ),
    (
        "Minder telefoons 😊 Groetjes, Lies",
        Language.NL,
        "Minder telefoons 😊 Groetjes, [naam]",
    ),
    (
        "Bedankt 🙏 Jaspers!",
        Language.NL,
        "Bedankt 🙏 [naam]!",
    ),
    (
        "Sofie van 3 Oost sprak Duits met hem.",
        Language.NL,
        "[naam] van 3 Oost sprak Duits met hem.",
    ),
    (
        "We gingen naar de tuin achter Blok C met haar.",
        Language.NL,
        "We gingen naar de tuin achter Blok C met haar.",
    ),
    (
        "Een privéruimte naast Radiotherapie, en daarna Interne 3 en Heelkunde 2.",
        Language.NL,
        "Een privéruimte naast Radiotherapie, en daarna Interne 3 en Heelkunde 2.",
    ),
    (
        "Son chien Filou était chez sa voisine, et Filou va bien.",
        Language.FR,
        "Son chien Filou était chez sa voisine, et Filou va bien.",
    ),
    (
        "Een troostkoffer met knuffelbeer Bruno en een zaklamp. Bruno is nu de mascotte.",
        Language.NL,
        "Een troostkoffer met knuffelbeer [naam] en een zaklamp. [naam] is nu de mascotte.",
    ),
    (
        "Haar hond Max bleef thuis, maar meneer Max kwam wel.",
        Language.NL,
        "Haar hond Max bleef thuis, maar meneer [naam] kwam wel.",
    ),
    (
        "Dank je An!",
        Language.NL,
        "Dank je [naam]!",
    ),
    (
        "Sa fille Mai travaille la journée.",
        Language.FR,
        "Sa fille [nom] travaille la journée.",
    ),
    (
        "Her daughter June came by after work.",
        Language.EN,
        "Her daughter [name] came by after work.",
    ),
    (
        "Madame est originaire de Kelmis et parle allemand.",
        Language.FR,
        "Madame est originaire de Kelmis et parle allemand.",
    ),
    (
        "Elle fêtait toujours la Sainte-Catherine avec ses sœurs.",
        Language.FR,
        "Elle fêtait toujours la Sainte-Catherine avec ses sœurs.",
    ),
    (
        "Le 24, le Père Noël passe, et le Père Damien aussi.",
        Language.FR,
        "Le 24, le Père Noël passe, et le Père [nom] aussi.",
    ),
    (
        "Le label a été renouvelé pour le site Saint-Joseph !",
        Language.FR,
        "Le label a été renouvelé pour le site Saint-Joseph !",
    ),
    (
        "Betalen kan met Payconiq, de opbrengst gaat naar Kiwanis en de Tovertafel.",
        Language.NL,
        "Betalen kan met Payconiq, de opbrengst gaat naar Kiwanis en de Tovertafel.",
    ),
    (
        "Her teddy Ben goes everywhere. Ben from physio gave him a wristband.",
        Language.EN,
        "Her teddy [name] goes everywhere. [name] from physio gave him a wristband.",
    ),
    (
        "😊 Mei brought dumplings for the whole ward.",
        Language.EN,
        "😊 [name] brought dumplings for the whole ward.",
    ),
    (
        "She told her: 'I've seen 14 people today.' Every nurse nodded.",
        Language.EN,
        "She told her: 'I've seen 14 people today.' Every nurse nodded.",
    ),
]


EIGHTEENTH_SET = [
    # Found by the eighteenth held-out set (nicknames, diminutives and endearments): short forms
    # of first names; a common first name before its service, its role in brackets or after a
    # comma and "onze", or after "ons" (not a lower-case word: "onze staf"); a rarer name there
    # too; the initials of a French double first name (not after an article: "Le MC").
    ("thanks kev, you saved my shift", Language.EN, "thanks [name], you saved my shift"),
    ("cheers steph, you're a star", Language.EN, "cheers [name], you're a star"),
    (
        "Jen made a little card for mum and dad.",
        Language.EN,
        "[name] made a little card for mum and dad.",
    ),
    ("merci seb et caro pour la soirée", Language.FR, "merci [nom] et [nom] pour la soirée"),
    (
        "Loulou fête ses 30 ans à la maternité.",
        Language.FR,
        "[nom] fête ses 30 ans à la maternité.",
    ),
    ("merci mon loulou, tu es un ange", Language.FR, "merci mon loulou, tu es un ange"),
    ("c'est trop mimi ce dessin", Language.FR, "c'est trop mimi ce dessin"),
    (
        "de teddy van de kleine ligt in de wasmand",
        Language.NL,
        "de teddy van de kleine ligt in de wasmand",
    ),
    ("wil els van de apotheek bedanken", Language.NL, "wil [naam] van de apotheek bedanken"),
    ("zei dat tegen lowie, onze stagiair.", Language.NL, "zei dat tegen [naam], onze stagiair."),
    ("tegen lowie (stagiair) gezegd", Language.NL, "tegen [naam] (stagiair) gezegd"),
    ("Vandaag, onze stagiair heeft gekookt.", Language.NL, "Vandaag, onze stagiair heeft gekookt."),
    ("ons tinneke heeft taart gebakken", Language.NL, "ons [naam] heeft taart gebakken"),
    ("ons huis en onze kat", Language.NL, "ons huis en onze kat"),
    ("merci a JF et Domi du labo", Language.FR, "merci a [nom] et [nom] du labo"),
    ("JP et M.-C. ont organisé une fête.", Language.FR, "[nom] et [nom] ont organisé une fête."),
    ("JP a apporté des croissants.", Language.FR, "[nom] a apporté des croissants."),
    ("Le JC de la paroisse est passé.", Language.FR, "Le JC de la paroisse est passé."),
    ("Rendez-vous au PY à 14h.", Language.FR, "Rendez-vous au PY à 14h."),
    ("Le MC a mis l'ambiance.", Language.FR, "Le MC a mis l'ambiance."),
    ("avec JP et Sophie", Language.FR, "avec [nom] et [nom]"),
    ("merci à Sophie et JP", Language.FR, "merci à [nom] et [nom]"),
    ("JC du brancardage est passé", Language.FR, "[nom] du brancardage est passé"),
    ("JP, notre brancardier, a chanté", Language.FR, "[nom], notre brancardier, a chanté"),
    ("onze grzegorz heeft gekookt", Language.NL, "onze [naam] heeft gekookt"),
    ("grzegorz, onze stagiair, kookte", Language.NL, "[naam], onze stagiair, kookte"),
    ("onze staf heeft gekookt", Language.NL, "onze staf heeft gekookt"),
    ("de hele staf, onze stagiairs incluis", Language.NL, "de hele staf, onze stagiairs incluis"),
    ("our jade plant is blooming", Language.EN, "our jade plant is blooming"),
    ("die is van lotje getikt", Language.NL, "die is van lotje getikt"),
    ("The kids on Paeds loved Minecraft.", Language.EN, "The kids on Paeds loved Minecraft."),
]

NINETEENTH_SET = [
    # Found by the nineteenth held-out set (first names that are words too): such a name before
    # its shift ("van de nachtdienst", "from the night shift"); in lower case right after thanks
    # and before the end of the thanks (not "thanks, will do", "merci bien !", "thanks a lot
    # for"); before a French clitic and its verb ("l'a noté"), or "paid". An elided verb after a
    # title is no name ("monsieur l'a insulté").
    ("Lies van de nachtdienst bleef", Language.NL, "[naam] van de nachtdienst bleef"),
    ("Rob from the night shift came", Language.EN, "[name] from the night shift came"),
    ("thanks will 🙏 I will bring coffee", Language.EN, "thanks [name] 🙏 I will bring coffee"),
    ("merci blanche pour la couverture", Language.FR, "merci [nom] pour la couverture"),
    ("shoutout to sue and guy from ICU", Language.EN, "shoutout to [name] and [name] from ICU"),
    ("merci lot en pien om te helpen", Language.NL, "merci [naam] en [naam] om te helpen"),
    ("thanks, will do! thanks a lot for it", Language.EN, "thanks, will do! thanks a lot for it"),
    ("merci bien ! thanks again", Language.FR, "merci bien ! thanks again"),
    # A word of the wider list before another first name goes with it: "lot" and "bien" are
    # lost here, so that "lotte" and "jan" are not (the code before let both through).
    ("thanks a lot and lotte", Language.EN, "thanks a [name] and [name]"),
    ("merci bien et jan", Language.FR, "merci [nom] et [nom]"),
    ("Dit is het. Patience l'a noté.", Language.FR, "Dit is het. [nom] l'a noté."),
    ("Colombe lui a écrit un mot", Language.FR, "[nom] lui a écrit un mot"),
    ("Bill paid the taxi bill.", Language.EN, "[name] paid the taxi bill."),
    ("volgens mij was het Kees", Language.NL, "volgens mij was het [naam]"),
    ("vera en kees, bedankt", Language.NL, "[naam] en [naam], bedankt"),
    ("quand monsieur l'a insulté", Language.FR, "quand monsieur l'a insulté"),
    ("madame n'a rien senti, c'est parfait", Language.FR, "madame n'a rien senti, c'est parfait"),
    ("de bus van De Lijn, en Ardenne", Language.NL, "de bus van De Lijn, en Ardenne"),
    ("de lies van de patiënt; onze hoop", Language.NL, "de lies van de patiënt; onze hoop"),
    ("Espérance (aide-soignante) a aidé", Language.FR, "[nom] (aide-soignante) a aidé"),
]

ADVERSARIAL_READ_OF_SET_19 = [
    # An adversarial read of the first version of those rules: after thanks only the hand-made
    # list of names that are words (not "yoga", "sunshine", "frère"), never "merci parfait";
    # a shift only after a listed first name ("Love from the night shift" is a sign-off);
    # no irregular past but "paid" (not "paid off"), no "y a", no match idioms; an elided
    # surname after a title stays one ("monsieur n'da").
    ("thanks to yoga 🧘 merci frère 🙏", Language.EN, "thanks to yoga 🧘 merci frère 🙏"),
    ("Ok merci parfait !", Language.FR, "Ok merci parfait !"),
    ("Love from the night shift ❤️", Language.EN, "Love from the night shift ❤️"),
    ("Kus van de nachtploeg", Language.NL, "Kus van de nachtploeg"),
    (
        "Patience paid off. Hope got us through.",
        Language.EN,
        "Patience paid off. Hope got us through.",
    ),
    ("Ben y a rien à dire", Language.FR, "Ben y a rien à dire"),
    ("Victoire s'est jouée à la fin", Language.FR, "Victoire s'est jouée à la fin"),
    ("monsieur n'da est sorti", Language.FR, "monsieur [nom] est sorti"),
]
COMMA_AFTER_THANKS = [
    # A first name in lower case after thanks, a greeting or praise and a comma, or after thanks
    # as chat abbreviates it ("ty", "tnx", "dankje"); after a comma only a listed first name that
    # is no word, or a name of the hand-made list before a mark: anything else may follow
    # there, so the adversarial read's look-alikes stay.
    ("merci, sophie ! merci , jelle", Language.FR, "merci, [nom] ! merci , [nom]"),
    ("Dank je wel, lotte, voor alles", Language.NL, "Dank je wel, [naam], voor alles"),
    ("Thanks, will! goed gedaan, jens", Language.EN, "Thanks, [name]! goed gedaan, [name]"),
    ("merci, sophie et julien", Language.FR, "merci, [nom] et [nom]"),
    ("merci pour tout, camille", Language.FR, "merci pour tout, [nom]"),
    (
        "thanks again, priya! thanks for all, hope to see you",
        Language.EN,
        "thanks again, [name]! thanks for all, hope to see you",
    ),
    ("ty lotte! tnx jelle, dankje femke", Language.NL, "ty [naam]! tnx [naam], dankje [naam]"),
    (
        "Thanks, will do! thanks, hope that helps",
        Language.EN,
        "Thanks, will do! thanks, hope that helps",
    ),
    ("merci, impec ! merci, chérie 😘", Language.FR, "merci, impec ! merci, chérie 😘"),
    (
        "hoi, roos of tulpen? tnx, over een uur",
        Language.NL,
        "hoi, roos of tulpen? tnx, over een uur",
    ),
    ("merci, bas de contention posés", Language.FR, "merci, bas de contention posés"),
    (
        "merci, usi prévenue; salut, max 3 visiteurs",
        Language.FR,
        "merci, usi prévenue; salut, max 3 visiteurs",
    ),
    (
        "cheers, mate 🍻 ty, pal. thanks, angel",
        Language.EN,
        "cheers, mate 🍻 ty, pal. thanks, angel",
    ),
    ("dankje, toppie 👍 bedankt, paaz belt", Language.NL, "dankje, toppie 👍 bedankt, paaz belt"),
]
FRENCH_CLITICS = [
    # A first name that is a word too before a clitic and its auxiliary: "m'a", "t'a", "nous
    # a", "vous a", "n'a", "s'était", "s'en est", as before "l'a" and "lui a"; not "n'est" ("Rose
    # n'est pas ma couleur"), and not after a quote mark (what was said: "« Parfait » m'a").
    ("Rose m'a aidée. Colombe t'a appelé.", Language.FR, "[nom] m'a aidée. [nom] t'a appelé."),
    ("Patience nous a aidés", Language.FR, "[nom] nous a aidés"),
    (
        "Rose s'était assise; Colombe s'en est occupée",
        Language.FR,
        "[nom] s'était assise; [nom] s'en est occupée",
    ),
    ("Rose n'a pas pu venir", Language.FR, "[nom] n'a pas pu venir"),
    (
        "Rose n'est pas ma couleur. Rien n'a bougé.",
        Language.FR,
        "Rose n'est pas ma couleur. Rien n'a bougé.",
    ),
    ("« Parfait » m'a répondu le médecin", Language.FR, "« Parfait » m'a répondu le médecin"),
    ("Victoire s'est jouée à la fin", Language.FR, "Victoire s'est jouée à la fin"),
]
TWENTIETH_SET = [
    # Found by the twentieth held-out set (chat typed on a phone, all in lower case): a listed
    # first name that is no word before what they did, before "qui", "die", "who" or the
    # pronoun again, as the sign-off after "grtz", "bisous," or a dash, after "+1", "slt",
    # "cc", "seg", "tkt", or called at the start; two particles and a word in no list after a
    # first name.
    (
        "amai sanne heeft gewacht, bogdan noticed it",
        Language.NL,
        "amai [naam] heeft gewacht, [naam] noticed it",
    ),
    (
        "trop chou sami qui a ramené des leonidas",
        Language.FR,
        "trop chou [nom] qui a ramené des leonidas",
    ),
    (
        "euh nathan il a vu que madame avait froid",
        Language.FR,
        "euh [nom] il a vu que madame avait froid",
    ),
    ("top gedaan, grtz dries", Language.NL, "top gedaan, grtz [naam]"),
    ("merci pour tout, bisous, nadia", Language.FR, "merci pour tout, bisous, [nom]"),
    ("nog eens checken aub — jeroen", Language.NL, "nog eens checken aub — [naam]"),
    ("+1 nathalie, slt julie! tkt manon", Language.FR, "+1 [nom], slt [nom]! tkt [nom]"),
    ("femke, you're super", Language.EN, "[name], you're super"),
    ("idee van ilse van den broeck", Language.NL, "idee van [naam]"),
    ("lotte van de keuken, grtz", Language.NL, "[naam] van de keuken, grtz"),
    # ... but not a name that is a word too, whatever follows ("will a porter come", "frans
    # heeft zoveel uitzonderingen"), nor after an article, a saint or an institution, nor a
    # voice assistant, nor in a list with dashes, nor "a" before an hour (the adversarial read
    # of the chat rules)
    # (the vote for a colour: "mais rose a gagné", with no article, is Rose since the chat
    # cues of the twenty-third round)
    (
        "will a porter come? vote: rose a gagné",
        Language.EN,
        "will a porter come? vote: rose a gagné",
    ),
    ("de stella die, st luc a appelé", Language.NL, "de stella die, st luc a appelé"),
    ("az monica heeft gebeld; alexa played", Language.NL, "az monica heeft gebeld; alexa played"),
    ("velouté - dinde - charlotte", Language.FR, "velouté - dinde - charlotte"),
    ("rdv sam a 10h, la rose a fleuri", Language.FR, "rdv sam a 10h, la rose a fleuri"),
]
CHAT_TYPED = [
    # A common first name that is no everyday word, typed in lower case, is a name wherever it
    # stands: in chat typed without capitals (the twenty-first held-out set), and after a
    # phone's keyboard capitalised only the first word of the sentence.
    ("kan iemand kaat bedanken?", Language.NL, "kan iemand [naam] bedanken?"),
    ("wie wil er? jelle? mathias?", Language.NL, "wie wil er? [naam]? [naam]?"),
    ("agnieszka sprak pools met hem", Language.NL, "[naam] sprak pools met hem"),
    ("Vandaag kaat gezien. Agnieszka ook", Language.NL, "Vandaag [naam] gezien. [naam] ook"),
    # A common first name that is a word only in another language is a name in this one:
    # "lien" and "ward" are words in French or English, not in Dutch; "pierre" is French.
    (
        "Hoi allemaal, lien heeft de soep gehaald, grtz ward",
        Language.NL,
        "Hoi allemaal, [naam] heeft de soep gehaald, grtz [naam]",
    ),
    ("we saw pierre at the desk", Language.EN, "we saw [name] at the desk"),
    # The French "de" is "of", no article: a name follows it ("de stella die" in Dutch stays).
    ("la gentillesse de karim à l'accueil", Language.FR, "la gentillesse de [nom] à l'accueil"),
    # ... but not in a language it is a word of, nor a word every chat borrows, nor when the
    # post's language is unclear.
    ("the ward was quiet", Language.EN, "the ward was quiet"),
    ("toon mij da eens", Language.NL, "toon mij da eens"),
    ("kinda sus tbh, roger that", Language.EN, "kinda sus tbh, roger that"),
    ("ward 🙏", Language.NL, "ward 🙏"),
    # Where the language is unclear, a name that is an everyday word in none of the three.
    ("big up lotte 💪", Language.NL, "big up [naam] 💪"),
    # What the adversarial read of these rules found: after a number, a possessive of things
    # or the verb that plays a song; before a number; idioms, songs and brands called after
    # people.
    ("il y avait deux gilles au carnaval", Language.FR, "il y avait deux gilles au carnaval"),
    ("Ze zat met haar jasmine thee", Language.NL, "Ze zat met haar jasmine thee"),
    ("on a chanté aline ensemble", Language.FR, "on a chanté aline ensemble"),
    ("De pil diane 35 stond er niet op", Language.NL, "De pil diane 35 stond er niet op"),
    (
        "we lazen hans en grietje, zo pietje precies",
        Language.NL,
        "we lazen hans en grietje, zo pietje precies",
    ),
    ("un filet de lotte au menu", Language.FR, "un filet de lotte au menu"),
    # ... nor a rarer first name with no cue (many are devices, cars and songs), nor in
    # the lower-case reading of capitals, nor a word as written that folds to a name, a title
    # or kin, a voice assistant or chat slang, after an article, towards a place, or a day
    # before a time.
    ("Vandaag zbigniew gezien", Language.NL, "Vandaag zbigniew gezien"),
    ("THANK YOU ICU AND NICU TEAMS!!!", Language.EN, "THANK YOU ICU AND NICU TEAMS!!!"),
    ("biberon pour bébé à 14h", Language.FR, "biberon pour bébé à 14h"),
    ("pepe et nonna sont venus", Language.FR, "pepe et nonna sont venus"),
    ("hey siri; ewa t'as vu", Language.FR, "hey siri; ewa t'as vu"),
    ("la luna de la chambre", Language.FR, "la luna de la chambre"),
    ("elle vole vers sofia", Language.FR, "elle vole vers sofia"),
    ("rdv sam a 10h, dispo sam soir", Language.FR, "rdv sam a 10h, dispo sam soir"),
    ("de bewoners van vleugel astrid", Language.NL, "de bewoners van vleugel astrid"),
    # Greetings, praise, affection and a role with its article before a listed first name.
    ("yo oumaima, well done yusuf", Language.EN, "yo [name], well done [name]"),
    ("Ma chérie Sophie, lieve sofie", Language.FR, "Ma chérie [nom], lieve [nom]"),
    ("Hier yassine le brancardier a aidé", Language.FR, "Hier [nom] le brancardier a aidé"),
    # The writer's short name after a sign-off, and an initial after the name ...
    ("top gedaan 💪 grtz, an", Language.NL, "top gedaan 💪 grtz, [naam]"),
    (
        "zonder jullie nooit gelukt, mvg, hilde v.",
        Language.NL,
        "zonder jullie nooit gelukt, mvg, [naam].",
    ),
    # ... but not a team, a ward or what chat writes there.
    (
        "zonder jullie nooit gelukt, groetjes allen",
        Language.NL,
        "zonder jullie nooit gelukt, groetjes allen",
    ),
    (
        "zonder jullie nooit gelukt, grtz, paaz",
        Language.NL,
        "zonder jullie nooit gelukt, grtz, paaz",
    ),
    ("zonder jullie nooit gelukt, liefs, bb", Language.NL, "zonder jullie nooit gelukt, liefs, bb"),
    ("text me later, cheers — kh", Language.EN, "text me later, cheers — kh"),
    ("merci pour le don, cordialement, rh", Language.FR, "merci pour le don, cordialement, rh"),
    ("merci voor de taart!! liefs, lotte x", Language.NL, "merci voor de taart!! liefs, [naam] x"),
    # ... a listed surname after it, and the name alone after a dash ending a sentence; not
    # dialect after the name ("seffens": soon)
    ("top gedaan iedereen. grtz an popescu", Language.NL, "top gedaan iedereen. grtz [naam]"),
    ("merci pour le pot de départ!! - an", Language.FR, "merci pour le pot de départ!! - [nom]"),
    ("ik kom er zo aan - jan seffens", Language.NL, "ik kom er zo aan - jan seffens"),
    # Found by the property test's first names in chat: the last of two thanked after a comma,
    # and a first name right after a sign-off wherever it stands; not what else follows them
    (
        "thanks to marie, aylin after they played",
        Language.EN,
        "thanks to [name], [name] after they played",
    ),
    ("dank aan lotte, jan. de siroop", Language.NL, "dank aan [naam], [naam]. de siroop"),
    ("bisous aylin, à demain", Language.FR, "bisous [nom], à demain"),
    ("merci marie, super boulot", Language.FR, "merci [nom], super boulot"),
    ("Bisous mon doudou", Language.FR, "Bisous mon doudou"),
    ("klaar, groetjes de nachtploeg", Language.NL, "klaar, groetjes de nachtploeg"),
    ("cheers, mate 🍻", Language.EN, "cheers, mate 🍻"),
    # ... nor a first name that is a word too with more of its clause after it (an adversarial
    # read): "ben" is "am", "hope" hopes
    (
        "groetjes, ben morgen niet op de afdeling",
        Language.NL,
        "groetjes, ben morgen niet op de afdeling",
    ),
    ("cheers, hope the night goes ok", Language.EN, "cheers, hope the night goes ok"),
    # ... and with emoji between, or who sends them ("from", "van", "de la part de"; the
    # shapes the last adversarial read found), but not a team, kin or a place there
    ("top gedaan! bisous 😘 aylin", Language.NL, "top gedaan! bisous 😘 [naam]"),
    ("grtz van aylin. tot morgen", Language.NL, "grtz van [naam]. tot morgen"),
    (
        "thanks for the cover, cheers from aylin and the night team",
        Language.EN,
        "thanks for the cover, cheers from [name] and the night team",
    ),
    (
        "merci, bisous de la part de aylin et de toute l'équipe",
        Language.FR,
        "merci, bisous de la part de [nom] et de toute l'équipe",
    ),
    ("klaar, groetjes 😊 van de nachtploeg", Language.NL, "klaar, groetjes 😊 van de nachtploeg"),
    ("bisous de la part de toute l'équipe", Language.FR, "bisous de la part de toute l'équipe"),
    ("groetjes van mama en liefs van oma", Language.NL, "groetjes van mama en liefs van oma"),
    ("cheers from ward 5", Language.EN, "cheers from ward 5"),
    ("bisous de paris", Language.FR, "bisous de paris"),
    # A surname after a title and "van der"; an Arabic surname after a first name ...
    ("Et madame van der meeren a ri", Language.FR, "Et madame [nom] a ri"),
    ("Dank aan fatima el amrani", Language.NL, "Dank aan [naam]"),
    # ... but not "van de", nor the Flemish "van den" (of the), nor "ben" (am) before a word.
    ("Meneer van de keuken bracht soep", Language.NL, "Meneer van de keuken bracht soep"),
    ("De madam van den overkant kwam", Language.NL, "De madam van den overkant kwam"),
    ("thx amina ben suuuper trots", Language.NL, "thx [naam] ben suuuper trots"),
    # The chat cues of the twenty-third round: a first name that is a word too after "+1", in
    # thanks addressed "to / à" someone before why or who, before its service or shift, and
    # starting a clause before a deed in Dutch and French, where a noun needs its article ...
    ("+1 dries is goud waard", Language.NL, "+1 [naam] is goud waard"),
    ("+1 will 🙌 best guy on the ward", Language.EN, "+1 [name] 🙌 best guy on the ward"),
    ("+1 for grace, she was great", Language.EN, "+1 for [name], she was great"),
    ("merci à gloire de nous avoir aidés", Language.FR, "merci à [nom] de nous avoir aidés"),
    ("big thanks to pierre for helping", Language.EN, "big thanks to [name] for helping"),
    ("shoutout to divine who sang", Language.EN, "shoutout to [name] who sang"),
    ("pls thank may from physio", Language.EN, "pls thank [name] from physio"),
    ("ward from nights walked with him", Language.EN, "[name] from nights walked with him"),
    ("toon heeft de rolstoel gerepareerd", Language.NL, "[naam] heeft de rolstoel gerepareerd"),
    ("olivier a fait un spectacle de magie", Language.FR, "[nom] a fait un spectacle de magie"),
    (
        "lol ben just carried 4 bags to her car",
        Language.EN,
        "lol [name] just carried 4 bags to her car",
    ),
    # "idem" and "same" second the thanks as "+1" does; "alias" gives what everyone calls them.
    ("idem pour sandrine, same for stefanie", Language.FR, "idem pour [nom], same for [nom]"),
    ("Merci à Karim (alias pepe) !", Language.FR, "Merci à [nom] (alias [nom]) !"),
    # ... and a surname typed in lower case after an honorific and its particles, which may
    # be capitalised ("mnr." is a title's abbreviation, not a sentence's end).
    ("monsieur van den bossche ne parle", Language.FR, "monsieur [nom] ne parle"),
    ("de vrouw van mnr. Van damme? Ze belt", Language.NL, "de vrouw van mnr. [naam]? Ze belt"),
    # ... but not "+1 will do", thanks caused by a thing, the ward itself, a deed in an English
    # post or after a colon, the passive, an idiom, a robot, nor a word after "patiënt".
    ("+1 will do, +1 ben ik ook", Language.NL, "+1 will do, +1 ben ik ook"),
    ("thanks to yoga 🧘 merci à tous de", Language.EN, "thanks to yoga 🧘 merci à tous de"),
    ("the ward from nights was calm", Language.EN, "the ward from nights was calm"),
    ("hope kept us going, robin came back", Language.EN, "hope kept us going, robin came back"),
    (
        "de bloemstukken: roos bleef het langst",
        Language.NL,
        "de bloemstukken: roos bleef het langst",
    ),
    ("le lien a été envoyé, petit a petit", Language.FR, "le lien a été envoyé, petit a petit"),
    ("lien a été envoyé sur teams", Language.FR, "lien a été envoyé sur teams"),
    ("zora heeft de turnles gegeven", Language.NL, "zora heeft de turnles gegeven"),
    ("per patiënt de lievelingsmuziek", Language.NL, "per patiënt de lievelingsmuziek"),
    ("same here, idem dito", Language.EN, "same here, idem dito"),
    # What the adversarial read of those cues found they took, and no longer do: "zelfde"
    # inside a word, "+1" before what a word is, "a" typed for "à" and English deeds in Dutch,
    # the French "en", brands, kin and robots thanked "to", an adjective before a service, a
    # role after "meneer de", a nickname that is a thing.
    ("ze zong het in dezelfde toon", Language.NL, "ze zong het in dezelfde toon"),
    ("+1 patience is key with dementia", Language.EN, "+1 patience is key with dementia"),
    (
        "gâteau au chocolat, madeleine a l'orange et cookies",
        Language.FR,
        "gâteau au chocolat, madeleine a l'orange et cookies",
    ),
    ("ok ben a demain les filles 😘", Language.FR, "ok ben a demain les filles 😘"),
    ("het briefje. roos met een strik", Language.NL, "het briefje. roos met een strik"),
    ("la salle en rose a fait craquer", Language.FR, "la salle en rose a fait craquer"),
    ("bisous et calin a tous", Language.FR, "bisous et calin a tous"),
    ("thanks to leonidas for the pralines", Language.EN, "thanks to leonidas for the pralines"),
    ("merci à mamie qui a tricoté", Language.FR, "merci à mamie qui a tricoté"),
    ("thanks to pepper who danced 🤖", Language.EN, "thanks to pepper who danced 🤖"),
    ("le soutien constant du service", Language.FR, "le soutien constant du service"),
    ("meneer de brancardier was snel", Language.NL, "meneer de brancardier was snel"),
    ("het rooster aka tetris", Language.NL, "het rooster aka tetris"),
    ("Kwou zeggen: Tzijn toppers", Language.NL, "Kwou zeggen: Tzijn toppers"),
    # A first name that is a word too after a title and before a deed, before a comma and the
    # one it is said to or who they are, and after "remercier" or "mrc" and before "pr".
    ("(nurse iris checked it was ok)", Language.EN, "(nurse [name] checked it was ok)"),
    ("tkt pierre, t'as été solide", Language.FR, "tkt [nom], t'as été solide"),
    ("esp dawn, who made the cake", Language.EN, "esp [name], who made the cake"),
    (
        "qqn peut remercier claire? mrc constant pr tout",
        Language.FR,
        "qqn peut remercier [nom]? mrc [nom] pr tout",
    ),
    # The twenty-fourth set's: a common first name that signs after a sign-off, a listed first
    # name before its service at a clause's start, "who" without a comma, a surname's lower-case
    # particles where it is named again.
    ("top gedaan vandaag. grtz, joke", Language.NL, "top gedaan vandaag. grtz, [naam]"),
    ("precious from the cafeteria saved it", Language.EN, "[name] from the cafeteria saved it"),
    (
        "cheers to the porters, esp will who carried",
        Language.EN,
        "cheers to the porters, esp [name] who carried",
    ),
    (
        "nurse van damme let me sit. Thanks van damme!",
        Language.EN,
        "nurse [name] let me sit. Thanks [name]!",
    ),
    # ... but not a kiss after the name, "staf" after "de hele", nor the proverb.
    ("merci voor de taart!! liefs, lotte x", Language.NL, "merci voor de taart!! liefs, [naam] x"),
    (
        "een pluim voor de hele staf, onze stagiairs",
        Language.NL,
        "een pluim voor de hele staf, onze stagiairs",
    ),
    ("pierre qui roule n'amasse pas mousse", Language.FR, "pierre qui roule n'amasse pas mousse"),
    # What the adversarial read of those cues found they took, and no longer do: a word before
    # a comma and "tu", "you" with no thanks or greeting before it, a saint, dessert, ward or
    # toy after a title, fruit and herbs "de la cafétéria", a ward that signs.
    ("c'est parfait, tu peux y aller", Language.FR, "c'est parfait, tu peux y aller"),
    ("eh ben, t'as vu le planning ?", Language.FR, "eh ben, t'as vu le planning ?"),
    ("to be frank, you all smashed it", Language.EN, "to be frank, you all smashed it"),
    ("le père noël a apporté des jouets", Language.FR, "le père noël a apporté des jouets"),
    ("our sister ward opened today", Language.EN, "our sister ward opened today"),
    ("verveine et camomille de la cafétéria", Language.FR, "verveine et camomille de la cafétéria"),
    ("thanks all! kind regards, ward b", Language.EN, "thanks all! kind regards, ward b"),
    ("'best team ever' said who? everyone", Language.EN, "'best team ever' said who? everyone"),
    # ... while a common first name before "qui" needs no thanks before it.
    (
        "trop chou marc qui a ramené des chocolats",
        Language.FR,
        "trop chou [nom] qui a ramené des chocolats",
    ),
    # ... but not "the nurse will check", an article or a slang greeting before the comma.
    (
        "the nurse will check, une rose, tu sais",
        Language.FR,
        "the nurse will check, une rose, tu sais",
    ),
    ("ayo, who's got the keys?", Language.EN, "ayo, who's got the keys?"),
    # The units chat names by their short names, and how it says one belongs to them.
    ("grace from ED was a lifesaver", Language.EN, "[name] from ED was a lifesaver"),
    (
        "lies uit de keuken, olivier des urgences",
        Language.NL,
        "[naam] uit de keuken, [naam] des urgences",
    ),
    ("ward on nights was amazing", Language.EN, "[name] on nights was amazing"),
    ("we delen speculaas uit op Pediatrie", Language.NL, "we delen speculaas uit op Pediatrie"),
    # ... while the praise of "a été" is a deed.
    ("olivier a été top cette nuit", Language.FR, "[nom] a été top cette nuit"),
    # Flemish chat contracts "ik" and "het" with a verb, which a keyboard capitalises.
    (
        "Kheb gezien hoe steff lachte. Kzal bellen",
        Language.NL,
        "Kheb gezien hoe [naam] lachte. Kzal bellen",
    ),  # The twenty-fifth round: in an English post, a first name that is a word too before what a
    # person does to something ...
    (
        "lol bill paid the bill at the shop bc her card got declined",
        Language.EN,
        "lol [name] paid the bill at the shop bc her card got declined",
    ),
    (
        "so the boy was scared and jade pulled out a sticker for him",
        Language.EN,
        "so the boy was scared and [name] pulled out a sticker for him",
    ),
    # ... a word in no list after kin used as a title ...
    (
        "de kleinzoon van mama ngalula op kamer 9 belde",
        Language.NL,
        "de kleinzoon van mama [naam] op [kamer] belde",
    ),
    ("maman mbala a fait des tresses", Language.FR, "maman [nom] a fait des tresses"),
    # ... thanks "et à" someone after thanks "à" someone, and "to" someone of a service ...
    (
        "Merci à Nathalie pour la formation des étudiants, et à victoire pour le café",
        Language.FR,
        "Merci à [nom] pour la formation des étudiants, et à [nom] pour le café",
    ),
    (
        "grave merci à gloire du transport interne, il a fait rire tout le monde",
        Language.FR,
        "grave merci à [nom] du transport interne, il a fait rire tout le monde",
    ),
    # ... a short name alone after a dash at the end, and a first name found capitalised,
    # praised again in lower case.
    ("Zonder te klagen. Merci!! - An", Language.NL, "Zonder te klagen. Merci!! - [naam]"),
    (
        "Op PAAZ heeft Roos puzzels gelegd. Respect roos ❤️",
        Language.NL,
        "Op PAAZ heeft [naam] puzzels gelegd. Respect [naam] ❤️",
    ),
    # ... but not a word that acts bare in English, a deed with nothing after it, a verb or a
    # role after kin, "son" (his), a robot, thanks to all of a service, nor a rose that is one.
    (
        "hope kept us going and joy made my day",
        Language.EN,
        "hope kept us going and joy made my day",
    ),
    (
        "teddy kept him calm, robin found crumbs",
        Language.EN,
        "teddy kept him calm, robin found crumbs",
    ),
    (
        "bill paid ✅ thanks all for chipping in",
        Language.EN,
        "bill paid ✅ thanks all for chipping in",
    ),
    (
        "Oma straalde toen haar kleindochter langskwam; echt mooi",
        Language.NL,
        "Oma straalde toen haar kleindochter langskwam; echt mooi",
    ),
    (
        "we hebben haar zoon verwittigd op tijd",
        Language.NL,
        "we hebben haar zoon verwittigd op tijd",
    ),
    ("sa fille accouchait à la maternité", Language.FR, "sa fille accouchait à la maternité"),
    ("call me for the volunteer rota please", Language.EN, "call me for the volunteer rota please"),
    ("son ukulélé a fait danser la salle", Language.FR, "son ukulélé a fait danser la salle"),
    ("zora a dansé avec les résidents", Language.FR, "zora a dansé avec les résidents"),
    (
        "merci à tous du service, et à la direction pour le café",
        Language.FR,
        "merci à tous du service, et à la direction pour le café",
    ),
    ("Roos bracht een roos mee. Respect!", Language.NL, "[naam] bracht een roos mee. Respect!"),
    # The twenty-sixth set's: a Mango moment given "for", "to", "voor" or "pour" someone, this
    # service's own thanks ...
    ("quick mango for priya 🥭 she noticed", Language.EN, "quick mango for [name] 🥭 she noticed"),
    (
        "hello team, mango moment for rohan 🥭 he drove",
        Language.EN,
        "hello team, mango moment for [name] 🥭 he drove",
    ),
    # (a phone's curly apostrophe)
    ("mango\u2019s voor ilona en priya 🥭", Language.NL, "mango\u2019s voor [naam] en [naam] 🥭"),
    ("mango 🥭 voor emeka, echt top", Language.NL, "mango 🥭 voor [naam], echt top"),
    # ... but not mango for a dish, a team or a word in no list of names, the app that "a"
    # crashed, nor a name's lower-case twin that is a word or follows an article.
    (
        "mango for dessert and mango for the team",
        Language.EN,
        "mango for dessert and mango for the team",
    ),
    (
        "mango for chutney if anyone wants it, mango voor stagiairs: top",
        Language.EN,
        "mango for chutney if anyone wants it, mango voor stagiairs: top",
    ),
    ("l'appli mango a bugué ce matin", Language.FR, "l'appli mango a bugué ce matin"),
    # What the adversarial read of those rules found they took, and no longer do: a person's
    # name in lower case again as the beer or the princess, a birth cue in the clause before,
    # "k" before an equipment number or a dose.
    (
        "Stella van de nachtploeg verdient een pintje stella na deze shift",
        Language.NL,
        "[naam] van de nachtploeg verdient een pintje stella na deze shift",
    ),
    (
        "echte gentenaar, geboren en getogen, start op 1 juni bij ons",
        Language.NL,
        "echte gentenaar, geboren en getogen, start op 1 juni bij ons",
    ),
    ("pomp k07 staat terug in de berging", Language.NL, "pomp k07 staat terug in de berging"),
    # The twenty-seventh set's rooms: one digit after "op", a room "van k", an incubator.
    ("voor onze bewoner op k 3 elke dag", Language.NL, "voor onze bewoner op [kamer] elke dag"),
    ("ons patiëntje van k 12 was blij", Language.NL, "ons patiëntje van [kamer] was blij"),
    ("pour le prématuré en couveuse 6", Language.FR, "pour le prématuré en [chambre]"),
    # The twenty-eighth set's room: where a patient lies, with no room word, as chat says it;
    # not a date, an ordinal, an hour, an age or a count after it, nor "van" (an age in Dutch)
    ("le monsieur de la 12 a demandé", Language.FR, "le monsieur de la [chambre] a demandé"),
    ("la dame du 14 a bien dormi", Language.FR, "la dame du [chambre] a bien dormi"),
    ("de meneer op 214 was blij", Language.NL, "de meneer op [kamer] was blij"),
    ("the lady in 6b loved it", Language.EN, "the lady in [room] loved it"),
    ("la dame du 15 mars est revenue", Language.FR, "la dame du 15 mars est revenue"),
    ("la dame du 15 sept est revenue", Language.FR, "la dame du 15 sept est revenue"),
    ("le monsieur de la 3e a souri", Language.FR, "le monsieur de la 3e a souri"),
    ("la dame du 14h a appelé", Language.FR, "la dame du 14h a appelé"),
    ("de meneer op 12 u kwam binnen", Language.NL, "de meneer op 12 u kwam binnen"),
    ("the patient in 2 days goes home", Language.EN, "the patient in 2 days goes home"),
    ("de mevrouw van 92 was blij", Language.NL, "de mevrouw van 92 was blij"),
    ("la patiente du 12/03 est sortie", Language.FR, "la patiente du 12/03 est sortie"),
    ("the resident in 2019 moved", Language.EN, "the resident in 2019 moved"),
    ("de bewoner op 12 kg zwaarder", Language.NL, "de bewoner op 12 kg zwaarder"),
    # ... narrowed after an adversarial read (29 of its 37 look-alikes taken by the first
    # version): only where what the patient does or is follows, or the clause ends
    ("de meneer op 214 keek naar buiten", Language.NL, "de meneer op [kamer] keek naar buiten"),
    ("la mamie de la 12 ! trop drôle", Language.FR, "la mamie de la [chambre] ! trop drôle"),
    ("de meneer op 2 liter zuurstof", Language.NL, "de meneer op 2 liter zuurstof"),
    ("de patiënt op 2 oost heeft gebeld", Language.NL, "de patiënt op 2 oost heeft gebeld"),
    ("la dame du 3 au 10 a laissé une carte", Language.FR, "la dame du 3 au 10 a laissé une carte"),
    ("the lady in 3 cardigans at breakfast", Language.EN, "the lady in 3 cardigans at breakfast"),
    # Read further: a short name right after thanks, at the end of the thanks (not "thanks an
    # awful lot").
    ("thank u jo ❤️", Language.EN, "thank u [name] ❤️"),
    ("thanks an awful lot for the cover", Language.EN, "thanks an awful lot for the cover"),
    ("kaliumsupplement (k 40 mmol) gegeven", Language.NL, "kaliumsupplement (k 40 mmol) gegeven"),
    (
        "Céleste a installé des étoiles : la voûte céleste",
        Language.FR,
        "[nom] a installé des étoiles : la voûte céleste",
    ),
    # What the adversarial read of those rules found they took, and no longer do: "k" for "ok"
    # or vitamin K before a number, a bill paid in cash, what "that" points at, a verb or chat
    # after kin, brands and typos before a deed, "respect" before a word, two letters after a
    # dash, a brand thanked "et à", a Dutch shift after a contraction.
    ("k 10 mins, ok k 250 euro", Language.EN, "k 10 mins, ok k 250 euro"),
    ("vitamine K 10 mg gegeven", Language.NL, "vitamine K 10 mg gegeven"),
    ("ok bill paid in cash at the desk", Language.EN, "ok bill paid in cash at the desk"),
    (
        "he told a knock knock joke and that joke kept him giggling",
        Language.EN,
        "he told a knock knock joke and that joke kept him giggling",
    ),
    ("haar mama facetimet elke avond", Language.NL, "haar mama facetimet elke avond"),
    ("papa kangoeroede vandaag 2 uur", Language.NL, "papa kangoeroede vandaag 2 uur"),
    ("sodexo bracht extra ijsjes mee", Language.NL, "sodexo bracht extra ijsjes mee"),
    ("finaly fixed the tv for him", Language.EN, "finaly fixed the tv for him"),
    (
        "Thanks Frank! respect frank conversations are hard",
        Language.EN,
        "Thanks [name]! respect frank conversations are hard",
    ),
    ("RESPECT MATE, top gedaan", Language.NL, "RESPECT MATE, top gedaan"),
    ("yoga every tuesday at 7pm - Om 🧘", Language.EN, "yoga every tuesday at 7pm - Om 🧘"),
    (
        "Merci à Inès pour la déco, et à milka pour le chocolat",
        Language.FR,
        "Merci à [nom] pour la déco, et à milka pour le chocolat",
    ),
    ("kzit op late vandaag, tot straks", Language.NL, "kzit op late vandaag, tot straks"),
]
TYPED_HANDLES = [
    # A colleague typed as a handle in the text, which no platform turned into a mention: the
    # whole handle goes when a part is a name or in no list of words. Real mentions arrive as
    # "<@U…>" or "<at>…</at>" and stay (the entry points hand them over as protected spans).
    ("merci @sofie en @jan.peeters", Language.NL, "merci @[naam] en @[naam]"),
    ("thanks @kev, cc @here @channel", Language.EN, "thanks @[name], cc @here @channel"),
    ("merci @sofie_claes !", Language.FR, "merci @[nom] !"),
    ("DANK @SOFIE EN @JAN", Language.NL, "DANK @[naam] EN @[naam]"),
    (
        "@team @iedereen dank je, en @spoed ook",
        Language.NL,
        "@team @iedereen dank je, en @spoed ook",
    ),
    ("mail sofie.claes@azdelta.be", Language.NL, "mail [e-mail]"),
    ("<@U0123ABC> was top", Language.NL, "<@U0123ABC> was top"),
    # ... and a name glued into a hashtag, which the capitals show; a hashtag without one stays.
    ("#bedanktSofie #thanksJan #merciGrace", Language.NL, "#[naam] #[naam] #[naam]"),
    ("#TeamKabongo was top", Language.FR, "#[nom] was top"),
    # Kept whole only when every part is never a name ("Hart" is a surname too).
    ("#MangoMoment #WarmsteWeek #teamNuit", Language.NL, "#MangoMoment #WarmsteWeek #teamNuit"),
    ("#ZorgMetHart", Language.NL, "#[naam]"),
    # An adversarial read of the first version: a one-word hashtag is read as a word, thanks
    # before a month or a language names someone, capitals outside A-Z split a hashtag too.
    ("Dikke merci #Sofie", Language.NL, "Dikke merci #[naam]"),
    ("#MerciNoel #ThanksApril #BedanktFrans", Language.NL, "#[naam] #[naam] #[naam]"),
    ("#BedanktŁukasz #TeamSOFIE #BedanktAn", Language.NL, "#[naam] #[naam] #[naam]"),
    ("@hope en @bakker", Language.NL, "@[naam] en @[naam]"),
    # A first name that is a word too, in lower case, after kin, "onze", "notre", or before its
    # role or service; not "her son will", "our ward", "his grandson said".
    ("onze joke heeft gekookt", Language.NL, "onze [naam] heeft gekookt"),
    ("zijn vrouw lies zat naast hem", Language.NL, "zijn vrouw [naam] zat naast hem"),
    ("pierre, notre brancardier, a aidé", Language.FR, "[nom], notre brancardier, a aidé"),
    ("roos van de apotheek bracht het", Language.NL, "[naam] van de apotheek bracht het"),
    ("her son will visit on our ward", Language.EN, "her son will visit on our ward"),
    ("his grandson said it felt like home", Language.EN, "his grandson said it felt like home"),
    ("our hope is that it helps", Language.EN, "our hope is that it helps"),
    # An emoji between a name and "en" keeps the pair; not a capitalised word after it.
    ("bedankt sofie 💛 en jan 🙏", Language.NL, "bedankt [naam] 💛 en [naam] 🙏"),
    ("Bedankt Sofie 💛 En nu slapen", Language.NL, "Bedankt [naam] 💛 En nu slapen"),
    ("kleur &#233; in C# en F#", Language.NL, "kleur &#233; in C# en F#"),
    # Thanks and a listed name written together in one word, in capitals or in lower case; not
    # thanks to a team, to everyone or to "maman". A team handle is a compound of a word and
    # "team", not a name.
    ("#MERCISOFIE en #dankjesofie", Language.NL, "#[naam] en #[naam]"),
    ("#thanksjan #merciamelie #TEAMLOTTE", Language.EN, "#[name] #[name] #[name]"),
    ("#teamnacht #teamwork #TEAMGERIATRIE", Language.NL, "#teamnacht #teamwork #TEAMGERIATRIE"),
    # ... not a name that is a word too, nor a word that follows thanks ("#cheersmate", "#teamsky").
    ("#cheersmate #teamsky #thankslove", Language.EN, "#cheersmate #teamsky #thankslove"),
    ("@roosteam bedankt", Language.NL, "@[naam] bedankt"),
    (
        "#thanksteam #merciatous #mercimaman #dankjewelallemaal",
        Language.FR,
        "#thanksteam #merciatous #mercimaman #dankjewelallemaal",
    ),
    ("dank aan @zorgteam en @keukenteam", Language.NL, "dank aan @zorgteam en @keukenteam"),
]
ADVERSARIAL_READ_OF_SET_17 = [
    # An adversarial read of the set-17 rules (236 sentences with names where those rules
    # relax) found names let through by their first versions; each stays redacted now.
    (
        "Mevrouw riep: 'Koning, kom eens kijken!' en de hele gang lachte.",
        Language.NL,
        "Mevrouw riep: '[naam], kom eens kijken!' en de hele gang lachte.",
    ),
    (
        "Taken voor vandaag: 1. Visser belt de huisarts. 2. Mol regelt de verjaardagstaart.",
        Language.NL,
        "Taken voor vandaag: 1. [naam] belt de huisarts. 2. [naam] regelt de verjaardagstaart.",
    ),
    (
        "Goed nieuws 🎉 Beaumont is terug van zwangerschapsverlof!",
        Language.NL,
        "Goed nieuws 🎉 [naam] is terug van zwangerschapsverlof!",
    ),
    (
        "🎉 Waterschoot is vandaag 25 jaar in dienst!",
        Language.NL,
        "🎉 [naam] is vandaag 25 jaar in dienst!",
    ),
    (
        "Om 3 Pasteur gebeld voor de sleutel van de medicatiekar.",
        Language.NL,
        "Om 3 [naam] gebeld voor de sleutel van de medicatiekar.",
    ),
    (
        "Vannacht stonden Kortekaas B. en Wittebrood S. samen op de afdeling.",
        Language.NL,
        "Vannacht stonden [naam] B. en [naam] S. samen op de afdeling.",
    ),
    (
        "Dikke knuffel Marleen, je was geweldig vandaag!",
        Language.NL,
        "Dikke knuffel [naam], je was geweldig vandaag!",
    ),
    (
        "Het paard Bella kwam op bezoek in de tuin; Bella van het onthaal had alles geregeld.",
        Language.NL,
        "Het paard [naam] kwam op bezoek in de tuin; [naam] van het onthaal had alles geregeld.",
    ),
    (
        "Son chat Caramel lui manque ; heureusement, sa voisine Caramel passe tous les jours.",
        Language.FR,
        "Son chat Caramel lui manque ; heureusement, sa voisine [nom] passe tous les jours.",
    ),
    (
        "Le bouquet vient de Sanaa et de toute l'équipe de nuit.",
        Language.FR,
        "Le bouquet vient de [nom] et de toute l'équipe de nuit.",
    ),
    (
        "Heureusement que la Saint-Fleur était de garde cette nuit.",
        Language.FR,
        "Heureusement que la [nom] était de garde cette nuit.",
    ),
    (
        "Merci à Helan pour son aide à la cafétéria.",
        Language.FR,
        "Merci à [nom] pour son aide à la cafétéria.",
    ),
    (
        "Monsieur raconte son Mai 68 à qui veut l'entendre.",
        Language.FR,
        "Monsieur raconte son Mai 68 à qui veut l'entendre.",
    ),
    (
        "Via de app Koning verwittigd dat de familie later komt.",
        Language.NL,
        "Via de app [naam] verwittigd dat de familie later komt.",
    ),
    (
        "In the team chat Sarah asked who could swap.",
        Language.EN,
        "In the team chat [name] asked who could swap.",
    ),
    (
        "Bay 6. Young is sitting with him until his son arrives.",
        Language.EN,
        "[room]. [name] is sitting with him until his son arrives.",
    ),
]


SIXTEENTH_SET = [
    # Found by the sixteenth held-out set (a realistic fortnight): a title in quotes after
    # singing, playing or watching it, but not a first name in it; a channel's own name;
    # wards by their short names; the colleges that send students.
    (
        'Priya played "Moon River" on her phone',
        Language.EN,
        '[name] played "Moon River" on her phone',
    ),
    (
        'We sang "Happy Birthday dear Fatima" for her',
        Language.EN,
        'We sang "Happy Birthday dear [name]" for her',
    ),
    (
        "De fiche staat op Teams in het kanaal Kwaliteit.",
        Language.NL,
        "De fiche staat op Teams in het kanaal Kwaliteit.",
    ),
    (
        "Iedereen op Intensieve Zorgen bleef rustig",
        Language.NL,
        "Iedereen op Intensieve Zorgen bleef rustig",
    ),
    ("Toute l'équipe de Cardio dit merci", Language.FR, "Toute l'équipe de Cardio dit merci"),
    (
        "Onze stagiaires van Artevelde waren top",
        Language.NL,
        "Onze stagiaires van Artevelde waren top",
    ),
]

NAMES_PUT_ANYWHERE = [
    # Found by putting a first name and a surname, typed in lower case, anywhere in the test
    # sentences: a common first name that is a word too, before a listed surname, was let
    # through ("grâce", "marie", "jan"), a surname in no list after a first name found by
    # another cue ("luc nowak"), and a lower-case name after a label ("Patiënt:"), which only
    # capitals passed.
    ("bsr, grâce peeters a chanté", Language.FR, "bsr, [nom] a chanté"),
    ("De dochter van jan kabongo belde nog", Language.NL, "De dochter van [naam] belde nog"),
    ("op jan el amrani kan je rekenen", Language.NL, "op [naam] kan je rekenen"),
    ("thanks luc nowak for the night shift", Language.EN, "thanks [name] for the night shift"),
    ("Patiënt: anne goossens mocht naar huis", Language.NL, "Patiënt: [naam] mocht naar huis"),
    ("Naam: kabongo, gevonden in de tuin", Language.NL, "Naam: [naam], gevonden in de tuin"),
    ("résidente: marie peeters a souri", Language.FR, "résidente: [nom] a souri"),
    # Found by putting full names with particles, and in capitals, anywhere: a short first
    # name in capitals before its surname, an Arabic particle in capitals or after a
    # capitalised first name, a surname after an elided particle or after "van" typed in lower
    # case
    ("Het was rustig met LUC DE SMET.", Language.NL, "Het was rustig met [naam]."),
    ("de therapeut JAN NOWAK kwam langs", Language.NL, "de therapeut [naam] kwam langs"),
    ("Vandaag heeft Fatima EL AMRANI geholpen", Language.NL, "Vandaag heeft [naam] geholpen"),
    ("merci à Youssef ben salah pour tout", Language.FR, "merci à [nom] pour tout"),
    ("inès a chanté avec julie n'diaye", Language.FR, "[nom] a chanté avec [nom]"),
    ("met inge van acker gewandeld", Language.NL, "met [naam] gewandeld"),
    ("julie n'est pas là aujourd'hui", Language.FR, "[nom] n'est pas là aujourd'hui"),
    ("Sofie ben blij dat het gelukt is", Language.NL, "[naam] ben blij dat het gelukt is"),
    ("AZ SINT JAN DE BRUGGE", Language.NL, "AZ SINT JAN DE BRUGGE"),
    # Over 200 seeds: a frequent Flemish surname with "van den" or "van der" whose last word is
    # a word of the lists ("Bossche bol", "elst"), typed in lower case or in capitals, is
    # looked up with its particles joined ("vandenbossche"); not "van de keuken"
    ("met sofie vanden bossche gewandeld", Language.NL, "met [naam] gewandeld"),
    ("met jan van den bossche gewandeld", Language.NL, "met [naam] gewandeld"),
    ("met JAN VANDEN BOSSCHE gewandeld", Language.NL, "met [naam] gewandeld"),
    ("met ELS VAN DE KEUKEN gewandeld", Language.NL, "met ELS VAN DE KEUKEN gewandeld"),
    ("dank aan tom vander elst", Language.NL, "dank aan [naam]"),
    # First names common among staff here that the common list missed: read in lower case after
    # thanks and as a clause's subject, like the others; not "ewa" (French chat's "yes")
    ("mrc greg pour tout", Language.FR, "mrc [nom] pour tout"),
    (
        "shout out to kwame for training the new guys",
        Language.EN,
        "shout out to [name] for training the new guys",
    ),
    ("samen met sanne gewandeld", Language.NL, "samen met [naam] gewandeld"),
    ("ewa, t'as vu le planning ?", Language.FR, "ewa, t'as vu le planning ?"),
    # ... and the same with "de" or "van" alone ("mr de ridder" in held-out set 21): after a
    # title or a first name, not where the particle is an article
    ("thanks for covering for mr de ridder", Language.EN, "thanks for covering for mr [name]"),
    ("mevr van dam zat alleen", Language.NL, "mevr [naam] zat alleen"),
    ("samen met lotte de jong gewandeld", Language.NL, "samen met [naam] gewandeld"),
    ("tot de winter dan", Language.NL, "tot de winter dan"),
    ("lotte klopte de wit van het ei", Language.NL, "[naam] klopte de wit van het ei"),
    ("met de kinderen de vlieger opgelaten", Language.NL, "met de kinderen de vlieger opgelaten"),
    # ... narrowed after an adversarial read (redaction_adversarial_28.txt): not across a
    # comma, not before an everyday word after a particle, not "al" (already), nor a place after
    # "d'", a department after "van" or a hospital called after someone
    ("check SAM, MUAC en gewicht", Language.NL, "check SAM, MUAC en gewicht"),
    ("ELS DE SLEUTEL ligt op de balie", Language.NL, "ELS DE SLEUTEL ligt op de balie"),
    ("Katrien AL ECG genomen?", Language.NL, "[naam] AL ECG genomen?"),
    ("Sarah al belrai gedaan?", Language.NL, "[naam] al belrai gedaan?"),
    ("un thé à la fleur d'oranger", Language.FR, "un thé à la fleur d'oranger"),
    ("sofie van logopedie komt straks", Language.NL, "[naam] van logopedie komt straks"),
    ("naar AZ JAN PALFIJN gebracht", Language.NL, "naar AZ JAN PALFIJN gebracht"),
    # ... but not what follows a label or an article and is no name, nor a word in no list
    # after a first name that is a word too, nor chat or a compound after a name (an
    # adversarial read, redaction_adversarial_27.txt)
    ("bed 4 has frank haematuria again", Language.EN, "[room] has frank haematuria again"),
    ("Patiënt: copd, 2l zuurstof", Language.NL, "Patiënt: copd, 2l zuurstof"),
    ("thanks jess innit", Language.EN, "thanks [name] innit"),
    ("met lotte valmatten gelegd", Language.NL, "met [naam] valmatten gelegd"),
    ("Patiënt: dankbaar en blij", Language.NL, "Patiënt: dankbaar en blij"),
    ("Patient: will be discharged tomorrow", Language.EN, "Patient: will be discharged tomorrow"),
    ("la rose trémière du jardin a fleuri", Language.FR, "la rose trémière du jardin a fleuri"),
    ("mon petit-fils est venu", Language.FR, "mon petit-fils est venu"),
]
ADVERSARIAL_READ_OF_THE_DAY = [
    # An adversarial read of the day's rules made names leak through them; now caught. Curly,
    # French and closing quotes, and the Dutch "'s middags", do not open a title; a word in a
    # title is kept only when it is an everyday word, and never right after a title.
    (
        "Priya played “Moon River” for Mrs Hughes and she cried.",
        Language.EN,
        "[name] played “Moon River” for Mrs [name] and she cried.",
    ),
    (
        "Elle a chanté « La Bohème » avec Mme Dubois, très émouvant.",
        Language.FR,
        "Elle a chanté « La Bohème » avec Mme [nom], très émouvant.",
    ),
    (
        "Meneer Wouters speelde 's middags kaart met meneer Verhaegen.",
        Language.NL,
        "Meneer [naam] speelde 's middags kaart met meneer [naam].",
    ),
    (
        'We sang "Happy Birthday dear Mrs Hughes" this morning.',
        Language.EN,
        'We sang "Happy Birthday dear Mrs [name]" this morning.',
    ),
    (
        'We sang "Happy Birthday dear Oluwaseun" this morning.',
        Language.EN,
        'We sang "Happy Birthday dear [name]" this morning.',
    ),
    # "i.p.v." and "o.a." end no sentence; only an address's ".fr." does
    (
        "Vannacht kwam i.p.v. Grace een interim-verpleegkundige.",
        Language.NL,
        "Vannacht kwam i.p.v. [naam] een interim-verpleegkundige.",
    ),
    # a double surname typed on a phone is no eponym's compound
    ("Gisteren kwam Peeters-koning langs", Language.NL, "Gisteren kwam [naam] langs"),
    ("Dank aan Lambrechts-wolf voor de bloemen", Language.NL, "Dank aan [naam] voor de bloemen"),
    # a participle only at the end of a clause; a surname before a verb stays one
    (
        "vannacht bij meneer gennart gewaakt, hij was onrustig",
        Language.NL,
        "vannacht bij meneer [naam] gewaakt, hij was onrustig",
    ),
    ("meneer gebhardt heeft goed gegeten", Language.NL, "meneer [naam] heeft goed gegeten"),
    # after "channel" only an everyday word is the channel's name
    (
        "Big thanks to everyone on this channel Oluwaseun especially",
        Language.EN,
        "Big thanks to everyone on this channel [name] especially",
    ),
    # kin before an everyday word, praise before a word in no list, a final word
    ("Gesprek met de zoon over de zorg.", Language.NL, "Gesprek met de zoon over de zorg."),
    ("Sa fille vit à Namur.", Language.FR, "Sa fille vit à Namur."),
    ("goed gedaan seg!", Language.NL, "goed gedaan seg!"),
    (
        "Een mooie dag met de kleindochter. over",
        Language.NL,
        "Een mooie dag met de kleindochter. over",
    ),
    ("Groetjes\nCCU", Language.NL, "Groetjes\nCCU"),
    # initials after a number are someone's, but for a time; two letters often are initials
    ("Bed 3 J.P. refused meds again", Language.EN, "[room] [name] refused meds again"),
    (
        "Thanks to P.R. and B.C. for the night",
        Language.EN,
        "Thanks to [name] and [name] for the night",
    ),
]


def test_a_phone_number_with_narrow_spaces_is_found_without_normalising() -> None:
    """The app normalises every space first; the detector does not count on it."""
    for space in ("\u202f", "\u2009", "\u2007", "\u00a0"):
        text = f"bel haar op 0478{space}65{space}43{space}21 aub"
        assert REDACTOR.redact(text, Language.NL).text == "bel haar op [telefoon] aub"


def test_a_long_list_of_names_does_not_exhaust_the_stack() -> None:
    """Each name rule looks at its neighbours a bounded number of times: 500 pairs of "en" and
    a name within the 4,000-character limit once raised RecursionError."""
    for text in (
        "Sofie " + "en XYZQ " * 496,
        "DANK AAN " + "JAN EN " * 497,
        "bedankt kabeya " + "en okafor " * 398,  # each one a word in no list
    ):
        assert len(text) <= 4000
        assert REDACTOR.redact(text, Language.NL).counts[EntityType.NAME] >= 1
    assert REDACTOR.redact("An " * 1300, Language.EN).text.startswith("An An")


class CountingNameFinder(NameFinder):
    """The name rules, counting how often they decide whether a name starts at a word."""

    decisions = 0

    def _name_starts_at(self, text: str, tokens: list[Any], i: int, depth: int) -> bool:
        self.decisions += 1
        return super()._name_starts_at(text, tokens, i, depth)


@pytest.mark.parametrize(
    "text", ["joy en " * 570, "hope en " * 500, "AN EN " * 660, "DE " * 1330, "Jo Jo " * 660]
)
def test_each_word_is_decided_a_bounded_number_of_times(text: str) -> None:
    """Lists' neighbours ask each other whether they are names: answered once per word and
    depth, a long list costs linear time (a 4,000-letter "joy en joy en ..." took 5 s before)."""
    finder = CountingNameFinder()
    list(finder.find(text))
    words = len(text.split())
    assert 0 < finder.decisions <= 2 * words * (MAX_LOOK + 1)  # two passes when shouted


TWENTY_NINTH_SET = [
    # The twenty-ninth and thirtieth held-out sets: a role after a name is no second name, even
    # a role that no list of words holds; a baby is a baby before a room ...
    (
        "Merci à Marie Dupont, aide-soignante en gériatrie, qui a organisé l'appel.",
        Language.FR,
        "Merci à [nom], aide-soignante en gériatrie, qui a organisé l'appel.",
    ),
    (
        "Merci à Marie Dupont, ergothérapeute, qui a tout organisé",
        Language.FR,
        "Merci à [nom], ergothérapeute, qui a tout organisé",
    ),
    (
        "les petits pieds du bébé du box 5 pour les parents",
        Language.FR,
        "les petits pieds du bébé du [chambre] pour les parents",
    ),
    ("la maman de rené du box 5 a appelé", Language.FR, "la maman de [nom] du [chambre] a appelé"),
    # ... "I" and its contractions are capitalised mid-sentence in English ...
    ("thanks, I'll bring cake", Language.EN, "thanks, I'll bring cake"),
    ("sorry, I\u2019m late, Sofie covered", Language.EN, "sorry, I\u2019m late, [name] covered"),
    # ... and "l'y" is no one ...
    (
        "Il a cherché Sofie et l'y a accompagnée",
        Language.FR,
        "Il a cherché [nom] et l'y a accompagnée",
    ),
    # ... transport in a compound is a service, a river is one, Ypres a town; Lotus and
    # Leonidas are biscuits and chocolates right beside them, and someone elsewhere ...
    ("Patiëntenvervoer is top vandaag.", Language.NL, "Patiëntenvervoer is top vandaag."),
    ("au bord de la Meuse avec Mehdi", Language.FR, "au bord de la Meuse avec [nom]"),
    ("Home care round in Ypres today.", Language.EN, "Home care round in Ypres today."),
    ("een Leonidas-pralineke voor Gert", Language.NL, "een Leonidas-pralineke voor [naam]"),
    ("pralines van Leonidas", Language.NL, "pralines van [naam]"),
    ("thanks for the cookies Lotus 🍪", Language.EN, "thanks for the cookies [name] 🍪"),
    ("koffie met Lotus koekjes", Language.NL, "koffie met Lotus koekjes"),
    ("des spéculoos Lotus et des mandarines", Language.FR, "des spéculoos Lotus et des mandarines"),
    ("dank aan Lotus voor de koffie", Language.NL, "dank aan [naam] voor de koffie"),
    # ... a care home's flat is a room (not lying flat after a procedure), and a role's
    # plural after a title may be a surname ...
    ("bed rest, flat 2 hrs post angio", Language.EN, "bed rest, flat 2 hrs post angio"),
    ("mevr porters op kamer 4", Language.NL, "mevr [naam] op [kamer]"),
    (
        "mevr dewulf (flat 2.14) is 100 geworden",
        Language.NL,
        "mevr [naam] ([kamer]) is 100 geworden",
    ),
    # ... "Mo" beside a name, doing something with it, and a rarer first name before a common
    # one when the two did something
    ("els en mo hebben gezongen", Language.NL, "[naam] en [naam] hebben gezongen"),
    ("sarah et mo ont apporté un gâteau", Language.FR, "[nom] et [nom] ont apporté un gâteau"),
    ("wait a mo, I'll check", Language.EN, "wait a mo, I'll check"),
    ("le fichier fait 5 mo", Language.FR, "le fichier fait 5 mo"),
    (
        "à la stérilisation mirela et kevin ont fait des heures sup",
        Language.FR,
        "à la stérilisation [nom] et [nom] ont fait des heures sup",
    ),
    ("met de kinderen en kevin", Language.NL, "met de kinderen en [naam]"),
]
THIRTY_FIRST_SET = [
    # The thirty-first held-out set: what someone noticed, saw or found, in Dutch; thanks in
    # the languages of staff from elsewhere ...
    ("Lies merkte dat meneer niet sliep.", Language.NL, "[naam] merkte dat meneer niet sliep."),
    ("Hope vond de sleutel terug.", Language.NL, "[naam] vond de sleutel terug."),
    (
        "tamam zei meneer toen berkay vertaalde",
        Language.NL,
        "tamam zei meneer toen [naam] vertaalde",
    ),
    ("Obrigada! Beatriz", Language.EN, "Obrigada! [name]"),
    ("Grazie gio!!", Language.EN, "Grazie [name]!!"),
    ("danke schön 🙏", Language.FR, "danke schön 🙏"),
    # ... a campus, a hospital and newspapers are no one ...
    (
        "Hij werd overgebracht naar Gasthuisberg en las Het Nieuwsblad.",
        Language.NL,
        "Hij werd overgebracht naar Gasthuisberg en las Het Nieuwsblad.",
    ),
    ("Il lisait L'Avenir à Erasme.", Language.FR, "Il lisait L'Avenir à Erasme."),
    # ... and Kadija is Khadija
    ("kadija s'est assise avec elle", Language.FR, "[nom] s'est assise avec elle"),
]


THIRTY_SECOND_SET = [
    # The thirty-second and thirty-third held-out sets: "mvr" is a title ...
    ("bij mvr peeters op kamer 214", Language.NL, "bij mvr [naam] op [kamer]"),
    ("Danke! Herr kessler was blij", Language.NL, "Danke! Herr [naam] was blij"),
    # ... a town or a name that is a word too, after an honorific, is a surname ...
    ("mme namur est partie chez sa fille", Language.FR, "mme [nom] est partie chez sa fille"),
    ("mevr van aalst miste de stoet", Language.NL, "mevr [naam] miste de stoet"),
    ("so mrs de la croix in room 5.21 could see", Language.EN, "so mrs [name] in [room] could see"),
    ("mrs rose in bed 7 smiled", Language.EN, "mrs [name] in [room] smiled"),
    (
        "monsieur lens a fait ses premiers pas",
        Language.FR,
        "monsieur [nom] a fait ses premiers pas",
    ),
    # ... but not where an article makes the town where they are from, nor a word alone
    (
        "de meneer van brussel komt de audit doen",
        Language.NL,
        "de meneer van brussel komt de audit doen",
    ),
    ("le docteur de namur a rappelé", Language.FR, "le docteur de namur a rappelé"),
    ("kan iemand meneer halen aan de lift?", Language.NL, "kan iemand meneer halen aan de lift?"),
    ("Doctor said yes 🍺", Language.EN, "Doctor said yes 🍺"),
    # A pair joined by a sign, and the first of a pair whose second is a name ...
    ("shoutout voor sem + noah die", Language.NL, "shoutout voor [naam] + [naam] die"),
    ("bravo sam / lou pour la balade", Language.FR, "bravo [nom] / [nom] pour la balade"),
    (
        "hamid and lieve from the laundry ironed",
        Language.EN,
        "[name] and [name] from the laundry ironed",
    ),
    # ... not a car (Zoe, after "en", was taken before too) nor a pair of things
    (
        "de fabia en zoe hebben een platte band",
        Language.NL,
        "de fabia en [naam] hebben een platte band",
    ),
    ("koffie + taart voor iedereen", Language.NL, "koffie + taart voor iedereen"),
    ("DANK AAN SOFIE/ICU VOOR ALLES", Language.NL, "DANK AAN [naam]/ICU VOOR ALLES"),
    # A first name that is a word too, after an interjection or a nurse's abbreviation
    ("amai roos heeft vannacht gewaakt", Language.NL, "amai [naam] heeft vannacht gewaakt"),
    ("vpk jade heeft de dochter gebeld", Language.NL, "vpk [naam] heeft de dochter gebeld"),
    # Rooms: a floor and room after "k" whole, a care home's flat by its number ...
    ("mvr bulut op k 4.17 kreeg bezoek", Language.NL, "mvr [naam] op [kamer] kreeg bezoek"),
    ("de meneer op k 4,17 bedankte ons", Language.NL, "de meneer op [kamer] bedankte ons"),
    ("de was van flat 3 mee naar huis", Language.NL, "de was van [kamer] mee naar huis"),
    ("mevrouw in flat 9 minder goed", Language.NL, "mevrouw in [kamer] minder goed"),
    # ... not potassium, nor lying flat
    ("na 139 (k 3.8), meneer mag naar huis", Language.NL, "na 139 (k 3.8), meneer mag naar huis"),
    ("keep him in flat 4 h post sheath", Language.EN, "keep him in flat 4 h post sheath"),
    # The thirty-fourth: in a French post "en" is no conjunction, and a home is no name
    (
        "Les boulettes sauce lapin 😋 mr Mertens en a redemandé 3 fois",
        Language.FR,
        "Les boulettes sauce lapin 😋 mr [nom] en a redemandé 3 fois",
    ),
    ("Merci à Anaïs en néonat pour la photo", Language.FR, "Merci à [nom] en néonat pour la photo"),
    (
        "het lievelingsgerecht van elke bewoner van WZC Sint-Anna",
        Language.NL,
        "het lievelingsgerecht van elke bewoner van WZC Sint-Anna",
    ),
]


@pytest.mark.parametrize(
    ("text", "language", "expected"),
    [
        *DUTCH_READ,
        *FRENCH_AND_ENGLISH_READ,
        *THIRD_READ,
        *EIGHTH_SET,
        *TENTH_SET,
        *ELEVENTH_SET,
        *TWELFTH_SET,
        *DIFFERENTIAL_READ,
        *THIRTEENTH_SET,
        *FOURTEENTH_SET,
        *FIFTEENTH_SET,
        *SIXTEENTH_SET,
        *SEVENTEENTH_SET,
        *EIGHTEENTH_SET,
        *NINETEENTH_SET,
        *ADVERSARIAL_READ_OF_SET_19,
        *COMMA_AFTER_THANKS,
        *FRENCH_CLITICS,
        *TWENTIETH_SET,
        *CHAT_TYPED,
        *TYPED_HANDLES,
        *ADVERSARIAL_READ_OF_SET_17,
        *ADVERSARIAL_READ_OF_THE_DAY,
        *NAMES_PUT_ANYWHERE,
        *TWENTY_NINTH_SET,
        *THIRTY_FIRST_SET,
        *THIRTY_SECOND_SET,
    ],
)
def test_cases_found_by_adversarial_reads(text: str, language: Language, expected: str) -> None:
    assert REDACTOR.redact(normalise_text(text), language).text == expected
