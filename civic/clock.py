"""The service's notion of "today": the real date, or ``CIVIC_TODAY`` for demos and tests."""

from __future__ import annotations

import os
from datetime import date


def today() -> date:
    """Today's date, overridable with ``CIVIC_TODAY=YYYY-MM-DD`` (backend and actions alike)."""
    override = os.environ.get("CIVIC_TODAY", "").strip()
    return date.fromisoformat(override) if override else date.today()
