"""civic.timeofday: time-of-day preferences and one-hour slot picking."""

from __future__ import annotations

from datetime import time

import pytest

from civic.timeofday import TimePreference, parse_time_preference, pick_slot

SLOTS = ["09:00", "10:00", "11:00", "14:00", "15:00", "16:00"]


@pytest.mark.parametrize(
    ("text", "period", "clock"),
    [
        ("上午", "morning", None),
        ("早上", "morning", None),
        ("早点", "morning", None),
        ("能早一点吗", "morning", None),
        ("下午", "afternoon", None),
        ("晚一点", "afternoon", None),
        ("上午九点", "morning", time(9, 0)),
        ("9点", "morning", time(9, 0)),
        ("九点半", "morning", time(9, 30)),
        ("十点", "morning", time(10, 0)),
        ("十点一刻", "morning", time(10, 15)),
        ("10点15分", "morning", time(10, 15)),
        ("九点零五", "morning", time(9, 5)),
        ("下午两点", "afternoon", time(14, 0)),
        ("下午3点", "afternoon", time(15, 0)),
        ("2点", "afternoon", time(14, 0)),  # offices are closed at 2 am
        ("两点", "afternoon", time(14, 0)),
        ("一点", "afternoon", time(13, 0)),
        ("三点钟", "afternoon", time(15, 0)),
        ("8点", "morning", time(8, 0)),
        ("14:00", "afternoon", time(14, 0)),
        ("14：00", "afternoon", time(14, 0)),  # full-width colon
        ("14:30", "afternoon", time(14, 30)),
        ("9:00-10:00", "morning", time(9, 0)),
        ("9点到10点", "morning", time(9, 0)),
        ("09:00", "morning", time(9, 0)),
        ("下周三下午3点可以吗", "afternoon", time(15, 0)),
        ("我想约下周三上午去南山", "morning", None),
        ("下午兩點", "afternoon", time(14, 0)),  # traditional characters
        ("中午12点半", "afternoon", time(12, 30)),
        ("中午1点", "afternoon", time(13, 0)),
        ("凌晨2点", "morning", time(2, 0)),
    ],
)
def test_parse_time_preference(text: str, period: str | None, clock: time | None) -> None:
    assert parse_time_preference(text) == TimePreference(period, clock)  # type: ignore[arg-type]


def test_noon_and_evening_are_clock_times_without_period() -> None:
    assert parse_time_preference("中午") == TimePreference(None, time(12, 0))
    assert parse_time_preference("晚上") == TimePreference(None, time(18, 0))
    assert parse_time_preference("晚上7点") == TimePreference(None, time(19, 0))


@pytest.mark.parametrize(
    "text",
    ["", "明天", "abc", "三个人", "地点在南山", "两个小时", "一点点", "12.1", "25:00", None],
)
def test_no_time_of_day(text: str) -> None:
    assert parse_time_preference(text) is None  # type: ignore[arg-type]


def test_long_input_is_fine() -> None:
    assert parse_time_preference("啊" * 5000) is None
    assert parse_time_preference("上午" + "啊" * 5000) == TimePreference("morning", None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("上午", "09:00"),
        ("下午", "14:00"),
        ("九点半", "09:00"),  # 09:00-10:00 contains 09:30
        ("十点", "10:00"),
        ("2点", "14:00"),
        ("下午3点", "15:00"),
        ("14:30", "14:00"),
        ("16:59", "16:00"),
        ("9:00-10:00", "09:00"),
    ],
)
def test_pick_slot(text: str, expected: str) -> None:
    pref = parse_time_preference(text)
    assert pref is not None
    assert pick_slot(pref, SLOTS) == expected


@pytest.mark.parametrize("text", ["中午", "12点", "晚上", "8点", "17点", "晚上7点"])
def test_pick_slot_nothing_fits(text: str) -> None:
    pref = parse_time_preference(text)
    assert pref is not None
    assert pick_slot(pref, SLOTS) is None


def test_pick_slot_unordered_and_odd_labels() -> None:
    starts = ["15:00", "bad", "9:00", "14:00", "25:00", ""]
    assert pick_slot(TimePreference("afternoon", None), starts) == "14:00"
    assert pick_slot(TimePreference("morning", None), starts) == "9:00"
    assert pick_slot(TimePreference(None, time(9, 45)), starts) == "9:00"


def test_pick_slot_empty_cases() -> None:
    assert pick_slot(TimePreference("morning", None), []) is None
    assert pick_slot(TimePreference("morning", None), ["14:00", "15:00"]) is None
    assert pick_slot(TimePreference(None, None), SLOTS) is None
