"""Composition root of ingest.

    Slack  /slack/commands, /slack/interactivity, /slack/events ─┐
    Teams  /teams/messages (outgoing webhook)                      ├─> verify ─> Draft ─> redact
    web    /moments/new (form), /api/v1/moments (JSON)            ─┘   ─> outbox commit ─> answer
                                          outbox ─(relay task)─> mango.moments.v1

Every request is verified before it is parsed, capped before it is read, and answered from the
outbox commit: Kafka being down never makes a user wait or lose a post.
"""

import asyncio
import datetime as dt
import functools
import hmac
import json
import logging
import secrets as random_secrets
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import jinja2
from prometheus_client import Counter
from pydantic import BaseModel, ConfigDict, Field, ValidationError
from slack_sdk.web.async_client import AsyncWebClient
from sqlalchemy.exc import SQLAlchemyError
from starlette.applications import Starlette
from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, PlainTextResponse, Response
from starlette.routing import Route

from schemas.events import MAX_TEXT_CHARS, Beneficiary, Kind, Language, Platform
from schemas.network import Network
from services.common.database import DatabaseCheck, create_engine, migrate
from services.common.http import operational_routes
from services.common.kafka import build_broker
from services.common.network_file import load_network
from services.common.secrets import SecretMissing, SecretStore
from services.ingest.adapters.outbox import GroupCommit, OutboxStore
from services.ingest.adapters.relay import Relay
from services.ingest.adapters.slack import SlackCallFailed, SlackClient
from services.ingest.domain import slack as slack_payloads
from services.ingest.domain import teams as teams_payloads
from services.ingest.domain.csrf import check_token, make_token
from services.ingest.domain.i18n import (
    BENEFICIARY_LABELS,
    KIND_LABELS,
    LANGUAGE_NAMES,
    choose_language,
    t,
)
from services.ingest.domain.moments import (
    Accepted,
    Draft,
    build_moment,
    confirmation,
    field_errors,
)
from services.ingest.domain.redaction import Redactor
from services.ingest.domain.verification import SignatureInvalid, verify_slack, verify_teams
from services.ingest.errors import BodyTooLarge, RequestRejected, StoreUnavailable
from services.ingest.ratelimit import RateLimiter
from services.ingest.settings import IngestSettings

log = logging.getLogger(__name__)

MIGRATIONS = Path(__file__).parent / "migrations"
CSRF_COOKIE = "mango_form"
SLACK_CALL_TIMEOUT_S = 2.0

ACCEPTED = Counter("mango_ingest_moments_accepted_total", "Moments stored.", ["platform"])
DUPLICATES = Counter("mango_ingest_duplicates_total", "Deliveries of an already stored moment.")
REJECTED = Counter("mango_ingest_rejected_total", "Rejected requests.", ["route", "reason"])

Handler = Callable[[Request], Awaitable[Response]]


