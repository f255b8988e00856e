"""Person names in free text: the rules that decide where a name starts and how far it runs."""

import functools
import itertools
import re
from collections.abc import Iterable

from schemas.events import EntityType, Language
from services.ingest.domain.redaction.context import (
    AFTER_A_LETTER_AND_DOT,
    act_together,
    acts_next,
    adjacent,
    after_a_comma,
    after_a_saint,
    after_a_sign_off,
    after_an_article,
    beside_its_product,
    camel_parts,
    clause_start,
    dashed_off,
    date_word,
    dotted_initials,
    ends_sentence,
    given_a_mango,
    glued_initials,
    in_a_shown_title,
    initial,
    institution_article,
    is_initial_before_surname,
    kin_of,
    led,
    lettered,
    listed_after_thanks,
    listed_on,
    lowercase_particles_after,
    name_shaped,
    names_a_place,
    pair_partner,
    pair_partner_at,
    part_of_the_name_before,
    particles_before,
    right_after,
    role_follows,
    room_follows,
    saints_place,
    santa,
    sentence_start,
    signed_initials,
    signed_off,
    signed_pair,
    thing_named,
    title_before,
    to_a_place,
    unit_follows,
    who_they_are_follows,
)
from services.ingest.domain.redaction.cues import (
    ADDRESSED_AFTER,
    ADDRESSING,
    ALIASES,
    ALL_STOPWORDS,
    AMBIGUOUS,
    ANY_DEED,
    APOSTROPHE_SURNAME,
    APOSTROPHES,
    ARABIC_PARTICLES,
    ARTICLES,
    BARE_ACTORS_EN,
    BEFORE_A_ROOM,
    BEFORE_KIN_NOT_A_TITLE,
    BORROWED_WORDS,
    BRACKETED_WORD,
    BREAK_BEFORE,
    BREAK_WORDS,
    CALENDAR_DOUBLE_NAMES,
    CALENDAR_FIRST_NAMES,
    CALENDAR_SHORT,
    CARE_ROLES,
    CAUSED_EN,
    CHANNEL_WORDS,
    CHAT_TAILS,
    CLAUSE_END,
    COMMA_GAP,
    COMMA_LEADS,
    COMMA_LINKS,
    COMPASS,
    COMPASS_NUMBER_BEFORE,
    COMPOUND_LINKS,
    CONJUNCTION_IN,
    CONJUNCTIONS,
    CONTRACTED_JE,
    DAY_NAME,
    DEED_IN,
    DETERMINERS,
    DIMINUTIVES,
    DOTTED_ABBREVIATIONS,
    DOUBLE_INITIALS,
    DRAWN_OUT,
    ELIDED_SURNAME,
    ELISION,
    EMOJI_GAP,
    EPONYM_HEADS,
    FLEMISH_INITIALS,
    GREETED_OR_PRAISED,
    HANDLE,
    HANDLE_PARTS,
    HASHTAG,
    HONORIFICS,
    HYPHENED_INITIALS,
    INITIALS_ARTICLES,
    INSTITUTION_WORDS,
    INTERJECTIONS,
    IS_AFTER,
    KIN_NOUNS,
    KIN_OF_A_CHILD,
    KIN_TITLES,
    LABEL_COLON,
    LEAD_LINKS,
    LETTER_AFTER,
    LINK,
    LINK_WORD,
    LONGEST_COMPOUND,
    LOWER_CASE_WORDS_TOO,
    MAX_LINKS,
    MAX_LOOK,
    MAX_NAME_WORDS,
    MAX_PARTICLES,
    MAX_SIGNATURE_WORDS,
    MENTION_BEFORE,
    NAME_CUES,
    NAME_LABELS,
    NAME_LEADS,
    NAME_OR_KIN_LEADS,
    NAMES_AFTER_THANKS,
    NAMING_LABELS,
    NEVER_BARE_EN,
    NICKNAME_AFTER,
    NOT_A_SUBJECT,
    NOT_AFTER_A,
    NOT_AFTER_KIN,
    NOT_GREETED,
    NOT_NAMES,
    NOT_SUBJECTS,
    NOT_THANKED,
    NUMBER_AFTER,
    NUMBER_WORDS,
    OURS,
    OURS_BEFORE_A_WORD_TOO,
    OWNING,
    PARTICLES,
    PAST_PARTICIPLE,
    PLACE_AFTER,
    PLACE_LABELS,
    PLACE_LEADS,
    PLAYED_BY,
    PLURALS_AND_DIMINUTIVES,
    PRAISED_AGAIN,
    PRONOUNS,
    ROLE_WITH_ARTICLE,
    ROLE_WORD,
    SAINTS,
    SECONDED,
    SENTENCE_END,
    SHORT_FAMILY_NAMES,
    SHORT_FIRST_NAMES,
    SHORT_TITLES,
    SIGN_OFFS,
    STREET_NAME,
    SUBJECT_AFTER,
    THANKED_END,
    THANKED_TO,
    THANKS_AND_GREETINGS,
    THANKS_GLUED,
    THANKS_LEADS,
    THANKS_OR_PRAISED,
    THANKS_REACH,
    TIME_AFTER,
    TITLES,
    TOKEN,
    TOWN_NOUNS,
    VAN,
    VERB_SHAPED,
    WARDS,
    WHY_OR_WHO_AFTER,
    WORD,
    WORD_AFTER,
    WORDS_TOO,
)
from services.ingest.domain.redaction.identifiers import IDENTIFIER_WORDS
from services.ingest.domain.redaction.lexicons import (
    first_names_as_words,
    lowercase_words,
    name_endings,
    read_lexicon,
    written_words,
)
from services.ingest.domain.redaction.spans import Span
from services.ingest.domain.redaction.text import STOPWORDS, fold, post_language
from services.ingest.domain.redaction.tokens import Token


def _written_in_capitals(text: str) -> bool:
    """A whole message in capitals: 12 letters or more, 90 % of them capitals."""
    upper = sum(map(str.isupper, text))
    if upper < 11:  # most messages: a few capitals at most
        return False
    cased = upper + sum(map(str.islower, text))
    return cased >= 12 and upper >= 0.9 * cased


def _covered(tokens: list[Token], spans: list[Span]) -> list[bool]:
    """For each token (in order), whether a span (in order, not overlapping) holds any of it."""
    covered = []
    k = 0
    for token in tokens:
        while k < len(spans) and spans[k].end <= token.start:
            k += 1
        covered.append(k < len(spans) and spans[k].start < token.core_end)
    return covered


# A post's language, asked of a few words per post: the last posts' answers are kept.
_language_of = functools.lru_cache(maxsize=8)(post_language)


def _a_thing_by_what_stands_before(text: str, tokens: list[Token], i: int) -> bool:
    """A word of a pair that the word before it makes a thing: a determiner, a named animal or
    toy, a number, a possessive of things or a verb that plays ("de fabia en zoe", "onze poes
    milou en luna", "we played jolene and mandy")."""
    return i > 0 and (
        tokens[i - 1].key in DETERMINERS
        or thing_named(text, tokens, i)
        or _counted_owned_or_played(tokens[i - 1])
    )


def _counted_owned_or_played(before: Token) -> bool:
    """A number ("deux gilles", "2 lucas"), a possessive of things ("haar jasmine thee") or a
    verb that plays a song, a show or a game ("a chanté aline", "sang suzanne", "speelden
    patience") before the word: a thing."""
    key = before.key
    return key.isdigit() or key in NUMBER_WORDS or key in OWNING or key in PLAYED_BY


def _french_of(text: str, tokens: list[Token], i: int) -> bool:
    """The word after "de" in a French post, where "de" is "of" and no article ("la gentillesse
    de karim", "le fils de sophie"); in Dutch it is one ("de stella die")."""
    return tokens[i - 1].key == "de" and _language_of(text) is Language.FR


class LoweredCapitals(str):
    """The lower-case copy of a post written in capitals ("THANK YOU NICU TEAMS"), read in
    lower case too: its writer did use capitals."""


def _after_van_der(particles: list[Token], token: Token) -> bool:
    """After a title, "van der", "vander" or "vanden" and any word typed in lower case: only a
    surname stands there ("mevr van der meeren", "meneer vanden bossche"; but "meneer van de
    keuken" may be the man from the kitchen, and Flemish says "van den" for "of the": "de
    madam van den overkant", "meneer van den ocmw")."""
    joined = "".join(p.key for p in particles)
    return (
        (joined.endswith("der") or [p.key for p in particles] == ["vanden"])
        and token.core.islower()
        and len(token.core) >= 3
        and token.key not in ALL_STOPWORDS
    )


def _thanked_again(text: str, tokens: list[Token], to: int) -> bool:
    """ "à", "to" or "aan" after "et", "and" or "en", where thanks went to someone earlier in
    the sentence: "Merci à Nathalie pour la formation, et à victoire pour le café", "Merci
    Nathalie pour ..., et à victoire"."""
    if to < 2 or tokens[to - 1].key not in CONJUNCTIONS:
        return False
    for k in range(to - 2, max(-1, to - 2 - THANKS_REACH), -1):
        if SENTENCE_END.search(text, tokens[k].end, tokens[k + 1].start):
            return False
        if tokens[k].key in THANKS_LEADS or (
            tokens[k].key in THANKED_TO and led(text, tokens, k, THANKS_LEADS)
        ):
            return True
    return False


def _merged(spans: list[Span]) -> list[Span]:
    """Overlapping spans of one type as one, in order."""
    out: list[Span] = []
    for span in sorted(spans):
        if out and span.start < out[-1].end:
            out[-1] = Span(out[-1].start, max(out[-1].end, span.end), span.type)
        else:
            out.append(span)
    return out


