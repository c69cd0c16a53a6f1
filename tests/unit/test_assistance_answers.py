"""How the pre-screening reads citizens' answers: places, choices, yes/no, several at once."""

from __future__ import annotations

import pytest

from actions.assistance_answers import (
    UNKNOWN,
    Place,
    read_housing,
    read_place,
    read_residence,
    read_special,
    read_spending,
    read_sudden,
    read_vehicle,
    read_yes_no,
)


@pytest.mark.parametrize(
    ("text", "place"),
    [
        ("深圳南山", Place("深圳", "南山区")),
        ("我在广州天河区", Place("广州", "天河区")),
        ("宝安", Place("深圳", "宝安区")),
        ("深圳市", Place("深圳")),
        ("東莞", Place("东莞")),
        ("住在韶关", Place("韶关")),
    ],
)
def test_places_name_the_city_and_the_district(text: str, place: Place) -> None:
    assert read_place(text) == place


@pytest.mark.parametrize("text", ["不知道", "没有", "我家里有五口人一个月收入三千多块钱", ""])
def test_what_is_not_a_place_is_not_read_as_one(text: str) -> None:
    assert read_place(text) is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("本地户口", "local_hukou"),
        ("我们是深户", "local_hukou"),
        ("有居住证", "residence_permit"),
        ("没有居住证，户口在老家", "other"),
        ("外地户口", "other"),
        ("都不是", "other"),
        ("residence_permit", "residence_permit"),
        ("不太清楚", UNKNOWN),
    ],
)
def test_residence(text: str, code: str) -> None:
    assert read_residence(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("租房住", "none"),
        ("没有房子", "none"),
        ("有一套房", "one"),
        ("就老家一套宅基地的房子", "one"),
        ("两套", "more"),
        ("没有", "none"),
    ],
)
def test_housing(text: str, code: str) -> None:
    assert read_housing(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("没车", "none"),
        ("只有电动车", "none"),
        ("有辆面包车", "other"),
        ("我爸有残疾人代步车", "disability"),
    ],
)
def test_vehicle(text: str, code: str) -> None:
    assert read_vehicle(text) == code


def test_several_special_circumstances_in_one_answer() -> None:
    assert read_special("有个重度残疾的儿子，老人也七十多了") == [
        "elderly_60_plus",
        "severe_disability",
    ]
    assert read_special("都没有") == []
    assert read_special("serious_illness") == ["serious_illness"]
    assert read_special("今天天气不错") is None


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("房子着火了", "fire"),
        ("老公出车祸住院了", "accident"),
        ("没有突发情况", "none"),
        ("被诈骗了", "other"),
    ],
)
def test_sudden_hardship(text: str, code: str) -> None:
    assert read_sudden(text) == code


@pytest.mark.parametrize(
    ("text", "code"),
    [("看病花了好多钱", "medical"), ("孩子上大学学费交不起", "education"), ("没有", "none")],
)
def test_essential_spending(text: str, code: str) -> None:
    assert read_spending(text) == code


@pytest.mark.parametrize(
    ("text", "intent", "answer"),
    [
        ("能", None, True),
        ("有退休金", None, True),
        ("没有", None, False),
        ("干不了活了", None, False),
        ("不能", None, False),
        ("不清楚", None, UNKNOWN),
        ("嗯嗯", None, True),
        ("/affirm", "affirm", True),
        ("随便", None, None),
    ],
)
def test_yes_no(text: str, intent: str | None, answer: object) -> None:
    assert read_yes_no(text, intent) == answer
