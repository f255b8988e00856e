"""Fixtures of the privacy tests: the three stores filled through the services' own adapters,
and `mango privacy` run the way an operator runs it (a subprocess with `MANGO_*` variables)."""

import asyncio
import datetime as dt
import os
import sys
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from faststream.message import encode_message

from schemas import MomentDelivered, MomentPosted, pseudonymise
from services.common.database import create_engine, migrate
from services.digest.adapters.store import Store
from services.ingest.adapters.outbox import OutboxStore
from services.notify.adapters.ledger import Ledger, NewDelivery
from services.notify.adapters.slack import build_slack_client
from services.privacy.service import open_stores
from tests.fakes.slack import FakeSlack

ROOT = Path(__file__).resolve().parents[2]
INGEST_MIGRATIONS = ROOT / "services" / "ingest" / "migrations"
NOTIFY_MIGRATIONS = ROOT / "services" / "notify" / "migrations"
KEY = b"privacy-test-key"
REF_A = pseudonymise(KEY, "slack", "T0AZVB001:U0AAAAAAA")
REF_B = pseudonymise(KEY, "slack", "T0AZVB001:U0BBBBBBB")
CHANNEL = "C0ONCO001"
TEAMS = "teams:teams_webhook_oncologie"


@dataclass
class Deployment:
    """Where the three stores are, as the privacy tools find them from `MANGO_*` settings."""

    cwd: Path
    env: dict[str, str]
    urls: dict[str, str]  # service -> database URL

    async def mango(self, *args: str, **env: str) -> tuple[int, str, str]:
        """`python -m services privacy ...`, without blocking this loop (fakes answer here)."""
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "services",
            "privacy",
            *args,
            cwd=self.cwd,
            env={**self.env, **env},
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        out, err = await asyncio.wait_for(process.communicate(), timeout=120)
        assert process.returncode is not None
        return process.returncode, out.decode(), err.decode()


@pytest.fixture(params=["sqlite", "postgres"])
def deployment(
    request: pytest.FixtureRequest, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Deployment:
    """sqlite: the three files of `mango dev` (var/*.db, no URL set); postgres: one database
    for all three services via MANGO_DATABASE_URL, as in production."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANGO_")}
    env["PYTHONPATH"] = str(ROOT)
    env["MANGO_SECRETS_DIR"] = str(tmp_path / "no-secrets")
    for name in [k for k in os.environ if k.startswith("MANGO_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("MANGO_SECRETS_DIR", env["MANGO_SECRETS_DIR"])
    monkeypatch.chdir(tmp_path)
    if request.param == "sqlite":
        urls = {s: f"sqlite+aiosqlite:///var/{s}.db" for s in ("ingest", "notify", "digest")}
    else:
        url: str = request.getfixturevalue("postgres_url")
        urls = dict.fromkeys(("ingest", "notify", "digest"), url)
        env["MANGO_DATABASE_URL"] = url
        monkeypatch.setenv("MANGO_DATABASE_URL", url)
    return Deployment(tmp_path, env, urls)


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        yield fake


@dataclass
class Filled:
    """What was stored, per author."""

    a: list[MomentPosted] = field(default_factory=list)
    b: list[MomentPosted] = field(default_factory=list)
    slack_ts: dict[str, str] = field(default_factory=dict)  # event id -> ts in CHANNEL


def published(moment: MomentPosted) -> str:
    """The moment as notify stores it: the Kafka value as FastStream encodes ingest's publish."""
    body, _ = encode_message(moment.model_dump(mode="json"), None)
    return body.decode()


async def fill(
    deployment: Deployment,
    moments: list[MomentPosted],
    slack: FakeSlack,
    *,
    sent_at: dt.datetime | None = None,
) -> dict[str, str]:
    """Store the moments as the services do: ingest's outbox (published), notify's ledger
    (delivered to a Slack channel through the real client, to Teams and to the wall) and
    digest's store (with a link to the Slack message). Returns event id -> Slack ts."""
    sent_at = sent_at or dt.datetime.now(dt.UTC)
    engine = create_engine(deployment.urls["ingest"])
    outbox = OutboxStore(engine)
    try:
        await migrate(engine, INGEST_MIGRATIONS)
        await outbox.add_many([(m, m.occurred_at) for m in moments])
        await outbox.mark_sent([str(m.event_id) for m in moments], sent_at)
    finally:
        await outbox.close()
        await engine.dispose()

    client = build_slack_client(slack.token, slack.api_url, timeout_s=5)
    stamps = {}
    for moment in moments:
        response = await client.chat_postMessage(channel=CHANNEL, text="a moment")
        stamps[str(moment.event_id)] = str(response["ts"])

    engine = create_engine(deployment.urls["notify"])
    try:
        await migrate(engine, NOTIFY_MIGRATIONS)
        ledger = Ledger(engine)
        await ledger.record(
            [
                NewDelivery(
                    event_id=str(m.event_id),
                    destination=destination,
                    organisation_id=m.organisation_id,
                    moment=published(m),
                )
                for m in moments
                for destination in (f"slack:{CHANNEL}", TEAMS, "wall:az-voorbeeld/oncologie")
            ]
        )
        for destination in (f"slack:{CHANNEL}", TEAMS, "wall:az-voorbeeld/oncologie"):
            for row in await ledger.pending(destination, 100):
                ref = stamps[row.event_id] if destination.startswith("slack:") else "run-1"
                await ledger.delivered([row.id], ref, 1)
        await ledger.announced([r.id for r in await ledger.unannounced(100)])
    finally:
        await engine.dispose()

    engine = create_engine(deployment.urls["digest"])
    try:
        store = Store(engine)
        await store.migrate()
        for moment in moments:
            await store.save_moment(moment)
            await store.save_delivery(
                MomentDelivered(
                    event_id=moment.event_id,
                    organisation_id=moment.organisation_id,
                    destination=f"slack:{CHANNEL}",
                    platform="slack",
                    message_ref=stamps[str(moment.event_id)],
                    permalink=f"https://example.slack.com/archives/{CHANNEL}/p1",
                    delivered_at=dt.datetime.now(dt.UTC),
                )
            )
    finally:
        await engine.dispose()
    return stamps


async def counts(deployment: Deployment, ref: str) -> tuple[int, int, int]:
    """How many rows of `ref` each store holds (through the privacy stores: what find sees)."""
    from services.privacy.service import find

    async with open_stores() as stores:
        found = await find(stores, ref)
    return len(found.outbox), len(found.ledger), len(found.digest)
