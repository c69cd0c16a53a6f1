"""Rasa channel for WeChat mini-program customer-service messages (小程序客服消息).

``credentials.yml`` names it ``integrations.channels.wechat.WeChatInput`` with the keys
``app_id``, ``app_secret``, ``token``, ``encoding_aes_key`` (safe mode only) and ``api_base``
(blank: ``https://api.weixin.qq.com``; the local stand-in in tests and demos). WeChat pushes to
``/webhooks/wechat/webhook``:

- ``GET`` URL verification: ``signature`` = SHA1 of the sorted token, timestamp and nonce;
  the ``echostr`` is echoed, a bad signature is a 403.
- ``POST`` messages and events, JSON or XML, in plain mode (``signature`` checked) or safe
  mode (``encrypt_type=aes``: ``msg_signature`` over token, timestamp, nonce and ``Encrypt``
  checked, then AES-decrypted by wechatpy, which also checks that the app id inside is ours).
  A bad signature is a 403; a push that cannot be decrypted, names another app or is not a
  message is logged (never its content) and a 400.

An accepted push is answered ``success`` at once (WeChat retries after 5 s) and handled in the
background, one push at a time per user. Retried pushes are dropped by ``MsgId`` (events: by
sender, ``CreateTime`` and event), remembered for a few minutes. Text goes to Rasa; entering
the chat (``user_enter_tempsession``) sends ``/greet``; anything else (image, voice, card)
gets a polite text reply without Rasa.

Bot messages go out through the customer-service API (:mod:`.wechat_api`), cut to WeChat's
text limit. Buttons become numbered choices under the text; the latest choices of each user
are remembered until the user's next text, and a reply that is just such a number ("1",
"１", " 2 ") or a choice's exact title is sent to Rasa as that button's payload.

Logs never hold message content; open ids appear masked (``oAbc***``).
"""

from __future__ import annotations

import asyncio
import json
import logging
import re
import time
import unicodedata
from collections import OrderedDict
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from contextlib import asynccontextmanager, suppress
from dataclasses import dataclass, field
from typing import Any, Generic, TypeVar
from xml.parsers.expat import ExpatError

import aiohttp
import xmltodict
from rasa.core.channels.channel import InputChannel, OutputChannel, UserMessage
from sanic import Blueprint, response
from sanic.request import Request
from sanic.response import HTTPResponse
from wechatpy.crypto import WeChatCrypto
from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException
from wechatpy.utils import check_signature

from civic.config import SettingsError
from integrations.channels import messages
from integrations.channels.limits import MessageLimits, limited
from integrations.channels.wechat_api import (
    DEFAULT_API_BASE,
    WeChatApiClient,
    WeChatApiConfig,
    WeChatApiError,
    WeChatUnavailable,
    mask_openid,
    split_text,
)

__all__ = [
    "Push",
    "WeChatChannelConfig",
    "WeChatInput",
    "WeChatOutput",
    "chosen_payload",
    "numbered_choices",
    "parse_fields",
]

logger = logging.getLogger(__name__)

# What a citizen reads from the channel itself (everything else comes from Rasa's responses).

GREET_PAYLOAD = "/greet"
ENTER_SESSION_EVENT = "user_enter_tempsession"
MAX_BODY_BYTES = 64 * 1024
SEEN_SECONDS = 600.0
SEEN_MAX = 20_000
CHOICES_SECONDS = 1800.0
CHOICES_MAX = 20_000
STOP_GRACE_SECONDS = 5.0
_NUMBER = re.compile(r"[0-9]{1,2}")
_STATUS_TEXT = {400: "bad request", 403: "forbidden", 413: "payload too large"}

OnNewMessage = Callable[[UserMessage], Awaitable[Any]]
K = TypeVar("K")
V = TypeVar("V")


class _TtlCache(Generic[K, V]):
    """A bounded in-memory map whose entries expire ``ttl`` seconds after they were set."""

    def __init__(self, ttl: float, max_size: int) -> None:
        self._ttl = ttl
        self._max_size = max_size
        self._items: OrderedDict[K, tuple[float, V]] = OrderedDict()

    def _evict(self) -> None:
        now = time.monotonic()
        while self._items:
            key, (expires, _) = next(iter(self._items.items()))
            if expires > now and len(self._items) <= self._max_size:
                break
            del self._items[key]

    def put(self, key: K, value: V) -> None:
        """Set ``key`` (its time to live starts again)."""
        self._items.pop(key, None)
        self._items[key] = (time.monotonic() + self._ttl, value)
        self._evict()

    def pop(self, key: K) -> V | None:
        """Remove ``key``; its value, or None when absent or expired."""
        self._evict()
        entry = self._items.pop(key, None)
        return entry[1] if entry else None

    def add_new(self, key: K, value: V) -> bool:
        """Set ``key`` unless it is present; whether it was new."""
        self._evict()
        if key in self._items:
            return False
        self.put(key, value)
        return True


