"""What a word's neighbours say about it: pure functions of the text and its tokens, asked by
the name rules."""

import re

from services.ingest.domain.redaction.cues import (
    ALL_STOPWORDS,
    ARABIC_PARTICLES,
    ARTICLES,
    ATTRIBUTIVES,
    BEFORE_A_SAINTS_PLACE,
    BELONGS_TO,
    BRANDS_ALSO_NAMES,
    CLAUSE_WORDS,
    CONJUNCTIONS,
    DASH_BEFORE,
    DASHES,
    DATE_MONTHS,
    DAY_BEFORE,
    DEED_AFTER,
    DOTTED_ABBREVIATIONS,
    ELIDED,
    FEAST_SAINTS,
    FRENCH_DETERMINERS,
    FROM_A_PLACE,
    HEADING_END,
    HEADING_LOOK,
    INSTITUTION_WORDS,
    KIN_NOUNS,
    LEAD_LINKS,
    LEADING_ELISION,
    LETTERED_WORDS,
    LIST_BULLET,
    LIST_ITEM,
    LIST_MARKS,
    LIVES_AT,
    MANGO_GIVEN,
    MAX_LINKS,
    MAX_LIST_ITEMS,
    MAX_PARTICLES,
    NAME_LEADS,
    NAME_SHAPE,
    NAMED_THINGS,
    NUMBER_AFTER,
    PAIR_DEED_AFTER,
    PARTICLES,
    PLACE_AFTER,
    PLACE_ARTICLES,
    PLACE_LABELS,
    PRODUCT_AFTER,
    PRODUCT_BEFORE,
    ROLE_AFTER,
    ROLE_IN_APPOSITION,
    ROOM_LEAD,
    SAINTS,
    SENTENCE_END,
    SENTENCE_LOOKBACK,
    SHIFT_AFTER,
    SHORT_FAMILY_NAMES,
    SHORT_TITLES,
    SHOWN_BEFORE,
    SIGN_JOIN,
    SIGNATURES,
    SIGNED_OFF,
    STREET_WORDS,
    THANKS_LEADS,
    TITLES,
    TITLES_OF_THE_NAME,
    TO_A_PLACE,
    UNIT_AFTER,
    WARD_WORDS,
    WORD,
    YEAR_AFTER,
)
from services.ingest.domain.redaction.identifiers import ROOM
from services.ingest.domain.redaction.text import fold
from services.ingest.domain.redaction.tokens import Token


def pair_partner(text: str, tokens: list[Token], i: int) -> Token | None:
    """The word after "en / et / and" right after the word at `i`: "Jef" in "Roos en Jef"."""
    other = pair_partner_at(text, tokens, i)
    return None if other is None else tokens[other]


def pair_partner_at(text: str, tokens: list[Token], i: int) -> int | None:
    """Where the word paired with the word at `i` stands: after "en / et / and" ("Roos en
    Jef") or a sign ("sem + noah", "sam / lou")."""
    if i + 1 < len(tokens) and signed_pair(text, tokens[i], tokens[i + 1]):
        return i + 1
    if i + 2 >= len(tokens) or tokens[i + 1].key not in CONJUNCTIONS:
        return None
    if adjacent(text, tokens[i], tokens[i + 1]) and adjacent(text, tokens[i + 1], tokens[i + 2]):
        return i + 2
    return None


def signed_pair(text: str, left: Token, right: Token) -> bool:
    """Two words joined by "+", "&" or "/" alone: "sem + noah", "sam/lou"."""
    return SIGN_JOIN.fullmatch(text, left.end, right.start) is not None


def after_a_comma(text: str, left: Token, right: Token) -> bool:
    return text[left.end : right.start] in (", ", ",\u00a0")


def adjacent(text: str, left: Token, right: Token, *, allow_dot: bool = False) -> bool:
    gap = text[left.end : right.start]
    if allow_dot:
        gap = gap.replace(".", "", 1)
    return gap in (" ", "-", "") or (gap.strip(" ") == "" and "\n" not in gap and len(gap) < 3)


