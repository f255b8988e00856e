"""Sending with Microsoft Graph `sendMail` through the real msgraph-sdk (app-only `Mail.Send`).

The client is built from a credential, so tests give a static token and a local base URL while
production uses a client secret for an app registration whose `Mail.Send` application permission
is limited to the sender mailbox (an Exchange application access policy / RBAC for Applications).
Throttling (429 with Retry-After) and 503/504 are retried by the SDK's own retry middleware first
(`SDK_RETRIES` retries, honouring Retry-After); what still fails after that is a transient
`SendFailed` carrying the server's Retry-After, and the digest's bounded retry loop takes over.
"""

import warnings
from email.message import EmailMessage
from typing import Any

import httpx
from kiota_abstractions.api_error import APIError
from kiota_authentication_azure.azure_identity_authentication_provider import (
    AzureIdentityAuthenticationProvider,
)
from kiota_http.middleware.options import RetryHandlerOption
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
from msgraph.graph_request_adapter import options as GRAPH_OPTIONS
from msgraph.graph_service_client import GraphServiceClient
from msgraph_core import GraphClientFactory  # type: ignore[import-untyped]  # no py.typed

from services.digest.errors import SendFailed

with warnings.catch_warnings():
    # msgraph's generated request builders raise DeprecationWarnings about their own classes
    # while they are being defined (inside the SDK, not our calls): import the three we use
    # once, quietly, here, instead of when the first email goes out.
    warnings.simplefilter("ignore", DeprecationWarning)
    import msgraph.generated.users.item.send_mail.send_mail_request_builder
    import msgraph.generated.users.item.user_item_request_builder
    import msgraph.generated.users.users_request_builder  # noqa: F401

GRAPH_SCOPE = "https://graph.microsoft.com/.default"


SDK_RETRIES = 3
SDK_BASE_DELAY_S = 0.0
"""Added to the SDK backoff (0.5 s, 1 s, 2 s + jitter) when there is no Retry-After."""


def graph_client(credential: Any, base_url: str, http: httpx.AsyncClient) -> GraphServiceClient:
    """A GraphServiceClient on `base_url` with the SDK's default middleware (retry included)."""
    options = {
        **GRAPH_OPTIONS,
        RetryHandlerOption.get_key(): RetryHandlerOption(
            delay=SDK_BASE_DELAY_S, max_retries=SDK_RETRIES
        ),
    }
    http.base_url = httpx.URL(base_url.rstrip("/"))
    client = GraphClientFactory.create_with_default_middleware(client=http, options=options)
    auth = AzureIdentityAuthenticationProvider(credential, scopes=[GRAPH_SCOPE])
    adapter = GraphRequestAdapter(auth, client=client)
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
            reply_to=[Recipient(email_address=EmailAddress(address=str(message["Reply-To"])))]
            if message["Reply-To"]
            else None,
            internet_message_headers=[
                # Graph accepts only custom X- headers; the id lets a mailbox spot a resend.
                InternetMessageHeader(name="X-Mango-Digest-Id", value=str(message["Message-ID"]))
            ],
        ),
        save_to_sent_items=False,
    )


class GraphMailer:
    def __init__(
        self, client: GraphServiceClient, sender: str, closing: tuple[Any, ...] = ()
    ) -> None:
        self._client = client
        self._sender = sender
        self._closing = closing

    @classmethod
    def connect(
        cls, credential: Any, base_url: str, sender: str, timeout_s: float = 30.0
    ) -> "GraphMailer":
        """The mailer and the HTTP client it owns (closed by `aclose`)."""
        # The SDK wraps the client's transport in one whose aclose() does not close the wrapped
        # transport: keep our own handle on it, so its connections are closed on shutdown.
        transport = httpx.AsyncHTTPTransport()
        http = httpx.AsyncClient(transport=transport, timeout=timeout_s)
        client = graph_client(credential, base_url, http)
        return cls(client, sender, (http, transport, credential))

    async def aclose(self) -> None:
        for resource in self._closing:
            close = getattr(resource, "aclose", None) or getattr(resource, "close", None)
            if close is not None:
                await close()

    async def send(self, message: EmailMessage, recipient: str) -> None:
        body = graph_message(message, recipient)
        try:
            await self._client.users.by_user_id(self._sender).send_mail.post(body)
        except APIError as exc:
            status = exc.response_status_code or 0
            raise SendFailed(
                f"Graph sendMail answered {status}",
                transient=status in (408, 429) or status >= 500,
                retry_after=_retry_after(exc.response_headers or {}),
            ) from exc
        except httpx.HTTPError as exc:
            raise SendFailed(f"Graph unreachable: {type(exc).__name__}", transient=True) from exc


def _retry_after(headers: dict[str, str]) -> float | None:
    value = next((v for k, v in headers.items() if k.lower() == "retry-after"), None)
    try:
        return float(value) if value is not None else None
    except ValueError:  # an HTTP date: fall back to our own backoff
        return None
