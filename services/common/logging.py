"""Logging: one JSON object per line. Log ids and counts, never moment text or names."""

import json
import logging
import sys
import traceback
from typing import Any

_STANDARD = set(vars(logging.makeLogRecord({}))) | {"message", "asctime", "taskName"}


class JsonFormatter(logging.Formatter):
    def format(self, record: logging.LogRecord) -> str:
        entry: dict[str, Any] = {
            "ts": self.formatTime(record, "%Y-%m-%dT%H:%M:%S%z"),
            "level": record.levelname.lower(),
            "logger": record.name,
            "msg": record.getMessage(),
        }
        entry.update({k: v for k, v in vars(record).items() if k not in _STANDARD})
        if record.exc_info and record.exc_info[0] is not None:
            # Type and place only: exception messages (pydantic's among them) can quote input.
            entry["exc_type"] = record.exc_info[0].__name__
            frames = traceback.extract_tb(record.exc_info[2])
            if frames:
                entry["exc_at"] = f"{frames[-1].filename}:{frames[-1].lineno}"
        return json.dumps(entry, default=str, ensure_ascii=False)


def configure_logging(level: str = "INFO", fmt: str = "json", service: str = "mango") -> None:
    handler = logging.StreamHandler(sys.stderr)
    if fmt == "json":
        handler.setFormatter(JsonFormatter())
    else:
        handler.setFormatter(
            logging.Formatter(f"%(asctime)s {service} %(levelname)s %(name)s: %(message)s")
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
