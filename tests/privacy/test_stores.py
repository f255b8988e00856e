"""Must show: find, erase and purge touch exactly one author's (or only old) rows in all three
stores, on SQLite (the `mango dev` files) and PostgreSQL, run as the operator runs them."""

import datetime as dt
import os
from pathlib import Path

import pytest
import sqlalchemy as sa

from schemas import MomentPosted, derive_event_id
from services.common.database import create_engine
from services.digest.adapters.tables import moments as digest_moments
from services.notify.adapters.ledger import DEAD, deliveries
from tests.fakes.slack import FakeSlack
from tests.privacy.conftest import CHANNEL, REF_A, REF_B, Deployment, counts, fill
from tests.support import make_moment

pytestmark = pytest.mark.connected


def authored(n: int, ref: str, **overrides: object) -> MomentPosted:
    return make_moment(
        n,
        event_id=derive_event_id("slack", "T0AZVB001", f"privacy-{n}"),
        author={"display_name": f"Person {n}", "ref": ref},
        **overrides,
    )


async def two_authors(deployment: Deployment, slack: FakeSlack) -> dict[str, str]:
    """Authors A (two moments) and B (one); one of A's digest rows predates author_ref."""
    moments = [authored(1, REF_A), authored(2, REF_A), authored(3, REF_B)]
    stamps = await fill(deployment, moments, slack)
    engine = create_engine(deployment.urls["digest"])
    try:
        async with engine.begin() as connection:
            await connection.execute(
                sa.update(digest_moments)
                .where(digest_moments.c.event_id == str(moments[1].event_id))
                .values(author_ref=None)
            )
    finally:
        await engine.dispose()
    return stamps


async def test_find_lists_only_that_author(deployment: Deployment, slack: FakeSlack) -> None:
    stamps = await two_authors(deployment, slack)
    code, out, err = await deployment.mango("find", "--ref", REF_A)
    assert code == 0, err
    assert "ingest outbox: 2 moment(s)" in out
    assert "notify ledger: 6 delivery(ies)" in out
    assert "digest store: 2 moment(s)" in out  # one by author_ref, one by event id only
    a1, a2 = (str(derive_event_id("slack", "T0AZVB001", f"privacy-{n}")) for n in (1, 2))
    b1 = str(derive_event_id("slack", "T0AZVB001", "privacy-3"))
    assert a1 in out
    assert a2 in out
    assert b1 not in out
    assert f"slack:{CHANNEL}  delivered  message {stamps[a1]}" in out
    assert stamps[b1] not in out
    assert "Person" not in out
    assert "Synthetic" not in out


async def test_find_nothing_says_so(deployment: Deployment, slack: FakeSlack) -> None:
    await two_authors(deployment, slack)
    code, out, _ = await deployment.mango("find", "--ref", "0" * 32)
    assert code == 0
    assert f"nothing stored for ref {'0' * 32}" in out


async def test_erase_removes_exactly_one_author(deployment: Deployment, slack: FakeSlack) -> None:
    stamps = await two_authors(deployment, slack)
    env = {"MANGO_SLACK__BOT_TOKEN": slack.token, "MANGO_SLACK__BASE_URL": slack.api_url}
    before = [m["ts"] for m in slack.posts(CHANNEL)]

    code, out, err = await deployment.mango("erase", "--ref", REF_A, **env)
    assert code == 0, err
    assert "dry run: nothing deleted" in out
    assert "Slack: would delete 2 message(s)" in out
    assert "digest store: would delete 2 moment(s), 2 link(s)" in out
    assert await counts(deployment, REF_A) == (2, 6, 2)
    assert [m["ts"] for m in slack.posts(CHANNEL)] == before

    code, out, err = await deployment.mango("erase", "--ref", REF_A, "--yes", **env)
    assert code == 0, err
    assert "Slack: 2 message(s) deleted, 0 already gone, 0 failed" in out
    assert "remove by hand: 2 message(s)" in out  # the Teams Workflows posts
    assert out.count("teams:teams_webhook_oncologie") == 2
    assert "ingest outbox: deleted 2 moment(s)" in out
    assert "notify ledger: deleted 6 delivery(ies)" in out
    assert "digest store: deleted 2 moment(s), 2 link(s)" in out
    assert await counts(deployment, REF_A) == (0, 0, 0)
    assert await counts(deployment, REF_B) == (1, 3, 1)
    b1 = str(derive_event_id("slack", "T0AZVB001", "privacy-3"))
    assert [m["ts"] for m in slack.posts(CHANNEL)] == [stamps[b1]]
    deletes = [c for c in slack.calls if c.method == "chat.delete"]
    assert len(deletes) == 2
    assert all(c.error is None for c in deletes)

    code, out, err = await deployment.mango("erase", "--ref", REF_A, "--yes", **env)
    assert code == 0, err
    assert "ingest outbox: deleted 0 moment(s)" in out
    assert f"nothing stored for ref {REF_A}" in out
    assert len([c for c in slack.calls if c.method == "chat.delete"]) == 2
    assert await counts(deployment, REF_B) == (1, 3, 1)


