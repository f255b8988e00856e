"""Deterministic identifiers: the same source post always yields the same event id."""

import hashlib
import hmac
import uuid
from typing import Final

EVENT_NAMESPACE: Final = uuid.UUID("6f1d3a52-2b7e-5c1a-9a57-6d616e676f31")
"""uuid5 namespace of Mangomoment events. Never change it: ids would stop matching."""


def derive_event_id(platform: str, *source_ids: str) -> uuid.UUID:
    """Event id from the platform and the source's own ids (e.g. workspace and Slack event id).

    A retried post carries the same source ids, so it produces the same event id all the way down.
    """
    if not source_ids or any(not part for part in source_ids):
        raise ValueError("an event id needs at least one non-empty source id")
    return uuid.uuid5(EVENT_NAMESPACE, "\x1f".join((platform, *source_ids)))


def pseudonymise(key: bytes, platform: str, user_id: str) -> str:
    """Keyed hash of a platform user id: stable per person, meaningless without the key."""
    if not key:
        raise ValueError("the pseudonym key must not be empty")
    digest = hmac.new(key, f"{platform}\x1f{user_id}".encode(), hashlib.sha256)
    return digest.hexdigest()[:32]
