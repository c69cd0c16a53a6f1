"""Does a question want a number, and does a sentence state one?"""

from __future__ import annotations

import pytest

from policy_kb.figures import asks_for_number, states_figure


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
