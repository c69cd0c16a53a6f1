"""Reserving, looking up and cancelling tomb-sweeping visits over real HTTP."""

from __future__ import annotations

from datetime import date

import pytest
from conftest import Running, ServerFactory
from marriage_testdata import with_bad_checksum
from tomb_testdata import DAY, DONGZHI, PATH, RESERVATIONS, booker_id, phone_for, reservation_body


async def book(api: Running, body: dict, **kwargs) -> tuple[int, dict]:
    return await api.post(RESERVATIONS, json=body, **kwargs)


async def window(api: Running, cemetery_id: str, day: str, start: str) -> dict:
    _, data = await api.get(f"{PATH}/cemeteries/{cemetery_id}/slots", params={"date": day})
    return next(s for s in data["slots"] if s["start"] == start)


async def test_create_returns_a_masked_reservation_with_entry_rules(api: Running) -> None:
    body = reservation_body(1, visitors=3, plate="粤b·12345")
    status, data = await book(api, body)

    assert status == 201, data
    r = data["reservation"]
    assert r["reference"].startswith("JS261123") and len(r["reference"]) == 13
    assert r["status"] == "booked" and r["visitors"] == 3
    assert r["cemetery"]["id"] == "sz-futian" and r["cemetery"]["sample"] is True
    assert (r["date"], r["start_time"], r["end_time"]) == (DAY, "09:00", "11:00")
    number = body["booker"]["id_number"]
    assert r["booker"] == {"name_masked": "陈**", "id_masked": number[:3] + "*" * 11 + number[-4:]}
    assert r["deceased_name_masked"] == "陈**"
    assert r["phone_masked"] == phone_for(1)[:3] + "****" + phone_for(1)[-4:]
    assert r["plate_masked"] == "粤B***45" and r["plot_number"] == "A区3排12号"
    assert r["peak"] is None
    assert r["created_at"].startswith("2026-11-23T") and r["created_at"].endswith("+08:00")
    rules = "".join(r["entry_rules"])
    assert "身份证" in rules and "明火" in rules and "纸钱" in rules and "工作人员" in rules
    assert "粤B***45" in rules and "现场公告为准" in rules

    slot = await window(api, "sz-futian", DAY, "09:00")
    assert (slot["available"], slot["parking_available"]) == (77, 29)


async def test_a_cemetery_can_list_its_own_entry_rules(api: Running) -> None:
    status, data = await book(api, reservation_body(2, cemetery_id="sz-baoan"))
    assert status == 201
    rules = data["reservation"]["entry_rules"]
    assert any("骨灰堂" in rule and "焚香" in rule for rule in rules)
    assert not any("入园" in rule for rule in rules)
    status, data = await book(api, reservation_body(3, cemetery_id="gz-tianhe", plate=None))
    assert status == 201 and data["reservation"]["plate_masked"] is None
    assert any("鲜花祭扫" in rule for rule in data["reservation"]["entry_rules"])
    assert not any("停车位" in rule for rule in data["reservation"]["entry_rules"])


async def test_lookup_finds_it_and_a_wrong_phone_looks_like_a_missing_reference(
    api: Running,
) -> None:
    status, created = await book(api, reservation_body(4, day=DONGZHI, visitors=2))
    assert status == 201
    ref = created["reservation"]["reference"]
    phone = phone_for(4)

    status, found = await api.post(
        f"{RESERVATIONS}/lookup",
        json={"reference": f" {ref.lower()} ", "phone": f"{phone[:3]} {phone[3:7]} {phone[7:]}"},
    )
    assert status == 200 and found["reservation"] == created["reservation"]
    assert found["reservation"]["peak"]["name"] == "冬至"

    wrong = await api.post(
        f"{RESERVATIONS}/lookup", json={"reference": ref, "phone": "13900000000"}
    )
    missing = await api.post(
        f"{RESERVATIONS}/lookup", json={"reference": "JS261123ZZZZZ", "phone": phone}
    )
    garbage = await api.post(
        f"{RESERVATIONS}/lookup", json={"reference": "HY261123ZZZZZ", "phone": phone}
    )
    assert wrong == missing == garbage
    assert wrong[0] == 404 and wrong[1]["error"]["code"] == "not_found"
    status, data = await api.post(f"{RESERVATIONS}/lookup", json={"reference": ref, "phone": "123"})
    assert status == 422 and data["error"]["code"] == "phone_invalid"

    status, data = await api.post(f"{RESERVATIONS}/{ref}/cancel", json={"phone": "13900000000"})
    assert status == 404 and data["error"]["code"] == "not_found"
    assert api.scalar("SELECT status FROM tomb_reservation WHERE reference = :r", r=ref) == "booked"


