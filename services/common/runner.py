"""Running one service: settings, logging, then uvicorn serving its app until SIGINT/SIGTERM.

uvicorn turns SIGTERM into a graceful shutdown: it stops accepting requests, lets in-flight ones
finish, then runs the app's lifespan shutdown (which stops the Kafka broker, committing offsets).
Configuration mistakes end the process with a message naming the setting or file line, exit 2.
"""

import asyncio
import gc
from collections.abc import Callable
from typing import NoReturn, TypeVar

import typer
import uvicorn
from pydantic import ValidationError
from pydantic_settings import SettingsError
from starlette.applications import Starlette

from services.common.logging import configure_logging
from services.common.network_file import NetworkFileError
from services.common.settings import ServiceSettings

S = TypeVar("S", bound=ServiceSettings)


def fail(lines: list[str]) -> NoReturn:
    for line in lines:
        typer.echo(line, err=True)
    raise typer.Exit(2)


def settings_problems(exc: ValidationError) -> list[str]:
    """`MANGO_KAFKA__PARTITIONS: input should be ...` per invalid setting (values not echoed)."""
    return [
        "MANGO_" + "__".join(str(p) for p in error["loc"]).upper() + ": " + error["msg"]
        for error in exc.errors()
    ]


def load_settings(settings_cls: type[S]) -> S:
    try:
        return settings_cls()
    except ValidationError as exc:
        fail(["invalid configuration:", *settings_problems(exc)])
    except SettingsError as exc:  # a secret file that cannot be read, a secrets folder too big
        fail(["invalid configuration:", str(exc)])


def run(service: str, settings_cls: type[S], build_app: Callable[[S], Starlette]) -> None:
    settings = load_settings(settings_cls)
    configure_logging(settings.log_level, settings.log_format, service)
    try:
        app = build_app(settings)
    except NetworkFileError as exc:
        fail(["invalid network file:", *exc.report()])
    # What is loaded by now (ingest's lexicons: a full collection of them takes ~70 ms) lives as
    # long as the process: keep it out of the garbage collector's full collections.
    gc.freeze()
    asyncio.run(uvicorn.Server(server_config(app, settings)).serve())


def server_config(app: Starlette, settings: ServiceSettings) -> uvicorn.Config:
    """How every service serves HTTP (the tests serve ingest with it too)."""
    return uvicorn.Config(
        app,
        host=settings.host,
        port=settings.port,
        lifespan="on",
        log_config=None,  # keep our JSON logging
        access_log=False,
        server_header=False,
        timeout_graceful_shutdown=settings.shutdown_grace_s,
        proxy_headers=True,
        forwarded_allow_ips=settings.proxies(),
    )
