"""The services the API serves: one line per service.

A service is a package under ``backend/`` whose ``SERVICE`` (a :class:`ServiceDefinition`)
declares its routes, its settings and data (``load``) and its sample-data seeding. The app
factory, the OpenAPI document and the migrations loop over this list and name no service.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Protocol

from sqlalchemy.orm import Session

from backend.routing import Route

SERVICE_PACKAGES: tuple[str, ...] = (
    "backend.marriage",
    "backend.tomb_sweeping",
    "backend.charity",
    "backend.assistance",
    "backend.handoff",
)


class ServiceRuntime(Protocol):
    """What a service loaded for one app: its settings, data and rules."""

    def seed(self, session: Session) -> int:
        """Insert or update the service's sample records; returns how many."""
        ...


@dataclass(frozen=True)
class ServiceDefinition:
    """How a service plugs into the API.

    Attributes:
        name: key of the service (``app.ctx.services[name]``, OpenAPI tag).
        title: what it is, for the OpenAPI document.
        url_prefix: where its routes live, e.g. ``/api/marriage``.
        routes: its endpoints (see :class:`backend.routing.Route`).
        load: reads the service's settings from the environment mapping and its data file;
            raises ``SettingsError`` or ``DataFileError`` on a bad value (the API then does
            not start). No database access.
    """

    name: str
    title: str
    url_prefix: str
    routes: Callable[[], list[Route]]
    load: Callable[[Mapping[str, str]], ServiceRuntime]


def services() -> list[ServiceDefinition]:
    """Every registered service (importing a package also registers its tables)."""
    return [importlib.import_module(name).SERVICE for name in SERVICE_PACKAGES]
