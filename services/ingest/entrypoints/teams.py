"""Teams: `/teams/messages`, the outgoing webhook of a mapped team."""

import datetime as dt
import json

from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from services.common.secrets import SecretMissing, SecretStore
from services.ingest.domain import teams as teams_payloads
from services.ingest.domain.i18n import t
from services.ingest.domain.moments import (
    asks_for_help,
    confirmation,
    field_errors,
    not_confirmed,
)
from services.ingest.domain.verification import SignatureInvalid, verify_teams
from services.ingest.entrypoints.http import read_body
from services.ingest.errors import StoreLate, StoreUnavailable
from services.ingest.intake import Intake
from services.ingest.telemetry import log


class TeamsEntryPoint:
    """The Teams handler; each team's webhook token is read from `secrets`."""

    def __init__(self, intake: Intake, secrets: SecretStore) -> None:
        self.intake = intake
        self.network = intake.network
        self.secrets = secrets

    async def messages(self, request: Request) -> Response:
        body = await read_body(request, self.intake.settings.max_body_bytes)
        try:
            activity = json.loads(body)
        except (ValueError, RecursionError):
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
        now = dt.datetime.fromtimestamp(self.intake.clock(), dt.UTC)
        if teams_payloads.is_stale(activity, now):
            raise SignatureInvalid("stale_activity")
        language = place.organisation.language
        draft = teams_payloads.activity_draft(activity, place)
        if asks_for_help(draft.text):
            text = f"{t('teams_help', language)} {t('help_more', language)}"
            return JSONResponse(teams_payloads.reply(text))
        if place.department_id is None:
            return JSONResponse(teams_payloads.reply(t("unmapped_channel_teams", language)))
        errors = field_errors(draft, self.network, language)
        if errors:
            return JSONResponse(teams_payloads.reply(" ".join(errors.values())))
        # Teams shows a 5xx as a generic error and documents no retry: every outcome is a
        # message to the person, in their language.
        accepted, stored = self.intake.submit(draft)
        try:
            await self.intake.answer(stored)
        except StoreLate:
            text = not_confirmed(accepted, language)
        except StoreUnavailable:
            text = t("try_again", language)
        else:
            text = confirmation(accepted, language)
        return JSONResponse(teams_payloads.reply(text))
