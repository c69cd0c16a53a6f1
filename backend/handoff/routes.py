"""HTTP routes of the hand-off service: parse, call the rules, render."""

from __future__ import annotations

from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from backend.handoff import messages
from backend.handoff.errors import HandoffError
from backend.handoff.runtime import HandoffRuntime
from backend.handoff.service import HandoffInput, HandoffService, status_filter
from backend.handoff.views import handoff_out
from backend.references import normalize_reference
from backend.routing import Param, Route, read, runtime, write_once
from backend.web import idempotency_key, json_response, parse_body, query_int
from contracts.handoff import (
    REFERENCE_EXAMPLE,
    AgentIn,
    HandoffEnvelope,
    HandoffIn,
    HandoffListOut,
)

NAME = "handoff"
MAX_LIMIT = 100
DEFAULT_LIMIT = 50
_CREATE_CODES = {
    "service": ("service_invalid", messages.SERVICE_INVALID),
    "reason": ("reason_invalid", messages.REASON_INVALID),
    "channel": ("channel_invalid", messages.CHANNEL_INVALID),
    "summary": ("summary_invalid", messages.SUMMARY_INVALID),
    "conversation": ("conversation_invalid", messages.CONVERSATION_INVALID),
}
_AGENT_CODES = {"agent": ("agent_invalid", messages.AGENT_INVALID)}

_REFERENCE = Param(
    "reference",
    "path",
    "转人工编号 (RG + yymmdd + 5 characters; case and spaces ignored)",
    schema={"type": "string", "example": REFERENCE_EXAMPLE},
)
_STATUS = Param(
    "status",
    "query",
    "waiting, taken, closed, or open (= waiting and taken; the default)",
    required=False,
    schema={"type": "string", "enum": ["waiting", "taken", "closed", "open"], "example": "open"},
)
_LIMIT = Param(
    "limit",
    "query",
    f"records, 1–{MAX_LIMIT} (default {DEFAULT_LIMIT})",
    required=False,
    schema={"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
)


def _service(request: Request, session: Session) -> HandoffService:
    rt: HandoffRuntime = runtime(request, NAME)
    return rt.service(session, request.app.ctx.clock, request.app.ctx.sealer)


async def create_handoff(request: Request) -> HTTPResponse:
    body = parse_body(request, HandoffIn, _CREATE_CODES)
    create = HandoffInput(**body.dict())

    def work(session: Session) -> HandoffEnvelope:
        return HandoffEnvelope(handoff=handoff_out(_service(request, session).create(create)))

    result = await write_once(
        request.app,
        scope=f"{NAME}.create",
        key=idempotency_key(request),
        params=body.dict(),
        work=work,
        status=201,
    )
    return json_response(result.body, result.status)


async def list_handoffs(request: Request) -> HTTPResponse:
    try:
        statuses = status_filter(request.args.get("status"))
    except HandoffError as exc:  # refused before any database work
        raise exc.api_error() from None
    limit = query_int(request, "limit", DEFAULT_LIMIT, 1, MAX_LIMIT)

    def work(session: Session) -> HandoffListOut:
        records = _service(request, session).list(statuses, limit)
        return HandoffListOut(handoffs=[handoff_out(r) for r in records])

    return json_response(await read(request.app, work))


async def _change(request: Request, reference: str, verb: str) -> HTTPResponse:
    body = parse_body(request, AgentIn, _AGENT_CODES)

    def work(session: Session) -> HandoffEnvelope:
        service = _service(request, session)
        change = service.take if verb == "take" else service.close
        return HandoffEnvelope(handoff=handoff_out(change(reference, body.agent)))

    result = await write_once(
        request.app,
        scope=f"{NAME}.{verb}:{normalize_reference(reference)[:40]}",
        key=None,  # taking or closing again is harmless: no key needed
        params={**body.dict(), "reference": reference},
        work=work,
        status=200,
    )
    return json_response(result.body, result.status)


async def take_handoff(request: Request, reference: str) -> HTTPResponse:
    return await _change(request, reference, "take")


async def close_handoff(request: Request, reference: str) -> HTTPResponse:
    return await _change(request, reference, "close")


def routes() -> list[Route]:
    """Every hand-off route with its request and response models."""
    return [
        Route(
            "POST",
            "",
            create_handoff,
            "Record a hand-off to a human (summary masked again, conversation sealed)",
            HandoffEnvelope,
            status=201,
            body=HandoffIn,
            errors=(400, 422),
            idempotent=True,
        ),
        Route(
            "GET",
            "",
            list_handoffs,
            "Hand-offs by status (default open = waiting and taken), newest first",
            HandoffListOut,
            params=(_STATUS, _LIMIT),
            errors=(400,),
        ),
        Route(
            "POST",
            "/<reference:str>/take",
            take_handoff,
            "An agent takes a waiting hand-off (409 already_taken when another agent has it, "
            "409 closed); taking one's own again is fine",
            HandoffEnvelope,
            body=AgentIn,
            params=(_REFERENCE,),
            errors=(400, 404, 409, 422),
        ),
        Route(
            "POST",
            "/<reference:str>/close",
            close_handoff,
            "Close a waiting hand-off or one the agent took; closing a closed one changes "
            "nothing (409 already_taken when another agent has it)",
            HandoffEnvelope,
            body=AgentIn,
            params=(_REFERENCE,),
            errors=(400, 404, 409, 422),
        ),
    ]
