"""Capacity and idempotency under concurrent requests over real HTTP."""

from __future__ import annotations

import asyncio
from datetime import date

from conftest import Running
from marriage_testdata import create_body, make_id, phone_for

DAY = "2026-11-25"
PATH = "/api/marriage/appointments"


def distinct_couple_body(i: int, start: str = "09:00") -> dict:
    body = create_body(DAY, start, phone=phone_for(i))
    body["party1"] = {
        "name": "赵强",
        "id_number": make_id(date(1980 + i % 20, 1 + i % 12, 1 + i % 28), True, serial=1000 + i),
    }
    body["party2"] = {
        "name": "钱静",
        "id_number": make_id(date(1981 + i % 20, 1 + i % 12, 1 + i % 28), False, serial=1000 + i),
    }
    return body


async def test_sixty_concurrent_bookings_fill_a_slot_of_five_exactly(api: Running) -> None:
    api.execute("UPDATE marriage_office SET slot_capacity = 5 WHERE id = 'sz-nanshan'")
    bodies = [distinct_couple_body(i) for i in range(60)]
    assert len({b["party1"]["id_number"] for b in bodies}) == 60

    results = await asyncio.gather(*(api.post(PATH, json=b) for b in bodies))

    statuses = sorted(status for status, _ in results)
    assert statuses.count(201) == 5, statuses
    assert statuses.count(409) == 55
    for status, data in results:
        if status == 409:
            assert data["error"]["code"] == "slot_full"
            assert "已约满" in data["error"]["message"]
    assert api.scalar("SELECT COUNT(*) FROM marriage_appointment") == 5
    assert api.scalar("SELECT booked FROM marriage_slot WHERE start_time = '09:00'") == 5
    assert api.scalar("SELECT COUNT(*) FROM marriage_person_lock") == 10
    _, slots = await api.get(f"/api/marriage/offices/sz-nanshan/slots?date={DAY}")
    assert slots["slots"][0]["available"] == 0


async def test_concurrent_cancels_release_one_seat_once(api: Running) -> None:
    status, created = await api.post(PATH, json=distinct_couple_body(1))
    assert status == 201
    ref = created["appointment"]["reference"]
    phone = phone_for(1)

    results = await asyncio.gather(
        *(api.post(f"{PATH}/{ref}/cancel", json={"phone": phone}) for _ in range(10))
    )
    assert sorted(s for s, _ in results) == [200] + [409] * 9
    assert api.scalar("SELECT booked FROM marriage_slot WHERE start_time = '09:00'") == 0


async def test_same_idempotency_key_twice_replays_the_first_booking(api: Running) -> None:
    body = distinct_couple_body(2)
    headers = {"Idempotency-Key": "booking-7f3a"}
    first = await api.post(PATH, json=body, headers=headers)
    second = await api.post(PATH, json=body, headers=headers)

    assert first[0] == second[0] == 201
    assert first[1] == second[1]
    assert api.scalar("SELECT COUNT(*) FROM marriage_appointment") == 1
    assert api.scalar("SELECT booked FROM marriage_slot WHERE start_time = '09:00'") == 1


async def test_same_key_with_different_body_is_refused(api: Running) -> None:
    body = distinct_couple_body(3)
    headers = {"Idempotency-Key": "booking-8b21"}
    await api.post(PATH, json=body, headers=headers)
    status, data = await api.post(PATH, json={**body, "start_time": "10:00"}, headers=headers)

    assert status == 422 and data["error"]["code"] == "idempotency_conflict"
    assert "Idempotency-Key" in data["error"]["message"]
    assert api.scalar("SELECT COUNT(*) FROM marriage_appointment") == 1


async def test_twenty_concurrent_requests_with_one_key_make_one_booking(api: Running) -> None:
    body = distinct_couple_body(4)
    headers = {"Idempotency-Key": "retry-storm-1"}
    results = await asyncio.gather(*(api.post(PATH, json=body, headers=headers) for _ in range(20)))

    assert {status for status, _ in results} == {201}
    assert len({data["appointment"]["reference"] for _, data in results}) == 1
    assert api.scalar("SELECT COUNT(*) FROM marriage_appointment") == 1
    assert api.scalar("SELECT booked FROM marriage_slot WHERE start_time = '09:00'") == 1


async def test_a_refusal_is_replayed_for_its_key_but_a_new_key_retries(api: Running) -> None:
    api.execute("UPDATE marriage_office SET slot_capacity = 1 WHERE id = 'sz-nanshan'")
    await api.post(PATH, json=distinct_couple_body(5))
    body = distinct_couple_body(6)
    full = await api.post(PATH, json=body, headers={"Idempotency-Key": "k-full"})
    assert full[0] == 409 and full[1]["error"]["code"] == "slot_full"

    ref = api.scalar("SELECT reference FROM marriage_appointment")
    await api.post(f"{PATH}/{ref}/cancel", json={"phone": phone_for(5)})
    assert await api.post(PATH, json=body, headers={"Idempotency-Key": "k-full"}) == full
    status, _ = await api.post(PATH, json=body, headers={"Idempotency-Key": "k-new"})
    assert status == 201


async def test_idempotent_cancel_replays_success(api: Running) -> None:
    _, created = await api.post(PATH, json=distinct_couple_body(7))
    ref = created["appointment"]["reference"]
    headers = {"Idempotency-Key": "cancel-1"}
    first = await api.post(f"{PATH}/{ref}/cancel", json={"phone": phone_for(7)}, headers=headers)
    again = await api.post(f"{PATH}/{ref}/cancel", json={"phone": phone_for(7)}, headers=headers)
    assert first == again and first[0] == 200
    status, data = await api.post(f"{PATH}/{ref}/cancel", json={"phone": phone_for(7)})
    assert status == 409 and data["error"]["code"] == "already_cancelled"


async def test_bad_idempotency_key_is_rejected(api: Running) -> None:
    status, data = await api.post(
        PATH, json=distinct_couple_body(8), headers={"Idempotency-Key": "x" * 300}
    )
    assert status == 400 and data["error"]["code"] == "idempotency_key_invalid"
    assert api.scalar("SELECT COUNT(*) FROM marriage_appointment") == 0