async def test_erase_never_deletes_a_message_that_carries_other_authors_moments(
    deployment: Deployment, slack: FakeSlack
) -> None:
    stamps = await two_authors(deployment, slack)
    a1, a2, b1 = (str(derive_event_id("slack", "T0AZVB001", f"privacy-{n}")) for n in (1, 2, 3))
    # A backlog cleared: notify posted A's first moment and B's in one combined message.
    engine = create_engine(deployment.urls["notify"])
    try:
        async with engine.begin() as connection:
            await connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.event_id == a1)
                .where(deliveries.c.destination == f"slack:{CHANNEL}")
                .values(message_ref=stamps[b1])
            )
    finally:
        await engine.dispose()
    env = {"MANGO_SLACK__BOT_TOKEN": slack.token, "MANGO_SLACK__BASE_URL": slack.api_url}

    code, out, err = await deployment.mango("erase", "--ref", REF_A, **env)
    assert code == 0, err
    assert "Slack: would delete 1 message(s)" in out
    assert "edit by hand, not deleted: 1 Slack message(s)" in out
    assert f"slack:{CHANNEL}  message {stamps[b1]}" in out

    code, out, err = await deployment.mango("erase", "--ref", REF_A, "--yes", **env)
    assert code == 0, err
    assert "Slack: 1 message(s) deleted" in out
    assert "edit by hand, not deleted: 1 Slack message(s)" in out
    remaining = [m["ts"] for m in slack.posts(CHANNEL)]
    assert stamps[b1] in remaining  # B's moment (and A's part of it, to edit) stays
    assert stamps[a2] not in remaining
    assert await counts(deployment, REF_A) == (0, 0, 0)
    assert await counts(deployment, REF_B) == (1, 3, 1)


async def test_erase_without_token_lists_slack_messages(
    deployment: Deployment, slack: FakeSlack
) -> None:
    stamps = await two_authors(deployment, slack)
    code, out, err = await deployment.mango("erase", "--ref", REF_A, "--yes")
    assert code == 0, err
    assert "remove by hand (MANGO_SLACK__BOT_TOKEN is not set): 4 message(s)" in out
    for event_id, ts in list(stamps.items())[:2]:
        assert f"slack:{CHANNEL}  message {ts}" in out
        assert event_id in out
    assert not [c for c in slack.calls if c.method == "chat.delete"]
    assert await counts(deployment, REF_A) == (0, 0, 0)