def beside_its_product(text: str, token: Token) -> bool:
    """A biscuit or chocolate maker that is a first name too, right beside what it makes:
    "Lotus koekjes", "spéculoos Lotus", "Leonidas-pralineke"."""
    brand, _, product = token.key.partition("-")
    if product:
        return brand in BRANDS_ALSO_NAMES and PRODUCT_AFTER.fullmatch("-" + product) is not None
    return token.key in BRANDS_ALSO_NAMES and (
        PRODUCT_AFTER.match(text, token.core_end) is not None
        or PRODUCT_BEFORE.search(text, max(0, token.start - 40), token.start) is not None
    )


def name_shaped(token: Token) -> str | None:
    """The word without an elision before it, folded, if it has a name's shape (letters, a
    vowel): "c'était" is "etait", "N'Diaye" "diaye"; "Gr8", "Mss", "Hdj" have none."""
    word = fold(LEADING_ELISION.sub("", token.key))
    return word if NAME_SHAPE.fullmatch(word) else None


def title_before(text: str, previous: Token, token: Token) -> bool:
    """`mevrouw Janssens`, `Dr. Peeters`, `M. Dupont` (a capital M with a dot)."""
    if previous.key not in TITLES and not (
        previous.key in SHORT_TITLES
        and text[previous.end : previous.end + 1] == "."
        and (previous.text[:1].isupper() or _lowercase_monsieur(text, previous, token))
    ):
        return False
    # "Dr. Peeters", "Prof. Maes"; but "de son père. Très émouvant": after a whole word, the
    # dot ends the sentence.
    abbreviated = previous.key in SHORT_TITLES or previous.key == "prof"
    return adjacent(text, previous, token, allow_dot=abbreviated)


def _lowercase_monsieur(text: str, previous: Token, token: Token) -> bool:
    """ "de m. Bastin", as French is typed on a phone; but "5 m. Verder" is five metres."""
    return (
        previous.key == "m"
        and token.capitalised
        and _NUMBER_BEFORE.search(text, max(0, previous.start - 4), previous.start) is None
    )


_NUMBER_BEFORE = re.compile(r"\d[ \u00a0]*$")


def lowercase_particles_after(
    text: str, tokens: list[Token], i: int, particles: frozenset[str]
) -> int:
    """The index of the first word after the lower-case `particles` that follow the word at
    `i`, one space apart: "jan de smet", "fatima el amrani" (`i + 1` when none follows)."""
    k = i + 1
    while (
        k < len(tokens)
        and tokens[k].key in particles
        and tokens[k].core.islower()
        and adjacent(text, tokens[k - 1], tokens[k])
    ):
        k += 1
    return k


def particles_before(text: str, tokens: list[Token], i: int, first: int) -> int:
    """Where the name at `i` begins: "De Smet's", "van De Smet" take in a capitalised particle
    (never a lowercase one alone: "de zoon van Jan")."""
    start = k = i
    while (
        k > max(first, i - MAX_PARTICLES)
        and tokens[k - 1].key in PARTICLES
        and adjacent(text, tokens[k - 1], tokens[k])
    ):
        k -= 1
        if tokens[k].capitalised or tokens[k].shouted:
            start = k
    if (
        start > first
        and tokens[start - 1].key in ARABIC_PARTICLES
        and (tokens[start - 1].capitalised or tokens[start - 1].shouted)
        and adjacent(text, tokens[start - 1], tokens[start])
    ):
        start -= 1  # "Dankzij El Amrani", "Sanaa Ait Ouarab"
    return start


AFTER_A_LETTER_AND_DOT = re.compile(r"\b\w\.\s+$")


def institution_article(text: str, tokens: list[Token], i: int) -> bool:
    """The article after a capitalised institution word, before the rest of its name: "Ter" in
    "WZC Ter Linde", "Les" in "Résidence Les Tilleuls"."""
    return (
        i >= 1
        and tokens[i].key in PLACE_ARTICLES
        and tokens[i - 1].key in INSTITUTION_WORDS
        and not tokens[i - 1].core.islower()
        and i + 1 < len(tokens)
        and tokens[i + 1].text[:1].isupper()
        and adjacent(text, tokens[i - 1], tokens[i])
        and adjacent(text, tokens[i], tokens[i + 1])
    )


