"""Does a question want a number, and does a sentence state one?"""

from __future__ import annotations

import pytest

from policy_kb.figures import (
    asks_for_number,
    counts_in_title,
    names_locality,
    states_count_asked,
    states_figure,
    wanted_kind,
    years_named,
)


@pytest.mark.parametrize(
    "question",
    ["低保一个月多少钱", "长者饭堂要建几个", "安葬率要达到百分之几", "补贴涨了多少", "冷静期几天"],
)
def test_questions_that_want_a_number(question: str) -> None:
    assert asks_for_number(question)


@pytest.mark.parametrize(
    "question",
    ["两项补贴标准会提高吗", "哪几个区在搞示范", "低保怎么申请", "结婚要带什么材料"],
)
def test_questions_that_do_not_want_a_number(question: str) -> None:
    assert not asks_for_number(question)


@pytest.mark.parametrize(
    ("text", "figure"),
    [
        ("新增100个长者饭堂", True),
        ("冷静期为三十日", True),
        ("2024年全面推进", False),
        ("提高补贴标准", False),
    ],
)
def test_sentences_that_state_a_figure(text: str, figure: bool) -> None:
    assert states_figure(text) is figure


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("男的多大才能登记结婚", "age"),
        ("深圳85岁老人高龄津贴一个月发多少", "money"),
        ("广州低保标准提高了多少", "increase"),
        ("长者饭堂示范点有多少个", "count"),
        ("2026年清明网上预约几号开始放号", "date"),
        ("离婚冷静期多久", "duration"),
        ("安葬率要达到百分之几", "share"),
        ("低保怎么申请", None),
        ("福田区园岭街道办民政科的电话是多少", "phone"),
        ("市殡仪馆改扩建什么时候完工", "date"),
        ("天河区婚姻登记处在哪，下午几点下班", "clock"),
    ],
)
def test_the_kind_of_number_a_question_wants(question: str, kind: str | None) -> None:
    assert wanted_kind(question) == kind


@pytest.mark.parametrize(
    ("text", "kind", "figure"),
    [
        ("结婚年龄男不得早于二十二周岁", "age", True),
        ("全国多数地方对80周岁以上的老年人发放高龄津贴", "money", False),
        ("打造100个长者饭堂示范点", "money", False),
        ("打造100个长者饭堂示范点", "count", True),
        ("标准稳步提高3.5%左右", "increase", True),
        ("2025年5月10日起施行", "date", True),
        ("自收到申请之日起三十日内", "duration", True),
        ("全市低保标准提高到xxx元", "money", False),
        ("理顺市、区、街道、社区、小区、家庭6个层级关系", "phone", False),
        ("可以拨打12345政务服务热线", "phone", False),  # not the office's own number
        ("咨询电话：0755-83201234", "phone", True),
        ("周一至周五上午9:00至12:00办公", "clock", True),
        ("推进市殡仪馆改扩建工程等4个在建项目", "date", False),
    ],
)
def test_a_sentence_states_a_figure_of_the_kind_asked(text: str, kind: str, figure: bool) -> None:
    assert states_figure(text, kind) is figure


def test_localities_and_years_a_question_points_at() -> None:
    assert names_locality("那个市的特困人员上半年发了多少钱")
    assert names_locality("全市要改造多少户")
    assert names_locality("x市现在一共有几多特困人员")  # the redacted document's city
    assert not names_locality("低保标准一般是多少钱")
    assert years_named("广州2025年的低保标准涨了多少") == {"2025"}
    assert years_named("低保标准涨了多少") == set()


@pytest.mark.parametrize(
    ("text", "question", "stated"),
    [
        ("分为助理社会工作师、社会工作师和高级社会工作师三个级别", "新增多少名持证社工", False),
        ("力争新增持证社工1200名", "新增多少名持证社工", True),
        ("打造100个长者饭堂示范点", "长者饭堂要建几个", True),  # 几个 counts anything
        ("新增认知障碍照护床位2200张", "照护床位有多少张", True),
        ("服务超过1000万人次", "服务了多少人次", True),
        ("助餐配餐服务人次超1000万", "助餐配餐要达到多少人次", True),
        ("本村五分之一以上有选举权的村民联名，可以提出罢免要求", "得多少人联名才行", True),
        ("服务超过1000万人次", "帮了多少人", False),  # visits are not people
        ("无子女的收养人可以收养两名子女", "最多能收养几个孩子", True),
    ],
)
def test_a_count_must_count_what_was_asked(text: str, question: str, stated: bool) -> None:
    assert states_count_asked(text, question) is stated


def test_a_title_may_state_the_count_asked_with_its_own_counter() -> None:
    title = "广州市2024年全市民政工作（12项走前列重点工作）"
    assert counts_in_title(title, "广州民政24年一共提了多少项走前列")
    assert not counts_in_title(title, "广州建了几个长者饭堂")  # 几个: too loose for a title
    assert not counts_in_title(title, "广州有多少户低保")
