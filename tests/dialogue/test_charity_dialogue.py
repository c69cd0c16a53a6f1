"""Charity query conversations on the trained model (REST channel)."""

from __future__ import annotations

import uuid

import pytest

from tests.dialogue.conftest import Chat, Stack

pytestmark = pytest.mark.slow


def new_chat(stack: Stack) -> Chat:
    return stack.chat(f"test-{uuid.uuid4().hex[:12]}")


def test_a_genuine_charity_with_fundraising_qualification(stack: Stack) -> None:
    reply = new_chat(stack).text("深圳市春雨助学公益基金会是正规的吗")
    assert "登记状态：正常" in reply and "公开募捐资格：有" in reply, reply
    assert "备案编号" in reply and "慈善中国" in reply
    assert "示例" in reply  # sample registry


def test_a_deregistered_organisation(stack: Stack) -> None:
    reply = new_chat(stack).text("青禾社会工作服务中心靠得住吗")
    assert "深圳市青禾社会工作服务中心" in reply and "已注销" in reply, reply


def test_a_name_with_no_match_points_to_the_national_platform(stack: Stack) -> None:
    reply = new_chat(stack).text("有个叫爱心妈妈互助会的在群里募捐，是正规的吗")
    assert "没有找到" in reply and "慈善中国" in reply, reply
    assert "核实之前请不要捐款" in reply


def test_an_ambiguous_name_is_resolved_by_a_button(stack: Stack) -> None:
    chat = new_chat(stack)
    replies = chat.say("帮我查一下长者服务中心")
    buttons = {b["title"]: b["payload"] for r in replies for b in r.buttons}
    assert "深圳市松鹤长者关爱服务中心" in buttons, replies
    assert "广州市木棉长者服务中心" in buttons
    chosen = chat.text(buttons["深圳市松鹤长者关爱服务中心"])
    assert "深圳市松鹤长者关爱服务中心" in chosen and "登记状态" in chosen, chosen
    assert "木棉" not in chosen


def test_a_bare_credit_code(stack: Stack) -> None:
    reply = new_chat(stack).text("53440300MJ00000013")
    assert "深圳市春雨助学公益基金会" in reply, reply


def test_a_mistyped_credit_code_is_refused_then_corrected(stack: Stack) -> None:
    chat = new_chat(stack)
    reply = chat.text("帮我查下这个代码 53440300MJ00000014 是不是慈善组织")
    assert "校验码对不上" in reply, reply
    assert "深圳市春雨助学公益基金会" in chat.text("53440300MJ00000013")


def test_a_personal_fundraising_link(stack: Stack) -> None:
    reply = new_chat(stack).text("群里有人转发给孩子看病的筹款链接，能信吗")
    assert "个人求助" in reply and "公开募捐" in reply, reply
    assert "来源" in reply and "慈善法" in reply


def test_reporting_fake_charity_asks_for_nothing(stack: Stack) -> None:
    reply = new_chat(stack).text("我要举报一个假慈善")
    assert "12345" in reply and "110" in reply and "不会记录" in reply, reply
