"""Slack: `chat.postMessage` through the real `AsyncWebClient`, and finding our own posts.

The client must be built without retry handlers (`build_slack_client`): slack_sdk's default
handler re-sends a request whose connection dropped, which could post a moment twice. Retries
are ours (tenacity, in `delivery.py`), after a lookup when the outcome is in doubt.
"""

from collections.abc import Iterable
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.web.async_client import AsyncWebClient

from services.common.slack_errors import slack_answer, slack_error_code, slack_status
from services.notify.domain.formatting import SlackMessage, slack_event_ids
from services.notify.errors import PermanentFailure, RateLimited, TransientFailure

# Errors that no retry can fix: the message goes to the dead-letter topic.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found",
        "is_archived",
        "not_in_channel",
        "invalid_auth",
        "not_authed",
        "account_inactive",
        "token_revoked",
        "token_expired",
        "no_permission",
        "missing_scope",
        "restricted_action",
        "team_access_not_granted",
        "invalid_blocks",
        "invalid_metadata_format",
        "msg_too_long",
        "too_many_attachments",
        "invalid_arguments",
    }
)
HISTORY_PAGES = 5
HISTORY_PAGE_SIZE = 200


def build_slack_client(
    token: str, base_url: str, timeout_s: float, session: aiohttp.ClientSession | None = None
) -> AsyncWebClient:
    """The real client, without retry handlers; pass a session to reuse connections (without
    one, slack_sdk opens a new connection, and a new TLS handshake, for every call)."""
    return AsyncWebClient(
        token=token,
        base_url=base_url,
        timeout=int(timeout_s),
        retry_handlers=[],
        session=session,
    )


def _retry_after(headers: Any) -> float:
    for name, value in dict(headers or {}).items():
        if str(name).lower() == "retry-after":
            try:
                return max(0.0, float(value))
            except ValueError:
                break
    return 1.0


def _translate(exc: SlackApiError) -> Exception:
    error, status = slack_error_code(exc), slack_status(exc)
    if status == 429 or error == "ratelimited":
        return RateLimited(_retry_after(exc.response.headers))
    if status >= 500 or error in {"internal_error", "fatal_error", "request_timeout"}:
        return TransientFailure(f"Slack{status}", in_doubt=True)
    if not error and status in (0, 200):  # an answer that could not be read: a proxy's page
        return TransientFailure("SlackUnreadable", in_doubt=True)
    if error == "service_unavailable":
        return TransientFailure("SlackUnavailable")
    return PermanentFailure(f"slack:{error or status}")


class SlackAdapter:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def post(self, channel: str, message: SlackMessage) -> str:
        """Post; return the message ts. Raises RateLimited / TransientFailure / PermanentFailure."""
        try:
            response = await slack_answer(
                self._client.chat_postMessage(
                    channel=channel,
                    text=message.text,
                    blocks=message.blocks,
                    metadata=message.metadata,
                    unfurl_links=False,
                    unfurl_media=False,
                    link_names=False,
                    parse="none",
                    mrkdwn=True,
                )
            )
        except SlackApiError as exc:
            raise _translate(exc) from exc
        except (aiohttp.ClientConnectorError, ConnectionRefusedError) as exc:
            raise TransientFailure("SlackUnreachable") from exc  # never sent
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise TransientFailure(type(exc).__name__, in_doubt=True) from exc
        return str(response.get("ts") or "")

    async def find_posted(
        self, channel: str, event_ids: Iterable[str], oldest: float
    ) -> dict[str, str]:
        """Which of `event_ids` we already posted in `channel` since `oldest` (event_id -> ts),
        read from our message metadata. Used when a post's outcome is in doubt."""
        wanted = set(event_ids)
        found: dict[str, str] = {}
        cursor: str | None = None
        for _ in range(HISTORY_PAGES):
            try:
                response = await slack_answer(
                    self._client.conversations_history(
                        channel=channel,
                        oldest=f"{max(0.0, oldest):.6f}",
                        include_all_metadata=True,
                        limit=HISTORY_PAGE_SIZE,
                        cursor=cursor,
                    )
                )
            except SlackApiError as exc:
                raise _translate(exc) from exc
            except (TimeoutError, aiohttp.ClientError, OSError) as exc:
                raise TransientFailure(type(exc).__name__) from exc
            for message in response.get("messages") or []:
                for event_id in slack_event_ids(message):
                    if event_id in wanted:
                        found.setdefault(event_id, str(message.get("ts")))
            cursor = (response.get("response_metadata") or {}).get("next_cursor") or None
            if not cursor or len(found) == len(wanted):
                break
        return found
