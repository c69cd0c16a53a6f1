"""HTTP routes of the charity registry service: parse, call the service, render."""

from __future__ import annotations

from sanic.request import Request
from sanic.response import HTTPResponse
from sqlalchemy.orm import Session

from backend.charity import messages
from backend.charity.runtime import CharityRuntime
from backend.charity.service import CharityService
from backend.charity.views import guide_out, notice, organization_out, project_out
from backend.routing import Param, Route, read, runtime
from backend.web import json_response, query_int
from contracts.charity import (
    CREDIT_CODE_EXAMPLE,
    CharityGuideOut,
    OrganizationDetailOut,
    OrganizationMatchOut,
    OrganizationSearchOut,
    ProjectMatchOut,
    ProjectSearchOut,
)

NAME = "charity"
MAX_LIMIT = 20


def _limit_param(default: int) -> Param:
    return Param(
        "limit",
        "query",
        f"results, 1–{MAX_LIMIT} (default {default})",
        False,
        {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT},
    )


_CREDIT_CODE = Param(
    "credit_code",
    "path",
    "统一社会信用代码 (18 characters; full-width, spaces and lower case are accepted)",
    schema={"type": "string", "example": CREDIT_CODE_EXAMPLE},
)
_ORGANIZATION_QUERY = Param(
    "q",
    "query",
    "name, abbreviation, former name (曾用名) or 统一社会信用代码; 2–100 characters",
    schema={"type": "string", "minLength": 1, "maxLength": 100, "example": "春雨基金会"},
)
_PROJECT_QUERY = Param(
    "q",
    "query",
    "keywords (all must match) or a filing number (备案编号); none: every project",
    required=False,
    schema={"type": "string", "maxLength": 100, "example": "助学"},
)
_ORGANIZATION_FILTER = Param(
    "organization",
    "query",
    "only the projects of this organisation (统一社会信用代码)",
    required=False,
    schema={"type": "string", "example": CREDIT_CODE_EXAMPLE},
)


def _service(request: Request, session: Session) -> CharityService:
    rt: CharityRuntime = runtime(request, NAME)
    return rt.service(session, request.app.ctx.clock.today())


async def search_organizations(request: Request) -> HTTPResponse:
    text = request.args.get("q")
    limit = query_int(request, "limit", 5, 1, MAX_LIMIT)

    def work(session: Session) -> OrganizationSearchOut:
        result = _service(request, session).search(text, limit)
        sample = any(m.organization.sample for m in result.matches)
        return OrganizationSearchOut(
            query=result.query,
            sample_data=sample,
            notice=notice(sample),
            results=[
                OrganizationMatchOut(
                    organization=organization_out(m.organization),
                    score=m.score,
                    match=m.match,
                    matched_name=m.matched_name,
                )
                for m in result.matches
            ],
            hint=None if result.matches else messages.NOT_FOUND,
        )

    return json_response(await read(request.app, work))


async def get_organization(request: Request, credit_code: str) -> HTTPResponse:
    def work(session: Session) -> OrganizationDetailOut:
        service = _service(request, session)
        organization = service.organization(credit_code)
        projects = service.projects_of(organization)
        sample = organization.sample or any(p.sample for p in projects)
        return OrganizationDetailOut(
            sample_data=sample,
            notice=notice(sample),
            organization=organization_out(organization),
            projects=[project_out(p, organization, service) for p in projects],
        )

    return json_response(await read(request.app, work))


async def search_projects(request: Request) -> HTTPResponse:
    text = request.args.get("q")
    organization = request.args.get("organization")
    limit = query_int(request, "limit", 10, 1, MAX_LIMIT)

    def work(session: Session) -> ProjectSearchOut:
        service = _service(request, session)
        result = service.search_projects(text, organization, limit)
        sample = any(m.project.sample for m in result.matches)
        return ProjectSearchOut(
            query=result.query,
            sample_data=sample,
            notice=notice(sample),
            results=[
                ProjectMatchOut(
                    project=project_out(m.project, m.organization, service),
                    score=m.score,
                    match=m.match,
                )
                for m in result.matches
            ],
            hint=None if result.matches else messages.PROJECT_NOT_FOUND,
        )

    return json_response(await read(request.app, work))


async def guide(_request: Request) -> HTTPResponse:
    return json_response(guide_out())


def routes() -> list[Route]:
    """Every charity registry route with its response model."""
    return [
        Route(
            "GET",
            "/organizations",
            search_organizations,
            "Search organisations by name, abbreviation, former name (typos and traditional "
            "characters tolerated) or 统一社会信用代码; ranked, with score and match kind",
            OrganizationSearchOut,
            params=(_ORGANIZATION_QUERY, _limit_param(5)),
            errors=(400, 422),
        ),
        Route(
            "GET",
            "/organizations/<credit_code:str>",
            get_organization,
            "One organisation by 统一社会信用代码, with its charity status, 公开募捐资格 "
            "and projects",
            OrganizationDetailOut,
            params=(_CREDIT_CODE,),
            errors=(404, 422),
        ),
        Route(
            "GET",
            "/projects",
            search_projects,
            "Charity projects with a public-fundraising filing, by keywords or 备案编号",
            ProjectSearchOut,
            params=(_PROJECT_QUERY, _ORGANIZATION_FILTER, _limit_param(10)),
            errors=(400, 422),
        ),
        Route(
            "GET",
            "/guide",
            guide,
            "What each status and 公开募捐资格 mean, what to do when not found, safe giving",
            CharityGuideOut,
        ),
    ]
