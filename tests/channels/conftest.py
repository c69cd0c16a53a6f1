"""Channel tests run Sanic apps in the test process, several per session."""

from __future__ import annotations

import pytest
from sanic import Sanic


@pytest.fixture(autouse=True)
def _sanic_test_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    # Sanic rewrites its protocol classes when an app starts ("touchup"); in test mode it
    # keeps the originals, so a second app in the same process can start too.
    monkeypatch.setattr(Sanic, "test_mode", True)
