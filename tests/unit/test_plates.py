"""civic.plates: mainland car plates for the cemetery parking quota (GA 36-2018)."""

from __future__ import annotations

import pytest

from civic.plates import (
    PROVINCES,
    PlateError,
    find_plate_candidate,
    is_new_energy,
    normalize_plate,
)


def _code(text: str) -> str:
    with pytest.raises(PlateError) as info:
        normalize_plate(text)
    return info.value.code


# --------------------------------------------------------------------------- accepted


@pytest.mark.parametrize(
    "text",
    [
        "粤B12345",
        "粤b12345",
        "粤B·12345",
        "粤B•12345",
        "粤B-12345",
        "粤B.12345",
        "粤 b 12345",
        " 粤B 12345\n",
        "粵B12345",  # traditional 粵
        "粤Ｂ１２３４５",  # full-width
        "粵Ｂ・１２３４５",
        "粤\u3000B12345",  # ideographic space
    ],
)
def test_regular_plate_forms(text: str) -> None:
    assert normalize_plate(text) == "粤B12345"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("京A12345", "京A12345"),
        ("京AB123C", "京AB123C"),  # letters in the serial
        ("沪AZZ999", "沪AZZ999"),
        ("滬A12345", "沪A12345"),
        ("遼B12345", "辽B12345"),
        ("陝A12345", "陕A12345"),
        ("閩D12345", "闽D12345"),
        ("瓊A12345", "琼A12345"),
        ("蒙O12345", "蒙O12345"),  # O is refused in the serial only, not as authority letter
    ],
)
def test_regular_plates(text: str, expected: str) -> None:
    assert normalize_plate(text) == expected
    assert is_new_energy(text) is False


def test_all_31_mainland_provinces() -> None:
    written_out = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"
    assert len(set(written_out)) == 31
    assert set(PROVINCES) == set(written_out)
    for province in written_out:
        assert normalize_plate(f"{province}A12345") == f"{province}A12345"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("粤BD12345", "粤BD12345"),  # small, pure electric
        ("粤BF12345", "粤BF12345"),  # small, other new energy
        ("粤BDA1234", "粤BDA1234"),  # second serial character may be a letter
        ("粤bf·a1234", "粤BFA1234"),
        ("沪AA12345", "沪AA12345"),  # A/B/C/E and G/H/J/K follow D and F
        ("京AK12345", "京AK12345"),
        ("粤B12345D", "粤B12345D"),  # large, energy letter last
        ("粤B12345F", "粤B12345F"),
        ("粵Ｂ　１２３４５Ｄ", "粤B12345D"),
    ],
)
def test_new_energy_plates(text: str, expected: str) -> None:
    assert normalize_plate(text) == expected
    assert is_new_energy(text) is True


# --------------------------------------------------------------------------- rejected


@pytest.mark.parametrize("text", ["", "   ", "·-", "\n", None])
def test_empty(text: str) -> None:
    assert _code(text) == "empty"


@pytest.mark.parametrize(
    "text",
    [
        "港A12345",  # Hong Kong is not a mainland plate
        "澳A12345",
        "台A12345",
        "A12345",  # province missing
        "B12345",
        "12345",
        "广B12345",  # not the abbreviation (粤)
        "😀B12345",
        "'; DROP TABLE cars; --",
    ],
)
def test_bad_province(text: str) -> None:
    assert _code(text) == "province"


@pytest.mark.parametrize(
    "text",
    [
        "粤",
        "粤B",
        "粤B1234",  # 6 characters
        "粤B123456",  # 8 characters but no energy letter
        "粤B1234567",
        "粤12345",  # no authority letter
        "粤112345",
        "粤B1234I",  # I and O are never serial characters
        "粤B1234O",
        "粤BI2345",
        "粤BO1234",
        "粤BD1234O",
        "粤BF1234A",  # small new-energy: the last four must be digits
        "粤BDA12B4",
        "粤BX12345",  # X is not an energy letter
        "粤BI12345",
        "粤B12345E",  # large new-energy: only D or F
        "粤B1234DF",
        "粤B1234学",  # coach, police and trailer series are not accepted
        "粤B1234警",
        "粤B12345挂",
        "粤Z1234港",
        "粤B12 34😀",
        "粤" + "1" * 2000,
    ],
)
def test_bad_format(text: str) -> None:
    assert _code(text) == "format"
    assert is_new_energy(text) is False


def test_plate_error_is_a_value_error() -> None:
    with pytest.raises(ValueError):
        normalize_plate("港A12345")


@pytest.mark.parametrize("text", ["", "港A12345", "abc", None])
def test_is_new_energy_never_raises(text: str) -> None:
    assert is_new_energy(text) is False  # type: ignore[arg-type]


# --------------------------------------------------------------------------- in sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("车牌是粤B12345，谢谢", "粤B12345"),
        ("我的车牌号：粵Ｂ·１２３４５。", "粤B12345"),
        ("车牌 粤 b 12345 我们3个人", "粤B12345"),
        ("粤B12345 6个人", "粤B12345"),  # the 6 is not part of the plate
        ("开的是粤BD12345的电车", "粤BD12345"),
        ("大巴粤B12345D", "粤B12345D"),
        ("京a·d12345哦", "京AD12345"),
        ("两辆车：粤B12345和粤BD12345", "粤B12345"),  # the first one
        ("我在新疆，车牌新A12345", "新A12345"),  # 新 in 新疆 is not mistaken for the plate
    ],
)
def test_find_plate_candidate_then_normalize(text: str, expected: str) -> None:
    assert normalize_plate(find_plate_candidate(text)) == expected


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("车牌是港A12345", "province"),
        ("车牌A12345，谢谢", "province"),
        ("车牌号粤B1234567", "format"),
        ("车牌粤B1234O", "format"),
        ("没有车", "province"),
        ("", "empty"),
    ],
)
def test_find_plate_candidate_keeps_the_reason(text: str, code: str) -> None:
    assert _code(find_plate_candidate(text)) == code


def test_find_plate_candidate_without_a_plate_returns_the_text() -> None:
    assert find_plate_candidate("没有车") == "没有车"
    assert find_plate_candidate(None) == ""  # type: ignore[arg-type]
