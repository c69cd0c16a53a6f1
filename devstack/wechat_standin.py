"""A local stand-in of the WeChat server API, for tests and demos of the WeChat channel.

Run ``python -m devstack.wechat_standin`` and point the channel's ``api_base`` (the Rasa
server's ``WECHAT_API_BASE``) at it. Settings from the environment:

- ``WECHAT_STANDIN_HOST`` / ``WECHAT_STANDIN_PORT`` — where it listens (127.0.0.1:8090);
- ``WECHAT_APP_ID`` / ``WECHAT_APP_SECRET`` — the only app it issues tokens to
  (development values when unset: ``wxstandin000000001`` / ``standin-secret``);
- ``WECHAT_STANDIN_TOKEN_SECONDS`` — lifetime of an access token (7200, as WeChat's).

Routes, answering like WeChat:

- ``GET /cgi-bin/token?grant_type=client_credential&appid=..&secret=..`` — a new token;
  40002 for another grant type, 40013 for another app id, 40125 for a wrong secret.
- ``POST /cgi-bin/message/custom/send?access_token=..`` — records a text message; 41001
  without a token, 40001 for an unknown one, 42001 for an expired one, 45002 when the content
  is over 2048 bytes, 44002/40008 for an empty or non-text message.

Helpers for tests: ``GET /_sent?touser=<openid>`` lists the recorded messages (all users
without ``touser``), ``GET /_stats`` counts issued tokens and messages, ``POST /_expire``
expires every issued token, ``GET /health`` answers 200.
"""

from __future__ import annotations

import logging
import os
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web

from civic.config import SettingsError, env_int, env_str

__all__ = ["MAX_TEXT_BYTES", "StandinSettings", "create_app", "main"]

logger = logging.getLogger(__name__)

MAX_TEXT_BYTES = 2048


@dataclass(frozen=True)
class StandinSettings:
    """Who may get tokens, how long they last, and where the stand-in listens."""

    app_id: str = "wxstandin000000001"
    app_secret: str = field(default="standin-secret", repr=False)
    token_seconds: int = 7200
    host: str = "127.0.0.1"
    port: int = 8090

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None) -> StandinSettings:
        """Read the ``WECHAT_*`` variables (see the module notes).

        Raises:
            SettingsError: a malformed port or lifetime.
        """
        env = os.environ if env is None else env
        return cls(
            app_id=env_str(env, "WECHAT_APP_ID", cls.app_id),
            app_secret=env_str(env, "WECHAT_APP_SECRET", "standin-secret"),
            token_seconds=env_int(env, "WECHAT_STANDIN_TOKEN_SECONDS", 7200, 1, 86_400),
            host=env_str(env, "WECHAT_STANDIN_HOST", cls.host),
            port=env_int(env, "WECHAT_STANDIN_PORT", cls.port, 1, 65_535),
        )


@dataclass
class State:
    """Issued tokens (value -> expiry, ``time.monotonic()``) and recorded messages."""

    settings: StandinSettings
    tokens: dict[str, float] = field(default_factory=dict)
    tokens_issued: int = 0
    sent: list[dict[str, Any]] = field(default_factory=list)


STATE = web.AppKey("wechat_standin_state", State)


def _error(errcode: int, errmsg: str) -> web.Response:
    return web.json_response({"errcode": errcode, "errmsg": errmsg})


async def issue_token(request: web.Request) -> web.Response:
    """``GET /cgi-bin/token``: a new access token for the configured app."""
    state = request.app[STATE]
    query = request.query
    if query.get("grant_type") != "client_credential":
        return _error(40002, "invalid grant_type")
    if query.get("appid") != state.settings.app_id:
        return _error(40013, "invalid appid")
    if not secrets.compare_digest(query.get("secret", ""), state.settings.app_secret):
        return _error(40125, "invalid appsecret")
    token = secrets.token_urlsafe(32)
    state.tokens[token] = time.monotonic() + state.settings.token_seconds
    state.tokens_issued += 1
    return web.json_response({"access_token": token, "expires_in": state.settings.token_seconds})


async def send_message(request: web.Request) -> web.Response:
    """``POST /cgi-bin/message/custom/send``: check the token, record a text message."""
    state = request.app[STATE]
    token = request.query.get("access_token", "")
    if not token:
        return _error(41001, "access_token missing")
    expires = state.tokens.get(token)
    if expires is None:
        return _error(40001, "invalid credential, access_token is invalid or not latest")
    if time.monotonic() >= expires:
        return _error(42001, "access_token expired")
    try:
        body = await request.json()
    except ValueError:
        return _error(47001, "data format error")
    if not isinstance(body, dict) or not isinstance(body.get("touser"), str):
        return _error(40003, "invalid openid")
    if body.get("msgtype") != "text":
        return _error(40008, "invalid message type")
    text = body.get("text")
    content = text.get("content") if isinstance(text, dict) else None
    if not isinstance(content, str) or not content:
        return _error(44002, "empty post data")
    if len(content.encode("utf-8", "surrogatepass")) > MAX_TEXT_BYTES:
        return _error(45002, "content size out of limit")
    state.sent.append({"touser": body["touser"], "msgtype": "text", "text": {"content": content}})
    return _error(0, "ok")


async def list_sent(request: web.Request) -> web.Response:
    """``GET /_sent?touser=..``: the recorded messages, oldest first."""
    state = request.app[STATE]
    touser = request.query.get("touser")
    messages = [m for m in state.sent if touser is None or m["touser"] == touser]
    return web.json_response({"messages": messages})


async def stats(request: web.Request) -> web.Response:
    """``GET /_stats``: how many tokens were issued and messages recorded."""
    state = request.app[STATE]
    return web.json_response({"tokens_issued": state.tokens_issued, "messages": len(state.sent)})


async def expire_tokens(request: web.Request) -> web.Response:
    """``POST /_expire``: every token issued so far is expired from now on."""
    state = request.app[STATE]
    now = time.monotonic()
    state.tokens = {token: min(expiry, now) for token, expiry in state.tokens.items()}
    return web.json_response({"expired": len(state.tokens)})


async def health(_: web.Request) -> web.Response:
    """``GET /health``."""
    return web.json_response({"status": "ok"})


def create_app(settings: StandinSettings) -> web.Application:
    """The stand-in as an ``aiohttp`` application (state in ``app[STATE]``)."""
    app = web.Application()
    app[STATE] = State(settings)
    app.router.add_get("/cgi-bin/token", issue_token)
    app.router.add_post("/cgi-bin/message/custom/send", send_message)
    app.router.add_get("/_sent", list_sent)
    app.router.add_get("/_stats", stats)
    app.router.add_post("/_expire", expire_tokens)
    app.router.add_get("/health", health)
    return app


def main() -> None:
    """Run the stand-in until interrupted."""
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    try:
        settings = StandinSettings.from_env()
    except SettingsError as error:
        raise SystemExit(f"wechat stand-in settings: {error}") from None
    print(f"WeChat API stand-in on http://{settings.host}:{settings.port} (app {settings.app_id})")
    web.run_app(
        create_app(settings), host=settings.host, port=settings.port, print=None, access_log=None
    )


if __name__ == "__main__":
    main()
