"""The web form: `GET /moments/new` shows it, `POST /moments/new` posts a moment."""

import hmac
import secrets as random_secrets
from typing import Any

import jinja2
from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from schemas.events import Beneficiary, Kind, Language, Platform
from services.ingest.domain.csrf import check_token, expired_token, make_token
from services.ingest.domain.form_scope import UNSCOPED, Scope
from services.ingest.domain.i18n import (
    BENEFICIARY_LABELS,
    KIND_LABELS,
    LANGUAGE_NAMES,
    choose_language,
    t,
)
from services.ingest.domain.moments import Draft, confirmation, field_errors, not_confirmed
from services.ingest.entrypoints.http import RETRY_AFTER_S, form_fields, read_body
from services.ingest.errors import BodyTooLarge, StoreLate, StoreUnavailable
from services.ingest.intake import Intake
from services.ingest.ratelimit import RateLimiter
from services.ingest.telemetry import REJECTED, log

CSRF_COOKIE = "mango_form"
CHECKED = "1"
"""What a ticked box of the form sends (`value="1"` in form.html)."""
LANGUAGE_CODES = frozenset(language.value for language in Language)
FORM_MEDIA_TYPE = "application/x-www-form-urlencoded"
# The page is UTF-8, so browsers send it so; a body in another charset would be read wrongly.
FORM_CHARSETS = ("", "utf-8", "utf8")
KEPT_FIELDS = (
    "department",
    "kind",
    "beneficiary",
    "text",
    "title",
    "author_name",
    "anonymous",
    "share_external",
)
"""What a person typed or chose, shown again when the form comes back to them."""

FIELD_LINKS = {
    "department": ("department", "label_department"),
    "kind": ("kind-first", "label_kind"),
    "beneficiary": ("beneficiary-first", "label_beneficiary"),
    "text": ("text", "label_text"),
    "title": ("title", "label_title"),
    "author_name": ("author_name", "label_name"),
}
"""Per field, in the order of the page: where its error links to (a control that can take
focus, not the fieldset) and the label that names it in the error summary."""


