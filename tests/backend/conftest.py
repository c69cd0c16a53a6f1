"""Fixtures for the civil-affairs API tests: a real database and a real server on loopback.

The database is a SQLite file in ``tmp_path``; set ``TEST_DATABASE_URL`` to a PostgreSQL URL
to run the same tests against PostgreSQL (its ``public`` schema is reset for every test).
"""

from __future__ import annotations

import os
import socket
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import aiohttp
import pytest
from sanic import Sanic
from sqlalchemy import create_engine, text

from backend.app import create_app
from backend.settings import Settings
from civic.sealing import new_secret

TODAY = date(2026, 11, 23)  # a Monday; chinese-calendar knows 2026
DATA_KEY = new_secret()

# Several apps are started in one process: Sanic 21.12's start-up "touch-up" rewrites Http
# methods in place and fails the second time unless test mode keeps the originals (this is
# what sanic-testing does too).
Sanic.test_mode = True


@pytest.fixture
def db_url(tmp_path: Path) -> Iterator[str]:
    """An empty database for one test."""
    url = os.environ.get("TEST_DATABASE_URL", "").strip()
    if not url:
        yield f"sqlite:///{tmp_path / 'civic.db'}"
        return
    engine = create_engine(url, future=True)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()
    yield url


@pytest.fixture
def settings(db_url: str) -> Settings:
    """Settings for a test: fixed today (2026-11-23), sample data, a fresh data key."""
    return Settings(database_url=db_url, today=TODAY, data_key=DATA_KEY)


@dataclass
class Running:
    """A started server and what tests need to talk to it and to its database."""

    app: Sanic
    base_url: str
    http: aiohttp.ClientSession
    db_url: str

    async def request(self, method: str, path: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
        """Send a request, return (status, JSON body)."""
        async with self.http.request(method, self.base_url + path, **kwargs) as response:
            return response.status, await response.json(content_type=None)

    async def get(self, path: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
        return await self.request("GET", path, **kwargs)

    async def post(self, path: str, **kwargs: Any) -> tuple[int, dict[str, Any]]:
        return await self.request("POST", path, **kwargs)

    def scalar(self, sql: str, **params: Any) -> Any:
        """Run one SQL query against the server's database (tests read the DB directly)."""
        engine = create_engine(self.db_url, future=True)
        try:
            with engine.connect() as conn:
                return conn.execute(text(sql), params).scalar()
        finally:
            engine.dispose()

    def execute(self, sql: str, **params: Any) -> None:
        """Run one SQL statement (e.g. set an office's capacity for a test)."""
        engine = create_engine(self.db_url, future=True)
        try:
            with engine.begin() as conn:
                conn.execute(text(sql), params)
        finally:
            engine.dispose()


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


ServerFactory = Callable[..., Awaitable[Running]]


@pytest.fixture
async def start_server(settings: Settings) -> AsyncIterator[ServerFactory]:
    """Start the real API on a free loopback port; ``await start_server(today=...)``."""
    started: list[tuple[Any, aiohttp.ClientSession]] = []

    async def start(access_log: bool = False, **overrides: Any) -> Running:
        app = create_app(replace(settings, **overrides))
        port = free_port()
        server = await app.create_server(
            host="127.0.0.1", port=port, return_asyncio_server=True, access_log=access_log
        )
        # create_server has already bound the socket; run the lifecycle before any request.
        await server.startup()
        await server.before_start()
        await server.after_start()
        http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=30))
        started.append((server, http))
        return Running(app, f"http://127.0.0.1:{port}", http, settings.database_url)

    yield start

    for server, http in reversed(started):
        await http.close()
        await server.before_stop()
        closing = server.close()
        if closing is not None:
            await closing
        await server.after_stop()


@pytest.fixture
async def api(start_server: ServerFactory) -> Running:
    """The API with today = 2026-11-23."""
    return await start_server()
