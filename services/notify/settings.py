"""Notify settings: `MANGO_` variables, nested with `__` (e.g. `MANGO_SLACK__BOT_TOKEN`)."""

import socket

from pydantic import BaseModel, Field, SecretStr

from services.common.settings import ServiceSettings


class SlackSettings(BaseModel):
    bot_token: SecretStr | None = Field(
        default=None,
        description="Bot token (xoxb-...) with chat:write and channels:history/groups:history. "
        "Without it, Slack destinations are skipped.",
    )
    base_url: str = Field(default="https://slack.com/api/", description="Slack Web API base URL.")
    per_channel_per_s: float = Field(
        default=1.0, gt=0, description="Messages per second per channel (Slack allows about 1)."
    )
    timeout_s: float = Field(default=10.0, gt=0)


class TeamsSettings(BaseModel):
    per_webhook_per_s: float = Field(
        default=4.0, gt=0, description="Posts per second per Workflows webhook."
    )
    timeout_s: float = Field(default=10.0, gt=0)


class DeliverySettings(BaseModel):
    """How the per-destination workers pace, retry, batch and share work between replicas."""

    max_attempts: int = Field(
        default=6, ge=1, le=50, description="Attempts per round for transient failures."
    )
    backoff_initial_s: float = Field(default=1.0, gt=0)
    backoff_max_s: float = Field(default=60.0, gt=0)
    outage_pause_s: float = Field(
        default=60.0,
        gt=0,
        description="After a round of failed attempts, the destination waits this long; its "
        "moments stay pending in the ledger (never dropped, never holding up others).",
    )
    batch_threshold: int = Field(
        default=10,
        ge=2,
        description="When this many moments wait for one destination, combine them.",
    )
    batch_max: int = Field(default=10, ge=2, le=10, description="Moments per combined message.")
    lease_s: float = Field(
        default=30.0,
        gt=0,
        description="A replica owns a destination for this long, renewed while it works.",
    )
    rescan_s: float = Field(
        default=5.0, gt=0, description="How often the ledger is scanned for waiting work."
    )
    instance_id: str = Field(
        default_factory=socket.gethostname,
        min_length=1,
        max_length=200,
        description="Stable id of this replica (a restarted replica takes its leases back).",
    )


class NotifySettings(ServiceSettings):
    port: int = Field(default=8001, ge=0, le=65535)
    database_url: str = "sqlite+aiosqlite:///var/notify.db"
    group_id: str = Field(
        default="notify",
        description="Kafka consumer group. Each service has its own: never set it in a .env "
        "that several services read.",
    )
    moments_topic: str = Field(default="mango.moments.v1", description="Topic of accepted moments.")
    dlq_topic: str = Field(default="mango.moments.v1.dlq")
    deliveries_topic: str = Field(default="mango.deliveries.v1", description="Topic of deliveries.")
    consume_batch: int = Field(default=500, ge=1, le=10_000, description="Records per poll.")
    slack: SlackSettings = Field(default_factory=SlackSettings)
    teams: TeamsSettings = Field(default_factory=TeamsSettings)
    delivery: DeliverySettings = Field(default_factory=DeliverySettings)
    wall_recent: int = Field(default=50, ge=1, le=500, description="Moments kept per wall page.")
    wall_sync_s: float = Field(
        default=1.0,
        gt=0,
        le=60,
        description="How often a replica's walls pick up what other replicas delivered.",
    )
