"""Sending with Microsoft Graph `sendMail` through the real msgraph-sdk (app-only `Mail.Send`).

The client is built from a credential, so tests give a static token and a local base URL while
production uses a client secret for an app registration whose `Mail.Send` application permission
is limited to the sender mailbox (an Exchange application access policy / RBAC for Applications).
Throttling (429 with Retry-After) and 5xx are retried by the SDK's retry middleware first;
what is still failing after that is reported as a transient `SendFailed`.
"""

from email.message import EmailMessage
from typing import Any

import httpx
from kiota_abstractions.api_error import APIError
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from msgraph.generated.models.body_type import BodyType
from msgraph.generated.models.email_address import EmailAddress
from msgraph.generated.models.internet_message_header import InternetMessageHeader
from msgraph.generated.models.item_body import ItemBody
from msgraph.generated.models.message import Message
from msgraph.generated.models.recipient import Recipient
from msgraph.generated.users.item.send_mail.send_mail_post_request_body import (
    SendMailPostRequestBody,
)
from msgraph.graph_request_adapter import GraphRequestAdapter
from msgraph.graph_service_client import GraphServiceClient
from msgraph_core import GraphClientFactory  # type: ignore[import-untyped]  # no py.typed

from services.digest.errors import SendFailed

GRAPH_SCOPE = "https://graph.microsoft.com/.default"


def graph_client(credential: Any, base_url: str, timeout_s: float = 30.0) -> GraphServiceClient:
    """A GraphServiceClient on `base_url` with the SDK's default middleware (retry included)."""
    http = GraphClientFactory.create_with_default_middleware(
        client=httpx.AsyncClient(base_url=base_url.rstrip("/"), timeout=timeout_s)
    )
    auth = AzureIdentityAuthenticationProvider(credential, scopes=[GRAPH_SCOPE])
    adapter = GraphRequestAdapter(auth, client=http)
    adapter.base_url = base_url.rstrip("/")
    return GraphServiceClient(request_adapter=adapter)


def graph_message(message: EmailMessage, recipient: str) -> SendMailPostRequestBody:
    """Graph's JSON form of the message: the HTML part, one recipient, the digest id header."""
    html = message.get_body(preferencelist=("html",))
    content = html.get_content() if html is not None else ""
    return SendMailPostRequestBody(
        message=Message(
            subject=str(message["Subject"]),
            body=ItemBody(content_type=BodyType.Html, content=content),
            to_recipients=[Recipient(email_address=EmailAddress(address=recipient))],
            internet_message_headers=[
                # Graph accepts only custom X- headers; the id lets a mailbox spot a resend.
                InternetMessageHeader(name="X-Mango-Digest-Id", value=str(message["Message-ID"]))
            ],
        ),
        save_to_sent_items=False,
    )


class GraphMailer:
    def __init__(self, client: GraphServiceClient, sender: str) -> None:
        self._client = client
        self._sender = sender

    async def send(self, message: EmailMessage, recipient: str) -> None:
        body = graph_message(message, recipient)
        try:
            await self._client.users.by_user_id(self._sender).send_mail.post(body)
        except APIError as exc:
            status = exc.response_status_code or 0
            raise SendFailed(
                f"Graph sendMail answered {status}", transient=status == 429 or status >= 500
            ) from exc
        except httpx.HTTPError as exc:
            raise SendFailed(f"Graph unreachable: {type(exc).__name__}", transient=True) from exc
