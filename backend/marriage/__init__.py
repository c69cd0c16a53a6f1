"""婚姻登记预约: marriage, divorce and certificate-reissue appointments."""

from __future__ import annotations

from backend.marriage.routes import routes
from backend.marriage.runtime import MarriageRuntime
from backend.registry import ServiceDefinition

SERVICE = ServiceDefinition(
    name="marriage",
    title="婚姻登记预约 marriage registration appointments",
    url_prefix="/api/marriage",
    routes=routes,
    load=MarriageRuntime.from_env,
)
