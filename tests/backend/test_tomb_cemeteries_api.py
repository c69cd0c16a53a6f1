"""Cemeteries, days, peak periods and the booking window of the tomb-sweeping API."""

from __future__ import annotations

from datetime import date
from types import MappingProxyType

from conftest import Running, ServerFactory
from tomb_testdata import DONGZHI, PATH, RESERVATIONS, reservation_body

WINDOWS = [
    ("07:00", "09:00"),
    ("09:00", "11:00"),
    ("11:00", "13:00"),
    ("13:00", "15:00"),
    ("15:00", "17:00"),
]


async def slots(api: Running, cemetery_id: str, day: str) -> dict:
    status, data = await api.get(f"{PATH}/cemeteries/{cemetery_id}/slots", params={"date": day})
    assert status == 200, data
    return data


async def test_cemeteries_are_listed_marked_as_sample_and_filtered_by_city(api: Running) -> None:
    status, data = await api.get(f"{PATH}/cemeteries")
    assert status == 200 and data["sample_data"] is True
    by_id = {c["id"]: c for c in data["cemeteries"]}
    assert set(by_id) == {
        "sz-futian",
        "sz-longhua",
        "sz-baoan",
        "sz-longgang",
        "gz-baiyun",
        "gz-tianhe",
        "gz-panyu",
        "gz-huadu",
    }
    for cemetery in by_id.values():
        assert cemetery["sample"] is True
        assert "示例" in cemetery["address"] and "示例" in cemetery["hours"]
        if cemetery["online_worship"]:
            assert "示例" in cemetery["online_url"] and ".invalid/" in cemetery["online_url"]
        else:
            assert cemetery["online_url"] is None
    assert by_id["sz-baoan"]["kind"] == by_id["gz-tianhe"]["kind"] == "columbarium"
    assert by_id["sz-futian"]["kind"] == "cemetery"
    assert {c["reservation"] for c in by_id.values()} == {"always", "peak_only"}
    neither = [c for c in by_id.values() if not c["proxy_worship"] and not c["online_worship"]]
    assert neither and any(c["proxy_worship"] for c in by_id.values())
    assert by_id["sz-futian"]["max_visitors"] == 5  # the service default
    assert by_id["sz-longhua"]["max_visitors"] == 6  # its own limit
    assert by_id["sz-baoan"]["parking"] is False and by_id["sz-futian"]["parking"] is True

    _, shenzhen = await api.get(f"{PATH}/cemeteries", params={"city": "深圳"})
    assert [c["id"] for c in shenzhen["cemeteries"]] == [
        "sz-baoan",
        "sz-futian",
        "sz-longgang",
        "sz-longhua",
    ]
    _, guangzhou = await api.get(f"{PATH}/cemeteries", params={"city": " 广州市 "})
    assert {c["city"] for c in guangzhou["cemeteries"]} == {"广州"}
    assert len(guangzhou["cemeteries"]) == 4
    _, nowhere = await api.get(f"{PATH}/cemeteries", params={"city": "拉萨"})
    assert nowhere == {"sample_data": False, "cemeteries": []}


async def test_one_cemetery_and_unknown_cemetery(api: Running) -> None:
    status, data = await api.get(f"{PATH}/cemeteries/gz-panyu")
    assert status == 200
    assert data["cemetery"]["name"] == "番禺思源园" and data["cemetery"]["district"] == "番禺区"
    for path in ("/cemeteries/xx-nowhere", "/cemeteries/xx-nowhere/slots?date=2026-11-25"):
        status, data = await api.get(PATH + path)
        assert status == 404 and data["error"]["code"] == "cemetery_not_found"
        assert "未找到" in data["error"]["message"]


async def test_an_ordinary_day_uses_the_off_peak_quota(api: Running) -> None:
    data = await slots(api, "sz-futian", "2026-11-28")  # a Saturday: open every day
    assert data["open"] is True and data["closed_reason"] is None and data["message"] is None
    assert data["peak"] is None and data["reservation_required"] is True
    assert data["window"] == {"first": "2026-11-24", "last": "2026-12-23"}
    assert [(s["start"], s["end"]) for s in data["slots"]] == WINDOWS
    assert {(s["capacity"], s["available"]) for s in data["slots"]} == {(80, 80)}
    assert {(s["parking_capacity"], s["parking_available"]) for s in data["slots"]} == {(30, 30)}
    assert data["parking_available"] == 150 and data["provisional"] is False


