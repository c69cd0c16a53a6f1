"""Tomb-sweeping reservation conversations on the trained model, through the REST channel."""

from __future__ import annotations

import re
import sqlite3
import uuid

import pytest

from tests.dialogue.conftest import Chat, Stack
from tests.support.people import make_id

pytestmark = pytest.mark.slow

BOOKER_ID = make_id("19750612", male=True, serial=31)
PHONE = "13700001234"
REFERENCE = re.compile(r"JS\d{6}[2-9A-HJ-NP-Z]{5}")


def new_chat(stack: Stack) -> Chat:
    return stack.chat(f"tomb-{uuid.uuid4().hex[:12]}")


def reserve_until_summary(chat: Chat, booker_id: str = BOOKER_ID, phone: str = PHONE) -> str:
    """Several facts in one message, then the remaining questions; returns the summary."""
    reply = chat.text("冬至带三个人去福田公墓")
    assert "福田公墓" in reply and "2026年12月22日" in reply and "冬至" in reply, reply
    assert "时段" in reply, reply  # cemetery, party and day taken from one message
    assert "哪位先人" in chat.text("上午")
    assert "预约人的姓名" in chat.text("王秀英")
    assert "身份证" in chat.text("我叫李建国")
    assert "手机" in chat.text(booker_id)
    assert "车牌" in chat.text(phone)
    return chat.text("车牌粤B12345")


def test_full_reservation_is_stored_then_found_and_cancelled(stack: Stack) -> None:
    chat = new_chat(stack)
    summary = reserve_until_summary(chat)
    assert "3人（含您本人）" in summary and "07:00" in summary
    assert BOOKER_ID not in summary and PHONE not in summary and "粤B12345" not in summary
    assert f"{BOOKER_ID[:3]}***********{BOOKER_ID[-4:]}" in summary
    assert "137****1234" in summary and "粤B***45" in summary and "王**" in summary
    reply = chat.text("确认")
    assert "预约成功" in reply, reply
    reference = REFERENCE.search(reply).group(0)
    assert "身份证" in reply and "明火" in reply  # the rules at the gate
    status, body = stack.api(
        "POST", "/api/tomb-sweeping/reservations/lookup", {"reference": reference, "phone": PHONE}
    )
    assert status == 200
    reservation = body["reservation"]
    assert reservation["status"] == "booked" and reservation["visitors"] == 3
    assert reservation["date"] == "2026-12-22" and reservation["start_time"] == "07:00"
    _, before = stack.api("GET", "/api/tomb-sweeping/cemeteries/sz-futian/slots?date=2026-12-22")

    # "还作数吗" reaches tomb-sweeping, not marriage; the reference and phone in one message.
    chat = new_chat(stack)
    assert "祭扫预约号" in chat.text("我上次约的扫墓还作数吗")
    reply = chat.text(f"预约号{reference}，手机{PHONE}")
    assert reference in reply and "已预约" in reply and "2026年12月22日" in reply, reply

    chat = new_chat(stack)
    assert "祭扫预约号" in chat.text("清明那个祭扫不去了，帮我退掉")
    assert "手机" in chat.text(reference.lower())
    assert "确认要取消祭扫预约" in chat.text(PHONE)
    assert "已为您取消" in chat.text("确认")
    _, body = stack.api(
        "POST", "/api/tomb-sweeping/reservations/lookup", {"reference": reference, "phone": PHONE}
    )
    assert body["reservation"]["status"] == "cancelled"
    _, after = stack.api("GET", "/api/tomb-sweeping/cemeteries/sz-futian/slots?date=2026-12-22")
    freed = {s["start"]: s["available"] for s in after["slots"]}
    held = {s["start"]: s["available"] for s in before["slots"]}
    assert freed["07:00"] == held["07:00"] + 3  # the quota is free again


