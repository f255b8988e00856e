"""Ingest under test: the real app on uvicorn, a real broker topic, a real database, fake Slack.

Requests are signed like Slack and Teams sign them; what reaches the topic is collected by a
real consumer in its own group.
"""

import base64
import datetime as dt
import json
import re
import sqlite3
import time
import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import asyncpg
import httpx
import sqlalchemy as sa
from faststream.kafka import KafkaBroker
from pydantic import SecretStr
from sqlalchemy.engine import make_url
from starlette.applications import Starlette

from schemas import MomentPosted
from services.common.database import create_engine
from services.common.kafka import build_broker, subscribe
from services.common.secrets import SecretStore
from services.common.settings import KafkaSettings
from services.ingest.app import build_app
from services.ingest.domain.verification import sign_slack, sign_teams
from services.ingest.settings import IngestSettings, SlackSettings
from tests.ingest.fake_slack import FakeSlack, serve

ROOT = Path(__file__).resolve().parents[2]
NETWORK = ROOT / "deploy" / "network.example.yaml"
SIGNING_SECRET = "test-signing-secret-current"
OLD_SIGNING_SECRET = "test-signing-secret-previous"
TEAMS_TOKEN = base64.b64encode(b"az-voorbeeld-teams-token-32bytes").decode()
DENNEBOOM_TOKEN = base64.b64encode(b"denneboom-teams-token-32-bytes!!").decode()
API_TOKEN = "api-token-for-az-voorbeeld-0123456789"
SLACK_TEAM = "T0AZVB001"
TEAMS_TEAM = "19:az-voorbeeld-zorg@thread.tacv2"
TEAMS_CHANNEL = "19:oncologie@thread.tacv2"

SECRETS = SecretStore(
    None,
    {
        "MANGO_SECRET_TEAMS_TOKEN_AZ_VOORBEELD": TEAMS_TOKEN,
        "MANGO_SECRET_TEAMS_TOKEN_DENNEBOOM": DENNEBOOM_TOKEN,
        "MANGO_SECRET_API_TOKEN_AZ_VOORBEELD": API_TOKEN,
        # Oncology's Teams channel is connected (the confirmations name it); ingest only checks
        # that the webhook URL is there, notify posts to it.
        "MANGO_SECRET_TEAMS_AZ_ONCOLOGIE": "https://teams.invalid/webhook",
    },
)


def ingest_settings(
    tmp_path: Path,
    database_url: str,
    kafka: KafkaSettings,
    topic: str,
    slack_url: str,
    **extra: Any,
) -> IngestSettings:
    return IngestSettings(
        network_file=NETWORK,
        database_url=database_url,
        kafka=kafka,
        moments_topic=topic,
        pseudonym_key=SecretStr("test-pseudonym-key"),
        slack=SlackSettings(
            signing_secret=SecretStr(SIGNING_SECRET),
            signing_secret_previous=SecretStr(OLD_SIGNING_SECRET),
            bot_token=SecretStr("xoxb-test"),
            base_url=slack_url,
            response_url_prefix=slack_url.removesuffix("api/") + "commands/",
        ),
        relay_idle_poll_s=0.2,
        **extra,
    )


def slack_headers(
    body: bytes, *, ts: int | None = None, secret: str = SIGNING_SECRET
) -> dict[str, str]:
    timestamp = str(int(time.time()) if ts is None else ts)
    return {
        "X-Slack-Request-Timestamp": timestamp,
        "X-Slack-Signature": sign_slack(body, timestamp, secret),
    }


def command_body(
    text: str,
    *,
    channel: str = "C0ONCO001",
    trigger: str | None = None,
    response_url: str = "https://hooks.slack.invalid/commands/1",
) -> bytes:
    return urlencode(
        {
            "token": "legacy",
            "team_id": SLACK_TEAM,
            "team_domain": "az-voorbeeld",
            "channel_id": channel,
            "channel_name": "oncologie",
            "user_id": "U0NURSE01",
            "user_name": "verpleegkundige.een",
            "command": "/mango",
            "text": text,
            "response_url": response_url,
            "trigger_id": trigger or f"{uuid.uuid4().int % 10**12}.1.{uuid.uuid4().hex}",
        }
    ).encode()


