"""Deleting the Slack messages notify posted, with the real Web API client (`chat.delete`).

The bot token that posted a message may delete it. A message or channel that is gone already
counts as deleted, so a second erase run is harmless.
"""

from typing import Final

import aiohttp
from slack_sdk.errors import SlackApiError
from slack_sdk.http_retry.builtin_async_handlers import AsyncRateLimitErrorRetryHandler
from slack_sdk.web.async_client import AsyncWebClient

from services.common.slack_errors import slack_answer, slack_error_code, slack_status
from services.notify.adapters.slack import build_slack_client
from services.privacy.domain import SlackMessage
from services.privacy.errors import SlackDeleteFailed

ALREADY_GONE: Final = frozenset({"message_not_found", "channel_not_found"})


def deleting_client(token: str, base_url: str) -> AsyncWebClient:
    """notify's client, plus waiting out 429s (`chat.delete` is rate-limited ~50/min)."""
    client = build_slack_client(token, base_url, timeout_s=10)
    client.retry_handlers.append(AsyncRateLimitErrorRetryHandler(max_retry_count=5))
    return client


class SlackEraser:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def delete(self, message: SlackMessage) -> bool:
        """True when deleted now, False when it was gone already; raises SlackDeleteFailed."""
        try:
            await slack_answer(self._client.chat_delete(channel=message.channel, ts=message.ts))
        except SlackApiError as exc:
            error = slack_error_code(exc)
            if error in ALREADY_GONE:
                return False
            raise SlackDeleteFailed(error or f"HTTP {slack_status(exc)}") from exc
        except (TimeoutError, aiohttp.ClientError, OSError) as exc:
            raise SlackDeleteFailed(type(exc).__name__) from exc
        return True
