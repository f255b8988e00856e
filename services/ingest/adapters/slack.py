"""Slack Web API calls ingest makes: open the modal, post an ephemeral confirmation."""

import logging
from typing import Any

from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient

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


def _reason(exc: Exception) -> str:
    """Slack's error code (e.g. `invalid_trigger_id`) or the exception type; never the payload."""
    if isinstance(exc, SlackApiError):
        return str(exc.response.get("error", "slack_error"))[:60]
    return type(exc).__name__
