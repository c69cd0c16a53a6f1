"""civic.workdays: open days from chinese-calendar, with a fallback beyond its years."""

from __future__ import annotations

from datetime import date

import pytest

from civic.workdays import WorkdayCalendar

CAL = WorkdayCalendar()


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (date(2026, 11, 23), True),  # a Monday
        (date(2026, 11, 28), False),  # Saturday
        (date(2026, 11, 29), False),  # Sunday
        (date(2026, 10, 1), False),  # National Day
        (date(2026, 10, 7), False),  # last day of the National Day holiday (Wednesday)
        (date(2026, 10, 8), True),  # back at work (Thursday)
        (date(2026, 10, 10), True),  # adjusted working Saturday (调休)
        (date(2026, 2, 17), False),  # Spring Festival
        (date(2026, 2, 14), True),  # adjusted working Saturday before Spring Festival
        (date(2026, 4, 6), False),  # Qingming holiday Monday
        (date(2026, 12, 25), True),  # no holiday in China
    ],
)
def test_official_calendar(day: date, open_: bool) -> None:
    assert CAL.is_workday(day) is open_
    assert CAL.is_official(day) is True


@pytest.mark.parametrize(
    ("day", "open_"),
    [
        (date(2027, 4, 5), True),  # 清明 2027 is a Monday: unknown holiday, weekday rule
        (date(2027, 3, 1), True),
        (date(2027, 3, 6), False),  # Saturday
        (date(2003, 1, 1), True),  # before the calendar's range: weekday rule too
    ],
)
def test_beyond_calendar_falls_back_without_crashing(day: date, open_: bool) -> None:
    assert CAL.is_workday(day) is open_
    assert CAL.is_official(day) is False
    assert CAL.holiday_name(day) is None


def test_operator_configured_days_beyond_calendar() -> None:
    cal = WorkdayCalendar.with_days(
        holidays=[date(2027, 4, 5), date(2027, 10, 1)], workdays=[date(2027, 2, 20)]
    )
    assert cal.is_workday(date(2027, 4, 5)) is False
    assert cal.is_workday(date(2027, 10, 1)) is False
    assert cal.is_workday(date(2027, 2, 20)) is True  # a Saturday made a working day
    assert cal.is_workday(date(2027, 4, 6)) is True


def test_configured_days_override_the_official_calendar() -> None:
    cal = WorkdayCalendar.with_days(holidays=[date(2026, 11, 23)], workdays=[date(2026, 11, 28)])
    assert cal.is_workday(date(2026, 11, 23)) is False
    assert cal.is_workday(date(2026, 11, 28)) is True


@pytest.mark.parametrize(
    ("day", "name"),
    [
        (date(2026, 1, 1), "元旦"),
        (date(2026, 2, 17), "春节"),
        (date(2026, 4, 5), "清明节"),
        (date(2026, 5, 1), "劳动节"),
        (date(2026, 6, 19), "端午节"),
        (date(2026, 9, 25), "中秋节"),
        (date(2026, 10, 3), "国庆节"),
        (date(2026, 11, 29), None),  # an ordinary Sunday
        (date(2026, 11, 23), None),  # an ordinary Monday
        (date(2026, 10, 10), None),  # an adjusted working day is no holiday
    ],
)
def test_holiday_name(day: date, name: str | None) -> None:
    assert CAL.holiday_name(day) == name
