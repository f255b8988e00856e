"""Benchmark: signed `/mango` commands through ingest, end to end, against a bare endpoint.

    .venv/bin/python bench/ingest.py [--rounds 3] [--seconds 4] [--connections 16] [--rate 200]
                                     [--database-url postgresql+asyncpg://.../scratch]

Loopback only, bounded in time and count. Starts the bundled broker (or uses
`MANGO_TEST_KAFKA=host:port`), then serves, one after the other and each in its own process with
the same uvicorn settings:

- **bare**: a Starlette endpoint that reads the form body and answers a fixed ephemeral JSON;
- **ingest**: the real app (SQLite outbox in a temporary folder, relay publishing to the broker);
  `--database-url` puts the outbox in another database instead, e.g. a scratch PostgreSQL
  database as the Compose deployment uses (its `ingest_outbox` rows are left there);
- **no-names**: the same app with the name pass of redaction switched off (numbers, e-mail
  addresses, dates and rooms are still redacted). Never a setting of ingest: it shows here what
  redaction quality costs, the trade-off the issue asks to report.

Every ingest request is a distinct, correctly signed slash command whose text contains a name
and a phone number, so each one is verified, redacted, committed to the outbox and published.

The machine is noisy (the bare endpoint alone varies by tens of percent between runs), so the
servers take turns for `--rounds` rounds and the ratios are taken within a round.

Prints, in one run: requests/s of each per round (closed loop, `--connections` keep-alive
connections, `--seconds` or `--max-requests`, whichever ends first) and the median ratio to bare;
p50/p99 latency of bare and ingest at a fixed `--rate` (open loop: a request is due every 1/rate
s, latency counts from when it was due); and how long the relay needed to publish what was
accepted. Targets: ingest >= 60 % of bare, p99 < 100 ms at 200 req/s.
"""

import argparse
import asyncio
import gc
import os
import statistics
import subprocess
import sys
import tempfile
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from services.common.embedded_broker import EmbeddedBroker, free_port
from services.ingest.domain.verification import sign_slack

ROOT = Path(__file__).resolve().parents[1]
SIGNING_SECRET = "bench-signing-secret"  # noqa: S105 - throwaway, loopback only
TOPIC = "mango.moments.v1"


