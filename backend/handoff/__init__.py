"""转人工: hand-off records — a citizen handed over to a human agent, with a masked summary,
queued for the agent console (waiting → taken → closed)."""

from __future__ import annotations

from backend.handoff.routes import routes
from backend.handoff.runtime import HandoffRuntime
from backend.registry import ServiceDefinition

SERVICE = ServiceDefinition(
    name="handoff",
    title="转人工 hand-off records for the agent console",
    url_prefix="/api/handoffs",
    routes=routes,
    load=HandoffRuntime.from_env,
)