async def test_cancel_frees_people_parking_and_the_booker(api: Running) -> None:
    body = reservation_body(5, visitors=4, plate="粤BD12345")
    _, created = await book(api, body)
    ref = created["reservation"]["reference"]
    before = await window(api, "sz-futian", DAY, "09:00")
    assert (before["available"], before["parking_available"]) == (76, 29)

    status, cancelled = await api.post(f"{RESERVATIONS}/{ref}/cancel", json={"phone": phone_for(5)})
    assert status == 200 and cancelled["reservation"]["status"] == "cancelled"
    after = await window(api, "sz-futian", DAY, "09:00")
    assert (after["available"], after["parking_available"]) == (80, 30)
    assert api.scalar("SELECT COUNT(*) FROM tomb_booker_lock") == 0

    status, again = await api.post(f"{RESERVATIONS}/{ref}/cancel", json={"phone": phone_for(5)})
    assert status == 409 and again["error"]["code"] == "already_cancelled"
    assert "已经取消" in again["error"]["message"]
    after = await window(api, "sz-futian", DAY, "09:00")
    assert (after["available"], after["parking_available"]) == (80, 30)

    status, rebooked = await book(api, {**body, "start_time": "13:00"})
    assert status == 201, rebooked
    _, found = await api.post(
        f"{RESERVATIONS}/lookup", json={"reference": ref, "phone": phone_for(5)}
    )
    assert found["reservation"]["status"] == "cancelled"


async def test_a_past_reservation_cannot_be_cancelled(start_server: ServerFactory) -> None:
    api = await start_server()
    _, created = await book(api, reservation_body(6))
    ref = created["reservation"]["reference"]
    later = await start_server(today=date(2026, 11, 26))
    status, data = await later.post(f"{RESERVATIONS}/{ref}/cancel", json={"phone": phone_for(6)})
    assert status == 409 and data["error"]["code"] == "reservation_past"
    assert "日期已过" in data["error"]["message"]
    on_the_day = await start_server(today=date(2026, 11, 25))
    status, _ = await on_the_day.post(f"{RESERVATIONS}/{ref}/cancel", json={"phone": phone_for(6)})
    assert status == 200


@pytest.mark.parametrize(
    ("cemetery_id", "limit"), [("sz-futian", 5), ("sz-longhua", 6), ("sz-baoan", 4)]
)
async def test_party_size_is_limited_per_cemetery(
    api: Running, cemetery_id: str, limit: int
) -> None:
    status, data = await book(api, reservation_body(7, cemetery_id=cemetery_id, visitors=limit + 1))
    assert status == 422 and data["error"]["code"] == "visitors_over_limit"
    assert data["error"]["field"] == "visitors"
    assert f"最多可登记{limit}人" in data["error"]["message"]
    for visitors in (0, -2):
        status, data = await book(
            api, reservation_body(7, cemetery_id=cemetery_id, visitors=visitors)
        )
        assert status == 422 and data["error"]["code"] == "visitors_invalid"
        assert f"1至{limit}人" in data["error"]["message"]
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 0
    status, data = await book(api, reservation_body(7, cemetery_id=cemetery_id, visitors=limit))
    assert status == 201 and data["reservation"]["visitors"] == limit


@pytest.mark.parametrize(
    ("plate", "words"),
    [
        ("港A12345", "省份简称"),
        ("A12345", "省份简称"),
        ("粤B1234", "格式不对"),
        ("粤B12O45", "不含字母I和O"),
        ("粤BF1234A", "新能源车为6位"),
        ("粤B123456789", "格式不对"),
        ("粤" * 100, "格式不对"),
    ],
)
async def test_a_bad_plate_is_refused_with_the_reason(api: Running, plate: str, words: str) -> None:
    status, data = await book(api, reservation_body(8, plate=plate))
    assert status == 422 and data["error"]["code"] == "plate_invalid"
    assert data["error"]["field"] == "plate" and words in data["error"]["message"]
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 0


