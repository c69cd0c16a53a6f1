"""Personal data of tomb-sweeping reservations: sealed at rest, masked on the wire and in logs.

The booker's name and ID number, the phone, the deceased's name and the plate are personal
data; the plot number names a place in the cemetery and is stored and shown as typed.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from conftest import Running, ServerFactory
from sqlalchemy import create_engine, inspect, text
from sqlalchemy.engine import make_url
from tomb_testdata import RESERVATIONS, booker_id, reservation_body

BOOKER = "欧阳明远"
DECEASED = "欧阳德厚"
PHONE = "13698765432"
PLATE = "粤B86A71"
PLOT = "福寿区7排19号"


def private_body(i: int, start: str = "09:00", plate: bool = True) -> dict:
    body = reservation_body(i, start=start, plate=PLATE if plate else None, plot_number=PLOT)
    body["booker"] = {"name": BOOKER, "id_number": booker_id(i)}
    body["deceased_name"] = DECEASED
    body["phone"] = PHONE
    return body


def secrets_of(bodies: list[dict]) -> list[str]:
    return [BOOKER, DECEASED, PHONE, PLATE, *(b["booker"]["id_number"] for b in bodies)]


async def journey(api: Running, bodies: list[dict]) -> list[tuple[int, dict]]:
    """Create (twice with one key), look up and cancel: every path that touches the data."""
    responses = []
    for n, body in enumerate(bodies):
        key = {"Idempotency-Key": f"privacy-{n}"}
        responses.append(await api.post(RESERVATIONS, json=body, headers=key))
        responses.append(await api.post(RESERVATIONS, json=body, headers=key))
    responses.append(await api.post(RESERVATIONS, json=bodies[0]))  # duplicate_active
    ref = responses[0][1]["reservation"]["reference"]
    responses.append(
        await api.post(f"{RESERVATIONS}/lookup", json={"reference": ref, "phone": PHONE})
    )
    responses.append(
        await api.post(
            f"{RESERVATIONS}/{ref}/cancel", json={"phone": PHONE}, headers={"Idempotency-Key": "c"}
        )
    )
    assert [s for s, _ in responses] == [201, 201, 201, 201, 409, 200, 200]
    return responses


def database_bytes(db_url: str) -> bytes:
    """Everything the database holds: SQLite's file and write-ahead log as stored on disk;
    on PostgreSQL every row of every table, as text."""
    url = make_url(db_url)
    if url.get_backend_name() == "sqlite":
        path = Path(url.database or "")
        return b"".join(p.read_bytes() for p in (path, Path(f"{path}-wal")) if p.exists())
    engine = create_engine(db_url, future=True)
    try:
        with engine.connect() as conn:
            tables = inspect(conn).get_table_names()
            rows = [
                str(row[0])
                for table in tables
                for row in conn.execute(text(f'SELECT CAST(t AS text) FROM "{table}" t'))
            ]
    finally:
        engine.dispose()
    return "\n".join([*tables, *rows]).encode("utf-8")


async def test_no_raw_personal_value_in_the_database_file(api: Running) -> None:
    bodies = [private_body(1), private_body(2, "11:00", plate=False)]
    await journey(api, bodies)
    await api.post(RESERVATIONS, json={**private_body(3), "visitors": 99})  # refused, not stored

    stored = database_bytes(api.db_url)
    assert b"tomb_reservation" in stored and len(stored) > 10_000
    for secret in secrets_of([*bodies, private_body(3)]):
        assert secret.encode("utf-8") not in stored, secret
        assert secret.encode("utf-16-le") not in stored, secret
    assert "欧***".encode() in stored  # only the masked name, in the stored replay


async def test_no_raw_personal_value_in_any_table(api: Running) -> None:
    bodies = [private_body(4), private_body(5, "13:00", plate=False)]
    await journey(api, bodies)
    dump = ""
    for row in range(1, 3):
        dump += api.scalar(
            "SELECT booker_name_sealed || booker_id_sealed || phone_sealed || phone_digest || "
            "deceased_name_sealed || COALESCE(plate_sealed, '') FROM tomb_reservation "
            "WHERE id = :id",
            id=row,
        )
    assert api.scalar("SELECT COUNT(*) FROM tomb_reservation WHERE plate_sealed IS NULL") == 1
    assert api.scalar("SELECT COUNT(*) FROM tomb_booker_lock") == 1  # one was cancelled
    dump += api.scalar("SELECT key_hash FROM tomb_booker_lock")
    dump += api.scalar("SELECT fingerprint || body FROM idempotency_key WHERE key = 'privacy-0'")
    assert api.scalar("SELECT plot_number FROM tomb_reservation WHERE id = 1") == PLOT
    for secret in secrets_of(bodies):
        assert secret not in dump
        assert json.dumps(secret)[1:-1] not in dump  # nor its \\u-escaped JSON form


async def test_responses_and_logs_show_only_masked_values(
    start_server: ServerFactory, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    api = await start_server(access_log=True)
    bodies = [private_body(6), private_body(7, "15:00", plate=False)]
    responses = await journey(api, bodies)

    everything = json.dumps(responses, ensure_ascii=False)
    logged = "\n".join(
        f"{r.getMessage()} {getattr(r, 'request', '')} {r.exc_text or ''}" for r in caplog.records
    )
    assert "POST" in logged
    for secret in secrets_of(bodies):
        assert secret not in logged
        assert secret not in everything
    reservation = responses[0][1]["reservation"]
    assert reservation["booker"]["name_masked"] == "欧***"
    assert reservation["deceased_name_masked"] == "欧***"
    assert reservation["phone_masked"] == "136****5432"
    assert reservation["plate_masked"] == "粤B***71"
