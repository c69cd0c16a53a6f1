"""Policy questions on the trained model: cited answers, honest "no answer", digressions."""

from __future__ import annotations

import uuid

import pytest

from tests.dialogue.conftest import Chat, Stack

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


def new_chat(stack: Stack) -> Chat:
    return stack.chat(f"policy-{uuid.uuid4().hex[:8]}")


def test_a_question_the_classifier_took_for_a_booking_is_answered(stack: Stack) -> None:
    """Reported: "男的多大才能登记结婚" started the booking form and picked an office."""
    reply = new_chat(stack).text("男的多大才能登记结婚")
    assert ("22" in reply or "二十二" in reply) and "来源：" in reply, reply
    assert "哪个婚姻登记处" not in reply and "哪一项" not in reply


def test_a_message_no_service_understands_is_tried_against_the_knowledge_base(
    stack: Stack,
) -> None:
    """Reported: "身后一件事是什么服务" and similar got "抱歉，我没有理解"."""
    reply = new_chat(stack).text("身后一件事是什么服务")
    assert "来源：" in reply and "没有理解" not in reply, reply


def test_another_city_gets_an_honest_reply_not_our_figure(stack: Stack) -> None:
    reply = new_chat(stack).text("成都现在低保标准每个月多少钱")
    assert "成都" in reply and "12345" in reply and "来源：" not in reply, reply


def test_gibberish_is_not_understood_and_offers_every_service(stack: Stack) -> None:
    replies = new_chat(stack).say("啊啊啊啊啊")
    assert "没有理解" in replies[0].text and "12345" in replies[0].text
    payloads = {b["payload"] for r in replies for b in r.buttons}
    assert {"/marriage_book", "/tomb_book", "/ask_human"} <= payloads
