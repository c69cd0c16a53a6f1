"""Hostile and malformed input: a Chinese JSON error, and nothing written."""

from __future__ import annotations

import json
import logging

import pytest
from conftest import Running, ServerFactory
from marriage_testdata import create_body

DAY = "2026-11-25"
PATH = "/api/marriage/appointments"
LONG = "测" * 5000
SQL = "'; DROP TABLE marriage_appointment; --"
HTML = "<script>alert(1)</script>"

TABLES = ("marriage_appointment", "marriage_slot", "marriage_person_lock", "idempotency_key")


def counts(api: Running) -> dict[str, int]:
    return {t: api.scalar(f"SELECT COUNT(*) FROM {t}") for t in TABLES}


def _set(path: str, value):
    def change(body: dict) -> dict:
        body = json.loads(json.dumps(body))
        target = body
        *parents, leaf = path.split(".")
        for part in parents:
            target = target[part]
        target[leaf] = value
        return body

    return change


@pytest.mark.parametrize(
    ("raw", "status", "code"),
    [
        (b"", 400, "empty_body"),
        (b"   ", 400, "empty_body"),
        (b"not json", 400, "invalid_json"),
        (b'{"type": "marriage"', 400, "invalid_json"),
        (b"[1, 2, 3]", 400, "invalid_json"),
        (b'"marriage"', 400, "invalid_json"),
        (b"\xff\xfe\x00garbage", 400, "invalid_json"),
        (b"{}", 422, "field_missing"),
    ],
)
async def test_unparseable_bodies(api: Running, raw: bytes, status: int, code: str) -> None:
    before = counts(api)
    got, data = await api.post(PATH, data=raw, headers={"Content-Type": "application/json"})
    assert got == status and data["error"]["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in data["error"]["message"])
    assert counts(api) == before


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        (_set("party1", "张伟"), 422, "field_invalid"),
        (_set("phone", 13812345678), 422, "field_invalid"),
        (_set("date", 20261125), 422, "field_invalid"),
        (_set("party1.name", ["张伟"]), 422, "field_invalid"),
        (_set("type", 1), 422, "type_invalid"),
        (_set("type", LONG), 422, "type_invalid"),
        (_set("party1.name", LONG), 422, "name_invalid"),
        (_set("party1.id_number", LONG), 422, "id_invalid"),
        (_set("party2.name", "😀😀"), 422, "name_invalid"),
        (_set("party1.name", SQL), 422, "name_invalid"),
        (_set("party2.name", HTML), 422, "name_invalid"),
        (_set("party1.id_number", SQL), 422, "id_invalid"),
        (_set("phone", LONG), 422, "phone_invalid"),
        (_set("phone", HTML), 422, "phone_invalid"),
        (_set("office_id", SQL), 404, "office_not_found"),
        (_set("office_id", LONG), 404, "office_not_found"),
        (_set("start_time", LONG), 422, "time_invalid"),
        (_set("date", SQL), 422, "date_invalid"),
    ],
)
async def test_hostile_fields_are_refused_without_writes(
    api: Running, change, status, code
) -> None:
    before = counts(api)
    got, data = await api.post(PATH, json=change(create_body(DAY)))
    assert got == status, data
    assert data["error"]["code"] == code
    assert counts(api) == before
    assert api.scalar("SELECT COUNT(*) FROM marriage_office") == 21  # nothing dropped


async def test_hostile_lookup_and_paths(api: Running) -> None:
    for reference in (SQL, HTML, LONG, "HY261123%"):
        status, data = await api.post(
            f"{PATH}/lookup", json={"reference": reference, "phone": "13812345678"}
        )
        assert status == 404 and data["error"]["code"] == "not_found"
    status, data = await api.post(f"{PATH}/{'A' * 5000}/cancel", json={"phone": "13812345678"})
    assert status == 404 and data["error"]["code"] == "not_found"
    status, data = await api.post(f"{PATH}/lookup", json={"reference": 5, "phone": "13812345678"})
    assert status == 422 and data["error"]["field"] == "reference"
    assert counts(api)["marriage_appointment"] == 0


