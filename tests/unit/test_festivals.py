"""civic.festivals: 清明, 重阳, 冬至, 春节 and the tomb-sweeping peak periods around them.

Expected days come from published calendars, written out by hand, and are cross-checked
against chinese-calendar (its State Council holiday tables for 2024-2026, and its own
solar-term formula, which is independent of lunar-python's astronomy).
"""

from __future__ import annotations

from datetime import date, datetime

import chinese_calendar
import pytest

from civic.dates import DateParseError, find_day, parse_day
from civic.festivals import (
    ANCHORS,
    MAX_WINDOW_DAYS,
    PeakPeriod,
    PeakRule,
    anchor_day,
    lunar_to_solar,
    lunar_year_of,
    peak_on,
    peak_period,
    solar_term_day,
)

QINGMING = {
    2024: date(2024, 4, 4),
    2025: date(2025, 4, 4),
    2026: date(2026, 4, 5),
    2027: date(2027, 4, 5),
    2028: date(2028, 4, 4),
    2029: date(2029, 4, 4),
    2030: date(2030, 4, 5),
}
CHONGYANG = {2024: date(2024, 10, 11), 2025: date(2025, 10, 29), 2026: date(2026, 10, 18)}
CHONGYANG[2027] = date(2027, 10, 8)
DONGZHI = {2024: date(2024, 12, 21), 2025: date(2025, 12, 21), 2026: date(2026, 12, 22)}
CHUNJIE = {
    2024: date(2024, 2, 10),
    2025: date(2025, 1, 29),
    2026: date(2026, 2, 17),
    2027: date(2027, 2, 6),
    2028: date(2028, 1, 26),
}

QINGMING_PEAK = PeakRule("清明祭扫高峰", "qingming", 7, 7)


# --------------------------------------------------------------------------- festival days


@pytest.mark.parametrize(("year", "expected"), sorted(QINGMING.items()))
def test_qingming(year: int, expected: date) -> None:
    assert anchor_day("qingming", year) == expected
    assert solar_term_day(year, "清明") == expected


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_qingming_lies_in_the_official_tomb_sweeping_holiday(year: int) -> None:
    on_holiday, name = chinese_calendar.get_holiday_detail(anchor_day("qingming", year))
    assert on_holiday is True
    assert name == "Tomb-sweeping Day"


@pytest.mark.parametrize(("year", "expected"), sorted(CHONGYANG.items()))
def test_chongyang_is_lunar_9_9(year: int, expected: date) -> None:
    assert anchor_day("chongyang", year) == expected
    assert lunar_to_solar(year, 9, 9) == expected


@pytest.mark.parametrize(("year", "expected"), sorted(DONGZHI.items()))
def test_dongzhi(year: int, expected: date) -> None:
    assert anchor_day("dongzhi", year) == expected
    assert solar_term_day(year, "冬至") == expected


@pytest.mark.parametrize(("year", "expected"), sorted(CHUNJIE.items()))
def test_chunjie_is_lunar_new_year(year: int, expected: date) -> None:
    assert anchor_day("chunjie", year) == expected
    assert lunar_to_solar(year, 1, 1) == expected


@pytest.mark.parametrize("year", [2024, 2025, 2026])
def test_chunjie_lies_in_the_official_spring_festival_holiday(year: int) -> None:
    on_holiday, name = chinese_calendar.get_holiday_detail(anchor_day("chunjie", year))
    assert on_holiday is True
    assert name == "Spring Festival"


@pytest.mark.parametrize("year", range(2024, 2061))
def test_all_solar_terms_agree_with_chinese_calendars_formula(year: int) -> None:
    reference = chinese_calendar.get_solar_terms(date(year, 1, 1), date(year, 12, 31))
    assert len(reference) == 24
    for day, name in reference:
        assert solar_term_day(year, name) == day, name


def test_2040_is_beyond_the_holiday_tables_but_still_computed() -> None:
    with pytest.raises(NotImplementedError):
        chinese_calendar.is_workday(date(2040, 4, 4))
    assert anchor_day("qingming", 2040) == date(2040, 4, 4)
    assert anchor_day("dongzhi", 2040) == date(2040, 12, 21)
    assert anchor_day("chunjie", 2040) == date(2040, 2, 12)
    assert date(2040, 10, 1) <= anchor_day("chongyang", 2040) <= date(2040, 11, 30)
    period = peak_period(QINGMING_PEAK, 2040)
    assert (period.start, period.end) == (date(2040, 3, 28), date(2040, 4, 11))


