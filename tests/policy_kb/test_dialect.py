"""粤语 questions are matched in Mandarin."""

from __future__ import annotations

import pytest

from policy_kb import KnowledgeBase
from policy_kb.normalize import normalize_query, to_mandarin


@pytest.mark.parametrize(
    ("cantonese", "mandarin"),
    [
        ("屋企有冇人可以申请", "家里有没有人可以申请"),
        ("我老豆走咗", "我父亲走了"),
        ("系唔系真㗎", "是不是真"),
        ("点样帮佢好", "怎样帮他好"),
        ("排队要等几耐", "排队要等多久"),  # so "how long" is a number question in 粤语 too
    ],
)
def test_cantonese_forms_become_mandarin(cantonese: str, mandarin: str) -> None:
    assert to_mandarin(cantonese) == mandarin


def test_mandarin_words_that_share_a_character_are_kept() -> None:
    assert normalize_query("社会救助体系建设") == "社会救助体系建设"
    assert normalize_query("系统维护") == "系统维护"


def test_a_cantonese_question_gets_the_mandarin_answer(real_kb: KnowledgeBase) -> None:
    response = real_kb.respond("结婚登记使唔使带户口本㗎")
    assert response.answered and "户口" in response.text
