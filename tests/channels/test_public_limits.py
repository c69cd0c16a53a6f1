"""Per-sender limits on the public channels: a flood and an over-long message get a polite
reply and never reach the assistant; other senders are not affected."""

from __future__ import annotations

import socket
from collections.abc import AsyncIterator

import aiohttp
import pytest
from rasa.core.channels.channel import UserMessage
from sanic import Sanic

from civic.config import SettingsError
from integrations.channels import messages
from integrations.channels.limits import MessageLimits, SenderRateLimiter
from integrations.channels.public import LimitedRestInput


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_a_burst_is_allowed_then_the_sustained_rate() -> None:
    clock = FakeClock()
    limiter = SenderRateLimiter(MessageLimits(per_minute=6, burst=3), clock)
    assert [limiter.allow("a") for _ in range(4)] == [True, True, True, False]
    assert limiter.allow("b")  # another sender has their own bucket
    clock.now += 10  # one message per 10 s comes back
    assert limiter.allow("a") and not limiter.allow("a")


def test_forgotten_senders_are_bounded() -> None:
    limiter = SenderRateLimiter(MessageLimits(per_minute=6, burst=1, max_senders=2), FakeClock())
    for sender in ("a", "b", "c"):
        assert limiter.allow(sender)
    assert limiter.allow("a")  # "a" was forgotten first: a full bucket again
    assert not limiter.allow("c")


@pytest.mark.parametrize(
    ("name", "value"),
    [("PUBLIC_MESSAGES_PER_MINUTE", "0"), ("PUBLIC_MESSAGE_BURST", "lots")],
)
def test_bad_settings_are_refused_by_name(name: str, value: str) -> None:
    with pytest.raises(SettingsError, match=name):
        MessageLimits.from_env({name: value})


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture
async def rest_channel(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[tuple[str, list[str]]]:
    """The limited REST channel over real HTTP; the "assistant" records what reaches it."""
    monkeypatch.setenv("PUBLIC_MESSAGES_PER_MINUTE", "6")
    monkeypatch.setenv("PUBLIC_MESSAGE_BURST", "3")
    monkeypatch.setenv("PUBLIC_MAX_MESSAGE_CHARS", "100")
    reached: list[str] = []

    async def assistant(message: UserMessage) -> None:
        reached.append(message.text or "")
        await message.output_channel.send_text_message(message.sender_id, "收到")

    app = Sanic(f"limits-{free_port()}")
    channel = LimitedRestInput()
    app.blueprint(channel.blueprint(assistant), url_prefix="/webhooks/rest")
    port = free_port()
    server = await app.create_server(
        host="127.0.0.1", port=port, return_asyncio_server=True, access_log=False
    )
    await server.startup()
    yield f"http://127.0.0.1:{port}/webhooks/rest/webhook", reached
    server.close()
    await server.wait_closed()


async def say(session: aiohttp.ClientSession, url: str, sender: str, text: str) -> list[str]:
    async with session.post(url, json={"sender": sender, "message": text}) as response:
        assert response.status == 200
        return [m["text"] for m in await response.json()]


async def test_a_flood_gets_a_polite_reply_and_does_not_reach_the_assistant(
    rest_channel: tuple[str, list[str]],
) -> None:
    url, reached = rest_channel
    async with aiohttp.ClientSession() as session:
        replies = [await say(session, url, "flood", f"第{i}条") for i in range(5)]
        other = await say(session, url, "someone-else", "你好")
    assert replies[:3] == [["收到"]] * 3
    assert replies[3:] == [[messages.TOO_FAST]] * 2
    assert reached == ["第0条", "第1条", "第2条", "你好"]
    assert other == ["收到"]


async def test_an_over_long_message_is_answered_not_passed_on(
    rest_channel: tuple[str, list[str]],
) -> None:
    url, reached = rest_channel
    async with aiohttp.ClientSession() as session:
        reply = await say(session, url, "long", "我" * 101)
        ok = await say(session, url, "long", "我" * 100)
    assert reply == [messages.TOO_LONG.format(limit=100)]
    assert ok == ["收到"] and reached == ["我" * 100]
