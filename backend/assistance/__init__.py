"""社会救助预检: social-assistance pre-screening (低保, 低保边缘, 特困, 临时救助), the standards
behind it (per city, with sources; 示例 where none is known) and contact requests."""

from __future__ import annotations

from backend.assistance.routes import routes
from backend.assistance.runtime import AssistanceRuntime
from backend.registry import ServiceDefinition

SERVICE = ServiceDefinition(
    name="assistance",
    title="社会救助预检 social-assistance pre-screening",
    url_prefix="/api/assistance",
    routes=routes,
    load=AssistanceRuntime.from_env,
)