class _KeyedLocks:
    """One ``asyncio.Lock`` per key while anybody holds or waits for it."""

    def __init__(self) -> None:
        self._locks: dict[str, tuple[asyncio.Lock, list[int]]] = {}

    @asynccontextmanager
    async def hold(self, key: str) -> AsyncIterator[None]:
        """Hold the lock of ``key`` (waiters get it in the order they asked)."""
        lock, users = self._locks.setdefault(key, (asyncio.Lock(), [0]))
        users[0] += 1
        try:
            async with lock:
                yield
        finally:
            users[0] -= 1
            if users[0] == 0:
                del self._locks[key]


@dataclass(frozen=True)
class WeChatChannelConfig:
    """The channel's settings from ``credentials.yml`` (secrets kept out of ``repr``)."""

    app_id: str
    app_secret: str = field(repr=False)
    token: str = field(repr=False)
    encoding_aes_key: str | None = field(default=None, repr=False)
    api_base: str = DEFAULT_API_BASE

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any]) -> WeChatChannelConfig:
        """Read and check the keys; a missing or malformed one stops Rasa at start.

        Raises:
            SettingsError: naming the key that is missing or malformed.
        """
        values = {
            key: str(credentials.get(key) or "").strip()
            for key in ("app_id", "app_secret", "token", "encoding_aes_key", "api_base")
        }
        for key in ("app_id", "app_secret", "token"):
            if not values[key]:
                raise SettingsError(f"wechat channel: credentials.yml needs '{key}'")
        aes_key = values["encoding_aes_key"] or None
        if aes_key is not None:
            try:
                WeChatCrypto(values["token"], aes_key, values["app_id"])
                valid = len(aes_key) == 43
            except (ValueError, AssertionError):
                valid = False
            if not valid:
                raise SettingsError(
                    "wechat channel: 'encoding_aes_key' must be the 43-character "
                    "EncodingAESKey of the mini-program's message push settings"
                )
        api_base = values["api_base"] or DEFAULT_API_BASE
        if not api_base.startswith(("https://", "http://")):
            raise SettingsError(f"wechat channel: 'api_base' must be an http(s) URL: {api_base}")
        return cls(values["app_id"], values["app_secret"], values["token"], aes_key, api_base)


