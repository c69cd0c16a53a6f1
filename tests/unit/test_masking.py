"""civic.masking: what logs, stored event text and replies may show."""

from __future__ import annotations

import pytest

from civic.masking import mask_id_number, mask_name, mask_phone, mask_plate, mask_text


def test_mask_id_number() -> None:
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_id_number("1234567") == "*******"
    assert mask_id_number("") == ""


def test_mask_phone() -> None:
    assert mask_phone("13812345678") == "138****5678"
    assert mask_phone("12345") == "*****"


@pytest.mark.parametrize(
    ("plate", "masked"),
    [
        ("粤B12345", "粤B***45"),
        ("粤BD12345", "粤B****45"),
        ("京A1234", "京A**34"),
        ("粤B1", "***"),
        ("", ""),
    ],
)
def test_mask_plate(plate: str, masked: str) -> None:
    assert mask_plate(plate) == masked


@pytest.mark.parametrize(
    ("name", "masked"),
    [
        ("张伟", "张*"),
        ("欧阳建国", "欧***"),
        ("阿依古丽·买买提", "阿*******"),
        ("李", "李"),
        (" 王小明 ", "王**"),
        ("", ""),
    ],
)
def test_mask_name(name: str, masked: str) -> None:
    assert mask_name(name) == masked


@pytest.mark.parametrize(
    ("text", "masked"),
    [
        ("身份证11010519491231002X", "身份证110***********002X"),
        ("身份证11010519491231002x。", "身份证110***********002x。"),
        ("手机13812345678", "手机138****5678"),
        ("电话:13812345678，谢谢", "电话:138****5678，谢谢"),
        (
            "电话13812345678身份证11010519491231002X",
            "电话138****5678身份证110***********002X",
        ),
        # Spaced or dashed numbers, and +86, are masked too (they used to leak).
        ("我的手机是138 1234 5678", "我的手机是138****5678"),
        ("+86 138-1234-5678", "+86 138****5678"),
        ("+8613812345678", "+86138****5678"),
        ("身份证 110105 19491231 002X", "身份证 110***********002X"),
        # Not personal numbers: left alone.
        ("预约2026-12-08上午", "预约2026-12-08上午"),
        ("订单号123456789012345678901", "订单号123456789012345678901"),
        ("编号138123456789", "编号138123456789"),
        ("12345678901", "12345678901"),
        ("", ""),
    ],
)
def test_mask_text(text: str, masked: str) -> None:
    assert mask_text(text) == masked


def test_mask_text_leaves_no_digits_of_the_secret() -> None:
    text = "我叫张伟，身份证 11010519491231002X，手机 138-1234-5678"
    out = mask_text(text)
    assert "19491231" not in out
    assert "1234" not in out.replace("5678", "")
