"""The dead-letter commands' wiring: settings, network file and ledger, without the service."""

import contextlib
from collections.abc import AsyncIterator
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


@contextlib.asynccontextmanager
async def notify_ledger(settings: NotifySettings) -> AsyncIterator[Ledger]:
    """The ledger of `MANGO_DATABASE_URL`, migrated, for one command."""
    engine = create_engine(settings.database_url)
    try:
        await migrate(engine, MIGRATIONS)
        yield Ledger(engine)
    finally:
        await engine.dispose()


async def dead_letters() -> list[Delivery]:
    async with notify_ledger(load_settings(NotifySettings)) as ledger:
        return await ledger.dead_letters()


async def discard(event_id: str | None) -> int:
    async with notify_ledger(load_settings(NotifySettings)) as ledger:
        return await ledger.discard(event_id)


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
    outcome = ReplayOutcome()
    async with notify_ledger(settings) as ledger:
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
    return outcome
