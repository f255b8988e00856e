"""CSRF tokens of the web form: bound to a cookie, a one-time nonce and an issue time. Pure."""

import hashlib
import hmac

MAX_AGE_S = 2 * 60 * 60


def make_token(key: bytes, session: str, nonce: str, issued: int) -> str:
    mac = hmac.new(key, f"csrf\x1f{session}\x1f{nonce}\x1f{issued}".encode(), hashlib.sha256)
    return f"{nonce}.{issued}.{mac.hexdigest()}"


def check_token(key: bytes, session: str | None, token: str | None, now: float) -> str | None:
    """The nonce of a valid token (it becomes the post's id), else None."""
    issued = _genuine(key, session, token)
    if issued is None or not 0 <= now - issued[1] <= MAX_AGE_S:
        return None
    return issued[0]


def expired_token(key: bytes, session: str | None, token: str | None, now: float) -> bool:
    """A token this form issued to this browser, only too old: the page was left open (a nurse
    called away between two patients), not forged."""
    issued = _genuine(key, session, token)
    return issued is not None and now - issued[1] > MAX_AGE_S


def _genuine(key: bytes, session: str | None, token: str | None) -> tuple[str, int] | None:
    """(nonce, issued) of a token made with `key` for `session`, whatever its age."""
    if not session or not token or token.count(".") != 2:
        return None
    nonce, issued, _ = token.split(".")
    if not (issued.isascii() and issued.isdigit() and len(issued) <= 12):
        return None
    expected = make_token(key, session, nonce, int(issued))
    if not hmac.compare_digest(expected.encode(), token.encode()):
        return None
    return nonce, int(issued)
