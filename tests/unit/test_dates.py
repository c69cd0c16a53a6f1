"""civic.dates: Chinese day expressions resolved against a fixed ``today``."""

from __future__ import annotations

import time
from datetime import date, datetime

import pytest
from lunar_python import Lunar, Solar

from civic.dates import DateParseError, ParsedDay, find_day, format_day, parse_day, weekday_zh

MONDAY = date(2026, 11, 23)  # the project's "today": a Monday
SATURDAY = date(2026, 11, 28)
AFTER_CALENDAR = date(2027, 3, 1)  # beyond chinese-calendar 1.11.0's years


def _lunar(year: int, month: int, day: int) -> date:
    solar = Lunar.fromYmd(year, month, day).getSolar()
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def _error(text: str, today: date = MONDAY) -> str:
    with pytest.raises(DateParseError) as info:
        parse_day(text, today)
    return info.value.code


# --------------------------------------------------------------------------- relative days


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("今天", date(2026, 11, 23)),
        ("今日", date(2026, 11, 23)),
        ("明天", date(2026, 11, 24)),
        ("明日", date(2026, 11, 24)),
        ("后天", date(2026, 11, 25)),
        ("大后天", date(2026, 11, 26)),
        ("两天后", date(2026, 11, 25)),
        ("三天以后", date(2026, 11, 26)),
        ("2个星期后", date(2026, 12, 7)),
    ],
)
def test_relative_days(text: str, expected: date) -> None:
    assert parse_day(text, MONDAY).day == expected


def test_relative_day_across_new_year_is_not_a_roll_forward() -> None:
    parsed = parse_day("明天", date(2026, 12, 31))
    assert parsed.day == date(2027, 1, 1)
    assert parsed.rolled_forward is False


@pytest.mark.parametrize("text", ["昨天", "前天", "大前天"])
def test_days_before_today_are_past(text: str) -> None:
    assert _error(text) == "past"


# --------------------------------------------------------------------------- weekdays


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下周三", date(2026, 12, 2)),
        ("下星期五", date(2026, 12, 4)),
        ("下个礼拜一", date(2026, 11, 30)),
        ("下周日", date(2026, 12, 6)),
        ("下周天", date(2026, 12, 6)),
        ("下周3", date(2026, 12, 2)),
        ("下下周一", date(2026, 12, 7)),
        ("下下个星期三", date(2026, 12, 9)),
        ("这周五", date(2026, 11, 27)),
        ("本周五", date(2026, 11, 27)),
        ("这个星期天", date(2026, 11, 29)),
        ("本周一", date(2026, 11, 23)),  # today itself: the caller decides
    ],
)
def test_weekdays_relative_to_monday(text: str, expected: date) -> None:
    assert parse_day(text, MONDAY).day == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("周一", date(2026, 11, 30)),  # said on a Monday: strictly after today
        ("周二", date(2026, 11, 24)),
        ("星期三", date(2026, 11, 25)),
        ("礼拜天", date(2026, 11, 29)),
        ("周日", date(2026, 11, 29)),
    ],
)
def test_bare_weekday_is_next_occurrence_after_today(text: str, expected: date) -> None:
    assert parse_day(text, MONDAY).day == expected


def test_this_friday_said_on_saturday_is_past() -> None:
    assert _error("这周五", SATURDAY) == "past"
    assert parse_day("这周日", SATURDAY).day == date(2026, 11, 29)
    assert parse_day("周五", SATURDAY).day == date(2026, 12, 4)
    # 下周三 on a Sunday is three days ahead: weeks start on Monday.
    assert parse_day("下周三", date(2026, 11, 29)).day == date(2026, 12, 2)


def test_last_week_is_past() -> None:
    assert _error("上周三") == "past"


# --------------------------------------------------------------------------- solar dates


@pytest.mark.parametrize(
    "text",
    [
        "12月1号",
        "12月1日",
        "12.1",
        "12/1",
        "十二月一号",
        "１２月１号",
        "12 月 1 号",
        "12月1",
        "2026年12月1日",
        "2026-12-01",
        "2026/12/1",
        "20261201",
    ],
)
def test_first_of_december(text: str) -> None:
    assert parse_day(text, MONDAY).day == date(2026, 12, 1)


@pytest.mark.parametrize(
    "text", ["2026-12-08", "2026年12月8日", "二〇二六年十二月八日", "十二月八号", "2026.12.08"]
)
def test_eighth_of_december(text: str) -> None:
    parsed = parse_day(text, MONDAY)
    assert parsed.day == date(2026, 12, 8)
    assert parsed.rolled_forward is False


