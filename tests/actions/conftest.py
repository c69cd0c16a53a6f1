"""Action tests: trackers built in code, the real backend running on a local port."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest
from rasa_sdk import Tracker

from actions import runtime
from devstack.stack import ROOT
from tests.support.backend import start_backend

TODAY = "2026-11-23"  # a Monday; chinese-calendar knows 2026


@pytest.fixture(scope="session")
def backend_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``python -m backend`` on a free port with its own SQLite file."""
    process, url = start_backend(tmp_path_factory.mktemp("backend"), TODAY)
    yield url
    process.terminate()
    process.wait(timeout=15)


@pytest.fixture(autouse=True)
async def _backend_env(
    monkeypatch: pytest.MonkeyPatch, request: pytest.FixtureRequest
) -> AsyncIterator[None]:
    """Each test reads the settings afresh and closes the shared HTTP session after it."""
    monkeypatch.setenv("CIVIC_TODAY", TODAY)
    if "backend_url" in request.fixturenames:
        monkeypatch.setenv("BACKEND_URL", request.getfixturevalue("backend_url"))
    await runtime.reset()
    yield
    await runtime.reset()


@pytest.fixture(scope="session", autouse=True)
def _every_action_module() -> None:
    """Import the whole package as rasa-sdk does, so every journey registers itself."""
    from rasa_sdk.executor import ActionExecutor

    ActionExecutor().register_package("actions")


@pytest.fixture(scope="session")
def domain() -> dict[str, Any]:
    """The real domain, merged from bot/domain/ by Rasa itself."""
    from rasa.shared.core.domain import Domain

    return Domain.load(str(Path(ROOT) / "bot" / "domain")).as_dict()


def make_tracker(
    slots: dict[str, Any] | None = None,
    text: str = "",
    intent: str = "inform",
    entities: list[dict[str, Any]] | None = None,
    requested_slot: str | None = None,
    active_loop: str = "marriage_form",
    confidence: float = 0.95,
) -> Tracker:
    """A tracker whose latest event is the citizen's message."""
    message = {
        "text": text,
        "intent": {"name": intent, "confidence": confidence},
        "entities": entities or [],
    }
    return Tracker(
        sender_id="action-test",
        slots={**(slots or {}), "requested_slot": requested_slot},
        latest_message=message,
        events=[
            {"event": "user", "text": text, "parse_data": message},
            # Rasa appends the form's own ActionExecuted before calling its validator.
            *([{"event": "action", "name": active_loop}] if active_loop else []),
        ],
        paused=False,
        followup_action=None,
        active_loop={"name": active_loop} if active_loop else {},
        latest_action_name="action_listen",
    )
