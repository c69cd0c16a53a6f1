"""Start-up and shut-down of the action server (rasa-sdk's ``attach_sanic_app_extensions``)."""

from __future__ import annotations

import pluggy
from sanic import Sanic

from actions import runtime

hookimpl = pluggy.HookimplMarker("rasa_sdk")


@hookimpl
def attach_sanic_app_extensions(app: Sanic) -> None:
    """Open the HTTP session and warm up before serving; close the session on stop."""

    async def open_resources(_app: Sanic, _loop: object) -> None:
        await runtime.start()

    async def close_resources(_app: Sanic, _loop: object) -> None:
        await runtime.close()

    app.register_listener(open_resources, "before_server_start")
    app.register_listener(close_resources, "after_server_stop")
