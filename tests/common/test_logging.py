"""Both log formats keep moment text out: an exception is logged by type and place only."""

import io
import json
import logging
from collections.abc import Iterator

import pytest

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
