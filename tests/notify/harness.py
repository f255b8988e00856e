"""Running notify for tests: a network file, settings, the app in-process or as a process."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections.abc import AsyncIterator, Generator, Iterable
from contextlib import asynccontextmanager, contextmanager, suppress
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import uvicorn
import yaml
from aiokafka import AIOKafkaConsumer

from schemas import MomentPosted
from services.common.embedded_broker import free_port
from services.common.kafka import build_broker, publish
from services.notify.app import build_app
from services.notify.settings import DeliverySettings, NotifySettings, SlackSettings, TeamsSettings
from tests.fakes.slack import FakeSlack
from tests.support import KafkaUnderTest, make_moment, wait_for

ROOT = Path(__file__).parents[2]
ORG = "az-test"
SLACK_TOKEN = "xoxb-test-token"
CHANNELS = {"oncologie": "C0ONCO001", "geriatrie": "C0GERI001", "spoed": "C0SPOE001"}
TEAMS_SECRETS = {"oncologie": "teams-test-onco", "spoed": "teams-test-spoed"}
ORG_CHANNEL = "C0ALLE001"
REVIEW_CHANNEL = "G0REVIEW1"


def mango(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    """The `mango` command in a subprocess, with exactly this environment."""
    return subprocess.run(
        [sys.executable, "-m", "services", *args],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def network_data() -> dict[str, Any]:
    departments = []
    for dept, channel in CHANNELS.items():
        destinations: dict[str, Any] = {"slack_channel": channel, "wall": True}
        if dept in TEAMS_SECRETS:
            destinations["teams_webhook_secret"] = TEAMS_SECRETS[dept]
        departments.append(
            {
                "id": dept,
                "name": f"Afdeling {dept}",
                "team_type": "oncology" if dept == "oncologie" else "non_oncology",
                "destinations": destinations,
            }
        )
    return {
        "organisations": [
            {
                "id": ORG,
                "name": "AZ Test",
                "kind": "hospital",
                "ambassador": {"name": "Ambassadeur", "email": "mango@az-test.example"},
                "departments": departments,
                "organisation_channel": {"slack_channel": ORG_CHANNEL, "wall": True},
                "review": {"slack_channel": REVIEW_CHANNEL, "wall": False},
            }
        ]
    }


def write_network(directory: Path) -> Path:
    path = directory / "network.yaml"
    path.write_text(yaml.safe_dump(network_data(), sort_keys=False), encoding="utf-8")
    return path


@dataclass(frozen=True)
class Topics:
    moments: str
    dlq: str
    deliveries: str


def settings(
    kafka: KafkaUnderTest,
    topics: Topics,
    group: str,
    network_file: Path,
    database_url: str,
    slack_url: str | None,
    **delivery: Any,
) -> NotifySettings:
    fast = {
        "rescan_s": 0.5,
        "lease_s": 5.0,
        "backoff_initial_s": 0.05,
        "backoff_max_s": 0.5,
        "outage_pause_s": 1.0,
        "instance_id": "test-notify",
    }
    fast.update(delivery)
    return NotifySettings(
        kafka=kafka.settings(),
        network_file=network_file,
        database_url=database_url,
        host="127.0.0.1",
        port=free_port(),
        group_id=group,
        moments_topic=topics.moments,
        dlq_topic=topics.dlq,
        deliveries_topic=topics.deliveries,
        slack=SlackSettings(
            bot_token=SLACK_TOKEN if slack_url else None,
            base_url=slack_url or "https://slack.invalid/api/",
            per_channel_per_s=500.0,
        ),
        teams=TeamsSettings(per_webhook_per_s=500.0),
        delivery=DeliverySettings.model_validate(fast),
    )


def environment(config: NotifySettings, extra: dict[str, str] | None = None) -> dict[str, str]:
    """The same settings as `MANGO_` variables, for `python -m services notify` and the CLI."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("MANGO_")}
    env.update(
        {
            "MANGO_KAFKA__BOOTSTRAP_SERVERS": config.kafka.bootstrap_servers,
            "MANGO_KAFKA__IDEMPOTENCE": str(config.kafka.idempotence).lower(),
            "MANGO_KAFKA__PARTITIONS": str(config.kafka.partitions),
            "MANGO_KAFKA__SESSION_TIMEOUT_MS": str(config.kafka.session_timeout_ms),
            "MANGO_KAFKA__HEARTBEAT_INTERVAL_MS": str(config.kafka.heartbeat_interval_ms),
            "MANGO_NETWORK_FILE": str(config.network_file),
            "MANGO_DATABASE_URL": config.database_url,
            "MANGO_HOST": config.host,
            "MANGO_PORT": str(config.port),
            "MANGO_GROUP_ID": config.group_id,
            "MANGO_MOMENTS_TOPIC": config.moments_topic,
            "MANGO_DLQ_TOPIC": config.dlq_topic,
            "MANGO_DELIVERIES_TOPIC": config.deliveries_topic,
            "MANGO_SLACK__BASE_URL": config.slack.base_url,
            "MANGO_SLACK__PER_CHANNEL_PER_S": str(config.slack.per_channel_per_s),
            "MANGO_TEAMS__PER_WEBHOOK_PER_S": str(config.teams.per_webhook_per_s),
            "MANGO_LOG_FORMAT": "json",
            "MANGO_LOG_LEVEL": "WARNING",
            "MANGO_SECRETS_DIR": "/nonexistent",
        }
    )
    if config.slack.bot_token is not None:
        env["MANGO_SLACK__BOT_TOKEN"] = config.slack.bot_token.get_secret_value()
    for name, value in config.delivery.model_dump().items():
        env[f"MANGO_DELIVERY__{name.upper()}"] = str(value)
    env.update(extra or {})
    return env


