"""The WeChat channel over real HTTP: WeChat's pushes in, customer-service messages out.

The channel's blueprint runs in a real Sanic server on a free port with a test double for
Rasa (it records each ``UserMessage`` and answers through its output channel); the WeChat
API is the local stand-in (:mod:`devstack.wechat_standin`) on another free port. wechatpy
plays WeChat: it signs and encrypts the pushes. Waiting is always for something to arrive
(a recorded message, a message at the stand-in), with a deadline.
"""

from __future__ import annotations

import asyncio
import base64
import json
import logging
import os
import secrets
import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import aiohttp
import pytest
import xmltodict
from aiohttp import web
from rasa.core.channels.channel import UserMessage
from sanic import Sanic
from wechatpy.crypto import WeChatCrypto
from wechatpy.utils import WeChatSigner

from civic.config import SettingsError
from devstack.wechat_standin import StandinSettings, create_app
from integrations.channels import messages
from integrations.channels.wechat import (
    WeChatChannelConfig,
    WeChatInput,
    chosen_payload,
)
from integrations.channels.wechat_api import (
    MAX_TEXT_BYTES,
    WeChatApiClient,
    WeChatApiConfig,
    WeChatApiError,
    split_text,
    utf8_size,
)

ROOT = Path(__file__).resolve().parents[2]
DEADLINE_SECONDS = 10.0
BUTTONS = [{"title": "确认", "payload": "/affirm"}, {"title": "修改", "payload": "/deny"}]


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def new_openid() -> str:
    """An open id shaped like WeChat's (28 characters, starting with 'o')."""
    return "o" + secrets.token_urlsafe(21)[:27]


# --- the WeChat API stand-in -------------------------------------------------------------


@dataclass
class Standin:
    """The running stand-in and helpers to read what it recorded."""

    url: str
    settings: StandinSettings
    http: aiohttp.ClientSession

    async def sent(self, openid: str) -> list[str]:
        async with self.http.get(f"{self.url}/_sent", params={"touser": openid}) as answer:
            body = await answer.json()
        return [m["text"]["content"] for m in body["messages"]]

    async def wait_sent(self, openid: str, count: int) -> list[str]:
        """The texts sent to ``openid`` once there are at least ``count`` (else fail)."""
        deadline = time.monotonic() + DEADLINE_SECONDS
        while True:
            texts = await self.sent(openid)
            if len(texts) >= count:
                return texts
            if time.monotonic() > deadline:
                raise AssertionError(f"{len(texts)} of {count} messages arrived: {texts}")
            await asyncio.sleep(0.02)

    async def stats(self) -> dict[str, int]:
        async with self.http.get(f"{self.url}/_stats") as answer:
            return await answer.json()

    async def expire(self) -> None:
        async with self.http.post(f"{self.url}/_expire") as answer:
            assert answer.status == 200


@pytest.fixture
async def standin() -> AsyncIterator[Standin]:
    settings = StandinSettings(
        app_id="wx" + secrets.token_hex(8), app_secret=secrets.token_hex(16), port=free_port()
    )
    runner = web.AppRunner(create_app(settings), access_log=None)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", settings.port)
    await site.start()
    async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10)) as http:
        yield Standin(f"http://127.0.0.1:{settings.port}", settings, http)
    await runner.cleanup()


# --- WeChat's side of the push protocol ----------------------------------------------------


