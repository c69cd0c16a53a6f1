"""Domain errors of the marriage service and the HTTP status each maps to."""

from __future__ import annotations

from typing import ClassVar

from backend.errors import DomainError


class BookingError(DomainError):
    """A marriage rule refused the request."""

    STATUS: ClassVar[dict[str, int]] = {
        "office_not_found": 404,
        "not_found": 404,
        "slot_full": 409,
        "duplicate_active": 409,
        "already_cancelled": 409,
        "office_closed": 409,
        "appointment_past": 409,
        "concurrent_change": 409,
    }
