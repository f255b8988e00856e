"""What people see: hostile text stays text on Slack and Teams; the wall shows moments live."""

import asyncio
import json
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest

from services.notify.domain.formatting import WORD_JOINER
from tests.fakes.slack import FakeSlack, controls, mrkdwn_texts, shown
from tests.fakes.teams import FakeTeams, text_runs
from tests.notify.harness import (
    CHANNELS,
    ORG,
    TEAMS_SECRETS,
    Topics,
    publish_moments,
    running_in_process,
    settings,
    write_network,
)
from tests.support import KafkaUnderTest, make_moment, wait_for

pytestmark = pytest.mark.connected

HOSTILE = (
    "<!channel> <!here> <@U0123ABC> <!subteam^S0123|@nurses> <https://evil.example|intranet> "
    "[x](javascript:alert(1)) ${secret} {{DATE(2017-02-14T06:08:39Z, SHORT)}} @{triggerBody()} "
    "&amp; & <b>bold</b>"
)
FORBIDDEN_CARD_KEYS = {"actions", "selectAction", "url", "msteams", "mentioned", "$data"}


def keys_of(value: Any) -> set[str]:
    if isinstance(value, dict):
        return set(value) | {k for v in value.values() for k in keys_of(v)}
    if isinstance(value, list):
        return {k for v in value for k in keys_of(v)}
    return set()


async def test_hostile_text_arrives_literally_in_slack_and_teams(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
    slack: FakeSlack,
    teams: FakeTeams,
) -> None:
    moment = make_moment(
        1,
        organisation_id=ORG,
        department_id="oncologie",
        title="<!everyone> ${title}",
        text=HOSTILE,
        author={"display_name": "<@U0BOSS> {{x}}", "ref": "a" * 32},
    )
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path),
        f"sqlite+aiosqlite:///{tmp_path}/notify.db", slack.api_url,
    )  # fmt: skip
    async with running_in_process(config):
        await publish_moments(kafka, topics.moments, [moment])
        await wait_for(
            lambda: (
                bool(slack.posts(CHANNELS["oncologie"]))
                and bool(teams.cards.get(TEAMS_SECRETS["oncologie"]))
            ),
            within=30,
            what="the hostile moment on Slack and Teams",
        )
    [message] = slack.posts(CHANNELS["oncologie"])
    assert controls(message) == [], "no mention, link or special command can be formed"
    assert any(HOSTILE in shown(t) for t in mrkdwn_texts(message)), "the text as typed"
    # The title is a header: plain text, which Slack never reads as markup.
    headers = [b["text"] for b in message["blocks"] if b["type"] == "header"]
    assert headers == [{"type": "plain_text", "text": "<!everyone> ${title}", "emoji": True}]
    assert any("<@U0BOSS> {{x}}" in shown(t) for t in mrkdwn_texts(message))
    assert message["options"] == {
        "unfurl_links": False,
        "unfurl_media": False,
        "link_names": False,
        "parse": "none",
    }
    assert message["metadata"]["event_payload"]["event_ids"] == [str(moment.event_id)]
    assert all(
        b["text"].get("verbatim")
        for b in message["blocks"]
        if "text" in b and b["text"]["type"] == "mrkdwn"
    )

    [card] = teams.cards[TEAMS_SECRETS["oncologie"]]
    assert card["version"] == "1.4"
    assert not keys_of(card) & FORBIDDEN_CARD_KEYS, "no actions, links or mentions"
    serialised = json.dumps(card, ensure_ascii=False)
    for token in ("${", "{{", "@{"):
        assert token not in serialised, f"{token} could be evaluated"
    runs = [run.replace(WORD_JOINER, "") for run in text_runs(card)]
    assert HOSTILE in runs, "shown as typed (the word joiner is invisible)"
    assert "<!everyone> ${title}" in runs
    # User text only ever sits in TextRuns, which Adaptive Cards never read as markdown.
    text_blocks = [b["text"] for b in card["body"] if b["type"] == "TextBlock"]
    assert all("evil" not in t and "javascript" not in t for t in text_blocks)


async def test_the_wall_shows_a_new_moment_within_2_seconds(
    kafka: KafkaUnderTest,
    topics: Topics,
    unique_name: Callable[[str], str],
    tmp_path: Path,
) -> None:
    # Nothing configured (no Slack token, no Teams secrets): the wall still works.
    config = settings(
        kafka, topics, unique_name("notify"), write_network(tmp_path),
        f"sqlite+aiosqlite:///{tmp_path}/notify.db", None,
    )  # fmt: skip
    moment = make_moment(
        7, organisation_id=ORG, department_id="spoed", text="<script>alert(1)</script> zong"
    )
    events: list[tuple[float, str, Any]] = []

    async def follow(client: httpx.AsyncClient, url: str) -> None:
        async with client.stream("GET", url) as response:
            assert response.headers["content-type"].startswith("text/event-stream")
            kind = ""
            async for line in response.aiter_lines():
                if line.startswith("event: "):
                    kind = line.removeprefix("event: ")
                elif line.startswith("data: "):
                    events.append((time.monotonic(), kind, json.loads(line[6:])))

    async with running_in_process(config) as url, httpx.AsyncClient(timeout=30) as client:
        page = await client.get(f"{url}/wall/{ORG}/spoed")
        organisation_page = await client.get(f"{url}/wall/{ORG}")
        missing = await client.get(f"{url}/wall/{ORG}/nope")
        index = await client.get(f"{url}/wall")
        streams = [
            asyncio.create_task(follow(client, f"{url}/events/wall/{ORG}/spoed")),
            asyncio.create_task(follow(client, f"{url}/events/wall/{ORG}")),
        ]
        await wait_for(lambda: len(events) == 2, within=10, what="both snapshots")
        published = time.monotonic()
        await publish_moments(kafka, topics.moments, [moment])
        try:
            await wait_for(
                lambda: len([e for e in events if e[1] == "moment"]) == 2,
                within=2,
                what="the moment on both walls within 2 s",
            )
        finally:
            for stream in streams:
                stream.cancel()
            await asyncio.gather(*streams, return_exceptions=True)
    arrived = [e for e in events if e[1] == "moment"]
    latency = max(at for at, _, _ in arrived) - published
    print(f"wall: a new moment on both walls {latency:.2f}s after it was published")
    assert latency < 2.0
    item = arrived[0][2]
    assert item["event_id"] == str(moment.event_id)
    assert item["text"] == "<script>alert(1)</script> zong", "data, shown with textContent"
    assert "author" not in item
    assert "Test Author" not in json.dumps(item)
    assert page.status_code == 200
    assert f"/events/wall/{ORG}/spoed" in page.text
    assert "textContent" in page.text
    assert "innerHTML" not in page.text
    assert '<html lang="nl">' in page.text  # the organisation's language: dates read as its own
    assert "-webkit-line-clamp:8" in page.text  # a long moment never fills the whole screen
    assert organisation_page.status_code == 200
    assert missing.status_code == 404
    assert f"/wall/{ORG}/oncologie" in index.text