@pytest.mark.parametrize("text", ["5月20号", "五月二十日", "5/20"])
def test_passed_month_day_rolls_to_next_year(text: str) -> None:
    parsed = parse_day(text, MONDAY)
    assert parsed.day == date(2027, 5, 20)
    assert parsed.rolled_forward is True
    assert parsed.festival is None


@pytest.mark.parametrize("text", ["520", "5.20", "我想520那天领证", "就520吧"])
def test_520_is_next_may_20th(text: str) -> None:
    parsed = parse_day(text, MONDAY)
    assert parsed.day == date(2027, 5, 20)
    assert parsed.rolled_forward is True
    assert parsed.festival == "520"


def test_520_before_may_stays_in_this_year() -> None:
    parsed = parse_day("520", date(2027, 3, 1))
    assert parsed.day == date(2027, 5, 20)
    assert parsed.rolled_forward is False


@pytest.mark.parametrize(
    ("text", "expected"),
    [("0520", date(2027, 5, 20)), ("1201", date(2026, 12, 1)), ("101", date(2027, 10, 1))],
)
def test_bare_month_day_digits(text: str, expected: date) -> None:
    assert parse_day(text, MONDAY).day == expected


@pytest.mark.parametrize("text", ["1314", "121", "2027", "999", "12345"])
def test_numbers_that_are_not_days(text: str) -> None:
    # 1314 (13月), 121 (1月21日 or 12月1日?), 2027 (a year) are not one day.
    assert _error(text) == "not_a_date"


def test_bare_digits_inside_other_text_are_not_days() -> None:
    assert find_day("我家房号1201", MONDAY) is None
    assert find_day("身份证110105194912310020", MONDAY) is None
    assert find_day("电话13812345678", MONDAY) is None


@pytest.mark.parametrize("text", ["2025年3月1日", "2026-11-22", "去年12月1日", "今年3月1日"])
def test_explicit_year_in_the_past(text: str) -> None:
    assert _error(text) == "past"


@pytest.mark.parametrize("text", ["2029年1月1日", "2030-05-20"])
def test_more_than_two_years_ahead(text: str) -> None:
    assert _error(text) == "too_far"


def test_next_year_prefix() -> None:
    parsed = parse_day("明年3月1日", MONDAY)
    assert parsed.day == date(2027, 3, 1)
    assert parsed.rolled_forward is False


@pytest.mark.parametrize("text", ["2月30日", "13月1号", "2026-02-30", "4月31号"])
def test_impossible_days(text: str) -> None:
    assert _error(text) == "not_a_date"


def test_feb_29_waits_for_a_leap_year() -> None:
    assert parse_day("2月29日", MONDAY).day == date(2028, 2, 29)


# --------------------------------------------------------------------------- day of month


@pytest.mark.parametrize(
    ("text", "today", "expected"),
    [
        ("3号", MONDAY, date(2026, 12, 3)),  # 11月3日 has gone: next month
        ("三号", MONDAY, date(2026, 12, 3)),
        ("25号", MONDAY, date(2026, 11, 25)),  # still ahead this month
        ("23号", MONDAY, date(2026, 11, 23)),  # today
        ("31号", MONDAY, date(2026, 12, 31)),  # November has no 31st
        ("下个月3号", MONDAY, date(2026, 12, 3)),
        ("下月十五号", MONDAY, date(2026, 12, 15)),
        ("这个月28号", MONDAY, date(2026, 11, 28)),
        ("3号", date(2026, 12, 23), date(2027, 1, 3)),
    ],
)
def test_day_of_month(text: str, today: date, expected: date) -> None:
    assert parse_day(text, today).day == expected


def test_day_of_month_rolling_into_next_year_is_flagged() -> None:
    assert parse_day("3号", date(2026, 12, 23)).rolled_forward is True
    assert parse_day("3号", MONDAY).rolled_forward is False


def test_this_month_day_gone_is_past() -> None:
    assert _error("这个月15号") == "past"


def test_numbered_places_are_not_days() -> None:
    assert find_day("去3号楼", MONDAY) is None
    assert find_day("3号窗口", MONDAY) is None


# ------------------------------------------------------------------ lunar dates, festivals


