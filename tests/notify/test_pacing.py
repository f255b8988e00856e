"""Each destination is paced on its own: calls per Slack channel and per Teams webhook."""

from collections.abc import Callable
from itertools import pairwise
from pathlib import Path

import pytest

from tests.fakes.slack import FakeSlack
from tests.fakes.teams import FakeTeams
from tests.notify.harness import (
    CHANNELS,
    TEAMS_SECRETS,
    Topics,
    moments_for,
    publish_moments,
    running_in_process,
    settings,
    write_network,
)
from tests.support import KafkaUnderTest, wait_for

pytestmark = pytest.mark.connected


async def test_calls_per_channel_and_per_webhook_respect_their_rate(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
    teams: FakeTeams,
) -> None:
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path),
        f"sqlite+aiosqlite:///{tmp_path}/notify.db", slack.api_url, batch_threshold=1000,
    )  # fmt: skip
    slack_rate, teams_rate = 20.0, 10.0  # 1/s and 4/s in production; faster for a short test
    config = config.model_copy(
        update={
            "slack": config.slack.model_copy(update={"per_channel_per_s": slack_rate}),
            "teams": config.teams.model_copy(update={"per_webhook_per_s": teams_rate}),
        }
    )
    moments = moments_for(["oncologie", "spoed"], 40)
    async with running_in_process(config):
        await publish_moments(kafka, topics.moments, moments)
        await wait_for(
            lambda: sum(len(v) for v in teams.cards.values()) >= 40,
            within=30,
            what="every moment on Teams",
        )
    for department in ("oncologie", "spoed"):
        slack_calls = [c.at for c in slack.calls if c.channel == CHANNELS[department]]
        teams_calls = [c.at for c in teams.calls if c.webhook == TEAMS_SECRETS[department]]
        assert len(slack_calls) == len(teams_calls) == 20
        assert min(b - a for a, b in pairwise(slack_calls)) >= 1 / slack_rate - 0.001
        assert min(b - a for a, b in pairwise(teams_calls)) >= 1 / teams_rate - 0.001
    # The two channels were served side by side, not one after the other.
    first = {c.channel: c.at for c in reversed(slack.calls)}
    assert abs(first[CHANNELS["oncologie"]] - first[CHANNELS["spoed"]]) < 0.5
