"""Settings shared by every service: `MANGO_` environment variables, secrets from files.

Nested values use `__`, e.g. `MANGO_KAFKA__BOOTSTRAP_SERVERS=kafka:9092`. Any setting, secrets
(`SecretStr`) first, can also be a file named like the variable in lower case, e.g.
`/run/secrets/mango_slack__bot_token` for `MANGO_SLACK__BOT_TOKEN` (Docker secrets);
`MANGO_SECRETS_DIR` moves that folder. Environment variables win over files.
"""

import ipaddress
import os
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, field_validator
from pydantic_settings import (
    BaseSettings,
    NestedSecretsSettingsSource,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    SettingsError,
)

DEFAULT_SECRETS_DIR = "/run/secrets"


def secrets_dir() -> Path | None:
    """The folder holding secret files, if there is one (pydantic-settings warns otherwise)."""
    path = Path(os.environ.get("MANGO_SECRETS_DIR", DEFAULT_SECRETS_DIR))
    return path if path.is_dir() else None


class SecretFiles(NestedSecretsSettingsSource):
    """Reads only the files named like a setting (`mango_...`): other files in the folder, such
    as another program's secrets or a binary certificate, are left alone. A setting's file that
    is not UTF-8 text is an error that names the file, not a traceback."""

    @classmethod
    def load_secrets(cls, path: Path) -> dict[str, str]:
        secrets = {}
        for file in cls._iter_secret_files(path):  # pydantic-settings' walk, symlink-safe
            name = str(file.relative_to(path))
            if not name.casefold().startswith("mango_"):
                continue
            try:
                secrets[name] = file.read_text(encoding="utf-8").strip()
            except UnicodeDecodeError:
                raise SettingsError(f"secret file {file} is not UTF-8 text") from None
        return secrets


class KafkaSettings(BaseModel):
    """Producer and consumer settings, chosen for durability over latency."""

    bootstrap_servers: str = Field(
        default="127.0.0.1:9092", description="Kafka brokers, comma-separated host:port."
    )
    idempotence: bool = Field(
        default=True,
        description="Idempotent producer. Turn off only for brokers without InitProducerId "
        "(the bundled development broker).",
    )
    compression: Literal["gzip", "none"] = Field(
        default="gzip",
        description="gzip needs no native library and shrinks JSON text well; moments are few.",
    )
    partitions: int = Field(
        default=6,
        ge=1,
        le=1000,
        description="Partitions of topics created at start (the most replicas a group can use).",
    )
    replication_factor: int = Field(
        default=1, ge=1, le=5, description="Replicas of topics created at start: 3 on a cluster."
    )
    request_timeout_ms: int = Field(
        default=15_000, ge=1000, description="Fail a produce fast enough to answer Slack in 3 s."
    )
    max_poll_interval_ms: int = Field(
        default=300_000, ge=1000, description="Longest handler time before leaving the group."
    )
    session_timeout_ms: int = Field(
        default=10_000, ge=1000, description="A consumer silent this long leaves its group."
    )
    heartbeat_interval_ms: int = Field(
        default=3_000, ge=100, description="How often consumers tell the group they are alive."
    )


def _comma_list(value: str) -> list[str]:
    return [part.strip() for part in value.split(",") if part.strip()]


class ServiceSettings(BaseSettings):
    """Base of each service's settings class."""

    model_config = SettingsConfigDict(
        env_prefix="MANGO_",
        env_nested_delimiter="__",
        secrets_dir=secrets_dir(),
        secrets_nested_delimiter="__",
        extra="ignore",
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        # The nested source lets `mango_slack__bot_token` fill `slack.bot_token`.
        secrets = SecretFiles(file_secret_settings)
        return (init_settings, env_settings, dotenv_settings, secrets)

    kafka: KafkaSettings = Field(default_factory=KafkaSettings)
    network_file: Path = Field(
        default=Path("deploy/network.example.yaml"),
        description="YAML file describing organisations, departments, channels and digests.",
    )
    database_url: str = Field(
        default="sqlite+aiosqlite:///var/mango.db",
        description="SQLAlchemy async URL: SQLite file by default, postgresql+asyncpg://... in "
        "production.",
    )
    host: str = Field(default="127.0.0.1", description="Address the HTTP server listens on.")
    port: int = Field(
        default=8000,
        ge=0,
        le=65535,
        description="HTTP port (health, metrics, the service's pages).",
    )
    trusted_proxies: str = Field(
        default="127.0.0.1",
        description="Addresses or networks (comma-separated, e.g. 172.16.0.0/12) of the reverse "
        "proxy in front: their X-Forwarded-For and X-Forwarded-Proto are believed, so the form's "
        "rate limit counts each person's address, not the proxy's, and its cookie is Secure "
        "behind HTTPS. Never '*' when the port is reachable without the proxy.",
    )

    def proxies(self) -> list[str]:
        """`trusted_proxies` as a list (what uvicorn's `forwarded_allow_ips` takes)."""
        return _comma_list(self.trusted_proxies)

    @field_validator("trusted_proxies")
    @classmethod
    def _addresses_or_networks(cls, value: str) -> str:
        for part in _comma_list(value):
            if part != "*":
                try:
                    ipaddress.ip_network(part, strict=False)
                except ValueError:
                    raise ValueError(f"{part!r} is not an IP address or network") from None
        return value

    shutdown_grace_s: int = Field(
        default=20,
        ge=1,
        le=120,
        description="On SIGTERM, how long requests in flight (and a Slack follow-up still "
        "waiting for a slow commit) may run before they are cancelled. Compose's "
        "stop_grace_period (40 s) leaves 20 s after it for the rest of the shutdown.",
    )
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = Field(
        default="INFO", description="DEBUG, INFO, WARNING or ERROR."
    )
    log_format: Literal["json", "text"] = Field(
        default="json", description="json (one object per line) or text (for a terminal)."
    )