def test_qixi_is_lunar_7_7_next_year() -> None:
    parsed = parse_day("七夕", MONDAY)
    assert parsed.day == date(2027, 8, 8) == _lunar(2027, 7, 7)
    assert parsed.festival == "七夕"
    assert parsed.rolled_forward is True


@pytest.mark.parametrize("text", ["重阳", "重阳节", "重陽節"])
def test_chongyang_is_lunar_9_9(text: str) -> None:
    parsed = parse_day(text, MONDAY)
    assert parsed.day == date(2027, 10, 8) == _lunar(2027, 9, 9)
    assert parsed.festival == "重阳节"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("农历九月初九", date(2027, 10, 8)),
        ("農曆九月初九", date(2027, 10, 8)),
        ("阴历9月9", date(2027, 10, 8)),
        ("九月初九", date(2027, 10, 8)),
        ("农历七月初七", date(2027, 8, 8)),
        ("正月十五", date(2027, 2, 20)),
    ],
)
def test_lunar_dates(text: str, expected: date) -> None:
    parsed = parse_day(text, MONDAY)
    assert parsed.day == expected
    assert parsed.festival is None


def test_lunar_day_later_in_this_lunar_year_is_not_rolled() -> None:
    # 腊月二十三 of lunar year 2026 falls in January 2027: same lunar year, no roll.
    parsed = parse_day("腊月二十三", MONDAY)
    assert parsed.day == _lunar(2026, 12, 23) == date(2027, 1, 30)
    assert parsed.rolled_forward is False


@pytest.mark.parametrize("text", ["清明", "清明节", "明年清明"])
def test_qingming_is_next_years_solar_term(text: str) -> None:
    parsed = parse_day(text, MONDAY)
    assert parsed.day == date(2027, 4, 5)
    assert parsed.festival == "清明节"
    table = Solar.fromYmd(2027, 6, 1).getLunar().getJieQiTable()
    assert table["清明"].toYmd() == "2027-04-05"


def test_dongzhi_still_ahead_this_year() -> None:
    parsed = parse_day("冬至", MONDAY)
    assert parsed.day == date(2026, 12, 22)
    assert parsed.festival == "冬至"
    assert parsed.rolled_forward is False
    assert parse_day("冬至", date(2026, 12, 23)).day == date(2027, 12, 22)


@pytest.mark.parametrize(
    ("text", "expected", "festival"),
    [
        ("中秋", date(2027, 9, 15), "中秋节"),
        ("中秋节", date(2027, 9, 15), "中秋节"),
        ("春节", date(2027, 2, 6), "春节"),
        ("除夕", date(2027, 2, 5), "除夕"),
        ("元旦", date(2027, 1, 1), "元旦"),
        ("端午", date(2027, 6, 9), "端午节"),
        ("国庆节", date(2027, 10, 1), "国庆节"),
        ("情人节", date(2027, 2, 14), "情人节"),
        ("寒衣节", _lunar(2027, 10, 1), "寒衣节"),
        ("2027年七夕", date(2027, 8, 8), "七夕"),
    ],
)
def test_festivals(text: str, expected: date, festival: str) -> None:
    parsed = parse_day(text, MONDAY)
    assert parsed.day == expected
    assert parsed.festival == festival


def test_chinese_new_years_eve_this_lunar_year_is_not_rolled() -> None:
    assert parse_day("除夕", MONDAY).rolled_forward is False
    assert parse_day("春节", MONDAY).rolled_forward is True


def test_festival_on_its_own_day_is_today() -> None:
    assert parse_day("冬至", date(2026, 12, 22)).day == date(2026, 12, 22)
    assert parse_day("七夕", date(2027, 8, 8)).day == date(2027, 8, 8)


# --------------------------------------------------------------------------- periods


@pytest.mark.parametrize(
    "text",
    [
        "下周",
        "下个星期",
        "这周",
        "周末",
        "下周末",
        "下个月",
        "月底",
        "月初",
        "12月份",
        "12月",
        "下旬",
        "明年",
        "年底",
        "过几天",
        "12月1号到3号",
        "下周一到周三",
        "12/1-12/3",
    ],
)
def test_periods_are_ranges(text: str) -> None:
    assert _error(text) == "range"


# --------------------------------------------------------------------------- inside messages


