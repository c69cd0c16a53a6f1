"""The running assistant's public surface: long messages answered politely, no HTTP API."""

from __future__ import annotations

import urllib.error
import urllib.request
import uuid

import pytest

from integrations.channels import messages
from tests.dialogue.conftest import Stack

pytestmark = pytest.mark.slow


def test_an_over_long_message_gets_a_polite_reply(stack: Stack) -> None:
    chat = stack.chat(f"test-{uuid.uuid4().hex[:12]}")
    assert chat.text("我想问一下低保的事情，" * 60) == messages.TOO_LONG.format(limit=500)
    assert "预检" in chat.text("我家能吃低保吗")  # the conversation goes on


@pytest.mark.parametrize(
    "path", ["/conversations/anyone/tracker", "/model/parse", "/status", "/domain"]
)
def test_rasa_http_api_is_not_served(stack: Stack, path: str) -> None:
    request = urllib.request.Request(
        stack.config.rasa_url + path, data=b"{}" if path == "/model/parse" else None
    )
    with pytest.raises(urllib.error.HTTPError) as error:
        urllib.request.urlopen(request, timeout=10)
    assert error.value.code in (404, 405)