def names_a_place(text: str, tokens: list[Token], i: int) -> bool:
    """The word at `i` names a street, a ward or an institution, or is the article of a ward's
    name: "rue de Fer", "avenue Louise", "afdeling Zonnebloem", "afdeling De Linde", "l'unité
    Les Glycines", "Zaal Ensor", "Campus Bornem", "Rubens Room"."""
    k = i - 1
    while (
        k >= max(0, i - MAX_PARTICLES)
        and tokens[k].key in PARTICLES
        and adjacent(text, tokens[k], tokens[k + 1])
    ):
        k -= 1  # "rue de la Loi"
    if k >= 0 and tokens[k].key in STREET_WORDS and adjacent(text, tokens[k], tokens[k + 1]):
        return True
    if institution_article(text, tokens, i):
        return True  # "WZC Ter Linde", "Résidence Les Tilleuls": the article of its name
    k = i - 1
    if (
        k >= 1
        and tokens[i].key not in PLACE_ARTICLES
        and tokens[k].key in PLACE_ARTICLES
        and adjacent(text, tokens[k], tokens[i])
    ):
        k -= 1
    if k >= 0 and adjacent(text, tokens[k], tokens[k + 1]):
        label = tokens[k]
        if ELIDED.sub("", label.key) in WARD_WORDS and label.core.islower():
            return True  # "afdeling Zonnebloem", "l'unité Les Glycines"
        if label.key in INSTITUTION_WORDS and not label.core.islower():
            return True  # "Zaal Ensor", "Campus Bornem", "AZ Delta"
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        following is not None
        and following.key in PLACE_AFTER
        and following.text[:1].isupper()
        and adjacent(text, tokens[i], following)
        # "Mrs Kowalski Room 12": a titled person, and their room
        and NUMBER_AFTER.match(text, following.end) is None
        and not (i and title_before(text, tokens[i - 1], tokens[i]))
    )


def part_of_the_name_before(text: str, tokens: list[Token], i: int, first: int) -> bool:
    """A word no rule takes for a name alone that belongs to the name after it: a Chinese or
    Vietnamese family name of two letters, written first ("Li Wei", "Ly Thi Hoa"; three letters
    or more, the other rules read it: "Zhang Min"), or the Akan title "Nana" ("Nana Yaw", which
    also reads as a grandmother in English)."""
    if i <= first:
        return False
    part = tokens[i - 1]
    return (
        (part.key in SHORT_FAMILY_NAMES or part.key in TITLES_OF_THE_NAME)
        and part.capitalised
        and adjacent(text, part, tokens[i])
    )


def listed_after_thanks(text: str, start: int) -> bool:
    """The first word of an item in a list of thanks: "Merci aan: dmytro ...", "Dank aan:" and
    on the next lines "- piotr", "• selam"."""
    if not text[max(0, start - 4) : start].rstrip(" \t").endswith(LIST_MARKS):
        return False  # most words: no colon nor bullet right before them
    line_start = text.rfind("\n", 0, start) + 1
    # Only the ends of lines are read: a long line of colons must not be slow.
    prefix = text[max(line_start, start - HEADING_LOOK) : start]
    if HEADING_END.search(prefix):
        heading = prefix[: prefix.rindex(":")]
    elif LIST_BULLET.fullmatch(prefix):
        position = line_start - 1  # the newline before this item: go up past the other items
        lines = 0
        while position > 0 and lines < MAX_LIST_ITEMS:  # a long list must not be slow
            lines += 1
            above = text.rfind("\n", 0, position) + 1
            line = text[max(above, position - HEADING_LOOK) : position]
            if not LIST_ITEM.match(text, above, position):
                if not HEADING_END.search(line):
                    return False
                heading = line[: line.rindex(":")]
                break
            position = above - 1
        else:
            return False
    else:
        return False
    words = [w.casefold() for w in WORD.findall(heading)][-1 - MAX_LINKS :]
    for k, word in enumerate(words):
        if word in THANKS_LEADS:
            return all(w in LEAD_LINKS for w in words[k + 1 :])
    return False


def listed_on(text: str, tokens: list[Token], i: int) -> bool:
    """A comma or "en / et / and" right after the word: the list goes on."""
    if i + 1 >= len(tokens):
        return False
    gap = text[tokens[i].end : tokens[i + 1].start]
    return gap.strip(" ") == "," or (gap == " " and tokens[i + 1].key in CONJUNCTIONS)


