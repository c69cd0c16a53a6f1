"""The public web channels with their limits: Rasa's REST and Socket.IO channels.

They keep Rasa's names (``rest``, ``socketio``), so the URLs stay
``/webhooks/rest/webhook`` and ``/socket.io``; every message first passes
:func:`integrations.channels.limits.limited`. Configure them in credentials.yml under their
module paths instead of ``rest:`` / ``socketio:``.
"""

from __future__ import annotations

from typing import Any

from rasa.core.channels.rest import RestInput
from rasa.core.channels.socketio import SocketIOInput
from sanic import Blueprint

from integrations.channels.limits import MessageLimits, OnNewMessage, limited


class LimitedRestInput(RestInput):
    """Rasa's REST channel (``POST /webhooks/rest/webhook``) with per-sender limits."""

    @classmethod
    def name(cls) -> str:
        return "rest"

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        return super().blueprint(limited(on_new_message, MessageLimits.from_env()))


class LimitedSocketIOInput(SocketIOInput):
    """Rasa's Socket.IO channel for the web widget with per-sender limits."""

    @classmethod
    def name(cls) -> str:
        return "socketio"

    def blueprint(self, on_new_message: OnNewMessage) -> Any:
        return super().blueprint(limited(on_new_message, MessageLimits.from_env()))
