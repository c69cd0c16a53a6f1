"""The OpenAPI 3 document, built from the same pydantic models the routes use."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel
from pydantic.schema import schema as pydantic_schema

from backend.marriage import schemas as m

_REF = "#/components/schemas/"

_MODELS: list[type[BaseModel]] = [
    m.CreateAppointmentIn,
    m.LookupIn,
    m.CancelIn,
    m.RescheduleIn,
    m.OfficeListOut,
    m.OfficeDetailOut,
    m.DaySlotsOut,
    m.OpenDaysOut,
    m.AppointmentEnvelope,
    m.ErrorOut,
    m.HealthOut,
]


def _ref(model: type[BaseModel]) -> dict[str, Any]:
    return {"$ref": _REF + model.__name__}


def _json(model: type[BaseModel], description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": _ref(model)}}}


def _errors(*statuses: int) -> dict[str, Any]:
    labels = {
        400: "请求格式不正确 (bad JSON, bad query parameter)",
        404: "not found (unknown office / appointment; wrong phone gives the same 404)",
        409: "conflict (slot_full, duplicate_active, office_closed, already_cancelled, ...)",
        422: "validation error (id_invalid, sex_mismatch, underage, idempotency_conflict, ...)",
        500: "internal error (generic Chinese message)",
        503: "database unavailable",
    }
    return {str(s): _json(m.ErrorOut, labels[s]) for s in (*statuses, 500)}


def _param(name: str, where: str, description: str, required: bool, **schema: Any) -> dict:
    return {
        "name": name,
        "in": where,
        "required": required,
        "description": description,
        "schema": schema or {"type": "string"},
    }


_OFFICE_ID = _param("office_id", "path", "office id, e.g. sz-nanshan", True)
_REFERENCE = _param("reference", "path", "reference number, e.g. HY261124K7Q2M", True)
_IDEMPOTENCY = _param(
    "Idempotency-Key",
    "header",
    "1–255 printable ASCII characters; the first result for a key is replayed, the same key "
    "with other parameters gives 422 idempotency_conflict",
    False,
)


def _body(model: type[BaseModel]) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": _ref(model)}}}


def _mark_nullable(components: dict[str, Any]) -> None:
    """pydantic 1 omits OpenAPI 3.0's ``nullable``: add it for every field that may be null."""
    models: dict[str, type[BaseModel]] = {}

    def collect(model: type[BaseModel]) -> None:
        models[model.__name__] = model
        for field in model.__fields__.values():
            if isinstance(field.type_, type) and issubclass(field.type_, BaseModel):
                collect(field.type_)

    for model in _MODELS:
        collect(model)
    for name, model in models.items():
        properties = components.get(name, {}).get("properties", {})
        for field in model.__fields__.values():
            prop = properties.get(field.alias)
            if prop is None or not field.allow_none:
                continue
            if "$ref" in prop:
                properties[field.alias] = {"allOf": [{"$ref": prop["$ref"]}], "nullable": True}
            else:
                prop["nullable"] = True


def build_openapi() -> dict[str, Any]:
    """The OpenAPI 3.0 document of every route."""
    components = pydantic_schema(_MODELS, ref_prefix=_REF)["definitions"]
    _mark_nullable(components)
    appointment_ok = _json(m.AppointmentEnvelope, "the appointment (personal data masked)")
    paths: dict[str, Any] = {
        "/health": {
            "get": {
                "summary": "Liveness and database check",
                "responses": {"200": _json(m.HealthOut, "ok"), **_errors(503)},
            }
        },
        "/openapi.json": {
            "get": {
                "summary": "This document",
                "responses": {"200": {"description": "OpenAPI 3 document"}},
            }
        },
        "/api/marriage/offices": {
            "get": {
                "summary": "List marriage registration offices (婚姻登记处)",
                "parameters": [_param("city", "query", "city, e.g. 深圳", False)],
                "responses": {"200": _json(m.OfficeListOut, "offices")},
            }
        },
        "/api/marriage/offices/{office_id}": {
            "get": {
                "summary": "One office",
                "parameters": [_OFFICE_ID],
                "responses": {"200": _json(m.OfficeDetailOut, "the office"), **_errors(404)},
            }
        },
        "/api/marriage/offices/{office_id}/slots": {
            "get": {
                "summary": "A day's status and time slots with free seats (200 even when closed)",
                "parameters": [
                    _OFFICE_ID,
                    _param("date", "query", "YYYY-MM-DD", True, type="string", format="date"),
                ],
                "responses": {"200": _json(m.DaySlotsOut, "day and slots"), **_errors(400, 404)},
            }
        },
        "/api/marriage/offices/{office_id}/open-days": {
            "get": {
                "summary": "Days from a date with open flag and free seats",
                "parameters": [
                    _OFFICE_ID,
                    _param(
                        "from",
                        "query",
                        "YYYY-MM-DD (default: tomorrow)",
                        False,
                        format="date",
                        type="string",
                    ),
                    _param("days", "query", "1–62 (default 14)", False, type="integer"),
                ],
                "responses": {"200": _json(m.OpenDaysOut, "days"), **_errors(400, 404)},
            }
        },
        "/api/marriage/appointments": {
            "post": {
                "summary": "Book an appointment",
                "parameters": [_IDEMPOTENCY],
                "requestBody": _body(m.CreateAppointmentIn),
                "responses": {
                    "201": _json(m.AppointmentEnvelope, "booked (personal data masked)"),
                    **_errors(400, 404, 409, 422),
                },
            }
        },
        "/api/marriage/appointments/lookup": {
            "post": {
                "summary": "Find an appointment by reference and phone",
                "requestBody": _body(m.LookupIn),
                "responses": {"200": appointment_ok, **_errors(400, 404, 422)},
            }
        },
        "/api/marriage/appointments/{reference}/cancel": {
            "post": {
                "summary": "Cancel (releases the seat)",
                "parameters": [_REFERENCE, _IDEMPOTENCY],
                "requestBody": _body(m.CancelIn),
                "responses": {"200": appointment_ok, **_errors(400, 404, 409, 422)},
            }
        },
        "/api/marriage/appointments/{reference}/reschedule": {
            "post": {
                "summary": "Move to another date/slot, all or nothing",
                "parameters": [_REFERENCE, _IDEMPOTENCY],
                "requestBody": _body(m.RescheduleIn),
                "responses": {"200": appointment_ok, **_errors(400, 404, 409, 422)},
            }
        },
    }
    return {
        "openapi": "3.0.3",
        "info": {
            "title": "民政服务接口 Civil-affairs API",
            "version": "0.1.0",
            "description": "Marriage registration appointments (婚姻登记预约). Offices are "
            "sample data unless stated otherwise. Errors: "
            '{"error": {"code", "message", "field"}} with Chinese messages.',
        },
        "paths": paths,
        "components": {"schemas": components},
    }
