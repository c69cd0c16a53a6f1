"""The Sanic application factory of the civil-affairs API (names no service)."""

from __future__ import annotations

import itertools
import logging
from concurrent.futures import ThreadPoolExecutor

from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy import text

from backend.clock import Clock, clock_for
from backend.db import Database
from backend.errors import ApiError, JsonErrorHandler
from backend.logging_setup import install_log_masking
from backend.migrate import upgrade
from backend.openapi import build_openapi
from backend.registry import ServiceRuntime, services
from backend.routing import blueprint
from backend.settings import Settings
from backend.web import json_response, run_sync
from civic.sealing import Sealer

logger = logging.getLogger("backend.app")

_app_numbers = itertools.count(1)
REQUEST_MAX_SIZE = 256 * 1024


def _app_name() -> str:
    number = next(_app_numbers)
    return "civic_backend" if number == 1 else f"civic_backend_{number}"


def create_app(settings: Settings | None = None, clock: Clock | None = None) -> Sanic:
    """Build the API from every registered service. No I/O: the database opens at start.

    Args:
        settings: configuration (default: read from the environment).
        clock: the clock every rule takes "today" from (default: from ``settings.today``).

    Raises:
        SettingsError: a setting (core or a service's) is missing or malformed.
    """
    settings = settings or Settings.from_env()
    sealer = Sealer(settings.require_key(), "backend")
    app = Sanic(_app_name(), error_handler=JsonErrorHandler())
    app.config.AUTO_EXTEND = False  # no sanic-ext: our own OpenAPI document and error format
    app.config.REQUEST_MAX_SIZE = REQUEST_MAX_SIZE
    app.config.FALLBACK_ERROR_FORMAT = "json"
    install_log_masking()

    definitions = services()
    runtimes: dict[str, ServiceRuntime] = {d.name: d.load(settings.env) for d in definitions}
    app.ctx.settings = settings
    app.ctx.clock = clock or clock_for(settings.today)
    app.ctx.sealer = sealer
    app.ctx.services = runtimes
    openapi_document = build_openapi(definitions)

    @app.before_server_start
    async def open_database(app: Sanic, _loop: object) -> None:
        app.ctx.executor = ThreadPoolExecutor(
            max_workers=settings.worker_threads, thread_name_prefix="civic-db"
        )
        app.ctx.db = Database.connect(settings.database_url)
        await run_sync(app, _prepare_database, app.ctx.db, settings, sealer, runtimes)

    @app.after_server_stop
    async def close_database(app: Sanic, _loop: object) -> None:
        app.ctx.db.dispose()
        app.ctx.executor.shutdown(wait=True)

    @app.on_request
    async def refuse_nul(request: Request) -> None:
        """NUL is no text (and PostgreSQL refuses it): 400 before any route sees it."""
        values = [request.path, *(v for vs in request.args.values() for v in vs)]
        if any("\x00" in value for value in values):
            raise ApiError(400, "invalid_text", "请求中含有无效字符，请检查后重试。")

    @app.get("/health")
    async def health(request: Request) -> HTTPResponse:
        try:
            await run_sync(request.app, _ping, request.app.ctx.db)
        except Exception:
            logger.exception("Health check: database unreachable")
            raise ApiError(503, "db_unavailable", "数据库暂时不可用，请稍后重试。") from None
        return json_response({"status": "ok"})

    @app.get("/openapi.json")
    async def openapi(_request: Request) -> HTTPResponse:
        return json_response(openapi_document)

    for definition in definitions:
        app.blueprint(blueprint(definition.name, definition.url_prefix, definition.routes()))
    return app


def _prepare_database(
    db: Database, settings: Settings, sealer: Sealer, runtimes: dict[str, ServiceRuntime]
) -> None:
    upgrade(db.engine, sealer=sealer)
    if not settings.load_sample_data:
        return
    for name, runtime in runtimes.items():
        with db.write() as session:
            count = runtime.seed(session)
        logger.info("Loaded %d sample records for %s", count, name)


def _ping(db: Database) -> None:
    with db.read() as session:
        session.execute(text("SELECT 1"))