@dataclass
class Peer:
    """Crafts pushes as WeChat does: signed, and AES-encrypted in safe mode."""

    token: str
    aes_key: str
    app_id: str

    def signature(self, *parts: str) -> str:
        signer = WeChatSigner()
        signer.add_data(self.token, *parts)
        return signer.signature

    def plain(self, fields: dict[str, Any], fmt: str) -> tuple[dict[str, str], str]:
        """Query string and body of a plain-mode push."""
        timestamp, nonce = str(int(time.time())), secrets.token_hex(5)
        query = {
            "signature": self.signature(timestamp, nonce),
            "timestamp": timestamp,
            "nonce": nonce,
        }
        return query, render(fields, fmt)

    def safe(
        self, fields: dict[str, Any], fmt: str, app_id: str | None = None
    ) -> tuple[dict[str, str], str]:
        """Query string and body of a safe-mode push (encrypted for ``app_id``, ours by default)."""
        timestamp, nonce = str(int(time.time())), secrets.token_hex(5)
        crypto = WeChatCrypto(self.token, self.aes_key, app_id or self.app_id)
        envelope = xmltodict.parse(crypto.encrypt_message(render(fields, fmt), nonce, timestamp))
        encrypt = envelope["xml"]["Encrypt"]
        query = {
            "encrypt_type": "aes",
            "msg_signature": envelope["xml"]["MsgSignature"],
            "timestamp": timestamp,
            "nonce": nonce,
        }
        return query, render({"ToUserName": "gh_test", "Encrypt": encrypt}, fmt)

    def safe_garbage(self, encrypt: str) -> tuple[dict[str, str], str]:
        """A safe-mode push whose ``Encrypt`` is correctly signed but not a WeChat ciphertext."""
        timestamp, nonce = str(int(time.time())), secrets.token_hex(5)
        query = {
            "encrypt_type": "aes",
            "msg_signature": self.signature(timestamp, nonce, encrypt),
            "timestamp": timestamp,
            "nonce": nonce,
        }
        return query, render({"ToUserName": "gh_test", "Encrypt": encrypt}, "json")


def render(fields: dict[str, Any], fmt: str) -> str:
    if fmt == "json":
        return json.dumps(fields, ensure_ascii=False)
    return xmltodict.unparse({"xml": fields}, full_document=False)


def text_push(openid: str, content: str, msg_id: int | None = None) -> dict[str, Any]:
    return {
        "ToUserName": "gh_test",
        "FromUserName": openid,
        "CreateTime": int(time.time()),
        "MsgType": "text",
        "Content": content,
        "MsgId": msg_id if msg_id is not None else secrets.randbits(63),
    }


# --- the channel in a Sanic server, with a test double for Rasa ----------------------------

Reply = Callable[[UserMessage], Awaitable[None]]


async def buttons_unless_payload(message: UserMessage) -> None:
    """A text gets a question with two buttons; a payload ("/...") gets a plain text."""
    out = message.output_channel
    if (message.text or "").startswith("/"):
        await out.send_response(message.sender_id, {"text": f"已收到{message.text}"})
    else:
        await out.send_response(message.sender_id, {"text": "请确认：", "buttons": BUTTONS})


@dataclass
class Channel:
    """The running channel: its URL, what reached "Rasa", and how to push to it."""

    url: str
    peer: Peer
    http: aiohttp.ClientSession
    received: asyncio.Queue[UserMessage]
    replies: list[Reply] = field(default_factory=lambda: [buttons_unless_payload])

    async def push(self, query: dict[str, str], body: str, fmt: str = "json") -> int:
        content_type = "application/json" if fmt == "json" else "text/xml"
        async with self.http.post(
            self.url,
            params=query,
            data=body.encode(),
            headers={"Content-Type": content_type},
        ) as answer:
            text = await answer.text()
            if answer.status == 200:
                assert text == "success"
            return answer.status

    async def push_text(self, openid: str, content: str, fmt: str = "json", **kw: Any) -> int:
        return await self.push(*self.peer.plain(text_push(openid, content, **kw), fmt), fmt)

    async def next_message(self) -> UserMessage:
        return await asyncio.wait_for(self.received.get(), DEADLINE_SECONDS)

    def nothing_else_received(self) -> None:
        assert self.received.empty(), [m.text for m in self.received._queue]  # type: ignore[attr-defined]


@pytest.fixture
async def channel(standin: Standin, monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Channel]:
    # Several Sanic apps start in one process: keep Sanic 21.12's originals (see tests/backend).
    monkeypatch.setattr(Sanic, "test_mode", True)
    peer = Peer(
        token=secrets.token_hex(8),
        aes_key=base64.b64encode(os.urandom(32)).decode().rstrip("="),
        app_id=standin.settings.app_id,
    )
    config = WeChatChannelConfig.from_credentials(
        {
            "app_id": peer.app_id,
            "app_secret": standin.settings.app_secret,
            "token": peer.token,
            "encoding_aes_key": peer.aes_key,
            "api_base": standin.url,
        }
    )
    received: asyncio.Queue[UserMessage] = asyncio.Queue()
    http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=10))
    port = free_port()
    running = Channel(f"http://127.0.0.1:{port}/webhooks/wechat/webhook", peer, http, received)

    async def on_new_message(message: UserMessage) -> None:
        received.put_nowait(message)
        await running.replies[0](message)

    app = Sanic(f"wechat_test_{uuid.uuid4().hex[:12]}")
    app.blueprint(WeChatInput(config).blueprint(on_new_message), url_prefix="/webhooks/wechat")
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    await server.before_start()
    await server.after_start()
    yield running
    await http.close()
    await server.before_stop()
    closing = server.close()
    if closing is not None:
        await closing
    await server.after_stop()


