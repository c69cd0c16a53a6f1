"""civic.phone: mainland mobile numbers."""

from __future__ import annotations

import pytest

from civic.phone import PhoneError, find_phone_candidate, normalize_phone


@pytest.mark.parametrize(
    "text",
    [
        "13812345678",
        "138 1234 5678",
        "138-1234-5678",
        "+86 138 1234 5678",
        "+8613812345678",
        "008613812345678",
        "(+86)13812345678",
        "１３８１２３４５６７８",
        " 13812345678\n",
    ],
)
def test_accepted_forms(text: str) -> None:
    assert normalize_phone(text) == "13812345678"


@pytest.mark.parametrize("number", ["13012345678", "15912345678", "16612345678", "19912345678"])
def test_mobile_prefixes(number: str) -> None:
    assert normalize_phone(number) == number


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("", "empty"),
        (None, "empty"),
        ("  ", "empty"),
        ("+86", "empty"),
        ("1381234567", "length"),
        ("138123456789", "length"),
        ("12345678901", "format"),  # no mobile starts 12
        ("10086123456", "format"),
        ("1381234567a", "format"),
        ("<script>", "format"),
        ("😀", "format"),
        ("0755-12345678", "length"),  # a landline
    ],
)
def test_rejections(text: str, code: str) -> None:
    with pytest.raises(PhoneError) as info:
        normalize_phone(text)  # type: ignore[arg-type]
    assert info.value.code == code


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("我的手机是138 1234 5678", "13812345678"),
        ("电话：13812345678，谢谢", "13812345678"),
        ("+86-138-1234-5678", "13812345678"),
        ("手机１３８１２３４５６７８", "13812345678"),
    ],
)
def test_find_phone_candidate_then_normalize(text: str, expected: str) -> None:
    assert normalize_phone(find_phone_candidate(text)) == expected


def test_find_phone_candidate_without_digits_returns_text() -> None:
    assert find_phone_candidate("没有手机") == "没有手机"
