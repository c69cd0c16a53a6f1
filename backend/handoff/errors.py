"""Domain errors of the hand-off service and the HTTP status each maps to."""

from __future__ import annotations

from typing import ClassVar

from backend.errors import DomainError


class HandoffError(DomainError):
    """A hand-off request cannot be accepted (codes not listed here are 422)."""

    STATUS: ClassVar[dict[str, int]] = {
        "not_found": 404,
        "already_taken": 409,
        "closed": 409,
        "status_invalid": 400,
    }
