"""One settings object for the civil-affairs API, read from the environment at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from types import MappingProxyType

from civic.config import SettingsError, env_bool, env_date, env_int, env_str

__all__ = ["Settings", "SettingsError"]


@dataclass(frozen=True)
class Settings:
    """Configuration of the civil-affairs API (each service reads its own, see ``env``).

    Attributes:
        database_url: SQLAlchemy URL (``DATABASE_URL``); SQLite file by default, PostgreSQL
            in production. The folder of a SQLite file is created on start.
        host: interface to listen on (``BACKEND_HOST``).
        port: TCP port (``BACKEND_PORT``).
        production: ``CIVIC_ENV=production``: no pinned "today", no sample data by default.
        data_key: secret that seals personal data at rest (``CIVIC_DATA_KEY``; generate one
            with ``python -m civic.sealing``). Required: the API does not start without it.
        today: fixed "today" for tests and demos (``CIVIC_TODAY``, ISO date); None = real date.
        load_sample_data: seed every service's sample records at start (``LOAD_SAMPLE_DATA``;
            default true in development, false in production).
        worker_threads: threads that run database work off the event loop
            (``BACKEND_WORKER_THREADS``).
        env: the environment the services read their own settings from
            (e.g. ``MARRIAGE_BOOKING_DAYS``).
    """

    database_url: str = "sqlite:///var/civic.db"
    host: str = "127.0.0.1"
    port: int = 8000
    production: bool = False
    data_key: str | None = None
    today: date | None = None
    load_sample_data: bool = True
    worker_threads: int = 8
    env: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``environ`` (default ``os.environ``); fail fast on bad values."""
        env = dict(os.environ if environ is None else environ)
        mode = env_str(env, "CIVIC_ENV", "development")
        if mode not in ("development", "production"):
            raise SettingsError(f"CIVIC_ENV must be development or production, got {mode!r}")
        production = mode == "production"
        today = env_date(env, "CIVIC_TODAY")
        if production and today is not None:
            raise SettingsError("CIVIC_TODAY pins the date for demos and tests only; unset it")
        settings = cls(
            database_url=env_str(env, "DATABASE_URL", cls.database_url),
            host=env_str(env, "BACKEND_HOST", cls.host),
            port=env_int(env, "BACKEND_PORT", cls.port, 1, 65535),
            production=production,
            data_key=env_str(env, "CIVIC_DATA_KEY", "") or None,
            today=today,
            load_sample_data=env_bool(env, "LOAD_SAMPLE_DATA", not production),
            worker_threads=env_int(env, "BACKEND_WORKER_THREADS", cls.worker_threads, 1, 64),
            env=MappingProxyType(env),
        )
        settings.require_key()
        return settings

    def require_key(self) -> str:
        """The data key, or a clear error saying how to provide one."""
        if self.data_key:
            return self.data_key
        if self.production:
            raise SettingsError(
                "CIVIC_DATA_KEY is not set: in production the API will not store personal "
                "data without its encryption key. Set it from your secret store."
            )
        raise SettingsError(
            "CIVIC_DATA_KEY is not set. `make run` creates a development key in "
            "var/keys.env; or generate one with `python -m civic.sealing`."
        )
