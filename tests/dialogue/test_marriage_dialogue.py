"""Marriage appointment conversations on the trained model, through the REST channel."""

from __future__ import annotations

import re
import uuid

import pytest

from tests.dialogue.conftest import Chat, Stack
from tests.support.people import make_id

pytestmark = pytest.mark.slow

MAN_ID = make_id("19900307", male=True, serial=11)
WOMAN_ID = make_id("19920815", male=False, serial=12)
PHONE = "13912345678"
REFERENCE = re.compile(r"HY\d{6}[2-9A-HJ-NP-Z]{5}")


def new_chat(stack: Stack) -> Chat:
    return stack.chat(f"test-{uuid.uuid4().hex[:12]}")


def book_until_summary(chat: Chat, man_id: str = MAN_ID, woman_id: str = WOMAN_ID) -> str:
    """Walk the booking form to the summary; return the summary text."""
    assert "哪个婚姻登记处" in chat.text("我想预约结婚登记")
    reply = chat.text("南山区")
    assert "深圳市南山区婚姻登记处" in reply and "哪一天" in reply
    reply = chat.text("明天")
    assert "2026年11月24日" in reply and "时段" in reply
    assert "男方的姓名" in chat.text("上午10点")
    assert "男方的18位" in chat.text("张伟")
    assert "女方的姓名" in chat.text(man_id)
    assert "女方的18位" in chat.text("我老婆叫李娜")
    assert "手机号" in chat.text(f"她的身份证是{woman_id}")
    return chat.text(PHONE)


def test_full_booking_is_stored_and_can_be_looked_up(stack: Stack) -> None:
    chat = new_chat(stack)
    summary = book_until_summary(chat)
    # The summary masks ID numbers and the phone, and shows the chosen slot.
    assert MAN_ID not in summary and PHONE not in summary
    assert f"{MAN_ID[:3]}***********{MAN_ID[-4:]}" in summary
    assert "139****5678" in summary
    assert "10:00" in summary and "张*" in summary
    reply = chat.text("确认")
    assert "预约成功" in reply, reply
    reference = REFERENCE.search(reply).group(0)
    assert "身份证" in reply and "合影照片" in reply  # what to bring
    status, body = stack.api(
        "POST", "/api/marriage/appointments/lookup", {"reference": reference, "phone": PHONE}
    )
    assert status == 200
    appointment = body["appointment"]
    assert appointment["status"] == "booked"
    assert appointment["date"] == "2026-11-24" and appointment["start_time"] == "10:00"
    assert appointment["office"]["id"] == "sz-nanshan"

    # Query and cancel it in conversation.
    chat = new_chat(stack)
    assert "预约号" in chat.text("帮我查一下我的预约")
    assert "手机号" in chat.text(reference)
    reply = chat.text(PHONE)
    assert reference in reply and "已预约" in reply and "2026年11月24日" in reply
    chat = new_chat(stack)
    chat.text("我要取消婚姻登记预约")
    chat.text(f"预约号是{reference.lower()}")
    assert "确认要取消" in chat.text(PHONE)
    assert "已为您取消" in chat.text("确认")
    _, body = stack.api(
        "POST", "/api/marriage/appointments/lookup", {"reference": reference, "phone": PHONE}
    )
    assert body["appointment"]["status"] == "cancelled"


def test_stop_leaves_the_form_and_nothing_is_booked(stack: Stack) -> None:
    chat = new_chat(stack)
    chat.text("我想预约结婚登记")
    chat.text("福田")
    reply = chat.text("算了，不约了")
    assert "已停止本次办理" in reply
    # The form is gone: a greeting is answered as a greeting, not as an office name.
    assert "民政智能助手" in chat.text("你好")


def test_correction_changes_the_date_and_asks_the_time_again(stack: Stack) -> None:
    chat = new_chat(stack)
    summary = book_until_summary(chat)
    assert "2026年11月24日" in summary
    reply = chat.text("日期改成下周三")
    # 下周三 from Monday 2026-11-23 is 2026-12-02; the old time slot must be chosen again.
    assert "2026年12月2日" in reply and "时段" in reply, reply
    summary = chat.text("下午3点")
    assert "2026年12月2日" in summary and "15:00" in summary


def test_materials_question_inside_the_form_is_answered_and_the_form_resumes(
    stack: Stack,
) -> None:
    chat = new_chat(stack)
    chat.text("我想预约结婚登记")
    chat.text("天河区")
    reply = chat.text("需要带什么材料？")
    assert "居民身份证" in reply and "合影" in reply
    assert "哪一天" in reply  # the pending question is asked again
    assert "时段" in chat.text("明天")


def test_invalid_id_numbers_are_refused_with_the_reason(stack: Stack) -> None:
    chat = new_chat(stack)
    chat.text("我想预约结婚登记")
    chat.text("南山")
    chat.text("明天")
    chat.text("10点")
    chat.text("张伟")
    assert "位数不对" in chat.text("44030519900307")
    wrong_check = MAN_ID[:-1] + ("0" if MAN_ID[-1] != "0" else "1")
    assert "校验位错误" in chat.text(wrong_check)
    assert "女性" in chat.text(WOMAN_ID)  # a woman's number given for 男方
    underage = make_id("20080101", male=True, serial=13)
    assert "法定婚龄" in chat.text(underage)
    assert "女方的姓名" in chat.text(MAN_ID)


@pytest.mark.parametrize(
    "message",
    [
        "😀😀😀",
        "啊" * 2000,
        "'; DROP TABLE appointments; --",
        "<script>alert(1)</script>",
        "   ",
    ],
)
def test_bad_input_gets_a_reply_and_the_conversation_goes_on(stack: Stack, message: str) -> None:
    chat = new_chat(stack)
    replies = chat.say(message)
    assert replies, "every message gets an answer"
    assert all("<script>" not in r.text for r in replies)
    assert "民政智能助手" in chat.text("你好")


def test_bad_input_inside_the_form_is_re_asked(stack: Stack) -> None:
    chat = new_chat(stack)
    chat.text("我想预约结婚登记")
    chat.text("南山")
    reply = chat.text("<script>alert(1)</script>")
    assert "<script>" not in reply and "哪一天" in reply
    reply = chat.text("'; DROP TABLE appointments; --")
    assert "哪一天" in reply and "手机" not in reply
    assert "时段" in chat.text("明天")


def test_conversation_survives_a_restart_of_the_rasa_server(stack: Stack) -> None:
    chat = new_chat(stack)
    chat.text("我想预约结婚登记")
    chat.text("海珠")
    assert "时段" in chat.text("后天")
    stack.restart("rasa")  # the SQL tracker store keeps the conversation
    reply = chat.text("下午3点")
    assert "男方的姓名" in reply, reply
