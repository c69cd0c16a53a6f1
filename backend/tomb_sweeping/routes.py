"""HTTP routes of the tomb-sweeping reservation service: parse, call the service, render."""

from __future__ import annotations

from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

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
from backend.tomb_sweeping import messages
from backend.tomb_sweeping.runtime import TombRuntime
from backend.tomb_sweeping.service import Booking, TombService
from backend.tomb_sweeping.validation import ReservationInput
from backend.tomb_sweeping.views import (
    cemetery_out,
    day_out,
    open_day_out,
    reservation_out,
)
from backend.validation import parse_day_and_time
from backend.web import idempotency_key, json_response, open_days_query, parse_body, query_day
from backend.window import window_out
from contracts.base import CancelIn, LookupIn
from contracts.tomb_sweeping import (
    CemeteryDayOut,
    CemeteryDetailOut,
    CemeteryListOut,
    CemeteryOpenDaysOut,
    CreateReservationIn,
    ReservationEnvelope,
)

NAME = "tomb_sweeping"
_BODY_CODES = {
    "visitors": ("visitors_invalid", messages.VISITORS_NOT_A_NUMBER),
    "plot_number": ("plot_number_invalid", messages.PLOT_NUMBER_INVALID),
}
_CEMETERY_ID = Param("cemetery_id", "path", "cemetery id, e.g. sz-futian")
_REFERENCE = Param("reference", "path", "reference number, e.g. JS261124K7Q2M")


def _service(request: Request, session: Session) -> TombService:
    rt: TombRuntime = runtime(request, NAME)
    return rt.service(session, request.app.ctx.clock, request.app.ctx.sealer)


def _envelope(service: TombService, booking: Booking) -> ReservationEnvelope:
    return ReservationEnvelope(reservation=reservation_out(booking, service))


async def list_cemeteries(request: Request) -> HTTPResponse:
    city = request.args.get("city")

    def work(session: Session) -> CemeteryListOut:
        service = _service(request, session)
        cemeteries = service.list_cemeteries(city)
        return CemeteryListOut(
            sample_data=any(c.sample for c in cemeteries),
            cemeteries=[cemetery_out(c, service) for c in cemeteries],
        )

    return json_response(await read(request.app, work))


async def get_cemetery(request: Request, cemetery_id: str) -> HTTPResponse:
    def work(session: Session) -> CemeteryDetailOut:
        service = _service(request, session)
        return CemeteryDetailOut(cemetery=cemetery_out(service.get_cemetery(cemetery_id), service))

    return json_response(await read(request.app, work))


async def day_slots(request: Request, cemetery_id: str) -> HTTPResponse:
    day = query_day(request, "date", required=True)
    assert day is not None

    def work(session: Session) -> CemeteryDayOut:
        return day_out(_service(request, session).day(cemetery_id, day))

    return json_response(await read(request.app, work))


async def open_days(request: Request, cemetery_id: str) -> HTTPResponse:
    start, days = open_days_query(request)

    def work(session: Session) -> CemeteryOpenDaysOut:
        service = _service(request, session)
        window = service.schedule.window(request.app.ctx.clock.today())
        result = service.open_days(cemetery_id, start or window.first, days)
        return CemeteryOpenDaysOut(
            cemetery_id=cemetery_id,
            window=window_out(window),
            days=[open_day_out(day) for day in result],
        )

    return json_response(await read(request.app, work))


async def create_reservation(request: Request) -> HTTPResponse:
    body = parse_body(request, CreateReservationIn, _BODY_CODES)
    day, start = parse_day_and_time(body.date, body.start_time)
    create = ReservationInput(
        cemetery_id=body.cemetery_id,
        day=day,
        start_time=start,
        visitors=body.visitors,
        booker_name=body.booker.name,
        booker_id=body.booker.id_number,
        phone=body.phone,
        deceased_name=body.deceased_name,
        plot_number=body.plot_number,
        plate=body.plate,
    )

    def work(session: Session) -> ReservationEnvelope:
        service = _service(request, session)
        return _envelope(service, service.create(create))

    result = await write_once(
        request.app,
        scope=f"{NAME}.create",
        key=idempotency_key(request),
        params=body.dict(),
        work=work,
        status=201,
    )
    return json_response(result.body, result.status)


lookup_reservation = lookup_handler(_service, _envelope)
cancel_reservation = cancel_handler(f"{NAME}.cancel", _service, _envelope)


def routes() -> list[Route]:
    """Every tomb-sweeping route with its request and response models."""
    return [
        Route(
            "GET",
            "/cemeteries",
            list_cemeteries,
            "List cemeteries and columbaria (公墓、骨灰堂)",
            CemeteryListOut,
            params=(Param("city", "query", "city, e.g. 深圳", required=False),),
        ),
        Route(
            "GET",
            "/cemeteries/<cemetery_id:str>",
            get_cemetery,
            "One cemetery",
            CemeteryDetailOut,
            params=(_CEMETERY_ID,),
            errors=(404,),
        ),
        Route(
            "GET",
            "/cemeteries/<cemetery_id:str>/slots",
            day_slots,
            "A day's status, peak period and time windows with free places and parking "
            "(200 even outside the booking window)",
            CemeteryDayOut,
            params=(_CEMETERY_ID, DATE_PARAM),
            errors=(400, 404),
        ),
        Route(
            "GET",
            "/cemeteries/<cemetery_id:str>/open-days",
            open_days,
            "Days from a date with open flag, peak period and free places",
            CemeteryOpenDaysOut,
            params=(_CEMETERY_ID, *OPEN_DAYS_PARAMS),
            errors=(400, 404),
        ),
        Route(
            "POST",
            "/reservations",
            create_reservation,
            "Reserve a time window (people and, with a plate, one parking space)",
            ReservationEnvelope,
            status=201,
            body=CreateReservationIn,
            errors=(400, 404, 409, 422),
            idempotent=True,
        ),
        Route(
            "POST",
            "/reservations/lookup",
            lookup_reservation,
            "Find a reservation by reference and phone",
            ReservationEnvelope,
            body=LookupIn,
            errors=(400, 404, 422),
        ),
        Route(
            "POST",
            "/reservations/<reference:str>/cancel",
            cancel_reservation,
            "Cancel (gives back the places and the parking space)",
            ReservationEnvelope,
            body=CancelIn,
            params=(_REFERENCE,),
            errors=(400, 404, 409, 422),
            idempotent=True,
        ),
    ]
