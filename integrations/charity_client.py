"""Typed async client for the backend's charity registry API (慈善查询)."""

from __future__ import annotations

from contracts.charity import (
    CharityGuideOut,
    OrganizationDetailOut,
    OrganizationSearchOut,
    ProjectSearchOut,
)
from integrations.http import JsonHttp


class CharityClient:
    """Calls ``/api/charity/*``; every answer is parsed strictly into the contract models.

    Every method raises ``BackendError`` (4xx, with the backend's code and Chinese message,
    e.g. 422 ``credit_code_invalid``, 404 ``organization_not_found``) or
    ``BackendUnavailable`` (time-out, connection refused, 5xx, broken contract).
    """

    prefix = "/api/charity"

    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    async def search(self, query: str, limit: int = 5) -> OrganizationSearchOut:
        """Organisations matching a name, abbreviation, former name or credit code."""
        return await self._http.call(
            OrganizationSearchOut,
            "GET",
            f"{self.prefix}/organizations",
            params={"q": query, "limit": str(limit)},
            idempotent=True,
        )

    async def organization(self, credit_code: str) -> OrganizationDetailOut:
        """One organisation by 统一社会信用代码, with its projects."""
        return await self._http.call(
            OrganizationDetailOut,
            "GET",
            f"{self.prefix}/organizations/{credit_code}",
            idempotent=True,
        )

    async def projects(
        self, query: str | None = None, organization: str | None = None, limit: int = 10
    ) -> ProjectSearchOut:
        """Projects by keywords or filing number, optionally of one organisation."""
        params = {"limit": str(limit)}
        if query is not None:
            params["q"] = query
        if organization is not None:
            params["organization"] = organization
        return await self._http.call(
            ProjectSearchOut, "GET", f"{self.prefix}/projects", params=params, idempotent=True
        )

    async def guide(self) -> CharityGuideOut:
        """The general explanations (statuses, 公开募捐资格, not found, safe giving)."""
        return await self._http.call(
            CharityGuideOut, "GET", f"{self.prefix}/guide", idempotent=True
        )
