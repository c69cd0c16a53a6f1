"""Typed async client for the backend's hand-off API (转人工 records for the agent console)."""

from __future__ import annotations

from urllib.parse import quote

from contracts.handoff import (
    AgentIn,
    HandoffEnvelope,
    HandoffIn,
    HandoffListOut,
    HandoffOut,
    StatusFilter,
)
from integrations.http import JsonHttp


class HandoffClient:
    """Calls ``/api/handoffs``; every answer is parsed strictly into the contract models.

    Every method raises ``BackendError`` (4xx with the backend's code and Chinese message,
    e.g. 404 ``not_found``, 409 ``already_taken`` / ``closed``, 422 ``agent_invalid``) or
    ``BackendUnavailable`` (time-out, connection refused, 5xx, broken contract).
    """

    prefix = "/api/handoffs"

    def __init__(self, http: JsonHttp) -> None:
        self._http = http

    async def create(self, request: HandoffIn, idempotency_key: str, patience: float) -> HandoffOut:
        """Record a hand-off; repeated with the same key until its outcome is known.

        Raises:
            OutcomeUnknown: no attempt got an answer (the record may or may not exist).
        """
        body = await self._http.call_until_known(
            HandoffEnvelope,
            "POST",
            self.prefix,
            json=request.dict(),
            idempotency_key=idempotency_key,
            patience=patience,
        )
        return body.handoff

    async def list(self, status: StatusFilter = "open", limit: int = 50) -> HandoffListOut:
        """Hand-offs with ``status`` (``open`` = waiting and taken), newest first."""
        return await self._http.call(
            HandoffListOut,
            "GET",
            self.prefix,
            params={"status": status, "limit": str(limit)},
            idempotent=True,
        )

    async def take(self, reference: str, agent: str) -> HandoffOut:
        """``agent`` takes the hand-off (taking one's own again is harmless, so retried)."""
        return await self._change(reference, "take", agent)

    async def close(self, reference: str, agent: str) -> HandoffOut:
        """``agent`` closes the hand-off (closing a closed one is harmless, so retried)."""
        return await self._change(reference, "close", agent)

    async def _change(self, reference: str, verb: str, agent: str) -> HandoffOut:
        body = await self._http.call(
            HandoffEnvelope,
            "POST",
            f"{self.prefix}/{quote(reference, safe='')}/{verb}",
            json=AgentIn(agent=agent).dict(),
            idempotent=True,
        )
        return body.handoff
