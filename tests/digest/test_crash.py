"""Must show: the digest process killed (SIGKILL) during a send to 50 recipients, then restarted.

`mango digest send` runs as a subprocess, sending one at a time (so the moment of the kill is
exact, not a race): the SMTP server kills it while it receives the 21st email.

- killed before the server accepted the 21st email: after the restart every recipient has
  exactly one email;
- killed after the server accepted it, before the sender could record that (the window the
  ledger cannot close): recipient 21 gets the email again with the identical Message-ID, which
  mail stores use to drop the duplicate. Every other recipient has exactly one.
"""

import asyncio
import datetime as dt
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from schemas import DigestAudience, DigestSent
from schemas.network import Network
from services.common.database import create_engine
from services.digest.adapters.smtp import SmtpMailer
from services.digest.adapters.store import Store
from services.digest.domain.schedule import Run
from services.digest.domain.weeks import IsoWeek
from services.digest.service import DigestService
from services.digest.settings import MailSettings, SmtpSettings
from tests.digest.support import SmtpSink, organisation, write_network
from tests.support import KafkaUnderTest, make_moment

pytestmark = pytest.mark.connected

ROOT = Path(__file__).parents[2]
RECIPIENTS = [f"board{n:02d}@big.example" for n in range(50)]
KILL_AT = 21


def wait_dead(pid: int, within: float = 10.0) -> None:
    """Until the process is a zombie or gone (the test's Popen reaps it)."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            return
        if state in ("Z", "X"):
            return
        time.sleep(0.005)
    raise AssertionError(f"process {pid} still alive after SIGKILL")


def send_command(env: dict[str, str]) -> subprocess.Popen[bytes]:
    return subprocess.Popen(
        [sys.executable, "-m", "services", "digest", "send", "--org", "big", "--week", "2026-W47"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )


@pytest.mark.parametrize("accepted_before_kill", [False, True], ids=["before-250", "after-250"])
async def test_killed_during_a_send_to_50_recipients(
    accepted_before_kill: bool,
    kafka: KafkaUnderTest,
    postgres_url: str,
    smtp_sink: SmtpSink,
    tmp_path: Path,
    make_topic: Any,
) -> None:
    engine = create_engine(postgres_url)
    store = Store(engine)
    await store.migrate()
    for n in range(12):
        await store.save_moment(make_moment(n, organisation_id="big", department_id="onco"))
    await engine.dispose()
    network = write_network(tmp_path, [organisation("big", board=RECIPIENTS)])
    env = {
        **os.environ,
        "MANGO_DATABASE_URL": postgres_url,
        "MANGO_NETWORK_FILE": str(network),
        "MANGO_SMTP__PORT": str(smtp_sink.port),
        "MANGO_KAFKA__BOOTSTRAP_SERVERS": kafka.bootstrap_servers,
        "MANGO_KAFKA__IDEMPOTENCE": str(kafka.idempotence).lower(),
        "MANGO_DIGESTS_TOPIC": await make_topic("digests"),
        "MANGO_MAIL__CONCURRENCY": "1",
        "MANGO_MAIL__SENDER": "mango@big.example",
        "MANGO_LOG_FORMAT": "text",
    }
    first = send_command(env)

    def kill_on_21st(number: int, envelope: Any) -> str | None:
        if number != KILL_AT:
            return None
        if accepted_before_kill:
            smtp_sink.store(envelope)
        first.send_signal(signal.SIGKILL)
        wait_dead(first.pid)
        return "451 Connection lost" if not accepted_before_kill else "250 OK (nobody listening)"

    smtp_sink.hook = kill_on_21st
    await asyncio.to_thread(first.communicate, timeout=60)
    assert first.returncode == -signal.SIGKILL
    assert smtp_sink.count() == KILL_AT - (0 if accepted_before_kill else 1)

    smtp_sink.hook = None
    second = send_command(env)
    out, err = await asyncio.to_thread(second.communicate, timeout=60)
    assert second.returncode == 0, err.decode()
    assert "sent 30, already sent 20, failed 0" in out.decode()

    per_recipient = Counter(r for m in smtp_sink.received for r in m.recipients)
    ids = {r: {str(m.message["Message-ID"]) for m in smtp_sink.to(r)} for r in RECIPIENTS}
    assert set(per_recipient) == set(RECIPIENTS)
    assert all(len(i) == 1 for i in ids.values()), "one Message-ID per recipient, always"
    assert len({next(iter(i)) for i in ids.values()}) == 50, "a different one for each"
    twice = [r for r, n in per_recipient.items() if n != 1]
    if accepted_before_kill:
        assert twice == [RECIPIENTS[KILL_AT - 1]], "only the one in the crash window"
        assert per_recipient[RECIPIENTS[KILL_AT - 1]] == 2
    else:
        assert twice == [], "every recipient exactly one email"

    # A third run sends nothing at all.
    third = send_command(env)
    out, err = await asyncio.to_thread(third.communicate, timeout=60)
    assert third.returncode == 0, err.decode()
    assert "sent 0, already sent 50, failed 0" in out.decode()
    assert smtp_sink.count() == 50 + (1 if accepted_before_kill else 0)


async def test_two_replicas_sending_the_same_digest_send_each_email_once(
    postgres_url: str, smtp_sink: SmtpSink, tmp_path: Path
) -> None:
    """Two digest processes (replicas) whose schedulers fire at the same moment."""
    network = Network.model_validate({"organisations": [organisation("big", board=RECIPIENTS)]})
    published: list[DigestSent] = []

    async def publish(event: DigestSent) -> None:
        published.append(event)

    engines = [create_engine(postgres_url) for _ in range(2)]
    await Store(engines[0]).migrate()
    await Store(engines[0]).save_moment(make_moment(1, organisation_id="big"))
    replicas = [
        DigestService(
            network,
            Store(engine),
            SmtpMailer(SmtpSettings(port=smtp_sink.port)),
            publish,
            MailSettings(),
            clock=lambda: dt.datetime(2026, 11, 30, 8, tzinfo=dt.UTC),
        )
        for engine in engines
    ]
    run = Run("big", DigestAudience.BOARD, IsoWeek(2026, 48))
    try:
        first, second = await asyncio.gather(*(r.send(run) for r in replicas))
        third = await replicas[1].send(run)
    finally:
        for engine in engines:
            await engine.dispose()
    assert sorted(len(o.sent) for o in (first, second)) == [0, 50]
    assert third.sent == []
    assert len(third.already_sent) == 50
    assert Counter(r for m in smtp_sink.received for r in m.recipients) == Counter(RECIPIENTS)
    assert len(published) == 1
