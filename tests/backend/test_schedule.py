"""Open days: chinese-calendar holidays and 调休, weekends, special days, provisional years."""

from __future__ import annotations

from datetime import date

import pytest

from backend.marriage.runtime import DEFAULT_DATA_FILE
from backend.marriage.sample_data import load_data_file
from backend.marriage.schedule import Schedule


@pytest.fixture
def schedule() -> Schedule:
    return Schedule(load_data_file(DEFAULT_DATA_FILE).schedule, 30)


@pytest.mark.parametrize(
    ("day", "today", "open_", "reason", "special", "provisional"),
    [
        (date(2026, 10, 1), date(2026, 9, 21), False, "holiday", None, False),
        (date(2026, 9, 25), date(2026, 9, 21), False, "holiday", None, False),  # 中秋节
        (date(2026, 10, 10), date(2026, 9, 21), True, None, None, False),  # Saturday 调休
        (date(2026, 11, 28), date(2026, 11, 23), False, "weekend", None, False),
        (date(2026, 11, 24), date(2026, 11, 23), True, None, None, False),
        (date(2026, 11, 23), date(2026, 11, 23), False, "outside_window", None, False),
        (date(2026, 5, 20), date(2026, 5, 10), True, None, "520", False),
        (date(2023, 5, 20), date(2023, 5, 10), True, None, "520", False),  # a Saturday
        (date(2024, 8, 10), date(2024, 8, 1), True, None, "七夕", False),  # 七夕 on a Saturday
        (date(2026, 8, 19), date(2026, 8, 1), True, None, "七夕", False),
        (date(2027, 1, 4), date(2026, 12, 20), True, None, None, True),
        (date(2027, 1, 1), date(2026, 12, 20), False, "holiday", None, True),
        (date(2027, 1, 9), date(2026, 12, 20), False, "weekend", None, True),
    ],
)
def test_day_info(schedule, day, today, open_, reason, special, provisional) -> None:
    info = schedule.day_info(day, today)
    assert info.open is open_
    assert info.closed_reason == reason
    assert (info.special_day.name if info.special_day else None) == special
    assert info.provisional is provisional
    assert (info.message is None) is open_


def test_closed_messages_name_the_holiday(schedule) -> None:
    assert "国庆节" in schedule.day_info(date(2026, 10, 1), date(2026, 9, 21)).message
    assert "元旦" in schedule.day_info(date(2027, 1, 1), date(2026, 12, 20)).message
    assert "周末" in schedule.day_info(date(2026, 11, 28), date(2026, 11, 23)).message


def test_window_is_tomorrow_to_thirty_days(schedule) -> None:
    window = schedule.window(date(2026, 11, 23))
    assert (window.first, window.last) == (date(2026, 11, 24), date(2026, 12, 23))
