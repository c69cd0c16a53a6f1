"""The whole stack for dialogue tests: real backend, real action server, real trained model.

Started once per test session on its own ports and files, through the same code as
``make run``; conversations go through Rasa's REST channel over real HTTP.
"""

from __future__ import annotations

import json
import os
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from devstack.stack import ROOT, Service, StackConfig, restart, running_stack

MODEL = Path(os.environ.get("RASA_MODEL", ROOT / "models" / "civic.tar.gz"))
# A fixed Monday inside chinese-calendar's range, so "明天"/"下周三" are deterministic.
TODAY = "2026-11-23"


@dataclass(frozen=True)
class Reply:
    """What the bot said in one message: text and button titles/payloads."""

    text: str
    buttons: list[dict[str, str]]


class Chat:
    """A citizen talking to the bot through ``POST /webhooks/rest/webhook``."""

    def __init__(self, rasa_url: str, sender: str) -> None:
        self.url = f"{rasa_url}/webhooks/rest/webhook"
        self.sender = sender

    def say(self, message: str) -> list[Reply]:
        body = json.dumps({"sender": self.sender, "message": message}).encode()
        request = urllib.request.Request(
            self.url, data=body, headers={"Content-Type": "application/json"}
        )
        with urllib.request.urlopen(request, timeout=60) as response:
            assert response.status == 200
            payload = json.loads(response.read())
        return [Reply(m.get("text", ""), m.get("buttons", [])) for m in payload]

    def text(self, message: str) -> str:
        """All the bot's texts for ``message``, joined."""
        return "\n".join(r.text for r in self.say(message))


@dataclass(frozen=True)
class Stack:
    config: StackConfig
    services: list[Service]

    def restart(self, name: str) -> None:
        """Restart one process of the stack (e.g. the Rasa server)."""
        restart(next(s for s in self.services if s.name == name), self.config, timeout=240)

    def chat(self, sender: str) -> Chat:
        return Chat(self.config.rasa_url, sender)

    def api(self, method: str, path: str, body: dict | None = None) -> tuple[int, dict]:
        """Call the civil-affairs API directly (what an operator or a test sees)."""
        data = json.dumps(body).encode() if body is not None else None
        request = urllib.request.Request(
            self.config.backend_url + path,
            data=data,
            method=method,
            headers={"Content-Type": "application/json"},
        )
        try:
            with urllib.request.urlopen(request, timeout=10) as response:
                return response.status, json.loads(response.read())
        except urllib.error.HTTPError as error:
            return error.code, json.loads(error.read())


@pytest.fixture(scope="session")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    if not MODEL.exists():
        pytest.fail(f"no trained model at {MODEL}: run 'make train' first")
    var_dir = tmp_path_factory.mktemp("stack")
    config = StackConfig(
        backend_port=18000,
        action_port=15055,
        rasa_port=15005,
        var_dir=var_dir,
        model=MODEL,
        extra_env={
            # Scripted conversations type faster than people: the limits have their own tests.
            "PUBLIC_MESSAGES_PER_MINUTE": "600",
            "PUBLIC_MESSAGE_BURST": "100",
            "CIVIC_TODAY": TODAY,
            "DATABASE_URL": f"sqlite:///{var_dir / 'civic.db'}",
            "TRACKER_DB": str(var_dir / "tracker.db"),
        },
    )
    with running_stack(config, timeout=240) as services:
        yield Stack(config, services)