async def test_erase_keeps_rows_of_messages_slack_did_not_delete(
    deployment: Deployment, slack: FakeSlack
) -> None:
    await two_authors(deployment, slack)
    env = {"MANGO_SLACK__BOT_TOKEN": "xoxb-wrong", "MANGO_SLACK__BASE_URL": slack.api_url}
    code, out, err = await deployment.mango("erase", "--ref", REF_A, "--yes", **env)
    assert code == 1
    assert "2 Slack message(s) not deleted (invalid_auth)" in err
    assert "Traceback" not in err
    assert await counts(deployment, REF_A) == (0, 2, 0)  # the two Slack rows, for a rerun
    env["MANGO_SLACK__BOT_TOKEN"] = slack.token
    code, out, err = await deployment.mango("erase", "--ref", REF_A, "--yes", **env)
    assert code == 0, err
    assert "Slack: 2 message(s) deleted" in out
    assert await counts(deployment, REF_A) == (0, 0, 0)


async def test_purge_deletes_only_old_rows(deployment: Deployment, slack: FakeSlack) -> None:
    now = dt.datetime.now(dt.UTC)
    old = [authored(10, REF_A, occurred_at=now - dt.timedelta(days=60))]
    new = [authored(11, REF_B, occurred_at=now - dt.timedelta(days=3))]
    await fill(deployment, old, slack, sent_at=now - dt.timedelta(days=60))
    await fill(deployment, new, slack)
    engine = create_engine(deployment.urls["notify"])
    try:
        async with engine.begin() as connection:
            await connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.event_id == str(old[0].event_id))
                .values(finished_at=(now - dt.timedelta(days=59)).timestamp())
            )
            # A moment notify could not route is written dead at once, with no finished_at.
            await connection.execute(
                sa.update(deliveries)
                .where(deliveries.c.event_id == str(old[0].event_id))
                .where(deliveries.c.destination.startswith("wall:"))
                .values(
                    status=DEAD,
                    finished_at=None,
                    created_at=(now - dt.timedelta(days=60)).timestamp(),
                )
            )
    finally:
        await engine.dispose()

    code, out, err = await deployment.mango("purge", "--older-than-days", "40")
    assert code == 0, err
    assert "ingest outbox: would delete 1 sent moment(s)" in out
    assert "notify ledger: would delete 3 finished delivery(ies)" in out
    assert "digest store: would delete 1 moment(s), 1 link(s)" in out
    assert "dry run" in out
    assert await counts(deployment, REF_A) == (1, 3, 1)

    code, out, err = await deployment.mango("purge", "--older-than-days", "40", "--yes")
    assert code == 0, err
    assert "digest store: deleted 1 moment(s), 1 link(s)" in out
    assert await counts(deployment, REF_A) == (0, 0, 0)
    assert await counts(deployment, REF_B) == (1, 3, 1)

    code, out, err = await deployment.mango("purge", "--older-than-days", "34", "--yes")
    assert code == 2
    assert "--older-than-days" in err
    assert "35" in err
    assert await counts(deployment, REF_B) == (1, 3, 1)


async def test_bad_ref_and_unreachable_database(deployment: Deployment) -> None:
    code, _, err = await deployment.mango("find", "--ref", "ABC'; DROP TABLE x; --")
    assert code == 2
    assert err.strip() == (
        "mango privacy: invalid --ref: a ref is 32 lowercase hexadecimal characters "
        "(see `mango privacy ref`)"
    )
    code, _, err = await deployment.mango("erase", "--ref", REF_A.upper(), "--yes")
    assert code == 2
    assert "--ref" in err

    code, _, err = await deployment.mango(
        "find",
        "--ref",
        REF_A,
        MANGO_DATABASE_URL="postgresql+asyncpg://mango:secret@127.0.0.1:1/none",
    )
    assert code == 1
    assert err.strip().startswith("mango privacy: cannot use the ingest outbox database")
    assert "secret" not in err
    assert "Traceback" not in err


async def test_run_where_no_database_exists_is_no_answer(tmp_path: Path) -> None:
    """From the wrong folder, an access request must not be answered "nothing stored"."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANGO_")}
    nowhere = Deployment(cwd=tmp_path, env=env, urls={})
    code, out, err = await nowhere.mango("find", "--ref", REF_A)
    assert code == 1
    assert "nothing stored" not in out
    assert err.startswith("mango privacy: no database found (var/ingest.db, var/notify.db")
    assert "nothing was searched" in err
