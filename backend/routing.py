"""How a service declares its HTTP API, and the unit-of-work helpers every route uses.

A service lists its routes as :class:`Route` values: method, path, handler and the request
and response models. The same list registers the handlers on the service's blueprint and
writes the service's part of ``/openapi.json`` (see :mod:`backend.openapi`), so the
document cannot drift from the routes.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any, Protocol, TypeVar

from pydantic import BaseModel
from sanic import Blueprint, Sanic
from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from backend.errors import ApiError, DomainError, error_body
from backend.idempotency import IdempotencyConflict, StoredResult, fingerprint, run_idempotent
from backend.references import normalize_reference
from backend.web import (
    DEFAULT_OPEN_DAYS,
    MAX_OPEN_DAYS,
    idempotency_key,
    json_response,
    parse_body,
    run_sync,
)
from contracts.base import CancelIn, LookupIn

T = TypeVar("T")
Handler = Callable[..., Awaitable[HTTPResponse]]

_IDEMPOTENCY_CONFLICT = (
    "该 Idempotency-Key 已用于内容不同的请求，请为新的请求使用新的 Idempotency-Key。"
)


@dataclass(frozen=True)
class Param:
    """A path or query parameter, as documented."""

    name: str
    location: str  # "path" or "query"
    description: str
    required: bool = True
    schema: dict[str, Any] = field(default_factory=lambda: {"type": "string"})


_DATE_SCHEMA = {"type": "string", "format": "date"}
DATE_PARAM = Param("date", "query", "YYYY-MM-DD", schema=_DATE_SCHEMA)
OPEN_DAYS_PARAMS = (
    Param("from", "query", "YYYY-MM-DD (default: tomorrow)", False, _DATE_SCHEMA),
    Param(
        "days",
        "query",
        f"1–{MAX_OPEN_DAYS} (default {DEFAULT_OPEN_DAYS})",
        False,
        {"type": "integer", "minimum": 1, "maximum": MAX_OPEN_DAYS},
    ),
)


@dataclass(frozen=True)
class Route:
    """One endpoint of a service.

    Attributes:
        method: HTTP method.
        path: Sanic path relative to the service's prefix, e.g. ``/offices/<office_id:str>``.
        handler: the async handler.
        summary: one line for the OpenAPI document.
        response: model of the success body.
        status: status of the success response.
        body: model of the JSON request body, if any.
        params: path and query parameters.
        errors: error statuses the route can answer besides 500.
        idempotent: accepts an ``Idempotency-Key`` header.
    """

    method: str
    path: str
    handler: Handler
    summary: str
    response: type[BaseModel]
    status: int = 200
    body: type[BaseModel] | None = None
    params: tuple[Param, ...] = ()
    errors: tuple[int, ...] = ()
    idempotent: bool = False


def blueprint(name: str, url_prefix: str, routes: list[Route]) -> Blueprint:
    """A new blueprint with ``routes`` registered (Sanic needs a fresh one per app)."""
    bp = Blueprint(name, url_prefix=url_prefix)
    for route in routes:
        bp.add_route(route.handler, route.path, methods=[route.method], name=route.handler.__name__)
    return bp


def runtime(request: Request, service: str) -> Any:
    """The loaded runtime (data, rules, settings) of ``service`` in this app."""
    return request.app.ctx.services[service]


async def read(app: Sanic, work: Callable[[Session], T]) -> T:
    """Run ``work(session)`` in a read-only unit of work off the event loop.

    Raises:
        ApiError: a :class:`DomainError` raised by ``work``, with its status.
    """

    def unit() -> T:
        try:
            with app.ctx.db.read() as session:
                return work(session)
        except DomainError as exc:
            raise exc.api_error() from None

    return await run_sync(app, unit)


async def write_once(
    app: Sanic,
    *,
    scope: str,
    key: str | None,
    params: dict[str, Any],
    work: Callable[[Session], BaseModel],
    status: int,
) -> StoredResult:
    """Run ``work(session)`` in one write transaction, at most once per idempotency key.

    The first result for ``(scope, key)`` (success or a refusal such as "已约满") is stored
    in the same transaction and replayed for every retry; the same key with different
    ``params`` is refused with 422 ``idempotency_conflict``.
    """

    def do(session: Session) -> StoredResult:
        return StoredResult(status, _plain(work(session)))

    def failure(exc: Exception) -> StoredResult | None:
        if isinstance(exc, DomainError):
            return StoredResult(exc.status, error_body(exc.code, exc.message, exc.field))
        return None

    def unit() -> StoredResult:
        try:
            return run_idempotent(
                app.ctx.db,
                scope=scope,
                key=key,
                request_fingerprint=fingerprint(params, app.ctx.sealer.digest),
                now=app.ctx.clock.now,
                work=do,
                failure_result=failure,
            )
        except IdempotencyConflict:
            raise ApiError(
                422, "idempotency_conflict", _IDEMPOTENCY_CONFLICT, "Idempotency-Key"
            ) from None

    return await run_sync(app, unit)


def _plain(model: BaseModel) -> dict[str, Any]:
    """A model as JSON-ready data (dates as ISO strings), for storing and replaying."""
    return json.loads(model.json())


class BookingRules(Protocol):
    """What a booking service's rules offer for look-up and cancellation."""

    def find(self, reference: str, phone: str) -> Any:
        """The booking for ``reference`` + ``phone`` (same error for either one wrong)."""
        ...

    def cancel(self, reference: str, phone: str) -> Any:
        """Cancel the booking and free what it held."""
        ...


RulesFactory = Callable[[Request, Session], Any]
Render = Callable[[Any, Any], BaseModel]


def lookup_handler(rules: RulesFactory, render: Render) -> Handler:
    """``POST …/lookup``: a booking by reference + phone, rendered by ``render(rules, booking)``."""

    async def lookup(request: Request) -> HTTPResponse:
        body = parse_body(request, LookupIn, {})

        def work(session: Session) -> BaseModel:
            service: BookingRules = rules(request, session)
            return render(service, service.find(body.reference, body.phone))

        return json_response(await read(request.app, work))

    return lookup


def cancel_handler(scope: str, rules: RulesFactory, render: Render) -> Handler:
    """``POST …/<reference>/cancel``: idempotent cancellation by reference + phone."""

    async def cancel(request: Request, reference: str) -> HTTPResponse:
        body = parse_body(request, CancelIn, {})

        def work(session: Session) -> BaseModel:
            service: BookingRules = rules(request, session)
            return render(service, service.cancel(reference, body.phone))

        result = await write_once(
            request.app,
            scope=f"{scope}:{normalize_reference(reference)[:40]}",
            key=idempotency_key(request),
            params={**body.dict(), "reference": reference},
            work=work,
            status=200,
        )
        return json_response(result.body, result.status)

    return cancel