def mention_envelope(
    text: str, *, event_id: str | None = None, channel: str = "C0GERI001"
) -> dict[str, Any]:
    return {
        "token": "legacy",
        "team_id": SLACK_TEAM,
        "api_app_id": "A0MANGO01",
        "type": "event_callback",
        "event_id": event_id or f"Ev{uuid.uuid4().hex[:10].upper()}",
        "event_time": int(time.time()),
        "authorizations": [
            {
                "team_id": SLACK_TEAM,
                "user_id": "U0MANGOBOT",
                "is_bot": True,
                "is_enterprise_install": False,
            }
        ],
        "event": {
            "type": "app_mention",
            "user": "U0NURSE02",
            "text": f"<@U0MANGOBOT> {text}",
            "ts": f"{time.time():.6f}",
            "channel": channel,
            "event_ts": f"{time.time():.6f}",
        },
    }


def teams_activity(
    text: str,
    *,
    activity_id: str | None = None,
    team: str = TEAMS_TEAM,
    channel: str = TEAMS_CHANNEL,
    when: dt.datetime | None = None,
) -> dict[str, Any]:
    when = when or dt.datetime.now(dt.UTC)
    return {
        "type": "message",
        "id": activity_id or str(uuid.uuid4().int % 10**13),
        "timestamp": when.isoformat().replace("+00:00", "Z"),
        "serviceUrl": "https://smba.trafficmanager.net/emea/",
        "channelId": "msteams",
        "from": {"id": "29:1abc", "name": "Verpleegkundige Twee", "aadObjectId": "aad-0002"},
        "conversation": {
            "isGroup": True,
            "id": f"{channel};messageid=1",
            "conversationType": "channel",
        },
        "textFormat": "plain",
        "text": text,
        "channelData": {
            "teamsChannelId": channel,
            "teamsTeamId": team,
            "channel": {"id": channel},
            "team": {"id": team},
            "tenant": {"id": "tenant-0001"},
        },
    }


def form_post(csrf: str, text: str, **fields: str) -> dict[str, str]:
    """The fields of a valid web-form post: a moment for a patient of az-voorbeeld's spoed."""
    return {
        "csrf": csrf,
        "department": "az-voorbeeld/spoed",
        "kind": "moment",
        "beneficiary": "patient",
        "text": text,
        **fields,
    }


