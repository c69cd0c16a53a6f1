"""Which days an office takes appointments, with what quota: pure rules, no I/O."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import lru_cache
from typing import Literal

from lunar_python import Lunar

from backend.marriage import messages
from backend.marriage.sample_data import ScheduleConfig, SpecialDayRule
from backend.window import BookingWindow
from civic.workdays import WorkdayCalendar

ClosedReason = Literal["holiday", "weekend", "outside_window", "not_workday"]


@dataclass(frozen=True)
class SpecialDay:
    """A popular day opened with its own per-slot quota."""

    name: str
    slot_capacity: int


@dataclass(frozen=True)
class DayInfo:
    """Whether a day is open for booking, and why not."""

    day: date
    open: bool
    closed_reason: ClosedReason | None
    message: str | None
    special_day: SpecialDay | None
    provisional: bool


@lru_cache(maxsize=256)
def _solar_of_lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def special_day_date(rule: SpecialDayRule, year: int) -> date | None:
    """The Gregorian date of ``rule`` in ``year`` (None if it has no such day that year)."""
    try:
        if rule.lunar:
            return _solar_of_lunar(year, rule.month, rule.day)
        return date(year, rule.month, rule.day)
    except ValueError:
        return None


class Schedule:
    """Open days, special days and the booking window for marriage appointments."""

    def __init__(self, config: ScheduleConfig, booking_days: int) -> None:
        self.config = config
        self.booking_days = booking_days
        self.calendar = WorkdayCalendar.with_days(
            holidays=config.extra_holidays.keys(), workdays=config.extra_workdays
        )

    @property
    def slot_times(self) -> tuple[tuple[str, str], ...]:
        """(start, end) of every slot of a day."""
        return self.config.slots

    def end_time(self, start: str) -> str | None:
        """The end of the slot starting at ``start`` (None when there is no such slot)."""
        return dict(self.config.slots).get(start)

    def window(self, today: date) -> BookingWindow:
        """Tomorrow .. today + booking_days."""
        return BookingWindow.ahead(today, self.booking_days)

    def special_day(self, day: date) -> SpecialDay | None:
        """The special day falling on ``day``, if any."""
        for rule in self.config.special_days:
            if special_day_date(rule, day.year) == day:
                return SpecialDay(rule.name, rule.slot_capacity)
        return None

    def holiday_name(self, day: date) -> str | None:
        """The public holiday on ``day`` (official, or configured beyond the official range)."""
        return self.config.extra_holidays.get(day) or self.calendar.holiday_name(day)

    def day_info(self, day: date, today: date) -> DayInfo:
        """Decide whether ``day`` is open for booking when asked on ``today``."""
        special = self.special_day(day)
        provisional = not self.calendar.is_official(day)
        window = self.window(today)

        def closed(reason: ClosedReason, message: str) -> DayInfo:
            return DayInfo(day, False, reason, message, special, provisional)

        if not window.contains(day):
            return closed("outside_window", messages.outside_window(window.first, window.last))
        if special is not None or self.calendar.is_workday(day):
            return DayInfo(day, True, None, None, special, provisional)
        holiday = self.holiday_name(day)
        if holiday:
            return closed("holiday", messages.closed_holiday(day, holiday))
        if day.weekday() >= 5:
            return closed("weekend", messages.closed_weekend(day))
        return closed("not_workday", messages.closed_not_workday(day))

    def slot_capacity(self, office_capacity: int, special: SpecialDay | None) -> int:
        """Seats per slot: the special day's quota on a special day, else the office's."""
        return special.slot_capacity if special is not None else office_capacity