def thing_named(text: str, tokens: list[Token], i: int) -> bool:
    """The word at `i` names the animal, toy or robot before it: "haar kat Minou",
    "knuffelbeer Bruno", "le robot Zora" (not "Dank aan Kat Peeters": Kat is someone)."""
    previous = tokens[i - 1]
    if previous.key == "chat" and (i < 2 or tokens[i - 2].key not in FRENCH_DETERMINERS):
        return False  # "son chat Caramel"; but "in the team chat Sarah asked"
    return (
        previous.key in NAMED_THINGS
        and previous.core.islower()
        and adjacent(text, previous, tokens[i])
    )


def santa(tokens: list[Token], i: int) -> bool:
    """ "le Père Noël", "du Père Noël": Santa, not a priest (but "son père Noël": a father)."""
    return (
        i >= 2
        and tokens[i].key in ("noël", "noel")
        and tokens[i - 1].text == "Père"
        and tokens[i - 2].key in ("le", "du", "au", "un")
    )


def after_an_article(text: str, tokens: list[Token], i: int) -> bool:
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
        and tokens[k].key in ATTRIBUTIVES
        and tokens[k].core.islower()
        and adjacent(text, tokens[k], tokens[i])
    )
    if adjective:
        k -= 1
    if k < 0 or tokens[k].key not in ARTICLES or not adjacent(text, tokens[k], tokens[k + 1]):
        return False
    article = tokens[k]
    if not article.core.islower() and not sentence_start(text, article.start):
        return False  # "Bedankt De Cock": a capitalised particle
    return article.key not in PARTICLES or adjective


def kin_of(text: str, tokens: list[Token], i: int) -> bool:
    """Kin, and "van", "de" or "of" before the word at `i`: "de zoon van Lommel", "la fille de
    Beaumont", "the daughter of Compte"."""
    if i < 2:
        return False
    kin, of = tokens[i - 2], tokens[i - 1]
    return (
        of.key in ("van", "de", "of", "d'", "d\u2019")
        and ELIDED.sub("", kin.key) in KIN_NOUNS
        and adjacent(text, kin, of)
        and adjacent(text, of, tokens[i])
    )


def role_follows(text: str, token: Token) -> bool:
    """A role in brackets right after the word: "Bonheur (aide-soignant)", "Storm (stagiair)"."""
    return (
        text.startswith(("(", " (", "\u00a0("), token.core_end)
        and ROLE_AFTER.match(text, token.core_end) is not None
    )


def right_after(text: str, tokens: list[Token], i: int, words: frozenset[str]) -> bool:
    """One of `words` right before the word at `i`: "onze tinneke", "zijn vrouw lies"."""
    return i >= 1 and tokens[i - 1].key in words and adjacent(text, tokens[i - 1], tokens[i])


def camel_parts(body: str) -> list[str]:
    """The words a hashtag is written in: "BedanktŁukasz" is "Bedankt", "Łukasz"; "TeamSOFIE"
    is "Team", "SOFIE"; "dank_aan_sofie" and "Sofie2024" split at the underscore and digits."""
    parts: list[str] = []
    for chunk in re.split(r"[\W\d_]+", body):
        start = 0
        for k in range(1, len(chunk)):
            if chunk[k].isupper() and chunk[k - 1].islower():
                parts.append(chunk[start:k])
                start = k
        if chunk[start:]:
            parts.append(chunk[start:])
    return parts


def role_in_apposition(text: str, token: Token) -> bool:
    """Who they are, after a comma: "lowie, onze stagiair", "Ola, our volunteer"."""
    return (
        text.startswith(",", token.core_end)  # asked of most words: the comma first
        and ROLE_IN_APPOSITION.match(text, token.core_end) is not None
    )


def who_they_are_follows(text: str, token: Token) -> bool:
    """The service or shift someone belongs to or their role, right after the word: "nand van
    de keuken" (not "opgewarmd in de keuken"), "els van de nachtdienst", "selam (stagiaire)",
    "lowie, onze stagiair"."""
    return (
        (
            text.startswith(BELONGS_TO, token.core_end)
            and (unit_follows(text, token) or shift_follows(text, token))
        )
        or role_follows(text, token)
        or role_in_apposition(text, token)
    )


def acts_next(text: str, token: Token) -> bool:
    """A verb that has done something right after the word, so the word is someone: "Hope
    stayed", "Mercy heeft geholpen", "Aimé a passé", "Patience 🙏 helped" (not "Hope is")."""
    return DEED_AFTER.match(text, token.core_end) is not None


