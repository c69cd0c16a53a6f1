"""The hand-off queue for the agent console, proxied to the civil-affairs API.

The console (another origin) only knows the agent-assist token; the backend's hand-off routes
(``GET /api/handoffs``, ``POST /api/handoffs/<reference>/take|close``) are called through the
typed :class:`integrations.handoff_client.HandoffClient`. The backend's 4xx errors are passed
through with their status and JSON body; when the backend cannot be reached (or fails) the
console gets a 503 with a Chinese message.
"""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable
from typing import Any, cast

import aiohttp
from pydantic import BaseModel
from sanic.response import HTTPResponse

from contracts.handoff import StatusFilter
from integrations.handoff_client import HandoffClient
from integrations.http import BackendError, BackendUnavailable, JsonHttp

from .agent_assist_input import error_response
from .agent_assist_messages import error_message

logger = logging.getLogger(__name__)


class HandoffProxy:
    """Calls the backend's hand-off routes on one HTTP session per event loop.

    Args:
        backend_url: the civil-affairs API's base URL.
        timeout: seconds one backend call may take.
        retries: extra attempts for the (idempotent) list call.
    """

    def __init__(self, backend_url: str, timeout: float, retries: int) -> None:
        self.backend_url = backend_url
        self.timeout = timeout
        self.retries = retries
        self._session: aiohttp.ClientSession | None = None

    def _client(self) -> HandoffClient:
        loop = asyncio.get_running_loop()
        session = self._session
        if session is None or session.closed or session.loop is not loop:
            session = aiohttp.ClientSession(connector=aiohttp.TCPConnector(limit=20))
            self._session = session
        return HandoffClient(JsonHttp(session, self.backend_url, self.timeout, self.retries))

    async def close(self) -> None:
        """Close the HTTP session (server stop)."""
        if self._session is not None and not self._session.closed:
            await self._session.close()
        self._session = None

    async def list(self, status: str, limit: int) -> HTTPResponse:
        """``{"handoffs": [...]}`` with the given status (``open`` = waiting or taken)."""
        wanted = cast(StatusFilter, status)  # checked against StatusFilter by the route
        return await self._relay(lambda client: client.list(status=wanted, limit=limit), None)

    async def take(self, reference: str, agent: str) -> HTTPResponse:
        """``{"handoff": {...}}`` after the agent took it."""
        return await self._relay(lambda client: client.take(reference, agent), "handoff")

    async def close_handoff(self, reference: str, agent: str) -> HTTPResponse:
        """``{"handoff": {...}}`` after the agent closed it."""
        return await self._relay(lambda client: client.close(reference, agent), "handoff")

    async def _relay(
        self, call: Callable[[HandoffClient], Awaitable[BaseModel]], wrap: str | None
    ) -> HTTPResponse:
        try:
            result = await call(self._client())
        except BackendError as exc:
            message = exc.message or error_message("internal_error")
            return error_response(exc.status, exc.code, message, exc.field)
        except BackendUnavailable as exc:
            logger.warning("agent assist: hand-off backend unavailable: %r", exc)
            return error_response(503, "backend_unavailable", error_message("backend_unavailable"))
        return model_response(result, wrap)


def model_response(model: BaseModel, wrap: str | None) -> HTTPResponse:
    """A contract model as JSON (``{wrap: model}`` unless the model is already that shape)."""
    body: dict[str, Any] = json.loads(model.json())
    if wrap is not None and set(body) != {wrap}:
        body = {wrap: body}
    return HTTPResponse(
        json.dumps(body, ensure_ascii=False), content_type="application/json; charset=utf-8"
    )
