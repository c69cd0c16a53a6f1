"""Policy questions on the trained model: cited answers, honest "no answer", digressions."""

from __future__ import annotations

import uuid

import pytest

from tests.dialogue.conftest import Stack

pytestmark = pytest.mark.slow


def test_policy_question_is_answered_with_its_source(stack: Stack) -> None:
    chat = stack.chat(f"policy-{uuid.uuid4().hex[:8]}")
    reply = chat.text("离婚冷静期是多久啊")
    assert "三十日" in reply or "30日" in reply
    assert "来源：" in reply and "1077" in reply


def test_traditional_characters_get_the_same_answer(stack: Stack) -> None:
    chat = stack.chat(f"policy-{uuid.uuid4().hex[:8]}")
    reply = chat.text("低保怎麼申請")
    assert "来源：" in reply and "街道" in reply


def test_question_the_knowledge_base_cannot_answer_is_answered_honestly(stack: Stack) -> None:
    chat = stack.chat(f"policy-{uuid.uuid4().hex[:8]}")
    reply = chat.text("社区养老驿站的护工工资一个月多少")
    assert "没有找到可靠的答案" in reply and "12345" in reply
    assert "来源：" not in reply


def test_policy_question_inside_the_booking_form_resumes_the_form(stack: Stack) -> None:
    chat = stack.chat(f"policy-{uuid.uuid4().hex[:8]}")
    chat.text("我想预约结婚登记")
    chat.text("越秀区")
    reply = chat.text("对了，孤儿基本生活保障金怎么申请")
    assert "来源：" in reply
    assert "哪一天" in reply  # back to the pending question
    assert "时段" in chat.text("明天")
