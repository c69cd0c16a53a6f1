"""慈善查询: the charity registry — organisations, their charity status and 公开募捐资格,
and charity projects with public-fundraising filings. Public data only: nothing personal."""

from __future__ import annotations

from backend.charity.routes import routes
from backend.charity.runtime import CharityRuntime
from backend.registry import ServiceDefinition

SERVICE = ServiceDefinition(
    name="charity",
    title="慈善查询 charity registry",
    url_prefix="/api/charity",
    routes=routes,
    load=CharityRuntime.from_env,
)
