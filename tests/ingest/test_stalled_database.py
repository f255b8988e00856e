"""A database that stops answering while a post is being committed (a network cut, a stalled
disk on the server): nobody is told "try again" about a post that may still be stored.

PostgreSQL only: the stall is a TCP proxy holding back the server's answers.
"""

from collections.abc import AsyncIterator

import pytest
from sqlalchemy.engine import make_url

from schemas import Language
from services.ingest.domain.i18n import t
from tests.ingest.fake_slack import FakeSlack
from tests.ingest.harness import IngestWith, form_post, teams_activity
from tests.ingest.test_delivery import sentinel_arrives
from tests.support import StallingProxy, wait_until

pytestmark = pytest.mark.connected

WHERE = "Dagziekenhuis oncologie (Slack, Teams en de Mango-muur)"


@pytest.fixture
async def database(postgres_url: str) -> AsyncIterator[StallingProxy]:
    url = make_url(postgres_url)
    async with StallingProxy(url.host or "127.0.0.1", url.port or 5432) as proxy:
        yield proxy


@pytest.fixture
def database_url(postgres_url: str, database: StallingProxy) -> str:
    return (
        make_url(postgres_url)
        .set(host="127.0.0.1", port=database.port)
        .render_as_string(hide_password=False)
    )


async def test_a_commit_that_outlives_the_answer_is_reported_as_not_confirmed(
    ingest_with: IngestWith, database: StallingProxy, slack_api: FakeSlack
) -> None:
    async with ingest_with(store_timeout_s=0.5) as ingest:

        async def landed(count: int) -> None:
            async def stored() -> bool:
                return await ingest.stored() == count

            await wait_until(stored, what=f"{count} stored")

        database.stall()
        first = await ingest.teams(teams_activity("Gezegd terwijl de databank zweeg."))
        # Queued behind the stuck commit: never started, so "try again" is the truth.
        queued = await ingest.teams(teams_activity("In de rij achter de stilte."))
        database.resume()
        assert first.status_code == queued.status_code == 200
        assert first.json()["text"] == t("not_confirmed", Language.NL, where=WHERE)
        assert queued.json()["text"] == t("try_again", Language.NL)
        await landed(1)

        # A slash command without a response_url to follow up on.
        database.stall()
        command = await ingest.command(
            "Commando terwijl de databank zweeg.", response_url="https://hooks.example/x/1"
        )
        database.resume()
        slack_where = "Dagziekenhuis oncologie (<#C0ONCO001>, Teams en de Mango-muur)"
        assert command.json() == {
            "response_type": "ephemeral",
            "text": t("not_confirmed", Language.NL, where=slack_where),
        }
        await landed(2)

        _, csrf = await ingest.form()
        database.stall()
        form = await ingest.client.post(
            "/moments/new",
            data=form_post(
                csrf, "Formulier terwijl de databank zweeg.", department="az-voorbeeld/oncologie"
            ),
        )
        database.resume()
        assert form.status_code == 202
        assert t("not_confirmed", Language.NL, where=WHERE) in form.text
        await landed(3)

        await sentinel_arrives(ingest, ingest.moments)
        texts = [m.text for m in ingest.moments]
        # Each post told "not confirmed" landed once the database answered again, once.
        for text in (
            "Gezegd terwijl de databank zweeg.",
            "Commando terwijl de databank zweeg.",
            "Formulier terwijl de databank zweeg.",
        ):
            assert texts.count(text) == 1, text
        assert "In de rij achter de stilte." not in texts
        assert slack_api.follow_ups() == []