@dataclass
class Harness:
    url: str
    client: httpx.AsyncClient
    slack: FakeSlack
    app: Starlette
    database_url: str
    moments: list[MomentPosted] = field(default_factory=list)

    async def slack_post(
        self,
        path: str,
        body: bytes,
        *,
        content_type: str = "application/x-www-form-urlencoded",
        headers: dict[str, str] | None = None,
    ) -> httpx.Response:
        return await self.client.post(
            path,
            content=body,
            headers={
                "Content-Type": content_type,
                **(slack_headers(body) if headers is None else headers),
            },
        )

    async def command(self, text: str, **options: Any) -> httpx.Response:
        """A signed `/mango` command; its `response_url` leads to the fake Slack, like Slack's
        own leads to Slack."""
        options.setdefault("response_url", self.slack.response_url())
        return await self.slack_post("/slack/commands", command_body(text, **options))

    async def event(self, envelope: dict[str, Any], **headers: str) -> httpx.Response:
        body = json.dumps(envelope).encode()
        return await self.client.post(
            "/slack/events",
            content=body,
            headers={"Content-Type": "application/json", **slack_headers(body), **headers},
        )

    async def interactivity(self, payload: dict[str, Any]) -> httpx.Response:
        return await self.slack_post(
            "/slack/interactivity", urlencode({"payload": json.dumps(payload)}).encode()
        )

    async def teams(self, activity: dict[str, Any], token: str = TEAMS_TOKEN) -> httpx.Response:
        body = json.dumps(activity).encode()
        return await self.client.post(
            "/teams/messages",
            content=body,
            headers={"Content-Type": "application/json", "Authorization": sign_teams(body, token)},
        )

    async def form(self, lang: str | None = None, **headers: str) -> tuple[httpx.Response, str]:
        response = await self.client.get(
            "/moments/new", params={"lang": lang} if lang else None, headers=headers
        )
        match = re.search(r'name="csrf" value="([^"]+)"', response.text)
        assert match, "the form has a CSRF field"
        return response, match.group(1)

    async def stored(self) -> int:
        engine = create_engine(self.database_url)
        try:
            async with engine.connect() as connection:
                return int(
                    (await connection.scalar(sa.text("SELECT count(*) FROM ingest_outbox"))) or 0
                )
        finally:
            await engine.dispose()

    async def stored_moments(self) -> list[MomentPosted]:
        """The events in the outbox, in the order they were stored."""
        engine = create_engine(self.database_url)
        try:
            async with engine.connect() as connection:
                rows = await connection.execute(
                    sa.text("SELECT payload FROM ingest_outbox ORDER BY created_at")
                )
                return [MomentPosted.model_validate_json(row[0]) for row in rows]
        finally:
            await engine.dispose()


@asynccontextmanager
async def outbox_locked(database_url: str, *, reads_too: bool = True) -> AsyncIterator[None]:
    """Another transaction holds the outbox's write lock until the block ends.

    On PostgreSQL, `reads_too=False` takes a lock that lets reads through and stops inserts (as
    SQLite's write lock always does)."""
    url = make_url(database_url)
    if url.get_backend_name() == "sqlite":
        assert url.database is not None
        holder = sqlite3.connect(url.database, isolation_level=None)
        holder.execute("BEGIN IMMEDIATE")  # takes the write lock at once, or fails at once
        try:
            yield
        finally:
            holder.execute("ROLLBACK")
            holder.close()
        return
    blocker = await asyncpg.connect(database_url.replace("postgresql+asyncpg://", "postgresql://"))
    transaction = blocker.transaction()
    await transaction.start()
    try:
        mode = "ACCESS EXCLUSIVE" if reads_too else "SHARE"
        await blocker.execute(f"LOCK TABLE ingest_outbox IN {mode} MODE")
        yield
    finally:
        await transaction.rollback()
        await blocker.close()


IngestWith = Callable[..., AbstractAsyncContextManager[Harness]]
"""The `ingest_with` fixture: `async with ingest_with(store_timeout_s=0.5) as ingest: ...`."""


def consumer(kafka: KafkaSettings, topic: str, group: str, sink: list[MomentPosted]) -> KafkaBroker:
    broker = build_broker(kafka, client_id=f"test-{group}")

    @subscribe(broker, topic, group_id=group, settings=kafka)
    async def on_moment_posted(moment: MomentPosted) -> None:
        sink.append(moment)

    return broker


@asynccontextmanager
async def running_ingest(
    settings: IngestSettings,
    slack: FakeSlack,
    *,
    collect_from: KafkaSettings | None = None,
    group: str = "test",
) -> AsyncIterator[Harness]:
    app = build_app(settings, secrets=SECRETS)
    sink: list[MomentPosted] = []
    listener = consumer(collect_from, settings.moments_topic, group, sink) if collect_from else None
    if listener is not None:
        await listener.start()
    try:
        async with (
            serve(app, settings=settings) as url,
            httpx.AsyncClient(base_url=url, timeout=10) as client,
        ):
            yield Harness(url, client, slack, app, settings.database_url, sink)
    finally:
        if listener is not None:
            await listener.stop()
