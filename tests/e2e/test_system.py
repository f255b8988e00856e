"""The whole system as Compose runs it: ingest, notify and digest as separate processes on one
broker and one PostgreSQL database, talking to a fake Slack and a real SMTP server.

A signed `/mango` command appears once in the department's Slack channel, once on the wall, and
is counted in the organisation's board digest; when the broker stops, every service turns
unready (and stays alive).
"""

import asyncio
import datetime as dt
import json
import os
import signal
import subprocess
import sys
import time
import zoneinfo
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode

import asyncpg
import httpx
import pytest

from services.common.embedded_broker import EmbeddedBroker, free_port
from services.ingest.domain.verification import sign_slack
from tests.digest.support import SmtpSink, running_sink
from tests.fakes.slack import FakeSlack
from tests.support import wait_for, wait_until

pytestmark = pytest.mark.connected

ROOT = Path(__file__).parents[2]
NETWORK = ROOT / "deploy" / "network.example.yaml"
SIGNING_SECRET = "e2e-signing-secret"
BOT_TOKEN = "xoxb-e2e-token"
ORG, DEPARTMENT, CHANNEL = "az-voorbeeld", "oncologie", "C0ONCO001"
BOARD = ("directie@az-voorbeeld.example", "raad@az-voorbeeld.example")
TEXT = "We zongen samen een verjaardagslied voor een patiënte op de dagzaal."


@contextmanager
def running(name: str, env: dict[str, str], log: Path) -> Iterator[subprocess.Popen[bytes]]:
    with log.open("ab") as out:
        process = subprocess.Popen(
            [sys.executable, "-m", "services", name], env=env, cwd=ROOT, stdout=out, stderr=out
        )
    try:
        yield process
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(30)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


async def ready(client: httpx.AsyncClient, url: str) -> bool:
    try:
        return (await client.get(f"{url}/readyz")).status_code == 200
    except httpx.TransportError:
        return False


async def readyz_status(client: httpx.AsyncClient, url: str) -> int:
    return (await client.get(f"{url}/readyz")).status_code


def signed_command(text: str) -> tuple[bytes, dict[str, str]]:
    body = urlencode(
        {
            "team_id": "T0AZVB001",
            "channel_id": CHANNEL,
            "user_id": "U0E2E0001",
            "user_name": "verpleegkundige.e2e",
            "command": "/mango",
            "text": text,
            "response_url": "https://hooks.slack.invalid/commands/e2e",
            "trigger_id": "e2e.trigger.1",
        }
    ).encode()
    timestamp = str(int(time.time()))
    headers = {
        "Content-Type": "application/x-www-form-urlencoded",
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign_slack(body, timestamp, SIGNING_SECRET),
    }
    return body, headers


async def stored_in_digest(database: str, event_id: str) -> int:
    connection = await asyncpg.connect(database.replace("postgresql+asyncpg", "postgresql"))
    try:
        return int(
            await connection.fetchval(
                "SELECT count(*) FROM digest_moments WHERE event_id = $1", event_id
            )
        )
    finally:
        await connection.close()


def board_emails(smtp: SmtpSink, recipient: str, week: int) -> list[str]:
    return [
        str(r.message["Subject"])
        for r in smtp.to(recipient)
        if f"week {week} " in str(r.message["Subject"])
        and "partners" not in str(r.message["Subject"])
    ]


