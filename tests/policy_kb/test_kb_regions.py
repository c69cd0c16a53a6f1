"""Which place a question names, and which figures a question asks for."""

from __future__ import annotations

import pytest

from policy_kb.figures import is_figure_question, states_figure
from policy_kb.regions import normalize_region, places_in


@pytest.mark.parametrize(
    ("question", "city"),
    [
        ("深圳低保怎么申请", "深圳"),
        ("鹏城的长者饭堂", "深圳"),
        ("福田区婚姻登记处在哪", "深圳"),
        ("南山有生态公墓吗", "深圳"),
        ("大鹏新区海葬", "深圳"),
        ("番禺的长者饭堂", "广州"),
        ("白云区低保", "广州"),
        ("羊城的慈善超市", "广州"),
    ],
)
def test_our_cities_and_their_districts(question: str, city: str) -> None:
    places = places_in(question)
    assert places.city == city
    assert places.scope == city


def test_national_markers() -> None:
    assert places_in("民政部今年有什么新要求").scope == "national"
    assert places_in("全国低保平均标准").scope == "national"


@pytest.mark.parametrize(
    ("question", "other"),
    [
        ("北京低保多少钱", "北京"),
        ("东莞临时救助", "东莞"),
        ("乌鲁木齐的养老院", "乌鲁木齐"),
        ("大同市孤儿生活费", "大同"),
        ("香港综援标准", "香港"),
        ("中山婚姻登记处周六日开不开门", "中山"),  # 中山 followed by one of its services
    ],
)
def test_other_cities(question: str, other: str) -> None:
    places = places_in(question)
    assert places.other == other
    assert places.scope is None


@pytest.mark.parametrize(
    "question",
    [
        "大同小异的政策",  # 大同 only as 大同市
        "祝您全家安康",
        "开封后的骨灰盒",
        "北京路附近的长者饭堂",  # a street
        "我老家成都的，低保怎么申请",  # origin
        "户口在杭州能不能申请",  # origin
        "光明正大地申请低保",  # 光明 only as 光明区
        "中山公园附近有长者饭堂吗",
        "我住中山路，低保怎么申请",
    ],
)
def test_words_that_only_look_like_places(question: str) -> None:
    places = places_in(question)
    assert places.other is None
    assert places.city is None


def test_our_city_wins_over_another_place() -> None:
    places = places_in("社保从东莞转到深圳")
    assert places.scope == "深圳"


def test_province_is_recorded_but_is_no_city() -> None:
    places = places_in("人在新疆上班清明回不去")
    assert places.province == "新疆"
    assert places.other is None and places.scope is None


@pytest.mark.parametrize(
    ("region", "city"),
    [("深圳市", "深圳"), ("广州", "广州"), ("天河区", "广州"), ("national", None), (None, None)],
)
def test_region_parameter(region: str | None, city: str | None) -> None:
    assert normalize_region(region) == city


@pytest.mark.parametrize(
    "question",
    [
        "低保一个月多少钱",
        "示范点有几个",
        "低保标准涨了几多",
        "安葬率要达到百分之几",
        "助餐服务多少人次",
    ],
)
def test_figure_questions(question: str) -> None:
    assert is_figure_question(question)


@pytest.mark.parametrize("question", ["低保怎么申请", "离婚冷静期是什么", "扫墓要预约吗"])
def test_other_questions_are_no_figure_questions(question: str) -> None:
    assert not is_figure_question(question)


def test_stated_figures_exclude_years_and_placeholders() -> None:
    assert states_figure("打造100个长者饭堂示范点")
    assert states_figure("社会救助标准稳步提高3.5%左右")
    assert states_figure("离婚冷静期为三十日")
    assert not states_figure("2024年全市民政工作")
    assert not states_figure("全市低保标准提高至xxx元/人/月")
