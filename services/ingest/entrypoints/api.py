"""The JSON API: `POST /api/v1/moments`, authorised by an organisation's bearer token."""

import hmac
import json
import secrets as random_secrets

from pydantic import BaseModel, ConfigDict, Field, StrictBool, ValidationError, field_validator
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from schemas.events import MAX_TEXT_CHARS, Beneficiary, Kind, Language, Platform
from services.common.secrets import SecretMissing, SecretStore
from services.ingest.domain.i18n import t
from services.ingest.domain.moments import Draft, confirmation, field_errors, platform_user_id
from services.ingest.domain.redaction import normalise_text
from services.ingest.entrypoints.http import read_body
from services.ingest.errors import RequestRejected
from services.ingest.intake import Intake
from services.ingest.ratelimit import RateLimiter
from services.ingest.telemetry import REJECTED


class ApiMoment(BaseModel):
    """Body of `POST /api/v1/moments`."""

    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True)

    department_id: str = Field(min_length=1, max_length=64)
    kind: Kind = Kind.MOMENT
    beneficiary: Beneficiary
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    title: str | None = Field(default=None, max_length=200)
    author_name: str | None = Field(default=None, max_length=120)
    # Consent is a JSON true, never "yes", "on", 1 or "t" read as one.
    anonymous: StrictBool = False
    share_external: StrictBool = False
    language: Language | None = None
    reference: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="Your own id of this post: sending it again does not post twice.",
    )

    @field_validator("text", "title", "author_name", mode="before")
    @classmethod
    def cleaned_up(cls, value: object) -> object:
        """Lengths count the text as it is kept, as on the form and in Slack: "é" typed as e +
        U+0301 is one character, an invisible one none (a wrong type is left to the type)."""
        return normalise_text(value) if isinstance(value, str) else value


def persons_message(field: str, error_type: str) -> str | None:
    """The i18n key for an error in a field a person filled in (on a kiosk, an intranet page),
    as the form and Slack say it. None for errors meant for the integrator (an unknown field, a
    wrong type): those keep pydantic's words."""
    too_long = error_type == "string_too_long"
    match field:
        case "department_id":
            return "choose_department"
        case "kind":
            return "choose_kind"
        case "beneficiary":
            return "choose_beneficiary"
        case "text":
            return "text_too_long" if too_long else "text_required"
        case "title":
            return "title_too_long" if too_long else None
        case "author_name":
            return "name_too_long" if too_long else None
    return None


def api_errors(exc: ValidationError, language: Language) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        field = ".".join(str(part) for part in error["loc"]) or "body"
        key = persons_message(field, error["type"])
        errors[field] = t(key, language) if key else error["msg"]
    return errors


def requested_language(body: bytes) -> Language | None:
    """The body's `language`, when the body is JSON that names a supported one."""
    try:
        value = json.loads(body).get("language")
    except (ValueError, RecursionError, AttributeError):
        return None
    if not isinstance(value, str) or value not in {lang.value for lang in Language}:
        return None  # (a list or an object there is the model's error to report: 422)
    return Language(value)


class JsonApi:
    """The API handler; organisation tokens are read from `secrets`, `limiter` is shared."""

    def __init__(self, intake: Intake, secrets: SecretStore, limiter: RateLimiter) -> None:
        self.intake = intake
        self.network = intake.network
        self.secrets = secrets
        self.limiter = limiter

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

    async def moments(self, request: Request) -> Response:
        organisation_id = self.organisation_of_token(request.headers.get("authorization"))
        if organisation_id is None:
            raise RequestRejected("bad_token", 401)
        if not self.limiter.allow(
            f"api:{organisation_id}:{request.client.host if request.client else '-'}"
        ):
            raise RequestRejected("rate_limited", 429)
        body = await read_body(request, self.intake.settings.max_body_bytes)
        organisation = self.network.organisation(organisation_id)
        try:
            data = ApiMoment.model_validate_json(body)
        except ValidationError as exc:
            lang = requested_language(body) or (
                organisation.language if organisation else Language.NL
            )
            REJECTED.labels("api", "invalid").inc()
            return JSONResponse({"errors": api_errors(exc, lang)}, status_code=422)
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
            user_id=platform_user_id(
                Platform.API, data.author_name or "", organisation_id=organisation_id
            ),
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
        accepted, new = await self.intake.accept(draft)
        if not new:
            accepted = await self.intake.as_first_stored(accepted)
        return JSONResponse(
            {
                "event_id": str(accepted.moment.event_id),
                "needs_review": accepted.moment.privacy.needs_review,
                "message": confirmation(accepted, lang),
            },
            status_code=201 if new else 200,
        )
