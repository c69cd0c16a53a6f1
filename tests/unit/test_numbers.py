"""civic.numbers: head counts and amounts of money in Chinese and mixed numerals."""

from __future__ import annotations

import pytest

from civic.numbers import Amount, parse_amount_yuan, parse_count, parse_party_size, read_amount


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


# --------------------------------------------------------------------------- party size


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a stated total
        ("三个人", 3),
        ("一家五口", 5),
        ("我们一家三口人", 3),
        ("5位", 5),
        ("２个人", 2),  # full-width digit
        ("叁人", 3),  # formal numeral
        ("俩人", 2),
        ("我们俩", 2),
        ("我們倆", 2),  # traditional
        ("仨人", 3),
        ("我一个人", 1),
        ("带三个人", 3),  # the stated count; the summary shows it for correction
        ("一共两位", 2),
        ("我和我妈两个人", 2),
        ("我们3个人，9点到", 3),  # 9点 is a time
        ("两个人开一辆车", 2),  # 一辆 counts cars
        ("三个人，不对，四个人", 4),  # corrected
        ("不是三个人，是四个人", 4),
        # a bare number
        ("3", 3),
        ("三", 3),
        ("就3吧", 3),
        # just the speaker
        ("就我自己", 1),
        ("本人", 1),
        ("我自己", 1),
        ("只有我", 1),
        # people listed
        ("我和我妈", 2),
        ("我和我妈还有我姐", 3),
        ("只有我和我妈", 2),
        ("我跟老婆孩子", 3),
        ("我带两个孩子", 3),
        ("我和三个朋友", 4),
        ("两位老人", 2),
        ("三个大人两个小孩", 5),
        ("我带我爸妈", 3),  # 爸妈 are two
        ("我和我爸我妈", 3),
        ("我和二姐", 2),  # 二 is her rank, not a count
        ("我和我姑妈", 2),  # one aunt, not 姑 + 妈
        ("我和我妈，开一辆车", 2),
        ("我和我妈去给我爸扫墓", 2),  # the father is who they visit
        ("我想和我妈一起去", 2),
        ("我不是一个人，还有我妈", 2),
        ("我和我和我妈", 2),  # the speaker counts once
    ],
)
def test_parse_party_size(text: str, expected: int) -> None:
    assert parse_party_size(text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   ",
        None,
        "全家",
        "我们全家",
        "一家人",
        "我们",
        "我和孩子们",  # how many children?
        "我妈",  # one relative alone: coming alone, or the one visited?
        "给我爸和我妈扫墓",
        # estimates
        "三四个",
        "两三个人",
        "三五个人",
        "十几个人",
        "十多个人",
        "几个人",
        "大概三个人",
        "三个人左右",
        "三到四个人",
        "3-4人",
        "最多五个",
        "不超过5人",
        "一群人",
        "好多人",
        # conflicting or impossible
        "三个人四个人",
        "0个人",
        "2.5个人",
        "我自己不去，我妈和我姐去",
        "我们开2辆车",
        "我想预约",
        "我想预约清明节和重阳节",
        "13812345678",  # a phone number in the wrong field
        # garbage
        "😀",
        "😀😀😀 👨‍👩‍👧",
        "<script>alert(1)</script>",
        "'; DROP TABLE booking; --",
        "1; DROP TABLE users",
        "SELECT * FROM visitors WHERE 1=1",
        "人" * 2000,
        "我" * 2000,
        "我和" * 1000,
        "我妈" * 1000,
        "a" * 2000,
    ],
)
def test_parse_party_size_none(text: str) -> None:
    assert parse_party_size(text) is None  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("text", "amount"),
    [
        ("三千五", Amount(3500.0)),
        ("3.5k", Amount(3500.0)),
        ("2K", Amount(2000.0)),
        ("1.5w", Amount(15000.0)),
        ("一万二", Amount(12000.0)),
        ("3,500元", Amount(3500.0)),
        ("每月1200块退休金", Amount(1200.0)),
        ("打零工一个月两千", Amount(2000.0)),
        ("一个月两千多", Amount(2000.0, approximate=True)),
        ("大概3000", Amount(3000.0, approximate=True)),
        ("一千二百块左右", Amount(1200.0, approximate=True)),
        ("没有收入", Amount(0.0)),
        ("基本没收入", Amount(0.0)),
        ("没有", Amount(0.0)),
        ("0", Amount(0.0)),
        ("-500", Amount(500.0, negative=True)),
        ("负五百", Amount(500.0, negative=True)),
    ],
)
def test_read_amount(text: str, amount: Amount) -> None:
    assert read_amount(text) == amount


@pytest.mark.parametrize("text", ["三四千", "不知道", "很多钱", "", "😀", "'; DROP TABLE x; --"])
def test_read_amount_none(text: str) -> None:
    assert read_amount(text) is None
