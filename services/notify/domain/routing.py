"""Where a moment goes: `route(moment, network) -> Routing`.

- a department's own destinations (Slack channel, Teams webhook, wall);
- good practices also to the organisation-wide channel, when configured;
- `needs_review` moments only to the organisation's ambassador review destination, never to a
  wall (a corridor screen is not an ambassador-only place);
- an unknown organisation or department is a `problem` (the moment goes to the DLQ).
"""

from dataclasses import dataclass

from schemas import DeliveryPlatform, Kind, MomentPosted
from schemas.network import Destinations, Network


@dataclass(frozen=True)
class Destination:
    """One place a moment is shown; `key` is what the ledger and `MomentDelivered` use."""

    platform: DeliveryPlatform
    target: str  # Slack channel id, Teams webhook secret name, or "org" / "org/dept" for walls

    @property
    def key(self) -> str:
        return f"{self.platform.value}:{self.target}"

    @classmethod
    def parse(cls, key: str) -> "Destination":
        platform, _, target = key.partition(":")
        if not target:
            raise ValueError(f"not a destination key: {key!r}")
        return cls(DeliveryPlatform(platform), target)


@dataclass(frozen=True)
class Routing:
    destinations: tuple[Destination, ...] = ()
    problem: str | None = None  # why the moment cannot be routed at all (goes to the DLQ)


def route(moment: MomentPosted, network: Network) -> Routing:
    organisation = network.organisation(moment.organisation_id)
    if organisation is None:
        return Routing(problem="unknown organisation")
    department = organisation.department(moment.department_id)
    if department is None:
        return Routing(problem="unknown department")
    if moment.privacy.needs_review:
        review = organisation.review
        return Routing(_destinations(review, wall=None) if review else ())
    found = list(_destinations(department.destinations, wall=f"{organisation.id}/{department.id}"))
    channel = organisation.organisation_channel
    if moment.kind is Kind.GOOD_PRACTICE and channel is not None:
        found.extend(_destinations(channel, wall=organisation.id))
    return Routing(tuple(dict.fromkeys(found)))


def _destinations(config: Destinations, *, wall: str | None) -> tuple[Destination, ...]:
    found = []
    if config.slack_channel:
        found.append(Destination(DeliveryPlatform.SLACK, config.slack_channel))
    if config.teams_webhook_secret:
        found.append(Destination(DeliveryPlatform.TEAMS, config.teams_webhook_secret))
    if config.wall and wall is not None:
        found.append(Destination(DeliveryPlatform.WALL, wall))
    return tuple(found)
