"""civic.idcard: GB 11643 ID numbers."""

from __future__ import annotations

from datetime import date

import pytest

from civic.idcard import (
    IdCardError,
    age_on,
    check_digit,
    find_id_candidate,
    normalize_id_number,
    parse_id_number,
)

TODAY = date(2026, 11, 23)
SAMPLE = "11010519491231002X"  # the standard's worked example: female, 1949-12-31


def _code(text: str, today: date = TODAY) -> str:
    with pytest.raises(IdCardError) as info:
        parse_id_number(text, today)
    return info.value.code


def test_check_digit_of_the_standards_example() -> None:
    assert check_digit("11010519491231002") == "X"
    assert check_digit("44030420000229123") == "6"


def test_parse_sample() -> None:
    info = parse_id_number(SAMPLE, TODAY)
    assert info.number == SAMPLE
    assert info.birth_date == date(1949, 12, 31)
    assert info.sex == "female"
    assert info.region_code == "110105"


def test_parse_male_born_on_29_february() -> None:
    info = parse_id_number("440304200002291236", TODAY)
    assert info.birth_date == date(2000, 2, 29)
    assert info.sex == "male"


@pytest.mark.parametrize(
    "text",
    [
        "11010519491231002x",  # lower-case x
        " 110105 19491231 002X ",
        "110105-19491231-002X",
        "１１０１０５１９４９１２３１００２Ｘ",  # full-width
    ],
)
def test_normalisation_accepts_common_typing(text: str) -> None:
    assert parse_id_number(text, TODAY).number == SAMPLE


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        ("   ", "empty"),
        (None, "empty"),
        ("11010519491231002", "length"),
        ("11010519491231002XX", "length"),
        ("1101051949123100AX", "format"),
        ("X10105194912310020", "format"),
        ("<script>alert(1)</script>", "length"),
        ("😀" * 18, "format"),
        ("01010519491231002X", "region"),
        ("110105194913310021", "birth_date"),  # month 13
        ("110105202702300013", "birth_date"),  # 30 February
        ("510107202611240012", "birth_date"),  # tomorrow
        ("110105189912310015", "birth_date"),  # before 1900
        ("110105194912310021", "checksum"),
        ("110105194912310020", "checksum"),
    ],
)
def test_rejections(text: str, code: str) -> None:
    assert _code(text) == code  # type: ignore[arg-type]


def test_born_today_is_accepted() -> None:
    assert parse_id_number("510107202611230012", TODAY).birth_date == TODAY


def test_normalize_id_number() -> None:
    assert normalize_id_number(" 1101 0519-4912_3100.2x ") == SAMPLE
    assert normalize_id_number(None) == ""  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("birth", "on", "age"),
    [
        (date(1949, 12, 31), date(2026, 11, 23), 76),
        (date(2004, 11, 23), date(2026, 11, 23), 22),  # birthday today
        (date(2004, 11, 24), date(2026, 11, 23), 21),  # birthday tomorrow
        (date(2000, 2, 29), date(2027, 2, 28), 26),  # leap-day birthday counts from 1 March
        (date(2000, 2, 29), date(2027, 3, 1), 27),
        (date(2000, 2, 29), date(2028, 2, 29), 28),
    ],
)
def test_age_on(birth: date, on: date, age: int) -> None:
    assert age_on(birth, on) == age


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的身份证号是11010519491231002X", SAMPLE),
        ("身份证 110105 19491231 002x 谢谢", SAMPLE),
        ("号码：１１０１０５１９４９１２３１００２Ｘ", SAMPLE),
        ("电话13812345678，身份证11010519491231002X", SAMPLE),
        ("没有", "没有"),
    ],
)
def test_find_id_candidate(text: str, expected: str) -> None:
    assert find_id_candidate(text) == expected
