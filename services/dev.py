"""`mango dev`: the whole system on one machine with embedded defaults.

    tansu (bundled broker) <- ingest :8000, notify :8001, digest :8002 (one process each)

Each service runs as its own process, as under Docker Compose. Ctrl-C (or SIGTERM) stops the
services gracefully, then the broker; every child also dies with this process if it is killed.
"""

import asyncio
import os
import signal
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

from aiokafka.errors import KafkaError

from services.common.embedded_broker import (
    BrokerStartFailed,
    EmbeddedBroker,
    die_with_parent,
    free_port,
)
from services.common.errors import MangoError
from services.common.kafka import provision_topics
from services.common.settings import KafkaSettings

SERVICES = ("ingest", "notify", "digest")
STARTUP_TIMEOUT_S = 60.0
PROVISION_TIMEOUT_S = 30.0
SHUTDOWN_TIMEOUT_S = 25.0
MAIL_SINK_ATTEMPTS = 3


class StartFailed(MangoError):
    """A part of the local system did not start; the message says which and why."""


@dataclass
class Child:
    name: str
    url: str
    process: subprocess.Popen[bytes]


def say(message: str) -> None:
    print(f"mango dev: {message}", flush=True)


def run(base_port: int) -> int:
    Path("var").mkdir(exist_ok=True)
    external = os.environ.get("MANGO_KAFKA__BOOTSTRAP_SERVERS")
    broker = EmbeddedBroker()
    stopping = False

    def request_stop(signum: int, _: FrameType | None) -> None:
        nonlocal stopping
        stopping = True

    signal.signal(signal.SIGINT, request_stop)
    signal.signal(signal.SIGTERM, request_stop)
    children: list[Child] = []
    sink = MailSink()
    try:
        if external:
            bootstrap = external
            say(f"using the Kafka broker at {bootstrap}")
        else:
            bootstrap = broker.start()
            say(f"bundled Kafka-protocol broker (memory only) on {bootstrap}")
        kafka = KafkaSettings(bootstrap_servers=bootstrap, idempotence=bool(external))
        provision(kafka, PROVISION_TIMEOUT_S, lambda: stopping)
        env = {
            **os.environ,
            "MANGO_KAFKA__BOOTSTRAP_SERVERS": bootstrap,
            "MANGO_KAFKA__IDEMPOTENCE": os.environ.get(
                "MANGO_KAFKA__IDEMPOTENCE", str(bool(external)).lower()
            ),
            "MANGO_LOG_FORMAT": os.environ.get("MANGO_LOG_FORMAT", "text"),
        }
        digest_env = sink.start()
        for offset, name in enumerate(SERVICES):
            port = base_port + offset
            extra = digest_env if name == "digest" else {}
            children.append(start_child(name, port, {**env, **extra}))
        for child in children:
            wait_healthy(child, lambda: stopping)
        for child in children:
            say(f"{child.name:<7} {child.url}  (/healthz /readyz /metrics)")
        say(f"post a moment: {children[0].url}/moments/new · wall: {children[1].url}/wall")
        if sink.port:
            say(f"digests (local SMTP sink on port {sink.port}): {children[2].url}/digests")
        say("press Ctrl-C to stop")
        while not stopping:
            for child in children:
                if child.process.poll() is not None:
                    say(f"{child.name} exited with code {child.process.returncode}; stopping")
                    return 1
            time.sleep(0.2)
        return 0
    except BrokerStartFailed as exc:
        say(f"cannot start the bundled broker: {exc}")
        return 1
    except StartFailed as exc:
        say(str(exc))
        return 1
    finally:
        stop_children(children)
        sink.stop()
        broker.stop()
        say("stopped")


