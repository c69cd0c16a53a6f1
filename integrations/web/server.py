"""The page server: the demo portal (``/``), the agent console (``/agent``) and their assets.

Static files come from ``static/``; the only generated content is the Rasa URL the browser
should use (``PUBLIC_RASA_URL``): written into the portal's one widget ``<script>`` tag and
served to the console as ``/config.js``. Every page gets a strict Content-Security-Policy
that allows scripts and styles from this server and connections to the Rasa server only.
"""

from __future__ import annotations

import html
import json
from collections.abc import Awaitable, Callable
from pathlib import Path

from aiohttp import web

from integrations.web.settings import PagesSettings

STATIC = Path(__file__).resolve().parent / "static"
RASA_URL_PLACEHOLDER = "{{PUBLIC_RASA_URL}}"

Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def content_security_policy(settings: PagesSettings) -> str:
    """Only this server's scripts and styles; connections to this server and Rasa."""
    connect = f"'self' {settings.rasa_origin} {settings.rasa_socket_origin}"
    return (
        "default-src 'self'; script-src 'self'; style-src 'self'; "
        f"img-src 'self' data: https:; connect-src {connect}; "
        "frame-ancestors 'none'; base-uri 'none'; form-action 'self'; object-src 'none'"
    )


def portal_html(settings: PagesSettings) -> str:
    """The portal page with the widget's ``data-server`` pointing at the public Rasa URL."""
    page = (STATIC / "index.html").read_text(encoding="utf-8")
    return page.replace(RASA_URL_PLACEHOLDER, html.escape(settings.public_rasa_url, quote=True))


def config_js(settings: PagesSettings) -> str:
    """``window.CIVIC_PAGES``: what the agent console needs to know at start."""
    config: dict[str, str] = {"rasaUrl": settings.public_rasa_url}
    if settings.agent_token:
        config["agentToken"] = settings.agent_token
    # json.dumps escapes nothing HTML-special, but a .js file is never parsed as HTML.
    return f"window.CIVIC_PAGES = {json.dumps(config, ensure_ascii=False)};\n"


def create_app(settings: PagesSettings) -> web.Application:
    """The aiohttp application serving the pages for ``settings``."""
    csp = content_security_policy(settings)
    portal = portal_html(settings)
    config = config_js(settings)

    @web.middleware
    async def security_headers(request: web.Request, handler: Handler) -> web.StreamResponse:
        response = await handler(request)
        response.headers.setdefault("Content-Security-Policy", csp)
        response.headers.setdefault("X-Content-Type-Options", "nosniff")
        response.headers.setdefault("Referrer-Policy", "no-referrer")
        return response

    async def index(_: web.Request) -> web.Response:
        return web.Response(text=portal, content_type="text/html", charset="utf-8")

    async def agent(_: web.Request) -> web.FileResponse:
        return web.FileResponse(STATIC / "agent" / "index.html")

    async def agent_redirect(_: web.Request) -> web.Response:
        raise web.HTTPFound("/agent")

    async def config_script(_: web.Request) -> web.Response:
        return web.Response(
            text=config,
            content_type="application/javascript",
            charset="utf-8",
            headers={"Cache-Control": "no-store"},
        )

    async def health(_: web.Request) -> web.Response:
        return web.json_response({"status": "ok"})

    app = web.Application(middlewares=[security_headers])
    app.router.add_get("/", index)
    app.router.add_get("/agent", agent)
    app.router.add_get("/agent/", agent_redirect)
    app.router.add_get("/config.js", config_script)
    app.router.add_get("/health", health)
    for folder in ("widget", "vendor", "agent", "portal"):
        app.router.add_static(f"/{folder}/", STATIC / folder)
    return app


def main() -> None:
    """Read the settings and serve until interrupted."""
    settings = PagesSettings.from_env()
    print(
        f"demo pages on http://{settings.host}:{settings.port} "
        f"(portal /, agent console /agent; Rasa for the browser: {settings.public_rasa_url})",
        flush=True,
    )
    web.run_app(create_app(settings), host=settings.host, port=settings.port, print=None)
