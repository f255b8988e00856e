"""Slack: `/slack/commands`, `/slack/interactivity` and `/slack/events`."""

import asyncio
import json
from typing import Any

from starlette.background import BackgroundTask
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from schemas.events import Language
from services.ingest.adapters.slack import SlackCallFailed, SlackClient, follow_up
from services.ingest.domain import slack as slack_payloads
from services.ingest.domain.i18n import t
from services.ingest.domain.moments import (
    Accepted,
    Draft,
    asks_for_help,
    confirmation,
    field_errors,
    not_confirmed,
    text_field,
)
from services.ingest.domain.redaction import normalise_text
from services.ingest.domain.verification import verify_slack
from services.ingest.entrypoints.http import form_fields, read_body
from services.ingest.errors import RequestRejected, StoreLate, StoreUnavailable
from services.ingest.intake import Intake
from services.ingest.telemetry import log

SLACK_CALL_TIMEOUT_S = 2.0
NAME_LOOKUP_S = 0.5
"""Longest wait for the names of mentioned colleagues: with the outbox's 2 s
(`MANGO_STORE_TIMEOUT_S`), a slash command is still answered within Slack's 3 s, and a
shortcut's modal (2 s at most) opened before its trigger expires."""
FOLLOW_UP_MARGIN_S = 10.0
"""A commit still running this long after its insert's deadline (a database that stopped
answering) is reported as "not confirmed" rather than waited for."""
FOLLOW_UP_SEND_S = 5
"""Longest wait for Slack to take one follow-up."""


def outcome_text(accepted: Accepted, stored: "asyncio.Future[bool]", language: Language) -> str:
    """The follow-up for a slow commit: thank you, not saved, or not confirmed (yet)."""
    if not stored.done():
        return not_confirmed(accepted, language, slack=True)
    if stored.cancelled() or stored.exception() is not None:
        return t("not_saved", language)
    return confirmation(accepted, language, slack=True)


def ephemeral(text: str, background: BackgroundTask | None = None) -> JSONResponse:
    """A reply to a slash command that only the person who sent it sees."""
    return JSONResponse({"response_type": "ephemeral", "text": text}, background=background)


