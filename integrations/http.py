"""Shared HTTP plumbing for the backend clients: short timeouts, bounded retries, one error type.

Rasa waits for the action server for minutes and drops the action's events on failure, so a
slow backend must turn into a quick, polite reply instead: every call is capped (≈3 s by
default), and only idempotent calls are retried. Responses are parsed strictly into the
shared contract models (:mod:`contracts`): a field the backend renamed or dropped is a
:class:`ContractError`, never a silently defaulted value.
"""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any, TypeVar

import aiohttp
from pydantic import BaseModel, ValidationError

logger = logging.getLogger(__name__)

M = TypeVar("M", bound=BaseModel)


class BackendUnavailable(Exception):
    """The backend did not answer in time, refused the connection, or failed (5xx)."""


class BackendUnreachable(BackendUnavailable):
    """No connection could be made: the request never reached the backend."""


class OutcomeUnknown(BackendUnavailable):
    """A write may or may not have happened: no answer came back for it in time."""


class ContractError(BackendUnavailable):
    """The backend answered with JSON that does not match the shared contract."""


class BackendError(Exception):
    """The backend refused the request (4xx) with an error code and a Chinese message."""

    def __init__(self, status: int, code: str, message: str, field: str | None = None) -> None:
        super().__init__(f"{status} {code}")
        self.status = status
        self.code = code
        self.message = message
        self.field = field


class JsonHttp:
    """JSON over HTTP on a shared session; the typed clients are built on it.

    Args:
        session: the process's one ``aiohttp.ClientSession`` (see :mod:`actions.runtime`).
        base_url: the backend's base URL.
        timeout: seconds for one attempt.
        retries: extra attempts for idempotent calls.
    """

    def __init__(
        self, session: aiohttp.ClientSession, base_url: str, timeout: float, retries: int
    ) -> None:
        self._session = session
        self._base_url = base_url.rstrip("/")
        self._timeout = timeout
        self._retries = retries

    async def call(
        self,
        model: type[M],
        method: str,
        path: str,
        *,
        json: dict[str, Any] | None = None,
        params: dict[str, str] | None = None,
        headers: dict[str, str] | None = None,
        idempotent: bool = False,
    ) -> M:
        """Send one request and parse the answer into ``model``.

        Raises:
            BackendError: on a 4xx answer.
            ContractError: the answer does not match ``model``.
            BackendUnavailable: on time-out, connection failure, 5xx or a non-JSON answer.
        """
        body = await self.request(
            method, path, json=json, params=params, headers=headers, idempotent=idempotent
        )
        try:
            return model.parse_obj(body)
        except ValidationError as exc:
            logger.error("backend %s %s broke the contract %s: %s", method, path, model, exc)
            raise ContractError(f"{method} {path}") from exc

    async def call_until_known(
        self,
        model: type[M],
        method: str,
        path: str,
        *,
        json: dict[str, Any],
        idempotency_key: str,
        patience: float,
    ) -> M:
        """A write that must not be left in doubt: repeat it with the same idempotency key.

        When an attempt times out the backend may still have done the work; the same key
        then replays the stored result (or does the work once). Attempts go on for up to
        ``patience`` seconds.

        Raises:
            BackendError: the backend refused the request.
            OutcomeUnknown: no attempt got an answer: the write may or may not have happened.
        """
        deadline = time.monotonic() + patience
        headers = {"Idempotency-Key": idempotency_key}
        attempt = 0
        reached = False
        while True:
            attempt += 1
            try:
                return await self.call(model, method, path, json=json, headers=headers)
            except ContractError:
                raise
            except BackendUnreachable:
                if not reached:  # no attempt got through: certainly nothing was written
                    raise
                await asyncio.sleep(0.5)
            except BackendUnavailable as exc:
                reached = True
                if time.monotonic() + 0.5 >= deadline:
                    raise OutcomeUnknown(f"{method} {path} after {attempt} attempts") from exc
                await asyncio.sleep(min(0.5 * attempt, max(deadline - time.monotonic(), 0)))

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
        attempts = 1 + (self._retries if idempotent else 0)
        url = self._base_url + path
        timeout = aiohttp.ClientTimeout(total=self._timeout)
        last_error: Exception | None = None
        for attempt in range(attempts):
            try:
                async with self._session.request(
                    method, url, json=json, params=params, headers=headers, timeout=timeout
                ) as response:
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
            except aiohttp.ClientConnectorError as exc:
                last_error = BackendUnreachable(f"{method} {path}: {exc!r}")
                logger.warning("backend %s %s unreachable (attempt %d)", method, path, attempt + 1)
            except (aiohttp.ClientError, asyncio.TimeoutError, BackendUnavailable) as exc:
                last_error = exc
                logger.warning(
                    "backend %s %s failed (attempt %d): %r", method, path, attempt + 1, exc
                )
        if isinstance(last_error, BackendUnreachable):
            raise last_error
        raise BackendUnavailable(f"{method} {path}") from last_error


async def _read_json(response: aiohttp.ClientResponse) -> dict[str, Any]:
    try:
        body = await response.json(content_type=None)
    except (ValueError, aiohttp.ContentTypeError) as exc:
        raise BackendUnavailable(f"non-JSON answer ({response.status})") from exc
    if not isinstance(body, dict):
        raise BackendUnavailable(f"unexpected JSON ({response.status})")
    return body
