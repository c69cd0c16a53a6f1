"""HTTP routes of the marriage appointment service: parse, call the service, map errors."""

from __future__ import annotations

from typing import Any

from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from backend.marriage.runtime import MarriageRuntime
from backend.marriage.service import CreateRequest, MarriageService
from backend.marriage.validation import PartyInput
from backend.marriage.views import appointment_out, day_slots_out, open_day_out
from backend.references import normalize_reference
from backend.routing import (
    DATE_PARAM,
    OPEN_DAYS_PARAMS,
    Param,
    Route,
    cancel_handler,
    lookup_handler,
    read,
    runtime,
    write_once,
)
from backend.validation import parse_day_and_time
from backend.web import idempotency_key, json_response, open_days_query, parse_body, query_day
from backend.window import window_out
from contracts.base import CancelIn, LookupIn
from contracts.marriage import (
    AppointmentEnvelope,
    CreateAppointmentIn,
    DaySlotsOut,
    OfficeDetailOut,
    OfficeListOut,
    OfficeOut,
    OpenDaysOut,
    RescheduleIn,
)

NAME = "marriage"
_TYPE_ERROR = (
    "type_invalid",
    "预约类型应为 marriage（结婚登记）、divorce（离婚登记）或 reissue（补领婚姻登记证）。",
)
_OFFICE_ID = Param("office_id", "path", "office id, e.g. sz-nanshan")
_REFERENCE = Param(
    "reference", "path", "reference number, e.g. HY261124K7Q2M", schema={"type": "string"}
)


def _service(request: Request, session: Session) -> MarriageService:
    rt: MarriageRuntime = runtime(request, NAME)
    return rt.service(session, request.app.ctx.clock, request.app.ctx.sealer)


def _envelope(service: MarriageService, booking: Any) -> AppointmentEnvelope:
    return AppointmentEnvelope(appointment=appointment_out(booking, service))


async def list_offices(request: Request) -> HTTPResponse:
    city = request.args.get("city")

    def work(session: Session) -> OfficeListOut:
        offices = _service(request, session).list_offices(city)
        return OfficeListOut(
            sample_data=any(o.sample for o in offices),
            offices=[OfficeOut.from_orm(o) for o in offices],
        )

    return json_response(await read(request.app, work))


async def get_office(request: Request, office_id: str) -> HTTPResponse:
    def work(session: Session) -> OfficeDetailOut:
        return OfficeDetailOut(
            office=OfficeOut.from_orm(_service(request, session).get_office(office_id))
        )

    return json_response(await read(request.app, work))


async def day_slots(request: Request, office_id: str) -> HTTPResponse:
    day = query_day(request, "date", required=True)
    assert day is not None

    def work(session: Session) -> DaySlotsOut:
        return day_slots_out(_service(request, session).day_slots(office_id, day))

    return json_response(await read(request.app, work))


async def open_days(request: Request, office_id: str) -> HTTPResponse:
    start, days = open_days_query(request)

    def work(session: Session) -> OpenDaysOut:
        service = _service(request, session)
        window = service.schedule.window(request.app.ctx.clock.today())
        result = service.open_days(office_id, start or window.first, days)
        return OpenDaysOut(
            office_id=office_id,
            window=window_out(window),
            days=[open_day_out(info, seats) for info, seats in result],
        )

    return json_response(await read(request.app, work))


async def create_appointment(request: Request) -> HTTPResponse:
    body = parse_body(request, CreateAppointmentIn, {"type": _TYPE_ERROR})
    day, start = parse_day_and_time(body.date, body.start_time)
    create = CreateRequest(
        type=body.type,
        office_id=body.office_id,
        day=day,
        start_time=start,
        party1=PartyInput(body.party1.name, body.party1.id_number),
        party2=PartyInput(body.party2.name, body.party2.id_number) if body.party2 else None,
        phone=body.phone,
    )

    def work(session: Session) -> AppointmentEnvelope:
        service = _service(request, session)
        return _envelope(service, service.create(create))

    result = await write_once(
        request.app,
        scope="marriage.create",
        key=idempotency_key(request),
        params=body.dict(),
        work=work,
        status=201,
    )
    return json_response(result.body, result.status)


lookup_appointment = lookup_handler(_service, _envelope)
cancel_appointment = cancel_handler("marriage.cancel", _service, _envelope)


async def reschedule_appointment(request: Request, reference: str) -> HTTPResponse:
    body = parse_body(request, RescheduleIn, {})
    day, start = parse_day_and_time(body.date, body.start_time)

    def work(session: Session) -> AppointmentEnvelope:
        service = _service(request, session)
        return _envelope(service, service.reschedule(reference, body.phone, day, start))

    result = await write_once(
        request.app,
        scope=f"marriage.reschedule:{normalize_reference(reference)[:40]}",
        key=idempotency_key(request),
        params={**body.dict(), "reference": reference},
        work=work,
        status=200,
    )
    return json_response(result.body, result.status)


def routes() -> list[Route]:
    """Every marriage route with its request and response models."""
    return [
        Route(
            "GET",
            "/offices",
            list_offices,
            "List marriage registration offices (婚姻登记处)",
            OfficeListOut,
            params=(Param("city", "query", "city, e.g. 深圳", required=False),),
        ),
        Route(
            "GET",
            "/offices/<office_id:str>",
            get_office,
            "One office",
            OfficeDetailOut,
            params=(_OFFICE_ID,),
            errors=(404,),
        ),
        Route(
            "GET",
            "/offices/<office_id:str>/slots",
            day_slots,
            "A day's status and time slots with free seats (200 even when closed)",
            DaySlotsOut,
            params=(_OFFICE_ID, DATE_PARAM),
            errors=(400, 404),
        ),
        Route(
            "GET",
            "/offices/<office_id:str>/open-days",
            open_days,
            "Days from a date with open flag and free seats",
            OpenDaysOut,
            params=(_OFFICE_ID, *OPEN_DAYS_PARAMS),
            errors=(400, 404),
        ),
        Route(
            "POST",
            "/appointments",
            create_appointment,
            "Book an appointment",
            AppointmentEnvelope,
            status=201,
            body=CreateAppointmentIn,
            errors=(400, 404, 409, 422),
            idempotent=True,
        ),
        Route(
            "POST",
            "/appointments/lookup",
            lookup_appointment,
            "Find an appointment by reference and phone",
            AppointmentEnvelope,
            body=LookupIn,
            errors=(400, 404, 422),
        ),
        Route(
            "POST",
            "/appointments/<reference:str>/cancel",
            cancel_appointment,
            "Cancel (releases the seat)",
            AppointmentEnvelope,
            body=CancelIn,
            params=(_REFERENCE,),
            errors=(400, 404, 409, 422),
            idempotent=True,
        ),
        Route(
            "POST",
            "/appointments/<reference:str>/reschedule",
            reschedule_appointment,
            "Move to another date/slot, all or nothing",
            AppointmentEnvelope,
            body=RescheduleIn,
            params=(_REFERENCE,),
            errors=(400, 404, 409, 422),
            idempotent=True,
        ),
    ]
