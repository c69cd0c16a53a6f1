"""Booking, lookup, reschedule and cancel over real HTTP."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import Running
from marriage_testdata import couple, create_body, make_id, with_bad_checksum

DAY = "2026-11-25"  # Wednesday, inside the window of today = 2026-11-23
PATH = "/api/marriage/appointments"


async def book(api: Running, body: dict, **kwargs) -> tuple[int, dict]:
    return await api.post(PATH, json=body, **kwargs)


async def test_create_returns_masked_appointment_with_reference(api: Running) -> None:
    body = create_body(DAY, "10:00")
    status, data = await book(api, body)

    assert status == 201, data
    a = data["appointment"]
    assert a["reference"].startswith("HY261123") and len(a["reference"]) == 13
    assert a["status"] == "booked"
    assert a["type"] == "marriage" and a["type_label"] == "结婚登记"
    assert a["office"]["id"] == "sz-nanshan" and a["office"]["sample"] is True
    assert (a["date"], a["start_time"], a["end_time"]) == (DAY, "10:00", "11:00")
    groom_id = body["party1"]["id_number"]
    assert a["party1"] == {
        "name_masked": "张*",
        "id_masked": groom_id[:3] + "*" * 11 + groom_id[-4:],
    }
    assert a["party2"]["name_masked"] == "李*"
    assert a["phone_masked"] == "138****5678"
    assert any("身份证" in m for m in a["materials"]) and any("照片" in m for m in a["materials"])
    assert a["notice"] is None and a["provisional"] is False
    assert a["created_at"].startswith("2026-11-23T") and a["created_at"].endswith("+08:00")
    # the seat is taken
    _, slots = await api.get(f"/api/marriage/offices/sz-nanshan/slots?date={DAY}")
    ten = next(s for s in slots["slots"] if s["start"] == "10:00")
    assert ten == {"start": "10:00", "end": "11:00", "capacity": 8, "available": 7}


async def test_lookup_reschedule_cancel_journey(api: Running) -> None:
    status, created = await book(api, create_body(DAY, "09:00"))
    assert status == 201
    ref = created["appointment"]["reference"]

    status, found = await api.post(
        f"{PATH}/lookup", json={"reference": ref.lower(), "phone": "138 1234 5678"}
    )
    assert status == 200 and found["appointment"]["reference"] == ref

    status, moved = await api.post(
        f"{PATH}/{ref}/reschedule",
        json={"phone": "13812345678", "date": "2026-11-26", "start_time": "14:00"},
    )
    assert status == 200, moved
    assert (moved["appointment"]["date"], moved["appointment"]["start_time"]) == (
        "2026-11-26",
        "14:00",
    )
    _, old_day = await api.get(f"/api/marriage/offices/sz-nanshan/slots?date={DAY}")
    _, new_day = await api.get("/api/marriage/offices/sz-nanshan/slots?date=2026-11-26")
    assert old_day["slots"][0]["available"] == 8
    assert next(s for s in new_day["slots"] if s["start"] == "14:00")["available"] == 7

    status, cancelled = await api.post(f"{PATH}/{ref}/cancel", json={"phone": "13812345678"})
    assert status == 200 and cancelled["appointment"]["status"] == "cancelled"
    _, new_day = await api.get("/api/marriage/offices/sz-nanshan/slots?date=2026-11-26")
    assert next(s for s in new_day["slots"] if s["start"] == "14:00")["available"] == 8

    status, again = await api.post(f"{PATH}/{ref}/cancel", json={"phone": "13812345678"})
    assert status == 409 and again["error"]["code"] == "already_cancelled"
    assert "已经取消" in again["error"]["message"]

    status, after = await api.post(
        f"{PATH}/{ref}/reschedule",
        json={"phone": "13812345678", "date": "2026-11-27", "start_time": "09:00"},
    )
    assert status == 409 and after["error"]["code"] == "already_cancelled"


async def test_wrong_phone_is_indistinguishable_from_missing_reference(api: Running) -> None:
    _, created = await book(api, create_body(DAY))
    ref = created["appointment"]["reference"]

    wrong = await api.post(f"{PATH}/lookup", json={"reference": ref, "phone": "13900000000"})
    missing = await api.post(
        f"{PATH}/lookup", json={"reference": "HY261123ZZZZZ", "phone": "13812345678"}
    )
    garbage = await api.post(
        f"{PATH}/lookup", json={"reference": "not-a-ref", "phone": "13812345678"}
    )
    assert wrong == missing == garbage
    assert wrong[0] == 404 and wrong[1]["error"]["code"] == "not_found"

    status, data = await api.post(f"{PATH}/{ref}/cancel", json={"phone": "13900000000"})
    assert status == 404 and data["error"]["code"] == "not_found"
    assert (
        api.scalar("SELECT status FROM marriage_appointment WHERE reference = :r", r=ref)
        == "booked"
    )


async def test_cancel_frees_the_person_for_a_new_booking(api: Running) -> None:
    body = create_body(DAY)
    _, created = await book(api, body)
    ref = created["appointment"]["reference"]

    status, dup = await book(api, {**body, "start_time": "15:00"})
    assert status == 409 and dup["error"]["code"] == "duplicate_active"
    assert "男方" in dup["error"]["message"]

    await api.post(f"{PATH}/{ref}/cancel", json={"phone": "13812345678"})
    status, _ = await book(api, {**body, "start_time": "15:00"})
    assert status == 201


async def test_duplicate_detected_for_either_party(api: Running) -> None:
    body = create_body(DAY)
    await book(api, body)
    _, other_bride = couple()
    status, dup = await book(api, {**body, "party2": other_bride, "start_time": "11:00"})
    assert status == 409 and dup["error"]["code"] == "duplicate_active"
    groom2, _ = couple()
    status, dup = await book(api, {**body, "party1": groom2, "start_time": "11:00"})
    assert status == 409 and dup["error"]["field"] == "party2.id_number"
    assert "女方" in dup["error"]["message"]
    # a divorce appointment is a different type: allowed alongside
    status, _ = await book(api, {**body, "type": "divorce", "start_time": "11:00"})
    assert status == 201


async def test_divorce_carries_cooling_off_notice(api: Running) -> None:
    status, data = await book(api, create_body(DAY, kind="divorce"))
    assert status == 201
    a = data["appointment"]
    assert a["type_label"] == "离婚登记"
    assert "第一千零七十七条" in a["notice"] and "三十日内" in a["notice"] and "撤回" in a["notice"]
    assert any("离婚协议书" in m for m in a["materials"])
    assert any("结婚证" in m for m in a["materials"])


async def test_reissue_takes_one_applicant(api: Running) -> None:
    body = create_body(DAY, kind="reissue")
    status, data = await book(api, body)
    assert status == 201, data
    assert data["appointment"]["party2"] is None
    assert data["appointment"]["type_label"] == "补领婚姻登记证"

    _, bride = couple()
    status, data = await book(api, {**create_body(DAY, kind="reissue"), "party2": bride})
    assert status == 422 and data["error"]["code"] == "party2_not_allowed"

    # a woman may be the applicant of a reissue
    status, _ = await book(api, {**create_body(DAY, kind="reissue"), "party1": bride})
    assert status == 201


def _swap(body: dict) -> dict:
    return {**body, "party1": body["party2"], "party2": body["party1"]}


@pytest.mark.parametrize(
    ("change", "status", "code", "field", "words"),
    [
        (
            lambda b: {**b, "party1": {**b["party1"], "id_number": "44030519950307"}},
            422,
            "id_invalid",
            "party1.id_number",
            "位数不对",
        ),
        (
            lambda b: {
                **b,
                "party2": {**b["party2"], "id_number": with_bad_checksum(b["party2"]["id_number"])},
            },
            422,
            "id_invalid",
            "party2.id_number",
            "校验位错误",
        ),
        (
            lambda b: {**b, "party1": {**b["party1"], "id_number": "440305199502300011"}},
            422,
            "id_invalid",
            "party1.id_number",
            "出生日期不对",
        ),
        (
            lambda b: {**b, "party2": {**b["party2"], "id_number": b["party1"]["id_number"]}},
            422,
            "same_person",
            "party2.id_number",
            "相同",
        ),
        (_swap, 422, "sex_mismatch", "party1.id_number", "填反"),
        (
            lambda b: {
                **b,
                "party2": {**b["party2"], "id_number": make_id(date(1996, 1, 1), True)},
            },
            422,
            "sex_mismatch",
            "party2.id_number",
            "男性",
        ),
        (
            lambda b: {
                **b,
                "party1": {**b["party1"], "id_number": make_id(date(2005, 1, 1), True)},
            },
            422,
            "underage",
            "party1.id_number",
            "二十二周岁",
        ),
        (
            lambda b: {
                **b,
                "party2": {**b["party2"], "id_number": make_id(date(2006, 11, 26), False)},
            },
            422,
            "underage",
            "party2.id_number",
            "未满20周岁",
        ),
        (lambda b: {**b, "phone": "1381234567"}, 422, "phone_invalid", "phone", "11位"),
        (lambda b: {**b, "phone": "12812345678"}, 422, "phone_invalid", "phone", "手机号码"),
        (
            lambda b: {**b, "party1": {**b["party1"], "name": "张"}},
            422,
            "name_invalid",
            "party1.name",
            "2至30个字",
        ),
        (
            lambda b: {**b, "party2": {**b["party2"], "name": "李娜😀"}},
            422,
            "name_invalid",
            "party2.name",
            "女方",
        ),
        (
            lambda b: {**b, "office_id": "sz-nowhere"},
            404,
            "office_not_found",
            "office_id",
            "未找到",
        ),
        (lambda b: {**b, "date": "2026-11-28"}, 409, "office_closed", "date", "周末"),
        (
            lambda b: {**b, "date": "2026-11-23"},
            422,
            "outside_window",
            "date",
            "2026年11月24日至2026年12月23日",
        ),
        (lambda b: {**b, "date": "2026-12-24"}, 422, "outside_window", "date", "仅可预约"),
        (lambda b: {**b, "start_time": "12:00"}, 422, "slot_not_found", "start_time", "没有12:00"),
        (lambda b: {**b, "start_time": "9点"}, 422, "time_invalid", "start_time", "时:分"),
        (lambda b: {**b, "date": "2026/11/25"}, 422, "date_invalid", "date", "年-月-日"),
        (lambda b: {**b, "type": "engagement"}, 422, "type_invalid", "type", "预约类型"),
        (lambda b: {**b, "party2": None}, 422, "party2_required", "party2", "女方"),
    ],
)
async def test_each_validation_error_has_code_status_and_chinese_message(
    api: Running, change, status: int, code: str, field: str, words: str
) -> None:
    got_status, data = await book(api, change(create_body(DAY)))
    assert got_status == status, data
    assert data["error"]["code"] == code
    assert data["error"]["field"] == field
    assert words in data["error"]["message"]
    assert api.scalar("SELECT COUNT(*) FROM marriage_appointment") == 0


async def test_underage_is_judged_on_the_appointment_date(api: Running) -> None:
    # she turns 20 on 2026-11-26: too young on the 25th, old enough on the 26th
    groom, _ = couple()
    bride = {"name": "王芳", "id_number": make_id(date(2006, 11, 26), False)}
    body = {**create_body(DAY), "party1": groom, "party2": bride}
    status, data = await book(api, body)
    assert status == 422 and data["error"]["code"] == "underage"
    status, data = await book(api, {**body, "date": "2026-11-26"})
    assert status == 201, data
    # ...and cannot be moved back to a day she is under age
    ref = data["appointment"]["reference"]
    status, data = await api.post(
        f"{PATH}/{ref}/reschedule",
        json={"phone": "13812345678", "date": DAY, "start_time": "09:00"},
    )
    assert status == 422 and data["error"]["code"] == "underage"
    assert api.scalar("SELECT day FROM marriage_appointment WHERE reference = :r", r=ref) in (
        "2026-11-26",
        date(2026, 11, 26),
    )


async def test_reschedule_into_a_full_slot_changes_nothing(api: Running) -> None:
    api.execute("UPDATE marriage_office SET slot_capacity = 1 WHERE id = 'sz-nanshan'")
    await book(api, create_body(DAY, "09:00", phone="13800000001"))
    _, second = await book(api, create_body(DAY, "10:00", phone="13800000002"))
    ref = second["appointment"]["reference"]

    status, data = await api.post(
        f"{PATH}/{ref}/reschedule",
        json={"phone": "13800000002", "date": DAY, "start_time": "09:00"},
    )
    assert status == 409 and data["error"]["code"] == "slot_full"
    assert "已约满" in data["error"]["message"]
    assert (
        api.scalar("SELECT start_time FROM marriage_appointment WHERE reference = :r", r=ref)
        == "10:00"
    )
    assert api.scalar("SELECT SUM(booked) FROM marriage_slot") == 2
    status, data = await api.post(
        f"{PATH}/{ref}/reschedule",
        json={"phone": "13800000002", "date": DAY, "start_time": "11:00"},
    )
    assert status == 200
    booked = api.scalar(
        "SELECT booked FROM marriage_slot WHERE start_time = '10:00' AND office_id = 'sz-nanshan'"
    )
    assert booked == 0


async def test_reschedule_checks_window_and_open_day(api: Running) -> None:
    _, created = await book(api, create_body(DAY))
    ref = created["appointment"]["reference"]
    for day, code in (("2026-11-29", "office_closed"), ("2027-01-30", "outside_window")):
        status, data = await api.post(
            f"{PATH}/{ref}/reschedule",
            json={"phone": "13812345678", "date": day, "start_time": "09:00"},
        )
        assert data["error"]["code"] == code
        assert status in (409, 422)