def act_together(text: str, token: Token) -> bool:
    """What the word and the one paired with it did, right after it: "mo hebben" in "els en mo
    hebben gezongen", "kevin ont" in "mirela et kevin ont fait"."""
    return acts_next(text, token) or PAIR_DEED_AFTER.match(text, token.core_end) is not None


def unit_follows(text: str, token: Token) -> bool:
    """The service someone works in, right after their name: "Sky van het onthaal", "Lies van
    de sociale dienst", "Mercy from pharmacy"."""
    return UNIT_AFTER.match(text, token.core_end) is not None


def shift_follows(text: str, token: Token) -> bool:
    """The shift someone works, right after their name: "Lies van de nachtdienst", "Rob from
    the night shift"."""
    return SHIFT_AFTER.match(text, token.core_end) is not None


def room_follows(text: str, token: Token) -> bool:
    """The room someone lies in, right after their name: "Roos van kamer 214", "pierre de la
    chambre 204", "bill on bed 6", "Jef (kamer 12)"."""
    lead = ROOM_LEAD.match(text, token.core_end)
    return lead is not None and ROOM.match(text, lead.end()) is not None


def clause_start(text: str, tokens: list[Token], i: int) -> bool:
    """After a comma, or a word that starts a clause ("maar", "mais", "but", "dus")."""
    if i == 0:
        return False
    gap = text[tokens[i - 1].end : tokens[i].start]
    return gap.strip(" ") == "," or (
        tokens[i - 1].key in CLAUSE_WORDS and adjacent(text, tokens[i - 1], tokens[i])
    )


def to_a_place(text: str, tokens: list[Token], i: int) -> bool:
    """Right after a word that leads to a place ("in Dublin", "uit Kortrijk", "vers Namur"),
    not after thanks."""
    if i == 0:
        return False
    before = tokens[i - 1]
    if before.key == "à" and i >= 2 and tokens[i - 2].key in LIVES_AT:
        return adjacent(text, tokens[i - 2], before) and adjacent(text, before, tokens[i])
    if before.key in FROM_A_PLACE and text[before.end : tokens[i].start] in (" d'", " d\u2019"):
        return True  # "originaire d'Eupen": the elision is in the town's token
    if before.key == "de" and i >= 2 and tokens[i - 2].key in FROM_A_PLACE:
        return adjacent(text, tokens[i - 2], before) and adjacent(text, before, tokens[i])
    return (
        before.key in TO_A_PLACE
        and adjacent(text, before, tokens[i])
        and not led(text, tokens, i, NAME_LEADS)
    )


def after_a_saint(text: str, tokens: list[Token], i: int) -> bool:
    """ "Campus St Vincent", "Sint Jan", "Saint Luc": a saint's name, a hospital's or a church's."""
    if i == 0:
        return False
    saint = tokens[i - 1]
    return (
        saint.key in SAINTS
        and saint.text[:1].isupper()
        and adjacent(text, saint, tokens[i], allow_dot=True)
        and saints_place(text, tokens, i - 1)
    )


def saints_place(text: str, tokens: list[Token], i: int) -> bool:
    """Whether the saint's name at `i` ("Sint-Jan", "Saint-Luc", "St Vincent", "Saint Luc")
    names a hospital, a church or a feast. A Dutch "Sint" or "St" does, unless thanks or
    company come before it; a French "Saint(e)-" only after a word that leads to a place or an
    institution ("l'hôpital Saint-Luc", "Maison Sainte-Anne"; not after "de", "la fille de
    Saint-Germain"): Saint-Amand, Saint-Fleur and Saint-Pierre are surnames too."""
    if led(text, tokens, i, NAME_LEADS):
        return False  # "merci à Saint-Fleur", "avec Saint Pierre"
    if tokens[i].key.split("-", 1)[0] in ("sint", "st"):
        return True
    before = tokens[i - 1] if i else None
    if before is None or not adjacent(text, before, tokens[i]):
        return False
    if before.key in ("la", "le"):  # "la Sainte-Catherine"; not "la Saint-Fleur était de garde"
        return tokens[i].key.partition("-")[2] in FEAST_SAINTS
    return ELIDED.sub("", before.key) in BEFORE_A_SAINTS_PLACE  # "l'hôpital"