async def test_dongzhi_is_a_peak_day_with_the_peak_quota(api: Running) -> None:
    data = await slots(api, "sz-futian", DONGZHI)
    assert data["open"] is True
    assert data["peak"] == {
        "name": "冬至",
        "day": "2026-12-22",
        "start": "2026-12-19",
        "end": "2026-12-25",
    }
    assert {s["capacity"] for s in data["slots"]} == {200}
    # the period's edges
    assert (await slots(api, "sz-futian", "2026-12-19"))["peak"]["name"] == "冬至"
    assert (await slots(api, "sz-futian", "2026-12-18"))["peak"] is None


async def test_peak_only_cemeteries_need_a_reservation_only_in_peaks(api: Running) -> None:
    ordinary = await slots(api, "sz-longhua", "2026-11-25")
    assert ordinary["reservation_required"] is False
    assert ordinary["open"] is True and ordinary["slots"][0]["capacity"] == 50  # still bookable
    peak = await slots(api, "sz-longhua", DONGZHI)
    assert peak["reservation_required"] is True and peak["slots"][0]["capacity"] == 150
    status, data = await api.post(
        RESERVATIONS, json=reservation_body(cemetery_id="sz-longhua", visitors=6)
    )
    assert status == 201, data


async def test_days_outside_the_window_say_when_booking_opens(api: Running) -> None:
    data = await slots(api, "sz-futian", "2027-04-05")
    assert data["open"] is False and data["closed_reason"] == "outside_window"
    assert data["slots"] == [] and data["parking_available"] == 0
    assert "2027年4月5日（清明）的预约将于2027年3月6日开放。" in data["message"]
    assert data["peak"] == {
        "name": "清明",
        "day": "2027-04-05",
        "start": "2027-03-29",
        "end": "2027-04-12",
    }
    data = await slots(api, "sz-futian", "2027-04-01")
    assert "2027年4月1日（清明祭扫高峰期）的预约将于2027年3月2日开放。" in data["message"]
    data = await slots(api, "sz-futian", "2026-12-24")
    assert data["message"].startswith(
        "2026年12月24日（冬至祭扫高峰期）的预约将于2026年11月24日开放"
    )
    data = await slots(api, "sz-futian", "2027-01-10")
    assert data["message"].startswith("2027年1月10日的预约将于2026年12月11日开放。")
    for day in ("2026-11-23", "2026-11-01"):
        data = await slots(api, "sz-futian", day)
        assert data["closed_reason"] == "outside_window"
        assert (
            "至少提前一天" in data["message"]
            and "2026年11月24日至2026年12月23日" in data["message"]
        )

    status, data = await api.post(RESERVATIONS, json=reservation_body(day="2027-04-05"))
    assert status == 422 and data["error"]["code"] == "outside_window"
    assert data["error"]["field"] == "date" and "2027年3月6日开放" in data["error"]["message"]
    status, data = await api.post(RESERVATIONS, json=reservation_body(day="2026-11-23"))
    assert status == 422 and data["error"]["code"] == "outside_window"
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation") == 0


async def test_qingming_2027_when_its_window_is_open(start_server: ServerFactory) -> None:
    api = await start_server(today=date(2027, 3, 20))
    data = await slots(api, "gz-baiyun", "2027-04-05")
    assert data["open"] is True and data["peak"]["name"] == "清明"
    assert data["peak"]["day"] == "2027-04-05"
    assert {s["capacity"] for s in data["slots"]} == {250}
    status, booked = await api.post(
        RESERVATIONS, json=reservation_body(day="2027-04-05", cemetery_id="gz-baiyun", visitors=5)
    )
    assert status == 201, booked
    reservation = booked["reservation"]
    assert reservation["reference"].startswith("JS270320")
    assert reservation["peak"] == data["peak"]
    after = await slots(api, "gz-baiyun", "2027-04-05")
    assert after["slots"][1]["available"] == 245
    assert (await slots(api, "gz-huadu", "2027-04-13"))["reservation_required"] is False
    assert (await slots(api, "gz-huadu", "2027-04-12"))["reservation_required"] is True


async def test_a_far_year_has_its_peaks_too(start_server: ServerFactory) -> None:
    api = await start_server(today=date(2040, 3, 25))
    data = await slots(api, "sz-futian", "2040-04-04")
    assert data["peak"] == {
        "name": "清明",
        "day": "2040-04-04",
        "start": "2040-03-28",
        "end": "2040-04-11",
    }
    assert data["open"] is True and data["provisional"] is False
    status, booked = await api.post(RESERVATIONS, json=reservation_body(day="2040-04-04"))
    assert status == 201, booked
    # 重阳 2040 (lunar 9/9) is 2040-10-14
    data = await slots(api, "sz-futian", "2040-10-14")
    assert data["peak"]["name"] == "重阳" and data["peak"]["day"] == "2040-10-14"


