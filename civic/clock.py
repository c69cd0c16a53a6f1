"""The service's notion of "today": the date in China (UTC+8), or ``CIVIC_TODAY``.

The backend and the actions must agree on it: a server running on UTC would otherwise
offer "tomorrow" as bookable for the eight hours after midnight in China, while the
backend already counts it as today.
"""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta, timezone

CHINA_TZ = timezone(timedelta(hours=8), name="CST")


def now() -> datetime:
    """The current time in China (timezone-aware)."""
    return datetime.now(CHINA_TZ)


def today() -> date:
    """Today's date in China, overridable with ``CIVIC_TODAY=YYYY-MM-DD``."""
    override = os.environ.get("CIVIC_TODAY", "").strip()
    return date.fromisoformat(override) if override else now().date()
