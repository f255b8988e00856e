"""CSRF tokens of the web form: bound to a cookie, a one-time nonce and an issue time. Pure."""

import hashlib
import hmac

MAX_AGE_S = 2 * 60 * 60


def make_token(key: bytes, session: str, nonce: str, issued: int) -> str:
    mac = hmac.new(key, f"csrf\x1f{session}\x1f{nonce}\x1f{issued}".encode(), hashlib.sha256)
    return f"{nonce}.{issued}.{mac.hexdigest()}"


def check_token(key: bytes, session: str | None, token: str | None, now: float) -> str | None:
    """The nonce of a valid token (it becomes the post's id), else None."""
    if not session or not token or token.count(".") != 2:
        return None
    nonce, issued, _ = token.split(".")
    if not (issued.isascii() and issued.isdigit() and len(issued) <= 12):
        return None
    if not 0 <= now - int(issued) <= MAX_AGE_S:
        return None
    expected = make_token(key, session, nonce, int(issued))
    return nonce if hmac.compare_digest(expected.encode(), token.encode()) else None
