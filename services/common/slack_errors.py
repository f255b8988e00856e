"""What Slack said when a Web API call failed, whatever the body of its answer."""

from collections.abc import Awaitable
from typing import TypeVar

from slack_sdk.errors import SlackApiError

T = TypeVar("T")


def slack_error_code(exc: SlackApiError) -> str:
    """Slack's error code (`invalid_trigger_id`, `ratelimited`), or "" when the answer held none:
    an error page in HTML or plain text from a proxy or a 503, which slack_sdk hands over as a
    string instead of a dict, or a body it could not parse (then `response` is aiohttp's)."""
    data = getattr(exc.response, "data", None)
    return str(data.get("error") or "") if isinstance(data, dict) else ""


def slack_status(exc: SlackApiError) -> int:
    """The HTTP status of Slack's answer (0 when unknown)."""
    status = getattr(exc.response, "status_code", None) or getattr(exc.response, "status", 0)
    return status if isinstance(status, int) else 0


async def slack_answer(call: Awaitable[T]) -> T:
    """Awaits a Web API call. An answer with status 200 that is no JSON (a proxy's page in plain
    text), on which slack_sdk's own check fails with AttributeError, is a SlackApiError like
    any other failed call."""
    try:
        return await call
    except AttributeError as exc:
        raise SlackApiError("Slack's answer was no JSON", response=None) from exc  # type: ignore[no-untyped-call]
