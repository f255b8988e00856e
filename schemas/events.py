"""Events on the Kafka topics, version 1.

Consumers are tolerant readers (unknown fields are ignored) so that adding an optional field is
not a breaking change; removing or retyping one is, and gets a new `.v2` topic.
"""

import uuid
from enum import StrEnum
from typing import Annotated

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, HttpUrl, model_validator

MAX_TEXT_CHARS = 4000
MAX_TITLE_CHARS = 200
MAX_TAGS = 10

ISO_WEEK_PATTERN = r"^\d{4}-W(0[1-9]|[1-4]\d|5[0-3])$"


class Platform(StrEnum):
    SLACK = "slack"
    TEAMS = "teams"
    WEB = "web"
    API = "api"


class DeliveryPlatform(StrEnum):
    SLACK = "slack"
    TEAMS = "teams"
    WALL = "wall"


class TeamType(StrEnum):
    ONCOLOGY = "oncology"
    NON_ONCOLOGY = "non_oncology"


class Kind(StrEnum):
    MOMENT = "moment"
    GOOD_PRACTICE = "good_practice"


class Beneficiary(StrEnum):
    PATIENT = "patient"
    LOVED_ONE = "loved_one"
    COLLEAGUE = "colleague"
    OTHER = "other"


class Language(StrEnum):
    NL = "nl"
    FR = "fr"
    EN = "en"


class EntityType(StrEnum):
    """Kinds of personal data that ingest redacts before anything is stored or published."""

    NATIONAL_NUMBER = "national_number"
    PHONE = "phone"
    EMAIL = "email"
    DATE_OF_BIRTH = "date_of_birth"
    ROOM = "room"
    NAME = "name"


class DigestAudience(StrEnum):
    BOARD = "board"
    PARTNERS = "partners"


class Event(BaseModel):
    """Base of every event: immutable, tolerant of fields added later."""

    model_config = ConfigDict(frozen=True, extra="ignore", str_strip_whitespace=True)


Tag = Annotated[str, Field(min_length=1, max_length=40, pattern=r"^[\w-]+$")]


class Author(Event):
    display_name: str | None = Field(
        default=None, max_length=120, description="None when the author posted anonymously."
    )
    ref: str = Field(
        min_length=8,
        max_length=64,
        description="Pseudonymous reference: keyed hash of the platform user id.",
    )


class Source(Event):
    platform: Platform
    reference: str = Field(
        min_length=1,
        max_length=300,
        description="The platform's own reference of the post (e.g. workspace/channel/ts).",
    )
    permalink: HttpUrl | None = None


class Sharing(Event):
    external: bool = Field(
        default=False, description="The author consented to share with external partners."
    )
    consent_version: str | None = Field(
        default=None, max_length=40, description="Version of the consent text the author saw."
    )

    @model_validator(mode="after")
    def _consent_has_a_version(self) -> "Sharing":
        if self.external and not self.consent_version:
            raise ValueError("external sharing needs the version of the consent text")
        return self


class Privacy(Event):
    redactions: dict[EntityType, Annotated[int, Field(ge=0)]] = Field(
        default_factory=dict, description="How many spans of each type were redacted (no values)."
    )
    needs_review: bool = Field(
        default=False, description="Still looks risky after redaction: ambassador only."
    )


class MomentPosted(Event):
    """A moment or good practice, already redacted, as accepted by ingest."""

    event_id: uuid.UUID = Field(description="Derived from the source's own id (see ids.py).")
    occurred_at: AwareDatetime
    organisation_id: str = Field(min_length=1, max_length=64)
    department_id: str = Field(min_length=1, max_length=64)
    team_type: TeamType
    kind: Kind
    beneficiary: Beneficiary
    title: str | None = Field(default=None, max_length=MAX_TITLE_CHARS)
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    language: Language
    author: Author
    source: Source
    sharing: Sharing = Field(default_factory=Sharing)
    privacy: Privacy = Field(default_factory=Privacy)
    tags: tuple[Tag, ...] = Field(default=(), max_length=MAX_TAGS)


class MomentDelivered(Event):
    """Where a moment was posted: for links in digests and for erasure on request."""

    event_id: uuid.UUID
    organisation_id: str = Field(min_length=1, max_length=64)
    destination: str = Field(
        min_length=1, max_length=200, description="e.g. slack:C0123, teams:<secret>, wall:org/dept"
    )
    platform: DeliveryPlatform
    message_ref: str = Field(
        min_length=1, max_length=300, description="Platform message id (Slack ts)."
    )
    permalink: HttpUrl | None = None
    delivered_at: AwareDatetime


class DigestSent(Event):
    organisation_id: str = Field(min_length=1, max_length=64)
    audience: DigestAudience
    iso_week: str = Field(pattern=ISO_WEEK_PATTERN, description="e.g. 2026-W47")
    recipient_count: int = Field(ge=0)
    sent_at: AwareDatetime


EVENTS: tuple[type[Event], ...] = (MomentPosted, MomentDelivered, DigestSent)
