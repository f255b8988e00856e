"""Settings of ingest: `MANGO_` environment variables (see docs/ingest.md for the table)."""

import secrets
from pathlib import Path

from pydantic import BaseModel, Field, SecretStr

from schemas.topics import MOMENTS
from services.common.settings import ServiceSettings


class SlackSettings(BaseModel):
    signing_secret: SecretStr | None = Field(
        default=None, description="The Slack app's signing secret (Basic Information page)."
    )
    signing_secret_previous: SecretStr | None = Field(
        default=None, description="The old signing secret, accepted too while rotating."
    )
    bot_token: SecretStr | None = Field(
        default=None,
        description="xoxb- token for views.open and chat.postEphemeral; without it, "
        "confirmations do not name Slack channels.",
    )
    base_url: str = Field(
        default="https://slack.com/api/", description="Slack Web API base URL (tests: a fake)."
    )
    response_url_prefix: str = Field(
        default="https://hooks.slack.com/",
        pattern=r"^https?://[^/]+/",
        description="Follow-ups to a slash command go to its `response_url` only when it starts "
        "with this (tests: a fake).",
    )

    def signing_secrets(self) -> list[str]:
        return [
            s.get_secret_value()
            for s in (self.signing_secret, self.signing_secret_previous)
            if s is not None and s.get_secret_value()
        ]


class IngestSettings(ServiceSettings):
    port: int = Field(default=8000, ge=0, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/ingest.db"
    slack: SlackSettings = Field(default_factory=SlackSettings)
    pseudonym_key: SecretStr | None = Field(
        default=None,
        description="Key of the keyed hash in author.ref and of the form's CSRF tokens. Unset: "
        "a random key is created once in `pseudonym_key_file` (fine for one machine).",
    )
    pseudonym_key_file: Path = Field(
        default=Path("var/ingest-pseudonym.key"),
        description="Where the random pseudonym key is kept when MANGO_PSEUDONYM_KEY is unset.",
    )
    moments_topic: str = Field(default=MOMENTS, description="Topic of accepted moments.")
    max_body_bytes: int = Field(
        default=64 * 1024,
        ge=1024,
        le=10 * 1024 * 1024,
        description="Requests with a larger body get 413 before it is read.",
    )
    form_rate_limit: int = Field(
        default=10, ge=1, description="Posts per minute per client address (form and JSON API)."
    )
    store_timeout_s: float = Field(
        default=2.0, gt=0, le=10, description="Longest wait for the outbox commit before 503."
    )
    slow_store_wait_s: float = Field(
        default=20.0,
        gt=0,
        le=600,
        description='A slash command whose outbox commit is slow is answered "saving" after '
        "store_timeout_s; it may wait this long, and the outcome follows through Slack.",
    )
    outbox_max_age_s: float = Field(
        default=300.0, gt=0, description="/readyz fails when a moment waits longer than this."
    )
    relay_idle_poll_s: float = Field(
        default=1.0, gt=0, le=60, description="How often the relay looks for work when idle."
    )

    def pseudonym_key_bytes(self) -> bytes:
        if self.pseudonym_key is not None and self.pseudonym_key.get_secret_value():
            return self.pseudonym_key.get_secret_value().encode()
        path = self.pseudonym_key_file
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            path.touch(mode=0o600, exist_ok=True)
            if not path.read_text(encoding="utf-8").strip():
                path.write_text(secrets.token_urlsafe(32), encoding="utf-8")
        return path.read_text(encoding="utf-8").strip().encode()
