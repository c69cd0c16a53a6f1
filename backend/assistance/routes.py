"""HTTP routes of the social-assistance service: parse, call the rules, render."""

from __future__ import annotations

from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from backend.assistance import messages
from backend.assistance.errors import AssistanceError
from backend.assistance.rules import Household, prescreen
from backend.assistance.runtime import AssistanceRuntime
from backend.assistance.service import ReferralInput, clean_place
from backend.assistance.views import prescreen_out, referral_out, standards_out
from backend.routing import Param, Route, runtime, write_once
from backend.web import idempotency_key, json_response, parse_body
from contracts.assistance import (
    PrescreenIn,
    PrescreenOut,
    ReferralEnvelope,
    ReferralIn,
    StandardsOut,
)

NAME = "assistance"
_PLACE_CODES = {
    "city": ("city_invalid", messages.CITY_INVALID),
    "district": ("district_invalid", messages.DISTRICT_INVALID),
}
_PRESCREEN_CODES = {
    **_PLACE_CODES,
    "household_size": ("household_size_invalid", messages.HOUSEHOLD_SIZE_INVALID),
    "monthly_income": ("income_invalid", messages.INCOME_INVALID),
    "financial_assets_per_capita": ("assets_invalid", messages.ASSETS_INVALID),
    "financial_assets_total": ("assets_invalid", messages.ASSETS_INVALID),
}
_REFERRAL_CODES = {
    **_PLACE_CODES,
    "consent": ("consent_required", messages.CONSENT_REQUIRED),
    "programmes": ("programmes_invalid", messages.PROGRAMMES_INVALID),
}


def _runtime(request: Request) -> AssistanceRuntime:
    return runtime(request, NAME)


async def list_standards(request: Request) -> HTTPResponse:
    standards = _runtime(request).standards
    return json_response(standards_out(standards, request.args.get("city")))


async def prescreen_household(request: Request) -> HTTPResponse:
    body = parse_body(request, PrescreenIn, _PRESCREEN_CODES)
    try:
        city = clean_place(body.city, "city", messages.CITY_INVALID)
        district = clean_place(body.district, "district", messages.DISTRICT_INVALID)
    except AssistanceError as exc:
        raise exc.api_error() from None
    household = Household(**{**body.dict(), "city": city, "district": district})
    result = prescreen(household, _runtime(request).standards)
    return json_response(prescreen_out(result))


async def create_referral(request: Request) -> HTTPResponse:
    body = parse_body(request, ReferralIn, _REFERRAL_CODES)
    if body.consent is not True:  # refused before anything is stored or replayed
        raise AssistanceError("consent_required", messages.CONSENT_REQUIRED, "consent").api_error()
    create = ReferralInput(
        name=body.name,
        phone=body.phone,
        city=body.city,
        district=body.district,
        consent=body.consent,
        programmes=tuple(body.programmes),
    )

    def work(session: Session) -> ReferralEnvelope:
        service = _runtime(request).referrals(
            session, request.app.ctx.clock, request.app.ctx.sealer
        )
        return ReferralEnvelope(referral=referral_out(service.create(create)))

    result = await write_once(
        request.app,
        scope=f"{NAME}.referral",
        key=idempotency_key(request),
        params=body.dict(),
        work=work,
        status=201,
    )
    return json_response(result.body, result.status)


def routes() -> list[Route]:
    """Every social-assistance route with its request and response models."""
    return [
        Route(
            "GET",
            "/standards",
            list_standards,
            "Assistance standards per city with source, effective date and 示例 flags "
            "(the national default for a city not listed)",
            StandardsOut,
            params=(Param("city", "query", "city, e.g. 深圳", required=False),),
        ),
        Route(
            "POST",
            "/prescreen",
            prescreen_household,
            "Pre-screen a household for 低保, 低保边缘, 特困 and 临时救助 "
            "(可能符合/可能不符合/需要进一步核实; stores nothing)",
            PrescreenOut,
            body=PrescreenIn,
            errors=(400, 422),
        ),
        Route(
            "POST",
            "/referrals",
            create_referral,
            "Record a citizen's explicit request to be contacted (consent required; "
            "name and phone sealed)",
            ReferralEnvelope,
            status=201,
            body=ReferralIn,
            errors=(400, 422),
            idempotent=True,
        ),
    ]
