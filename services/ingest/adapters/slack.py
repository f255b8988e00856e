"""Slack calls ingest makes: open the modal, post an ephemeral confirmation, follow up on a
slash command through its `response_url`."""

import asyncio
import logging
import time
from collections.abc import Sequence
from typing import Any

import aiohttp
from slack_sdk.errors import SlackApiError, SlackClientError
from slack_sdk.web.async_client import AsyncWebClient
from slack_sdk.webhook.async_client import AsyncWebhookClient

from services.common.slack_errors import slack_answer, slack_error_code, slack_status
from services.ingest.errors import IngestError

log = logging.getLogger(__name__)


class SlackCallFailed(IngestError):
    """Slack answered with an error or could not be reached."""


NAMES_KEPT_S = 3600.0
NAMES_KEPT = 5000


class SlackClient:
    def __init__(self, client: AsyncWebClient) -> None:
        self._client = client
        self._names: dict[str, tuple[float, str]] = {}  # user id -> (looked up at, name)

    async def display_names(self, user_ids: Sequence[str], timeout_s: float) -> dict[str, str]:
        """Colleagues' names as Slack shows them (`users.info`, kept an hour). A lookup that
        fails or takes longer than `timeout_s` leaves that colleague out; it never raises."""
        now = time.monotonic()
        missing = [u for u in user_ids if not self._fresh(u, now)]
        found = await asyncio.gather(*(self._lookup(u, timeout_s) for u in missing))
        if len(self._names) > NAMES_KEPT:
            self._names.clear()
        for user_id, name in zip(missing, found, strict=True):
            if name:
                self._names[user_id] = (now, name)
        return {u: self._names[u][1] for u in user_ids if u in self._names}

    def _fresh(self, user_id: str, now: float) -> bool:
        hit = self._names.get(user_id)
        return hit is not None and hit[0] > now - NAMES_KEPT_S

    async def _lookup(self, user_id: str, timeout_s: float) -> str | None:
        try:
            async with asyncio.timeout(timeout_s):
                response = await slack_answer(self._client.users_info(user=user_id))
        except (SlackApiError, SlackClientError, OSError, TimeoutError) as exc:
            log.warning("could not look up a mentioned colleague", extra={"error": _reason(exc)})
            return None
        user = response.get("user") or {}
        profile = user.get("profile") or {}
        for name in (profile.get("display_name"), profile.get("real_name"), user.get("name")):
            if isinstance(name, str) and name.strip():
                return name.strip()[:80]
        return None

    async def open_modal(self, trigger_id: str, view: dict[str, Any]) -> None:
        try:
            await slack_answer(self._client.views_open(trigger_id=trigger_id, view=view))
        except (SlackApiError, SlackClientError, OSError, TimeoutError) as exc:
            raise SlackCallFailed(f"views.open failed: {_reason(exc)}") from exc

    async def post_ephemeral(self, channel: str, user: str, text: str) -> None:
        try:
            await slack_answer(
                self._client.chat_postEphemeral(channel=channel, user=user, text=text)
            )
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
        return (slack_error_code(exc) or f"http_{slack_status(exc)}")[:60]
    return type(exc).__name__
