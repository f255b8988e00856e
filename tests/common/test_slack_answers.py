"""Slack answers that are no JSON (a proxy's page, a gateway's 503 in plain text, a broken
body) reach every Slack adapter as the failure it knows how to handle, never as an exception
from inside slack_sdk. The real AsyncWebClient against the local fake Slack."""

from collections.abc import AsyncIterator

import pytest

from schemas.network import parse_network
from services.ingest.adapters.slack import SlackCallFailed, SlackClient
from services.notify.adapters.slack import SlackAdapter, build_slack_client
from services.notify.domain.formatting import slack_message, view
from services.notify.errors import TransientFailure
from services.privacy.domain import SlackMessage
from services.privacy.errors import SlackDeleteFailed
from services.privacy.slack import SlackEraser
from tests.fakes.slack import FakeSlack
from tests.notify.harness import network_data
from tests.support import make_moment

TOKEN = "xoxb-test-token"
PAGES = [
    (503, "text/plain"),  # a gateway's 503: slack_sdk holds the body as a string
    (200, "text/plain"),  # a proxy's page with 200: slack_sdk's own check fails on it
    (502, "text/html"),
    (200, "application/json"),  # a body that is no JSON at all
]


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack(TOKEN) as fake:
        yield fake


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p[0]}-{p[1]}")
async def test_ingest_sees_a_failed_call(slack: FakeSlack, page: tuple[int, str]) -> None:
    client = SlackClient(build_slack_client(TOKEN, slack.api_url, timeout_s=5))
    slack.faults.pages.append(page)
    with pytest.raises(SlackCallFailed):
        await client.open_modal("trigger", {"type": "modal"})
    slack.faults.pages.append(page)
    assert await client.display_names(["U0COLLEGA"], timeout_s=5) == {}


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p[0]}-{p[1]}")
async def test_notify_sees_a_post_in_doubt(slack: FakeSlack, page: tuple[int, str]) -> None:
    adapter = SlackAdapter(build_slack_client(TOKEN, slack.api_url, timeout_s=5))
    moment = make_moment(1, organisation_id="az-test")
    message = slack_message([view(moment, parse_network(network_data()))], "slack:C0ONCO001")
    slack.faults.pages.append(page)
    with pytest.raises(TransientFailure) as caught:
        await adapter.post("C0ONCO001", message)
    assert caught.value.in_doubt  # it may have been posted: looked up before a retry


@pytest.mark.parametrize("page", PAGES, ids=lambda p: f"{p[0]}-{p[1]}")
async def test_privacy_sees_a_failed_delete(slack: FakeSlack, page: tuple[int, str]) -> None:
    eraser = SlackEraser(build_slack_client(TOKEN, slack.api_url, timeout_s=5))
    slack.faults.pages.append(page)
    with pytest.raises(SlackDeleteFailed):
        await eraser.delete(SlackMessage("C0ONCO001", "1800000000.000100"))
