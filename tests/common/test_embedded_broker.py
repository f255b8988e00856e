"""The bundled broker starts fast, answers, and never outlives its parent."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from services.common.embedded_broker import BrokerStartFailed, EmbeddedBroker
from tests.support import KafkaUnderTest

pytestmark = pytest.mark.connected


def alive(pid: int) -> bool:
    """True while the process exists and is not a zombie waiting to be reaped."""
    try:
        status = Path(f"/proc/{pid}/status").read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    return "\nState:\tZ" not in status


def wait_dead(pid: int, timeout: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout
    while alive(pid) and time.monotonic() < deadline:
        time.sleep(0.05)
    return not alive(pid)


def test_broker_fixture_starts_in_under_two_seconds(kafka: KafkaUnderTest) -> None:
    print(
        f"broker under test: {kafka.kind} at {kafka.bootstrap_servers}, "
        f"started in {kafka.start_seconds:.3f}s"
    )
    if kafka.kind != "tansu":
        pytest.skip(f"start time is a property of the bundled broker, this run uses {kafka.kind}")
    assert kafka.start_seconds < 2.0


def test_start_and_stop_leave_no_process() -> None:
    broker = EmbeddedBroker()
    broker.start()
    pid = broker.pid
    assert pid is not None
    assert alive(pid)
    host, port = broker.bootstrap_servers.split(":")
    assert host == "127.0.0.1"
    assert int(port) > 0
    broker.stop()
    assert wait_dead(pid)
    broker.stop()  # stopping twice is harmless


def test_broker_dies_with_a_killed_parent(tmp_path: Path) -> None:
    script = (
        "import sys, time\n"
        "from services.common.embedded_broker import EmbeddedBroker\n"
        "b = EmbeddedBroker(); b.start()\n"
        "print(b.pid, flush=True)\n"
        "time.sleep(120)\n"
    )
    parent = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    try:
        assert parent.stdout is not None
        broker_pid = int(parent.stdout.readline())
        assert alive(broker_pid)
        os.kill(parent.pid, signal.SIGKILL)
        parent.wait(10)
        assert wait_dead(broker_pid), "the broker outlived its SIGKILLed parent"
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        if parent.stdout:
            parent.stdout.close()


def test_a_port_in_use_is_a_clear_error() -> None:
    with EmbeddedBroker() as first:
        second = EmbeddedBroker(port=first.port)
        with pytest.raises(BrokerStartFailed, match="already in use"):
            second.start(timeout=5)
        assert second.pid is None


def test_a_missing_binary_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(BrokerStartFailed):
        EmbeddedBroker(binary=tmp_path / "no-such-tansu").start()