async def test_a_slack_post_reaches_channel_wall_and_board_digest(
    tmp_path: Path, postgres_url: str
) -> None:
    with EmbeddedBroker() as broker, running_sink() as smtp:
        async with FakeSlack(token=BOT_TOKEN) as slack:
            ports = {name: free_port() for name in ("ingest", "notify", "digest")}
            urls = {name: f"http://127.0.0.1:{port}" for name, port in ports.items()}
            base = {k: v for k, v in os.environ.items() if not k.startswith("MANGO_")}
            base.update(
                {
                    "MANGO_KAFKA__BOOTSTRAP_SERVERS": broker.bootstrap_servers,
                    "MANGO_KAFKA__IDEMPOTENCE": "false",
                    "MANGO_KAFKA__SESSION_TIMEOUT_MS": "6000",
                    "MANGO_KAFKA__HEARTBEAT_INTERVAL_MS": "500",
                    "MANGO_NETWORK_FILE": str(NETWORK),
                    "MANGO_DATABASE_URL": postgres_url,
                    "MANGO_SECRETS_DIR": str(tmp_path / "no-secrets"),
                    "MANGO_LOG_LEVEL": "WARNING",
                    "MANGO_SLACK__BOT_TOKEN": BOT_TOKEN,
                    "MANGO_SLACK__BASE_URL": slack.api_url,
                    "MANGO_SLACK__SIGNING_SECRET": SIGNING_SECRET,
                    "MANGO_PSEUDONYM_KEY": "e2e-pseudonym-key",
                    "MANGO_SMTP__HOST": "127.0.0.1",
                    "MANGO_SMTP__PORT": str(smtp.port),
                    "MANGO_MAIL__SENDER": "mangomoment@az-voorbeeld.example",
                }
            )
            env = {name: {**base, "MANGO_PORT": str(port)} for name, port in ports.items()}
            async with httpx.AsyncClient(timeout=10) as client:
                with (
                    running("ingest", env["ingest"], tmp_path / "ingest.log"),
                    running("notify", env["notify"], tmp_path / "notify.log"),
                    running("digest", env["digest"], tmp_path / "digest.log"),
                ):
                    for name, url in urls.items():

                        async def answers(u: str = url) -> bool:
                            return await ready(client, u)

                        await wait_until(answers, within=60, what=f"{name} ready")

                    body, headers = signed_command(TEXT)
                    answer = await client.post(
                        f"{urls['ingest']}/slack/commands", content=body, headers=headers
                    )
                    assert answer.status_code == 200
                    assert answer.json()["response_type"] == "ephemeral"

                    # Once in the department's Slack channel, with our event id in its metadata.
                    await wait_for(
                        lambda: len(slack.event_ids(CHANNEL)) >= 1,
                        within=30,
                        what="the moment in the Slack channel",
                    )
                    [event_id] = slack.event_ids(CHANNEL)
                    posted = json.dumps(slack.posts(CHANNEL))
                    assert "verjaardagslied" in posted

                    # Once on the department's wall (the stream starts with a snapshot).
                    async with client.stream(
                        "GET", f"{urls['notify']}/events/wall/{ORG}/{DEPARTMENT}"
                    ) as stream:
                        async for line in stream.aiter_lines():
                            if line.startswith("data: "):
                                snapshot = json.loads(line[6:])
                                break
                    assert [item["event_id"] for item in snapshot].count(event_id) == 1

                    # Stored by digest, then counted in this week's board digest.
                    async def stored() -> bool:
                        return await stored_in_digest(postgres_url, event_id) == 1

                    await wait_until(stored, within=30, what="digest to store the moment")
                    week = dt.datetime.now(zoneinfo.ZoneInfo("Europe/Brussels")).isocalendar()
                    send = await asyncio.to_thread(
                        subprocess.run,
                        [
                            sys.executable, "-m", "services", "digest", "send",
                            "--org", ORG, "--week", f"{week.year}-W{week.week:02d}",
                            "--audience", "board",
                        ],
                        env=env["digest"], cwd=ROOT, capture_output=True, text=True,
                        timeout=120, check=False,
                    )  # fmt: skip
                    assert send.returncode == 0, send.stderr
                    for recipient in BOARD:
                        subjects = board_emails(smtp, recipient, week.week)
                        assert len(subjects) == 1, subjects
                        assert subjects[0].endswith(": 1 moment"), subjects[0]
                    assert slack.event_ids(CHANNEL) == [event_id], "posted once, and only once"

                    # The broker goes away: every service says so on /readyz, and stays alive.
                    broker.stop()
                    for name, url in urls.items():

                        async def unready(u: str = url) -> bool:
                            return await readyz_status(client, u) == 503

                        await wait_until(unready, within=30, what=f"{name} to turn unready")
                        body_json = (await client.get(f"{url}/readyz")).json()
                        assert body_json["checks"]["broker"] is False
                        assert (await client.get(f"{url}/healthz")).status_code == 200
