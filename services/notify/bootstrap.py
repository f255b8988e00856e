"""The dead-letter commands' wiring: settings, network file and ledger, without the service."""

from dataclasses import dataclass, field

from schemas import MomentPosted
from services.common.database import create_engine, migrate
from services.common.network_file import NetworkFileError, load_network
from services.common.runner import fail, load_settings
from services.common.secrets import SecretStore
from services.notify.adapters.ledger import Delivery, Ledger, NewDelivery
from services.notify.app import MIGRATIONS, configured
from services.notify.domain.routing import route
from services.notify.settings import NotifySettings


async def dead_letters() -> list[Delivery]:
    settings = load_settings(NotifySettings)
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine, MIGRATIONS)
        return await Ledger(engine).dead_letters()
    finally:
        await engine.dispose()


@dataclass
class ReplayOutcome:
    replayed: int = 0
    requeued: int = 0
    still_dead: int = 0
    lines: list[str] = field(default_factory=list)


async def replay(event_id: str | None) -> ReplayOutcome:
    settings = load_settings(NotifySettings)
    try:
        network = load_network(settings.network_file)
    except NetworkFileError as exc:
        fail(["invalid network file:", *exc.report()])
    is_configured = configured(settings, SecretStore.from_environment())
    engine = create_engine(settings.database_url)
    outcome = ReplayOutcome()
    try:
        await migrate(engine, MIGRATIONS)
        ledger = Ledger(engine)
        for dead in await ledger.dead_letters(event_id):
            moment = MomentPosted.model_validate_json(dead.moment)
            routing = route(moment, network)
            if routing.problem is not None:
                outcome.still_dead += 1
                outcome.lines.append(f"{dead.event_id}: still cannot be routed")
                continue
            rows = [
                NewDelivery(
                    event_id=dead.event_id,
                    destination=d.key,
                    organisation_id=dead.organisation_id,
                    moment=dead.moment,
                    source_topic=dead.source_topic,
                    source_partition=dead.source_partition,
                    source_offset=dead.source_offset,
                )
                for d in routing.destinations
                if is_configured(d)
            ]
            # The dead row's own destination is reopened whenever the network still routes there
            # (the service decides whether it can post); only new destinations are filtered.
            routed = {d.key for d in routing.destinations}
            queued = await ledger.replay(dead, rows, reopen=dead.destination in routed)
            outcome.replayed += 1
            outcome.requeued += queued
            outcome.lines.append(f"{dead.event_id}: {dead.destination} -> {queued} queued")
    finally:
        await engine.dispose()
    return outcome
