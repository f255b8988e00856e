"""What every entry point does with a raw request: read it capped, parse a form, fail clearly."""

import functools
import logging
from collections.abc import Awaitable, Callable
from urllib.parse import parse_qs

from starlette.requests import ClientDisconnect, Request
from starlette.responses import JSONResponse, PlainTextResponse, Response

from services.ingest.errors import BodyTooLarge, RequestRejected, StoreLate, StoreUnavailable
from services.ingest.telemetry import REJECTED, log

Handler = Callable[[Request], Awaitable[Response]]
RETRY_AFTER_S = "60"
"""What a 429 asks the client to wait, in seconds (the limiter's window)."""


async def read_body(request: Request, cap: int) -> bytes:
    """The body, refused with 413 as soon as it is known to exceed `cap` (never read whole)."""
    declared = request.headers.get("content-length")
    if declared is not None:
        if not (declared.isascii() and declared.isdigit()):
            raise RequestRejected("bad_content_length")
        if int(declared) > cap:
            raise BodyTooLarge("body_too_large")
    chunks: list[bytes] = []
    size = 0
    try:
        async for chunk in request.stream():
            size += len(chunk)
            if size > cap:
                raise BodyTooLarge("body_too_large")
            chunks.append(chunk)
    except ClientDisconnect:  # gone before the body was whole: nothing to store, no one to tell
        raise RequestRejected("client_disconnected") from None
    return b"".join(chunks)


def form_fields(text: str) -> dict[str, str]:
    """A urlencoded form's fields. Percent-encoded bytes that are no UTF-8 ("%FF") raise
    UnicodeDecodeError, like raw ones, instead of turning into U+FFFD."""
    return {k: v[0] for k, v in parse_qs(text, keep_blank_values=True, errors="strict").items()}


def guarded(route: str, *, as_json: bool = False) -> Callable[[Handler], Handler]:
    """Turn every expected failure into a clear 4xx/503 and log it with ids only: the reason as
    plain text, or as `{"error": reason}` for a JSON API; a 429 says when to come back."""

    def refusal(reason: str, status_code: int) -> Response:
        headers = {"Retry-After": RETRY_AFTER_S} if status_code == 429 else None
        if as_json:
            return JSONResponse({"error": reason}, status_code=status_code, headers=headers)
        return PlainTextResponse(reason, status_code=status_code, headers=headers)

    def decorate(handler: Handler) -> Handler:
        @functools.wraps(handler)
        async def wrapper(request: Request) -> Response:
            try:
                return await handler(request)
            except RequestRejected as exc:
                REJECTED.labels(route, exc.reason).inc()
                level = logging.WARNING if exc.status_code in (401, 403, 429) else logging.INFO
                log.log(
                    level,
                    "request rejected",
                    extra={"route": route, "reason": exc.reason, "status": exc.status_code},
                )
                return refusal(exc.reason, exc.status_code)
            except StoreLate:  # the commit may yet land: a retry must carry the same ids
                REJECTED.labels(route, "store_late").inc()
                log.warning("answered 503: outbox commit still running", extra={"route": route})
                return refusal("not_confirmed", 503)
            except StoreUnavailable:  # not stored (logged where the commit failed)
                REJECTED.labels(route, "store_unavailable").inc()
                return refusal("try_again", 503)
            # RecursionError: JSON nested deeper than the parser's stack.
            except (
                ValueError,
                KeyError,
                TypeError,
                AttributeError,
                IndexError,
                RecursionError,
            ) as exc:
                REJECTED.labels(route, "malformed_payload").inc()
                # The type only: messages (pydantic's, json's) can quote the user's text.
                log.info("malformed payload", extra={"route": route, "error": type(exc).__name__})
                return refusal("malformed_payload", 400)

        return wrapper

    return decorate