async def test_plates_are_normalised_and_blank_means_none(api: Running) -> None:
    status, data = await book(api, reservation_body(9, plate=" 粵ｂ 12345 "))
    assert status == 201 and data["reservation"]["plate_masked"] == "粤B***45"
    status, data = await book(api, reservation_body(10, plate="  ", plot_number=" "))
    assert status == 201
    assert (
        data["reservation"]["plate_masked"] is None and data["reservation"]["plot_number"] is None
    )
    slot = await window(api, "sz-futian", DAY, "09:00")
    assert slot["parking_available"] == 29


async def test_a_plate_at_a_cemetery_without_parking_is_refused(api: Running) -> None:
    status, data = await book(api, reservation_body(11, cemetery_id="gz-tianhe", plate="粤A12345"))
    assert status == 409 and data["error"]["code"] == "parking_full"
    assert "不提供预约停车位" in data["error"]["message"]
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 0


async def test_one_reservation_per_booker_cemetery_and_day(api: Running) -> None:
    body = reservation_body(12)
    assert (await book(api, body))[0] == 201
    for change in ({"start_time": "15:00"}, {"phone": "13700000000", "visitors": 1}):
        status, dup = await book(api, {**body, **change})
        assert status == 409 and dup["error"]["code"] == "duplicate_active"
        assert dup["error"]["field"] == "booker.id_number"
        assert "2026年11月25日" in dup["error"]["message"] and "福田公墓" in dup["error"]["message"]
    # the same booker on another day, or at another cemetery the same day, is fine
    assert (await book(api, {**body, "date": "2026-11-26"}))[0] == 201
    assert (await book(api, {**body, "cemetery_id": "gz-baiyun"}))[0] == 201
    # another booker for the same grave is fine too
    assert (await book(api, reservation_body(13)))[0] == 201
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 4
    assert (await window(api, "sz-futian", DAY, "09:00"))["available"] == 76


async def test_a_full_window_refuses_and_leaves_nothing_behind(api: Running) -> None:
    api.execute("UPDATE tomb_cemetery SET off_peak_quota = 4 WHERE id = 'gz-baiyun'")
    assert (await book(api, reservation_body(14, cemetery_id="gz-baiyun", visitors=3)))[0] == 201
    body = reservation_body(15, cemetery_id="gz-baiyun", visitors=2, plate="粤A23456")
    status, data = await book(api, body)
    assert status == 409 and data["error"]["code"] == "slot_full"
    assert data["error"]["field"] == "start_time"
    assert "仅可再约1人" in data["error"]["message"]
    assert "网络祭扫" in data["error"]["message"] and "代祭" in data["error"]["message"]
    slot = await window(api, "gz-baiyun", DAY, "09:00")
    assert (slot["available"], slot["parking_available"]) == (1, 40)
    # no lock was left behind: the same booker can take another window that day
    status, _ = await book(api, {**body, "start_time": "11:00"})
    assert status == 201
    assert (await book(api, {**reservation_body(16, cemetery_id="gz-baiyun", visitors=1)}))[
        0
    ] == 201
    status, data = await book(api, reservation_body(17, cemetery_id="gz-baiyun", visitors=1))
    assert status == 409 and "已约满" in data["error"]["message"]


