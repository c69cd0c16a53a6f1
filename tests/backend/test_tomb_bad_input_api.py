"""Hostile and malformed input to the tomb-sweeping API: a Chinese 4xx, and nothing written."""

from __future__ import annotations

import json
from urllib.parse import quote

import pytest
from conftest import Running
from tomb_testdata import PATH, RESERVATIONS, reservation_body

LONG = "祭" * 5000
SQL = "'; DROP TABLE tomb_reservation; --"
HTML = "<script>alert(1)</script>"
EMOJI = "🙏🕯️"
TABLES = ("tomb_reservation", "tomb_window", "tomb_booker_lock", "idempotency_key")


def counts(api: Running) -> dict[str, int]:
    return {t: api.scalar(f"SELECT COUNT(*) FROM {t}") for t in TABLES}


def is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


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


def _drop(name: str):
    def change(body: dict) -> dict:
        return {k: v for k, v in body.items() if k != name}

    return change


@pytest.mark.parametrize(
    ("raw", "status", "code"),
    [
        (b"", 400, "empty_body"),
        (b"  \n ", 400, "empty_body"),
        (b"not json", 400, "invalid_json"),
        (b'{"cemetery_id": "sz-futian"', 400, "invalid_json"),
        (b"[1, 2, 3]", 400, "invalid_json"),
        (b"null", 400, "invalid_json"),
        (b'"sz-futian"', 400, "invalid_json"),
        (b"\xff\xfe\x00garbage", 400, "invalid_json"),
        (b"[" * 100_000, 400, "invalid_json"),
        (b"{}", 422, "field_missing"),
    ],
)
async def test_unparseable_bodies(api: Running, raw: bytes, status: int, code: str) -> None:
    before = counts(api)
    got, data = await api.post(RESERVATIONS, data=raw, headers={"Content-Type": "application/json"})
    assert got == status and data["error"]["code"] == code
    assert is_chinese(data["error"]["message"])
    assert counts(api) == before


@pytest.mark.parametrize(
    ("field", "where"),
    [
        ("deceased_name", '"deceased_name": "陈\\ud800明"'),
        ("booker.name", '"booker": {"name": "\\udfff", "id_number": "110105199003078816"}'),
        ("plot_number", '"plot_number": "A\\ud83d"'),
        ("plate", '"plate": "粤B\\udc0012345"'),
    ],
)
async def test_lone_surrogates_are_refused(api: Running, field: str, where: str) -> None:
    body = reservation_body(1)
    key = field.split(".")[0]
    text = json.dumps({k: v for k, v in body.items() if k != key})
    raw = text[:-1] + ", " + where + "}"
    before = counts(api)
    status, data = await api.post(
        RESERVATIONS, data=raw.encode(), headers={"Content-Type": "application/json"}
    )
    assert status == 422 and data["error"]["code"] == "field_invalid"
    assert data["error"]["field"] == field
    assert counts(api) == before


@pytest.mark.parametrize(
    ("change", "status", "code"),
    [
        # wrong types
        (_set("booker", "陈建华"), 422, "field_invalid"),
        (_set("booker.name", ["陈建华"]), 422, "field_invalid"),
        (_set("booker.id_number", 110105199003078816), 422, "field_invalid"),
        (_set("phone", 13612345678), 422, "field_invalid"),
        (_set("date", 20261125), 422, "field_invalid"),
        (_set("start_time", 9), 422, "field_invalid"),
        (_set("cemetery_id", None), 422, "field_invalid"),
        (_set("cemetery_id", {"id": "sz-futian"}), 422, "field_invalid"),
        (_set("plate", 12345), 422, "field_invalid"),
        (_set("plot_number", 12), 422, "plot_number_invalid"),
        (_set("visitors", "3"), 422, "visitors_invalid"),
        (_set("visitors", 2.5), 422, "visitors_invalid"),
        (_set("visitors", True), 422, "visitors_invalid"),
        (_set("visitors", None), 422, "visitors_invalid"),
        (_set("visitors", [2]), 422, "visitors_invalid"),
        (_set("visitors", 10**30), 422, "visitors_over_limit"),
        (_set("visitors", -(10**30)), 422, "visitors_invalid"),
        (_set("unexpected", "x"), 422, "field_unknown"),
        (_set("booker.age", 40), 422, "field_unknown"),
        (_drop("deceased_name"), 422, "field_missing"),
        (_drop("booker"), 422, "field_missing"),
        # hostile strings
        (_set("booker.name", LONG), 422, "name_invalid"),
        (_set("booker.name", SQL), 422, "name_invalid"),
        (_set("booker.name", HTML), 422, "name_invalid"),
        (_set("deceased_name", EMOJI), 422, "name_invalid"),
        (_set("deceased_name", ""), 422, "name_invalid"),
        (_set("booker.id_number", LONG), 422, "id_invalid"),
        (_set("booker.id_number", SQL), 422, "id_invalid"),
        (_set("phone", HTML), 422, "phone_invalid"),
        (_set("phone", LONG), 422, "phone_invalid"),
        (_set("plot_number", SQL), 422, "plot_number_invalid"),
        (_set("plot_number", HTML), 422, "plot_number_invalid"),
        (_set("plot_number", EMOJI), 422, "plot_number_invalid"),
        (_set("plot_number", LONG), 422, "plot_number_invalid"),
        (_set("plot_number", "A区\x003号"), 422, "field_invalid"),  # NUL: not storable text
        (_set("plate", SQL), 422, "plate_invalid"),
        (_set("plate", HTML), 422, "plate_invalid"),
        (_set("plate", LONG), 422, "plate_invalid"),
        (_set("plate", EMOJI), 422, "plate_invalid"),
        (_set("cemetery_id", SQL), 404, "cemetery_not_found"),
        (_set("cemetery_id", LONG), 404, "cemetery_not_found"),
        (_set("cemetery_id", ""), 404, "cemetery_not_found"),
        (_set("start_time", LONG), 422, "time_invalid"),
        (_set("start_time", "99:99"), 422, "time_invalid"),
        (_set("date", SQL), 422, "date_invalid"),
        (_set("date", "2026-02-30"), 422, "date_invalid"),
        (_set("date", "0001-01-01"), 422, "outside_window"),
        (_set("date", "9999-12-31"), 422, "outside_window"),
    ],
)
async def test_hostile_fields_are_refused_without_writes(
    api: Running, change, status, code
) -> None:
    before = counts(api)
    got, data = await api.post(RESERVATIONS, json=change(reservation_body(1)))
    assert got == status, data
    assert data["error"]["code"] == code
    assert is_chinese(data["error"]["message"])
    assert counts(api) == before
    assert api.scalar("SELECT COUNT(*) FROM tomb_cemetery") == 8  # nothing dropped