async def test_oversized_body_is_413_json(api: Running) -> None:
    status, data = await api.post(PATH, data=b"{" + b" " * 400_000 + b"}")
    assert status == 413 and data["error"]["code"] == "payload_too_large"


async def test_no_full_id_or_phone_in_responses_or_logs(
    start_server: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api = await start_server(access_log=True)
    body = create_body(DAY, phone="13912345678")
    secrets_ = [body["party1"]["id_number"], body["party2"]["id_number"], "13912345678"]
    logging.getLogger("backend.test").info("citizen gave %s and %s", secrets_[0], secrets_[2])

    responses = []
    responses.append(await api.post(PATH, json=body, headers={"Idempotency-Key": "privacy-1"}))
    ref = responses[0][1]["appointment"]["reference"]
    responses.append(await api.post(PATH, json=body, headers={"Idempotency-Key": "privacy-1"}))
    responses.append(await api.post(PATH, json={**body, "start_time": "10:00"}))
    responses.append(
        await api.post(f"{PATH}/lookup", json={"reference": ref, "phone": "13912345678"})
    )
    responses.append(
        await api.post(
            f"{PATH}/{ref}/reschedule",
            json={"phone": "13912345678", "date": "2026-11-26", "start_time": "10:00"},
        )
    )
    responses.append(await api.post(f"{PATH}/{ref}/cancel", json={"phone": "13912345678"}))
    stored = api.scalar("SELECT body FROM idempotency_key")

    everything = json.dumps(responses, ensure_ascii=False) + stored
    logged = "\n".join(
        f"{r.getMessage()} {getattr(r, 'request', '')} {r.exc_text or ''}" for r in caplog.records
    )
    assert "POST" in logged  # the access log was captured
    for secret in secrets_:
        assert secret not in everything
        assert secret not in logged
    assert "citizen gave " + secrets_[0][:3] + "*" * 11 in logged


@pytest.mark.parametrize(
    "path",
    [PATH, f"{PATH}/HY261124K7Q2M/cancel", f"{PATH}/HY261124K7Q2M/reschedule"],
)
async def test_a_lone_surrogate_is_a_422_not_a_500(api: Running, path: str) -> None:
    """Reported: "\\ud800" in any string failed in the idempotency fingerprint (500)."""
    body = create_body(DAY)
    body["party1"]["name"] = "SURROGATE"
    raw = json.dumps(body).replace("SURROGATE", "\\ud800")  # JSON text "\ud800"
    if not path.endswith("appointments"):
        raw = '{"phone": "\\ud800", "date": "2026-11-26", "start_time": "10:00"}'
    for headers in ({}, {"Idempotency-Key": "surrogate-1"}):
        status, data = await api.post(
            path, data=raw.encode(), headers={"Content-Type": "application/json", **headers}
        )
        assert status == 422 and data["error"]["code"] == "field_invalid", data
    assert counts(api)["marriage_appointment"] == 0


async def test_deeply_nested_json_is_a_400_not_a_500(api: Running) -> None:
    """Reported: a body nested 100,000 levels deep failed with a RecursionError (500)."""
    status, data = await api.post(PATH, data=b"[" * 100_000 + b"]" * 100_000)
    assert status in (400, 413) and data["error"]["code"] in ("invalid_json", "payload_too_large")
    status, data = await api.post(PATH, data=b'{"a":' * 20_000 + b"1" + b"}" * 20_000)
    assert status == 400 and data["error"]["code"] == "invalid_json"


async def test_open_days_at_the_end_of_the_calendar_is_a_400_not_a_500(api: Running) -> None:
    """Reported: open-days?from=9999-12-31&days=2 failed with an OverflowError (500)."""
    status, data = await api.get(
        "/api/marriage/offices/sz-futian/open-days", params={"from": "9999-12-31", "days": "2"}
    )
    assert status == 400 and data["error"]["code"] == "date_invalid"
