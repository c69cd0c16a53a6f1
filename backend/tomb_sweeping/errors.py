"""Domain errors of the tomb-sweeping service and the HTTP status each maps to."""

from __future__ import annotations

from typing import ClassVar

from backend.errors import DomainError


class TombError(DomainError):
    """A tomb-sweeping rule refused the request (codes not listed here are 422)."""

    STATUS: ClassVar[dict[str, int]] = {
        "cemetery_not_found": 404,
        "not_found": 404,
        "slot_full": 409,
        "parking_full": 409,
        "duplicate_active": 409,
        "already_cancelled": 409,
        "reservation_past": 409,
    }
