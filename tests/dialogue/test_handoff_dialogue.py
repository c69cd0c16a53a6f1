"""转人工 conversations on the trained model, through the REST channel: each hand-off is
recorded with the backend and listed for the agent console with a masked summary."""

from __future__ import annotations

import re
import uuid
from typing import Any

import pytest

from tests.dialogue.conftest import Chat, Stack
from tests.support.people import make_id

pytestmark = pytest.mark.slow

MAN_ID = make_id("19880412", male=True, serial=31)
HANDOFF = re.compile(r"RG\d{6}[2-9A-HJ-NP-Z]{5}")


def new_chat(stack: Stack) -> Chat:
    return stack.chat(f"test-{uuid.uuid4().hex[:12]}")


def listed(stack: Stack, reference: str, status: str = "open") -> dict[str, Any]:
    """The hand-off as the agent console sees it."""
    code, body = stack.api("GET", f"/api/handoffs?status={status}&limit=100")
    assert code == 200, body
    return next(h for h in body["handoffs"] if h["reference"] == reference)


def test_handoff_in_the_middle_of_a_booking_is_recorded_with_a_masked_summary(
    stack: Stack,
) -> None:
    chat = new_chat(stack)
    assert "哪个婚姻登记处" in chat.text("我想预约结婚登记")
    chat.text("南山区")
    chat.text("明天")
    assert "男方的姓名" in chat.text("上午10点")
    assert "男方的18位" in chat.text("张伟")
    assert "女方的姓名" in chat.text(MAN_ID)
    reply = chat.text("转人工")
    assert "12345" in reply and "示例" in reply and "工作日" in reply, reply
    reference = HANDOFF.search(reply).group(0)
    assert MAN_ID not in reply and "张伟" not in reply
    assert f"{MAN_ID[:3]}***********{MAN_ID[-4:]}" in reply and "张*" in reply

    record = listed(stack, reference)
    assert (record["service"], record["channel"], record["reason"]) == (
        "marriage",
        "rest",
        "asked",
    )
    assert record["status"] == "waiting" and record["agent"] is None
    assert MAN_ID not in record["summary"] and "张伟" not in record["summary"]
    assert f"{MAN_ID[:3]}***********{MAN_ID[-4:]}" in record["summary"]
    assert "深圳市南山区婚姻登记处" in record["summary"]
    assert chat.sender not in str(record)
    # The form has ended: the citizen may keep talking to the assistant meanwhile.
    assert "民政智能助手" in chat.text("你好")


def test_an_angry_message_is_apologised_for_and_handed_over(stack: Stack) -> None:
    chat = new_chat(stack)
    reply = chat.text("你们这什么破系统，气死我了")
    assert "抱歉" in reply and "12345" in reply, reply
    record = listed(stack, HANDOFF.search(reply).group(0))
    assert record["reason"] == "upset" and record["service"] == "other"


def test_three_messages_not_understood_in_a_row_hand_over(stack: Stack) -> None:
    chat = new_chat(stack)
    assert "没有理解" in chat.text("啊啊啊啊啊")
    second = chat.say("啊啊啊啊啊")
    assert "还是没能理解" in second[0].text
    assert {"title": "转人工", "payload": "/ask_human"} in [b for r in second for b in r.buttons]
    assert not HANDOFF.search("\n".join(r.text for r in second))
    third = chat.text("啊啊啊啊啊")
    record = listed(stack, HANDOFF.search(third).group(0))
    assert record["reason"] == "fallbacks"
