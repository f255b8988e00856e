"""The errors ingest raises on purpose. Each carries an HTTP status and a short reason code."""

from services.common.errors import MangoError


class IngestError(MangoError):
    """Base of ingest's own errors."""


class RequestRejected(IngestError):
    """A request that gets a 4xx: `reason` is a short code, safe to log (no user data)."""

    status_code = 400

    def __init__(self, reason: str, status_code: int | None = None) -> None:
        super().__init__(reason)
        self.reason = reason
        if status_code is not None:
            self.status_code = status_code


class BodyTooLarge(RequestRejected):
    status_code = 413


class StoreUnavailable(IngestError):
    """The outbox could not commit in time: answer 503 so the platform retries (nothing stored)."""


class StoreLate(StoreUnavailable):
    """The outbox commit did not answer in time and is still going: it may yet land."""
