"""`mango dlq discard` as an operator runs it: a subprocess on the ledger's SQLite file."""

import asyncio
import os
from pathlib import Path

from services.common.database import create_engine, migrate
from services.notify.adapters.ledger import DEAD, Ledger, NewDelivery
from services.notify.app import MIGRATIONS
from tests.notify.harness import mango

GONE = "11111111-1111-4111-8111-111111111111"
OTHER = "22222222-2222-4222-8222-222222222222"


async def two_dead_letters(url: str) -> None:
    engine = create_engine(url)
    try:
        await migrate(engine, MIGRATIONS)
        await Ledger(engine).record(
            [
                NewDelivery(event, "route:az/gone", "az", "{}", DEAD, "Unroutable")
                for event in (GONE, OTHER)
            ]
        )
    finally:
        await engine.dispose()


def test_discard_one_then_all_then_nothing_is_left_to_list_or_replay(tmp_path: Path) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/notify.db"
    asyncio.run(two_dead_letters(url))
    env = {
        "PATH": os.environ["PATH"],
        "MANGO_DATABASE_URL": url,
        "MANGO_NETWORK_FILE": str(Path(__file__).parents[2] / "deploy/network.example.yaml"),
        "MANGO_SECRETS_DIR": str(tmp_path / "no-secrets-here"),
    }

    neither = mango(env, "dlq", "discard")
    assert neither.returncode == 2
    assert "--event-id <uuid> or --all" in neither.stderr
    both = mango(env, "dlq", "discard", "--all", "--event-id", GONE)
    assert both.returncode == 2
    unknown = mango(env, "dlq", "discard", "--event-id", "33333333-3333-4333-8333-333333333333")
    assert unknown.returncode == 1
    assert "no dead letter with event id 3333" in unknown.stderr

    one = mango(env, "dlq", "discard", "--event-id", GONE)
    assert one.returncode == 0, one.stderr
    assert "1 dead letter(s) discarded" in one.stdout
    listing = mango(env, "dlq", "list")
    assert OTHER in listing.stdout
    assert GONE not in listing.stdout

    rest = mango(env, "dlq", "discard", "--all")
    assert "1 dead letter(s) discarded" in rest.stdout
    assert "no dead letters" in mango(env, "dlq", "list").stdout
    replay = mango(env, "dlq", "replay")
    assert replay.returncode == 0, replay.stderr
    assert "0 delivery(ies) queued from 0 dead letter(s)" in replay.stdout
