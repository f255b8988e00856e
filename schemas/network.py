"""The network file: organisations, departments, channel mappings, destinations and digests.

`parse_network(data)` is the one way to turn loaded YAML into a `Network`: it checks the shape
(pydantic) and then the cross-references (unknown departments, duplicate ids and mappings), and
reports every problem with its path, e.g. `organisations[1].departments[2].team_type`.
"""

import datetime as dt
import zoneinfo
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from schemas.events import DigestAudience, Language, TeamType

Slug = Annotated[str, Field(min_length=1, max_length=64, pattern=r"^[a-z0-9][a-z0-9_-]*$")]
SecretName = Annotated[str, Field(min_length=1, max_length=128, pattern=r"^[A-Za-z0-9_.-]+$")]
Email = Annotated[str, Field(max_length=254, pattern=r"^[^@\s<>,;]+@[^@\s<>,;]+\.[^@\s<>,;]+$")]
Name = Annotated[str, Field(min_length=1, max_length=120)]


class NetworkModel(BaseModel):
    """Strict: a typo in the network file is an error, not a silently ignored key."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)


class OrganisationKind(StrEnum):
    HOSPITAL = "hospital"
    RESIDENTIAL_CARE = "residential_care"
    REHABILITATION = "rehabilitation"
    DISABILITY = "disability"
    PRIMARY_CARE = "primary_care"


class Weekday(StrEnum):
    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @property
    def iso(self) -> int:
        """ISO weekday number, Monday = 1."""
        return list(Weekday).index(self) + 1


class EmptyWeek(StrEnum):
    SEND_SHORT = "send_short"
    SKIP = "skip"


class Destinations(NetworkModel):
    """Where moments are shown. The Teams webhook URL is a secret, named here, never inlined."""

    slack_channel: str | None = Field(default=None, pattern=r"^[CG][A-Z0-9]{2,}$")
    teams_webhook_secret: SecretName | None = None
    wall: bool = True


class Department(NetworkModel):
    id: Slug
    name: Name
    team_type: TeamType
    destinations: Destinations = Field(default_factory=Destinations)


class ChannelMapping(NetworkModel):
    channel: str = Field(min_length=1, max_length=200)
    department: Slug


class SlackWorkspace(NetworkModel):
    team_id: str = Field(pattern=r"^[TE][A-Z0-9]{2,}$")
    channels: list[ChannelMapping] = Field(default_factory=list)


class TeamsTeam(NetworkModel):
    """One Teams team with its outgoing webhook (HMAC token given by the name of a secret)."""

    team_id: str = Field(min_length=1, max_length=200)
    token_secret: SecretName
    channels: list[ChannelMapping] = Field(default_factory=list)


class Ambassador(NetworkModel):
    name: Name
    email: Email


class DigestSchedule(NetworkModel):
    recipients: list[Email] = Field(min_length=1)
    weekday: Weekday = Weekday.MONDAY
    time: dt.time = dt.time(8, 0)
    when_empty: EmptyWeek = EmptyWeek.SEND_SHORT


class Organisation(NetworkModel):
    id: Slug
    name: Name
    kind: OrganisationKind
    language: Language = Language.NL
    timezone: str = "Europe/Brussels"
    ambassador: Ambassador
    departments: list[Department] = Field(
        min_length=1,
        max_length=100,
        description="At most 100: Slack's menus (the department in the modal) show no more.",
    )
    organisation_channel: Destinations | None = Field(
        default=None, description="Organisation-wide destination that also gets good practices."
    )
    review: Destinations | None = Field(
        default=None, description="Ambassador-only destination for moments that need review."
    )
    slack: list[SlackWorkspace] = Field(default_factory=list)
    teams: list[TeamsTeam] = Field(default_factory=list)
    api_token_secret: SecretName | None = Field(
        default=None, description="Secret holding the bearer token of POST /api/v1/moments."
    )
    digests: dict[DigestAudience, DigestSchedule] = Field(default_factory=dict)

    @field_validator("timezone")
    @classmethod
    def _known_timezone(cls, value: str) -> str:
        try:
            zoneinfo.ZoneInfo(value)
        except (zoneinfo.ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"unknown time zone {value!r} (use e.g. Europe/Brussels)") from exc
        return value

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        return zoneinfo.ZoneInfo(self.timezone)

    def department(self, department_id: str) -> Department | None:
        return next((d for d in self.departments if d.id == department_id), None)


ConsentText = Annotated[str, Field(min_length=1, max_length=2000)]
"""Shown whole under the checkbox, in Slack too (an input's hint takes at most 2,000)."""


class Consent(NetworkModel):
    """The consent text shown next to "may be shared with external partners"."""

    version: str = Field(default="2026-01", min_length=1, max_length=40)
    text: dict[Language, ConsentText] = Field(
        default_factory=lambda: {
            Language.NL: "Ik geef toestemming om dit moment, zonder mijn naam, te delen met "
            "externe partners (huisartsen, thuiszorg).",
            Language.FR: "J'accepte que ce moment soit partagé, sans mon nom, avec des "
            "partenaires externes (médecins généralistes, soins à domicile).",
            Language.EN: "I agree that this moment may be shared, without my name, with "
            "external partners (GPs, home care).",
        }
    )

    @field_validator("text")
    @classmethod
    def _every_language(cls, value: dict[Language, str]) -> dict[Language, str]:
        missing = [language.value for language in Language if language not in value]
        if missing:
            raise ValueError(
                "needs a text in every language of the form and Slack; "
                f"missing: {', '.join(missing)}"
            )
        return value


class Network(NetworkModel):
    consent: Consent = Field(default_factory=Consent)
    organisations: list[Organisation] = Field(min_length=1)

    def organisation(self, organisation_id: str) -> Organisation | None:
        return next((o for o in self.organisations if o.id == organisation_id), None)


@dataclass(frozen=True)
class Problem:
    """One thing wrong with a network file, at a path like `organisations[0].departments[1].id`."""

    path: tuple[str | int, ...]
    message: str

    @property
    def dotted(self) -> str:
        return format_path(self.path)

    def __str__(self) -> str:
        return f"{self.dotted}: {self.message}" if self.path else self.message


class NetworkInvalid(ValueError):
    def __init__(self, problems: Sequence[Problem]) -> None:
        self.problems = tuple(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


def format_path(path: Sequence[str | int]) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else part)
    return out


def parse_network(data: Any) -> Network:
    """Validate loaded YAML; raise `NetworkInvalid` listing every problem."""
    try:
        network = Network.model_validate(data)
    except ValidationError as exc:
        raise NetworkInvalid([_problem_from(error) for error in exc.errors()]) from None
    problems = list(_reference_problems(network))
    if problems:
        raise NetworkInvalid(problems)
    return network


def _problem_from(error: Any) -> Problem:
    # pydantic puts union/enum-key details in the path as strings; keep only real positions.
    path = tuple(p for p in error["loc"] if not (isinstance(p, str) and "[" in p))
    message = str(error["msg"])
    return Problem(path, message[:1].lower() + message[1:])


def _duplicates(values: Sequence[str]) -> Iterator[int]:
    seen: set[str] = set()
    for index, value in enumerate(values):
        if value in seen:
            yield index
        seen.add(value)


def _reference_problems(network: Network) -> Iterator[Problem]:
    orgs = network.organisations
    for i in _duplicates([o.id for o in orgs]):
        yield Problem(("organisations", i, "id"), f"duplicate organisation id {orgs[i].id!r}")
    slack_owner: dict[tuple[str, str], str] = {}
    teams_owner: dict[tuple[str, str], str] = {}
    token_secrets: dict[str, str] = {}
    for o, org in enumerate(orgs):
        base: tuple[str | int, ...] = ("organisations", o)
        for d in _duplicates([dep.id for dep in org.departments]):
            yield Problem(
                (*base, "departments", d, "id"),
                f"duplicate department id {org.departments[d].id!r}",
            )
        known = {dep.id for dep in org.departments}
        for w, workspace in enumerate(org.slack):
            for c, mapping in enumerate(workspace.channels):
                path = (*base, "slack", w, "channels", c)
                yield from _unknown_department(path, mapping, known, org.id)
                key = (workspace.team_id, mapping.channel)
                if key in slack_owner:
                    yield Problem(
                        (*path, "channel"),
                        f"Slack channel {mapping.channel} is already mapped "
                        f"(in {slack_owner[key]})",
                    )
                slack_owner.setdefault(key, format_path(path))
        for t, team in enumerate(org.teams):
            if token_secrets.get(team.team_id, team.token_secret) != team.token_secret:
                yield Problem(
                    (*base, "teams", t, "token_secret"),
                    f"Teams team {team.team_id} already has another token secret",
                )
            token_secrets.setdefault(team.team_id, team.token_secret)
            for c, mapping in enumerate(team.channels):
                path = (*base, "teams", t, "channels", c)
                yield from _unknown_department(path, mapping, known, org.id)
                key = (team.team_id, mapping.channel)
                if key in teams_owner:
                    yield Problem(
                        (*path, "channel"),
                        f"Teams channel {mapping.channel} is already mapped "
                        f"(in {teams_owner[key]})",
                    )
                teams_owner.setdefault(key, format_path(path))


def _unknown_department(
    path: tuple[str | int, ...], mapping: ChannelMapping, known: set[str], org_id: str
) -> Iterator[Problem]:
    if mapping.department not in known:
        yield Problem(
            (*path, "department"),
            f"unknown department {mapping.department!r} in organisation {org_id!r} "
            f"(known: {', '.join(sorted(known))})",
        )
