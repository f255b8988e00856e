"""`mango digest preview|send` as a user runs them: the installed entry point, in a subprocess."""

import asyncio
import os
import subprocess
import sys
from pathlib import Path

import pytest

from services.common.database import create_engine
from services.digest.adapters.store import Store
from tests.digest.support import SmtpSink, organisation, write_network
from tests.support import make_moment

ROOT = Path(__file__).parents[2]
MANGO = str(Path(sys.executable).parent / "mango")


@pytest.fixture
def env(tmp_path: Path) -> dict[str, str]:
    """A SQLite store with 12 moments of az in 2026-W48, and a network file."""
    url = f"sqlite+aiosqlite:///{tmp_path}/digest.db"

    async def seed() -> None:
        engine = create_engine(url)
        store = Store(engine)
        await store.migrate()
        for n in range(12):
            await store.save_moment(
                make_moment(
                    n,
                    organisation_id="az",
                    department_id="onco",
                    text=f"Moment {n} <script>alert(1)</script>",
                    sharing={"external": n % 2 == 0, "consent_version": "2026-01"}
                    if n % 2 == 0
                    else {"external": False},
                )
            )
        await engine.dispose()

    asyncio.run(seed())
    network = write_network(
        tmp_path,
        [
            organisation(
                "az", name="AZ Voorbeeld", board=["b@az.example"], partners=["p@gp.example"]
            )
        ],
    )
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "MANGO_DATABASE_URL": url,
        "MANGO_NETWORK_FILE": str(network),
        "MANGO_KAFKA__BOOTSTRAP_SERVERS": "127.0.0.1:1",
    }


def mango(env: dict[str, str], *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [MANGO, "digest", *args],
        capture_output=True,
        text=True,
        timeout=60,
        cwd=ROOT,
        check=False,
        env=env,
    )


def test_preview_writes_the_html(env: dict[str, str], tmp_path: Path) -> None:
    out = tmp_path / "partners.html"
    result = mango(
        env,
        "preview",
        "--org",
        "az",
        "--week",
        "2026-W48",
        "--audience",
        "partners",
        "--out",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert "Mangomomenten week 48 — AZ Voorbeeld (voor partners): 6 momenten" in result.stdout
    html = out.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html>")
    assert "&lt;script&gt;" in html
    assert "<script>" not in html
    board = mango(env, "preview", "--org", "az", "--week", "2026-W48")
    assert board.returncode == 0, board.stderr
    assert "Mangomomenten week 48 — AZ Voorbeeld: 12 momenten" in board.stdout


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["preview", "--org", "az", "--week", "2026-48"], "--week: '2026-48' is not an ISO week"),
        (["preview", "--org", "az", "--week", "2026-W54"], "--week: 2026 has no week 54"),
        (["preview", "--org", "nope", "--week", "2026-W48"], "--org: unknown organisation 'nope'"),
        (["preview", "--org", "az", "--week", "2026-W48", "--audience", "all"], "'--audience'"),
        (["send", "--org", "az"], "Missing option '--week'"),
    ],
)
def test_a_bad_option_is_named_without_a_traceback(
    env: dict[str, str], args: list[str], message: str
) -> None:
    result = mango(env, *args)
    assert result.returncode == 2
    assert message in " ".join(result.stderr.replace("│", " ").split())
    assert "Traceback" not in result.stderr


def test_send_dry_run_sends_nothing_and_needs_no_broker(
    env: dict[str, str], smtp_sink: SmtpSink
) -> None:
    env = {**env, "MANGO_SMTP__PORT": str(smtp_sink.port)}
    result = mango(env, "send", "--org", "az", "--week", "2026-W48", "--dry-run")
    assert result.returncode == 0, result.stderr
    assert "board: Mangomomenten week 48 — AZ Voorbeeld: 12 momenten" in result.stdout
    assert "b@az.example: not sent" in result.stdout
    assert smtp_sink.received == []


def test_send_without_a_broker_fails_before_any_email(
    env: dict[str, str], smtp_sink: SmtpSink
) -> None:
    env = {**env, "MANGO_SMTP__PORT": str(smtp_sink.port)}
    result = mango(env, "send", "--org", "az", "--week", "2026-W48")
    assert result.returncode == 1
    assert "cannot reach the Kafka broker (MANGO_KAFKA__BOOTSTRAP_SERVERS)" in result.stderr
    assert "Traceback" not in result.stderr
    assert smtp_sink.received == []
