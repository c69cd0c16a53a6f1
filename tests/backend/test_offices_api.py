"""Offices, days and slots, health, OpenAPI and the JSON error format."""

from __future__ import annotations

import re
from datetime import date

from conftest import Running, ServerFactory
from marriage_testdata import create_body


async def test_health_checks_the_database(api: Running) -> None:
    assert await api.get("/health") == (200, {"status": "ok"})


async def test_offices_are_listed_and_marked_as_sample(api: Running) -> None:
    status, data = await api.get("/api/marriage/offices")
    assert status == 200 and data["sample_data"] is True
    ids = {o["id"] for o in data["offices"]}
    assert len(ids) == 21 and {"sz-nanshan", "gz-tianhe", "sz-dapeng", "gz-zengcheng"} <= ids
    for office in data["offices"]:
        assert office["sample"] is True
        assert "示例" in office["address"]
        assert set(office) >= {"id", "name", "city", "district", "address", "hours", "sample"}

    status, shenzhen = await api.get("/api/marriage/offices", params={"city": "深圳"})
    assert status == 200 and len(shenzhen["offices"]) == 10
    assert {o["city"] for o in shenzhen["offices"]} == {"深圳"}
    _, guangzhou = await api.get("/api/marriage/offices", params={"city": "广州市"})
    assert len(guangzhou["offices"]) == 11


async def test_one_office_and_unknown_office(api: Running) -> None:
    status, data = await api.get("/api/marriage/offices/sz-nanshan")
    assert status == 200
    assert data["office"]["name"] == "深圳市南山区婚姻登记处"
    assert data["office"]["district"] == "南山区"
    status, data = await api.get("/api/marriage/offices/xx-nowhere")
    assert status == 404 and data["error"]["code"] == "office_not_found"
    status, data = await api.get(
        "/api/marriage/offices/xx-nowhere/slots", params={"date": "2026-11-25"}
    )
    assert status == 404 and data["error"]["code"] == "office_not_found"


async def test_slots_of_an_open_day(api: Running) -> None:
    status, data = await api.get(
        "/api/marriage/offices/sz-futian/slots", params={"date": "2026-11-24"}
    )
    assert status == 200
    assert data["open"] is True and data["closed_reason"] is None and data["message"] is None
    assert data["window"] == {"first": "2026-11-24", "last": "2026-12-23"}
    assert [(s["start"], s["end"]) for s in data["slots"]] == [
        ("09:00", "10:00"),
        ("10:00", "11:00"),
        ("11:00", "12:00"),
        ("14:00", "15:00"),
        ("15:00", "16:00"),
        ("16:00", "17:00"),
    ]
    assert all(s["capacity"] == 8 and s["available"] == 8 for s in data["slots"])


async def test_weekend_and_outside_window_are_closed_with_reason(api: Running) -> None:
    status, data = await api.get(
        "/api/marriage/offices/sz-futian/slots", params={"date": "2026-11-29"}
    )
    assert status == 200 and data["open"] is False and data["closed_reason"] == "weekend"
    assert "周末" in data["message"] and data["slots"] == []
    status, data = await api.get(
        "/api/marriage/offices/sz-futian/slots", params={"date": "2026-12-24"}
    )
    assert data["closed_reason"] == "outside_window" and "2026年12月23日" in data["message"]


async def test_bad_date_query_is_400(api: Running) -> None:
    for query in ({"date": "2026-13-01"}, {"date": "下周三"}, {}):
        status, data = await api.get("/api/marriage/offices/sz-futian/slots", params=query)
        assert status == 400 and data["error"]["code"] == "date_invalid"
        assert data["error"]["field"] == "date"


async def test_national_day_holiday_and_adjusted_workday(start_server: ServerFactory) -> None:
    api = await start_server(today=date(2026, 9, 21))
    _, data = await api.get("/api/marriage/offices/gz-tianhe/slots", params={"date": "2026-10-01"})
    assert data["open"] is False and data["closed_reason"] == "holiday"
    assert "国庆节" in data["message"]
    _, data = await api.get("/api/marriage/offices/gz-tianhe/slots", params={"date": "2026-10-10"})
    assert data["open"] is True and len(data["slots"]) == 6  # Saturday 调休 working day

    _, days = await api.get(
        "/api/marriage/offices/gz-tianhe/open-days", params={"from": "2026-09-30", "days": "12"}
    )
    open_dates = [d["date"] for d in days["days"] if d["open"]]
    assert open_dates == ["2026-09-30", "2026-10-08", "2026-10-09", "2026-10-10"]


async def test_520_is_a_special_day_with_its_own_quota(start_server: ServerFactory) -> None:
    api = await start_server(today=date(2023, 5, 10))
    _, data = await api.get("/api/marriage/offices/sz-nanshan/slots", params={"date": "2023-05-20"})
    assert data["open"] is True and data["special_day"] == {"name": "520"}  # a Saturday
    assert {s["capacity"] for s in data["slots"]} == {20}
    status, booked = await api.post(
        "/api/marriage/appointments", json=create_body("2023-05-20", "10:00")
    )
    assert status == 201, booked
    _, data = await api.get("/api/marriage/offices/sz-nanshan/slots", params={"date": "2023-05-20"})
    assert data["slots"][1]["available"] == 19