def provision(kafka: KafkaSettings, timeout_s: float, stopping: Callable[[], bool]) -> None:
    """Create the topics. A broker that has only just started, or an external one that is
    still coming up, may refuse the first requests or a topic: retry until `timeout_s` has
    passed."""
    deadline = time.monotonic() + timeout_s
    waiting = False
    while True:
        try:
            asyncio.run(provision_topics(kafka))
            return
        except (KafkaError, OSError, RuntimeError) as exc:  # RuntimeError: a topic refused
            if time.monotonic() >= deadline or stopping():
                raise StartFailed(
                    f"cannot create the topics on {kafka.bootstrap_servers}: {describe(exc)}"
                ) from exc
            if not waiting:
                say(f"waiting for the Kafka broker at {kafka.bootstrap_servers} ({describe(exc)})")
                waiting = True
            time.sleep(1.0)


def describe(exc: BaseException) -> str:
    return str(exc) or type(exc).__name__


class MailSink:
    """A local SMTP server (aiosmtpd) keeping every digest in a Maildir that digest shows at
    /digests. Not started when MANGO_SMTP__HOST points at a real server."""

    FOLDER = Path("var/digest-mail")

    def __init__(self) -> None:
        self.port = 0
        self._controller: Any = None

    def start(self) -> dict[str, str]:
        if os.environ.get("MANGO_SMTP__HOST"):
            return {}
        from aiosmtpd.controller import Controller
        from aiosmtpd.handlers import Mailbox

        self.FOLDER.parent.mkdir(parents=True, exist_ok=True)
        for attempt in range(1, MAIL_SINK_ATTEMPTS + 1):
            # The free port is only free when chosen: another program may take it first.
            port = free_port()
            controller = None
            try:  # creating it probes the host's loopback addresses, which may fail too
                controller = Controller(Mailbox(self.FOLDER), hostname="127.0.0.1", port=port)
                controller.start()
            except OSError as exc:  # TimeoutError included
                if controller is not None:
                    controller.stop(no_assert=True)
                    if not controller.loop.is_closed():  # its thread gave up before running it
                        controller.loop.close()
                if attempt == MAIL_SINK_ATTEMPTS:
                    raise StartFailed(f"cannot start the local mail sink: {describe(exc)}") from exc
            else:
                self.port, self._controller = port, controller
                break
        return {
            "MANGO_SMTP__HOST": "127.0.0.1",
            "MANGO_SMTP__PORT": str(self.port),
            "MANGO_DEV_MAILBOX": str(self.FOLDER),
        }

    def stop(self) -> None:
        if self._controller is not None:
            self._controller.stop()
            self._controller = None


def start_child(name: str, port: int, env: dict[str, str]) -> Child:
    process = subprocess.Popen(  # noqa: S603 - our own interpreter and module
        [sys.executable, "-m", "services", name],
        env={**env, "MANGO_PORT": str(port)},
        preexec_fn=die_with_parent,
        # Out of the terminal's process group: Ctrl-C reaches `mango dev` alone, which stops
        # the services first and the broker last (a killed parent still takes them along).
        start_new_session=True,
    )
    return Child(name, f"http://127.0.0.1:{port}", process)


def wait_healthy(child: Child, stopping: Callable[[], bool]) -> None:
    deadline = time.monotonic() + STARTUP_TIMEOUT_S
    while time.monotonic() < deadline and not stopping():
        if child.process.poll() is not None:
            raise StartFailed(f"{child.name} exited at start (code {child.process.returncode})")
        try:
            with urllib.request.urlopen(f"{child.url}/healthz", timeout=1) as response:  # noqa: S310
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    if not stopping():
        raise StartFailed(f"{child.name} did not answer on {child.url} in {STARTUP_TIMEOUT_S:.0f}s")


def stop_children(children: list[Child]) -> None:
    for child in children:
        if child.process.poll() is None:
            child.process.send_signal(signal.SIGTERM)
    deadline = time.monotonic() + SHUTDOWN_TIMEOUT_S
    for child in children:
        try:
            child.process.wait(max(0.1, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            child.process.kill()
            child.process.wait()
