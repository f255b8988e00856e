"""Composition root of ingest.

    Slack  /slack/commands, /slack/interactivity, /slack/events ─┐
    Teams  /teams/messages (outgoing webhook)                      ├─> verify ─> Draft ─> redact
    web    /moments/new (form), /api/v1/moments (JSON)            ─┘   ─> outbox commit ─> answer
                                          outbox ─(relay task)─> mango.moments.v1

Every request is verified before it is parsed, capped before it is read, and answered from the
outbox commit: Kafka being down never makes a user wait or lose a post.
"""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from slack_sdk.web.async_client import AsyncWebClient
from starlette.applications import Starlette
from starlette.routing import Route

from services.common.database import DatabaseCheck, create_engine, migrate
from services.common.http import operational_routes
from services.common.kafka import build_producer
from services.common.network_file import load_network
from services.common.secrets import SecretStore
from services.ingest.adapters.outbox import GroupCommit, OutboxStore
from services.ingest.adapters.relay import Relay
from services.ingest.adapters.slack import SlackClient
from services.ingest.domain.moments import Reach
from services.ingest.domain.redaction import Redactor, network_words
from services.ingest.entrypoints.api import JsonApi
from services.ingest.entrypoints.http import Handler, guarded
from services.ingest.entrypoints.slack import SlackEntryPoint
from services.ingest.entrypoints.teams import TeamsEntryPoint
from services.ingest.entrypoints.web_form import WebForm
from services.ingest.intake import Intake
from services.ingest.ratelimit import RateLimiter
from services.ingest.readiness import OutboxCheck
from services.ingest.settings import IngestSettings

MIGRATIONS = Path(__file__).parent / "migrations"
SECRET_RECHECK_S = 30.0
"""A Teams webhook secret added (or removed) shows in confirmations within this time."""


def build_app(
    settings: IngestSettings,
    *,
    secrets: SecretStore | None = None,
    redactor: Redactor | None = None,
) -> Starlette:
    network = load_network(settings.network_file)
    engine = create_engine(settings.database_url)
    store = OutboxStore(engine)
    relay = Relay(
        store,
        lambda: build_producer(settings.kafka, client_id="mango-ingest"),
        settings.kafka,
        settings.moments_topic,
        idle_poll_s=settings.relay_idle_poll_s,
    )
    writer = GroupCommit(store, on_new=relay.take)  # committed rows go straight to the relay
    slack = None
    if settings.slack.bot_token is not None or settings.slack.base_url != "https://slack.com/api/":
        token = settings.slack.bot_token.get_secret_value() if settings.slack.bot_token else None
        slack = SlackClient(
            AsyncWebClient(token=token, base_url=settings.slack.base_url, timeout=2)
        )
    secrets = secrets or SecretStore.from_environment()
    # Lexicons load here, once, at start-up. Department and organisation names are not names.
    redactor = redactor or Redactor(known_words=network_words(network))
    # What notify will post to, so that a confirmation names only those (same settings and
    # secrets as notify in `make run` and in the Compose file). Not a file read per post.
    reach = Reach(
        slack=settings.slack.bot_token is not None,
        teams=secrets.presence(max_age_s=SECRET_RECHECK_S),
    )
    intake = Intake(settings, network, writer, redactor, reach=reach)
    # One limiter for the form and the API: their keys differ, the memory cap is shared.
    limiter = RateLimiter(settings.form_rate_limit)
    slack_entry = SlackEntryPoint(intake, slack)
    teams_entry = TeamsEntryPoint(intake, secrets)
    web_form = WebForm(intake, limiter)
    api = JsonApi(intake, secrets, limiter)

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await migrate(engine, MIGRATIONS)
        await relay.start()
        try:
            yield
        finally:
            await slack_entry.settle()
            await relay.stop()
            await writer.stop()
            await store.close()
            await engine.dispose()

    def route(path: str, handler: Handler, name: str, methods: list[str]) -> Route:
        return Route(path, guarded(name, as_json=name == "api")(handler), methods=methods)

    app = Starlette(
        routes=[
            *operational_routes(
                "ingest",
                {
                    # Posts are still accepted while Kafka is away (they wait in the outbox):
                    # "broker" is for monitoring, do not take ingest out of a load balancer on it.
                    "broker": relay.reachable,
                    "database": DatabaseCheck(engine),
                    "outbox": OutboxCheck(store, settings.outbox_max_age_s),
                },
            ),
            route("/slack/commands", slack_entry.commands, "slack_commands", ["POST"]),
            route(
                "/slack/interactivity", slack_entry.interactivity, "slack_interactivity", ["POST"]
            ),
            route("/slack/events", slack_entry.events, "slack_events", ["POST"]),
            route("/teams/messages", teams_entry.messages, "teams", ["POST"]),
            route("/moments/new", web_form.page, "form", ["GET", "POST"]),
            route("/api/v1/moments", api.moments, "api", ["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.ingest = intake
    app.state.relay = relay
    return app
