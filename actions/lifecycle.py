"""Start-up and shut-down of the action server (rasa-sdk's ``attach_sanic_app_extensions``)."""

from __future__ import annotations

import logging

import pluggy
from sanic import Sanic
from sanic.request import Request
from sanic.response import HTTPResponse, json

from actions import runtime

hookimpl = pluggy.HookimplMarker("rasa_sdk")
logger = logging.getLogger(__name__)


async def polite_failure(request: Request, exception: Exception) -> HTTPResponse:
    """Any action that fails unexpectedly still answers the citizen, and leaks nothing.

    rasa-sdk's own handler answers 500 with the whole request body (the tracker, with every
    slot), which the Rasa server then writes to its log; Rasa also drops the action's
    events and the citizen sees nothing. This handler logs the error (masked, without the
    tracker) and returns a normal action response with a polite reply.
    """
    action = (request.json or {}).get("next_action") if request.body else None
    logger.error("action %s failed: %r", action, exception, exc_info=exception)
    return json({"events": [], "responses": [{"response": "utter_internal_error"}]})


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    """Open the HTTP session and warm up before serving; close the session on stop; answer
    politely when an action fails."""
    app.exception(Exception)(polite_failure)

    async def open_resources(_app: Sanic, _loop: object) -> None:
        await runtime.start()

    async def close_resources(_app: Sanic, _loop: object) -> None:
        await runtime.close()

    app.register_listener(open_resources, "before_server_start")
    app.register_listener(close_resources, "after_server_stop")
