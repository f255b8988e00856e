"""Teams: a Workflows webhook ("When a Teams webhook request is received") per channel.

The webhook URL is a secret, named in the network file and read from the secret store at each
post (so a fixed URL is picked up without restart). Workflows answers 202 without a message id
and offers no way to read back what was posted, so a lost response cannot be checked: notify
posts again (see docs/notify.md, "lost responses").
"""

import httpx

from services.common.secrets import SecretMissing, SecretStore
from services.notify.errors import PermanentFailure, RateLimited, TransientFailure

GONE = {401: "WebhookUnauthorized", 403: "WebhookForbidden", 404: "WebhookGone", 410: "WebhookGone"}


class TeamsAdapter:
    def __init__(self, client: httpx.AsyncClient, secrets: SecretStore) -> None:
        self._client = client
        self._secrets = secrets

    async def post(self, secret_name: str, payload: dict[str, object]) -> str:
        try:
            url = self._secrets.get(secret_name).get_secret_value()
        except SecretMissing as exc:
            raise PermanentFailure("SecretMissing") from exc
        try:
            response = await self._client.post(url, json=payload)
        except httpx.ConnectError as exc:
            raise TransientFailure("TeamsUnreachable") from exc
        except httpx.TransportError as exc:  # sent, answer lost: it may have been posted
            raise TransientFailure(type(exc).__name__, in_doubt=True) from exc
        if response.status_code == 429:
            raise RateLimited(_seconds(response.headers.get("retry-after")))
        if response.status_code >= 500 or response.status_code == 408:
            raise TransientFailure(f"Teams{response.status_code}", in_doubt=True)
        if response.status_code in GONE:
            raise PermanentFailure(GONE[response.status_code])
        if response.status_code >= 400:
            raise PermanentFailure(f"Teams{response.status_code}")
        return response.headers.get("x-ms-workflow-run-id") or "accepted"


def _seconds(value: str | None) -> float:
    try:
        return max(0.0, float(value)) if value else 1.0
    except ValueError:
        return 1.0