class WebForm:
    """The form's pages, rendered from `templates/`; `limiter` is shared with the JSON API."""

    def __init__(self, intake: Intake, limiter: RateLimiter) -> None:
        self.intake = intake
        self.network = intake.network
        self.limiter = limiter
        self.form_key = hmac.new(intake.key, b"mango-form-csrf", "sha256").digest()
        self.templates = jinja2.Environment(
            loader=jinja2.PackageLoader("services.ingest", "templates"),
            autoescape=jinja2.select_autoescape(default=True),
            undefined=jinja2.ChainableUndefined,
        )

    async def page(self, request: Request) -> Response:
        lang = choose_language(
            request.query_params.get("lang"), request.headers.get("accept-language")
        )
        if request.method in ("GET", "HEAD"):  # Starlette answers HEAD on a GET route
            query = request.query_params
            scope = Scope.of(self.network, query.get("org"), query.get("department"))
            return self.render_form(request, lang, scope=scope)
        return await self._post(request)

    def _unreadable(self, lang: Language, reason: str, status: int) -> HTMLResponse:
        """A body no browser sends for this form: a page in the person's language."""
        REJECTED.labels("form", reason).inc()
        log.info("request rejected", extra={"route": "form", "reason": reason, "status": status})
        return self.rejected(lang, status, t("unreadable_form", lang))

    def rejected(
        self, lang: Language, status: int, message: str, *, scope: Scope = UNSCOPED
    ) -> HTMLResponse:
        """A page that says the post was not sent (or, with 202, not yet confirmed), and why."""
        title = "not_confirmed_title" if status == 202 else "not_sent_title"
        return self.render(
            "rejected.html",
            lang,
            status,
            page_title=t(title, lang),
            message=message,
            scope_query=scope.query,
        )

    def render(self, name: str, lang: Language, status: int = 200, **values: Any) -> HTMLResponse:
        template = self.templates.get_template(name)
        values.setdefault("page_title", t("title_page", lang))  # the tab shows what it is for
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
        scope: Scope = UNSCOPED,
        notice: str | None = None,
    ) -> HTMLResponse:
        session = request.cookies.get(CSRF_COOKIE) or random_secrets.token_urlsafe(24)
        csrf = make_token(
            self.form_key, session, random_secrets.token_urlsafe(16), int(self.intake.clock())
        )
        errors = errors or {}
        error_links = [
            (target, t(label, lang), errors[name])
            for name, (target, label) in FIELD_LINKS.items()
            if name in errors
        ]
        # A form that comes back with what was typed switches language by posting it along.
        switch_fields = (
            [(name, value) for name, value in values.items() if value]
            + ([("org", scope.organisation.id)] if scope.organisation else [])
            if values
            else []
        )
        defaults: dict[str, Any] = {
            "kind": Kind.MOMENT.value,
            "text": "",
            "title": "",
            "department": scope.department,
        }
        response = self.render(
            "form.html",
            lang,
            status,
            page_title=t("error_title", lang, title=t("title_page", lang))
            if errors or notice
            else t("title_page", lang),
            organisations=[scope.organisation]
            if scope.organisation
            else self.network.organisations,
            kinds=[(k.value, KIND_LABELS[k][lang]) for k in Kind],
            beneficiaries=[(b.value, BENEFICIARY_LABELS[b][lang]) for b in Beneficiary],
            consent=self.network.consent.text[lang],
            csrf=csrf,
            values={**defaults, **(values or {})},
            errors=errors,
            error_links=error_links,
            notice=notice,
            scope_org=scope.organisation.id if scope.organisation else None,
            scope_query=scope.query,
            switch_fields=switch_fields,
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

    async def _post(self, request: Request) -> Response:
        accept_language = request.headers.get("accept-language")
        lang = choose_language(None, accept_language)
        try:
            body = await read_body(request, self.intake.settings.max_body_bytes)
        except BodyTooLarge:
            REJECTED.labels("form", "body_too_large").inc()
            return self.rejected(lang, 413, t("too_long_page", lang))
        media_type, _, parameters = request.headers.get("content-type", "").partition(";")
        charset = parameters.lower().partition("charset=")[2].split(";")[0].strip(' "')
        if media_type.strip().lower() != FORM_MEDIA_TYPE or charset not in FORM_CHARSETS:
            return self._unreadable(lang, "unsupported_media_type", 415)
        try:
            fields = form_fields(body.decode("utf-8"))
        except UnicodeDecodeError:
            return self._unreadable(lang, "invalid_utf8", 400)
        lang = choose_language(fields.get("lang"), accept_language)
        kept = {k: fields.get(k, "") for k in KEPT_FIELDS}
        scope = Scope.of(self.network, fields.get("org"), None)
        # The language switch of a form that came back: nothing is posted.
        asked = fields.get("switch_lang", "")
        switch_to = Language(asked) if asked in LANGUAGE_CODES else None
        session = request.cookies.get(CSRF_COOKIE)
        token, now = fields.get("csrf"), self.intake.clock()
        nonce = check_token(self.form_key, session, token, now)
        expired = nonce is None and expired_token(self.form_key, session, token, now)
        if switch_to is not None and (expired or (nonce is not None and session is not None)):
            # The same form in the language chosen, with what was typed (and a fresh token).
            return self.render_form(request, switch_to, values=kept, scope=scope)
        if expired:
            # Left open too long, not forged: give back what they typed, with a new token.
            REJECTED.labels("form", "csrf_expired").inc()
            log.info("request rejected", extra={"route": "form", "reason": "csrf_expired"})
            return self.render_form(
                request,
                lang,
                values=kept,
                status=403,
                scope=scope,
                notice=t("form_expired_kept", lang),
            )
        if nonce is None or session is None:
            # Not shown again: a forged post must not come back as a ready-to-send form.
            REJECTED.labels("form", "csrf").inc()
            log.warning("request rejected", extra={"route": "form", "reason": "csrf"})
            return self.rejected(lang, 403, t("csrf", lang), scope=scope)
        # The limit after the token: a forged post is refused before it can use up the limit of
        # colleagues behind the same address, and never comes back as a ready-to-send form.
        if not self.limiter.allow(f"form:{request.client.host if request.client else '-'}"):
            REJECTED.labels("form", "rate_limited").inc()
            log.warning("request rejected", extra={"route": "form", "reason": "rate_limited"})
            # Colleagues behind one address can hit the limit: keep what this one typed.
            response = self.render_form(
                request,
                lang,
                values=kept,
                status=429,
                scope=scope,
                notice=t("rate_limited", lang),
            )
            response.headers["Retry-After"] = RETRY_AFTER_S
            return response
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
            # Only the box's own value is consent: not "0", "false" or "off".
            anonymous=fields.get("anonymous") == CHECKED,
            share_external=fields.get("share_external") == CHECKED,
        )
        errors = field_errors(draft, self.network, lang)
        if errors:
            return self.render_form(
                request, lang, values=kept, errors=errors, status=400, scope=scope
            )
        accepted, stored = self.intake.submit(draft)
        try:
            await self.intake.answer(stored)
        except StoreLate:  # it may yet land: a second post would double it
            return self.rejected(lang, 202, not_confirmed(accepted, lang), scope=scope)
        except StoreUnavailable:
            return self.rejected(lang, 503, t("try_again", lang), scope=scope)
        return self.render(
            "thanks.html",
            lang,
            page_title=t("thanks_title", lang),
            message=confirmation(accepted, lang),
            # The next moment is likely for the same department: it is chosen already.
            scope_query=Scope.of(self.network, None, fields.get("department")).query,
        )