async def test_hostile_lookups_paths_and_queries(api: Running) -> None:
    for reference in (SQL, HTML, LONG, "JS261123%", "JS261123_____", ""):
        status, data = await api.post(
            f"{RESERVATIONS}/lookup", json={"reference": reference, "phone": "13612345678"}
        )
        assert status == 404 and data["error"]["code"] == "not_found"
    status, data = await api.post(
        f"{RESERVATIONS}/lookup", json={"reference": 5, "phone": "13612345678"}
    )
    assert status == 422 and data["error"]["field"] == "reference"
    status, data = await api.post(f"{RESERVATIONS}/lookup", json={"reference": "JS261123ABCDE"})
    assert status == 422 and data["error"]["code"] == "field_missing"
    for reference in ("A" * 5000, quote(SQL, safe=""), quote("祭扫", safe="")):
        status, data = await api.post(
            f"{RESERVATIONS}/{reference}/cancel", json={"phone": "13612345678"}
        )
        assert status == 404 and data["error"]["code"] == "not_found"
    status, data = await api.post(f"{RESERVATIONS}/JS261123ABCDE/cancel", json={"phone": [1]})
    assert status == 422 and data["error"]["code"] == "field_invalid"

    status, data = await api.get(f"{PATH}/cemeteries", params={"city": SQL})
    assert status == 200 and data["cemeteries"] == []
    status, data = await api.get(f"{PATH}/cemeteries", params={"city": "祭" * 500})
    assert status == 200 and data["cemeteries"] == []
    status, data = await api.get(f"{PATH}/cemeteries", params={"city": LONG})
    assert status == 413 and data["error"]["code"] == "payload_too_large"  # URL too long
    status, data = await api.get(f"{PATH}/cemeteries/{quote(SQL, safe='')}")
    assert status == 404 and data["error"]["code"] == "cemetery_not_found"
    for query in ({"date": "祭" * 500}, {"date": SQL}, {"date": "2026-11-25T00:00"}):
        status, data = await api.get(f"{PATH}/cemeteries/sz-futian/slots", params=query)
        assert status == 400 and data["error"]["code"] == "date_invalid"
    status, data = await api.get(
        f"{PATH}/cemeteries/sz-futian/open-days", params={"days": "9" * 5000}
    )
    assert status == 400 and data["error"]["code"] == "days_invalid"
    status, data = await api.get(
        f"{PATH}/cemeteries/sz-futian/open-days", params={"from": "2099-12-31", "days": "62"}
    )
    assert status == 200 and len(data["days"]) == 62
    assert counts(api) == {t: 0 for t in TABLES}


async def test_oversized_body_is_413_json(api: Running) -> None:
    status, data = await api.post(RESERVATIONS, data=b"{" + b" " * 400_000 + b"}")
    assert status == 413 and data["error"]["code"] == "payload_too_large"
    assert counts(api) == {t: 0 for t in TABLES}


async def test_wrong_methods_are_json_errors(api: Running) -> None:
    status, data = await api.request("DELETE", f"{PATH}/cemeteries")
    assert status == 405 and data["error"]["code"] == "method_not_allowed"
    status, data = await api.get(RESERVATIONS)
    assert status == 405 and data["error"]["code"] == "method_not_allowed"
