"""Agent assist: live suggestions for hotline (12345 / 民政热线) agents, as a Rasa channel.

Configured in ``credentials.yml``::

    integrations.channels.agent_assist.AgentAssistInput:
      token: ${AGENT_ASSIST_TOKEN}
      backend_url: ${BACKEND_URL}

Rasa mounts the routes under ``/webhooks/agent_assist``; every route but ``GET /`` needs
``Authorization: Bearer <token>``:

* ``POST /suggest`` ``{"text", "top_k"}`` → ``{"service", "intent", "entities",
  "suggestions": [{"text", "source": {"title", "section"}, "score"}], "next_steps"}``: the
  running model's intent and (masked) entities, the best knowledge-base passages with a short
  answer each, and what the agent can do next. Nothing is stored; no conversation is started.
* ``GET /handoffs?status=open|waiting|taken|closed`` and
  ``POST /handoffs/<reference>/take|close`` ``{"agent"}``: the hand-off queue, proxied to the
  civil-affairs API (:mod:`.agent_assist_handoffs`).

The agent console runs on another origin: Rasa's ``--cors`` answers the OPTIONS preflight
before any route (and so before the token check) is reached.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from functools import wraps
from typing import Any

from rasa.core.channels.channel import InputChannel, UserMessage
from rasa.shared.exceptions import RasaException
from sanic import Blueprint
from sanic.request import Request
from sanic.response import HTTPResponse
from sanic.response import json as json_response

from .agent_assist_handoffs import HandoffProxy
from .agent_assist_input import (
    Refused,
    SuggestRequest,
    checked_agent,
    checked_reference,
    error_response,
    is_authorized,
    json_body,
    list_query,
    unauthorized,
)
from .agent_assist_kb import KbResult, SuggestionSource
from .agent_assist_messages import error_message, next_steps
from .agent_assist_nlu import Understanding, decide_service, understand

logger = logging.getLogger(__name__)

MIN_TOKEN_CHARS = 16
Handler = Callable[..., Awaitable[HTTPResponse]]


@dataclass(frozen=True)
class AgentAssistSettings:
    """The channel's settings (from ``credentials.yml``).

    Attributes:
        token: the bearer token the agent console sends (at least 16 characters).
        backend_url: the civil-affairs API, for the hand-off queue.
        timeout: seconds one backend call may take.
        retries: extra attempts for the idempotent list call.
    """

    token: str
    backend_url: str = "http://127.0.0.1:8000"
    timeout: float = 3.0
    retries: int = 1

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any]) -> AgentAssistSettings:
        """Check the credentials; raises ``RasaException`` naming what is wrong."""
        token = str(credentials.get("token") or "").strip()
        if len(token) < MIN_TOKEN_CHARS:
            raise RasaException(
                f"agent_assist: 'token' (AGENT_ASSIST_TOKEN) must have at least "
                f"{MIN_TOKEN_CHARS} characters"
            )
        url = str(
            credentials.get("backend_url") or os.environ.get("BACKEND_URL") or cls.backend_url
        ).strip()
        if not url.startswith(("http://", "https://")):
            raise RasaException(f"agent_assist: 'backend_url' must be an http(s) URL, got {url!r}")
        try:
            timeout = float(credentials.get("timeout", cls.timeout))
            retries = int(credentials.get("retries", cls.retries))
        except (TypeError, ValueError) as exc:
            raise RasaException("agent_assist: 'timeout' and 'retries' must be numbers") from exc
        if not 0.5 <= timeout <= 30 or not 0 <= retries <= 3:
            raise RasaException("agent_assist: 'timeout' must be 0.5–30 s, 'retries' 0–3")
        return cls(token, url.rstrip("/"), timeout, retries)


class AgentAssistInput(InputChannel):
    """Suggestions and the hand-off queue for hotline agents (see the module docstring)."""

    @classmethod
    def name(cls) -> str:
        """The channel's name and URL prefix: ``/webhooks/agent_assist``."""
        return "agent_assist"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> AgentAssistInput:
        """Build the channel from its ``credentials.yml`` entry."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(AgentAssistSettings.from_credentials(credentials))

    def __init__(
        self, settings: AgentAssistSettings, source: SuggestionSource | None = None
    ) -> None:
        self.settings = settings
        self.source = source or SuggestionSource()
        self.handoffs = HandoffProxy(settings.backend_url, settings.timeout, settings.retries)
        self._warm_up: asyncio.Future[None] | None = None

    def blueprint(self, on_new_message: Callable[[UserMessage], Awaitable[Any]]) -> Blueprint:
        """The routes; ``on_new_message`` is unused (agent assist starts no conversation)."""
        bp = Blueprint("agent_assist_webhook")

        @bp.listener("after_server_start")
        async def warm_up(_app: Any, _loop: Any) -> None:
            # in the background: the server answers (more slowly) while the index loads
            self._warm_up = asyncio.ensure_future(self.source.warm_up_async())

        @bp.listener("after_server_stop")
        async def shut_down(_app: Any, _loop: Any) -> None:
            await self.handoffs.close()
            self.source.close()

        @bp.get("/")
        async def health(_request: Request) -> HTTPResponse:
            return json_response({"status": "ok"})

        @bp.post("/suggest")
        @self._guarded
        async def suggest(request: Request) -> HTTPResponse:
            query = SuggestRequest.parse(json_body(request))
            return json_response(await self.suggest(request, query), ensure_ascii=False)

        @bp.get("/handoffs")
        @self._guarded
        async def handoffs(request: Request) -> HTTPResponse:
            status, limit = list_query(request)
            return await self.handoffs.list(status, limit)

        @bp.post("/handoffs/<reference>/take")
        @self._guarded
        async def take(request: Request, reference: str) -> HTTPResponse:
            reference = checked_reference(reference)
            return await self.handoffs.take(reference, checked_agent(json_body(request)))

        @bp.post("/handoffs/<reference>/close")
        @self._guarded
        async def close(request: Request, reference: str) -> HTTPResponse:
            reference = checked_reference(reference)
            return await self.handoffs.close_handoff(reference, checked_agent(json_body(request)))

        return bp

    def _guarded(self, handler: Handler) -> Handler:
        """The token check, JSON refusals for bad input and a JSON 500 for anything else."""

        @wraps(handler)
        async def guarded(request: Request, *args: Any, **kwargs: Any) -> HTTPResponse:
            if not is_authorized(request, self.settings.token):
                return unauthorized()
            try:
                return await handler(request, *args, **kwargs)
            except Refused as refused:
                return refused.response()
            except Exception:
                logger.exception("agent assist: %s %s failed", request.method, request.path)
                return error_response(500, "internal_error", error_message("internal_error"))

        return guarded

    async def suggest(self, request: Request, query: SuggestRequest) -> dict[str, Any]:
        """The ``/suggest`` answer for a checked request."""
        started = time.perf_counter()
        kb_task = asyncio.ensure_future(self.source.suggest(query.text, query.top_k))
        agent = getattr(request.app.ctx, "agent", None)
        try:
            understanding = await understand(agent, query.text)
        except Exception:
            logger.exception("agent assist: NLU failed; answering from the knowledge base")
            understanding = Understanding()
        try:
            kb = await kb_task
        except Exception:
            logger.exception("agent assist: knowledge-base search failed")
            kb = KbResult()
        service = decide_service(understanding, kb.topic)
        logger.info(
            "agent assist: service=%s intent=%s suggestions=%d in %.0f ms",
            service,
            understanding.intent,
            len(kb.suggestions),
            (time.perf_counter() - started) * 1000,
        )
        return {
            "service": service,
            "intent": understanding.intent_json(),
            "entities": understanding.entities,
            "suggestions": [s.to_json() for s in kb.suggestions],
            "next_steps": next_steps(service),
        }