class _Rejected(Exception):
    """A push refused with ``status``; the reason is logged (it never holds content)."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status
        self.reason = reason


@dataclass(frozen=True)
class Push:
    """One message or event pushed by WeChat, whatever its format and mode."""

    sender: str = field(repr=False)  # FromUserName: the user's open id
    msg_type: str
    create_time: int
    msg_id: str | None = None
    content: str | None = field(default=None, repr=False)
    event: str | None = None
    session_from: str | None = field(default=None, repr=False)

    @classmethod
    def from_fields(cls, fields: dict[str, Any]) -> Push:
        """Build from the field names both formats share (FromUserName, MsgType, ...).

        Raises:
            _Rejected: a required field is missing or malformed.
        """
        sender, msg_type = fields.get("FromUserName"), fields.get("MsgType")
        if not isinstance(sender, str) or not sender or not isinstance(msg_type, str):
            raise _Rejected(400, "not a message (no FromUserName or MsgType)")
        try:
            create_time = int(fields.get("CreateTime") or 0)
        except (TypeError, ValueError):
            raise _Rejected(400, "malformed CreateTime") from None
        msg_id, content = fields.get("MsgId"), fields.get("Content")
        event, session_from = fields.get("Event"), fields.get("SessionFrom")
        return cls(
            sender=sender,
            msg_type=msg_type.lower(),
            create_time=create_time,
            msg_id=str(msg_id) if msg_id not in (None, "") else None,
            content=content if isinstance(content, str) else None,
            event=event.lower() if isinstance(event, str) else None,
            session_from=session_from if isinstance(session_from, str) else None,
        )

    @property
    def dedup_key(self) -> str:
        """``MsgId``; for events (which have none) the sender, ``CreateTime`` and event."""
        if self.msg_id:
            return f"msg:{self.msg_id}"
        return f"event:{self.sender}:{self.create_time}:{self.event or self.msg_type}"

    def metadata(self) -> dict[str, Any]:
        """What Rasa keeps about the push besides the text (no content)."""
        data: dict[str, Any] = {"msg_type": self.msg_type, "create_time": self.create_time}
        if self.msg_id:
            data["msg_id"] = self.msg_id
        if self.event:
            data["event"] = self.event
        if self.session_from:
            data["session_from"] = self.session_from
        return {"wechat": data}


def parse_fields(body: str) -> dict[str, Any]:
    """The top-level fields of a JSON or XML push (``<xml>...</xml>``).

    Raises:
        _Rejected: neither JSON nor XML of that shape.
    """
    text = body.strip()
    try:
        if text.startswith("{"):
            fields = json.loads(text)
        elif text.startswith("<"):
            # wechatpy's own parser (parse_message) does not know mini-program events such
            # as user_enter_tempsession; xmltodict is the parser wechatpy itself uses.
            fields = xmltodict.parse(text, disable_entities=True).get("xml")
        else:
            raise _Rejected(400, "neither JSON nor XML")
    except (ValueError, ExpatError):
        raise _Rejected(400, "malformed JSON or XML") from None
    if not isinstance(fields, dict):
        raise _Rejected(400, "not a message object")
    return fields


def numbered_choices(text: str, titles: Iterable[str]) -> str:
    """``text`` followed by "回复数字选择：" and one numbered line per choice."""
    lines = [messages.CHOICE_HEADER]
    lines += [f"{number}. {' '.join(title.split())}" for number, title in enumerate(titles, 1)]
    head = text.strip()
    return (head + "\n\n" if head else "") + "\n".join(lines)


Choices = tuple[tuple[str, str], ...]  # (title, payload) of each numbered choice


def chosen_payload(text: str, choices: Choices | None) -> str | None:
    """The payload chosen by a reply that is just a choice's number or its exact title."""
    if not choices:
        return None
    answer = unicodedata.normalize("NFKC", text).strip()
    if _NUMBER.fullmatch(answer):
        index = int(answer) - 1
        return choices[index][1] if 0 <= index < len(choices) else None
    for title, payload in choices:
        if answer and unicodedata.normalize("NFKC", title).strip() == answer:
            return payload
    return None


class _Sender:
    """Sends texts to a user through the API, in parts; logs failures without content."""

    def __init__(self, api: WeChatApiClient) -> None:
        self.api = api

    async def send(self, openid: str, text: str) -> bool:
        """Send ``text`` (split to WeChat's limit); whether every part was accepted."""
        for part in split_text(text):
            try:
                await self.api.send_text(openid, part)
            except WeChatApiError:
                return False  # logged by the client with its errcode
            except WeChatUnavailable as error:
                logger.warning("wechat message to %s not sent: %s", mask_openid(openid), error)
                return False
        return True


class WeChatOutput(OutputChannel):
    """Sends Rasa's bot messages as customer-service text messages.

    A failure to deliver is logged and swallowed, so that Rasa still records the turn.
    """

    def __init__(self, sender: _Sender, choices: _TtlCache[str, Choices]) -> None:
        self._sender = sender
        self._choices = choices

    @classmethod
    def name(cls) -> str:
        """The channel's name, as Rasa records it."""
        return "wechat"

    async def send_text_message(self, recipient_id: str, text: str, **kwargs: Any) -> None:
        """Send a text (in several messages if it is longer than WeChat allows)."""
        await self._sender.send(recipient_id, text)

    async def send_text_with_buttons(
        self, recipient_id: str, text: str, buttons: list[dict[str, Any]], **kwargs: Any
    ) -> None:
        """Send the text with the buttons as numbered choices, and remember their payloads."""
        if not buttons:
            await self._sender.send(recipient_id, text)
            return
        choices = tuple(
            (str(b.get("title") or b.get("payload") or ""), str(b.get("payload") or b.get("title")))
            for b in buttons
        )
        self._choices.put(recipient_id, choices)
        await self._sender.send(recipient_id, numbered_choices(text, [t for t, _ in choices]))

    async def send_image_url(self, recipient_id: str, image: str, **kwargs: Any) -> None:
        """Send the image's link as text."""
        await self._sender.send(recipient_id, f"{messages.IMAGE_PREFIX}{image}")

    async def send_attachment(self, recipient_id: str, attachment: Any, **kwargs: Any) -> None:
        """Send the attachment's link as text."""
        await self._sender.send(recipient_id, f"{messages.ATTACHMENT_PREFIX}{attachment}")

    async def send_custom_json(
        self, recipient_id: str, json_message: dict[str, Any], **kwargs: Any
    ) -> None:
        """Send a custom payload's ``text``; other custom payloads mean nothing in WeChat."""
        text = json_message.get("text") if isinstance(json_message, dict) else None
        if isinstance(text, str) and text.strip():
            await self._sender.send(recipient_id, text)
        else:
            logger.debug("wechat: custom payload without text not sent")


