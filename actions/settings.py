"""The action server's settings: one object, read from the environment and checked at start."""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass

from civic.config import SettingsError, env_date, env_float, env_int, env_str

__all__ = ["ActionSettings"]


@dataclass(frozen=True)
class ActionSettings:
    """Configuration of the action server (see ``.env.example``).

    Attributes:
        backend_url: where the civil-affairs API is (``BACKEND_URL``).
        timeout: seconds one backend call may take (``BACKEND_TIMEOUT_SECONDS``, 0.5–30).
            Rasa waits for the action server for minutes and drops the action's events on
            failure, so a slow backend must become a quick, polite reply instead.
        retries: extra attempts for idempotent calls (``BACKEND_RETRIES``, 0–3).
        confirm_seconds: after a booking request timed out, how long the assistant keeps
            asking the backend (same idempotency key) whether it was booked before it tells
            the citizen the result is not yet known (``BOOKING_CONFIRM_SECONDS``, 1–30).
    """

    backend_url: str = "http://127.0.0.1:8000"
    timeout: float = 3.0
    retries: int = 1
    confirm_seconds: float = 6.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> ActionSettings:
        """Read and check every setting; raises ``SettingsError`` naming the bad variable."""
        env = os.environ if environ is None else environ
        env_date(env, "CIVIC_TODAY")  # only checked here; civic.clock reads it
        url = env_str(env, "BACKEND_URL", cls.backend_url).rstrip("/")
        if not url.startswith(("http://", "https://")):
            raise SettingsError(f"BACKEND_URL must be an http(s) URL, got {url!r}")
        return cls(
            backend_url=url,
            timeout=env_float(env, "BACKEND_TIMEOUT_SECONDS", cls.timeout, 0.5, 30),
            retries=env_int(env, "BACKEND_RETRIES", cls.retries, 0, 3),
            confirm_seconds=env_float(env, "BOOKING_CONFIRM_SECONDS", cls.confirm_seconds, 1, 30),
        )