async def test_qixi_on_a_saturday_is_open(start_server: ServerFactory) -> None:
    api = await start_server(today=date(2024, 8, 1))
    _, data = await api.get("/api/marriage/offices/sz-nanshan/slots", params={"date": "2024-08-10"})
    assert data["open"] is True and data["special_day"] == {"name": "七夕"}
    assert data["slots"][0]["capacity"] == 20
    _, data = await api.get("/api/marriage/offices/sz-nanshan/slots", params={"date": "2024-08-11"})
    assert data["open"] is False and data["closed_reason"] == "weekend"


async def test_days_beyond_the_official_calendar_are_provisional(
    start_server: ServerFactory,
) -> None:
    api = await start_server(today=date(2026, 12, 20))
    _, data = await api.get("/api/marriage/offices/sz-nanshan/slots", params={"date": "2027-01-04"})
    assert data["open"] is True and data["provisional"] is True
    status, booked = await api.post("/api/marriage/appointments", json=create_body("2027-01-04"))
    assert status == 201 and booked["appointment"]["provisional"] is True
    _, data = await api.get("/api/marriage/offices/sz-nanshan/slots", params={"date": "2027-01-01"})
    assert data["open"] is False and "元旦" in data["message"]


async def test_open_days_lists_free_seats(api: Running) -> None:
    api.execute("UPDATE marriage_office SET slot_capacity = 2 WHERE id = 'sz-nanshan'")
    await api.post("/api/marriage/appointments", json=create_body("2026-11-24"))
    status, data = await api.get("/api/marriage/offices/sz-nanshan/open-days", params={"days": "7"})
    assert status == 200
    days = {d["date"]: d for d in data["days"]}
    assert next(iter(days)) == "2026-11-24" and len(days) == 7
    assert days["2026-11-24"]["available"] == 11 and days["2026-11-25"]["available"] == 12
    assert days["2026-11-28"]["open"] is False and days["2026-11-28"]["available"] == 0
    status, data = await api.get(
        "/api/marriage/offices/sz-nanshan/open-days", params={"days": "500"}
    )
    assert status == 400 and data["error"]["code"] == "days_invalid"


async def test_sanic_errors_are_json_in_chinese(api: Running) -> None:
    status, data = await api.get("/no/such/route")
    assert status == 404 and data["error"]["code"] == "route_not_found"
    assert data["error"]["message"] == "请求的接口不存在。"
    status, data = await api.request("DELETE", "/api/marriage/offices")
    assert status == 405 and data["error"]["code"] == "method_not_allowed"


async def test_unexpected_errors_are_generic_500_and_logged(api: Running, caplog) -> None:
    def broken(*_args, **_kwargs):
        raise RuntimeError("boom with 13812345678 inside")

    api.app.ctx.services["marriage"].schedule.day_info = broken
    status, data = await api.get(
        "/api/marriage/offices/sz-nanshan/slots", params={"date": "2026-11-25"}
    )
    assert status == 500 and data["error"]["code"] == "internal_error"
    assert "boom" not in str(data) and "系统繁忙" in data["error"]["message"]
    logged = "\n".join(r.getMessage() + (r.exc_text or "") for r in caplog.records)
    assert "boom with 138****5678 inside" in logged
    assert "13812345678" not in logged


async def test_openapi_document_describes_every_route(api: Running) -> None:
    status, doc = await api.get("/openapi.json")
    assert status == 200 and doc["openapi"].startswith("3.")
    assert set(doc["paths"]) >= {
        "/health",
        "/openapi.json",
        "/api/marriage/offices",
        "/api/marriage/offices/{office_id}",
        "/api/marriage/offices/{office_id}/slots",
        "/api/marriage/offices/{office_id}/open-days",
        "/api/marriage/appointments",
        "/api/marriage/appointments/lookup",
        "/api/marriage/appointments/{reference}/cancel",
        "/api/marriage/appointments/{reference}/reschedule",
    }
    schemas = doc["components"]["schemas"]
    create = schemas["CreateAppointmentIn"]
    assert set(create["required"]) == {"type", "office_id", "date", "start_time", "party1", "phone"}
    assert "reference" in schemas["AppointmentOut"]["properties"]
    assert schemas["DaySlotsOut"]["properties"]["message"]["nullable"] is True
    post = doc["paths"]["/api/marriage/appointments"]["post"]
    assert {"201", "409", "422"} <= set(post["responses"])
    # every $ref resolves
    refs = _refs(doc)
    assert refs and all(r.removeprefix("#/components/schemas/") in schemas for r in refs)
    # every route the app serves is documented, with its method and schemas
    for route in api.app.router.routes:
        path = "/" + re.sub(r"<(\w+)(?::[^>]+)?>", r"{\1}", route.path.strip("/"))
        assert path in doc["paths"], path
        for method in route.methods - {"HEAD", "OPTIONS"}:
            operation = doc["paths"][path][method.lower()]
            success = next(code for code in operation["responses"] if code.startswith("2"))
            if path != "/openapi.json":
                assert (
                    "$ref"
                    in operation["responses"][success]["content"]["application/json"]["schema"]
                ), (method, path)
            if method == "POST":
                assert "$ref" in operation["requestBody"]["content"]["application/json"]["schema"]


def _refs(node) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [r for v in node.values() for r in _refs(v)]
    if isinstance(node, list):
        return [r for v in node for r in _refs(v)]
    return []
