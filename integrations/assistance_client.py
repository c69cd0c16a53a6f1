"""Typed async client for the backend's social-assistance API (社会救助预检)."""

from __future__ import annotations

from contracts.assistance import (
    CityStandardOut,
    PrescreenIn,
    PrescreenOut,
    ReferralEnvelope,
    ReferralIn,
    ReferralOut,
    StandardsOut,
)
from integrations.http import JsonHttp


class AssistanceClient:
    """Calls ``/api/assistance/*``; every answer is parsed strictly by the contract."""

    prefix = "/api/assistance"

    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    async def standards(self, city: str | None = None) -> StandardsOut:
        """Every city's standards, or the one for ``city`` (the default if not listed)."""
        params = {"city": city} if city else None
        return await self._http.call(
            StandardsOut, "GET", f"{self.prefix}/standards", params=params, idempotent=True
        )

    async def standard(self, city: str) -> CityStandardOut:
        """The standard that applies in ``city``."""
        return (await self.standards(city)).standards[0]

    async def prescreen(self, household: PrescreenIn) -> PrescreenOut:
        """Pre-screen a household (stores nothing, so it is safe to retry)."""
        return await self._http.call(
            PrescreenOut,
            "POST",
            f"{self.prefix}/prescreen",
            json=household.dict(exclude_none=True),
            idempotent=True,
        )

    async def refer(
        self, request: ReferralIn, idempotency_key: str, patience: float
    ) -> ReferralOut:
        """Record a contact request (consent given); retried with the same key until known."""
        body = await self._http.call_until_known(
            ReferralEnvelope,
            "POST",
            f"{self.prefix}/referrals",
            json=request.dict(),
            idempotency_key=idempotency_key,
            patience=patience,
        )
        return body.referral
