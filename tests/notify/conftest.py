"""Fixtures of the notify tests: per-test topics and the fake platforms."""

from collections.abc import AsyncIterator, Awaitable, Callable

import pytest

from services.common.secrets import env_name
from tests.fakes.slack import FakeSlack
from tests.fakes.teams import FakeTeams
from tests.notify.harness import TEAMS_SECRETS, Topics


@pytest.fixture
async def topics(make_topic: Callable[[str], Awaitable[str]]) -> Topics:
    return Topics(await make_topic("moments"), await make_topic("dlq"), await make_topic("deliv"))


@pytest.fixture
async def slack() -> AsyncIterator[FakeSlack]:
    async with FakeSlack() as fake:
        yield fake


@pytest.fixture
async def teams(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[FakeTeams]:
    """A fake Workflows webhook per Teams department; its URL is in the secret store (env)."""
    async with FakeTeams() as fake:
        for secret in TEAMS_SECRETS.values():
            monkeypatch.setenv(env_name(secret), fake.webhook_url(secret))
        yield fake