class ApiMoment(BaseModel):
    """Body of `POST /api/v1/moments`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    department_id: str = Field(min_length=1, max_length=64)
    kind: Kind = Kind.MOMENT
    beneficiary: Beneficiary
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=200)
    author_name: str | None = Field(default=None, max_length=120)
    anonymous: bool = False
    share_external: bool = False
    language: Language | None = None
    reference: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Your own id of this post: sending it again does not post twice.",
    )


async def read_body(request: Request, cap: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed `cap` (never read whole)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not declared.isdigit():
            raise RequestRejected("bad_content_length")
        if int(declared) > cap:
            raise BodyTooLarge("body_too_large")
    chunks: list[bytes] = []
    size = 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > cap:
            raise BodyTooLarge("body_too_large")
        chunks.append(chunk)
    return b"".join(chunks)


def form_fields(text: str) -> dict[str, str]:
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True).items()}


def guarded(route: str) -> Callable[[Handler], Handler]:
    """Turn every expected failure into a clear 4xx/503 and log it with ids only."""

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapper(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestRejected as exc:
                REJECTED.labels(route, exc.reason).inc()
                level = logging.WARNING if exc.status_code in (401, 403, 429) else logging.INFO
                log.log(
                    level,
                    "request rejected",
                    extra={"route": route, "reason": exc.reason, "status": exc.status_code},
                )
                return PlainTextResponse(exc.reason, status_code=exc.status_code)
            except StoreUnavailable:
                REJECTED.labels(route, "store_unavailable").inc()
                log.error("outbox unavailable", extra={"route": route})
                return PlainTextResponse("try_again", status_code=503)
            except (ValueError, KeyError, TypeError, AttributeError, IndexError) as exc:
                REJECTED.labels(route, "malformed_payload").inc()
                # The type only: messages (pydantic's, json's) can quote the user's text.
                log.info("malformed payload", extra={"route": route, "error": type(exc).__name__})
                return PlainTextResponse("malformed_payload", status_code=400)

        return wrapper

    return decorate


class Ingest:
    """The request handlers, with everything they need given at construction."""

    def __init__(
        self,
        settings: IngestSettings,
        network: Network,
        store: OutboxStore,
        writer: GroupCommit,
        relay: Relay,
        secrets: SecretStore,
        slack: SlackClient | None,
        redactor: Redactor,
        clock: Callable[[], float] = time.time,
    ) -> None:
        self.settings = settings
        self.network = network
        self.store = store
        self.writer = writer
        self.relay = relay
        self.secrets = secrets
        self.slack = slack
        self.redactor = redactor
        self.clock = clock
        self.key = settings.pseudonym_key_bytes()
        self.form_key = hmac.new(self.key, b"mango-form-csrf", "sha256").digest()
        self.limiter = RateLimiter(settings.form_rate_limit)
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("services.ingest", "templates"),
            autoescape=jinja2.select_autoescape(default=True),
            undefined=jinja2.ChainableUndefined,
        )

    # --- shared steps -------------------------------------------------------------------------

    async def accept(self, draft: Draft) -> tuple[Accepted, bool]:
        """Redact, build and commit; True when it is new (False: a duplicate delivery)."""
        now = dt.datetime.fromtimestamp(self.clock(), dt.UTC)
        accepted = build_moment(
            draft, network=self.network, redactor=self.redactor, pseudonym_key=self.key, now=now
        )
        try:
            new = await asyncio.wait_for(
                self.writer.add(accepted.moment, now), self.settings.store_timeout_s
            )
        except (TimeoutError, OSError, SQLAlchemyError) as exc:
            raise StoreUnavailable("outbox commit failed") from exc
        extra = {
            "event_id": str(accepted.moment.event_id),
            "organisation_id": accepted.moment.organisation_id,
            "platform": draft.platform.value,
            "redactions": {k.value: v for k, v in accepted.moment.privacy.redactions.items()},
            "needs_review": accepted.moment.privacy.needs_review,
        }
        if new:
            ACCEPTED.labels(draft.platform.value).inc()
            log.info("moment accepted", extra=extra)
            self.relay.wake()
        else:
            DUPLICATES.inc()
            log.info("duplicate delivery", extra=extra)
        return accepted, new

    async def slack_body(self, request: Request) -> str:
        body = await read_body(request, self.settings.max_body_bytes)
        return verify_slack(
            body,
            request.headers.get("x-slack-request-timestamp"),
            request.headers.get("x-slack-signature"),
            self.settings.slack.signing_secrets(),
            self.clock(),
        )

    async def open_modal(self, trigger_id: str, view: dict[str, Any]) -> bool:
        if self.slack is None:
            return False
        try:
            await asyncio.wait_for(self.slack.open_modal(trigger_id, view), SLACK_CALL_TIMEOUT_S)
        except (SlackCallFailed, TimeoutError) as exc:
            # Not the exception itself: Slack's error response can echo the prefilled text.
            log.warning("could not open the Slack modal", extra={"error": str(exc)[:80]})
            return False
        return True

    def ephemeral_later(self, channel: str | None, user: str, text: str) -> BackgroundTask | None:
        if self.slack is None or not channel or not user:
            return None
        return BackgroundTask(self._post_ephemeral, channel, user, text)

    async def _post_ephemeral(self, channel: str, user: str, text: str) -> None:
        assert self.slack is not None  # noqa: S101 - checked by ephemeral_later
        try:
            await asyncio.wait_for(
                self.slack.post_ephemeral(channel, user, text), SLACK_CALL_TIMEOUT_S
            )
        except (SlackCallFailed, TimeoutError) as exc:
            log.warning("could not post the Slack confirmation", extra={"error": str(exc)[:80]})

    # --- Slack --------------------------------------------------------------------------------

    async def slack_commands(self, request: Request) -> Response:
        form = form_fields(await self.slack_body(request))
        place = slack_payloads.find_place(
            self.network, form.get("team_id", ""), form.get("channel_id")
        )
        if place is None:
            return ephemeral(t("unknown_workspace", Language.NL))
        language = place.organisation.language
        if not form.get("text", "").strip():
            view = slack_payloads.modal_view(
                place.organisation,
                self.network.consent.text[language],
                language,
                department_id=place.department_id,
                channel_id=form.get("channel_id"),
            )
            if await self.open_modal(form.get("trigger_id", ""), view):
                return Response(status_code=200)
            return ephemeral(t("try_again", language))
        if place.department_id is None:
            return ephemeral(t("unmapped_channel", language))
        draft = slack_payloads.command_draft(form, place)
        errors = field_errors(draft, self.network, language)
        if errors:
            return ephemeral(" ".join(errors.values()))
        try:
            accepted, _ = await self.accept(draft)
        except StoreUnavailable:  # slash commands are never retried: say so, do not 503
            return ephemeral(t("try_again", language))
        return ephemeral(confirmation(accepted, language, slack=True))

    async def slack_interactivity(self, request: Request) -> Response:
        payload = json.loads(form_fields(await self.slack_body(request))["payload"])
        kind = payload.get("type")
        team = str((payload.get("team") or {}).get("id") or "")
        if kind == "view_submission":
            return await self._view_submission(payload, team)
        if kind in ("message_action", "shortcut"):
            channel = (payload.get("channel") or {}).get("id")
            place = slack_payloads.find_place(self.network, team, channel)
            if place is None:
                return Response(status_code=200)
            language = place.organisation.language
            message = payload.get("message") or {}
            view = slack_payloads.modal_view(
                place.organisation,
                self.network.consent.text[language],
                language,
                department_id=place.department_id,
                text=slack_payloads.plain_text(str(message.get("text") or "")),
                channel_id=channel,
            )
            await self.open_modal(str(payload.get("trigger_id") or ""), view)
            return Response(status_code=200)
        return Response(status_code=200)  # block actions, view_closed: nothing to do

    async def _view_submission(self, payload: dict[str, Any], team: str) -> Response:
        place = slack_payloads.find_place(self.network, team, None)
        if place is None:
            raise RequestRejected("unknown_workspace")
        language = place.organisation.language
        draft = slack_payloads.submission_draft(payload, place.organisation)
        errors = field_errors(draft, self.network, language)
        if errors:
            return JSONResponse(slack_payloads.modal_errors(errors))
        accepted, new = await self.accept(draft)
        text = confirmation(accepted, language, slack=True)
        user = str((payload.get("user") or {}).get("id") or "")
        channel = slack_payloads.metadata_channel(payload)
        done = {
            "response_action": "update",
            "view": {
                "type": "modal",
                "title": {"type": "plain_text", "text": "Mangomoment"},
                "close": {"type": "plain_text", "text": "OK"},
                "blocks": [{"type": "section", "text": {"type": "mrkdwn", "text": text}}],
            },
        }
        return JSONResponse(
            done, background=self.ephemeral_later(channel, user, text) if new else None
        )

    async def slack_events(self, request: Request) -> Response:
        envelope = json.loads(await self.slack_body(request))
        if envelope.get("type") == "url_verification":
            return JSONResponse({"challenge": str(envelope.get("challenge", ""))})
        event = envelope.get("event") or {}
        if envelope.get("type") != "event_callback" or event.get("type") != "app_mention":
            return Response(status_code=200)
        if event.get("bot_id"):
            return Response(status_code=200)
        team = str(envelope.get("team_id") or "")
        place = slack_payloads.find_place(self.network, team, event.get("channel"))
        if place is None:
            return Response(status_code=200)
        language = place.organisation.language
        user, channel = str(event.get("user") or ""), str(event.get("channel") or "")
        if place.department_id is None:
            return Response(
                status_code=200,
                background=self.ephemeral_later(channel, user, t("unmapped_channel", language)),
            )
        draft = slack_payloads.mention_draft(envelope, place)
        errors = field_errors(draft, self.network, language)
        if errors:
            text = " ".join(errors.values())
            return Response(status_code=200, background=self.ephemeral_later(channel, user, text))
        accepted, new = await self.accept(draft)  # StoreUnavailable -> 503 -> Slack retries
        text = confirmation(accepted, language, slack=True)
        return Response(
            status_code=200, background=self.ephemeral_later(channel, user, text) if new else None
        )

    # --- Teams --------------------------------------------------------------------------------

    async def teams_messages(self, request: Request) -> Response:
        body = await read_body(request, self.settings.max_body_bytes)
        try:
            activity = json.loads(body)
        except ValueError:
            raise SignatureInvalid("unreadable_activity") from None
        if not isinstance(activity, dict):
            raise SignatureInvalid("unreadable_activity")
        place = teams_payloads.find_team(self.network, activity)
        if place is None:
            raise SignatureInvalid("unknown_team")
        try:
            token = self.secrets.get(place.team.token_secret).get_secret_value()
        except SecretMissing:
            log.error("Teams token secret missing", extra={"secret": place.team.token_secret})
            raise SignatureInvalid("no_token_configured") from None
        verify_teams(body, request.headers.get("authorization"), token)
        if teams_payloads.is_stale(activity, dt.datetime.fromtimestamp(self.clock(), dt.UTC)):
            raise SignatureInvalid("stale_activity")
        language = place.organisation.language
        if place.department_id is None:
            return JSONResponse(teams_payloads.reply(t("unmapped_channel", language)))
        draft = teams_payloads.activity_draft(activity, place)
        errors = field_errors(draft, self.network, language)
        if errors:
            return JSONResponse(teams_payloads.reply(" ".join(errors.values())))
        accepted, _ = await self.accept(draft)
        return JSONResponse(teams_payloads.reply(confirmation(accepted, language)))

    # --- web form -----------------------------------------------------------------------------

    def render(self, name: str, lang: Language, status: int = 200, **values: Any) -> HTMLResponse:
        template = self.templates.get_template(name)
        html = template.render(
            lang=lang.value,
            t=lambda key: t(key, lang),
            languages=list((lang_.value, label) for lang_, label in LANGUAGE_NAMES.items()),
            **values,
        )
        response = HTMLResponse(html, status_code=status)
        response.headers["Content-Security-Policy"] = (
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self'; "
            "frame-ancestors 'none'; base-uri 'none'"
        )
        response.headers["X-Content-Type-Options"] = "nosniff"
        response.headers["Referrer-Policy"] = "same-origin"
        return response

    def render_form(
        self,
        request: Request,
        lang: Language,
        *,
        values: dict[str, Any] | None = None,
        errors: dict[str, str] | None = None,
        status: int = 200,
        org: str | None = None,
    ) -> HTMLResponse:
        session = request.cookies.get(CSRF_COOKIE) or random_secrets.token_urlsafe(24)
        csrf = make_token(
            self.form_key, session, random_secrets.token_urlsafe(16), int(self.clock())
        )
        defaults: dict[str, Any] = {"kind": Kind.MOMENT.value, "text": "", "title": ""}
        if org and self.network.organisation(org) and not (values or {}).get("department"):
            organisation = self.network.organisation(org)
            if organisation is not None and len(organisation.departments) == 1:
                defaults["department"] = f"{org}/{organisation.departments[0].id}"
        response = self.render(
            "form.html",
            lang,
            status,
            page_title=t("title_page", lang),
            organisations=self.network.organisations,
            kinds=[(k.value, KIND_LABELS[k][lang]) for k in Kind],
            beneficiaries=[(b.value, BENEFICIARY_LABELS[b][lang]) for b in Beneficiary],
            consent=self.network.consent.text[lang],
            csrf=csrf,
            values={**defaults, **(values or {})},
            errors=errors or {},
            org=org if org and self.network.organisation(org) else None,
        )
        response.set_cookie(
            CSRF_COOKIE,
            session,
            max_age=8 * 3600,
            httponly=True,
            samesite="strict",
            secure=request.url.scheme == "https",
            path="/",
        )
        return response

    async def form_page(self, request: Request) -> Response:
        lang = choose_language(
            request.query_params.get("lang"), request.headers.get("accept-language")
        )
        if request.method == "GET":
            return self.render_form(request, lang, org=request.query_params.get("org"))
        return await self._form_post(request)

    async def _form_post(self, request: Request) -> Response:
        accept_language = request.headers.get("accept-language")
        lang = choose_language(None, accept_language)
        try:
            body = await read_body(request, self.settings.max_body_bytes)
        except BodyTooLarge:
            REJECTED.labels("form", "body_too_large").inc()
            return self.render(
                "rejected.html", lang, 413, page_title="413", message=t("text_too_long", lang)
            )
        content_type = request.headers.get("content-type", "").split(";")[0].strip()
        if content_type != "application/x-www-form-urlencoded":
            raise RequestRejected("unsupported_media_type", 415)
        try:
            fields = form_fields(body.decode("utf-8"))
        except UnicodeDecodeError:
            raise RequestRejected("invalid_utf8") from None
        lang = choose_language(fields.get("lang"), accept_language)
        if not self.limiter.allow(f"form:{request.client.host if request.client else '-'}"):
            REJECTED.labels("form", "rate_limited").inc()
            log.warning("request rejected", extra={"route": "form", "reason": "rate_limited"})
            response = self.render(
                "rejected.html", lang, 429, page_title="429", message=t("rate_limited", lang)
            )
            response.headers["Retry-After"] = "60"
            return response
        session = request.cookies.get(CSRF_COOKIE)
        nonce = check_token(self.form_key, session, fields.get("csrf"), self.clock())
        if nonce is None or session is None:
            REJECTED.labels("form", "csrf").inc()
            log.warning("request rejected", extra={"route": "form", "reason": "csrf"})
            return self.render(
                "rejected.html", lang, 403, page_title="403", message=t("csrf", lang)
            )
        organisation_id, _, department_id = fields.get("department", "").partition("/")
        kind, beneficiary = fields.get("kind"), fields.get("beneficiary")
        draft = Draft(
            platform=Platform.WEB,
            source_ids=("form", nonce),
            reference=f"web/{organisation_id or '-'}/{nonce}",
            organisation_id=organisation_id,
            department_id=department_id or None,
            text=fields.get("text", ""),
            title=fields.get("title") or None,
            user_id=session,
            kind=Kind(kind) if kind in {k.value for k in Kind} else None,
            beneficiary=(
                Beneficiary(beneficiary) if beneficiary in {b.value for b in Beneficiary} else None
            ),
            author_name=fields.get("author_name") or None,
            anonymous=bool(fields.get("anonymous")),
            share_external=bool(fields.get("share_external")),
        )
        errors = field_errors(draft, self.network, lang)
        if errors:
            values = {
                k: fields.get(k, "")
                for k in (
                    "department",
                    "kind",
                    "beneficiary",
                    "text",
                    "title",
                    "author_name",
                    "anonymous",
                    "share_external",
                )
            }
            return self.render_form(request, lang, values=values, errors=errors, status=400)
        try:
            accepted, _ = await self.accept(draft)
        except StoreUnavailable:
            return self.render(
                "rejected.html", lang, 503, page_title="503", message=t("try_again", lang)
            )
        return self.render(
            "thanks.html",
            lang,
            page_title=t("thanks_title", lang),
            message=confirmation(accepted, lang),
        )

    # --- JSON API -----------------------------------------------------------------------------

    def organisation_of_token(self, authorization: str | None) -> str | None:
        if not authorization or not authorization.lower().startswith("bearer "):
            return None
        offered = authorization[7:].strip().encode()
        found = None
        for organisation in self.network.organisations:
            if organisation.api_token_secret is None:
                continue
            try:
                token = self.secrets.get(organisation.api_token_secret).get_secret_value()
            except SecretMissing:
                continue
            # Compare with every token (no early exit) so timing says nothing.
            if hmac.compare_digest(token.encode(), offered) and token:
                found = organisation.id
        return found

    async def api_moments(self, request: Request) -> Response:
        organisation_id = self.organisation_of_token(request.headers.get("authorization"))
        if organisation_id is None:
            raise RequestRejected("bad_token", 401)
        if not self.limiter.allow(
            f"api:{organisation_id}:{request.client.host if request.client else '-'}"
        ):
            raise RequestRejected("rate_limited", 429)
        body = await read_body(request, self.settings.max_body_bytes)
        try:
            data = ApiMoment.model_validate_json(body)
        except ValidationError as exc:
            errors = {".".join(str(p) for p in e["loc"]) or "body": e["msg"] for e in exc.errors()}
            REJECTED.labels("api", "invalid").inc()
            return JSONResponse({"errors": errors}, status_code=422)
        organisation = self.network.organisation(organisation_id)
        lang = data.language or (organisation.language if organisation else Language.NL)
        reference = data.reference or random_secrets.token_hex(16)
        draft = Draft(
            platform=Platform.API,
            source_ids=(organisation_id, reference),
            reference=f"api/{organisation_id}/{reference}",
            organisation_id=organisation_id,
            department_id=data.department_id,
            text=data.text,
            title=data.title,
            user_id=f"{organisation_id}:{data.author_name or 'kiosk'}",
            kind=data.kind,
            beneficiary=data.beneficiary,
            author_name=data.author_name,
            anonymous=data.anonymous,
            share_external=data.share_external,
            language=data.language,
        )
        errors = field_errors(draft, self.network, lang)
        if errors:
            return JSONResponse({"errors": errors}, status_code=422)
        accepted, new = await self.accept(draft)
        return JSONResponse(
            {
                "event_id": str(accepted.moment.event_id),
                "needs_review": accepted.moment.privacy.needs_review,
                "message": confirmation(accepted, lang),
            },
            status_code=201 if new else 200,
        )


def ephemeral(text: str) -> JSONResponse:
    return JSONResponse({"response_type": "ephemeral", "text": text})


class OutboxCheck:
    """Readiness: the outbox answers and nothing waits longer than `max_age_s`."""

    def __init__(self, store: OutboxStore, max_age_s: float) -> None:
        self._store = store
        self._max_age_s = max_age_s

    async def __call__(self) -> bool:
        _, oldest = await self._store.depth()
        if oldest is None:
            return True
        return (dt.datetime.now(dt.UTC) - oldest).total_seconds() <= self._max_age_s


def build_app(
    settings: IngestSettings,
    *,
    secrets: SecretStore | None = None,
    redactor: Redactor | None = None,
) -> Starlette:
    network = load_network(settings.network_file)
    # aiosqlite logs every statement with its parameters (the moment) at DEBUG: never let it.
    logging.getLogger("aiosqlite").setLevel(logging.INFO)
    engine = create_engine(settings.database_url)
    store = OutboxStore(engine)
    writer = GroupCommit(store)
    relay = Relay(
        store,
        lambda: build_broker(settings.kafka, client_id="mango-ingest"),
        settings.kafka,
        settings.moments_topic,
        idle_poll_s=settings.relay_idle_poll_s,
    )
    slack = None
    if settings.slack.bot_token is not None or settings.slack.base_url != "https://slack.com/api/":
        token = settings.slack.bot_token.get_secret_value() if settings.slack.bot_token else None
        slack = SlackClient(
            AsyncWebClient(token=token, base_url=settings.slack.base_url, timeout=2)
        )
    ingest = Ingest(
        settings,
        network,
        store,
        writer,
        relay,
        secrets or SecretStore.from_environment(),
        slack,
        # Lexicons load here, once, at start-up. Department and organisation names are not names.
        redactor
        or Redactor(
            known_words=[
                name
                for organisation in network.organisations
                for name in (organisation.name, *(d.name for d in organisation.departments))
            ]
        ),
    )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        await migrate(engine, MIGRATIONS)
        await writer.start()
        await relay.start()
        try:
            yield
        finally:
            await relay.stop()
            await writer.stop()
            await engine.dispose()

    def route(path: str, handler: Handler, name: str, methods: list[str]) -> Route:
        return Route(path, guarded(name)(handler), methods=methods)

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
            route("/slack/commands", ingest.slack_commands, "slack_commands", ["POST"]),
            route(
                "/slack/interactivity", ingest.slack_interactivity, "slack_interactivity", ["POST"]
            ),
            route("/slack/events", ingest.slack_events, "slack_events", ["POST"]),
            route("/teams/messages", ingest.teams_messages, "teams", ["POST"]),
            route("/moments/new", ingest.form_page, "form", ["GET", "POST"]),
            route("/api/v1/moments", ingest.api_moments, "api", ["POST"]),
        ],
        lifespan=lifespan,
    )
    app.state.ingest = ingest
    return app
