"""The one clock every rule takes "today" from (China Standard Time, UTC+8, no DST)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol

from civic.clock import CHINA_TZ


class Clock(Protocol):
    """Source of the current date and time."""

    def today(self) -> date:
        """The current date in China."""
        ...

    def now(self) -> datetime:
        """The current time in China (timezone-aware)."""
        ...


class SystemClock:
    """The real clock."""

    def today(self) -> date:
        """The current date in China."""
        return self.now().date()

    def now(self) -> datetime:
        """The current time in China."""
        return datetime.now(CHINA_TZ)


@dataclass(frozen=True)
class FixedDateClock:
    """A clock pinned to one date (``CIVIC_TODAY``); the time of day still runs."""

    day: date

    def today(self) -> date:
        """The pinned date."""
        return self.day

    def now(self) -> datetime:
        """The pinned date at the real time of day."""
        return datetime.combine(self.day, datetime.now(CHINA_TZ).timetz())


def as_china_time(value: datetime) -> datetime:
    """A stored timestamp in China time (SQLite returns them naive, already in China time)."""
    return value.replace(tzinfo=CHINA_TZ) if value.tzinfo is None else value.astimezone(CHINA_TZ)


def clock_for(today: date | None) -> Clock:
    """A fixed-date clock when ``today`` is given, else the system clock."""
    return FixedDateClock(today) if today is not None else SystemClock()