async def test_open_days_list_free_places_and_peaks(api: Running) -> None:
    api.execute("UPDATE tomb_cemetery SET off_peak_quota = 3 WHERE id = 'sz-futian'")
    status, _ = await api.post(RESERVATIONS, json=reservation_body(day="2026-11-24", visitors=2))
    assert status == 201
    status, data = await api.get(
        f"{PATH}/cemeteries/sz-futian/open-days", params={"from": "2026-12-18", "days": "8"}
    )
    assert status == 200 and data["cemetery_id"] == "sz-futian"
    days = {d["date"]: d for d in data["days"]}
    assert len(days) == 8 and all(d["provisional"] is False for d in days.values())
    assert days["2026-12-18"]["peak"] is None and days["2026-12-18"]["available"] == 15
    assert days["2026-12-22"]["peak"]["name"] == "冬至" and days["2026-12-22"]["available"] == 1000
    assert days["2026-12-24"]["open"] is False and days["2026-12-24"]["available"] == 0
    assert days["2026-12-24"]["peak"]["name"] == "冬至"

    _, default = await api.get(f"{PATH}/cemeteries/sz-futian/open-days", params={"days": "2"})
    assert [(d["date"], d["available"]) for d in default["days"]] == [
        ("2026-11-24", 13),
        ("2026-11-25", 15),
    ]
    for query in ({"days": "0"}, {"days": "63"}, {"days": "x"}):
        status, data = await api.get(f"{PATH}/cemeteries/sz-futian/open-days", params=query)
        assert status == 400 and data["error"]["code"] == "days_invalid"
    status, data = await api.get(
        f"{PATH}/cemeteries/sz-futian/open-days", params={"from": "2026-02-30"}
    )
    assert status == 400 and data["error"]["code"] == "date_invalid"


async def test_bad_date_query_is_400(api: Running) -> None:
    for query in ({"date": "2026-13-01"}, {"date": "清明"}, {"date": "1999-04-05"}, {}):
        status, data = await api.get(f"{PATH}/cemeteries/sz-futian/slots", params=query)
        assert status == 400 and data["error"]["code"] == "date_invalid"
        assert data["error"]["field"] == "date"


async def test_settings_change_the_window_and_the_default_party_limit(
    start_server: ServerFactory,
) -> None:
    env = MappingProxyType({"TOMB_BOOKING_DAYS": "60", "TOMB_MAX_VISITORS": "3"})
    api = await start_server(env=env)
    data = await slots(api, "sz-futian", "2027-01-20")
    assert data["open"] is True and data["window"]["last"] == "2027-01-22"
    _, cemetery = await api.get(f"{PATH}/cemeteries/sz-futian")
    assert cemetery["cemetery"]["max_visitors"] == 3
    _, cemetery = await api.get(f"{PATH}/cemeteries/sz-longhua")
    assert cemetery["cemetery"]["max_visitors"] == 6  # its own limit wins
    status, data = await api.post(RESERVATIONS, json=reservation_body(visitors=4))
    assert status == 422 and data["error"]["code"] == "visitors_over_limit"
    assert "最多可登记3人" in data["error"]["message"]


async def test_openapi_documents_the_tomb_sweeping_routes(api: Running) -> None:
    status, doc = await api.get("/openapi.json")
    assert status == 200
    paths = doc["paths"]
    for path in (
        "/api/tomb-sweeping/cemeteries",
        "/api/tomb-sweeping/cemeteries/{cemetery_id}",
        "/api/tomb-sweeping/cemeteries/{cemetery_id}/slots",
        "/api/tomb-sweeping/cemeteries/{cemetery_id}/open-days",
        "/api/tomb-sweeping/reservations/lookup",
    ):
        assert path in paths, path
    create = paths["/api/tomb-sweeping/reservations"]["post"]
    assert "201" in create["responses"] and "409" in create["responses"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])
    cancel = paths["/api/tomb-sweeping/reservations/{reference}/cancel"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in cancel["parameters"])
    schemas = doc["components"]["schemas"]
    assert {"CemeteryDayOut", "ReservationEnvelope", "CreateReservationIn"} <= set(schemas)
    assert "parking_available" in schemas["CemeterySlotOut"]["properties"]
    assert paths["/api/marriage/offices"]  # the other service is still there
