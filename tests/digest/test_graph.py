"""Must show: Microsoft Graph sendMail through the real msgraph-sdk client against a fake Graph.

The fake Graph (tests/digest/support.py) answers like Graph does: 202 Accepted, or scripted
429 Too Many Requests with Retry-After, 503, 403. The SDK's own retry middleware honours
Retry-After; what still fails is reported, and one failing recipient does not stop the others.
"""

import contextlib
import datetime as dt
import json
import time
from collections.abc import AsyncIterator, Callable
from pathlib import Path
from typing import Any

import pytest
from azure.core.credentials import AccessToken

from schemas import DigestAudience
from schemas.network import Network
from services.digest.adapters.graph_mail import GraphMailer
from services.digest.domain.schedule import Run
from services.digest.domain.weeks import IsoWeek
from services.digest.errors import SendFailed
from services.digest.metrics import RECIPIENTS_FAILED
from services.digest.rendering import Rendered, build_email
from services.digest.service import DigestService
from services.digest.settings import MailSettings
from tests.digest.support import (
    FakeGraph,
    Published,
    organisation,
    running_graph,
    store_with_a_moment,
)

SENDER = "mangomoment@az.example"


class StaticToken:
    """An app-only token as azure-identity would hand it out (no Entra ID here)."""

    async def get_token(self, *scopes: str, **kwargs: Any) -> AccessToken:
        assert scopes == ("https://graph.microsoft.com/.default",)
        return AccessToken("app-only-token", int(time.time()) + 3600)

    async def close(self) -> None:
        return None


@contextlib.asynccontextmanager
async def mailer(graph: FakeGraph) -> AsyncIterator[GraphMailer]:
    graph_mailer = GraphMailer.connect(StaticToken(), graph.base_url, SENDER)
    try:
        yield graph_mailer
    finally:
        await graph_mailer.aclose()


def message(recipient: str = "board@az.example") -> Any:
    rendered = Rendered("Mangomomenten week 47 — AZ: 3 momenten", "<p>Hallo</p>", "Hallo\n")
    return build_email(
        rendered,
        sender=SENDER,
        sender_name="Mangomoment",
        recipient=recipient,
        message_id="<id-1@az.example>",
        now=dt.datetime(2026, 11, 23, 7, tzinfo=dt.UTC),
    )


async def test_send_mail_with_a_429_and_retry_after() -> None:
    async with running_graph() as graph:
        graph.script = [(429, {"Retry-After": "1"})]
        started = time.monotonic()
        async with mailer(graph) as m:
            await m.send(message(), "board@az.example")
        elapsed = time.monotonic() - started
    assert len(graph.requests) == 2, "the SDK retried the throttled request once"
    assert elapsed >= 1.0, "Retry-After was honoured"
    assert graph.paths == [f"/v1.0/users/{SENDER}/sendMail"] * 2
    assert graph.authorizations == ["Bearer app-only-token"] * 2
    [body] = graph.accepted
    sent = body["message"]
    assert sent["subject"] == "Mangomomenten week 47 — AZ: 3 momenten"
    assert sent["body"]["contentType"].lower() == "html"
    assert "<p>Hallo</p>" in sent["body"]["content"]
    assert sent["toRecipients"] == [{"emailAddress": {"address": "board@az.example"}}]
    assert {"name": "X-Mango-Digest-Id", "value": "<id-1@az.example>"} in sent[
        "internetMessageHeaders"
    ]
    assert body["saveToSentItems"] is False


@pytest.mark.parametrize(("status", "transient"), [(403, False), (400, False), (500, True)])
async def test_errors_become_send_failed(status: int, transient: bool) -> None:
    async with running_graph() as graph:
        graph.script = [(status, {})] * 1
        with pytest.raises(SendFailed) as failed:
            async with mailer(graph) as m:
                await m.send(message(), "board@az.example")
    assert failed.value.transient is transient
    assert len(graph.requests) == 1, "the SDK retries 429/503/504 only"


async def test_a_failing_recipient_does_not_block_the_others(
    tmp_path: Path, production_logs: Callable[[], list[str]]
) -> None:
    recipients = [f"board{n}@az.example" for n in range(4)]
    network = Network.model_validate({"organisations": [organisation("az", board=recipients)]})
    published = Published()
    sleeps: list[float] = []

    async def no_wait(seconds: float) -> None:
        sleeps.append(seconds)

    failed_before = RECIPIENTS_FAILED.labels("board")._value.get()
    async with (
        store_with_a_moment(f"sqlite+aiosqlite:///{tmp_path}/digest.db") as store,
        running_graph() as graph,
        contextlib.AsyncExitStack() as stack,
    ):
        rejecting = recipients[1]
        graph.failing[rejecting] = 500
        graph_mailer = await stack.enter_async_context(mailer(graph))
        service = DigestService(
            network,
            store,
            graph_mailer,
            published,
            MailSettings(sender=SENDER, max_attempts=3, backoff_s=0.5),
            clock=lambda: dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC),
            sleep=no_wait,
        )
        outcome = await service.send(Run("az", DigestAudience.BOARD, IsoWeek(2026, 48)))
    assert outcome.failed == [rejecting]
    assert sorted(outcome.sent) == sorted(set(recipients) - {rejecting})
    accepted = [b["message"]["toRecipients"][0]["emailAddress"]["address"] for b in graph.accepted]
    assert sorted(accepted) == sorted(outcome.sent)
    # Replies go to the organisation's ambassador, not to the unread sending mailbox.
    ambassador = network.organisations[0].ambassador.email
    assert {b["message"]["replyTo"][0]["emailAddress"]["address"] for b in graph.accepted} == {
        ambassador
    }
    assert sleeps == [0.5, 1.0], "bounded retries with backoff"
    assert RECIPIENTS_FAILED.labels("board")._value.get() == failed_before + 1
    [event] = published
    assert event.recipient_count == 3
    # The log says the digest is incomplete and what to run once the mail server is back.
    [line] = [json.loads(x) for x in production_logs() if "digest incomplete" in x]
    assert line["level"] == "warning"
    assert "mango digest send --org az --week 2026-W48" in line["msg"]
    assert (line["recipients_sent"], line["recipients_failed"]) == (3, 1)
    assert rejecting not in json.dumps(line)
