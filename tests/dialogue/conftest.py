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
from typing import Any

import pytest

from devstack.stack import ROOT, Service, StackConfig, restart, running_stack

MODEL = Path(os.environ.get("RASA_MODEL", ROOT / "models" / "civic.tar.gz"))
# A fixed Monday inside chinese-calendar's range, so "明天"/"下周三" are deterministic.
TODAY = "2026-11-23"
# The demo pages' port: the browser tests open them there, a different origin from Rasa's.
PAGES_PORT = 18080
WECHAT_PORT = 18090  # the WeChat API stand-in
PAGES_ORIGINS = (f"http://127.0.0.1:{PAGES_PORT}", f"http://localhost:{PAGES_PORT}")
# The agent-assist channel's bearer token on the test stack (agent console browser test).
AGENT_ASSIST_TOKEN = "test-agent-assist-token-0123456789"


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
        pages_port=PAGES_PORT,
        wechat_port=WECHAT_PORT,
        var_dir=var_dir,
        model=MODEL,
        extra_env={
            # The demo pages (browser tests): Rasa allows only their origins.
            "ALLOWED_ORIGINS": ",".join(PAGES_ORIGINS),
            "PUBLIC_RASA_URL": "http://127.0.0.1:15005",
            "AGENT_ASSIST_TOKEN": AGENT_ASSIST_TOKEN,
            "AGENT_CONSOLE_PREFILL_TOKEN": "false",
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


SCREENSHOTS = ROOT / "results" / "screenshots"
CHROMIUM = Path(os.environ.get("CHROMIUM", "/usr/bin/chromium"))
CHROMEDRIVER = Path(os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver"))


@pytest.fixture
def browser() -> Iterator[Any]:
    """Headless Chromium driven by Selenium (Debian's ``chromium`` and ``chromium-driver``).

    The pages are opened from the pages port, a different origin from Rasa's: what a
    government page embedding the widget does. Screenshots go to ``results/screenshots/``.
    """
    if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
        pytest.fail(
            f"no {CHROMIUM} or {CHROMEDRIVER}: apt-get install chromium chromium-driver "
            "fonts-wqy-microhei"
        )
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service as DriverService

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    for argument in (
        "--headless=new",
        "--no-sandbox",  # CI runs as root
        "--disable-dev-shm-usage",
        "--window-size=1280,900",
        "--lang=zh-CN",
    ):
        options.add_argument(argument)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    driver = webdriver.Chrome(service=DriverService(str(CHROMEDRIVER)), options=options)
    driver.set_page_load_timeout(30)
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        yield driver
    finally:
        driver.quit()