def date_word(text: str, token: Token) -> bool:
    """A month name in a date: "May 2026", "3 May" (never "Jan": "2026 Jan" is a name; nor
    "3 May Peeters")."""
    if token.key not in DATE_MONTHS:
        return False
    if YEAR_AFTER.match(text, token.end):
        return True
    before = text[max(0, token.start - 8) : token.start]
    after = text[token.end : token.end + 3].lstrip(" ")
    return bool(DAY_BEFORE.search(before)) and not after[:1].isupper()  # "bed 3 May Peeters"


def sentence_start(text: str, position: int) -> bool:
    # The last few characters say it ("text[:position]" made a long message quadratic).
    before = text[max(0, position - SENTENCE_LOOKBACK) : position]
    if SENTENCE_END.search(before) is None:
        return False
    # "Dr. Peeters", "i.p.v. Grace": a dot after a short title or a letter does not end a
    # sentence (but after an address's ".fr", ".be" it does: "... tom@outlook.fr. Manon").
    word = re.search(r"(\w+)\.\s*$", before)
    if word is None:
        return True
    if len(word.group(1)) == 1:
        return False
    in_an_address = before[word.start(1) - 1 : word.start(1)] in (".", "@")
    return in_an_address or word.group(1).casefold() not in SHORT_TITLES


def initial(text: str, token: Token) -> bool:
    """A single capital with a dot: `J.`"""
    return len(token.text) == 1 and token.text.isupper() and text[token.end : token.end + 1] == "."


def glued_initials(text: str, left: Token, right: Token) -> bool:
    """Two initials written together: `K.D`, `J.-P`."""
    return (
        initial(text, left) and initial(text, right) and text[left.end : right.start] in (".", ".-")
    )


def dotted_initials(text: str, tokens: list[Token], i: int) -> bool:
    """`K.D.`, `J.-P.`, `A.V.D.`: two or three initials written together from `i`, someone's
    (not `O.K.`, `N.B.`, `S.V.P.`, nor the middle of `E.H.B.O.`)."""
    if len(tokens[i].text) != 1:
        return False  # most words: asked of every one
    if i > 0 and glued_initials(text, tokens[i - 1], tokens[i]):
        return False
    k = i
    while k + 1 < len(tokens) and glued_initials(text, tokens[k], tokens[k + 1]):
        k += 1
    letters = "".join(t.key for t in tokens[i : k + 1])
    if letters in ("am", "pm"):  # "8 A.M.", "10 P.M.": a time after a number
        return _NUMBER_BEFORE.search(text, max(0, tokens[i].start - 4), tokens[i].start) is None
    return 2 <= k - i + 1 <= 3 and letters not in DOTTED_ABBREVIATIONS


def signed_initials(text: str, tokens: list[Token], i: int) -> bool:
    """Two to four capitals right after a sign-off, at the end of a line: "mvg BVH",
    "Bisous,\nMC"."""
    token = tokens[i]
    return (
        i >= 1
        and token.shouted
        and 2 <= len(token.core) <= 4
        and token.key not in DOTTED_ABBREVIATIONS  # "groetjes ICU"
        and tokens[i - 1].key in SIGNATURES
        and text[tokens[i - 1].end : token.start].strip(" ,\n") == ""
        and (i + 1 == len(tokens) or "\n" in text[token.end : tokens[i + 1].start])
    )


SIGNED_BY_WORDS = 4
"""The most words between a sign-off and the name: "de la part de"."""


def after_a_sign_off(text: str, tokens: list[Token], i: int) -> bool:
    """The word at `i` comes right after a sign-off: "grtz dries", "bisous, nadia", "cheers —
    jo"."""
    start = tokens[i - min(i, SIGNED_BY_WORDS + 1)].start  # "bisous de la part de nath"
    return SIGNED_OFF.search(text, start, tokens[i].start) is not None


def signed_off(text: str, tokens: list[Token], i: int) -> bool:
    """The writer's name at `i` comes after a sign-off ("grtz dries", "bisous, nadia") or a
    dash after a sentence ("nog eens checken aub — jeroen"; not "zaventem - sofia")."""
    return after_a_sign_off(text, tokens, i) or dashed_off(text, tokens, i)


_MANGO_LOOK = 32  # "mangomomentje 🥭 voor " and some room


def given_a_mango(text: str, token: Token) -> bool:
    """The word comes right after a Mango moment given to someone, this service's own thanks:
    "mango for emeka 🥭", "mango moment voor lotte", "un mango pour anaïs", "mango to liesbeth
    from the day hospital". (Callers ask `"ango" in text` first: most posts name no mango.)"""
    return MANGO_GIVEN.search(text, max(0, token.start - _MANGO_LOOK), token.start) is not None


