"""One settings object for the civil-affairs API, read from the environment."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from pathlib import Path

_DEFAULT_DATA_FILE = Path(__file__).parent / "marriage" / "sample_data.yaml"


class SettingsError(ValueError):
    """An environment variable holds a value the API cannot run with."""


def _bool(value: str, name: str) -> bool:
    lowered = value.strip().lower()
    if lowered in {"1", "true", "yes", "on"}:
        return True
    if lowered in {"0", "false", "no", "off", ""}:
        return False
    raise SettingsError(f"{name} must be true or false, got {value!r}")


def _int(value: str, name: str, minimum: int, maximum: int) -> int:
    try:
        number = int(value)
    except ValueError as exc:
        raise SettingsError(f"{name} must be an integer, got {value!r}") from exc
    if not minimum <= number <= maximum:
        raise SettingsError(f"{name} must be between {minimum} and {maximum}, got {number}")
    return number


@dataclass(frozen=True)
class Settings:
    """Configuration of the civil-affairs API.

    Attributes:
        database_url: SQLAlchemy URL (``DATABASE_URL``); SQLite file by default, PostgreSQL
            in production. The folder of a SQLite file is created on start.
        host: interface to listen on (``BACKEND_HOST``).
        port: TCP port (``BACKEND_PORT``).
        marriage_booking_days: how many days ahead a marriage appointment may be booked
            (``MARRIAGE_BOOKING_DAYS``); the window is tomorrow .. today + this many days.
        today: fixed "today" for tests and demos (``CIVIC_TODAY``, ISO date); None = real date.
        load_sample_data: seed the sample offices at start (``LOAD_SAMPLE_DATA``).
        marriage_data_file: YAML with offices, time slots and special days
            (``MARRIAGE_DATA_FILE``); defaults to the bundled sample data.
        worker_threads: threads that run database work off the event loop
            (``BACKEND_WORKER_THREADS``).
    """

    database_url: str = "sqlite:///var/civic.db"
    host: str = "127.0.0.1"
    port: int = 8000
    marriage_booking_days: int = 30
    today: date | None = None
    load_sample_data: bool = True
    marriage_data_file: Path = _DEFAULT_DATA_FILE
    worker_threads: int = 8

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """Read the settings from ``environ`` (default ``os.environ``); fail fast on bad values."""
        env = os.environ if environ is None else environ
        today: date | None = None
        if env.get("CIVIC_TODAY", "").strip():
            try:
                today = date.fromisoformat(env["CIVIC_TODAY"].strip())
            except ValueError as exc:
                raise SettingsError("CIVIC_TODAY must be an ISO date (YYYY-MM-DD)") from exc
        return cls(
            database_url=env.get("DATABASE_URL", cls.database_url).strip() or cls.database_url,
            host=env.get("BACKEND_HOST", cls.host).strip() or cls.host,
            port=_int(env.get("BACKEND_PORT", str(cls.port)), "BACKEND_PORT", 1, 65535),
            marriage_booking_days=_int(
                env.get("MARRIAGE_BOOKING_DAYS", str(cls.marriage_booking_days)),
                "MARRIAGE_BOOKING_DAYS",
                1,
                366,
            ),
            today=today,
            load_sample_data=_bool(env.get("LOAD_SAMPLE_DATA", "true"), "LOAD_SAMPLE_DATA"),
            marriage_data_file=Path(env.get("MARRIAGE_DATA_FILE", "") or _DEFAULT_DATA_FILE),
            worker_threads=_int(
                env.get("BACKEND_WORKER_THREADS", str(cls.worker_threads)),
                "BACKEND_WORKER_THREADS",
                1,
                64,
            ),
        )
