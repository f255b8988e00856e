"""Benchmark: notify's delivery throughput against a raw consume-and-commit loop.

    .venv/bin/python bench/notify.py [--moments 20000] [--channels 50] [--no-combine]

On one Kafka-protocol broker (the bundled one, or `MANGO_TEST_KAFKA=host:port`) and loopback only:

1. publishes the same N moments, spread over 50 departments (one Slack channel each), to a
   fresh topic;
2. **raw**: an aiokafka consumer in its own group reads them and commits, once after every
   batch of 500 (the ceiling of any consumer on this broker: no work at all per record), then
   again in a new group committing after every record (the classic at-least-once loop);
3. **notify**: `python -m services notify` (its own process, SQLite ledger in a temp folder,
   pacing lifted so only the code is measured) delivers them to an instant fake Slack
   (in this process) through the real slack_sdk client.

Both rates are steady-state: from the first record (raw) or first post (notify) to the last.
Prints moments/s for all three and both ratios (target >= 50 %). By default notify combines a
backlog into messages of up to 10 moments, as in production; `--no-combine` posts one each.
"""

import argparse
import asyncio
import os
import signal
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from typing import Any

import yaml
from aiokafka import AIOKafkaConsumer, AIOKafkaProducer

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from services.common.embedded_broker import EmbeddedBroker, free_port  # noqa: E402
from services.common.kafka import provision_topics  # noqa: E402
from services.common.settings import KafkaSettings  # noqa: E402
from tests.fakes.slack import FakeSlack  # noqa: E402
from tests.support import make_moment  # noqa: E402

ORG = "bench-org"
TIMEOUT_S = 300.0


def network(channels: int) -> dict[str, Any]:
    return {
        "organisations": [
            {
                "id": ORG,
                "name": "Bench",
                "kind": "hospital",
                "ambassador": {"name": "Bench", "email": "bench@bench.example"},
                "departments": [
                    {
                        "id": f"dept-{i:02d}",
                        "name": f"Department {i}",
                        "team_type": "non_oncology",
                        "destinations": {"slack_channel": f"C0BENCH{i:02d}", "wall": False},
                    }
                    for i in range(channels)
                ],
            }
        ]
    }


async def produce(bootstrap: str, topic: str, count: int, channels: int) -> None:
    producer = AIOKafkaProducer(bootstrap_servers=bootstrap, acks="all", linger_ms=5)
    await producer.start()
    try:
        sends = []
        for n in range(count):
            moment = make_moment(n, organisation_id=ORG, department_id=f"dept-{n % channels:02d}")
            sends.append(
                await producer.send(
                    topic, moment.model_dump_json().encode(), key=f"{ORG}-{n % 6}".encode()
                )
            )
        await asyncio.gather(*sends)
    finally:
        await producer.stop()


async def raw_rate(bootstrap: str, topic: str, count: int, *, per_record: bool) -> float:
    """Consume everything in a fresh group, committing after each batch or after each record."""
    consumer = AIOKafkaConsumer(
        topic,
        bootstrap_servers=bootstrap,
        group_id=f"bench-raw-{uuid.uuid4().hex[:8]}",
        enable_auto_commit=False,
        auto_offset_reset="earliest",
        max_poll_records=500,
    )
    await consumer.start()
    seen = 0
    first = 0.0
    deadline = time.monotonic() + TIMEOUT_S
    try:
        while seen < count and time.monotonic() < deadline:
            batch = await consumer.getmany(timeout_ms=500, max_records=500)
            records = sum(len(r) for r in batch.values())
            if records and not first:
                first = time.monotonic()
            seen += records
            if per_record:
                for partition, items in batch.items():
                    for record in items:
                        await consumer.commit({partition: record.offset + 1})
            elif records:
                await consumer.commit()
        last = time.monotonic()
    finally:
        await consumer.stop()
    if seen < count:
        raise SystemExit(f"raw consumer saw only {seen} of {count}")
    return (count - 1) / max(last - first, 1e-9)


