"""Settings of digest: `MANGO_` variables; nested ones with `__` (e.g. `MANGO_SMTP__HOST`)."""

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, SecretStr

from schemas import DELIVERIES, DIGESTS, MOMENTS
from services.common.settings import ServiceSettings


class SmtpSettings(BaseModel):
    host: str = "127.0.0.1"
    port: int = Field(default=25, ge=1, le=65535)
    starttls: bool = Field(default=False, description="Upgrade the connection with STARTTLS.")
    tls: bool = Field(default=False, description="Implicit TLS from the first byte (port 465).")
    username: str | None = None
    password: SecretStr | None = None
    timeout_s: float = Field(default=30.0, gt=0)
    ca_file: Path | None = Field(
        default=None, description="CA bundle (PEM) to verify the server, e.g. an internal CA."
    )


class GraphSettings(BaseModel):
    """Microsoft Graph `sendMail`, app-only (`Mail.Send` scoped to the sender mailbox)."""

    tenant_id: str | None = None
    client_id: str | None = None
    client_secret: SecretStr | None = None
    sender: str | None = Field(
        default=None, description="Mailbox the digests are sent from (user id or address)."
    )
    base_url: str = "https://graph.microsoft.com/v1.0"


class MailSettings(BaseModel):
    transport: Literal["smtp", "graph"] = "smtp"
    sender: str = Field(
        default="mangomoment@localhost", description="From address (SMTP; Graph uses its sender)."
    )
    sender_name: str = "Mangomoment"
    max_attempts: int = Field(default=4, ge=1, le=20, description="Attempts per recipient.")
    backoff_s: float = Field(default=1.0, ge=0, description="First retry delay; doubles, capped.")
    backoff_max_s: float = Field(default=30.0, ge=0)
    concurrency: int = Field(default=4, ge=1, le=64, description="Emails in flight at once.")
    retry_every_s: float = Field(
        default=900.0,
        ge=1,
        description="Recipients the mail server could not take (down, busy) are tried again this "
        "long after their last failure, until the next week's digest is due.",
    )


class DigestSettings(ServiceSettings):
    port: int = Field(default=8002, ge=0, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/digest.db"
    group_id: str = Field(
        default="digest",
        description="Kafka consumer group. Each service has its own: never set it in a .env "
        "that several services read.",
    )
    moments_topic: str = Field(default=MOMENTS, description="Topic of accepted moments.")
    deliveries_topic: str = Field(default=DELIVERIES, description="Topic of deliveries.")
    digests_topic: str = DIGESTS
    schedule_interval_s: float = Field(
        default=60.0, gt=0, description="How often the scheduler looks for digests that are due."
    )
    catch_up_timeout_s: float = Field(
        default=300.0,
        ge=0,
        description="At start, wait this long at most for the consumers to store the moments "
        "still in Kafka before the first digests are sent.",
    )
    mail: MailSettings = Field(default_factory=MailSettings)
    smtp: SmtpSettings = Field(default_factory=SmtpSettings)
    graph: GraphSettings = Field(default_factory=GraphSettings)
    dev_mailbox: Path | None = Field(
        default=None,
        description="Maildir written by the local SMTP sink of `mango dev`, shown at /digests.",
    )
