"""Logging: one JSON object per line. Log ids and counts, never moment text or names."""

import json
import logging
import sys
import traceback
from typing import Any

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


WITHHELD = "[exception text withheld]"


def message_of(record: logging.LogRecord) -> str:
    """The record's message, without the text of its exception if the message repeats it:
    libraries log `f"{type(exc).__name__}: {exc}"` (FastStream when a handler fails), and that
    text can quote a row or a payload, i.e. a moment."""
    message = record.getMessage()
    if record.exc_info and record.exc_info[1] is not None:
        text = str(record.exc_info[1])
        if text and text in message:
            message = message.replace(text, WITHHELD)
    return message


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": message_of(record),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[0] is not None:
            entry.update(exception_ids(record.exc_info))
        return json.dumps(entry, default=str, ensure_ascii=False)


class TextFormatter(logging.Formatter):
    """For a terminal: a readable line with the ids after the message, and an exception the
    same as in JSON (no message)."""

    def format(self, record: logging.LogRecord) -> str:
        text = super().format(record)
        message = record.getMessage()
        if (withheld := message_of(record)) != message:
            text = text.replace(message, withheld, 1)
        ids = " ".join(f"{k}={v}" for k, v in vars(record).items() if k not in _STANDARD)
        if not ids:
            return text
        first, newline, rest = text.partition("\n")
        return f"{first} {ids}{newline}{rest}"

    def formatException(self, ei: Any) -> str:
        return " ".join(f"{key}={value}" for key, value in exception_ids(ei).items())


def exception_ids(exc_info: Any) -> dict[str, str]:
    """An exception's type and the place it was raised. Never its message, never the
    traceback's text: messages (pydantic's, a database driver's with the row's parameters)
    can quote a moment."""
    kind, _, tb = exc_info
    ids = {"exc_type": kind.__name__}
    frames = traceback.extract_tb(tb)
    if frames:
        ids["exc_at"] = f"{frames[-1].filename}:{frames[-1].lineno}"
    return ids


def configure_logging(level: str = "INFO", fmt: str = "json", service: str = "mango") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            TextFormatter(f"%(asctime)s {service} %(levelname)s %(name)s: %(message)s")
        )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    quiet_libraries(root.level)


CHATTY_LIBRARIES = ("aiokafka", "aiosqlite", "slack_sdk", "httpx", "httpcore", "azure", "msal")
"""Libraries whose INFO and DEBUG lines carry what must not be logged: aiokafka whole records,
aiosqlite statements with their parameters, slack_sdk request bodies (a modal prefilled with
the moment's text), httpx and httpcore request URLs (a Teams Workflows URL carries its `sig`
secret), azure and msal token requests."""


def quiet_libraries(level: int) -> None:
    """Keep the chatty libraries to warnings and errors, whatever the service's own level."""
    for name in CHATTY_LIBRARIES:
        logging.getLogger(name).setLevel(max(logging.WARNING, level))