class NameFinder:
    """Holds the name lexicons (loaded once); `find(text)` yields the names in a text."""

    def __init__(
        self,
        first_names: Iterable[str] | None = None,
        surnames: Iterable[str] | None = None,
        known_words: Iterable[str] = (),
    ) -> None:
        """`known_words`: capitalised words of this network that are not names (department and
        organisation names), added to the built-in list."""
        # The curated common names, and those plus Faker's longer lists (rarer names, many of
        # them surnames too: Yildiz).
        self._common_first = (
            frozenset(fold(n) for n in first_names)
            if first_names is not None
            else read_lexicon("first_names.txt") | read_lexicon("nicknames.txt")
        )
        self._first = (
            self._common_first
            if first_names is not None
            else self._common_first | read_lexicon("first_names_more.txt")
        )
        # The same for surnames: frequent ones, and Faker's longer lists (Nguyen, Diallo).
        self._common_last = (
            frozenset(fold(n) for n in surnames)
            if surnames is not None
            else read_lexicon("surnames.txt")
        )
        # Less the known non-names: "Parkinson", "Toussaint" are surnames there too.
        not_names = read_lexicon("not_names.txt") | {fold(w) for w in WARDS}
        self._last = (
            self._common_last
            if surnames is not None
            else self._common_last | (read_lexicon("surnames_more.txt") - not_names)
        )
        # A particle in an organisation's name ("WZC De Denneboom") stays a particle: it must
        # not split "Marie De Smet".
        network = {fold(w) for phrase in known_words for w in WORD.findall(phrase)}
        self._network_words = frozenset(network - PARTICLES)
        # Countries and languages ("Syrie", "Vietnamees"): no word of them is in a list of
        # person names. Towns are read as towns only after a word that leads to a place ("in
        # Dublin", "de burgemeester van Herentals"): many are surnames too (Beaumont, Lommel),
        # or names (Sanaa).
        self._not_names = not_names | read_lexicon("countries.txt") | self._network_words
        self._towns = read_lexicon("towns.txt")
        # Everyday words of the three languages: what is in no list at all may be a name.
        self._words = read_lexicon("common_words.txt")
        self._heads = tuple(sorted(read_lexicon("compound_heads.txt"), key=len, reverse=True))
        # Names that are frequent words too, left out of the name lists for that reason: a
        # capitalised everyday word is still a possible name when it is one of these.
        self._names_also_words = read_lexicon("names_also_words.txt")
        # The everyday words that spelling dictionaries write in lower case ("checklist", not
        # "beaumont"): a capitalised one after an article names a thing.
        self._lower_words = lowercase_words()
        self._written = written_words()
        self._name_endings = name_endings()
        # The languages in which a common first name is an everyday word: "lotte" is none.
        self._as_words = first_names_as_words()

    def find(self, text: str) -> list[Span]:
        """The names in `text`, in order."""
        found = self._names_by_case(text)
        if "@" not in text and "#" not in text:
            return found
        tagged = list(self._handles(text))
        kept: list[tuple[int, int]] = []
        for match in HASHTAG.finditer(text):
            parts = [fold(part) for part in camel_parts(match.group(1))]
            if len(parts) < 2:
                if self._named_inside(parts[0]):  # "#dankjesofie", "#TEAMLOTTE"
                    tagged.append(Span(match.start(1), match.end(1), EntityType.NAME))
                continue  # "#Sofie", "#goedepraktijk": the other rules read it as a word
            if all(self._never_tagged(part) for part in parts):
                kept.append(match.span(1))  # "#MangoMoment", "#WarmsteWeek": never a name
            elif any(self._tag_name(part) for part in parts):
                tagged.append(Span(match.start(1), match.end(1), EntityType.NAME))
        if kept:
            found = [f for f in found if not any(a <= f.start and f.end <= b for a, b in kept)]
        return _merged([*found, *tagged]) if tagged else found

    def _names_by_case(self, text: str) -> list[Span]:
        if not _written_in_capitals(text):
            return self._names_in(text)
        # "DANK AAN JAN PEETERS": capitals say nothing here. Read it as typed (a title before a
        # name in capitals) and in lower case (thanks before a common first name), both.
        lowered = LoweredCapitals(text.replace("İ", "I").lower())  # "İLKER" lowers to two
        if len(lowered) != len(text):  # a letter whose lower case is longer: spans would shift
            return self._names_in(text)
        return _merged([*self._names_in(text, capitals=True), *self._names_in(lowered)])

    def _handles(self, text: str) -> Iterable[Span]:
        """A colleague typed as a handle, which no platform turned into a mention (Slack's and
        Teams' arrive as "<@U…>" and "<at>…</at>", and stay): "bedankt @sofie", "thx
        @jan.peeters", "@sofie_claes", "@hope". The whole handle goes when a part of it may be
        a name; not "@team", "@iedereen", "@here", nor an e-mail address."""
        for match in HANDLE.finditer(text):
            parts = [fold(part) for part in HANDLE_PARTS.split(match.group(1)) if part]
            if any(self._tag_name(part) for part in parts):
                yield Span(match.start(1), match.end(1), EntityType.NAME)

    def _never_tagged(self, part: str) -> bool:
        """A part of a hashtag that no one is called: a non-name or a stopword that is no name
        of any list either ("mango", "moment", "week"; not "june", "frans", "an") and no thanks
        or greeting ("#MerciNoel", "#ThanksApril": someone is thanked)."""
        return (
            (part in self._not_names or part in ALL_STOPWORDS)
            and part not in self._first
            and part not in self._last
            and part not in self._names_also_words
            and part not in SHORT_FIRST_NAMES
            and part not in NAME_LEADS
        )

    def _named_inside(self, tag: str) -> bool:
        """A one-word hashtag that is thanks and a listed name written together ("dankjesofie",
        "mercisofie", "thanksjan"), or "team" and a first name ("TEAMLOTTE"); not "thanksteam",
        "mercilesinfirmieres", "merciatous", "teamnacht", nor a name that is a word too
        ("cheersmate", "teamsky", "merciclaire")."""
        if tag.startswith("team"):
            return tag[4:] in self._first and self._listed_name(tag[4:])
        return any(
            tag.startswith(thanks) and self._listed_name(tag[len(thanks) :])
            for thanks in THANKS_GLUED
        )

    def _listed_name(self, folded: str) -> bool:
        """A first name or surname of a list, of three letters or more, that is no word too
        ("rose", "sky", "mate", "allen", "doc") and no stopword or non-name."""
        return (
            len(folded) >= 3
            and (folded in self._first or folded in self._last)
            and folded not in WORDS_TOO
            and folded not in NOT_THANKED
            and folded not in self._not_names
            and folded not in ALL_STOPWORDS
            and folded not in NOT_NAMES
        )

    def _tag_name(self, part: str) -> bool:
        """A part of a handle or a hashtag that may be a name: any listed name, also one that
        is a word too ("@hope", "#BedanktBakker", "#MerciJo"), a word in no list
        ("#TeamKabongo"), or a first name and "team" ("@roosteam"); not an everyday word of no
        name list ("@zorgteam"), a stopword or a non-name."""
        if part in self._not_names or part in ALL_STOPWORDS or part in NOT_NAMES:
            return False
        if len(part) < 3:
            return part in SHORT_FIRST_NAMES
        return (
            part in self._first
            or part in self._last
            or part in self._names_also_words
            or part in WORDS_TOO
            or not self._everyday(part)
            or (part.endswith("team") and part[:-4] in self._first)  # "@roosteam"
        )

    def in_link(self, text: str) -> bool:
        """A web address whose path holds a first name or surname as one of its words
        (`.../jeanne-lhoest-viert-100ste-verjaardag`): an article or a photo about someone.
        Not redacted (the link would break), but shown to the ambassador first."""
        if "http" not in text and "www." not in text:
            return False
        for link in LINK.finditer(text):
            words = LINK_WORD.findall(link.group("path").casefold())
            if any(self._name_word(fold(word)) for word in words if len(word) >= 3):
                return True
        return False

    def first_name_left(self, redacted: str) -> bool:
        """A listed first name typed in lower case is left in the redacted text, one that is no
        everyday word as written ("zbigniew", "yusuf"; not "come", which folds to Côme): a name
        the rules found no cue for ("kheb zbigniew gezien"), shown to the ambassador first."""
        return any(
            self._first_name_no_word(Token(match.start(), match.end(), match.group()), self._first)
            for match in TOKEN.finditer(redacted)
        )

    def _first_name_no_word(self, token: Token, first_names: frozenset[str]) -> bool:
        """A first name of `first_names` typed in lower case that is no everyday word, folded
        or as written: "zbigniew", "yusuf"; not "come" (Côme) nor "bébé" (Bebe)."""
        return (
            self._typed_lowercase(token, first_names)
            and not self._lowercase_word(token.folded)
            and token.core.casefold() not in self._written
        )

    def _name_word(self, key: str) -> bool:
        return (key in self._common_first or key in self._common_last) and self._only_a_name(
            key, key
        )

    def _only_a_name(self, key: str, folded: str) -> bool:
        """A name that is not also an everyday word, a stopword, a particle or a known
        non-name ("rose", "de", "mars" are; "nathalie" is not)."""
        return (
            key not in WORDS_TOO
            and folded not in WORDS_TOO  # "grâce" is "grace"
            and self._no_stopword_nor_non_name(key, folded)
        )

    def _no_stopword_nor_non_name(self, key: str, folded: str) -> bool:
        """Not a stopword, a particle or a known non-name ("de", "van", "mars")."""
        return (
            key not in ALL_STOPWORDS
            and key not in PARTICLES
            and key not in NOT_NAMES
            and folded not in self._not_names
        )

    def _names_in(self, text: str, *, capitals: bool = False) -> list[Span]:
        tokens = []
        for match in TOKEN.finditer(text):
            word = match.group()
            # "d'Armand", "l'Olivier" (checked only where the apostrophe is)
            elided = ELISION.match(word) if word[1:2] in APOSTROPHES else None
            skip = elided.end() if elided else 0
            tokens.append(Token(match.start() + skip, match.end(), word[skip:]))
        spans = list(self._found_in(text, tokens, capitals=capitals))
        words = [
            word for span in spans for word in text[span.start : span.end].split() if len(word) >= 3
        ]
        if not words:
            return spans
        again = any(text.count(word) > 1 for word in words)  # most posts name each one once
        if not again:
            lower = {token.core for token in tokens if token.core.islower()}
            if not any(word[0].isupper() and word.lower() in lower for word in words):
                return spans  # ... in lower case too: "Roos ... Respect roos"
        things = (
            {
                token.core
                for k, token in enumerate(tokens)
                if k and thing_named(text, tokens, k) and not self._a_name_too(token.folded)
            }
            if again  # a pet or a toy is one only when it stands twice as written
            else set()
        )
        if things:  # "son chien Filou ... Filou était chez elle": the dog throughout; but "haar
            # hond Max ... haar kleinzoon Max": a name of the lists is someone's again
            spans = [span for span in spans if not self._thing_again(text, tokens, span, things)]
        return _merged([*spans, *self._named_again(text, tokens, spans)])

    def _thing_again(self, text: str, tokens: list[Token], span: Span, things: set[str]) -> bool:
        """The span is only the name of a pet, a toy or a robot of this post, with nothing
        around it that says someone: no title, kin or thanks before it, no service or role
        after it ("sa voisine Caramel", "Caramel van het onthaal")."""
        if text[span.start : span.end] not in things:
            return False
        k = next(k for k, token in enumerate(tokens) if token.start >= span.start)
        token = tokens[k]
        return not (
            (k and title_before(text, tokens[k - 1], token))
            or led(text, tokens, k, NAME_OR_KIN_LEADS)
            or unit_follows(text, token)
            or role_follows(text, token)
        )

    def _named_again(self, text: str, tokens: list[Token], spans: list[Span]) -> Iterable[Span]:
        """The words of the names found, where they stand again in the post unread: "merci
        paulina ... si paulina revient", "Ikechukwu (Ike) ... Ike is a star". Written the same
        way, of three letters or more, and only a name: no particle, title, stopword or word
        ("Hoop doet leven ... haar dochter Hoop": the first is hope). In lower case only after
        praise (below): "Stella ... een pintje stella", "Elsa ... als elsa van frozen" are the
        beer and the princess."""
        inside = _covered(tokens, spans)
        named = {
            token.core
            for token, covered in zip(tokens, inside, strict=True)
            if covered
            and len(token.core) >= 3
            and token.key not in TITLES
            and self._only_a_name(token.key, token.folded)
            and not self._lowercase_word(token.folded)
        }
        # a first name found capitalised, typed again in lower case after thanks or praise, as
        # the last word of its clause: "Op PAAZ heeft Roos ... Respect roos ❤️" (not "Roos
        # bracht een roos mee", "Frank ... respect frank conversations")
        named_too = {
            token.folded
            for token, covered in zip(tokens, inside, strict=True)
            if covered and token.capitalised and token.folded in self._common_first
        }
        for k, (token, covered) in enumerate(zip(tokens, inside, strict=True)):
            if (
                not covered
                and token.folded in named_too
                and token.core.islower()
                and right_after(text, tokens, k, PRAISED_AGAIN)
                and WORD_AFTER.match(text, token.core_end) is None
            ):
                yield Span(token.start, token.core_end, EntityType.NAME)
            elif not covered and token.core in named:
                # "nurse van damme ... Thanks van damme!": its particles again too
                start = tokens[self._lowercase_particles_before(text, tokens, k, 0)].start
                yield Span(start, token.core_end, EntityType.NAME)

    def _found_in(self, text: str, tokens: list[Token], *, capitals: bool) -> Iterable[Span]:
        signed = self._signature_start(text, tokens)
        i = 0
        after = 0  # the first token not yet inside a name
        while i < len(tokens):
            if i == signed:
                j = len(tokens) - 1  # the writer's name ends the post
            elif self._starts_name(text, tokens, i):
                j = self._extend(text, tokens, i, capitals=capitals)
            else:
                i += 1
                continue
            start = particles_before(text, tokens, i, after)
            if start == i:
                start = self._lowercase_particles_before(text, tokens, i, after)
            if start == i and self._shouted_surname_before(text, tokens, i, after):
                start = i - 1  # "PEETERS Maria", as a ward's lists write it
            if self._calendar_first_name_before(text, tokens, start, after):
                start -= 1  # "June Okafor", "Noël De Smet"
            elif part_of_the_name_before(text, tokens, start, after):
                start -= 1  # "Li Wei": the family name first; "Nana Yaw": a title of his
            end = tokens[j].core_end
            if initial(text, tokens[j]) and not ends_sentence(text, end + 1):
                end += 1  # "Mme B. a souri": the initial's dot goes with it
            yield Span(tokens[start].start, end, EntityType.NAME)
            i = after = j + 1
            nickname = NICKNAME_AFTER.match(text, end) or self._bracketed_nickname(
                text, end, tokens[start]
            )
            if nickname is not None and i < len(tokens):
                # 'Mieke ("Mie")', 'Jozef "Jos" Peeters': what everyone calls them
                yield Span(nickname.start(1), nickname.end(1), EntityType.NAME)
                if tokens[i].start == nickname.start(1):
                    i = after = i + 1

    def _lowercase_particles_before(
        self, text: str, tokens: list[Token], i: int, first: int
    ) -> int:
        """Where a surname typed in lower case begins when its particles are typed before it:
        "thanks van damme!", "merci de smet" (Vandamme and Desmet are known surnames; not "de
        zoon van jan")."""
        k = i
        while (
            k > first
            and tokens[k - 1].key in PARTICLES
            and tokens[k - 1].core.islower()
            and adjacent(text, tokens[k - 1], tokens[k])
        ):
            k -= 1
        if k == i or not tokens[i].core.islower():
            return i
        joined = "".join(t.folded for t in tokens[k : i + 1])
        return k if joined in self._last else i

    def _signature_start(self, text: str, tokens: list[Token]) -> int | None:
        """Where the writer's name starts when it ends the post, after a full stop or on a line
        of its own: "... de la région. vanessa", "... 64 YEARS. HAROLD SMITH", "... pour tout.
        Danielle Frère". A first name, maybe with a surname and its particles; or an unknown
        word and a listed surname ("FIRMIN DE MEYER")."""
        n = len(tokens)
        if n < 4 or any(c.isalnum() for c in text[tokens[-1].end :]):
            return None
        for s in range(max(1, n - MAX_SIGNATURE_WORDS), n):
            words = tokens[s:]
            if not all(adjacent(text, a, b) for a, b in itertools.pairwise(words)):
                continue
            if (
                sentence_start(text, tokens[s].start) or signed_off(text, tokens, s)
            ) and self._signs(words):
                return s
            if signed_off(text, tokens, s) and self._signs_briefly(words):
                return s
            if s == n - 1 and self._signs_alone(text, tokens, s):
                return s
        return None

    def _signs_alone(self, text: str, tokens: list[Token], s: int) -> bool:
        """The writer's first name alone at the post's end after a dash, capitalised, where it
        is a short word too ("Merci!! - An", "top gedaan — Jo"). Not a team, a ward, a word
        that thanks or signs ("— Team", "- Merci", "— Regards"), nor two letters that no one
        here is called ("- Om 🧘", "- De")."""
        word = tokens[s]
        return (
            word.capitalised
            and (len(word.core) >= 3 or word.key in SHORT_FIRST_NAMES)  # not "- Om 🧘", "- Le"
            and word.key not in CHAT_TAILS
            and word.key not in WARDS
            and word.key not in PLACE_LABELS
            and word.key not in SIGN_OFFS
            and word.key not in THANKS_LEADS
            and word.folded not in self._not_names
            and (word.folded in self._first or word.folded in self._names_also_words)
            and dashed_off(text, tokens, s)
        )

    def _signs(self, words: list[Token]) -> bool:
        first, rest = words[0], words[1:]
        if first.key in ALL_STOPWORDS or first.key in TITLES or first.key in SIGN_OFFS:
            return False
        known = (
            first.folded in self._first
            and self._only_a_name(first.key, first.folded)
            # ". over", ". jade": a rarer first name that is a word too ends no post as a name
            and (first.folded in self._common_first or not self._lowercase_word(first.folded))
        )
        if not rest:
            return known
        if rest[-1].key in PARTICLES or not all(
            t.key in PARTICLES or t.capitalised or t.shouted for t in rest[:-1]
        ):
            return False
        last = rest[-1]  # "mvg, hilde v.": an initial may end the name as typed (not a kiss)
        if not (last.capitalised or last.shouted or (len(last.core) == 1 and last.key != "x")):
            return False
        return known or (
            (first.capitalised or first.shouted)
            and not self._lowercase_word(first.folded)
            and any(t.folded in self._last for t in rest)
        )

    def _signed_surname(self, token: Token) -> bool:
        """A listed surname in lower case after the writer's first name: "grtz, an popescu", "-
        sofie claeys", "bisous, awa n'diaye". Not a word in no list ("- jan kowalski" is left):
        there chat writes dialect and wishes ("- jan seffens", "- inès hamdoulah")."""
        return token.core.islower() and (
            (self._typed_lowercase(token, self._last) and not self._lowercase_word(token.folded))
            or self._elided_surname(token)
        )

    def _signs_briefly(self, words: list[Token]) -> bool:
        """The writer's first name alone after a sign-off, maybe with an initial, typed in lower
        case as chat has it, even a short one: "grtz, an", "bisous, oumaima", "liefs, jo
        d.", and a common one that is a word too ("grtz, joke"); not an everyday word, a ward,
        two letters in no list or what chat writes there
        ("groetjes allen", "grtz, icu", "grtz, hr", "bisous xo", "cheers, thx", "liefs, bb").
        Capitals there are read by the other rules."""
        first, rest = words[0], words[1:]
        if rest and not (
            len(rest) == 1
            and ((len(rest[0].core) == 1 and rest[0].key != "x") or self._signed_surname(rest[0]))
        ):
            return False  # "liefs, lotte x": a kiss
        folded = first.folded
        if (
            not (first.core.isalpha() and first.core.islower())  # capitals: "groetjes ICU"
            or first.key in CHAT_TAILS
            or first.key in WARDS
            or first.key in PLACE_LABELS  # "kind regards, ward b"
            or folded in self._not_names
            or first.key in SIGN_OFFS
            or first.key in THANKS_LEADS
            or (self._lowercase_word(folded) and folded not in self._common_first)
        ):
            return False  # but "grtz, joke", "liefs, roos": a common first name signs
        # "an", "jo", "bo": names that are short words too; but two letters in no list may be a
        # team as well as initials ("grtz, hr", "mvg, it", "regards, qa"), and stay
        return folded in self._first or folded in self._names_also_words

    def _bracketed_nickname(self, text: str, end: int, name: Token) -> re.Match[str] | None:
        """ "Ikechukwu (Ike)", "Mieke (Mie)", "Jozef (Jos)": the start of the name or a first
        name, in brackets right after it (not a role: "Sofie (Ergo)", nor a ward: "Jan
        (Spoed)")."""
        match = BRACKETED_WORD.match(text, end)
        if match is None:
            return None
        folded = fold(match.group(1))
        starts_the_name = name.folded.startswith(folded) and name.folded != folded
        first_name = len(folded) >= 3 and folded in self._first
        if starts_the_name or (first_name and self._only_a_name(folded, folded)):
            return match
        return None

    def _starts_name(self, text: str, tokens: list[Token], i: int, depth: int = 0) -> bool:
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

    def _name_starts_at(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        token = tokens[i]
        if is_initial_before_surname(text, tokens, i, self._not_names):
            return True
        if FLEMISH_INITIALS.fullmatch(token.core):
            return True  # "AVdB", "MvdB": someone's initials, with the small "van de"
        core = token.core
        if (
            (  # initials: one letter, or up to four capitals or "J-P" (asked of every word)
                len(core) == 1 or (len(core) <= 4 and (token.shouted or core[1:2] == "-"))
            )
            and (
                dotted_initials(text, tokens, i)  # "K.D. heeft gewaakt", "merci à J.-P."
                or HYPHENED_INITIALS.fullmatch(core)  # "moreau et J-P"
                or signed_initials(text, tokens, i)  # "mvg BVH", "Bisous, MC"
            )
        ):
            return True
        if token.text[:1].isupper() and (
            after_a_saint(text, tokens, i)
            or date_word(text, token)
            or (names_a_place(text, tokens, i) and not self._in_lexicon(token.folded))
            or (i >= 1 and institution_article(text, tokens, i - 1))  # "WZC Ter Linde"
        ):
            # "since May 2026", "rue de Fer", "afdeling Zonnebloem"; but a known name there is
            # still taken for one ("bedankt voor je dienst Sofie").
            return False
        previous = tokens[i - 1] if i else None
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        if i and thing_named(text, tokens, i):
            return False  # "haar kat Minou", "son chien Rex", "her budgie Pippin": no person
        if (
            token.capitalised
            and (token.key in SIGN_OFFS or token.key in ALL_STOPWORDS or token.key in BREAK_WORDS)
            and token.folded not in self._first
            and BREAK_BEFORE.search(text, max(0, token.start - 8), token.start) is not None
        ):
            return False  # "... begrijpt 🙏 Top!", "😍 Groetjes, Lien", "zei: 'Dit had ik'"
        if (
            previous is not None
            and previous.key in NAME_LABELS
            and LABEL_COLON.fullmatch(text, previous.end, token.start)
        ):
            # After the colon a sentence may start, so capitals alone say nothing; the label does.
            if token.shouted:
                return self._shouted_name(token)
            if token.core.islower():
                # "Patiënt: anne goossens", "bewoner: peeters", "Naam: kabongo"; not "Patiënt:
                # dankbaar", nor a diagnosis, a drug or a typo after a patient's label
                # ("Patiënt: copd", "bewoner: onrustg"): a word in no list after a name's only
                return (
                    self._first_name_no_word(token, self._first)
                    or self._first_name_no_word(token, self._last)
                    or self._common_first_before_surname(text, tokens, i)
                    or (previous.key in NAMING_LABELS and self._unknown_surname(token))
                )
            return (
                token.capitalised
                and token.key not in ALL_STOPWORDS
                and token.folded not in self._not_names
            )
        titled = (
            previous is not None and title_before(text, previous, token) and not santa(tokens, i)
        )
        if not titled and "-" in token.core and self._hyphened_thing(token):
            return False  # "de Braden-score", "een Foley-wissel"
        if (
            not titled
            and token.text[:1].isupper()
            and (
                (previous is not None and previous.key in CHANNEL_WORDS)
                or in_a_shown_title(text, token)
            )
            and self._only_a_word(token)
        ):
            # 'played "Moon River"', 'zong "Lang zal ze leven"', "in het kanaal Kwaliteit";
            # not a name there ("Mia", 'dear Mrs Hughes', "channel Oluwaseun")
            return False
        if (
            (token.key in INSTITUTION_WORDS or token.key in PLACE_AFTER)
            and not titled
            and self._place_label(text, token, previous, following)
        ):
            return False
        if token.key in PARTICLES and titled:
            k = i
            while (
                k < min(len(tokens), i + MAX_PARTICLES)
                and tokens[k].key in PARTICLES
                and not tokens[k].capitalised
            ):
                k += 1
            # "mevrouw de Smet", "mevr. De Smet", "monsieur de la Fontaine", "MEVR. DE SMET",
            # and as typed on a phone, "mevr de smet" (Desmet is a known surname)
            return (
                k < len(tokens)
                and tokens[k].key not in TITLES  # "la famille de Madame X": X is the name
                and tokens[k].key not in WARDS  # "elke patiënt van de Dagkliniek"
                and tokens[k].key not in INSTITUTION_WORDS  # "elke bewoner van WZC Sint-Anna"
                and (
                    tokens[k].capitalised
                    or tokens[k].shouted
                    or self._lowercase_surname(tokens[i:k], tokens[k])
                    or _after_van_der(tokens[i:k], tokens[k])
                    or (
                        tokens[i - 1].key in HONORIFICS
                        and (
                            self._surname_after_title(tokens[k])
                            or self._place_or_word_surname(text, tokens, i - 1, k)
                        )
                    )
                )
                and all(adjacent(text, tokens[n], tokens[n + 1]) for n in range(i, k))
            )
        if titled and self._arabic_particle_first(text, tokens, i):
            return True  # "mrs ait ouali", "mevr el amrani", "mrs ben salah"
        if titled and not token.capitalised:
            # "mevrouw PEETERS", "MEVROUW JANSSENS"; "mevrouw janssens" only with a known
            # surname ("mevrouw was blij" stays)
            if token.shouted:
                return self._shouted_name(token)
            if initial(text, token):
                return True  # "Mme B.", "meneer P.": the initial stands for the name
            # ... and "zuster godelieve", "oma mariette", "mamie josiane": a first name that is
            # not also a word.
            # "mrs petrenko's": a possessive after a title is someone's, whoever they are.
            possessed = (
                token.possessive
                and len(token.core) >= 3
                and token.core.islower()
                and previous is not None
                and previous.key in HONORIFICS
            )
            # "mevr kowalczyk", "M. ionescu": after an honorific (not "oma M. straalde", where
            # M. is an initial; not "the resident hadnt"), a word of no list is a surname.
            honoured = (
                previous is not None
                and previous.key in HONORIFICS
                and not (
                    len(previous.key) == 1
                    and i >= 2
                    and title_before(text, tokens[i - 2], previous)
                )
            )
            return (
                (
                    (
                        (
                            (token.folded in self._last or possessed)
                            and token.key not in PARTICLES
                            and token.key not in AMBIGUOUS
                            and token.key not in ALL_STOPWORDS
                            and token.key not in NOT_NAMES
                        )
                        or self._typed_lowercase(token, self._first)
                    )
                    # after "bewoner", "patiënt": not a word that the spelling dictionaries write
                    # in lower case ("één bewoner over zijn beroep"; "patiënt peeters" is a name,
                    # and so is "opa visser")
                    and (
                        previous is None
                        or previous.key not in CARE_ROLES
                        or token.folded not in self._lower_words
                    )
                )
                or (honoured and self._place_or_word_surname(text, tokens, i - 1, i))
                or (
                    honoured
                    and self._unknown_word(token)
                    and not (  # "bij meneer gewaakt.", "mevrouw gerustgesteld, ..."
                        PAST_PARTICIPLE.fullmatch(token.key) and CLAUSE_END.match(text, token.end)
                    )
                )
                or (
                    # "nurse iris checked", "zuster roos heeft": a first name that is a word too,
                    # after a title and before what they did (not "the nurse will check"); not
                    # a saint, a dessert, a ward or a toy ("le père noël a", "de dame blanche
                    # had", "our sister ward opened", "patiënt teddy had"), nor after an article
                    len(token.core) >= 3
                    and token.folded in self._first
                    and token.key not in ALL_STOPWORDS
                    and token.key not in CALENDAR_FIRST_NAMES
                    and token.key not in PLACE_LABELS
                    and token.key not in BORROWED_WORDS
                    and not (i >= 2 and tokens[i - 2].key in DETERMINERS)
                    and acts_next(text, token)
                )
            )
        if token.shouted:  # "MERCI NATHALIE !!!", "... VOOR MARIEKE EN SEVDA"
            return (
                self._shouted_first_name(token)
                or self._shouted_before_surname(text, tokens, i)  # "met LUC DE SMET"
                or self._paired(text, tokens, i, depth)
                # a rarer first name right after thanks: "Merci MAŁGORZATA d'avoir ...", and
                # a short one or one in no list: "DIKKE MERCI AN EN JOKE", "THANK YOU MARICEL"
                or (
                    (
                        token.folded in self._first
                        or token.key in SHORT_FIRST_NAMES
                        or self._shouted_unknown(token)
                    )
                    and led(text, tokens, i, THANKS_OR_PRAISED)  # "GREAT JOB PRIYA"
                )
                # "DANK AAN DE SMET", "MERCI À LE CLERCQ", "mevr EL AMRANI"
                or self._shouted_after_particles(text, tokens, i)
                # "merci à JF", "JP et Domi ont ...", "JP a apporté": Jean-Pierre's initials
                or (
                    token.key in DOUBLE_INITIALS
                    and not (i >= 1 and tokens[i - 1].key in INITIALS_ARTICLES)
                    and self._initials_named(text, tokens, i, depth)
                )
            )
        if not token.capitalised:
            return self._lowercase_name(text, tokens, i, depth)
        if token.key in TITLES or (token.key in NOT_NAMES and not titled):
            return False  # "Kerstmis" is no name, but "meneer Noël" is
        if token.key in PLACE_LABELS and (
            NUMBER_AFTER.match(text, token.end) or LETTER_AFTER.match(text, token.end)
        ):
            return False  # "Ward 5B", "Blok C"
        if (
            token.key in COMPASS
            and COMPASS_NUMBER_BEFORE.search(text, max(0, token.start - 4), token.start) is not None
        ):
            return False  # "3 Oost", "Ward 9 West"
        if titled:
            return True
        if previous is not None and adjacent(text, previous, token, allow_dot=True):
            if previous.key in NAME_CUES:
                return True
            if (
                previous.key in SHORT_TITLES
                and text[previous.end : previous.end + 1] == "."
                and text[previous.start - 1 : previous.start] not in (".", "@")
            ):
                return False  # "5 m. Verder": a lowercase "m." is no title ("outlook.fr." ends)
        if previous is not None and previous.key in NAME_CUES and adjacent(text, previous, token):
            return True
        if token.key in SHORT_FIRST_NAMES:
            # "An Peeters", "Jo Vermeulen", "Dankjewel An"; not "An old man"
            thanked = led(text, tokens, i, NAME_LEADS) or (
                previous is not None
                and previous.key in NAME_LEADS
                and after_a_comma(text, previous, token)
            )  # "Dankjewel An", "Dank je An!", "Thanks, Jo!"
            # "Met An en Jo", "Zalig hoe Jo en Lowie zongen"
            paired = self._paired(text, tokens, i, depth) or self._pair_follows(
                text, tokens, i, depth
            )
            surname_follows = (
                following is not None
                and adjacent(text, token, following)
                and following.capitalised
                and self._starts_name(text, tokens, i + 1, depth + 1)
            )
            return thanked or paired or surname_follows
        if not self._in_lexicon(token.folded):
            return self._unknown_proper_noun(text, tokens, i, depth)
        if token.key in ALL_STOPWORDS and sentence_start(text, token.start):
            return False  # "Très émouvant.": a stopword that a list also holds as a name (Tres)
        if token.folded in AMBIGUOUS and not token.possessive:  # "Grâce à ..."
            surname_follows = (
                following is not None and following.capitalised and adjacent(text, token, following)
            )
            return (
                surname_follows
                or not sentence_start(text, token.start)
                or room_follows(text, token)  # "Roos van kamer 214 wou ..."
                or unit_follows(text, token)  # "Sky van het onthaal", "Lies from pharmacy"
                # "Lies van de nachtdienst", "Espérance (aide-soignante)", "Hope, our volunteer"
                or who_they_are_follows(text, token)
                or acts_next(text, token)  # "Hope stayed late", "Grace a tenu la main"
                or listed_after_thanks(text, token.start)  # "Huge thanks to: Mercy, ..."
                or self._pair_follows(text, tokens, i, depth)  # "Hope and Precious stayed"
            )
        return True

    def _place_label(
        self, text: str, token: Token, previous: Token | None, following: Token | None
    ) -> bool:
        """The label of a place's name, although a name too: "Zaal Ensor", "Home Zonnebloem"
        (Zaal and Home are surnames)."""
        if token.key in INSTITUTION_WORDS and token.capitalised:
            return (
                following is not None
                and following.capitalised
                and adjacent(text, token, following)
                and NUMBER_AFTER.match(text, token.end) is None
            )
        return (
            token.key in PLACE_AFTER
            and token.capitalised
            and previous is not None
            and previous.capitalised
            and adjacent(text, previous, token)
            and not self._in_lexicon(previous.folded)
            and previous.key not in ALL_STOPWORDS  # "Pour Ward : ..."
            and previous.key not in NAME_LEADS
            and NUMBER_AFTER.match(text, token.end) is None
        )

    def _paired(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        """After "en / et / and" and a name: "Met An en Jo", "MARIEKE EN SEVDA" (in capitals
        only after a name in capitals: "Sofie EN TEAM" is a team)."""
        token = tokens[i]
        if (
            i >= 1
            and not token.shouted
            and text[tokens[i - 1].end : token.start].strip(" ") == ","
            and (
                (listed_on(text, tokens, i) and not self._french_en(text, tokens, i + 1))
                # the last of two thanked: "thanks to marie, aylin" (not "merci marie, super")
                or (
                    led(text, tokens, i - 1, THANKS_LEADS)
                    and (
                        self._typed_lowercase(token, self._first)
                        or (token.capitalised and token.folded in self._first)
                    )
                )
            )
            and self._starts_name(text, tokens, i - 1, depth + 1)
        ):
            return True  # a list: "thanks to kasia, bilal and ines" (not "Gustaaf, bakte ...")
        if i >= 1 and signed_pair(text, tokens[i - 1], token):
            # "sam / lou", "sem + noah": a sign joins them (in capitals only a name in capitals
            # to a name: "SOFIE/ICU" is a ward)
            return (
                token.shouted == tokens[i - 1].shouted
                and (not token.shouted or self._shouted_name(token))
                and self._starts_name(text, tokens, i - 1, depth + 1)
            )
        c = i - 1  # the conjunction; "merci à oksana et à dmytro" has a small word after it
        if c >= 1 and tokens[c].key in LEAD_LINKS and tokens[c - 1].key in CONJUNCTIONS:
            c -= 1
        if c < 1 or tokens[c].key not in CONJUNCTIONS or self._french_en(text, tokens, c):
            return False
        if MENTION_BEFORE.search(text, max(0, tokens[c].start - 64), tokens[c].start):
            # "thx <@U07QX2M9K> en taras": a colleague credited, and another one (a listed
            # first name: "en stagiairs", "and physios" are not)
            return (token.capitalised or self._typed_lowercase(token, self._first)) and all(
                adjacent(text, tokens[k], tokens[k + 1]) for k in range(c, i)
            )
        if token.shouted and not (tokens[c - 1].shouted and self._shouted_name(token)):
            return False
        return (
            # "sofie 💛 en jan": an emoji between a name and "en" keeps the pair
            (
                adjacent(text, tokens[c - 1], tokens[c])
                or EMOJI_GAP.fullmatch(text, tokens[c - 1].end, tokens[c].start) is not None
            )
            and all(adjacent(text, tokens[k], tokens[k + 1]) for k in range(c, i))
            and self._starts_name(text, tokens, c - 1, depth + 1)
        )

    def _french_en(self, text: str, tokens: list[Token], c: int) -> bool:
        """ "en" at `c` in a French post, where it is a pronoun or a preposition, not "and":
        before anything but a listed first name ("mr Mertens en a redemandé", "Mme Fontaine,
        hospitalisée en urgence", "Anaïs en néonat"; Brussels still writes "merci à aylin en
        jan" there)."""
        return (
            c < len(tokens)
            and tokens[c].key == "en"
            and _language_of(text) is Language.FR
            and not (c + 1 < len(tokens) and tokens[c + 1].folded in self._first)
        )

    def _pair_follows(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        """ "en / et / and" and a capitalised name right after: "Hope and Precious", "Roos en
        Jef"."""
        other = pair_partner_at(text, tokens, i)
        return (
            other is not None
            and tokens[other].capitalised
            and self._starts_name(text, tokens, other, depth + 1)
        )

    def _pair_follows_lowercase(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        """ "en / et / and" or a sign and a name right after, in lower case: "sem" in "sem +
        noah die", "hamid" in "hamid and lieve from the laundry" (not a car, a song or a ward:
        "de fabia en zoe", "we played jolene and mandy")."""
        other = pair_partner_at(text, tokens, i)
        if other is None:
            return False
        if _a_thing_by_what_stands_before(text, tokens, i):
            return False  # "de fabia en zoe", "de kinderafdeling en Lowie"
        if other == i + 1 and tokens[i].folded not in self._first:
            return False  # "ards/ali": a sign joins words of no list too
        return self._starts_name(text, tokens, other, depth + 1)

    def _shouted_first_name(self, token: Token) -> bool:
        """A common first name in capitals in a message that is not: "MERCI NATHALIE !!!"."""
        return (
            len(token.core) >= 4
            and token.folded in self._common_first
            and self._only_a_name(token.key, token.folded)
        )

    def _shouted_before_surname(self, text: str, tokens: list[Token], i: int) -> bool:
        """A common first name in capitals, short ones too, right before a surname in capitals
        in a message that is not all capitals: "met LUC DE SMET", "avec ELS EL AMRANI", "JAN
        PEETERS", "JAN NOWAK". The surname is listed, or a word in no list (five letters or
        more after a name of three: "SAM MUAC", "ALI ARDS" are a score and a syndrome), alone
        or after its particles; nothing but a space between ("SAM, MUAC", "ALI/ARDS"); not a
        hospital named after someone ("AZ JAN PALFIJN")."""
        token = tokens[i]
        if not (
            len(token.core) >= 3
            and token.folded in self._common_first
            and self._only_a_name(token.key, token.folded)
            and not (i and tokens[i - 1].key in INSTITUTION_WORDS)
        ):
            return False
        k = i + 1
        while k < len(tokens) and (tokens[k].key in PARTICLES or tokens[k].key in ARABIC_PARTICLES):
            k += 1
        if k >= len(tokens) or k - i > MAX_PARTICLES + 1:
            return False
        if not all(
            tokens[n].shouted and text[tokens[n - 1].end : tokens[n].start] == " "
            for n in range(i + 1, k + 1)
        ):
            return False
        surname, joined = tokens[k], "".join(t.folded for t in tokens[i + 1 : k + 1])
        if (
            surname.folded in self._common_last
            or joined in self._last  # "DE SMET" is Desmet
            or APOSTROPHE_SURNAME.match(surname.core) is not None  # "O'BRIEN"
            or (surname.folded in self._last and not self._lowercase_word(surname.folded))
        ):
            return True
        # "JAN NOWAK": a word in no list (not "ELS DE SLEUTEL", "JAN DE VOLGENDE")
        return (
            len(surname.core) >= (5 if len(token.core) == 3 else 4)
            and not self._everyday(surname.folded)
            and not self._lowercase_word(surname.folded)
            and surname.folded not in self._network_words
            and self._no_stopword_nor_non_name(surname.key, surname.folded)
        )

    def _unknown_proper_noun(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        """A capitalised word not in any lexicon: a name unless it is a known non-name.

        Mid-sentence, capitalisation marks a proper noun. At the start of a sentence it says
        nothing, so there it needs more: a possessive (`Archie's`), or a conjunction and
        another capitalised word (`Kenza et Yanis`).
        """
        token = tokens[i]
        if len(token.core) < 3:
            # "Dankzij Vo", "Kudos Ng": a two-letter family name after thanks or company
            return (
                token.key in SHORT_FAMILY_NAMES
                and token.capitalised
                and led(text, tokens, i, NAME_LEADS)
            )
        if token.key in CALENDAR_FIRST_NAMES and (
            token.possessive
            or led(text, tokens, i, KIN_OF_A_CHILD)
            or (token.key not in ("noël", "noel") and acts_next(text, token))
        ):
            # "Mei's idea", "June's daughter": a month owns nothing; "sa fille Mai", "her
            # daughter June": nor is it anyone's child; "Mei brought dumplings": nor does it
            # bring anything (but "Noël a été magique")
            return True
        if token.folded in self._not_names or beside_its_product(text, token):
            return False  # "Lotus koekjes"
        if token.folded in self._towns and (
            to_a_place(text, tokens, i) or self._named_town(text, tokens, i, depth)
        ):
            # "kleinzoon in Dublin", "ze woont in Rumbeke", "vers Namur", "de markt van
            # Herentals"
            return False
        if token.key in NAME_LEADS and token.key not in PARTICLES and token.folded not in AMBIGUOUS:
            # "Dankzij Ahmadi ...", "super, Bravo Kabongo": thanks before a name is not its
            # first name; but Grâce and Grace are names too
            return False
        if token.key in ALL_STOPWORDS and token.key not in PARTICLES:
            return False  # "Plus belle la vie", "The Beatles": a capitalised stopword is none
        first, _, rest = token.core.partition("-")
        if rest[:1].islower() and fold(first) in self._not_names:
            return False  # "Nespresso-machine", "Kerst-concert"; not "Dieu-Merci", "Mei-Ling"
        if (token.key in SAINTS or (rest and first.casefold() in SAINTS)) and saints_place(
            text, tokens, i
        ):
            return False  # "Sint-Jan", "l'hôpital Saint-Luc": a hospital, a church, a feast
        before = max(0, token.start - 16)  # the letter, its dot and a few spaces, no further
        if token.key in ALL_STOPWORDS and AFTER_A_LETTER_AND_DOT.search(text, before, token.start):
            return False  # "blok C. Een pluim": the dot ended a sentence after all
        if "-" in token.core and token.core.split("-", 1)[0].isupper():
            return False  # "INSZ-nummer", "AZ-Voorbeeld": an acronym compound
        if STREET_NAME.search(token.key) or self._day_name(token.folded):
            return False  # "Kerkstraat", "Stationsplein"; "Wereldalzheimerdag", "Kerstmarkt"
        if not sentence_start(text, token.start) and not lettered(text, tokens, i - 1):
            # mid-sentence; "Plan B. Then ..." is a new sentence
            return not self._capitalised_word(text, tokens, i, depth)
        if token.possessive or APOSTROPHE_SURNAME.match(token.core):
            return True  # "Archie's", and "N'Diaye", "O'Brien" wherever they stand
        if role_follows(text, token) and token.key not in ALL_STOPWORDS:
            return True  # "Storm (stagiair) heeft ...", "Espérance (aide-soignante) a ..."
        if token.folded in self._names_also_words and (
            unit_follows(text, token) or acts_next(text, token)
        ):
            return True  # "Lucky from housekeeping found ...", "Aimé a passé la nuit"
        if any(token.key in words for words in STOPWORDS.values()):
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
            and following.key not in TITLES
            and following.key not in SAINTS  # "Campus St Vincent"
            and not following.core.split("-", 1)[0].isupper()
            and not date_word(text, following)  # "Since May 2026"
            and adjacent(text, token, following)
        ):
            return True  # "Zebedeus Quirinus ...": a first name and a surname
        if i + 2 < len(tokens):
            conjunction, other = tokens[i + 1], tokens[i + 2]
            return (
                conjunction.key in CONJUNCTIONS
                and other.capitalised
                and other.folded not in self._not_names
                and adjacent(text, token, conjunction)
                and adjacent(text, conjunction, other)
            )
        return False

    def _capitalised_word(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        """An everyday word capitalised after an article, as titles and labels are: "de nieuwe
        Checklist", "the new Protocol", "Het Protocol", "een Rollator", "l'Infirmière en chef";
        unless it stands where a name does. Without an article it stays a name: many surnames
        are everyday words ("Vandaag heeft Jaspers ...", "Aujourd'hui Pasteur a ...")."""
        return (
            after_an_article(text, tokens, i)
            and self._everyday_capitalised(tokens[i])
            and not self._stands_as_a_name(text, tokens, i, depth, NAME_LEADS)
        )

    def _named_town(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
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
            if k < 1 or lead.key not in PLACE_LEADS or not lead.core.islower():
                return False  # "Van Dessel is met pensioen": a capitalised particle
            if not (adjacent(text, lead, token) and adjacent(text, tokens[k - 1], lead)):
                return False
            k -= 1
        if tokens[k].key not in TOWN_NOUNS:
            return False
        # the lead is no name lead here: "van" leads to Herentals after "de burgemeester"
        return not self._stands_as_a_name(text, tokens, i, depth, NAME_LEADS - PLACE_LEADS)

    def _stands_as_a_name(
        self, text: str, tokens: list[Token], i: int, depth: int, leads: frozenset[str]
    ) -> bool:
        """Where names stand: after thanks, company or kin ("dankzij Hoop", "maman Bobo", "zijn
        dochter Bonheur", "vrijwilliger Jambon"), in a pair or a list of names ("Cheikh et
        Amadou", "Merci à : - Will"), before a service, a room or a role ("Rami du nettoyage",
        "Bonheur (aide-soignant)"), or beside a capitalised word that may be a name ("Lucky
        Mbala"; not "AZ Delta", "The Sound of Music")."""
        token = tokens[i]
        if (
            led(text, tokens, i, leads | KIN_NOUNS)
            or listed_after_thanks(text, token.start)
            or kin_of(text, tokens, i)
            or unit_follows(text, token)
            or room_follows(text, token)
            or role_follows(text, token)
            or self._paired(text, tokens, i, depth)
            or self._pair_follows(text, tokens, i, depth)
        ):
            return True
        before = tokens[i - 1] if i else None
        after = tokens[i + 1] if i + 1 < len(tokens) else None
        return any(
            other is not None
            and (other.capitalised or other.shouted)
            and adjacent(text, *((other, token) if other is before else (token, other)))
            and not self._everyday_capitalised(other)
            # "The Sound of Music", "La Bohème"; but "Espoir De Keyser": a particle after it
            and (other.key not in ALL_STOPWORDS or (other is after and other.key in PARTICLES))
            and not self._acronym(other)
            for other in (before, after)
        )

    def _acronym(self, token: Token) -> bool:
        """A short word in capitals that is no name: "AZ", "GZA", "CHU" (not "JAN", "LI")."""
        return (
            token.core.isupper()
            and 2 <= len(token.core) <= 4
            and not self._in_lexicon(token.folded)
            and token.key not in SHORT_FAMILY_NAMES
        )

    def _everyday_capitalised(self, token: Token) -> bool:
        """A capitalised word of four letters or more that the dictionaries write in lower case
        (or a compound of such words), and no name of any list: "Checklist", "Stichting",
        "Zorgeenheid"; not "Harold", "Min", nor "Beaumont" (frequent, but a place and a name)."""
        if token.possessive or len(token.core) < 4:
            return False
        parts = token.folded.split("-")
        if parts[0] in SAINTS:
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
            for ending in PLURALS_AND_DIMINUTIVES
        )

    def _day_name(self, folded: str) -> bool:
        """A feast, a day or a market: "Moederdag", "Offerfeest", "Kerstmarkt"; but a Turkish
        surname in -dağ typed without its breve ("Karadag", "Tasdag") is none: before "dag" a
        day's name has six letters or more (Vaderdag is in the non-names list)."""
        match = DAY_NAME.search(folded)
        if match is None:
            return False
        stem = folded[: match.start()]
        return match.group() != "dag" or len(stem) >= 6

    def _a_name_too(self, folded: str) -> bool:
        """In a list of names, or of names that are words too ("Bella", "Charlie")."""
        return self._in_lexicon(folded) or folded in self._names_also_words

    def _in_lexicon(self, key: str) -> bool:
        if key in self._first or key in self._last:
            return True
        parts = key.split("-")
        return len(parts) > 1 and all(p in self._first or p in self._last for p in parts)

    def _lowercase_name(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        """A name typed in lower case, as on a phone: "merci à sophie et julien", "dankzij jan
        peeters", "met lotte". Only a common first name that is not also a word, and only with a
        cue: thanks or company before it, a lower-case surname after it, or "en", "et", "and"
        and another such name."""
        token = tokens[i]
        if (
            i + 1 < len(tokens)
            and (tokens[i + 1].key in BEFORE_A_ROOM or tokens[i + 1].key[1:2].isdigit())
            and self._first_name_before_a_room(text, tokens, i)
            and room_follows(text, token)
        ):
            return True  # "pierre de la chambre 204", "bill on bed 6"
        # A list's item starts after a colon or a bullet; most words after one space.
        gap = text[tokens[i - 1].end : token.start] if i else text[: token.start]
        listed = gap != " " and listed_after_thanks(text, token.start)
        if token.key in NAMES_AFTER_THANKS and (
            listed or led(text, tokens, i, THANKS_LEADS) or self._paired(text, tokens, i, depth)
        ):
            return True  # "dank aan roos", "merci à sanaa et mercy": who thanks a rose?
        if token.key in SHORT_FIRST_NAMES and (
            self._short_pair_thanked(text, tokens, i)
            or (i >= 2 and self._short_pair_thanked(text, tokens, i - 2))
        ):
            return True  # "merci an en jo": a word alone ("an"), but not with thanks and a pair
        if (
            token.key in SHORT_FIRST_NAMES
            and act_together(text, token)
            and self._paired(text, tokens, i, depth)
        ):
            return True  # "els en mo hebben gezongen": beside a name, doing something with it
        if token.key in SHORT_FIRST_NAMES and led(text, tokens, i, THANKS_LEADS):
            end = THANKED_END.match(text, token.core_end)
            if end is not None and end.group("pair") is None:
                return True  # "thank u jo ❤️", "merci an !" (not "thanks an awful lot")
        if (token.key in WORDS_TOO or token.folded in self._common_first) and self._word_too_cued(
            text, tokens, i
        ):
            return True
        if right_after(text, tokens, i, ALIASES) and token.folded in self._first:
            return True  # "(alias pepe)": what everyone calls them (not "aka tetris")
        if self._word_too_thanked(text, tokens, i):
            return True  # "thanks will 🙏", "merci blanche pour", "shoutout to sue and guy"
        if (  # a name of some list (most words are none: the cheap question first) ...
            token.folded in self._first
            or token.folded in self._names_also_words
            or token.key in WORDS_TOO
        ) and (
            self._word_too_acting(text, tokens, i)  # "toon heeft de rolstoel"
            or self._word_too_addressed(text, tokens, i)  # "tkt pierre, t'as été solide"
            or self._first_name_seconded(text, tokens, i)  # "+1 dries is goud waard"
            or self._thanked_to_someone(text, tokens, i)  # "shoutout to divine who sang"
        ):
            return True
        if (
            i
            and after_a_sign_off(text, tokens, i)
            and token.key not in ALL_STOPWORDS  # "groetjes de nachtploeg"
            and token.key not in DETERMINERS  # "bisous mon doudou"
            and self._signs_briefly([token])
            # a name that is a word too only as the last word of its clause: "bisous marie, à
            # demain" (not "groetjes, ben morgen niet", "cheers, hope the night goes ok")
            and (
                WORD_AFTER.match(text, token.core_end) is None
                or not self._lowercase_word(token.folded)
            )
        ):
            return True  # "bisous aylin, à demain", wherever it stands, not only at the end
        if self._thanked_after_a_comma(text, tokens, i):
            return True  # "merci, sophie !", "dank je wel, lotte, voor alles", "Thanks, will!"
        if self._first_name_as_subject(text, tokens, i):
            return True  # "sanne heeft", "sami qui a ramené", "femke, you're super"
        if self._first_name_greeted(text, tokens, i):
            return True  # "yo oumaima", "well done yusuf", "bien joué imane"
        if self._first_name_uncapitalised(text, tokens, i):
            return True  # "kan iemand kaat bedanken?"
        if self._common_first_before_surname(text, tokens, i):
            return True  # "marie peeters", "jan kabongo"
        if not self._typed_lowercase(token, self._common_first):
            if token.folded in self._first and (
                role_follows(text, token) or self._role_follows_pair(text, tokens, i)
            ):
                return True  # "joy en sky (studenten ...)": first names that are words too
            if (
                token.folded in self._common_first
                and token.key not in ALL_STOPWORDS
                and token.key not in NOT_GREETED
                and (
                    led(text, tokens, i, THANKS_AND_GREETINGS)
                    or self._paired(text, tokens, i, depth)
                    or self._pair_follows_lowercase(text, tokens, i, depth)
                )
            ):
                return True  # "merci guy et freya", "hoi roger", "merci lien en claude"
            if (
                self._first_name_no_word(token, self._first)
                # not "de fabia en zoe", "onze poes milou en luna"
                and not _a_thing_by_what_stands_before(text, tokens, i)
                and self._pair_acting(text, tokens, i)
            ):
                return True  # "mirela et kevin ont fait des heures sup"
            if (
                right_after(text, tokens, i, KIN_NOUNS)
                and self._typed_lowercase(token, self._first)
                and not self._lowercase_word(token.folded)  # "de zoon over ...", "sa fille vit"
            ):
                return True  # "zijn dochter lotte", "her daughter ngozi": a listed first name
            if (
                i >= 1
                and tokens[i - 1].key in KIN_TITLES
                and adjacent(text, tokens[i - 1], token)
                and not (i >= 2 and tokens[i - 2].key in BEFORE_KIN_NOT_A_TITLE)
                and WORD_AFTER.match(text, token.core_end) is not None
                and not VERB_SHAPED.fullmatch(token.folded)
                and self._unknown_word(token)
            ):
                # kin as a title before a word in no list: "vr mama ngalula op kamer 9",
                # "maman mbala a fait"; only before more of the clause, not a verb, nor after a
                # possessive or an article ("haar mama facetimet", "sa maman trooop contente")
                return True
            if (
                right_after(text, tokens, i, OURS)
                and self._typed_lowercase(token, self._first)
                and not self._lowercase_word(token.folded)
            ):
                return True  # "onze grzegorz", "our ngozi"; not "notre brancardier"
            if (
                "ango" in text  # most posts name no mango: no regex
                and token.folded in self._first
                and not self._lowercase_word(token.folded)
                and given_a_mango(text, token)
            ):
                # a Mango moment given to a listed first name, this service's own thanks:
                # "mango for emeka 🥭" (not "mango for chutney", "mango voor stagiairs")
                return True
            # A rarer first name ("grzegorz", "bogdan") only right after thanks, or after
            # "et / and" and a name ("merci a grzegorz et bogdan").
            # The cue first: most lower-case words have none, and it is the cheaper question.
            return (
                led(text, tokens, i, THANKS_LEADS)
                or self._paired(text, tokens, i, depth)
                or self._pair_follows_lowercase(text, tokens, i, depth)  # "hamid and lieve"
                or listed
                # "nand van de keuken", "selam (stagiaire)", "grzegorz, onze stagiair"
                or who_they_are_follows(text, token)
            ) and (
                self._typed_lowercase(token, self._first)
                or self._unknown_word(token)
                # "dank aan peeters", "merci à dupont": a surname alone; a common one even
                # when it is a word too ("martens", "walker"), a rarer one only when it is
                # not (not "bakker")
                or self._typed_lowercase(token, self._common_last)
                or (
                    self._typed_lowercase(token, self._last)
                    and not self._lowercase_word(token.folded)
                )
            )
        if listed or led(text, tokens, i, NAME_OR_KIN_LEADS):
            return True  # "met lotte", "zijn zoon jens"
        if token.key not in LOWER_CASE_WORDS_TOO and (  # not "onze staf", "the mats, our ..."
            (right_after(text, tokens, i, OURS) and not self._lowercase_word(token.folded))
            or who_they_are_follows(text, token)
        ):
            # "ons tinneke" (not "our jade plant"), "els van de apotheek", "lowie (stagiair)",
            # "lowie, onze stagiair"
            return True
        if (
            i + 1 < len(tokens)
            and tokens[i + 1].core.islower()
            and adjacent(text, token, tokens[i + 1])
            and (
                sentence_start(text, token.start)
                or (token.key not in LOWER_CASE_WORDS_TOO and clause_start(text, tokens, i))
            )
        ):
            # "sarah spent her lunch break ...", and after a comma or "maar", "mais", "but":
            # "maar jelle bleef ...", "amai, jelle heeft" (not "en peter en meter", "and
            # dries out"): the subject, typed in lower case
            return True
        k = lowercase_particles_after(text, tokens, i, PARTICLES)  # "jan de smet"
        following = tokens[k] if k < len(tokens) else None
        if following is not None and adjacent(text, tokens[k - 1], following):
            if self._lowercase_surname(tokens[i + 1 : k], following):
                return True  # "jan peeters", "jan de smet"
        for conjunction, other in ((i + 1, i + 2), (i - 1, i - 2)):
            if (
                0 <= min(conjunction, other)
                and max(conjunction, other) < len(tokens)
                and tokens[conjunction].key in CONJUNCTIONS
                and (
                    self._typed_lowercase(tokens[other], self._common_first)
                    or (tokens[other].capitalised and tokens[other].folded in self._first)
                )
                and adjacent(text, tokens[min(i, other)], tokens[conjunction])
                and adjacent(text, tokens[conjunction], tokens[max(i, other)])
            ):
                return True  # "sophie et julien", "Nathalie et bernadette"
        return self._paired(text, tokens, i, depth)  # "bilal and ines", "kasia, ines"

    def _word_too_cued(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name that is a word too, in lower case, where only a person stands: after
        kin ("zijn vrouw lies", "sa fille claire"; not "her son will"), after "onze", "notre"
        ("onze joke"; not "our ward"), before its role ("pierre, notre brancardier", "roos
        (stagiair)") or its service or shift ("lies van de apotheek", "may from physio", "ward
        from nights"; not "the ward from nights"). `_lowercase_name` asks it only of the
        hand-made list and the common first names: the wider lists hold fruit ("appels en peren
        van de keuken")."""
        token = tokens[i]
        listed_word = token.key in WORDS_TOO and token.folded in self._first
        if listed_word and (
            (token.key not in NOT_AFTER_KIN and right_after(text, tokens, i, KIN_NOUNS))
            or right_after(text, tokens, i, OURS_BEFORE_A_WORD_TOO)
        ):
            return True
        if i and tokens[i - 1].key in ARTICLES:
            return False  # "the ward from nights"
        # the others only at a clause's start or after thanks: "may from physio", "remercier
        # marc, infirmier à domicile" (not "de hele staf, onze stagiairs")
        if not listed_word and not (
            sentence_start(text, token.start)
            or clause_start(text, tokens, i)
            or led(text, tokens, i, THANKS_LEADS)
            or right_after(text, tokens, i, CONJUNCTIONS)
        ):
            return False  # "soutien constant du service", "beautiful art from the paeds ward"
        return who_they_are_follows(text, token)

    def _word_too_addressed(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name that is a word too, in lower case, right after thanks, a greeting,
        "tkt" or "esp", before a comma and the one it is said to ("tkt pierre, t'as été
        solide", "merci rose, tu es top") or who they are ("esp dawn, who made the cake"); a
        common one before who they are wherever it stands ("trop chou marc qui a ramené"). Not
        a word where it stands ("c'est parfait, tu", "eh ben, t'as vu", "like i said, you",
        "to be frank, you", "notre chat milou, qui dort"), nor what thanks say to anyone
        ("thanks mate, you're")."""
        token = tokens[i]
        if not (
            (token.folded in self._first or token.key in WORDS_TOO)
            and token.core.islower()
            and len(token.core) >= 3
            and token.key not in NOT_THANKED
            and token.key not in NOT_SUBJECTS  # "ayo, who's got the keys"
            and self._no_stopword_nor_non_name(token.key, token.folded)
        ):
            return False
        after = ADDRESSED_AFTER.match(text, token.core_end)
        if after is None:
            return False
        if right_after(text, tokens, i, ADDRESSING):
            return True
        return (
            after.group("who") is not None
            and token.folded in self._common_first
            and not (i and tokens[i - 1].key in DETERMINERS)
        )

    def _word_too_thanked(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name that is a word too, in lower case right after thanks and before the end
        of the thanks: "thanks will 🙏", "merci espérance pour ton sourire", or before another
        first name ("merci lot en pien"); not "thanks, will do", "merci bien !", "ok merci
        parfait !", "thanks to yoga 🧘", "thanks a lot for"."""
        token = tokens[i]
        if token.key not in WORDS_TOO and token.folded not in self._names_also_words:
            return False
        end = THANKED_END.match(text, token.core_end)
        if end is None or not led(text, tokens, i, THANKS_LEADS):
            return False
        if end.group("pair") is None:  # only the hand-made list: "thanks to yoga 🧘" is no one
            return token.key in WORDS_TOO and token.key not in NOT_THANKED
        return self._first_name_paired(text, tokens, i)

    def _word_too_acting(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name that is a word too, in lower case, that starts a clause right before
        what it did: "toon heeft de rolstoel gerepareerd", "olivier a fait un spectacle", "mais
        rose a trouvé". In Dutch and French a noun does nothing without its article ("de toon",
        "la rose"). English lets one ("hope kept us going", "robin came back to the feeder"):
        there only before what a person does to something ("lol bill paid the bill", "joy held
        her hand"), and what causes not of the words that act bare (`BARE_ACTORS_EN`: "ivy
        covered the window"). The deed is one of the post's language (`DEED_IN`: not "a" typed
        for "à", "madeleine a l'orange"; not the English "met" in "roos met een briefje"; not
        the passive, "lien a été envoyé"). Not a surname that is a word ("bakker heeft
        bevestigd"), a robot or an assistant ("zora heeft de turnles gegeven"), a month or a
        ward; nor after a colon, where a list or a vote names things ("de bloemstukken: roos
        bleef het langst mooi")."""
        token = tokens[i]
        listed = token.folded in self._first
        if not (
            token.core.islower()
            and len(token.core) >= 3
            and (listed or token.key in WORDS_TOO)
            and token.key not in NOT_SUBJECTS
            and token.key not in CALENDAR_FIRST_NAMES
            and token.key not in PLACE_LABELS
            and self._no_stopword_nor_non_name(token.key, token.folded)
            and self._acts_first(text, tokens, i)
        ):
            return False
        if _language_of(text) is not Language.EN:
            return listed
        # "bill paid the bill", "will brought his guitar", "joy held her hand": a verb or a
        # thing does not; but "hope kept us going", "ivy covered the window", "guy fixed it"
        return token.key not in NEVER_BARE_EN and not (
            token.key in BARE_ACTORS_EN and CAUSED_EN.match(text, token.core_end) is not None
        )

    @staticmethod
    def _acts_first(text: str, tokens: list[Token], i: int) -> bool:
        """The word starts a clause right before what it did, in the post's language ("toon
        heeft", "et olivier a fait", "lol bill paid the"), and not after a colon."""
        token = tokens[i]
        if ANY_DEED.match(text, token.core_end) is None:
            return False  # most words: the post's language is not asked
        language = _language_of(text)
        if (
            language is None
            or language not in DEED_IN
            or DEED_IN[language].match(text, token.core_end) is None
        ):
            return False
        previous = tokens[i - 1] if i else None
        if language is Language.EN and previous is not None and previous.key in ("that", "this"):
            return False  # "and that joke kept him giggling": it points at a thing
        # only what stands between the word and the one before it: a long post is not
        # copied for each word
        gap = text[previous.end if previous is not None else 0 : token.start]
        return not gap.rstrip().endswith(":") and (
            sentence_start(text, token.start)
            or clause_start(text, tokens, i)
            or (
                previous is not None
                and (
                    previous.key == CONJUNCTION_IN[language]
                    or previous.key in CHAT_TAILS
                    or previous.key in INTERJECTIONS  # "amai roos heeft"
                )
                and adjacent(text, previous, token)
            )
        )

    def _first_name_seconded(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name in lower case after "+1" or "idem", as a reply seconds the thanks: one
        that is no everyday word in the post's language ("+1 lotte heeft"), or a common one
        that is a word too, before the end of the thanks ("+1 will 🙌", "+1 for grace,"; not
        "+1 will do", "+1 ben ik ook") or before what the reply says of them ("+1 dries is goud
        waard", in a post too short to tell its language)."""
        token = tokens[i]
        if not token.core.islower() or not SECONDED.search(
            text, max(0, token.start - 12), token.start
        ):
            return False
        if self._common_first_name_here(text, token):
            return True
        if token.key not in WORDS_TOO and token.folded not in self._common_first:
            return False
        if token.key in NOT_THANKED:
            return False
        end = THANKED_END.match(text, token.core_end)
        if end is not None and end.group("pair") is None:
            return True
        # "+1 dries is goud waard": a word in one other language only ("+1 patience is key",
        # "+1 toon was perfect" say what a word is)
        words_in = self._as_words.get(token.folded, frozenset())
        language = _language_of(text)
        return (
            IS_AFTER.match(text, token.core_end) is not None
            and token.key not in WORDS_TOO
            and len(words_in) == 1
            and language not in words_in
        )

    def _thanked_to_someone(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name in lower case between thanks addressed "to", "à" or "aan" and why or
        who: "big thanks to pierre for helping"; a name of the wider lists only before who or
        what they did for us ("shoutout to divine who sang", "merci à gloire de nous avoir
        ramené"; not "thanks to leonidas for the pralines", "merci à tous de", "thanks to
        yoga 🧘"), or before their service ("merci à gloire du transport interne"). Thanks "et
        à" someone after thanks earlier in the sentence count for a common first name or one of
        the hand-made list ("Merci à Nathalie pour ..., et à victoire pour le café"). Not kin, a
        saint or a robot ("merci à mamie qui", "thanks to santa who", "thanks to pepper who
        danced")."""
        token = tokens[i]
        if not (
            token.core.islower()
            and right_after(text, tokens, i, THANKED_TO)
            and token.key not in NOT_THANKED
            and token.key not in TITLES
            and token.key not in KIN_NOUNS
            and token.key not in SAINTS
            and token.key not in NOT_SUBJECTS
            and self._no_stopword_nor_non_name(token.key, token.folded)
        ):
            return False
        end = WHY_OR_WHO_AFTER.match(text, token.core_end)
        # "merci à gloire du transport interne": who they are says why as well
        belongs = end is None and who_they_are_follows(text, token)
        if end is None and not belongs:
            return False
        if not led(text, tokens, i - 1, THANKS_LEADS):
            # "..., et à victoire pour le café": only a common first name or one of the
            # hand-made list (not "et à milka pour le chocolat")
            return (
                token.folded in self._common_first or token.key in WORDS_TOO
            ) and _thanked_again(text, tokens, i - 1)
        if token.folded in self._first or token.key in WORDS_TOO:
            return True
        return token.folded in self._names_also_words and (
            belongs or (end is not None and end.group("person") is not None)
        )

    def _first_name_as_subject(self, text: str, tokens: list[Token], i: int) -> bool:
        """A listed first name that is no word, typed in lower case where chat puts a person:
        before what they did ("sanne heeft gewacht", "bogdan noticed", "thibault lui a
        montré"), before "qui", "die", "who" or the pronoun again ("sami qui a ramené", "nathan
        il a vu"), after "+1" ("+1 nathalie"); a common one also called at the start of a
        sentence ("femke, you're super", "julie! "). Not after an article, a saint, an
        institution or a royal ("de stella die", "la milka qui", "st luc a", "az monica
        heeft"), nor before another first name ("mark ahmed as off sick")."""
        token = tokens[i]
        if not self._typed_lowercase(token, self._first) or self._lowercase_word(token.folded):
            return False
        if token.key in NOT_SUBJECTS or (i and tokens[i - 1].key in NOT_A_SUBJECT):
            return False
        if SECONDED.search(text, max(0, token.start - 12), token.start):
            return True  # "+1 nathalie", "idem pour sandrine": a reply that seconds the thanks
        if ROLE_WITH_ARTICLE.match(text, token.core_end):
            return True  # "yassine le brancardier", "tom the porter"
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if nxt is not None and nxt.folded not in self._first:
            if acts_next(text, token) or SUBJECT_AFTER.match(text, token.core_end):
                return True
        return (
            token.folded in self._common_first
            and text[token.core_end : token.core_end + 1] in (",", "!")
            and sentence_start(text, token.start)
        )

    def _first_name_uncapitalised(self, text: str, tokens: list[Token], i: int) -> bool:
        """A common first name that is no word, typed in lower case anywhere, as chat has them:
        "kan iemand kaat bedanken?", "agnieszka sprak pools", "jelle? mathias?", and as a
        phone's keyboard leaves them when it capitalises only a sentence's first word ("Hoi
        allemaal, kaat heeft ..."). Only the curated list of names common here: the rarer
        ones of many languages hold devices, drinks, cars and songs ("evita", "savina",
        "fabia", "jolene"). Not a title, kin or a ward ("pepe", "nonna", "nicu"), nor after
        an article, a saint or an institution ("la luna", "az monica"; but the French "de" is
        "of": "la gentillesse de karim"), nor where one goes or a place's name ("vers sofia",
        "vleugel astrid"), nor a day before a time ("rdv sam a 10h", "sam soir"), nor a voice
        assistant or chat slang ("alexa", "ewa"), nor after a number, a possessive of things or
        the verb that plays a song ("deux gilles", "haar jasmine thee", "a chanté aline"), nor
        before a number ("diane 35")."""
        token = tokens[i]
        return (
            self._common_first_name_here(text, token)
            and token.key not in NOT_SUBJECTS
            and token.key not in TITLES
            and token.key not in KIN_NOUNS
            and token.key not in DOTTED_ABBREVIATIONS  # "thanks, nicu team"
            and token.key not in WARDS
            and not (i and tokens[i - 1].key in NOT_A_SUBJECT and not _french_of(text, tokens, i))
            and not (i and _counted_owned_or_played(tokens[i - 1]))
            and not NUMBER_AFTER.match(text, token.core_end)  # "diane 35": a model
            and not to_a_place(text, tokens, i)
            and not names_a_place(text, tokens, i)  # "vleugel astrid", "avenue louise"
            and not (token.key in CALENDAR_SHORT and TIME_AFTER.match(text, token.core_end))
            and not isinstance(text, LoweredCapitals)
        )

    def _common_first_name_here(self, text: str, token: Token) -> bool:
        """A common first name typed in lower case that is no everyday word in the post's
        language: "lotte heeft" and "ward was de held" in Dutch (words in French and in
        English), "thanks to pierre" in English; in a post whose language is unclear, one that
        is an everyday word in none of the three ("big up lotte": "lotte" is frequent only as a
        name). Not a word every chat borrows ("roger!", "sus")."""
        if self._first_name_no_word(token, self._common_first):
            return True
        key = token.folded
        if not (token.core.islower() and len(token.core) >= 3 and key in self._common_first):
            return False
        if key in BORROWED_WORDS or not self._no_stopword_nor_non_name(token.key, key):
            return False
        words_in = self._as_words.get(key, frozenset())
        language = _language_of(text)
        return language not in words_in if language is not None else not words_in

    def _first_name_greeted(self, text: str, tokens: list[Token], i: int) -> bool:
        """A listed first name that is no word, typed in lower case after a greeting or praise:
        "yo oumaima", "hoi grzegorz", "well done yusuf", "bien joué imane" (not "hey siri")."""
        token = tokens[i]
        return (
            led(text, tokens, i, GREETED_OR_PRAISED)  # most words: cheap no
            and self._first_name_no_word(token, self._first)
            and token.key not in NOT_SUBJECTS
        )

    def _first_name_paired(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name after "en / et / and" right after the word: "pien" in "lot en pien"."""
        other = pair_partner(text, tokens, i)
        return other is not None and (
            other.key in WORDS_TOO or self._typed_lowercase(other, self._common_first)
        )

    def _pair_acting(self, text: str, tokens: list[Token], i: int) -> bool:
        """A common first name after "en / et / and" right after the word, and what the two did
        after it: "kevin ont" in "mirela et kevin ont fait" (not "lucas en kevin" alone)."""
        other = pair_partner(text, tokens, i)
        return (
            other is not None
            and self._typed_lowercase(other, self._common_first)
            and act_together(text, other)
        )

    def _thanked_after_a_comma(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name in lower case after thanks or a greeting and a comma, before the end of
        the thanks: "merci, sophie !", "dank je wel, lotte, voor alles", "Thanks, will!",
        "merci pour tout, camille". Only a listed first name that is no word, or one of the
        hand-made list of those that are: after a comma anything may follow ("merci, impec !",
        "thanks, hope that helps", "hoi, roos of tulpen?", "tnx, kga morgen kijken", "merci,
        usi prévenue")."""
        token = tokens[i]
        if i == 0 or token.key in NOT_THANKED:
            return False
        listed = self._typed_lowercase(token, self._first)
        if not (listed or token.key in WORDS_TOO):
            return False
        if not COMMA_GAP.fullmatch(text, tokens[i - 1].end, token.start):
            return False
        k = i - 1  # "merci beaucoup, sophie", "merci pour tout, camille"
        while (
            k > 0
            and i - 1 - k < MAX_LINKS
            and tokens[k].key not in COMMA_LEADS
            and tokens[k].key in COMMA_LINKS
            and adjacent(text, tokens[k - 1], tokens[k])
        ):
            k -= 1
        if tokens[k].key not in COMMA_LEADS:
            return False
        end = THANKED_END.match(text, token.core_end)
        if end is None:
            return False
        if end.group("pair") is not None:
            return self._first_name_paired(text, tokens, i)
        # A word too ends the thanks only at a mark: "Thanks, will!"; not "merci, bas de
        # contention posés", "thanks, will for sure".
        return listed or not end.group().strip()[:1].isalpha()

    def _thanked_surname(self, text: str, tokens: list[Token], i: int, nxt: Token) -> bool:
        """A surname that is a word too, in lower case after a first name after thanks: "merci
        louise visser", "thanks danielle bakker for everything"."""
        return (
            nxt.core.islower()
            and nxt.folded in self._last
            and nxt.key not in ALL_STOPWORDS
            and nxt.key not in LEAD_LINKS
            and led(text, tokens, i, THANKS_LEADS)
        )

    def _common_first_before_surname(self, text: str, tokens: list[Token], i: int) -> bool:
        """A common first name, a word too or not, typed in lower case right before a listed
        surname that is no word, its particles between: "marie peeters", "jan el amrani". Not
        a word in no list: after a first name that is a word, drugs, dialect and slang are
        ("frank haematuria", "ben efkes", "hope thickener")."""
        token = tokens[i]
        if (
            i + 1 >= len(tokens)
            or token.folded not in self._common_first
            or not token.core.islower()
            or token.key in ALL_STOPWORDS
            or token.key in ARABIC_PARTICLES  # "ben salah"
            or (i and tokens[i - 1].key in NOT_A_SUBJECT)  # "la rose trémière"
        ):
            return False
        k = lowercase_particles_after(text, tokens, i, PARTICLES | ARABIC_PARTICLES)
        if k == len(tokens) or not adjacent(text, tokens[k - 1], tokens[k]):
            return False
        nxt, particles = tokens[k], tokens[i + 1 : k]
        if self._lowercase_word(nxt.folded):
            return False
        if particles:  # "inge van acker": after "van", a word in no list too
            return self._lowercase_surname(particles, nxt) or (
                particles[0].key in VAN and self._surname_after_van(nxt)
            )
        return self._elided_surname(nxt) or self._typed_lowercase(nxt, self._common_last)

    def _surname_after_van(self, token: Token) -> bool:
        """A word in no list after "van" that is no department or hospital: "acker" in "inge
        van acker"; not "van logopedie", "van dietetiek", "van azdelta" (where someone
        works)."""
        return (
            self._unknown_surname(token)
            and not token.folded.endswith(("ie", "iek"))
            and not token.folded.startswith(("az", "uz"))
        )

    def _elided_surname(self, token: Token) -> bool:
        """A surname after an elided particle, typed in lower case: "n'diaye", "o'brien",
        "d'hondt"; not "n'est", "d'accord" (the rest is a word)."""
        elided = ELIDED_SURNAME.fullmatch(token.core)
        return elided is not None and not self._lowercase_word(fold(elided.group(1)))

    def _unknown_surname(self, token: Token) -> bool:
        """A word in no list of five letters or more, as a surname typed in lower case after a
        name found already: "luc nowak", "Naam: kabongo". Not a word drawn out, a compound, a
        plural or a French contraction ("suuuper", "petit-fils", "valmatten", "jvais"), nor chat
        ("innit", "askip")."""
        return (
            len(token.core) >= 5
            and token.core.isalpha()
            and DRAWN_OUT.search(token.core) is None
            and CONTRACTED_JE.match(token.core) is None
            and token.key not in CHAT_TAILS
            and not self._lowercase_word(token.folded)
            and self._unknown_word(token)
        )

    def _short_pair_thanked(self, text: str, tokens: list[Token], i: int) -> bool:
        """The first of two first names after thanks, the first a short one: "an" in "merci an
        en jo" (not "thanks an awful lot")."""
        other = pair_partner(text, tokens, i)
        return (
            other is not None
            and (other.key in SHORT_FIRST_NAMES or self._typed_lowercase(other, self._first))
            and led(text, tokens, i, THANKS_LEADS)
        )

    def _role_follows_pair(self, text: str, tokens: list[Token], i: int) -> bool:
        """The first of two first names with their role in brackets after the second: "joy"
        in "joy en sky (studenten van ...)"."""
        other = pair_partner(text, tokens, i)
        return other is not None and other.folded in self._first and role_follows(text, other)

    def _first_name_before_a_room(self, text: str, tokens: list[Token], i: int) -> bool:
        """A first name, even one that is a word too ("pierre", "bill"), but not a verb after a
        pronoun ("ik ben van kamer 12 ...")."""
        token = tokens[i]
        return (
            len(token.core) >= 3
            and (
                (token.folded in self._first and token.key not in WORDS_TOO)
                # a word too only at the start ("bill on bed 6"; not "pressure mark on bed 4")
                or (token.key in WORDS_TOO and sentence_start(text, token.start))
            )
            and token.key not in ALL_STOPWORDS
            and (i == 0 or tokens[i - 1].key not in PRONOUNS)
        )

    def _hyphened_thing(self, token: Token) -> bool:
        """A thing written with a hyphen: an everyday word and a lower-case one
        ("Handhygiëne-audit"), or any word and a care word of an eponym ("Braden-score",
        "Foley-wissel", "Trendelenburg-houding"); but not "Marie-claire", "Abdel-kader", nor a
        double surname typed on a phone ("Peeters-koning"). (Not "Saint-Luc" either:
        "Saint-Fleur" is someone.)"""
        parts = token.core.split("-")
        first, last = fold(parts[0]), parts[-1]
        folded = fold(last)
        if not (len(last) >= 4 and last.islower()) or folded in self._first:
            return False
        if folded in EPONYM_HEADS:
            return first not in self._first
        return (
            self._lowercase_word(folded)
            and folded not in self._last
            and self._plain_word(first)  # no listed name either: "Peeters-koning"
        )

    def _only_a_word(self, token: Token) -> bool:
        """An everyday word or a known non-name, and no first name or surname of the lists."""
        folded = token.folded
        return (
            folded not in self._first
            and folded not in self._last
            and (self._everyday(folded) or folded in self._not_names)
        )

    def _arabic_particle_first(self, text: str, tokens: list[Token], i: int) -> bool:
        """A surname that starts with an Arabic or Berber particle, typed in lower case: "ait
        ouali", "el amrani", "ben salah" (the particle and a name or a word in no list)."""
        token = tokens[i]
        if not (token.key in ARABIC_PARTICLES and token.core.islower() and i + 1 < len(tokens)):
            return False
        nxt = tokens[i + 1]
        return (
            nxt.core.islower()
            and adjacent(text, token, nxt)
            and nxt.key not in ALL_STOPWORDS
            and (
                self._unknown_word(nxt)
                or self._typed_lowercase(nxt, self._last)
                or self._typed_lowercase(nxt, self._first)
            )
        )

    def _lowercase_surname(self, particles: list[Token], token: Token) -> bool:
        """A surname typed in lower case, after its particles: "peeters", "de smet" (Desmet is
        in the lexicon, Smet is not), "van damme", "van den broeck"."""
        if self._typed_lowercase(token, self._last):
            return True
        if not particles or not token.core.islower():
            return False
        joined = "".join(p.folded for p in particles) + token.folded
        if joined in self._last and token.key not in ALL_STOPWORDS:
            return True
        # "ilse van den broeck", "sarah van der veken": two particles before a word of five
        # letters or more in no list (not "lotte van de keuken", "van den paaz", "van den uzg",
        # "van den dagcentrum")
        return (
            len(particles) >= 2
            and particles[-1].key != "de"
            and len(token.core) >= 5
            and self._unknown_word(token)
            and not self._lowercase_word(token.folded)
        )

    def _place_or_word_surname(self, text: str, tokens: list[Token], title: int, k: int) -> bool:
        """After an honorific at `title` and any particles, a surname typed in lower case at `k`
        that the surname lists leave out: a town ("mme namur", "mevr van aalst", "meneer van
        hamme", "mrs de la croix"; not after particles where an article makes the town where
        they are from, "de meneer van brussel", "le docteur de namur"), or a name that is a
        frequent word too ("meneer ahmadi", "Herr kessler"). Alone after the title, a town or a
        name that is also an everyday word only where what they did or their room follows
        ("monsieur lens a fait", "mrs rose in bed 7", "mevr mol van k. 3"; not "meneer halen
        aan de lift", "mevrouw geel geverfd", "meneer ging, ...", "Doctor said yes", "madame
        chante toujours")."""
        token = tokens[k]
        if not (
            token.core.isalpha()
            and token.core.islower()
            and len(token.core) >= 3
            and token.key not in ALL_STOPWORDS
            and token.key not in NOT_AFTER_KIN  # "Doctor said yes"
        ):
            return False
        if token.folded in self._towns and k > title + 1:
            return not (title >= 1 and tokens[title - 1].key in DETERMINERS)
        return (token.folded in self._towns or token.folded in self._names_also_words) and (
            not self._lowercase_word(token.folded)  # "namur", "ahmadi", "kessler"
            or acts_next(text, token)  # "monsieur lens a fait"
            or room_follows(text, token)
        )

    def _surname_after_title(self, token: Token) -> bool:
        """After an honorific and its particles, a lower-case word of five letters or more that
        the word lists hold only with a capital: "monsieur van den bossche" (not "mevrouw van
        de keuken", "meneer van den ocmw", "meneer de brancardier", "mevrouw van de
        mutualiteit", words of no list; nor after "patiënt", "résident": "per patiënt de
        lievelingsmuziek")."""
        return (
            token.core.isalpha()
            and token.core.islower()
            and len(token.core) >= 5
            and token.folded in self._words
            and not self._lowercase_word(token.folded)
            and self._no_stopword_nor_non_name(token.key, token.folded)
            and token.key not in WARDS
            and token.key not in INSTITUTION_WORDS
        )

    def _no_word(self, token: Token) -> bool:
        """A capitalised word in no list of everyday words, nor a part of it: "Kabeya", not
        "C'était", "Checklist", "Shoutout" nor "TOPdesk" (capitals inside: a brand, or a name
        the other rules read)."""
        if token.key in THANKS_LEADS or not all(
            part[1:].islower() for part in token.core.split("-")
        ):
            return False
        if IDENTIFIER_WORDS.fullmatch(token.core):
            return False  # "Dossiernummer staat op de map": the review rule must still see it
        word = name_shaped(token)  # "c'était" is "etait"
        if word is None or len(word) < 3 or word in ALL_STOPWORDS:
            return False
        parts = word.split("-")
        if len(parts) > 1 and parts[0] not in SAINTS:
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
        for ending in DIMINUTIVES:  # of a word of five letters or more: not "Reintjes"
            stem = folded[: -len(ending)]
            if folded.endswith(ending) and len(stem) >= 5 and self._plain_word(stem):
                return True
        if not folded.endswith(self._heads):
            return False
        for head in self._heads:
            if folded.endswith(head):
                rest = folded[: -len(head)]
                for link in COMPOUND_LINKS:  # "familie|avond", "weekend|s|ploeg"
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
        if len(folded) > LONGEST_COMPOUND:
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
        for link in COMPOUND_LINKS:
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
            and folded not in PARTICLES
        )

    def _unknown_word(self, token: Token) -> bool:
        """A lower-case word in no list of names or of everyday words: "kowalczyk", "pemba".
        (A typo is one too: redacting "iedreen" is safe.)"""
        if not (token.core.islower() and len(token.core) >= 3):
            return False
        if token.unknown is None:  # asked again and again in a list: "en okafor en ..."
            word = name_shaped(token)  # "n'diaye" is "diaye"; "l'équipe" is a word
            token.unknown = (
                word is not None
                and len(word) >= 2  # "et l'y a accompagnée"
                and word not in ALL_STOPWORDS  # "monsieur l'a insulté"; not "madame n'da"
                and not self._everyday(word)
                and ROLE_WORD.fullmatch(word) is None  # "aide-soignante", in no word list
                and self._only_a_name(token.key, token.folded)
            )
        return token.unknown

    def _typed_lowercase(self, token: Token, lexicon: frozenset[str]) -> bool:
        """A lower-case word of `lexicon` (common first names, surnames) that is not also an
        everyday word, a stopword, a particle or a known non-name."""
        if not (token.core.islower() and len(token.core) >= 3):
            return False
        parts = token.folded.split("-")  # "jean-pierre", "marie-claire"
        return (
            token.folded in lexicon or (len(parts) > 1 and all(p in lexicon for p in parts))
        ) and self._only_a_name(token.key, token.folded)

    def _shouted_surname_before(self, text: str, tokens: list[Token], i: int, first: int) -> bool:
        """An all-caps word right before a known first name: "PEETERS Maria", "DUPONT Jeanne"."""
        if i <= first or not tokens[i].capitalised or tokens[i].folded not in self._first:
            return False
        before = tokens[i - 1]
        return (
            before.shouted
            and len(before.core) > 2
            and self._shouted_name(before)
            and adjacent(text, before, tokens[i])
        )

    def _calendar_first_name_before(
        self, text: str, tokens: list[Token], i: int, first: int
    ) -> bool:
        """A month or feast that is a first name right before a surname: "June Okafor", "Noël
        Martin", "Noël De Smet" (but "in June Sofie was there": a first name that is no
        surname after it says the month is a month)."""
        name = tokens[i]
        if i <= first or not (name.capitalised or name.key in PARTICLES):
            return False
        before = tokens[i - 1]
        if (
            name.folded in self._common_first
            and name.folded not in self._last
            and before.key not in CALENDAR_DOUBLE_NAMES
        ):
            return False
        return (
            before.capitalised
            and before.key in CALENDAR_FIRST_NAMES
            and adjacent(text, before, tokens[i])
        )

    def _shouted_after_particles(self, text: str, tokens: list[Token], i: int) -> bool:
        """A surname in capitals after its particles in capitals, after thanks or a title."""
        k = i
        while (
            k > max(0, i - MAX_PARTICLES)
            and tokens[k - 1].shouted
            and (tokens[k - 1].key in PARTICLES or tokens[k - 1].key in ARABIC_PARTICLES)
            and adjacent(text, tokens[k - 1], tokens[k])
        ):
            k -= 1
        token = tokens[i]
        if k == i or token.key in PARTICLES or not self._shouted_name(token):
            return False
        if k > 0 and title_before(text, tokens[k - 1], tokens[k]):
            return True
        # After thanks: a particle that is no article ("MERCI À VANDEN BOSSCHE"), or none that
        # French writes after "à" ("MERCI À LE ROY", "À DU BOIS"); or a known surname, with its
        # particles too, or a word in no list, after one that is ("DANK AAN DE SMET", "MERCI À
        # DE BRUYNE"; not "DANK AAN DE NACHTPLOEG").
        particles = tokens[k:i]
        return (
            any(t.key not in ARTICLES for t in particles)
            or (k > 0 and tokens[k - 1].key in ("à", "a") and self._not_after_a(particles))
            or self._in_lexicon(token.folded)
            or "".join(t.folded for t in particles) + token.folded in self._last
            or self._shouted_unknown(token)
        ) and (led(text, tokens, k, THANKS_LEADS) or self._thanked_before_and(text, tokens, k))

    @staticmethod
    def _not_after_a(particles: list[Token]) -> bool:
        """Particles that French never writes after "à" but in a name: "À LE ROY", "À DU BOIS"
        (it writes "au", "du"), and "À DE LA CROIX" (it writes "à la"; but "à de nombreux")."""
        keys = [t.key for t in particles]
        return keys[0] in NOT_AFTER_A or keys[:2] == ["de", "la"]

    def _thanked_before_and(self, text: str, tokens: list[Token], k: int) -> bool:
        """Thanks, a name in capitals and "ET / EN / AND" before the word at `k`: the second
        surname of "MERCI À DUBOIS ET LE ROY"."""
        c = k - 1  # the conjunction; "MERCI À DUBOIS ET À LE ROY" has a small word after it
        if c >= 2 and tokens[c].key in LEAD_LINKS and tokens[c - 1].key in CONJUNCTIONS:
            c -= 1
        if (
            c < 1
            or tokens[c].key not in CONJUNCTIONS
            or not all(adjacent(text, tokens[n], tokens[n + 1]) for n in range(c, k))
        ):
            return False
        m = c  # back over the first name's words, to the thanks
        while (
            m > 0
            and c - m < MAX_NAME_WORDS
            and tokens[m - 1].shouted
            and tokens[m - 1].key not in THANKS_LEADS
            and tokens[m - 1].key not in LEAD_LINKS
            and adjacent(text, tokens[m - 1], tokens[m])
        ):
            m -= 1
        return any(self._shouted_name(t) for t in tokens[m:c]) and led(
            text, tokens, m, THANKS_LEADS
        )

    def _initials_named(self, text: str, tokens: list[Token], i: int, depth: int) -> bool:
        """Where the initials of a double first name stand for someone: after thanks or
        company ("merci à JF", "avec JP"), beside another name ("JP et M.-C.", "Sophie et JP"),
        before a deed, a service or a role ("JP a apporté", "JC du brancardage", "JP, notre
        brancardier")."""
        token = tokens[i]
        c = i - 1  # "merci à Sophie et JP": `_paired` asks a shouted word for a shouted pair
        return (
            led(text, tokens, i, NAME_LEADS)
            or (
                c >= 1
                and tokens[c].key in CONJUNCTIONS
                and adjacent(text, tokens[c - 1], tokens[c])
                and adjacent(text, tokens[c], token)
                and self._starts_name(text, tokens, c - 1, depth + 1)
            )
            or (  # initials are no capitalised word, as `_pair_follows` asks
                (other := pair_partner_at(text, tokens, i)) is not None
                and self._starts_name(text, tokens, other, depth + 1)
            )
            or acts_next(text, token)
            or who_they_are_follows(text, token)
        )

    def _shouted_unknown(self, token: Token) -> bool:
        """A word in capitals that is in no list of names or of words: "MARICEL"."""
        word = name_shaped(token)
        return (
            word is not None
            and len(word) >= 3
            and word not in ALL_STOPWORDS
            and token.key not in THANKS_LEADS
            and IDENTIFIER_WORDS.fullmatch(token.core) is None
            and not self._everyday(word)
            and self._only_a_name(token.key, token.folded)
        )

    def _shouted_name(self, token: Token) -> bool:
        """An all-caps word that can be a name after a title: not INSZ, AZ, OP or KAMER."""
        if token.key in SHORT_FIRST_NAMES or self._in_lexicon(token.folded):
            return token.key not in PARTICLES
        return (
            len(token.core) > 2
            and token.key not in ALL_STOPWORDS
            and token.key not in TITLES
            and token.key not in NOT_NAMES
            and token.folded not in self._not_names
            and IDENTIFIER_WORDS.fullmatch(token.core) is None
        )

    def _extend(self, text: str, tokens: list[Token], i: int, *, capitals: bool = False) -> int:
        """Index of the last token of the name starting at `i` (surnames, particles)."""
        # In a message all in capitals, every word is: a title says nothing about the next ones.
        titled = not capitals and i > 0 and title_before(text, tokens[i - 1], tokens[i])
        if self._arabic_particle_first(text, tokens, i):
            return i + 1  # "ait ouali"
        j = i
        while j + 1 < len(tokens) and tokens[j].core == tokens[j].text and j - i < MAX_NAME_WORDS:
            k = j + 1
            if not adjacent(text, tokens[j], tokens[k], allow_dot=len(tokens[j].text) == 1):
                break
            if (
                j == i
                and not tokens[i].shouted
                and self._arabic_particle_first(text, tokens, k)
                # "ben" and "al" are Dutch too: only before a listed surname ("amina ben suuuper
                # trots", "Sarah al belrai gedaan?")
                and (
                    tokens[k].key not in ("ben", "al")
                    or self._typed_lowercase(tokens[k + 1], self._last)
                )
            ):
                j = k + 1  # "fatima el amrani", "Hamza el khatib": the surname in lower case
                continue
            if (
                tokens[k].key in ARABIC_PARTICLES
                and tokens[k].shouted
                and k + 1 < len(tokens)
                and tokens[k + 1].shouted
                and adjacent(text, tokens[k], tokens[k + 1])
                and self._shouted_name(tokens[k + 1])
                # a name, or no everyday word of five letters or more: not "Sofie BEN BLIJ",
                # "Katrien AL ECG"; after "AL" ("already" in Dutch) only a listed one
                and (
                    self._in_lexicon(tokens[k + 1].folded)
                    or (
                        tokens[k].key != "al"
                        and len(tokens[k + 1].core) >= 5
                        and not self._lowercase_word(tokens[k + 1].folded)
                    )
                )
            ):
                j = k + 1  # "Fatima EL AMRANI", "Youssef BEN SALAH": the surname in capitals
                continue
            while (
                k < len(tokens)
                and tokens[k].key in PARTICLES
                and not tokens[k].capitalised
                and adjacent(text, tokens[k - 1], tokens[k])
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
                    or tokens[k - 1].key in PARTICLES
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
                tokens[k - 1].key in PARTICLES
                and k - 1 >= i
                and not (nxt is not None and nxt.key in WARDS and not tokens[k - 1].capitalised)
            )
            # "jan peeters": a name typed in lower case goes on with a lower-case surname; so
            # does one that starts with its particles ("mevr de smet").
            particles = tokens[j + 1 : k]
            if all(t.key in PARTICLES for t in tokens[i : j + 1]):
                particles = tokens[i:k]
            lowercase_part = (
                nxt is not None
                # "mnr. Van damme": the title's particles may be capitalised
                and (tokens[i].core.islower() or (titled and tokens[i].key in PARTICLES))
                and (
                    self._lowercase_surname(particles, nxt)
                    or (j == i and k == i + 1 and self._thanked_surname(text, tokens, i, nxt))
                    # "luc nowak", "julie n'diaye", "inge van acker": after a common first
                    # name typed so, a word in no list, after "van" too (not "yassine le
                    # brancardier")
                    or (
                        j == i
                        and tokens[i].folded in self._common_first
                        and (
                            (k == i + 1 and self._elided_surname(nxt))
                            or (k == i + 1 and self._unknown_surname(nxt))
                            or (tokens[i + 1].key in VAN and self._surname_after_van(nxt))
                        )
                    )
                    or (
                        titled
                        and particles == tokens[i:k]
                        and (
                            _after_van_der(particles, nxt)
                            or (
                                tokens[i - 1].key in HONORIFICS
                                and (
                                    self._surname_after_title(nxt)
                                    or self._place_or_word_surname(text, tokens, i - 1, k)
                                )
                            )
                        )
                    )
                )
            )
            if (
                nxt is None
                or not (
                    nxt.capitalised
                    or shouted_part
                    or lowercase_part
                    or glued_initials(text, tokens[k - 1], nxt)  # "K.D."
                )
                or (
                    (nxt.key in NOT_NAMES or nxt.folded in self._not_names)
                    and not surname_next
                    and not after_particle
                )
                or nxt.key in TITLES
                or not adjacent(text, tokens[k - 1], nxt, allow_dot=len(tokens[k - 1].text) == 1)
            ):
                # Capitalised particles ("Van", "De") followed by a surname are inside the name.
                break
            j = k
        return j
