"""Is this request really from Slack / from the Teams team it claims? Pure: time is an argument."""

import base64
import binascii
import hashlib
import hmac
from collections.abc import Sequence

from slack_sdk.signature import Clock, SignatureVerifier

from services.ingest.errors import RequestRejected

SLACK_WINDOW_S = 5 * 60


class SignatureInvalid(RequestRejected):
    """Missing, wrong, stale or malformed signature: 401, nothing stored, logged with ids only."""

    status_code = 401


class _FixedClock(Clock):
    def __init__(self, now: float) -> None:
        self._now = now

    def now(self) -> float:
        return self._now


def verify_slack(
    body: bytes,
    timestamp: str | None,
    signature: str | None,
    secrets: Sequence[str],
    now: float,
) -> str:
    """Check Slack's v0 signature against every current signing secret; return the body text.

    Two secrets are accepted while one is being rotated. The 5-minute window applies both ways
    (a timestamp from the future is as suspicious as an old one).
    """
    if not timestamp or not signature:
        raise SignatureInvalid("missing_signature")
    if not signature.isascii():  # compare_digest raises on it: never Slack's, never a 400
        raise SignatureInvalid("wrong_signature")
    if not (timestamp.isascii() and timestamp.isdigit()) or len(timestamp) > 12:
        raise SignatureInvalid("bad_timestamp")
    if abs(now - int(timestamp)) > SLACK_WINDOW_S:
        raise SignatureInvalid("stale_timestamp")
    try:
        text = body.decode("utf-8")  # Slack signs UTF-8; anything else is not from Slack
    except UnicodeDecodeError:
        raise SignatureInvalid("invalid_utf8") from None
    clock = _FixedClock(now)
    # Check every secret (no early exit) so timing does not tell which one matched.
    matches = [SignatureVerifier(s, clock).is_valid(body, timestamp, signature) for s in secrets]
    if not any(matches):
        raise SignatureInvalid("wrong_signature")
    return text


def sign_slack(body: bytes, timestamp: str, secret: str) -> str:
    """The `X-Slack-Signature` Slack would send (for tests, the bench and the docs)."""
    base = b"v0:" + timestamp.encode() + b":" + body
    return "v0=" + hmac.new(secret.encode(), base, hashlib.sha256).hexdigest()


def verify_teams(body: bytes, authorization: str | None, token: str) -> None:
    """Teams outgoing webhook: `Authorization: HMAC base64(HMAC-SHA256(b64decode(token), body))`."""
    if not authorization or not authorization.startswith("HMAC "):
        raise SignatureInvalid("missing_signature")
    try:
        key = base64.b64decode(token, validate=True)
    except (binascii.Error, ValueError):
        raise SignatureInvalid("bad_token") from None
    expected = base64.b64encode(hmac.new(key, body, hashlib.sha256).digest()).decode()
    if not hmac.compare_digest(expected.encode(), authorization[5:].strip().encode()):
        raise SignatureInvalid("wrong_signature")


def sign_teams(body: bytes, token: str) -> str:
    """The `Authorization` header Teams would send (for tests and the docs)."""
    digest = hmac.new(base64.b64decode(token), body, hashlib.sha256).digest()
    return "HMAC " + base64.b64encode(digest).decode()
