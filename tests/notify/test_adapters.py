"""Adapters with the real clients (slack_sdk AsyncWebClient, httpx) against the local fakes."""

import logging
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import httpx
import pytest

from schemas.network import parse_network
from services.common.secrets import SecretStore
from services.notify.adapters.slack import SlackAdapter, build_slack_client
from services.notify.adapters.teams import TeamsAdapter
from services.notify.domain.formatting import slack_message, teams_payload, view
from services.notify.errors import PermanentFailure, RateLimited, TransientFailure
from tests.fakes.slack import FakeSlack
from tests.fakes.teams import FakeTeams
from tests.notify.harness import SLACK_TOKEN, network_data
from tests.support import make_moment

NETWORK = parse_network(network_data())
CHANNEL = "C0ONCO001"


@pytest.fixture
async def slack_adapter(slack: FakeSlack) -> SlackAdapter:
    return SlackAdapter(build_slack_client(SLACK_TOKEN, slack.api_url, timeout_s=5))


async def test_slack_post_returns_the_ts(slack: FakeSlack, slack_adapter: SlackAdapter) -> None:
    msg = slack_message(
        [view(make_moment(1, organisation_id="az-test"), NETWORK)], f"slack:{CHANNEL}"
    )
    ts = await slack_adapter.post(CHANNEL, msg)
    assert slack.posts(CHANNEL)[0]["ts"] == ts


async def test_slack_429_is_rate_limited_with_retry_after(
    slack: FakeSlack, slack_adapter: SlackAdapter
) -> None:
    slack.faults.rate_limit(1.0, for_s=60, retry_after_s=17)
    msg = slack_message(
        [view(make_moment(1, organisation_id="az-test"), NETWORK)], f"slack:{CHANNEL}"
    )
    with pytest.raises(RateLimited) as caught:
        await slack_adapter.post(CHANNEL, msg)
    assert caught.value.retry_after == 17
    assert len(slack.calls) == 1, "slack_sdk did not retry on its own"


@pytest.mark.parametrize(
    ("setup", "error", "in_doubt"),
    [
        ("server_error", TransientFailure, True),
        ("deleted", PermanentFailure, False),
        ("bad_token", PermanentFailure, False),
    ],
)
async def test_slack_failures_are_classified(
    slack: FakeSlack, setup: str, error: type[Exception], in_doubt: bool
) -> None:
    token = SLACK_TOKEN
    if setup == "server_error":
        slack.faults.server_errors = 1
    elif setup == "deleted":
        slack.deleted_channels.add(CHANNEL)
    else:
        token = "xoxb-wrong"
    adapter = SlackAdapter(build_slack_client(token, slack.api_url, timeout_s=5))
    msg = slack_message(
        [view(make_moment(1, organisation_id="az-test"), NETWORK)], f"slack:{CHANNEL}"
    )
    with pytest.raises(error) as caught:
        await adapter.post(CHANNEL, msg)
    if isinstance(caught.value, TransientFailure):
        assert caught.value.in_doubt is in_doubt
    assert len(slack.calls) == 1


async def test_slack_applied_but_answer_lost_is_in_doubt_and_found_by_metadata(
    slack: FakeSlack, slack_adapter: SlackAdapter
) -> None:
    slack.faults.drop_after_apply = 1
    moment = make_moment(1, organisation_id="az-test")
    msg = slack_message([view(moment, NETWORK)], f"slack:{CHANNEL}")
    with pytest.raises(TransientFailure) as caught:
        await slack_adapter.post(CHANNEL, msg)
    assert caught.value.in_doubt
    assert len(slack.posts(CHANNEL)) == 1, "the post was applied"
    found = await slack_adapter.find_posted(CHANNEL, [str(moment.event_id), "other"], oldest=0)
    assert found == {str(moment.event_id): slack.posts(CHANNEL)[0]["ts"]}


async def test_slack_lookup_pages_through_history(
    slack: FakeSlack, slack_adapter: SlackAdapter
) -> None:
    moments = [make_moment(n, organisation_id="az-test") for n in range(450)]
    for moment in moments:
        await slack_adapter.post(
            CHANNEL, slack_message([view(moment, NETWORK)], f"slack:{CHANNEL}")
        )
    oldest = str(moments[0].event_id)
    found = await slack_adapter.find_posted(CHANNEL, [oldest], oldest=0)
    assert oldest in found
    assert sum(c.method == "conversations.history" for c in slack.calls) == 3


@pytest.fixture
async def http() -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(timeout=5) as client:
        yield client


def teams_adapter(fake: FakeTeams, http: httpx.AsyncClient, tmp_path: Path) -> TeamsAdapter:
    (tmp_path / "teams-onco").write_text(fake.webhook_url("teams-onco"))
    return TeamsAdapter(http, SecretStore(tmp_path, {}))


async def test_teams_posts_a_card(
    teams: FakeTeams, http: httpx.AsyncClient, tmp_path: Path
) -> None:
    adapter = teams_adapter(teams, http, tmp_path)
    payload = teams_payload([view(make_moment(1, organisation_id="az-test"), NETWORK)])
    assert await adapter.post("teams-onco", payload) == "accepted"
    assert len(teams.cards["teams-onco"]) == 1


async def test_teams_webhook_url_never_reaches_the_logs(
    teams: FakeTeams,
    http: httpx.AsyncClient,
    tmp_path: Path,
    production_logs: Callable[[], list[str]],
) -> None:
    # httpx logs every request URL at INFO; a Workflows URL carries its secret signature.
    adapter = teams_adapter(teams, http, tmp_path)
    payload = teams_payload([view(make_moment(1, organisation_id="az-test"), NETWORK)])
    assert await adapter.post("teams-onco", payload) == "accepted"
    logging.getLogger("services.notify").info("posted")
    lines = production_logs()
    assert any('"msg": "posted"' in line for line in lines)  # the log is being written
    assert not [line for line in lines if "fake-signature" in line]


@pytest.mark.parametrize(
    ("setup", "error", "error_class"),
    [
        ("gone", PermanentFailure, "WebhookGone"),
        ("missing_secret", PermanentFailure, "SecretMissing"),
        ("rate_limited", RateLimited, "RateLimited"),
        ("server_error", TransientFailure, "Teams502"),
        ("drop", TransientFailure, "RemoteProtocolError"),
    ],
)
async def test_teams_failures_are_classified(
    teams: FakeTeams,
    http: httpx.AsyncClient,
    tmp_path: Path,
    setup: str,
    error: type[Exception],
    error_class: str,
) -> None:
    adapter = teams_adapter(teams, http, tmp_path)
    name = "teams-onco"
    if setup == "gone":
        teams.gone.add(name)
    elif setup == "missing_secret":
        name = "teams-nowhere"
    elif setup == "rate_limited":
        teams.faults.rate_limit(1.0, for_s=60, retry_after_s=3)
    elif setup == "server_error":
        teams.faults.server_errors = 1
    else:
        teams.faults.drop_after_apply = 1
    payload = teams_payload([view(make_moment(1, organisation_id="az-test"), NETWORK)])
    with pytest.raises(error) as caught:
        await adapter.post(name, payload)
    assert getattr(caught.value, "error_class", None) == error_class
