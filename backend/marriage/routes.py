"""HTTP routes of the marriage appointment service: parse, call the service, map errors."""

from __future__ import annotations

from datetime import date
from typing import Any

from sanic import Blueprint, Sanic
from sanic.request import Request
from sanic.response import HTTPResponse

from backend.errors import ApiError, error_body
from backend.idempotency import (
    IdempotencyConflict,
    StoredResult,
    fingerprint,
    run_idempotent,
)
from backend.marriage.errors import BookingError, http_status
from backend.marriage.schemas import (
    AppointmentEnvelope,
    CancelIn,
    CreateAppointmentIn,
    LookupIn,
    OfficeDetailOut,
    OfficeListOut,
    OpenDaysOut,
    RescheduleIn,
)
from backend.marriage.service import CreateRequest, MarriageService, normalize_reference
from backend.marriage.validation import PartyInput, parse_day, parse_time
from backend.marriage.views import (
    appointment_out,
    day_slots_out,
    office_out,
    open_day_out,
    window_out,
)
from backend.web import idempotency_key, json_response, parse_body, run_sync

MAX_OPEN_DAYS = 62
_TYPE_ERROR = (
    "type_invalid",
    "预约类型应为 marriage（结婚登记）、divorce（离婚登记）或 reissue（补领婚姻登记证）。",
)
_IDEMPOTENCY_CONFLICT = (
    "该 Idempotency-Key 已用于内容不同的请求，请为新的请求使用新的 Idempotency-Key。"
)


def _api_error(exc: BookingError, status: int | None = None) -> ApiError:
    return ApiError(status or http_status(exc.code), exc.code, exc.message, exc.field)


def _stored_failure(exc: Exception) -> StoredResult | None:
    if isinstance(exc, BookingError):
        return StoredResult(http_status(exc.code), error_body(exc.code, exc.message, exc.field))
    return None


def _service(app: Sanic, session: Any) -> MarriageService:
    return MarriageService(session, app.ctx.clock, app.ctx.marriage_schedule)


def _read(app: Sanic, fn: Any) -> Any:
    """Run ``fn(service)`` in a read-only unit of work, mapping domain errors."""
    try:
        with app.ctx.db.read() as session:
            return fn(_service(app, session))
    except BookingError as exc:
        raise _api_error(exc) from None


def _idempotent(
    app: Sanic, scope: str, key: str | None, params: dict[str, Any], work: Any, status: int
) -> StoredResult:
    def do(session: Any) -> StoredResult:
        booking = work(_service(app, session))
        return StoredResult(
            status, AppointmentEnvelope(appointment=appointment_out(booking)).dict()
        )

    try:
        return run_idempotent(
            app.ctx.db,
            scope=scope,
            key=key,
            request_fingerprint=fingerprint(params),
            now=app.ctx.clock.now,
            work=do,
            failure_result=_stored_failure,
        )
    except IdempotencyConflict:
        raise ApiError(
            422, "idempotency_conflict", _IDEMPOTENCY_CONFLICT, "Idempotency-Key"
        ) from None


def _query_day(request: Request, name: str, required: bool) -> date | None:
    text = request.args.get(name)
    if text is None and not required:
        return None
    try:
        return parse_day(text or "", name)
    except BookingError as exc:
        raise _api_error(exc, 400) from None


def _body_day_time(day: str, start: str) -> tuple[date, str]:
    try:
        return parse_day(day, "date"), parse_time(start, "start_time")
    except BookingError as exc:
        raise _api_error(exc) from None