def dashed_off(text: str, tokens: list[Token], i: int) -> bool:
    """The word at `i` comes after a dash after a sentence of a few words ("nog eens checken
    aub — jeroen", "Merci!! - An"; not "zaventem - sofia")."""
    start = tokens[i].start
    dash = DASH_BEFORE.search(text, max(0, start - 4), start)
    if dash is None:
        return False
    sentence = text[text.rfind("\n", 0, dash.start()) + 1 : dash.start()]
    return not any(mark in sentence for mark in DASHES) and len(WORD.findall(sentence)) >= 3


def in_a_shown_title(text: str, token: Token) -> bool:
    """A word inside a quoted title after a verb of singing, playing or watching: "Moon River"
    in 'played "Moon River"', "Questions" in 'a regardé « Questions pour un champion »'. The
    quote must open right after the verb (not "speelde 's middags") and close after the word,
    within the same sentence."""
    low = max(0, token.start - _TITLE_LOOK)
    window = text[low : token.start]
    if not any(mark in window for mark in _QUOTES):
        return False  # most words: no quote before them
    opened = max(text.rfind(mark, low, token.start) for mark in _QUOTES)
    if text[opened] in _ONLY_CLOSING or text[opened + 1 : opened + 3] in _ELIDED_WORDS:
        return False
    ends = [text.find(mark, token.end, token.end + _TITLE_LOOK) for mark in _CLOSING]
    closed = min((end for end in ends if end >= 0), default=-1)
    return (
        closed >= 0
        and not any(mark in text[opened + 1 : closed] for mark in ".!?\n")
        and SHOWN_BEFORE.search(text, max(0, opened - _TITLE_LOOK), opened + 1) is not None
    )


_OPENING = ("\u201c", "\u00ab", "\u2018")
_ONLY_CLOSING = ("\u201d", "\u00bb", "\u2019")
_CLOSING = ('"', "'", *_ONLY_CLOSING)  # the straight ones open too
_QUOTES = (*_OPENING, *_CLOSING)
_ELIDED_WORDS = ("s ", "n ", "t ")  # "speelde 's middags", "zong 'n liedje"
_TITLE_LOOK = 60


def ends_sentence(text: str, position: int) -> bool:
    """Whether a dot just before `position` can be a full stop: the text ends, or a capital
    follows."""
    rest = text[position:].lstrip(" ")
    return not rest or rest[0] == "\n" or rest[0].isupper()


def is_initial_before_surname(
    text: str, tokens: list[Token], i: int, not_names: frozenset[str]
) -> bool:
    """`J. Peeters`: a single capital with a dot, then a capitalised word that can be a name
    (not "plan B. Merci …")."""
    token = tokens[i]
    if not initial(text, token) or lettered(text, tokens, i):
        return False
    if token.key in SHORT_TITLES:
        return False  # "M. Dupont": a title, handled there
    following = tokens[i + 1] if i + 1 < len(tokens) else None
    return (
        following is not None
        and following.capitalised
        and following.key not in TITLES
        and following.key not in ALL_STOPWORDS  # "blok C. Een pluim": a sentence begins
        and following.folded not in not_names
    )


def lettered(text: str, tokens: list[Token], k: int) -> bool:
    """`Plan B.`, `Vitamine B.`, `blok C.`: the capital with a dot at `k` names a variant of the
    word before it. It is no initial, and its dot may end a sentence ("Thanks J. Okafor" is an
    initial)."""
    if k < 1 or not initial(text, tokens[k]):
        return False
    word = tokens[k - 1]
    return adjacent(text, word, tokens[k]) and (
        word.key in LETTERED_WORDS or word.key in PLACE_LABELS
    )


def led(text: str, tokens: list[Token], i: int, leads: frozenset[str]) -> bool:
    """One of `leads` before, maybe with a few small words between: "met lotte", "merci à
    sophie", "dank je wel jan", "thank you so much yonas"."""
    k = i - 1
    while k >= 0 and i - k <= 1 + MAX_LINKS and adjacent(text, tokens[k], tokens[k + 1]):
        if tokens[k].key in leads:
            return True
        if tokens[k].key not in LEAD_LINKS:
            return False
        k -= 1
    return False
