"""Domain errors of the charity registry service and the HTTP status each maps to."""

from __future__ import annotations

from typing import ClassVar

from backend.errors import DomainError


class CharityError(DomainError):
    """A charity registry rule refused the request (codes not listed here are 422)."""

    STATUS: ClassVar[dict[str, int]] = {
        "query_missing": 400,
        "query_too_short": 400,
        "query_too_long": 400,
        "invalid_text": 400,
        "organization_not_found": 404,
    }