def marriage_blueprint() -> Blueprint:
    """A new blueprint with every marriage route (one per app)."""
    bp = Blueprint("marriage", url_prefix="/api/marriage")

    @bp.get("/offices")
    async def list_offices(request: Request) -> HTTPResponse:
        city = request.args.get("city")

        def fn(service: MarriageService) -> OfficeListOut:
            offices = service.list_offices(city)
            return OfficeListOut(
                sample_data=any(o.sample for o in offices), offices=[office_out(o) for o in offices]
            )

        return json_response(await run_sync(request.app, _read, request.app, fn))

    @bp.get("/offices/<office_id:str>")
    async def get_office(request: Request, office_id: str) -> HTTPResponse:
        def fn(service: MarriageService) -> OfficeDetailOut:
            return OfficeDetailOut(office=office_out(service.get_office(office_id)))

        return json_response(await run_sync(request.app, _read, request.app, fn))

    @bp.get("/offices/<office_id:str>/slots")
    async def day_slots(request: Request, office_id: str) -> HTTPResponse:
        day = _query_day(request, "date", required=True)
        assert day is not None
        result = await run_sync(
            request.app, _read, request.app, lambda s: day_slots_out(s.day_slots(office_id, day))
        )
        return json_response(result)

    @bp.get("/offices/<office_id:str>/open-days")
    async def open_days(request: Request, office_id: str) -> HTTPResponse:
        app = request.app
        start = _query_day(request, "from", required=False)
        try:
            days = int(request.args.get("days", "14"))
        except ValueError:
            days = 0
        if not 1 <= days <= MAX_OPEN_DAYS:
            raise ApiError(400, "days_invalid", f"days 应为1至{MAX_OPEN_DAYS}之间的整数。", "days")

        def fn(service: MarriageService) -> OpenDaysOut:
            window = service.schedule.window(app.ctx.clock.today())
            first = start or window.first
            result = service.open_days(office_id, first, days)
            return OpenDaysOut(
                office_id=office_id,
                window=window_out(window),
                days=[open_day_out(info, seats) for info, seats in result],
            )

        return json_response(await run_sync(app, _read, app, fn))

    @bp.post("/appointments")
    async def create(request: Request) -> HTTPResponse:
        body = parse_body(request, CreateAppointmentIn, {"type": _TYPE_ERROR})
        key = idempotency_key(request)
        day, start = _body_day_time(body.date, body.start_time)
        create_request = CreateRequest(
            type=body.type,
            office_id=body.office_id,
            day=day,
            start_time=start,
            party1=PartyInput(body.party1.name, body.party1.id_number),
            party2=PartyInput(body.party2.name, body.party2.id_number) if body.party2 else None,
            phone=body.phone,
        )
        result = await run_sync(
            request.app,
            _idempotent,
            request.app,
            "marriage.create",
            key,
            body.dict(),
            lambda service: service.create(create_request),
            201,
        )
        return json_response(result.body, result.status)

    @bp.post("/appointments/lookup")
    async def lookup(request: Request) -> HTTPResponse:
        body = parse_body(request, LookupIn, {})

        def fn(service: MarriageService) -> AppointmentEnvelope:
            return AppointmentEnvelope(
                appointment=appointment_out(service.find(body.reference, body.phone))
            )

        return json_response(await run_sync(request.app, _read, request.app, fn))

    @bp.post("/appointments/<reference:str>/cancel")
    async def cancel(request: Request, reference: str) -> HTTPResponse:
        body = parse_body(request, CancelIn, {})
        key = idempotency_key(request)
        result = await run_sync(
            request.app,
            _idempotent,
            request.app,
            f"marriage.cancel:{normalize_reference(reference)[:40]}",
            key,
            {**body.dict(), "reference": reference},
            lambda service: service.cancel(reference, body.phone),
            200,
        )
        return json_response(result.body, result.status)

    @bp.post("/appointments/<reference:str>/reschedule")
    async def reschedule(request: Request, reference: str) -> HTTPResponse:
        body = parse_body(request, RescheduleIn, {})
        key = idempotency_key(request)
        day, start = _body_day_time(body.date, body.start_time)
        result = await run_sync(
            request.app,
            _idempotent,
            request.app,
            f"marriage.reschedule:{normalize_reference(reference)[:40]}",
            key,
            {**body.dict(), "reference": reference},
            lambda service: service.reschedule(reference, body.phone, day, start),
            200,
        )
        return json_response(result.body, result.status)

    return bp
