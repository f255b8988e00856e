"""`mango dev` (what `make run` starts): URLs within 60 s, health answers, Ctrl-C leaves nothing."""

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import pytest

from tests.common.test_embedded_broker import alive, wait_dead

pytestmark = pytest.mark.connected

ROOT = Path(__file__).parents[1]
MANGO = str(Path(sys.executable).parent / "mango")


def free_base_port() -> int:
    """A port p such that p, p+1 and p+2 are free right now."""
    for _ in range(50):
        with socket.socket() as sock:
            sock.bind(("127.0.0.1", 0))
            base = int(sock.getsockname()[1])
        if base > 65000:
            continue
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
            )
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