class SlackEntryPoint:
    """The Slack request handlers; `slack` (the Web API client) is None when none is configured."""

    def __init__(self, intake: Intake, slack: SlackClient | None) -> None:
        self.intake = intake
        self.network = intake.network
        self.slack = slack
        self._following: set[asyncio.Task[Any]] = set()

    async def commands(self, request: Request) -> Response:
        form = form_fields(await self._verified_body(request))
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
            if await self._open_modal(form.get("trigger_id", ""), view):
                return Response(status_code=200)
            return ephemeral(t("try_again", language))
        if asks_for_help(form.get("text", "")):
            return ephemeral(f"{t('slack_help', language)} {t('help_more', language)}")
        if place.department_id is None:
            return ephemeral(t("unmapped_channel", language))
        draft = await self._readable(slack_payloads.command_draft(form, place), language)
        errors = field_errors(draft, self.network, language)
        if errors:
            return ephemeral(" ".join(errors.values()))
        # A slash command is never retried: its answer must say what happened. When the
        # outbox is slow, say "saving" and follow up through Slack once the commit has landed.
        settings = self.intake.settings
        follow_up_to = slack_payloads.follow_up_url(form, settings.slack.response_url_prefix)
        accepted, stored = self.intake.submit(
            draft, within_s=settings.slow_store_wait_s if follow_up_to else None
        )
        try:
            await self.intake.answer(stored)
        except StoreLate:
            if follow_up_to is None:
                return ephemeral(not_confirmed(accepted, language, slack=True))
            outcome = BackgroundTask(self._follow_up, follow_up_to, accepted, stored, language)
            return ephemeral(t("saving", language), background=outcome)
        except StoreUnavailable:  # not stored: say so, do not 503
            return ephemeral(t("try_again", language))
        return ephemeral(confirmation(accepted, language, slack=True))

    async def interactivity(self, request: Request) -> Response:
        payload = json.loads(form_fields(await self._verified_body(request))["payload"])
        kind = payload.get("type")
        team = str((payload.get("team") or {}).get("id") or "")
        if kind == "view_submission":
            return await self._view_submission(payload, team)
        if kind in ("message_action", "shortcut"):
            if text_field(payload.get("callback_id")) != slack_payloads.SHORTCUT_CALLBACK_ID:
                return Response(status_code=200)  # another app's shortcut: nothing to open
            channel = (payload.get("channel") or {}).get("id")
            place = slack_payloads.find_place(self.network, team, channel)
            if place is None:
                return Response(status_code=200)
            language = place.organisation.language
            message = payload.get("message") or {}
            # (normalised as the submitted text will be: a lone surrogate or a control
            # character in the shared message would make Slack refuse the modal)
            raw = slack_payloads.plain_text(normalise_text(str(message.get("text") or "")))
            text, mentions = slack_payloads.readable_mentions(
                raw, await self._names(raw), t("unknown_colleague", language)
            )
            view = slack_payloads.modal_view(
                place.organisation,
                self.network.consent.text[language],
                language,
                department_id=place.department_id,
                text=text,
                channel_id=channel,
                mentions=mentions,
            )
            if await self._open_modal(str(payload.get("trigger_id") or ""), view):
                return Response(status_code=200)
            # The person clicked and nothing opened: say so, where Slack lets us.
            url = slack_payloads.follow_up_url(
                payload, self.intake.settings.slack.response_url_prefix
            )
            retry = BackgroundTask(self._say, url, t("try_again", language)) if url else None
            return Response(status_code=200, background=retry)
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
        accepted, new = await self.intake.accept(draft)
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
            done, background=self._ephemeral_later(channel, user, text) if new else None
        )

    async def events(self, request: Request) -> Response:
        envelope = json.loads(await self._verified_body(request))
        if envelope.get("type") == "url_verification":
            challenge = text_field(envelope.get("challenge"))
            if not challenge:
                raise RequestRejected("missing_challenge")
            return JSONResponse({"challenge": challenge})
        event = envelope.get("event") or {}
        if envelope.get("type") != "event_callback" or event.get("type") != "app_mention":
            return Response(status_code=200)
        if event.get("bot_id") or event.get("edited"):
            # An edit of a message that mentions @Mango comes as a new event: posted once.
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
                background=self._ephemeral_later(channel, user, t("unmapped_channel", language)),
            )
        draft = await self._readable(slack_payloads.mention_draft(envelope, place), language)
        errors = field_errors(draft, self.network, language)
        if errors:
            text = " ".join(errors.values())
            return Response(status_code=200, background=self._ephemeral_later(channel, user, text))
        accepted, new = await self.intake.accept(draft)  # StoreUnavailable -> 503 -> Slack retries
        text = confirmation(accepted, language, slack=True)
        return Response(
            status_code=200, background=self._ephemeral_later(channel, user, text) if new else None
        )

    async def _readable(self, draft: Draft, language: Language) -> Draft:
        names = await self._names(draft.text)
        unknown = t("unknown_colleague", language)
        return slack_payloads.with_readable_mentions(draft, names, unknown)

    async def _names(self, text: str) -> dict[str, str]:
        """The names of the colleagues a text mentions, as far as Slack gives them in time."""
        users = slack_payloads.mentioned_users(text)
        if not users or self.slack is None:
            return {}
        return await self.slack.display_names(users, NAME_LOOKUP_S)

    # --- the request's signature, and calls back to Slack ---------------------------------------

    async def _verified_body(self, request: Request) -> str:
        settings = self.intake.settings
        body = await read_body(request, settings.max_body_bytes)
        return verify_slack(
            body,
            request.headers.get("x-slack-request-timestamp"),
            request.headers.get("x-slack-signature"),
            settings.slack.signing_secrets(),
            self.intake.clock(),
        )

    async def _open_modal(self, trigger_id: str, view: dict[str, Any]) -> bool:
        if self.slack is None:
            return False
        try:
            async with asyncio.timeout(SLACK_CALL_TIMEOUT_S):
                await self.slack.open_modal(trigger_id, view)
        except (SlackCallFailed, TimeoutError) as exc:
            # Not the exception itself: Slack's error response can echo the prefilled text.
            log.warning("could not open the Slack modal", extra={"error": str(exc)[:80]})
            return False
        return True

    async def _follow_up(
        self, url: str, accepted: Accepted, stored: "asyncio.Future[bool]", language: Language
    ) -> None:
        """Tell the user how the slow commit ended: saved, not saved, or still not known. When
        the server shuts down first (the wait is cancelled), say what is known by then."""
        task = asyncio.current_task()
        assert task is not None  # noqa: S101 - always runs inside a task
        self._following.add(task)
        try:
            patience = self.intake.settings.slow_store_wait_s + FOLLOW_UP_MARGIN_S
            await asyncio.wait({stored}, timeout=patience)
        finally:  # cancelled too: say what is known by now, then stop
            try:
                await self._say(url, outcome_text(accepted, stored, language))
            finally:
                self._following.discard(task)

    async def _say(self, url: str, text: str) -> None:
        """An ephemeral message through a `response_url`, to the person who typed or clicked."""
        try:
            await follow_up(url, text, timeout_s=FOLLOW_UP_SEND_S)
        except SlackCallFailed as exc:
            log.warning("could not send the Slack follow-up", extra={"error": str(exc)[:80]})

    async def settle(self) -> None:
        """At shutdown, after the server has cancelled what outlived its grace period: let the
        follow-ups those cancellations started reach Slack."""
        if self._following:
            await asyncio.wait(self._following, timeout=FOLLOW_UP_SEND_S + 1)

    def _ephemeral_later(self, channel: str | None, user: str, text: str) -> BackgroundTask | None:
        if self.slack is None or not channel or not user:
            return None
        return BackgroundTask(self._post_ephemeral, channel, user, text)

    async def _post_ephemeral(self, channel: str, user: str, text: str) -> None:
        assert self.slack is not None  # noqa: S101 - checked by _ephemeral_later
        try:
            async with asyncio.timeout(SLACK_CALL_TIMEOUT_S):
                await self.slack.post_ephemeral(channel, user, text)
        except (SlackCallFailed, TimeoutError) as exc:
            log.warning("could not post the Slack confirmation", extra={"error": str(exc)[:80]})
