"""The widget's channel: Socket.IO with session persistence answers (rasa #13027 guard)."""

from __future__ import annotations

import asyncio
import uuid

import pytest
import socketio

from tests.dialogue.conftest import Stack

pytestmark = pytest.mark.slow


async def test_socketio_session_gets_replies(stack: Stack) -> None:
    client = socketio.AsyncClient()
    replies: asyncio.Queue[dict] = asyncio.Queue()
    client.on("bot_uttered", replies.put)
    await client.connect(stack.config.rasa_url, transports=["websocket"])
    try:
        session_id = uuid.uuid4().hex
        await client.emit("session_request", {"session_id": session_id})
        await asyncio.sleep(0.5)
        await client.emit("user_uttered", {"message": "你好", "session_id": session_id})
        reply = await asyncio.wait_for(replies.get(), timeout=30)
        assert "民政智能助手" in reply["text"]
        assert [b["title"] for b in reply.get("quick_replies", reply.get("buttons", []))]
    finally:
        await client.disconnect()


async def test_a_websocket_from_a_foreign_origin_is_refused(stack: Stack) -> None:
    """Browsers apply no CORS to WebSockets: the server itself refuses other origins."""
    client = socketio.AsyncClient(reconnection=False)
    with pytest.raises(socketio.exceptions.ConnectionError):
        await client.connect(
            stack.config.rasa_url,
            transports=["websocket"],
            headers={"Origin": "http://widget-thief.example"},
        )
    allowed = socketio.AsyncClient(reconnection=False)
    await allowed.connect(
        stack.config.rasa_url,
        transports=["websocket"],
        headers={"Origin": stack.config.allowed_origins()[0]},
    )
    await allowed.disconnect()