async def test_idempotent_create_replays_and_refuses_other_parameters(api: Running) -> None:
    body = reservation_body(18, plate="粤B54321")
    headers = {"Idempotency-Key": "tomb-7f3a"}
    first = await book(api, body, headers=headers)
    second = await book(api, body, headers=headers)
    assert first[0] == second[0] == 201 and first[1] == second[1]
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 1
    slot = await window(api, "sz-futian", DAY, "09:00")
    assert (slot["available"], slot["parking_available"]) == (78, 29)

    status, data = await book(api, {**body, "visitors": 3}, headers=headers)
    assert status == 422 and data["error"]["code"] == "idempotency_conflict"
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 1

    ref = first[1]["reservation"]["reference"]
    cancel_headers = {"Idempotency-Key": "tomb-cancel-1"}
    path = f"{RESERVATIONS}/{ref}/cancel"
    one = await api.post(path, json={"phone": phone_for(18)}, headers=cancel_headers)
    two = await api.post(path, json={"phone": phone_for(18)}, headers=cancel_headers)
    assert one == two and one[0] == 200
    status, data = await api.post(path, json={"phone": phone_for(18)})
    assert status == 409 and data["error"]["code"] == "already_cancelled"


async def test_a_refusal_is_replayed_for_its_key(api: Running) -> None:
    api.execute("UPDATE tomb_cemetery SET off_peak_quota = 2 WHERE id = 'sz-futian'")
    _, first = await book(api, reservation_body(19, visitors=2))
    body = reservation_body(20, visitors=1)
    full = await book(api, body, headers={"Idempotency-Key": "k-full"})
    assert full[0] == 409 and full[1]["error"]["code"] == "slot_full"
    ref = first["reservation"]["reference"]
    await api.post(f"{RESERVATIONS}/{ref}/cancel", json={"phone": phone_for(19)})
    assert await book(api, body, headers={"Idempotency-Key": "k-full"}) == full
    assert (await book(api, body, headers={"Idempotency-Key": "k-new"}))[0] == 201


@pytest.mark.parametrize(
    ("change", "status", "code", "field", "words"),
    [
        (
            lambda b: {**b, "booker": {**b["booker"], "id_number": "44030519950307"}},
            422,
            "id_invalid",
            "booker.id_number",
            "预约人的身份证号码位数不对",
        ),
        (
            lambda b: {
                **b,
                "booker": {**b["booker"], "id_number": with_bad_checksum(booker_id(21))},
            },
            422,
            "id_invalid",
            "booker.id_number",
            "校验位错误",
        ),
        (
            lambda b: {**b, "booker": {**b["booker"], "name": "陈"}},
            422,
            "name_invalid",
            "booker.name",
            "预约人的姓名",
        ),
        (lambda b: {**b, "deceased_name": "陈😀"}, 422, "name_invalid", "deceased_name", "逝者"),
        (lambda b: {**b, "phone": "1381234567"}, 422, "phone_invalid", "phone", "11位"),
        (
            lambda b: {**b, "plot_number": "A区<b>3</b>"},
            422,
            "plot_number_invalid",
            "plot_number",
            "墓位",
        ),
        (
            lambda b: {**b, "plot_number": "A" * 41},
            422,
            "plot_number_invalid",
            "plot_number",
            "40个字",
        ),
        (
            lambda b: {**b, "cemetery_id": "sz-nowhere"},
            404,
            "cemetery_not_found",
            "cemetery_id",
            "未找到",
        ),
        (lambda b: {**b, "start_time": "10:00"}, 422, "slot_not_found", "start_time", "没有10:00"),
        (lambda b: {**b, "start_time": "9点"}, 422, "time_invalid", "start_time", "时:分"),
        (lambda b: {**b, "date": "2026/11/25"}, 422, "date_invalid", "date", "年-月-日"),
        (lambda b: {**b, "visitors": "3"}, 422, "visitors_invalid", "visitors", "整数"),
    ],
)
async def test_each_validation_error_has_code_status_and_chinese_message(
    api: Running, change, status: int, code: str, field: str, words: str
) -> None:
    got_status, data = await book(api, change(reservation_body(21)))
    assert got_status == status, data
    assert data["error"]["code"] == code
    assert data["error"]["field"] == field
    assert words in data["error"]["message"]
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 0


async def test_full_width_time_and_a_short_hour_are_accepted(api: Running) -> None:
    status, data = await book(api, {**reservation_body(22), "start_time": "７：００"})
    assert status == 201 and data["reservation"]["start_time"] == "07:00"
    status, data = await book(api, {**reservation_body(23), "start_time": "9:00"})
    assert status == 201 and data["reservation"]["end_time"] == "11:00"
