"""Working days: chinese-calendar where it knows the year, weekdays plus configured holidays after.

chinese-calendar only covers the years it was released for (1.11.0: 2004–2026) and raises
``NotImplementedError`` beyond them; a booking for next year's 清明 must not crash, so those
days fall back to Monday–Friday minus holidays configured by the operator, and are flagged
as provisional so the citizen can be told the calendar may still change.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date

import chinese_calendar


@dataclass(frozen=True)
class WorkdayCalendar:
    """Decides whether a government office works on a day.

    Attributes:
        extra_holidays: closed days known beyond chinese-calendar's range.
        extra_workdays: adjusted working days (调休) known beyond its range.
    """

    extra_holidays: frozenset[date] = field(default_factory=frozenset)
    extra_workdays: frozenset[date] = field(default_factory=frozenset)

    @classmethod
    def with_days(
        cls, holidays: Iterable[date] = (), workdays: Iterable[date] = ()
    ) -> WorkdayCalendar:
        """Build a calendar with operator-configured holidays and adjusted workdays."""
        return cls(frozenset(holidays), frozenset(workdays))

    def is_official(self, day: date) -> bool:
        """True when chinese-calendar has the State Council's schedule for ``day``'s year."""
        try:
            chinese_calendar.is_workday(day)
        except NotImplementedError:
            return False
        return True

    def is_workday(self, day: date) -> bool:
        """True when offices are open for ordinary business on ``day``."""
        if day in self.extra_holidays:
            return False
        if day in self.extra_workdays:
            return True
        try:
            return bool(chinese_calendar.is_workday(day))
        except NotImplementedError:
            return day.weekday() < 5

    def holiday_name(self, day: date) -> str | None:
        """The public holiday's Chinese name when ``day`` is one, as far as known."""
        names = {
            "New Year's Day": "元旦",
            "Spring Festival": "春节",
            "Tomb-sweeping Day": "清明节",
            "Labour Day": "劳动节",
            "Dragon Boat Festival": "端午节",
            "National Day": "国庆节",
            "Mid-autumn Festival": "中秋节",
        }
        try:
            on_holiday, name = chinese_calendar.get_holiday_detail(day)
        except NotImplementedError:
            return None
        if not on_holiday or name is None:
            return None
        return names.get(name, name)