def serve(kind: str, port: int) -> None:
    """Runs in the child process: one uvicorn server, like `mango ingest` runs it."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    if kind == "bare":

        async def command(request: Request) -> JSONResponse:
            await request.body()
            return JSONResponse({"response_type": "ephemeral", "text": "Bedankt!"})

        app = Starlette(routes=[Route("/slack/commands", command, methods=["POST"])])
    else:
        from services.common.network_file import load_network
        from services.ingest.app import build_app
        from services.ingest.domain.redaction import Redactor, Span, network_words
        from services.ingest.settings import IngestSettings

        class WithoutNames(Redactor):
            def _names(self, text: str) -> list[Span]:
                return []

        settings = IngestSettings()
        redactor = None  # ingest's own
        if kind == "no-names":
            redactor = WithoutNames(known_words=network_words(load_network(settings.network_file)))
        app = build_app(settings, redactor=redactor)
    gc.freeze()  # as services.common.runner does before serving
    uvicorn.run(
        app, host="127.0.0.1", port=port, log_level="warning", access_log=False, lifespan="on"
    )


def request_bytes(n: int, timestamp: str) -> bytes:
    body = urlencode(
        {
            "team_id": "T0AZVB001",
            "channel_id": "C0ONCO001",
            "user_id": f"U{n % 50:08d}",
            "user_name": "bench",
            "command": "/mango",
            "text": f"Sofie Claes bracht soep voor meneer Peeters, bel 0475 12 34 {n % 100:02d}.",
            "trigger_id": f"{n}.{uuid.uuid4().hex}",
        }
    ).encode()
    head = (
        "POST /slack/commands HTTP/1.1\r\nHost: bench\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        f"Content-Length: {len(body)}\r\nX-Slack-Request-Timestamp: {timestamp}\r\n"
        f"X-Slack-Signature: {sign_slack(body, timestamp, SIGNING_SECRET)}\r\n\r\n"
    )
    return head.encode() + body


async def one(reader: asyncio.StreamReader, writer: asyncio.StreamWriter, raw: bytes) -> int:
    writer.write(raw)
    await writer.drain()
    status = int((await reader.readline()).split()[1])
    length = 0
    while (line := await reader.readline()) not in (b"\r\n", b""):
        if line.lower().startswith(b"content-length:"):
            length = int(line.split(b":")[1])
    await reader.readexactly(length)
    return status


async def closed_loop(
    port: int, requests: list[bytes], connections: int, seconds: float
) -> tuple[float, int]:
    queue = iter(requests)
    done = 0
    errors = 0
    deadline = time.monotonic() + seconds

    async def worker() -> None:
        nonlocal done, errors
        reader, writer = await asyncio.open_connection("127.0.0.1", port)
        try:
            for raw in queue:
                if time.monotonic() > deadline:
                    break
                if await one(reader, writer, raw) != 200:
                    errors += 1
                done += 1
        finally:
            writer.close()

    started = time.monotonic()
    await asyncio.gather(*(worker() for _ in range(connections)))
    return done / (time.monotonic() - started), errors


async def fixed_rate(port: int, requests: list[bytes], rate: float) -> list[float]:
    """Open loop: request i is due at start + i/rate; latency counts from when it was due."""
    pool: asyncio.Queue[tuple[asyncio.StreamReader, asyncio.StreamWriter]] = asyncio.Queue()
    for _ in range(32):
        pool.put_nowait(await asyncio.open_connection("127.0.0.1", port))
    latencies: list[float] = []
    start = time.monotonic() + 0.1

    async def fire(i: int, raw: bytes) -> None:
        due = start + i / rate
        await asyncio.sleep(max(0.0, due - time.monotonic()))
        connection = await pool.get()
        try:
            status = await one(*connection, raw)
            assert status == 200, status
        finally:
            pool.put_nowait(connection)
        latencies.append(time.monotonic() - due)

    await asyncio.gather(*(fire(i, raw) for i, raw in enumerate(requests)))
    while not pool.empty():
        pool.get_nowait()[1].close()
    return latencies


async def wait_until_answering(port: int, process: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"server exited with {process.returncode}")
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
        except OSError:
            await asyncio.sleep(0.1)
            continue
        writer.close()
        return
    raise SystemExit("server did not start in 60 s")


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(p / 100 * (len(ordered) - 1)))]


def start_server(kind: str, port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    """This very script in `--serve` mode, in its own process."""
    return subprocess.Popen(
        [sys.executable, __file__, "--serve", kind, "--port", str(port)], env=env, cwd=ROOT
    )


async def measure(
    kind: str, env: dict[str, str], args: argparse.Namespace, *, paced: bool
) -> dict[str, float]:
    """Throughput of one fresh server; with `paced`, also its latency at the fixed rate."""
    port = free_port()
    process = start_server(kind, port, env)
    try:
        await wait_until_answering(port, process)
        timestamp = str(int(time.time()))
        warmup = [request_bytes(10_000_000 + i, timestamp) for i in range(200)]
        await closed_loop(port, warmup, 4, 10)
        total = args.max_requests
        requests = [request_bytes(i, timestamp) for i in range(total)]
        rps, errors = await closed_loop(port, requests, args.connections, args.seconds)
        result = {"rps": rps, "errors": errors}
        if paced:
            count = int(args.rate * args.rate_seconds)
            due = [request_bytes(20_000_000 + i, timestamp) for i in range(count)]
            latencies = await fixed_rate(port, due, args.rate)
            result["p50_ms"] = statistics.median(latencies) * 1000
            result["p99_ms"] = percentile(latencies, 99) * 1000
        if kind == "ingest":
            result["drain_s"] = await drain_seconds(env)
        return result
    finally:
        process.terminate()
        process.wait(timeout=30)


async def drain_seconds(env: dict[str, str]) -> float:
    """How long after the last answer until the relay had published every accepted moment."""
    from sqlalchemy import text

    from services.common.database import create_engine

    engine = create_engine(env["MANGO_DATABASE_URL"])
    started = time.monotonic()
    try:
        while time.monotonic() - started < 120:
            async with engine.connect() as connection:
                pending = await connection.scalar(
                    text("SELECT count(*) FROM ingest_outbox WHERE sent_at IS NULL")
                )
            if not pending:
                return time.monotonic() - started
            await asyncio.sleep(0.1)
        return float("inf")
    finally:
        await engine.dispose()


KINDS = ("bare", "ingest", "no-names")


async def main(args: argparse.Namespace) -> None:
    external = os.environ.get("MANGO_TEST_KAFKA")
    broker = None if external else EmbeddedBroker()
    bootstrap = external or broker.start()  # type: ignore[union-attr]
    rounds: list[dict[str, dict[str, float]]] = []
    try:
        for number in range(args.rounds):
            results = {}
            for kind in KINDS:
                with tempfile.TemporaryDirectory() as folder:
                    env = {
                        **os.environ,
                        "MANGO_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
                        "MANGO_KAFKA__IDEMPOTENCE": "false" if broker else "true",
                        "MANGO_KAFKA__PARTITIONS": "3",
                        "MANGO_DATABASE_URL": args.database_url
                        or f"sqlite+aiosqlite:///{folder}/ingest.db",
                        "MANGO_SLACK__SIGNING_SECRET": SIGNING_SECRET,
                        "MANGO_PSEUDONYM_KEY": "bench-pseudonym-key",
                        "MANGO_FORM_RATE_LIMIT": "1000000",
                        "MANGO_LOG_LEVEL": "WARNING",
                    }
                    paced = number == 0 and kind != "no-names"
                    results[kind] = await measure(kind, env, args, paced=paced)
            rounds.append(results)
    finally:
        if broker is not None:
            broker.stop()
    report(rounds, args)


def report(rounds: list[dict[str, dict[str, float]]], args: argparse.Namespace) -> None:
    outbox = "PostgreSQL" if (args.database_url or "").startswith("postgresql") else "SQLite"
    print(
        f"loopback, {args.connections} connections, up to {args.seconds:.0f} s per server and "
        f"round, {outbox} outbox"
    )
    print(f"{'requests/s':<24}" + "".join(f"{kind:>12}" for kind in KINDS))
    for number, results in enumerate(rounds, 1):
        print(f"{f'  round {number}':<24}" + "".join(f"{results[k]['rps']:>12.0f}" for k in KINDS))
    ratios = {
        kind: statistics.median(r[kind]["rps"] / r["bare"]["rps"] for r in rounds) for kind in KINDS
    }
    print(f"{'median ratio to bare':<24}" + "".join(f"{ratios[k]:>12.0%}" for k in KINDS))
    first = rounds[0]
    for key, label in (("p50_ms", "p50 ms @ rate"), ("p99_ms", "p99 ms @ rate")):
        print(
            f"{label.replace('rate', f'{args.rate:.0f}/s'):<24}{first['bare'][key]:>12.1f}"
            f"{first['ingest'][key]:>12.1f}"
        )
    errors = {k: sum(r[k]["errors"] for r in rounds) for k in KINDS}
    print("non-200 answers: " + ", ".join(f"{k} {errors[k]:.0f}" for k in KINDS))
    drain = max(r["ingest"]["drain_s"] for r in rounds)
    print(f"relay drained the outbox at most {drain:.1f} s after the last answer")
    ok = ratios["ingest"] >= 0.6 and first["ingest"]["p99_ms"] < 100
    print("targets (>= 60 % of bare, p99 < 100 ms):", "met" if ok else "NOT met")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seconds", type=float, default=4.0)
    parser.add_argument("--max-requests", type=int, default=30_000)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--rate", type=float, default=200.0)
    parser.add_argument("--rate-seconds", type=float, default=5.0)
    parser.add_argument("--database-url", help="the outbox database (default: a SQLite file)")
    parser.add_argument("--serve", choices=KINDS, help=argparse.SUPPRESS)
    parser.add_argument("--port", type=int, help=argparse.SUPPRESS)
    arguments = parser.parse_args()
    if arguments.serve:
        serve(arguments.serve, arguments.port)
    else:
        asyncio.run(main(arguments))
