"""The public web channels with their limits: Rasa's REST and Socket.IO channels.

They keep Rasa's names (``rest``, ``socketio``), so the URLs stay
``/webhooks/rest/webhook`` and ``/socket.io``; every message first passes
:func:`integrations.channels.limits.limited`. Configure them in credentials.yml under their
module paths instead of ``rest:`` / ``socketio:``.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from typing import Any

from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from integrations.channels.limits import MessageLimits, OnNewMessage, limited

logger = logging.getLogger(__name__)


class LimitedRestInput(RestInput):
    """Rasa's REST channel (``POST /webhooks/rest/webhook``) with per-sender limits."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return super().blueprint(limited(on_new_message, MessageLimits.from_env()))


def allowed_origins(environ: Mapping[str, str] | None = None) -> frozenset[str]:
    """``ALLOWED_ORIGINS`` (comma-separated, as given to Rasa's ``--cors``); empty: any."""
    env = os.environ if environ is None else environ
    value = env.get("ALLOWED_ORIGINS") or ""
    return frozenset(o.strip().rstrip("/") for o in value.split(",") if o.strip())


class LimitedSocketIOInput(SocketIOInput):
    """Rasa's Socket.IO channel for the web widget with per-sender limits.

    Rasa turns off the Socket.IO server's own origin check (``--cors`` covers HTTP only);
    browsers apply no CORS to WebSockets, so a connection from an origin outside
    ``ALLOWED_ORIGINS`` is refused here, whatever its transport.
    """

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Any:
        blueprint = super().blueprint(limited(on_new_message, MessageLimits.from_env()))
        origins = allowed_origins()
        namespace = self.namespace or "/"
        rasa_connect = self.sio.handlers[namespace]["connect"]

        async def connect(sid: str, environ: dict[str, Any], auth: Any = None) -> bool:
            origin = (environ.get("HTTP_ORIGIN") or "").rstrip("/")
            if origins and origin and origin not in origins:
                logger.warning("socket.io connection from a refused origin")
                return False
            return await rasa_connect(sid, environ, auth)

        self.sio.on("connect", connect, namespace=namespace)
        return blueprint