class WeChatInput(InputChannel):
    """The WeChat mini-program customer-service input channel (see the module notes)."""

    @classmethod
    def name(cls) -> str:
        """``wechat``: the routes are under ``/webhooks/wechat/``."""
        return "wechat"

    @classmethod
    def from_credentials(cls, credentials: dict[str, Any] | None) -> InputChannel:
        """Build the channel from its ``credentials.yml`` entry."""
        if not credentials:
            cls.raise_missing_credentials_exception()
        return cls(WeChatChannelConfig.from_credentials(credentials))

    def __init__(self, config: WeChatChannelConfig, api_timeout: float = 5.0) -> None:
        self.config = config
        self._api_timeout = api_timeout
        self._crypto = (
            WeChatCrypto(config.token, config.encoding_aes_key, config.app_id)
            if config.encoding_aes_key
            else None
        )
        self._seen: _TtlCache[str, bool] = _TtlCache(SEEN_SECONDS, SEEN_MAX)
        self._choices: _TtlCache[str, Choices] = _TtlCache(CHOICES_SECONDS, CHOICES_MAX)
        self._locks = _KeyedLocks()
        self._tasks: set[asyncio.Task[None]] = set()
        self._session: aiohttp.ClientSession | None = None
        self._sender: _Sender | None = None

    def get_output_channel(self) -> OutputChannel | None:
        """An output channel for messages Rasa sends outside a user's turn."""
        return WeChatOutput(self._sender, self._choices) if self._sender else None

    async def start(self) -> None:
        """Open the HTTP session to WeChat (a server listener calls it)."""
        if self._session is None:
            self._session = aiohttp.ClientSession()
            api = WeChatApiClient(
                self._session,
                WeChatApiConfig(
                    self.config.app_id,
                    self.config.app_secret,
                    self.config.api_base,
                    self._api_timeout,
                ),
            )
            self._sender = _Sender(api)

    async def drain(self, grace: float = STOP_GRACE_SECONDS) -> None:
        """Let pushes being handled finish for up to ``grace`` seconds, then cancel them."""
        if self._tasks:
            _, pending = await asyncio.wait(set(self._tasks), timeout=grace)
            for task in pending:
                task.cancel()
            for task in pending:
                with suppress(asyncio.CancelledError):
                    await task

    async def stop(self) -> None:
        """Close the HTTP session (a server listener calls it, after :meth:`drain`)."""
        if self._session is not None:
            await self._session.close()
        self._session = None
        self._sender = None

    def blueprint(self, on_new_message: OnNewMessage) -> Blueprint:
        """The routes ``GET /``, ``GET /webhook`` and ``POST /webhook``, and the listeners.

        Messages pass the public channels' limits (length, per-sender rate) first.
        """
        on_new_message = limited(on_new_message, MessageLimits.from_env())
        bp = Blueprint("wechat_webhook", __name__)

        @bp.listener("before_server_start")
        async def open_session(_app: Any, _loop: Any) -> None:
            await self.start()

        @bp.listener("before_server_stop")
        async def finish_pushes(_app: Any, _loop: Any) -> None:
            await self.drain()

        @bp.listener("after_server_stop")
        async def close_session(_app: Any, _loop: Any) -> None:
            await self.stop()

        @bp.route("/", methods=["GET"])
        async def health(_: Request) -> HTTPResponse:
            return response.json({"status": "ok"})

        @bp.route("/webhook", methods=["GET"])
        async def verify(request: Request) -> HTTPResponse:
            args = request.args
            try:
                check_signature(
                    self.config.token,
                    args.get("signature", ""),
                    args.get("timestamp", ""),
                    args.get("nonce", ""),
                )
            except InvalidSignatureException:
                logger.warning("wechat URL verification refused: bad signature")
                return response.text("forbidden", status=403)
            return response.text(args.get("echostr", ""))

        @bp.route("/webhook", methods=["POST"])
        async def receive(request: Request) -> HTTPResponse:
            try:
                push = self._accept(request)
            except _Rejected as rejected:
                logger.warning("wechat push rejected (%s): %s", rejected.status, rejected.reason)
                return response.text(_STATUS_TEXT[rejected.status], status=rejected.status)
            if not self._seen.add_new(push.dedup_key, True):
                logger.info("wechat push from %s already handled", mask_openid(push.sender))
                return response.text("success")
            task = asyncio.create_task(self._handle(push, on_new_message))
            self._tasks.add(task)
            task.add_done_callback(self._tasks.discard)
            return response.text("success")

        return bp

    def _accept(self, request: Request) -> Push:
        """Check the signature, decrypt if needed, and parse the push.

        Raises:
            _Rejected: 403 for a bad signature, 413 for a body over 64 KiB, 400 for anything
                else wrong.
        """
        if len(request.body or b"") > MAX_BODY_BYTES:
            raise _Rejected(413, "body too large")
        args = request.args
        timestamp, nonce = args.get("timestamp", ""), args.get("nonce", "")
        try:
            body = (request.body or b"").decode("utf-8")
        except UnicodeDecodeError:
            raise _Rejected(400, "body is not UTF-8") from None
        encrypt_type = (args.get("encrypt_type") or "raw").lower()
        if encrypt_type == "raw":
            try:
                check_signature(self.config.token, args.get("signature", ""), timestamp, nonce)
            except InvalidSignatureException:
                raise _Rejected(403, "bad signature") from None
            return Push.from_fields(parse_fields(body))
        if encrypt_type != "aes":
            raise _Rejected(400, f"unknown encrypt_type {encrypt_type[:10]!r}")
        if self._crypto is None:
            raise _Rejected(400, "safe-mode push, but no encoding_aes_key is configured")
        envelope = parse_fields(body)
        if not isinstance(envelope.get("Encrypt"), str):
            raise _Rejected(400, "safe-mode push without Encrypt")
        try:
            plain = self._crypto.decrypt_message(
                envelope, args.get("msg_signature", ""), timestamp, nonce
            )
        except InvalidSignatureException:
            raise _Rejected(403, "bad msg_signature") from None
        except InvalidAppIdException:
            raise _Rejected(400, "encrypted for another app id") from None
        except Exception as error:  # base64, AES, padding, length or UTF-8 failures
            raise _Rejected(400, f"cannot be decrypted ({type(error).__name__})") from None
        return Push.from_fields(parse_fields(plain))

    async def _handle(self, push: Push, on_new_message: OnNewMessage) -> None:
        """Handle one accepted push; one at a time per user, in the order they came."""
        sender = self._sender
        if sender is None:
            logger.error(
                "wechat channel not started: push from %s dropped", mask_openid(push.sender)
            )
            return
        output = WeChatOutput(sender, self._choices)
        async with self._locks.hold(push.sender):
            try:
                if push.msg_type == "text":
                    text = push.content or ""
                    payload = chosen_payload(text, self._choices.pop(push.sender))
                    if payload is not None:
                        text = payload
                    if text.strip():
                        await on_new_message(self._user_message(text, output, push))
                elif push.msg_type == "event":
                    if push.event == ENTER_SESSION_EVENT:
                        await on_new_message(self._user_message(GREET_PAYLOAD, output, push))
                    else:
                        logger.debug("wechat event %s ignored", push.event)
                else:
                    await sender.send(push.sender, messages.NON_TEXT_REPLY)
            except Exception as error:
                logger.error(
                    "wechat %s push from %s failed: %s",
                    push.msg_type,
                    mask_openid(push.sender),
                    type(error).__name__,
                )
                await sender.send(push.sender, messages.BUSY_REPLY)

    @staticmethod
    def _user_message(text: str, output: OutputChannel, push: Push) -> UserMessage:
        return UserMessage(
            text,
            output,
            sender_id=push.sender,
            input_channel=WeChatInput.name(),
            metadata=push.metadata(),
        )
