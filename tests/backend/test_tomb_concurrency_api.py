"""Quotas of people and parking under concurrent HTTP requests: never exceeded, always equal
to what the booked reservations hold."""

from __future__ import annotations

import asyncio

from conftest import Running
from tomb_testdata import DAY, RESERVATIONS, phone_for, reservation_body

WINDOW_SQL = (
    "SELECT {column} FROM tomb_window WHERE cemetery_id = 'sz-futian' AND start_time = '09:00'"
)


def window_value(api: Running, column: str) -> int:
    return api.scalar(WINDOW_SQL.format(column=column))


def booked_people(api: Running) -> int:
    return api.scalar(
        "SELECT COALESCE(SUM(visitors), 0) FROM tomb_reservation WHERE status = 'booked'"
    )


async def test_sixty_mixed_parties_never_pass_a_nearly_full_window(api: Running) -> None:
    status, _ = await api.post(RESERVATIONS, json=reservation_body(0, visitors=1))
    assert status == 201  # creates the day's window rows
    api.execute(
        "UPDATE tomb_window SET capacity = booked + 12 "
        "WHERE cemetery_id = 'sz-futian' AND start_time = '09:00'"
    )
    capacity = window_value(api, "capacity")
    assert capacity == 13
    bodies = [reservation_body(i, visitors=1 + i % 5) for i in range(1, 61)]

    results = await asyncio.gather(*(api.post(RESERVATIONS, json=b) for b in bodies))

    accepted = [b["visitors"] for b, (s, _) in zip(bodies, results, strict=True) if s == 201]
    refused = [b["visitors"] for b, (s, _) in zip(bodies, results, strict=True) if s != 201]
    for status, data in results:
        if status != 201:
            assert status == 409 and data["error"]["code"] == "slot_full", data
    booked = window_value(api, "booked")
    assert booked == 1 + sum(accepted) == booked_people(api)
    assert booked <= capacity
    assert accepted and refused
    # free places only shrink, so every refused party was larger than what is left now
    assert all(size > capacity - booked for size in refused)
    assert api.scalar("SELECT COUNT(*) FROM tomb_booker_lock") == 1 + len(accepted)
    assert window_value(api, "parking_booked") == 0  # no plate, no parking


async def test_fifty_cars_never_pass_the_parking_spaces(api: Running) -> None:
    status, _ = await api.post(RESERVATIONS, json=reservation_body(0, plate="粤B00000"))
    assert status == 201
    api.execute(
        "UPDATE tomb_window SET parking_capacity = parking_booked + 3 "
        "WHERE cemetery_id = 'sz-futian' AND start_time = '09:00'"
    )
    bodies = [
        reservation_body(i, visitors=1 + i % 5, plate=f"粤B{10000 + i}") for i in range(1, 51)
    ]

    results = await asyncio.gather(*(api.post(RESERVATIONS, json=b) for b in bodies))

    statuses = [status for status, _ in results]
    assert statuses.count(201) == 3, statuses
    for status, data in results:
        if status != 201:
            assert status == 409 and data["error"]["code"] == "parking_full", data
            assert "停车位已约满" in data["error"]["message"]
    assert window_value(api, "parking_booked") == 4 == window_value(api, "parking_capacity")
    assert (
        api.scalar(
            "SELECT COUNT(*) FROM tomb_reservation WHERE status = 'booked' AND parking = :p",
            p=True,
        )
        == 4
    )
    # the people of refused parties were given back with their refusal
    assert window_value(api, "booked") == booked_people(api)


async def test_concurrent_cancels_give_back_once(api: Running) -> None:
    status, created = await api.post(
        RESERVATIONS, json=reservation_body(1, visitors=4, plate="粤B11111")
    )
    assert status == 201
    ref = created["reservation"]["reference"]

    results = await asyncio.gather(
        *(api.post(f"{RESERVATIONS}/{ref}/cancel", json={"phone": phone_for(1)}) for _ in range(10))
    )
    assert sorted(s for s, _ in results) == [200] + [409] * 9
    assert {d["error"]["code"] for s, d in results if s == 409} == {"already_cancelled"}
    assert window_value(api, "booked") == 0 and window_value(api, "parking_booked") == 0
    assert api.scalar("SELECT COUNT(*) FROM tomb_booker_lock") == 0


async def test_one_booker_racing_for_several_windows_gets_one(api: Running) -> None:
    starts = ["07:00", "09:00", "11:00", "13:00", "15:00"] * 3
    bodies = [{**reservation_body(2, visitors=3), "start_time": s} for s in starts]

    results = await asyncio.gather(*(api.post(RESERVATIONS, json=b) for b in bodies))

    statuses = sorted(s for s, _ in results)
    assert statuses == [201] + [409] * 14, statuses
    assert {d["error"]["code"] for s, d in results if s == 409} == {"duplicate_active"}
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 1
    assert api.scalar("SELECT SUM(booked) FROM tomb_window") == 3


async def test_a_retry_storm_with_one_key_books_once(api: Running) -> None:
    body = reservation_body(3, visitors=5, plate="粤B22222")
    headers = {"Idempotency-Key": "tomb-retry-storm"}

    results = await asyncio.gather(
        *(api.post(RESERVATIONS, json=body, headers=headers) for _ in range(20))
    )

    assert {status for status, _ in results} == {201}
    assert len({data["reservation"]["reference"] for _, data in results}) == 1
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 1
    assert window_value(api, "booked") == 5 and window_value(api, "parking_booked") == 1


async def test_bookings_on_other_days_do_not_touch_this_window(api: Running) -> None:
    bodies = [reservation_body(i, day=d, visitors=2) for i, d in enumerate([DAY, "2026-11-26"] * 5)]
    results = await asyncio.gather(*(api.post(RESERVATIONS, json=b) for b in bodies))
    assert {s for s, _ in results} == {201}
    assert api.scalar("SELECT COUNT(*) FROM tomb_window") == 10  # 5 windows x 2 days
    assert api.scalar("SELECT SUM(booked) FROM tomb_window") == 20
