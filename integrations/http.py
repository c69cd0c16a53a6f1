"""Shared HTTP plumbing for the backend clients: short timeouts, bounded retries, one error type.

Rasa waits for the action server for minutes and drops the action's events on failure, so a
slow backend must turn into a quick, polite reply instead: every call is capped (≈3 s in
total by default), and only idempotent calls are retried.
"""

from __future__ import annotations

import asyncio
import logging
import os
from dataclasses import dataclass
from typing import Any

import aiohttp

logger = logging.getLogger(__name__)


class BackendUnavailable(Exception):
    """The backend did not answer in time, refused the connection, or failed (5xx)."""


class BackendError(Exception):
    """The backend refused the request (4xx) with an error code and a Chinese message."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.message = message
        self.field = field


@dataclass(frozen=True)
class HttpSettings:
    """Where the backend is and how long to wait for it.

    Attributes:
        base_url: ``BACKEND_URL``, default ``http://127.0.0.1:8000``.
        timeout: ``BACKEND_TIMEOUT_SECONDS`` for one attempt, default 3.
        retries: extra attempts for idempotent calls, default 1.
    """

    base_url: str = "http://127.0.0.1:8000"
    timeout: float = 3.0
    retries: int = 1

    @classmethod
    def from_env(cls) -> HttpSettings:
        """Read the settings from the environment."""
        return cls(
            base_url=os.environ.get("BACKEND_URL", cls.base_url).rstrip("/"),
            timeout=float(os.environ.get("BACKEND_TIMEOUT_SECONDS", cls.timeout)),
            retries=int(os.environ.get("BACKEND_RETRIES", cls.retries)),
        )


class JsonHttp:
    """Minimal JSON-over-HTTP caller used by the typed clients."""

    def __init__(self, settings: HttpSettings) -> None:
        self._settings = settings

    async def request(
        self,
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool = False,
    ) -> dict[str, Any]:
        """Send one request; retry connection failures and 5xx only when ``idempotent``.

        Raises:
            BackendError: on a 4xx answer.
            BackendUnavailable: on time-out, connection failure, 5xx or a non-JSON answer.
        """
        attempts = 1 + (self._settings.retries if idempotent else 0)
        url = self._settings.base_url + path
        timeout = aiohttp.ClientTimeout(total=self._settings.timeout)
        last_error: Exception | None = None
        for attempt in range(attempts):
            try:
                async with (
                    aiohttp.ClientSession(timeout=timeout) as session,
                    session.request(
                        method, url, json=json, params=params, headers=headers
                    ) as response,
                ):
                    body = await _read_json(response)
                    if response.status >= 500:
                        raise BackendUnavailable(f"{method} {path}: {response.status}")
                    if response.status >= 400:
                        error = body.get("error") or {}
                        raise BackendError(
                            response.status,
                            str(error.get("code", "error")),
                            str(error.get("message", "")),
                            error.get("field"),
                        )
                    return body
            except BackendError:
                raise
            except (aiohttp.ClientError, asyncio.TimeoutError, BackendUnavailable) as exc:
                last_error = exc
                logger.warning(
                    "backend %s %s failed (attempt %d): %r", method, path, attempt + 1, exc
                )
        raise BackendUnavailable(f"{method} {path}") from last_error


async def _read_json(response: aiohttp.ClientResponse) -> dict[str, Any]:
    try:
        body = await response.json(content_type=None)
    except (ValueError, aiohttp.ContentTypeError) as exc:
        raise BackendUnavailable(f"non-JSON answer ({response.status})") from exc
    if not isinstance(body, dict):
        raise BackendUnavailable(f"unexpected JSON ({response.status})")
    return body
