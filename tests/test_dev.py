"""`mango dev` (what `make run` starts): URLs within 60 s, health answers, Ctrl-C leaves nothing."""

import json
import os
import random
import re
import signal
import smtplib
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import IO

import pytest

from services.common.embedded_broker import free_port
from services.common.settings import KafkaSettings
from services.dev import MailSink, StartFailed, provision
from tests.common.test_embedded_broker import alive, wait_dead

pytestmark = pytest.mark.connected

ROOT = Path(__file__).parents[1]
MANGO = str(Path(sys.executable).parent / "mango")


def free_base_port() -> int:
    """A port p such that p, p+1 and p+2 are free right now, below the kernel's ephemeral range:
    taken from inside it, p+1 was once handed to an outgoing connection of the broker's clients
    before notify could bind it ("address already in use", notify exited at start)."""
    ephemeral_low = int(Path("/proc/sys/net/ipv4/ip_local_port_range").read_text().split()[0])
    choices = random.Random()
    for _ in range(200):
        base = choices.randrange(10_000, ephemeral_low - 3)
        try:
            for offset in range(3):
                with socket.socket() as probe:
                    probe.bind(("127.0.0.1", base + offset))
        except OSError:
            continue
        return base
    raise AssertionError("no three consecutive free ports")


def pids_with(needle: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if not proc.name.isdigit():
            continue
        try:
            cmdline = (proc / "cmdline").read_bytes().replace(b"\0", b" ").decode()
        except OSError:
            continue
        if needle in cmdline and alive(int(proc.name)):
            found.append(int(proc.name))
    return found


def get_json(url: str) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:  # noqa: S310 - loopback
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as exc:
        return exc.code, json.loads(exc.read())


def tail(log: IO[str]) -> str:
    """The end of what `mango dev` wrote to stderr, so that a failure says why it stopped."""
    log.flush()
    log.seek(0)
    return "\n--- stderr ---\n" + log.read()[-3000:]


def test_dev_prints_urls_serves_health_and_stops_cleanly(tmp_path: Path) -> None:
    base = free_base_port()
    started = time.monotonic()
    errors = (tmp_path / "stderr.log").open("w+")
    dev = subprocess.Popen(
        [MANGO, "dev", "--port", str(base)],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=errors,
        text=True,
        start_new_session=True,  # a process group of its own, as in a terminal
    )
    output: list[str] = []
    try:
        assert dev.stdout is not None
        for line in dev.stdout:
            output.append(line)
            if "press Ctrl-C" in line:
                break
        assert time.monotonic() - started < 60, "URLs took more than 60 s"
        text = "".join(output)
        for offset, name in enumerate(("ingest", "notify", "digest")):
            assert f"{name}  http://127.0.0.1:{base + offset}" in text or (
                f"{name} http://127.0.0.1:{base + offset}" in text
            ), text + tail(errors)
            status, body = get_json(f"http://127.0.0.1:{base + offset}/healthz")
            assert status == 200
            assert body["service"] == name
            status, body = get_json(f"http://127.0.0.1:{base + offset}/readyz")
            assert status == 200, body
        match = re.search(r"broker \(memory only\) on 127\.0\.0\.1:(\d+)", text)
        assert match, text
        brokers = pids_with(f"tcp://127.0.0.1:{match.group(1)}")
        assert len(brokers) == 1
        for offset in range(3):
            with urllib.request.urlopen(
                f"http://127.0.0.1:{base + offset}/metrics", timeout=5
            ) as response:
                assert response.status == 200
                assert b"# TYPE " in response.read()

        # Ctrl-C in a terminal signals the whole foreground group, not only `mango dev`: the
        # broker must not stop before the services that use it.
        os.killpg(dev.pid, signal.SIGINT)
        assert dev.wait(40) == 0
        assert wait_dead(brokers[0]), "tansu outlived mango dev"
        errors.seek(0)
        logged = errors.read()
        assert "Unable connect to node" not in logged
        assert " ERROR " not in logged, logged[-2000:]
        for offset in range(3):
            with socket.socket() as probe:  # every service port is released (no listener)
                probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                probe.bind(("127.0.0.1", base + offset))
    finally:
        if dev.poll() is None:
            dev.kill()
            dev.wait()
        if dev.stdout:
            dev.stdout.close()
        errors.close()


def test_dev_waits_for_a_broker_that_is_not_up_yet_and_then_names_it() -> None:
    """The topics are created with retries (a broker just started may refuse the first
    requests); a broker that never answers ends in one line naming it, not a traceback."""
    port = free_port()
    started = time.monotonic()
    with pytest.raises(StartFailed) as failed:
        provision(KafkaSettings(bootstrap_servers=f"127.0.0.1:{port}"), 2.0, lambda: False)
    assert time.monotonic() - started >= 2.0  # it kept trying until its deadline
    assert f"cannot create the topics on 127.0.0.1:{port}" in str(failed.value)

    started = time.monotonic()
    with pytest.raises(StartFailed):  # Ctrl-C while waiting: no more attempts
        provision(KafkaSettings(bootstrap_servers=f"127.0.0.1:{port}"), 30.0, lambda: True)
    assert time.monotonic() - started < 10


def test_dev_mail_sink_takes_another_port_when_its_first_is_taken(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("MANGO_SMTP__HOST", raising=False)
    # aiosmtpd reports a port it could not bind only when its start-up wait ends (5 s).
    monkeypatch.setenv("AIOSMTPD_CONTROLLER_TIMEOUT", "2")
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        busy = int(taken.getsockname()[1])
        ports = iter([busy, free_port()])
        monkeypatch.setattr("services.dev.free_port", lambda: next(ports))
        sink = MailSink()
        try:
            env = sink.start()
            assert sink.port != busy
            assert env["MANGO_SMTP__PORT"] == str(sink.port)
            with smtplib.SMTP("127.0.0.1", sink.port, timeout=5) as smtp:
                assert smtp.noop()[0] == 250
        finally:
            sink.stop()

        monkeypatch.setattr("services.dev.free_port", lambda: busy)
        with pytest.raises(StartFailed, match="cannot start the local mail sink"):
            MailSink().start()
