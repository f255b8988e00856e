"""Both log formats keep moment text out: an exception is logged by type and place only."""

import io
import json
import logging
from collections.abc import Iterator
from pathlib import Path

import pytest
import sqlalchemy as sa

from services.common.database import create_engine
from services.common.logging import configure_logging

MOMENT = "Sofie Claes bracht soep voor meneer Peeters"


@pytest.fixture
def written() -> Iterator[io.StringIO]:
    root = logging.getLogger()
    saved = root.handlers[:], root.level
    stream = io.StringIO()
    yield stream
    root.handlers[:] = saved[0]
    root.setLevel(saved[1])


def log_a_failure(stream: io.StringIO, fmt: str) -> str:
    configure_logging("INFO", fmt, "test")
    [handler] = logging.getLogger().handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(stream)
    try:
        raise ValueError(f"duplicate row ('{MOMENT}')")  # as a driver quotes parameters
    except ValueError:
        logging.getLogger("mango.test").exception(
            "outbox did not store a moment", extra={"event_id": "e-1"}
        )
    return stream.getvalue()


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_an_exception_is_logged_by_type_and_place_never_by_its_message(
    written: io.StringIO, fmt: str
) -> None:
    output = log_a_failure(written, fmt)

    assert "Sofie" not in output
    assert "Peeters" not in output
    assert "ValueError" in output
    assert "test_logging.py:" in output  # where it was raised
    assert "outbox did not store a moment" in output
    assert "e-1" in output  # the ids given with the line are kept


def test_json_lines_carry_the_ids_as_fields(written: io.StringIO) -> None:
    [line] = log_a_failure(written, "json").splitlines()
    entry = json.loads(line)

    assert entry["event_id"] == "e-1"
    assert entry["exc_type"] == "ValueError"
    assert entry["level"] == "error"


def test_text_lines_read_as_one_line_per_event(written: io.StringIO) -> None:
    output = log_a_failure(written, "text")

    first, exception = output.splitlines()
    assert first.endswith("outbox did not store a moment event_id=e-1")
    assert exception.startswith("exc_type=ValueError exc_at=")


@pytest.mark.parametrize("fmt", ["json", "text"])
def test_a_message_that_repeats_the_exception_text_has_it_withheld(
    written: io.StringIO, fmt: str
) -> None:
    """FastStream logs a failed handler as `f"{type(exc).__name__}: {exc}"`."""
    configure_logging("INFO", fmt, "test")
    [handler] = logging.getLogger().handlers
    assert isinstance(handler, logging.StreamHandler)
    handler.setStream(written)
    try:
        raise RuntimeError(f"[parameters: ('{MOMENT}', 'Sofie Claes')]")
    except RuntimeError as exc:
        logging.getLogger("mango.kafka.test").error(f"{type(exc).__name__}: {exc}", exc_info=exc)

    output = written.getvalue()
    assert "Sofie" not in output
    assert "RuntimeError: [exception text withheld]" in output


async def test_database_errors_do_not_quote_the_row(tmp_path: Path) -> None:
    """An error while writing a moment names the statement, never the moment in it."""
    engine = create_engine(f"sqlite+aiosqlite:///{tmp_path}/t.db")
    try:
        async with engine.begin() as connection:
            await connection.execute(sa.text("CREATE TABLE t (id TEXT PRIMARY KEY, body TEXT)"))
            insert = sa.text("INSERT INTO t VALUES (:id, :body)")
            await connection.execute(insert, {"id": "e-1", "body": MOMENT})
            with pytest.raises(sa.exc.IntegrityError) as raised:
                await connection.execute(insert, {"id": "e-1", "body": MOMENT})
    finally:
        await engine.dispose()
    assert "INSERT INTO t" in str(raised.value)
    assert "Sofie" not in str(raised.value)
