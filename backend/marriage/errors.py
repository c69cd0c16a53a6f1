"""Domain errors of the marriage service and the HTTP status each maps to."""

from __future__ import annotations


class BookingError(Exception):
    """A rule refused the request; ``code`` is stable, ``message`` is Chinese for the citizen."""

    def __init__(self, code: str, message: str, field: str | None = None) -> None:
        super().__init__(code)
        self.code = code
        self.message = message
        self.field = field


HTTP_STATUS = {
    "office_not_found": 404,
    "not_found": 404,
    "slot_full": 409,
    "duplicate_active": 409,
    "already_cancelled": 409,
    "office_closed": 409,
    "appointment_past": 409,
    "concurrent_change": 409,
}


def http_status(code: str) -> int:
    """The HTTP status for a domain error code (422 for every input-validation error)."""
    return HTTP_STATUS.get(code, 422)
