"""civic.text: normalisation of what citizens type."""

from __future__ import annotations

import pytest

from civic.text import normalize_user_text, to_halfwidth, to_simplified


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("１２月１号", "12月1号"),
        ("ＡＢＣ１２３", "ABC123"),
        ("14：00", "14:00"),
        ("（你好）！", "(你好)!"),
        ("a\u3000b", "a b"),
        ("已经是半角 abc 123", "已经是半角 abc 123"),
        ("", ""),
    ],
)
def test_to_halfwidth(text: str, expected: str) -> None:
    assert to_halfwidth(text) == expected


def test_chinese_punctuation_outside_fullwidth_block_is_kept() -> None:
    assert to_halfwidth("你好，。、") == "你好,。、"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("下週三", "下周三"),
        ("農曆九月初九", "农历九月初九"),
        ("婚姻登記處", "婚姻登记处"),
        ("兩個人", "两个人"),
        ("下周三", "下周三"),  # simplified stays as is
        ("", ""),
    ],
)
def test_to_simplified(text: str, expected: str) -> None:
    assert to_simplified(text) == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("  下週三　", "下周三"),
        ("１２月１號", "12月1号"),
        ("", ""),
        (None, ""),
        ("😀", "😀"),
    ],
)
def test_normalize_user_text(text: str, expected: str) -> None:
    assert normalize_user_text(text) == expected  # type: ignore[arg-type]
