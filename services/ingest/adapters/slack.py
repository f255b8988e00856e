"""Slack calls ingest makes: open the modal, post an ephemeral confirmation, follow up on a
slash command through its `response_url`."""

import logging
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from services.ingest.errors import IngestError

log = logging.getLogger(__name__)


class SlackCallFailed(IngestError):
    """Slack answered with an error or could not be reached."""


class SlackClient:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client

    async def open_modal(self, trigger_id: str, view: dict[str, Any]) -> None:
        try:
            await self._client.views_open(trigger_id=trigger_id, view=view)
        except (SlackApiError, SlackClientError, OSError, TimeoutError) as exc:
            raise SlackCallFailed(f"views.open failed: {_reason(exc)}") from exc

    async def post_ephemeral(self, channel: str, user: str, text: str) -> None:
        try:
            await self._client.chat_postEphemeral(channel=channel, user=user, text=text)
        except (SlackApiError, SlackClientError, OSError, TimeoutError) as exc:
            raise SlackCallFailed(f"chat.postEphemeral failed: {_reason(exc)}") from exc


async def follow_up(response_url: str, text: str, timeout_s: int) -> None:
    """An ephemeral message to whoever typed a slash command, through the command's
    `response_url` (Slack accepts five within 30 minutes; no token needed)."""
    try:
        response = await AsyncWebhookClient(response_url, timeout=timeout_s).send(
            text=text, response_type="ephemeral"
        )
    except (SlackClientError, aiohttp.ClientError, OSError, TimeoutError) as exc:
        raise SlackCallFailed(f"response_url failed: {_reason(exc)}") from exc
    if response.status_code != 200:
        raise SlackCallFailed(f"response_url answered {response.status_code}")


def _reason(exc: Exception) -> str:
    """Slack's error code (e.g. `invalid_trigger_id`) or the exception type; never the payload."""
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "slack_error"))[:60]
    return type(exc).__name__
