"""Pure decisions of the privacy tools: what a ref is, how it appears in stored JSON, which
posted messages can be deleted by API, and how old is old enough to purge."""

import datetime as dt
import re
from dataclasses import dataclass
from typing import Final

from services.privacy.errors import InvalidInput

REF_PATTERN: Final = re.compile(r"[0-9a-f]{32}")
MIN_DIGEST_RETENTION_DAYS: Final = 35
"""The digest compares the covered week with the three before it: 4 weeks plus the week that
is still running (a digest is built after its week ended), so 5 weeks must stay."""


def valid_ref(ref: str) -> str:
    """The ref itself, if it is one (`author.ref`: 32 lowercase hex characters)."""
    if not REF_PATTERN.fullmatch(ref):
        raise InvalidInput(
            "--ref", "a ref is 32 lowercase hexadecimal characters (see `mango privacy ref`)"
        )
    return ref


def ref_patterns(ref: str) -> tuple[str, str]:
    """SQL LIKE patterns that find `author.ref == ref` in a stored `MomentPosted` JSON text.

    Ingest's outbox holds pydantic's `model_dump_json()` (`"ref":"…"`); notify's ledger holds the
    Kafka message as FastStream published it with `json.dumps` (`"ref": "…"`). A valid ref is hex
    only, so it needs no LIKE escaping.
    """
    ref = valid_ref(ref)
    return f'%"ref":"{ref}"%', f'%"ref": "{ref}"%'


@dataclass(frozen=True)
class SlackMessage:
    channel: str
    ts: str


def slack_message(destination: str, message_ref: str | None) -> SlackMessage | None:
    """The Slack message behind a notify ledger row (`slack:<channel>` + ts), if it is one."""
    platform, _, channel = destination.partition(":")
    if platform != "slack" or not channel or not message_ref:
        return None
    return SlackMessage(channel, message_ref)


def is_teams(destination: str) -> bool:
    """Teams Workflows posts: no message id comes back, so they are removed by hand."""
    return destination.startswith("teams:")


def check_retention(days: int) -> None:
    if days < MIN_DIGEST_RETENTION_DAYS:
        raise InvalidInput(
            "--older-than-days",
            f"must be at least {MIN_DIGEST_RETENTION_DAYS}: the digest store keeps 5 weeks "
            "for the 4-week trend",
        )


def cutoff(now: dt.datetime, days: int) -> dt.datetime:
    """Rows older than this go."""
    if now.tzinfo is None:
        raise ValueError("now must be timezone-aware")
    return now - dt.timedelta(days=days)