async def notify_rate(
    bootstrap: str, topic: str, count: int, channels: int, combine: bool, folder: Path
) -> tuple[float, int]:
    network_file = folder / "network.yaml"
    network_file.write_text(yaml.safe_dump(network(channels)), encoding="utf-8")
    async with FakeSlack() as slack:
        env = {k: v for k, v in os.environ.items() if not k.startswith("MANGO_")}
        env.update(
            {
                "MANGO_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
                "MANGO_KAFKA__IDEMPOTENCE": "false",
                "MANGO_NETWORK_FILE": str(network_file),
                "MANGO_DATABASE_URL": f"sqlite+aiosqlite:///{folder}/notify.db",
                "MANGO_PORT": str(free_port()),
                "MANGO_GROUP_ID": f"bench-notify-{uuid.uuid4().hex[:8]}",
                "MANGO_MOMENTS_TOPIC": topic,
                "MANGO_DLQ_TOPIC": f"{topic}.dlq",
                "MANGO_DELIVERIES_TOPIC": f"{topic}.deliveries",
                "MANGO_SLACK__BOT_TOKEN": slack.token,
                "MANGO_SLACK__BASE_URL": slack.api_url,
                "MANGO_SLACK__PER_CHANNEL_PER_S": "100000",
                "MANGO_DELIVERY__BATCH_THRESHOLD": "10" if combine else "1000000",
                "MANGO_LOG_LEVEL": "WARNING",
                "MANGO_SECRETS_DIR": str(folder),
            }
        )
        process = subprocess.Popen(  # noqa: ASYNC220 - started once, waited on with polling
            [sys.executable, "-m", "services", "notify"], env=env, cwd=ROOT
        )
        try:
            deadline = time.monotonic() + TIMEOUT_S

            def delivered() -> int:
                return sum(
                    len(m["metadata"]["event_payload"]["event_ids"])
                    for posts in slack.messages.values()
                    for m in posts
                )

            while delivered() < count and time.monotonic() < deadline:
                if process.poll() is not None:
                    raise SystemExit(f"notify exited with {process.returncode}")
                await asyncio.sleep(0.05)
        finally:
            process.send_signal(signal.SIGTERM)
            process.wait(60)
        if delivered() < count:
            raise SystemExit(f"notify delivered only {delivered()} of {count}")
        posts = [c for c in slack.calls if c.method == "chat.postMessage"]
        first, last = posts[0].at, posts[-1].at
        doubled = delivered() - count
        if doubled:
            raise SystemExit(f"{doubled} moment(s) were posted twice")
        return (count - 1) / max(last - first, 1e-9), len(posts)


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n", 1)[0])
    parser.add_argument("--moments", type=int, default=20_000)
    parser.add_argument("--channels", type=int, default=50)
    parser.add_argument("--no-combine", action="store_true", help="one moment per message")
    args = parser.parse_args()
    external = os.environ.get("MANGO_TEST_KAFKA")
    broker = None if external else EmbeddedBroker()
    bootstrap = external or broker.start()  # type: ignore[union-attr]
    try:
        topic = f"bench.moments.{uuid.uuid4().hex[:8]}"
        kafka = KafkaSettings(bootstrap_servers=bootstrap, idempotence=False, partitions=6)
        await provision_topics(kafka, [topic, f"{topic}.dlq", f"{topic}.deliveries"])
        await produce(bootstrap, topic, args.moments, args.channels)
        raw = await raw_rate(bootstrap, topic, args.moments, per_record=False)
        raw_each = await raw_rate(bootstrap, topic, args.moments, per_record=True)
        with tempfile.TemporaryDirectory() as folder:
            rate, posts = await notify_rate(
                bootstrap, topic, args.moments, args.channels, not args.no_combine, Path(folder)
            )
    finally:
        if broker is not None:
            broker.stop()
    mode = "one moment per message" if args.no_combine else "backlog combined, <= 10 per message"
    print(f"broker {bootstrap}, {args.moments} moments over {args.channels} Slack channels")
    print(f"raw aiokafka, commit per batch of 500 : {raw:10.0f} moments/s")
    print(f"raw aiokafka, commit per record       : {raw_each:10.0f} moments/s")
    print(f"notify, ledger on ({mode}):")
    print(f"  delivered to the fake Slack         : {rate:10.0f} moments/s ({posts} posts)")
    print(f"ratio notify / raw (batch commits)    : {rate / raw:10.1%}")
    print(f"ratio notify / raw (record commits)   : {rate / raw_each:10.1%}  (target >= 50 %)")


if __name__ == "__main__":
    asyncio.run(main())
