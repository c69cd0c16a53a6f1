"""Async client of the WeChat server API used by the mini-program customer-service channel.

Two calls, on one ``aiohttp`` session, each capped by a total time-out:

- ``GET {api_base}/cgi-bin/token`` — the access token. It is cached and refreshed before it
  expires (when less than five minutes are left, or less than half its lifetime for the short
  tokens of the local stand-in); one refresh at a time, under an ``asyncio.Lock``.
- ``POST {api_base}/cgi-bin/message/custom/send`` — one customer-service text message. When
  WeChat says the token is invalid or expired (40001, 42001, 40014) the token is refreshed once
  and the message sent again; any other error code is a :class:`WeChatApiError`.

A text message may hold at most :data:`MAX_TEXT_BYTES` bytes of UTF-8 (WeChat answers 45002
"content size out of limit" beyond it); :func:`split_text` cuts a longer reply into parts,
at paragraph, line or sentence ends where it can and never inside a character sequence.

Nothing here logs a message's content, the app secret or an access token (both travel in the
query string, so the URL is never logged and ``aiohttp`` errors are not chained); open ids
are masked (:func:`mask_openid`).
"""

from __future__ import annotations

import asyncio
import logging
import time
import unicodedata
from dataclasses import dataclass, field
from typing import Any

import aiohttp

__all__ = [
    "DEFAULT_API_BASE",
    "MAX_TEXT_BYTES",
    "TOKEN_ERRCODES",
    "WeChatApiClient",
    "WeChatApiConfig",
    "WeChatApiError",
    "WeChatUnavailable",
    "mask_openid",
    "split_text",
    "utf8_size",
]

logger = logging.getLogger(__name__)

DEFAULT_API_BASE = "https://api.weixin.qq.com"
# invalid credential / access token expired / invalid access token
TOKEN_ERRCODES = frozenset({40001, 42001, 40014})
REFRESH_MARGIN_SECONDS = 300.0
# The official documents give no figure; WeChat staff and developers on the open community
# (developers.weixin.qq.com/community/develop/doc/00084e2936c340b9015a753405b800) give 2048,
# the limit the platform has always documented for text replies ("不超过2048字节").
MAX_TEXT_BYTES = 2048
# Where a long text may be cut, best first; a cut is taken only in the second half of a part.
_BREAKS = ("\n\n", "\n", "。", "！", "？", "；", "!", "?", ";", "，", "、", ",", " ")


def mask_openid(openid: str) -> str:
    """An open id as it may appear in a log line: ``oAbc***`` (the first four characters)."""
    return f"{openid[:4]}***"


class WeChatApiError(Exception):
    """WeChat answered with an error code (the message, if any, was not delivered).

    Attributes:
        operation: ``token`` or ``send``.
        errcode: WeChat's error code.
        errmsg: WeChat's error text (never the message content).
    """

    def __init__(self, operation: str, errcode: int, errmsg: str) -> None:
        super().__init__(f"WeChat {operation} failed: errcode {errcode} ({errmsg})")
        self.operation = operation
        self.errcode = errcode
        self.errmsg = errmsg


class WeChatUnavailable(Exception):
    """WeChat did not answer in time, refused the connection, or answered without JSON."""


@dataclass(frozen=True)
class WeChatApiConfig:
    """Where the WeChat API is and who we are to it."""

    app_id: str
    app_secret: str = field(repr=False)
    api_base: str = DEFAULT_API_BASE
    timeout_seconds: float = 5.0


@dataclass(frozen=True)
class _Token:
    value: str = field(repr=False)
    refresh_at: float  # time.monotonic() after which a new token is fetched
    expires_at: float  # time.monotonic() after which WeChat no longer accepts it