def test_every_anchor_falls_in_its_own_year_for_a_century() -> None:
    for year in range(2000, 2100):
        for anchor in ANCHORS:
            assert anchor_day(anchor, year).year == year, (anchor, year)


# --------------------------------------------------------------------------- calendar helpers


def test_lunar_month_without_a_30th() -> None:
    # Lunar 2025 month 2 ran from 28 Feb to 28 Mar 2025; month 3 began at the new moon of
    # 29 Mar 2025 (the day of that year's partial solar eclipse).
    assert lunar_to_solar(2025, 2, 29) == date(2025, 3, 28)
    assert lunar_to_solar(2025, 2, 30) is None
    assert lunar_to_solar(2025, 3, 1) == date(2025, 3, 29)


def test_day_zero_is_the_last_day_of_the_lunar_month() -> None:
    assert lunar_to_solar(2026, 12, 0) == date(2027, 2, 5)  # 除夕, the eve of 春节 2027


def test_lunar_year_starts_on_chunjie() -> None:
    assert lunar_year_of(date(2026, 2, 16)) == 2025
    assert lunar_year_of(date(2026, 2, 17)) == 2026


@pytest.mark.parametrize(
    "call",
    [
        lambda: solar_term_day(2026, "清明节"),
        lambda: solar_term_day(2026, "qingming"),
        lambda: solar_term_day(1800, "清明"),
        lambda: solar_term_day(3000, "清明"),
        lambda: lunar_to_solar(2026, 13, 1),
        lambda: lunar_to_solar(2026, 1, 31),
        lambda: lunar_to_solar(0, 1, 1),
        lambda: lunar_year_of(date(1, 1, 1)),
        lambda: anchor_day("zhongqiu", 2026),  # type: ignore[arg-type]
        lambda: anchor_day("qingming", 9999),
    ],
)
def test_bad_calendar_arguments_raise_value_error(call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(ValueError):
        call()


# --------------------------------------------------------------------------- peak periods


def test_qingming_peak_period_2026() -> None:
    assert peak_period(QINGMING_PEAK, 2026) == PeakPeriod(
        name="清明祭扫高峰",
        anchor_day=date(2026, 4, 5),
        start=date(2026, 3, 29),
        end=date(2026, 4, 12),
    )


@pytest.mark.parametrize(
    ("day", "inside"),
    [
        (date(2026, 3, 28), False),
        (date(2026, 3, 29), True),
        (date(2026, 4, 5), True),
        (date(2026, 4, 12), True),
        (date(2026, 4, 13), False),
    ],
)
def test_peak_period_includes_both_ends(day: date, inside: bool) -> None:
    found = peak_on(day, [QINGMING_PEAK])
    assert (found is not None) is inside
    if inside:
        assert found is not None and found.anchor_day == date(2026, 4, 5)


def test_zero_window_is_the_festival_day_only() -> None:
    rule = PeakRule("冬至当天", "dongzhi", 0, 0)
    assert peak_on(date(2026, 12, 21), [rule]) is None
    assert peak_on(date(2026, 12, 22), [rule]) == PeakPeriod(
        "冬至当天", date(2026, 12, 22), date(2026, 12, 22), date(2026, 12, 22)
    )
    assert peak_on(date(2026, 12, 23), [rule]) is None


def test_dongzhi_window_running_into_january_belongs_to_last_years_dongzhi() -> None:
    rule = PeakRule("冬至祭扫", "dongzhi", 3, 14)  # 冬至 2026 is 22 Dec: 19 Dec - 5 Jan
    found = peak_on(date(2027, 1, 5), [rule])
    assert found is not None
    assert found.anchor_day == date(2026, 12, 22)
    assert (found.start, found.end) == (date(2026, 12, 19), date(2027, 1, 5))
    assert peak_on(date(2027, 1, 6), [rule]) is None


def test_chunjie_window_starting_in_december_belongs_to_next_years_chunjie() -> None:
    rule = PeakRule("春节祭扫", "chunjie", 30, 7)  # 春节 2028 is 26 Jan: 27 Dec 2027 - 2 Feb
    found = peak_on(date(2027, 12, 27), [rule])
    assert found is not None
    assert found.anchor_day == date(2028, 1, 26)
    assert found.end == date(2028, 2, 2)
    assert peak_on(date(2027, 12, 26), [rule]) is None


def test_chunjie_window_starting_in_late_january() -> None:
    rule = PeakRule("春节祭扫", "chunjie", 10, 5)  # 春节 2025 is 29 Jan: 19 Jan - 3 Feb
    assert peak_on(date(2025, 1, 18), [rule]) is None
    found = peak_on(date(2025, 1, 19), [rule])
    assert found is not None and found.anchor_day == date(2025, 1, 29)
    assert peak_on(date(2025, 2, 3), [rule]) is not None
    assert peak_on(date(2025, 2, 4), [rule]) is None


def test_first_matching_rule_wins_when_periods_overlap() -> None:
    dongzhi = PeakRule("冬至", "dongzhi", 0, 60)  # 22 Dec 2026 - 20 Feb 2027
    chunjie = PeakRule("春节", "chunjie", 30, 0)  # 7 Jan - 6 Feb 2027
    day = date(2027, 1, 10)
    assert peak_on(day, [dongzhi, chunjie]).name == "冬至"  # type: ignore[union-attr]
    assert peak_on(day, [chunjie, dongzhi]).name == "春节"  # type: ignore[union-attr]


def test_ordinary_days_are_not_peaks() -> None:
    rules = [QINGMING_PEAK, PeakRule("重阳", "chongyang", 3, 3), PeakRule("冬至", "dongzhi", 3, 3)]
    assert peak_on(date(2026, 7, 1), rules) is None
    assert peak_on(date(2026, 4, 5), []) is None
    chongyang = peak_on(date(2026, 10, 21), rules)
    assert chongyang is not None and chongyang.name == "重阳"


def test_peak_on_accepts_a_generator_and_a_datetime() -> None:
    found = peak_on(datetime(2026, 4, 1, 9, 30), (rule for rule in [QINGMING_PEAK]))
    assert found is not None and found.anchor_day == date(2026, 4, 5)
    assert datetime(2026, 4, 12, 23, 59) in found
    assert date(2026, 4, 13) not in found


@pytest.mark.parametrize(
    "kwargs",
    [
        {"days_before": -1},
        {"days_after": -3},
        {"days_before": MAX_WINDOW_DAYS + 1},
        {"days_before": 1.5},
        {"days_after": True},
        {"days_before": "7"},
        {"anchor": "zhongqiu"},
        {"anchor": "清明"},
        {"name": ""},
        {"name": "   "},
    ],
)
def test_invalid_rules_raise_value_error(kwargs: dict[str, object]) -> None:
    config: dict[str, object] = {
        "name": "清明", "anchor": "qingming", "days_before": 7, "days_after": 7, **kwargs
    }  # fmt: skip
    with pytest.raises(ValueError):
        PeakRule(**config)  # type: ignore[arg-type]


def test_largest_window_is_accepted() -> None:
    rule = PeakRule("春节前后", "chunjie", MAX_WINDOW_DAYS, MAX_WINDOW_DAYS)
    period = peak_period(rule, 2026)
    assert (period.end - period.start).days == 2 * MAX_WINDOW_DAYS


def test_peak_on_a_day_outside_the_supported_years_raises() -> None:
    with pytest.raises(ValueError):
        peak_on(date(1800, 4, 5), [QINGMING_PEAK])


# ------------------------------------------------- civic.dates through the shared helpers


def test_dates_festivals_match_the_shared_calendar() -> None:
    today = date(2026, 11, 23)
    assert parse_day("清明", today).day == QINGMING[2027]
    assert parse_day("冬至", today).day == DONGZHI[2026]
    assert parse_day("2026年重阳节", date(2026, 1, 5)).day == CHONGYANG[2026]
    assert parse_day("春节", today).day == CHUNJIE[2027]


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("0000年清明", "not_a_date"),
        ("0001年七夕", "past"),
        ("9999年清明", "too_far"),
        ("9999年七夕", "too_far"),
    ],
)
def test_dates_with_years_outside_the_calendar_are_errors_not_crashes(text: str, code: str) -> None:
    with pytest.raises(DateParseError) as info:
        parse_day(text, date(2026, 11, 23))
    assert info.value.code == code
    assert find_day(text, date(2026, 11, 23)) is None
