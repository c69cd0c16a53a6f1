"""祭扫预约: tomb-sweeping reservations at cemeteries and columbaria (清明, 重阳, 冬至, 春节)."""

from __future__ import annotations

from backend.registry import ServiceDefinition
from backend.tomb_sweeping.routes import routes
from backend.tomb_sweeping.runtime import TombRuntime

SERVICE = ServiceDefinition(
    name="tomb_sweeping",
    title="祭扫预约 tomb-sweeping reservations",
    url_prefix="/api/tomb-sweeping",
    routes=routes,
    load=TombRuntime.from_env,
)