def fill(stack: Stack, day: str, starts: tuple[str, ...]) -> None:
    """Book once through the API (creating the day's windows), then fill ``starts``."""
    status, _ = stack.api(
        "POST",
        "/api/tomb-sweeping/reservations",
        {
            "cemetery_id": "sz-futian",
            "date": day,
            "start_time": "15:00",
            "visitors": 1,
            "booker": {"name": "陈一", "id_number": make_id("19800101", True, serial=77)},
            "phone": "13600007777",
            "deceased_name": "陈二",
        },
    )
    assert status == 201
    with sqlite3.connect(stack.config.var_dir / "civic.db") as db:
        for start in starts:
            db.execute(
                "UPDATE tomb_window SET capacity = booked WHERE cemetery_id = 'sz-futian' "
                "AND day = ? AND start_time = ?",
                (day, start),
            )


def test_a_full_window_offers_other_windows_and_remote_worship(stack: Stack) -> None:
    fill(stack, "2026-12-05", ("09:00",))
    chat = new_chat(stack)
    chat.text("我想预约扫墓")
    assert "几位" in chat.text("福田公墓")
    assert "哪一天" in chat.text("两个人")
    assert "时段" in chat.text("12月5号")
    reply = chat.say("9点")
    texts = "\n".join(r.text for r in reply)
    assert "已约满" in texts and "网络祭扫" in texts and "代祭" in texts, texts
    offered = [b["title"] for r in reply for b in r.buttons]
    assert offered and not any(t.startswith("09:00") for t in offered)
    assert "哪位先人" in chat.text("11点")  # another window is taken


def test_a_full_day_offers_the_nearest_free_days(stack: Stack) -> None:
    fill(stack, "2026-12-06", ("07:00", "09:00", "11:00", "13:00", "15:00"))
    chat = new_chat(stack)
    reply = chat.text("清明想去福田公墓拜山")
    assert "2027年4月5日" in reply and "开放" in reply, reply  # 清明 is beyond the window
    assert "哪一天" in chat.text("就我自己")
    reply = chat.say("12月6日")
    texts = "\n".join(r.text for r in reply)
    assert "已约满" in texts and "近期还有名额" in texts, texts
    days = [b["title"] for r in reply for b in r.buttons]
    assert days and days[0].startswith("2026年12月7日"), days


def test_party_over_the_limit_is_explained(stack: Stack) -> None:
    chat = new_chat(stack)
    chat.text("我想去番禺思源园扫墓")
    reply = chat.text("我们一家八口")
    assert "最多5人" in reply, reply
    assert "哪一天" in chat.text("5个")


def test_bad_input_gets_a_reason_and_nothing_is_reserved(stack: Stack) -> None:
    chat = new_chat(stack)
    assert "公墓" in chat.text("我想预约祭扫")
    assert "几位" in chat.text("福田公墓")
    assert "没能确定人数" in chat.text("😀😀😀")
    assert "哪一天" in chat.text("2个人")
    assert "已经过去" in chat.text("昨天")
    assert "时段" in chat.text("12月8日")
    assert "哪位先人" in chat.text("上午")
    reply = chat.text("<script>alert(1)</script>")  # never echoed, never taken as a name
    assert "<script>" not in reply and "哪位先人" in reply
    assert "预约人的姓名" in chat.text("张三丰")
    assert "身份证" in chat.text("张三")
    assert "校验位错误" in chat.text(BOOKER_ID[:-1] + ("0" if BOOKER_ID[-1] != "0" else "1"))
    assert "手机" in chat.text(make_id("19700101", True, serial=41))
    assert "车牌" in chat.text("13800001111")
    assert "省份简称" in chat.text("车牌是A12345")
    assert "格式不对" in chat.text("粤Z")
    assert "已停止" in chat.text("算了")
    _, body = stack.api("GET", "/api/tomb-sweeping/cemeteries/sz-futian/slots?date=2026-12-08")
    assert all(s["available"] == s["capacity"] for s in body["slots"])
