"""Must show: `mango privacy ref` prints the ref ingest itself stored for a Slack post, a web
form post and a JSON API post (the real ingest app, its outbox, its key)."""

import os
import re
from collections.abc import AsyncIterator, Awaitable, Callable
from pathlib import Path

import pytest
import sqlalchemy as sa

from schemas import MomentPosted, Platform
from services.common.database import create_engine
from tests.ingest.fake_slack import fake_slack
from tests.ingest.harness import (
    API_TOKEN,
    NETWORK,
    SLACK_TEAM,
    Harness,
    ingest_settings,
    running_ingest,
)
from tests.privacy.conftest import ROOT, Deployment
from tests.support import KafkaUnderTest

pytestmark = pytest.mark.connected

KEY = "test-pseudonym-key"  # what ingest_settings gives ingest


@pytest.fixture
async def ingest(
    kafka: KafkaUnderTest,
    make_topic: Callable[[str], Awaitable[str]],
    tmp_path: Path,
) -> AsyncIterator[Harness]:
    topic = await make_topic("moments")
    url = f"sqlite+aiosqlite:///{tmp_path}/ingest.db"
    async with fake_slack() as slack:
        settings = ingest_settings(tmp_path, url, kafka.settings(), topic, slack.url)
        async with running_ingest(settings, slack) as harness:
            yield harness


async def stored_refs(harness: Harness) -> dict[Platform, str]:
    engine = create_engine(harness.database_url)
    try:
        async with engine.connect() as connection:
            payloads = (
                await connection.scalars(sa.text("SELECT payload FROM ingest_outbox"))
            ).all()
    finally:
        await engine.dispose()
    moments = [MomentPosted.model_validate_json(p) for p in payloads]
    return {m.source.platform: m.author.ref for m in moments}


def operator(tmp_path: Path) -> Deployment:
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANGO_")}
    env |= {
        "PYTHONPATH": str(ROOT),
        "MANGO_SECRETS_DIR": str(tmp_path / "no-secrets"),
        "MANGO_NETWORK_FILE": str(NETWORK),
    }
    work = tmp_path / "operator"
    work.mkdir()
    return Deployment(work, env, {})


async def test_ref_matches_what_ingest_stores(ingest: Harness, tmp_path: Path) -> None:
    assert (await ingest.command("#collega Koffie voor de nachtploeg.")).status_code == 200
    _, csrf = await ingest.form()
    session = ingest.client.cookies["mango_form"]
    form = {
        "csrf": csrf,
        "lang": "nl",
        "department": "wzc-denneboom/palliatief",
        "kind": "moment",
        "beneficiary": "patient",
        "text": "We zongen een lied in de tuin.",
    }
    assert (await ingest.client.post("/moments/new", data=form)).status_code == 200
    body = {
        "department_id": "spoed",
        "kind": "moment",
        "beneficiary": "patient",
        "text": "A song on repeat.",
        "author_name": "Kiosk Spoed",
    }
    response = await ingest.client.post(
        "/api/v1/moments", json=body, headers={"Authorization": f"Bearer {API_TOKEN}"}
    )
    assert response.status_code == 201, response.text
    stored = await stored_refs(ingest)

    cli = operator(tmp_path)
    key = {"MANGO_PSEUDONYM_KEY": KEY}
    code, out, err = await cli.mango(
        "ref", "--platform", "slack", "--user", f"{SLACK_TEAM}:U0NURSE01", **key
    )
    assert code == 0, err
    assert out.strip() == stored[Platform.SLACK]
    code, out, _ = await cli.mango(
        "ref", "--platform", "slack", "--user", "U0NURSE01", "--organisation", "az-voorbeeld", **key
    )
    assert out.strip() == stored[Platform.SLACK]
    code, out, _ = await cli.mango("ref", "--platform", "web", "--user", session, **key)
    assert out.strip() == stored[Platform.WEB]
    code, out, _ = await cli.mango(
        "ref",
        "--platform",
        "api",
        "--user",
        "Kiosk Spoed",
        "--organisation",
        "az-voorbeeld",
        **key,
    )
    assert out.strip() == stored[Platform.API]
    assert re.fullmatch(r"[0-9a-f]{32}", out.strip())


async def test_ref_without_the_key_refuses(tmp_path: Path) -> None:
    cli = operator(tmp_path)
    code, out, err = await cli.mango("ref", "--platform", "teams", "--user", "aad-1")
    assert code == 1
    assert out == ""
    assert err.strip().startswith("mango privacy: no pseudonym key: set MANGO_PSEUDONYM_KEY")
    assert not (cli.cwd / "var").exists()  # no new random key that would match nothing
    code, _, err = await cli.mango(
        "ref", "--platform", "api", "--user", "x", MANGO_PSEUDONYM_KEY="k"
    )
    assert code == 2
    assert "--organisation" in err
    code, _, err = await cli.mango("ref", "--platform", "fax", "--user", "x")
    assert code == 2