@pytest.mark.parametrize(
    ("text", "expected", "matched"),
    [
        ("我想约下周三上午去南山", date(2026, 12, 2), "下周三"),
        ("明天上午", date(2026, 11, 24), "明天"),
        ("下周三下午3点可以吗", date(2026, 12, 2), "下周三"),
        ("日期改成下周四", date(2026, 12, 3), "下周四"),
        ("把明天改到后天", date(2026, 11, 25), "后天"),
        ("明天不行，后天吧", date(2026, 11, 25), "后天"),
        ("不是明天，是大后天", date(2026, 11, 26), "大后天"),
        ("我想清明节去扫墓", date(2027, 4, 5), "清明节"),
        ("我们想在520那天领证", date(2027, 5, 20), "520"),
        ("想约在12.1", date(2026, 12, 1), "12.1"),
        ("我想預約下週三", date(2026, 12, 2), "下周三"),
    ],
)
def test_find_day_in_messages(text: str, expected: date, matched: str) -> None:
    parsed = find_day(text, MONDAY)
    assert parsed is not None
    assert parsed.day == expected
    assert parsed.matched == matched


@pytest.mark.parametrize(
    "text",
    ["我想预约结婚登记", "三个人", "月收入2.5万", "上午", "下午3点", "你好", "下周", "昨天"],
)
def test_find_day_none_without_a_usable_day(text: str) -> None:
    assert find_day(text, MONDAY) is None


def test_jionlp_fallback_resolves_what_the_rules_do_not_know() -> None:
    parsed = parse_day("12月第一个周一", MONDAY)
    assert parsed.day == date(2026, 12, 7)


# --------------------------------------------------------------------------- bad input


@pytest.mark.parametrize("text", ["", "   ", "\n\t"])
def test_empty(text: str) -> None:
    assert _error(text) == "empty"


@pytest.mark.parametrize(
    "text",
    [
        "asdf",
        "😀",
        "<script>alert(1)</script>",
        "'; DROP TABLE booking; --",
        "？？？",
        "null",
        "1",
        "十",
        "五一",  # bare 五一/十一 are left out: they are also plain numbers
    ],
)
def test_garbage_is_not_a_date(text: str) -> None:
    assert _error(text) == "not_a_date"


def test_datetime_today_is_accepted() -> None:
    assert parse_day("明天", datetime(2026, 11, 23, 23, 59)).day == date(2026, 11, 24)


def test_non_string_is_empty() -> None:
    assert _error(None) == "empty"  # type: ignore[arg-type]


def test_very_long_input_is_rejected_quickly() -> None:
    started = time.perf_counter()
    assert _error("啊" * 5000) == "not_a_date"
    assert _error("x" * 5000) == "not_a_date"
    assert _error("下" * 5000) == "not_a_date"
    assert time.perf_counter() - started < 2.0  # generous: the first call may load jionlp


def test_long_message_with_a_day_near_the_start() -> None:
    assert find_day("我想下周三去" + "啊" * 5000, MONDAY) is not None


def test_error_carries_the_expression() -> None:
    with pytest.raises(DateParseError) as info:
        parse_day("我想约上周三", MONDAY)
    assert info.value.matched == "上周三"
    assert isinstance(info.value, ValueError)


# ------------------------------------------------------------- years beyond the calendar


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("明天", date(2027, 3, 2)),
        ("下周三", date(2027, 3, 10)),
        ("清明", date(2027, 4, 5)),
        ("七夕", date(2027, 8, 8)),
        ("重阳", date(2027, 10, 8)),
        ("冬至", date(2027, 12, 22)),
        ("春节", date(2028, 1, 26)),
        ("520", date(2027, 5, 20)),
        ("12月1号", date(2027, 12, 1)),
        ("3号", date(2027, 3, 3)),
    ],
)
def test_today_beyond_chinese_calendar_years(text: str, expected: date) -> None:
    assert parse_day(text, AFTER_CALENDAR).day == expected


def test_everything_parses_without_crashing_in_2027() -> None:
    phrases = ["今天", "周一", "下周", "元旦", "除夕", "农历九月初九", "2027-02-28", "1314", ""]
    for phrase in phrases:
        result = find_day(phrase, AFTER_CALENDAR)
        assert result is None or isinstance(result, ParsedDay)


# --------------------------------------------------------------------------- formatting


def test_format_day() -> None:
    assert format_day(date(2026, 11, 24)) == "2026年11月24日（星期二）"
    assert format_day(date(2026, 11, 29)) == "2026年11月29日（星期日）"


def test_weekday_zh() -> None:
    assert weekday_zh(date(2026, 11, 23)) == "星期一"
    assert weekday_zh(date(2026, 12, 2)) == "星期三"
