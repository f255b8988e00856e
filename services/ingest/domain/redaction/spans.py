"""What the redactor finds and returns: typed spans, and the placeholders they become."""

from dataclasses import dataclass, field

from schemas.events import EntityType, Language

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