# --- URL verification -----------------------------------------------------------------------


async def test_url_verification_echoes_echostr_only_for_a_good_signature(
    channel: Channel,
) -> None:
    query, _ = channel.peer.plain({}, "json")
    async with channel.http.get(channel.url, params={**query, "echostr": "e123"}) as answer:
        assert (answer.status, await answer.text()) == (200, "e123")
    query["signature"] = "0" * 40
    async with channel.http.get(channel.url, params={**query, "echostr": "e123"}) as answer:
        assert answer.status == 403
        assert "e123" not in await answer.text()


# --- text pushes in every format and mode --------------------------------------------------


@pytest.mark.parametrize(
    ("fmt", "safe"), [("json", False), ("xml", False), ("json", True), ("xml", True)]
)
async def test_text_push_reaches_rasa_and_the_reply_reaches_the_user(
    channel: Channel,
    standin: Standin,
    fmt: str,
    safe: bool,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    openid = new_openid()
    fields = text_push(openid, "我想预约结婚登记", msg_id=123456789012345678)
    pushed = channel.peer.safe(fields, fmt) if safe else channel.peer.plain(fields, fmt)
    assert await channel.push(*pushed, fmt) == 200

    message = await channel.next_message()
    assert (message.sender_id, message.text, message.input_channel) == (
        openid,
        "我想预约结婚登记",
        "wechat",
    )
    assert message.metadata == {
        "wechat": {
            "msg_type": "text",
            "create_time": fields["CreateTime"],
            "msg_id": "123456789012345678",
        }
    }
    (reply,) = await standin.wait_sent(openid, 1)
    assert reply == "请确认：\n\n回复数字选择：\n1. 确认\n2. 修改"
    logged = caplog.text
    assert "我想预约" not in logged and "请确认" not in logged and openid not in logged


async def test_a_number_chooses_the_latest_buttons_once(channel: Channel, standin: Standin) -> None:
    openid = new_openid()
    assert await channel.push_text(openid, "我要改约") == 200
    assert (await channel.next_message()).text == "我要改约"
    await standin.wait_sent(openid, 1)

    assert await channel.push_text(openid, " ２ ", fmt="xml") == 200  # full-width, spaces
    assert (await channel.next_message()).text == "/deny"
    texts = await standin.wait_sent(openid, 2)
    assert texts[1] == "已收到/deny"

    # The choices were answered: a bare number now is just a number (e.g. "2 people").
    assert await channel.push_text(openid, "2") == 200
    assert (await channel.next_message()).text == "2"
    await standin.wait_sent(openid, 3)

    # "2" got new buttons; a number out of their range is passed on as it is.
    assert (await standin.sent(openid))[2].endswith("2. 修改")
    assert await channel.push_text(openid, "3") == 200
    assert (await channel.next_message()).text == "3"


# --- refused pushes --------------------------------------------------------------------------


async def test_bad_signature_is_refused_and_does_not_mark_the_msgid(
    channel: Channel, standin: Standin
) -> None:
    openid = new_openid()
    query, body = channel.peer.plain(text_push(openid, "伪造的消息", msg_id=777), "json")
    assert await channel.push({**query, "signature": "f" * 40}, body) == 403
    safe_query, safe_body = channel.peer.safe(text_push(openid, "伪造的消息", msg_id=778), "xml")
    assert await channel.push({**safe_query, "msg_signature": "f" * 40}, safe_body, "xml") == 403

    # The genuine push with the same MsgId is still handled (and is the only one).
    assert await channel.push_text(openid, "真实的消息", msg_id=777) == 200
    assert (await channel.next_message()).text == "真实的消息"
    await standin.wait_sent(openid, 1)
    channel.nothing_else_received()


async def test_the_same_msgid_pushed_twice_is_handled_once(
    channel: Channel, standin: Standin
) -> None:
    openid = new_openid()
    first = channel.peer.plain(text_push(openid, "第一次", msg_id=4242), "json")
    assert await channel.push(*first) == 200
    retry = channel.peer.plain(text_push(openid, "第一次", msg_id=4242), "xml")  # WeChat's retry
    assert await channel.push(*retry, "xml") == 200
    assert await channel.push_text(openid, "第二条", msg_id=4243) == 200  # handled after both

    assert [(await channel.next_message()).text for _ in range(2)] == ["第一次", "第二条"]
    await standin.wait_sent(openid, 2)
    channel.nothing_else_received()
    assert len(await standin.sent(openid)) == 2


async def test_undecryptable_pushes_are_refused_and_logged_without_content(
    channel: Channel, standin: Standin, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    openid = new_openid()
    secret_text = "我的身份证号是保密内容"
    garbage = base64.b64encode(os.urandom(96)).decode()
    assert await channel.push(*channel.peer.safe_garbage(garbage)) == 400
    assert await channel.push(*channel.peer.safe_garbage("not base64 at all!")) == 400
    other_app = channel.peer.safe(text_push(openid, secret_text), "json", app_id="wx_other_app")
    assert await channel.push(*other_app) == 400

    assert await channel.push_text(openid, "之后的消息") == 200
    assert (await channel.next_message()).text == "之后的消息"
    await standin.wait_sent(openid, 1)
    channel.nothing_else_received()

    rejections = [r.getMessage() for r in caplog.records if "rejected" in r.getMessage()]
    assert len(rejections) == 3
    assert any("another app id" in line for line in rejections)
    assert sum("cannot be decrypted" in line for line in rejections) == 2
    logged = caplog.text
    for forbidden in (secret_text, garbage, other_app[1], openid):
        assert forbidden not in logged


# --- the customer-service API ----------------------------------------------------------------


async def test_an_expired_access_token_is_refreshed_and_the_reply_delivered(
    channel: Channel, standin: Standin
) -> None:
    openid = new_openid()
    assert await channel.push_text(openid, "第一条") == 200
    await channel.next_message()
    await standin.wait_sent(openid, 1)
    assert (await standin.stats())["tokens_issued"] == 1

    await standin.expire()
    assert await channel.push_text(openid, "第二条") == 200
    await channel.next_message()
    await standin.wait_sent(openid, 2)
    assert (await standin.stats())["tokens_issued"] == 2


async def test_one_token_for_concurrent_sends_and_one_refresh_after_expiry(
    standin: Standin,
) -> None:
    config = WeChatApiConfig(standin.settings.app_id, standin.settings.app_secret, standin.url)
    async with aiohttp.ClientSession() as session:
        client = WeChatApiClient(session, config)
        openid = new_openid()
        await asyncio.gather(*(client.send_text(openid, f"消息{i}") for i in range(10)))
        assert (await standin.stats())["tokens_issued"] == 1
        await standin.expire()
        await asyncio.gather(*(client.send_text(openid, f"再发{i}") for i in range(10)))
        assert (await standin.stats())["tokens_issued"] == 2
        assert len(await standin.sent(openid)) == 20


@pytest.mark.parametrize(
    ("app_id", "secret", "errcode"), [("wx_unknown", None, 40013), (None, "wrong", 40125)]
)
async def test_token_refusals_are_typed_errors(
    standin: Standin, app_id: str | None, secret: str | None, errcode: int
) -> None:
    config = WeChatApiConfig(
        app_id or standin.settings.app_id, secret or standin.settings.app_secret, standin.url
    )
    async with aiohttp.ClientSession() as session:
        with pytest.raises(WeChatApiError) as raised:
            await WeChatApiClient(session, config).send_text(new_openid(), "你好")
    assert (raised.value.operation, raised.value.errcode) == ("token", errcode)


async def test_a_long_reply_arrives_in_parts_within_the_limit(
    channel: Channel, standin: Standin
) -> None:
    paragraph = "根据《社会救助暂行办法》，最低生活保障由县级人民政府民政部门审批。" * 3
    long_text = "\n".join([paragraph] * 40)[:3000]
    assert len(long_text) == 3000

    async def long_reply(message: UserMessage) -> None:
        await message.output_channel.send_text_message(message.sender_id, long_text)

    channel.replies[0] = long_reply
    openid = new_openid()
    assert await channel.push_text(openid, "低保怎么申请") == 200
    await channel.next_message()
    expected = split_text(long_text)
    parts = await standin.wait_sent(openid, len(expected))
    assert len(parts) > 1 and parts == expected
    assert all(utf8_size(part) <= MAX_TEXT_BYTES for part in parts)
    assert "".join(parts).replace("\n", "") == long_text.replace("\n", "")


# --- non-text messages and events --------------------------------------------------------


async def test_an_image_gets_the_polite_text_reply_without_rasa(
    channel: Channel, standin: Standin
) -> None:
    openid = new_openid()
    image = {
        "ToUserName": "gh_test",
        "FromUserName": openid,
        "CreateTime": int(time.time()),
        "MsgType": "image",
        "PicUrl": "https://example.invalid/p.jpg",
        "MediaId": "media",
        "MsgId": secrets.randbits(63),
    }
    assert await channel.push(*channel.peer.plain(image, "xml"), "xml") == 200
    assert await standin.wait_sent(openid, 1) == [messages.NON_TEXT_REPLY]
    channel.nothing_else_received()


async def test_an_over_long_message_gets_the_length_reply_without_rasa(
    channel: Channel, standin: Standin
) -> None:
    openid = new_openid()
    assert await channel.push_text(openid, "我家的情况是这样的，" * 60) == 200
    assert await standin.wait_sent(openid, 1) == [messages.TOO_LONG.format(limit=500)]
    channel.nothing_else_received()


async def test_entering_the_chat_sends_greet(channel: Channel, standin: Standin) -> None:
    openid = new_openid()
    event = {
        "ToUserName": "gh_test",
        "FromUserName": openid,
        "CreateTime": int(time.time()),
        "MsgType": "event",
        "Event": "user_enter_tempsession",
        "SessionFrom": "portal",
    }
    assert await channel.push(*channel.peer.safe(event, "json")) == 200
    assert await channel.push(*channel.peer.safe(event, "json")) == 200  # a retry: no MsgId
    message = await channel.next_message()
    assert (message.text, message.sender_id) == ("/greet", openid)
    assert message.metadata["wechat"]["event"] == "user_enter_tempsession"
    assert message.metadata["wechat"]["session_from"] == "portal"
    assert await standin.wait_sent(openid, 1) == ["已收到/greet"]
    channel.nothing_else_received()


# --- configuration, helpers, and the stand-in as a process -----------------------------------


def test_credentials_are_checked_at_start() -> None:
    good = {
        "app_id": "wx1",
        "app_secret": "SECRET-VALUE",
        "token": "TOKEN-VALUE",
        "encoding_aes_key": "",
        "api_base": "",
    }
    config = WeChatChannelConfig.from_credentials(good)
    assert config.api_base == "https://api.weixin.qq.com" and config.encoding_aes_key is None
    assert "SECRET-VALUE" not in repr(config) and "TOKEN-VALUE" not in repr(config)
    with pytest.raises(SettingsError, match="token"):
        WeChatChannelConfig.from_credentials({**good, "token": ""})
    with pytest.raises(SettingsError, match="encoding_aes_key"):
        WeChatChannelConfig.from_credentials({**good, "encoding_aes_key": "short"})
    assert WeChatInput.name() == "wechat"
    assert WeChatInput.from_credentials(good).url_prefix() == "wechat"


def test_choices_and_splitting() -> None:
    choices = (("确认", "/affirm"), ("修改", "/deny"))
    replies = ("1", "１", " 2 ", "修改", "3", "0", "一", "12", "确认无误", "")
    assert [chosen_payload(t, choices) for t in replies] == [
        "/affirm",
        "/affirm",
        "/deny",
        "/deny",
        None,
        None,
        None,
        None,
        None,
        None,
    ]
    assert chosen_payload("1", None) is None
    emoji = "👨‍👩‍👧" * 300  # ZWJ sequences: never cut inside one
    parts = split_text(emoji)
    assert "".join(parts) == emoji and all(p.startswith("👨") for p in parts)
    assert split_text("  短消息  ") == ["短消息"] and split_text(" \n ") == []


def test_the_standin_runs_as_a_command() -> None:
    port = free_port()
    env = {**os.environ, "WECHAT_STANDIN_PORT": str(port), "PYTHONPATH": str(ROOT)}
    process = subprocess.Popen(
        [sys.executable, "-m", "devstack.wechat_standin"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        deadline = time.monotonic() + 20
        while True:
            assert process.poll() is None, "the stand-in exited"
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=1):
                    break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.1)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/health", timeout=5) as answer:
            assert answer.status == 200
    finally:
        process.terminate()
        process.wait(timeout=10)