class WeChatApiClient:
    """Access token and customer-service messages on a shared ``aiohttp`` session.

    Args:
        session: the session to send on (its owner closes it).
        config: app id, secret, API base URL and the time-out of one call.
    """

    def __init__(self, session: aiohttp.ClientSession, config: WeChatApiConfig) -> None:
        self._session = session
        self._config = config
        self._base = config.api_base.rstrip("/")
        self._timeout = aiohttp.ClientTimeout(total=config.timeout_seconds)
        self._token: _Token | None = None
        self._lock = asyncio.Lock()

    async def access_token(self) -> str:
        """The cached access token, fetched first when it is missing or about to expire.

        Raises:
            WeChatApiError: WeChat refused to issue a token (e.g. 40013 invalid app id,
                40125 invalid secret).
            WeChatUnavailable: no usable answer in time.
        """
        token = self._token
        if token is not None and time.monotonic() < token.refresh_at:
            return token.value
        try:
            return await self._refresh(stale=token.value if token else None)
        except (WeChatApiError, WeChatUnavailable) as error:
            if token is None or time.monotonic() >= token.expires_at:
                raise
            # An early refresh failed: the current token is still good for a few minutes.
            logger.warning("wechat token refresh failed, keeping the current token: %s", error)
            return token.value

    async def send_text(self, openid: str, content: str) -> None:
        """Send one text message to ``openid``; refresh the token once if WeChat rejects it.

        Raises:
            WeChatApiError: WeChat refused the message (e.g. 45002 content too long, 45047
                quota of messages used up, 45015 reply window closed).
            WeChatUnavailable: no usable answer in time.
        """
        body = {"touser": openid, "msgtype": "text", "text": {"content": content}}
        token = await self.access_token()
        answer = await self._post_message(token, body)
        errcode = _errcode(answer)
        if errcode in TOKEN_ERRCODES:
            logger.info("wechat access token rejected (errcode %s); refreshing once", errcode)
            token = await self._refresh(stale=token)
            answer = await self._post_message(token, body)
            errcode = _errcode(answer)
        if errcode != 0:
            logger.warning(
                "wechat message to %s not delivered: errcode %s (%s)",
                mask_openid(openid),
                errcode,
                answer.get("errmsg", ""),
            )
            raise WeChatApiError("send", errcode, str(answer.get("errmsg", "")))

    async def _refresh(self, stale: str | None) -> str:
        """Fetch a new token unless another caller replaced ``stale`` while we waited."""
        async with self._lock:
            current = self._token
            if (
                current is not None
                and current.value != stale
                and time.monotonic() < current.refresh_at
            ):
                return current.value
            self._token = await self._fetch_token()
            return self._token.value

    async def _fetch_token(self) -> _Token:
        params = {
            "grant_type": "client_credential",
            "appid": self._config.app_id,
            "secret": self._config.app_secret,
        }
        started = time.monotonic()
        answer = await self._call("GET", "/cgi-bin/token", params=params)
        value = answer.get("access_token")
        if not isinstance(value, str) or not value:
            errcode = _errcode(answer) or -1
            logger.error(
                "wechat refused an access token: errcode %s (%s)",
                errcode,
                answer.get("errmsg", ""),
            )
            raise WeChatApiError("token", errcode, str(answer.get("errmsg", "")))
        try:
            lifetime = float(answer.get("expires_in", 7200))
        except (TypeError, ValueError):
            lifetime = 7200.0
        margin = min(REFRESH_MARGIN_SECONDS, lifetime / 2)
        logger.info("wechat access token fetched (valid for %.0f s)", lifetime)
        return _Token(value, started + lifetime - margin, started + lifetime)

    async def _post_message(self, token: str, body: dict[str, Any]) -> dict[str, Any]:
        return await self._call(
            "POST", "/cgi-bin/message/custom/send", params={"access_token": token}, json=body
        )

    async def _call(
        self,
        method: str,
        path: str,
        *,
        params: dict[str, str],
        json: dict[str, Any] | None = None,
    ) -> dict[str, Any]:
        """One request; the JSON answer as a dict. The URL (with its secrets) is never logged."""
        try:
            async with self._session.request(
                method, self._base + path, params=params, json=json, timeout=self._timeout
            ) as response:
                if response.status >= 400:
                    raise WeChatUnavailable(f"{path} answered HTTP {response.status}")
                body = await response.json(content_type=None)
        except asyncio.TimeoutError:
            raise WeChatUnavailable(f"{path} timed out") from None
        except (aiohttp.ClientError, ValueError) as error:
            # aiohttp's messages may carry the URL, i.e. the secret or the token: name the type.
            raise WeChatUnavailable(f"{path} failed ({type(error).__name__})") from None
        if not isinstance(body, dict):
            raise WeChatUnavailable(f"{path} answered unexpected JSON")
        return body


def _errcode(answer: dict[str, Any]) -> int:
    try:
        return int(answer.get("errcode", 0))
    except (TypeError, ValueError):
        return -1


def utf8_size(text: str) -> int:
    """Bytes of ``text`` in UTF-8 (a lone surrogate counts 3, as WeChat would receive it)."""
    return sum(_char_size(char) for char in text)


def split_text(text: str, limit: int = MAX_TEXT_BYTES) -> list[str]:
    """``text`` in parts of at most ``limit`` UTF-8 bytes, in order, stripped; none empty.

    A part ends at a blank line, a line end, a sentence end or a comma where one falls in
    its second half; otherwise at the limit, moved back so that no surrogate pair, combining
    mark, variation selector or emoji sequence is cut in two.
    """
    parts: list[str] = []
    rest = text.strip()
    while utf8_size(rest) > limit:
        cut = _break_point(rest, _fitting_prefix(rest, limit))
        parts.append(rest[:cut].rstrip())
        rest = rest[cut:].lstrip()
    if rest:
        parts.append(rest)
    return parts


def _char_size(char: str) -> int:
    code = ord(char)
    if code < 0x80:
        return 1
    if code < 0x800:
        return 2
    if code < 0x10000:
        return 3
    return 4


def _fitting_prefix(text: str, limit: int) -> int:
    """How many characters of ``text`` fit in ``limit`` bytes (at least one)."""
    size = 0
    for index, char in enumerate(text):
        size += _char_size(char)
        if size > limit:
            return max(index, 1)
    return len(text)


def _break_point(text: str, fit: int) -> int:
    window = text[:fit]
    for separator in _BREAKS:
        position = window.rfind(separator)
        if position >= fit // 2:
            return position + len(separator)
    cut = fit
    while cut > 1 and _joined(text[cut - 1], text[cut]):
        cut -= 1
    return cut if cut > 1 else fit


def _joined(before: str, after: str) -> bool:
    """Whether cutting between ``before`` and ``after`` would break one visible character."""
    prev, code = ord(before), ord(after)
    return (
        0xD800 <= prev <= 0xDBFF  # high surrogate
        or prev == 0x200D  # zero-width joiner
        or after == "\u200d"
        or 0xDC00 <= code <= 0xDFFF  # low surrogate
        or 0xFE00 <= code <= 0xFE0F  # variation selectors
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (flags)
        or 0xE0100 <= code <= 0xE01EF  # variation selectors supplement
        or unicodedata.combining(after) != 0
    )
