"""civic.numbers: head counts and amounts of money in Chinese and mixed numerals."""

from __future__ import annotations

import pytest

from civic.numbers import parse_amount_yuan, parse_count


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("三个人", 3),
        ("两个", 2),
        ("2人", 2),
        ("俩", 2),
        ("我们俩", 2),
        ("仨", 3),
        ("十个", 10),
        ("二十个", 20),
        ("15个人", 15),
        ("一百个人", 100),
        ("两千五", 2500),  # colloquial: 2500, not 2005
        ("两千零五", 2005),
        ("一万二", 12000),  # colloquial: 12000
        ("3千", 3000),
        ("2.5万", 25000),
        ("3万5", 35000),
        ("五口人", 5),
        ("我们家３口人", 3),  # full-width digit
        ("一家三口", 3),
        ("我们一起三个人", 3),  # 一起 is not a number
        ("一共两位", 2),
        ("就我一个", 1),
        ("1,200", 1200),
        ("叁个", 3),  # formal numerals
        ("零个", 0),
    ],
)
def test_parse_count(text: str, expected: int) -> None:
    assert parse_count(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "abc",
        "😀",
        "七八个",  # an estimate; cn2an alone would say 78
        "两三个人",
        "2.5个",
        "-3",
        "万一",
        "一下",
        "第一",
        "<script>",
        "人" * 5000,
        None,
    ],
)
def test_parse_count_none(text: str) -> None:
    assert parse_count(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("两千五百块", 2500.0),
        ("两千五", 2500.0),
        ("1200元", 1200.0),
        ("月收入三千二", 3200.0),
        ("1.2万", 12000.0),
        ("收入2.5万元", 25000.0),
        ("大概一万二左右", 12000.0),
        ("每月1,200元", 1200.0),
        ("3000块钱", 3000.0),
        ("五百", 500.0),
        ("两块五", 2.5),
        ("存款5万", 50000.0),
        ("收入0元", 0.0),
        ("三个人，月收入2500", 2500.0),  # the head count is skipped
        ("家里3口人 每月两千", 2000.0),
        ("我们3个人一共4000块", 4000.0),
        ("１２００元", 1200.0),
        ("壹仟贰佰元", 1200.0),
    ],
)
def test_parse_amount_yuan(text: str, expected: float) -> None:
    assert parse_amount_yuan(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "没有收入", "三个人", "12月", "-100元", None])
def test_parse_amount_none(text: str) -> None:
    assert parse_amount_yuan(text) is None  # type: ignore[arg-type]
