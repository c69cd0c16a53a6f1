"""The typed clients against the live API: every response parsed strictly by the contract.

The clients the action server uses parse each answer into the shared models of
``contracts/`` (unknown fields forbidden, every declared field required), so a field the
backend renames or drops fails here instead of becoming an empty default in a reply.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import date, timedelta

import aiohttp
import pytest
from aiohttp import web
from conftest import TODAY, Running
from marriage_testdata import couple
from pydantic import ValidationError
from tomb_testdata import booker_id

from contracts.assistance import PrescreenIn, ReferralIn
from contracts.handoff import HandoffIn
from contracts.marriage import AppointmentEnvelope, CreateAppointmentIn, PartyIn
from contracts.tomb_sweeping import BookerIn, CemeteryDayOut, CreateReservationIn
from integrations.assistance_client import AssistanceClient
from integrations.charity_client import CharityClient
from integrations.handoff_client import HandoffClient
from integrations.http import BackendError, ContractError, JsonHttp
from integrations.marriage_client import MarriageClient
from integrations.tomb_sweeping_client import TombSweepingClient

TOMORROW = TODAY + timedelta(days=1)


@pytest.fixture
async def http(api: Running) -> AsyncIterator[JsonHttp]:
    async with aiohttp.ClientSession() as session:
        yield JsonHttp(session, base_url=api.base_url, timeout=10, retries=0)


async def test_marriage_client_reads_every_endpoint(http: JsonHttp) -> None:
    client = MarriageClient(http)
    offices = await client.places("深圳")
    assert offices and all(o.city == "深圳" and o.sample for o in offices)
    day = await client.day("sz-nanshan", TOMORROW)
    assert day.open and day.free_slots() and day.window.first == TOMORROW
    window, days = await client.open_days("sz-nanshan", TOMORROW, days=7)
    assert window.first == TOMORROW and len(days) == 7
    groom, bride = couple()
    request = CreateAppointmentIn(
        type="marriage",
        office_id="sz-nanshan",
        date=TOMORROW.isoformat(),
        start_time="09:00",
        party1=PartyIn(**groom),
        party2=PartyIn(**bride),
        phone="13912340000",
    )
    booked = await client.create(request, "contract-1", patience=5)
    assert booked.status == "booked" and booked.date == TOMORROW
    assert groom["id_number"] not in booked.json() and "13912340000" not in booked.json()
    found = await client.lookup(booked.reference, "13912340000")
    assert found == booked
    moved = await client.reschedule(
        booked.reference, "13912340000", TOMORROW + timedelta(days=1), "10:00", "contract-2"
    )
    assert moved.start_time == "10:00"
    cancelled = await client.cancel(booked.reference, "13912340000")
    assert cancelled.status == "cancelled"
    with pytest.raises(BackendError) as refused:
        await client.lookup(booked.reference, "13900000000")
    assert refused.value.status == 404 and refused.value.code == "not_found"


async def test_tomb_sweeping_client_reads_every_endpoint(http: JsonHttp) -> None:
    client = TombSweepingClient(http)
    cemeteries = await client.places("广州")
    assert {c.id for c in cemeteries} >= {"gz-panyu", "gz-tianhe"}
    futian = await client.cemetery("sz-futian")
    assert futian.parking and futian.max_visitors >= 1
    dongzhi = await client.day("sz-futian", date(2026, 12, 22))
    assert isinstance(dongzhi, CemeteryDayOut) and dongzhi.peak and dongzhi.peak.name == "冬至"
    window, days = await client.open_days("sz-futian", TOMORROW, days=3)
    assert len(days) == 3 and window.first == TOMORROW
    request = CreateReservationIn(
        cemetery_id="sz-futian",
        date="2026-12-22",
        start_time="09:00",
        visitors=3,
        booker=BookerIn(name="陈静", id_number=booker_id(901)),
        phone="13512340000",
        deceased_name="陈大明",
        plate="粤B12345",
    )
    reservation = await client.create(request, "contract-3", patience=5)
    assert reservation.visitors == 3 and reservation.plate_masked == "粤B***45"
    assert await client.lookup(reservation.reference, "13512340000") == reservation
    assert (await client.cancel(reservation.reference, "13512340000")).status == "cancelled"


async def test_assistance_client_reads_every_endpoint(http: JsonHttp) -> None:
    client = AssistanceClient(http)
    shenzhen = await client.standard("深圳")
    assert shenzhen.city == "深圳" and shenzhen.dibao.sample and shenzhen.dibao.source == "示例"
    assert len((await client.standards()).standards) >= 3
    result = await client.prescreen(
        PrescreenIn(city="深圳", residence="local_hukou", household_size=2, monthly_income=2000)
    )
    assert result.standard.city == "深圳"
    assert {r.status for r in result.results} <= {"可能符合", "可能不符合", "需要进一步核实"}
    assert "financial_assets" in result.missing
    with pytest.raises(BackendError) as refused:
        await client.prescreen(PrescreenIn(city="<b>深圳</b>"))
    assert refused.value.status == 422 and refused.value.code == "city_invalid"
    request = ReferralIn(name="陈秀兰", phone="13800002468", city="深圳", consent=True)
    referral = await client.refer(request, "assistance-contract-1", patience=5)
    assert referral.reference.startswith("JZ") and referral.phone_masked == "138****2468"


async def test_charity_client_reads_every_endpoint(http: JsonHttp) -> None:
    client = CharityClient(http)
    found = await client.search("春雨基金会")
    best = found.results[0]
    assert best.organization.name == "深圳市春雨助学公益基金会" and best.match == "fuzzy"
    assert found.sample_data and best.organization.sample and found.notice
    by_code = await client.search(best.organization.credit_code.lower())
    assert by_code.results[0].match == "credit_code"
    detail = await client.organization(best.organization.credit_code)
    assert detail.organization == best.organization and detail.projects
    projects = await client.projects("粤深慈募备(2024)12号")
    assert [r.match for r in projects.results] == ["filing_number"]
    listed = await client.projects(organization=best.organization.credit_code, limit=1)
    assert len(listed.results) == 1 and listed.results[0].score is None
    guide = await client.guide()
    assert {s.status for s in guide.statuses} == {"normal", "deregistered", "abnormal"}
    with pytest.raises(BackendError) as refused:
        await client.organization("53440300MJ00000014")
    assert refused.value.status == 422 and refused.value.code == "credit_code_invalid"
    assert "校验码" in refused.value.message


async def test_handoff_client_reads_every_endpoint(http: JsonHttp) -> None:
    client = HandoffClient(http)
    request = HandoffIn(
        service="tomb_sweeping",
        channel="socketio",
        reason="fallbacks",
        summary="公墓/骨灰堂：福田公墓；手机：13700001234",
        conversation="contract-handoff-sender-0001",
    )
    created = await client.create(request, "handoff-contract-1", patience=5)
    assert created.reference.startswith("RG") and created.status == "waiting"
    assert created.summary == "公墓/骨灰堂：福田公墓；手机：137****1234"
    assert await client.create(request, "handoff-contract-1", patience=5) == created
    listed = await client.list()
    assert [h.reference for h in listed.handoffs] == [created.reference]
    assert (await client.list("closed", limit=1)).handoffs == []
    taken = await client.take(created.reference, "A1024")
    assert taken.status == "taken" and taken.agent == "A1024" and taken.taken_at
    assert await client.take(created.reference, "A1024") == taken
    with pytest.raises(BackendError) as refused:
        await client.take(created.reference, "B2048")
    assert refused.value.status == 409 and refused.value.code == "already_taken"
    closed = await client.close(created.reference, "A1024")
    assert closed.status == "closed" and closed.closed_at
    assert await client.close(created.reference, "B2048") == closed
    assert [h.reference for h in (await client.list("closed")).handoffs] == [created.reference]
    with pytest.raises(BackendError) as refused:
        await client.take(created.reference, "A1024")
    assert refused.value.status == 409 and refused.value.code == "closed"
    with pytest.raises(BackendError) as refused:
        await client.close("RG261123ZZZZZ", "A1024")
    assert refused.value.status == 404 and refused.value.code == "not_found"


async def test_a_renamed_or_missing_field_is_a_contract_error(api: Running) -> None:
    """What the client would do if the backend drifted from the contract."""
    groom, bride = couple()
    status, body = await api.post(
        "/api/marriage/appointments",
        json={
            "type": "marriage",
            "office_id": "sz-futian",
            "date": TOMORROW.isoformat(),
            "start_time": "14:00",
            "party1": groom,
            "party2": bride,
            "phone": "13912349999",
        },
    )
    assert status == 201
    AppointmentEnvelope.parse_obj(body)  # the real answer matches the contract
    renamed = {**body["appointment"], "phone": body["appointment"]["phone_masked"]}
    del renamed["phone_masked"]
    missing = {k: v for k, v in body["appointment"].items() if k != "materials"}
    for broken in (renamed, missing):
        with pytest.raises(ValidationError):
            AppointmentEnvelope.parse_obj({"appointment": broken})

    async def drifted(_request: web.Request) -> web.Response:
        return web.json_response({"offices": [], "sample": True})  # renamed sample_data

    app = web.Application()
    app.router.add_get("/api/marriage/offices", drifted)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
    try:
        async with aiohttp.ClientSession() as session:
            client = MarriageClient(JsonHttp(session, f"http://127.0.0.1:{port}", 5, 0))
            with pytest.raises(ContractError):
                await client.places()
    finally:
        await runner.cleanup()