class _QuietServer(uvicorn.Server):
    """Leaves signal handling to pytest."""

    @contextmanager
    def capture_signals(self) -> Generator[None, None, None]:
        yield


@asynccontextmanager
async def running_in_process(config: NotifySettings) -> AsyncIterator[str]:
    """The notify app served by uvicorn in this event loop; yields its base URL."""
    server = _QuietServer(
        uvicorn.Config(
            build_app(config),
            host=config.host,
            port=config.port,
            lifespan="on",
            log_config=None,
            access_log=False,
        )
    )
    task = asyncio.create_task(server.serve())
    try:
        await wait_for(lambda: server.started or task.done(), within=60, what="notify to start")
        if task.done():
            task.result()
        yield f"http://{config.host}:{config.port}"
    finally:
        server.should_exit = True
        await asyncio.wait_for(task, 60)


class NotifyProcess:
    """`python -m services notify` in a subprocess, killable with SIGKILL."""

    def __init__(self, env: dict[str, str], log: Path) -> None:
        self._env = env
        self._log = log
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        with self._log.open("ab") as log:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "services", "notify"],
                env=self._env,
                cwd=ROOT,
                stdout=log,
                stderr=log,
            )

    def kill(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.send_signal(signal.SIGKILL)
            self.process.wait(10)

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(30)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


async def publish_moments(
    kafka: KafkaUnderTest, topic: str, moments: Iterable[MomentPosted]
) -> None:
    producer = build_broker(kafka.settings(), client_id="test-producer")
    await producer.start()
    try:
        pending = [
            publish(producer, topic, moment, key=moment.organisation_id) for moment in moments
        ]
        for start in range(0, len(pending), 200):
            await asyncio.gather(*pending[start : start + 200])
    finally:
        await producer.stop()


def moments_for(departments: list[str], count: int, offset: int = 0) -> list[MomentPosted]:
    return [
        make_moment(
            offset + n,
            organisation_id=ORG,
            department_id=departments[n % len(departments)],
            text=f"Synthetic moment number {offset + n}: we sang for a patient.",
        )
        for n in range(count)
    ]


async def read_topic(kafka: KafkaUnderTest, topic: str, at_least: int, within: float) -> list[Any]:
    """Records of a topic from the start, until `at_least` arrived (or the deadline)."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=kafka.bootstrap_servers,
        auto_offset_reset="earliest",
        enable_auto_commit=False,
    )
    await consumer.start()
    records: list[Any] = []
    try:
        loop = asyncio.get_running_loop()
        deadline = loop.time() + within
        while len(records) < at_least and loop.time() < deadline:
            batch = await consumer.getmany(timeout_ms=200)
            for items in batch.values():
                records.extend(items)
        with suppress(asyncio.TimeoutError):
            more = await consumer.getmany(timeout_ms=300)
            for items in more.values():
                records.extend(items)
    finally:
        await consumer.stop()
    return records


def per_channel(moments: list[MomentPosted]) -> dict[str, list[str]]:
    """The event ids each department's Slack channel must show, in order."""
    return {
        channel: [str(m.event_id) for m in moments if m.department_id == department]
        for department, channel in CHANNELS.items()
    }


def delivered_count(slack: FakeSlack) -> int:
    return sum(len(slack.event_ids(c)) for c in CHANNELS.values())


def assert_each_once_in_order(slack: FakeSlack, expected: dict[str, list[str]]) -> None:
    for channel, ids in expected.items():
        posted = slack.event_ids(channel)
        assert len(posted) == len(set(posted)), f"{channel}: a moment was posted twice"
        assert posted == ids, f"{channel}: every moment once, in order"


def wait_ledger_idle(database: Path, within: float = 60) -> None:
    """Blocks until the SQLite ledger has no pending delivery (run it in a thread)."""
    import sqlite3

    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        with sqlite3.connect(database) as connection:
            (pending,) = connection.execute(
                "SELECT count(*) FROM notify_deliveries WHERE status = 'pending'"
            ).fetchone()
        if pending == 0:
            return
        time.sleep(0.1)
    raise AssertionError("the ledger still has pending deliveries")
