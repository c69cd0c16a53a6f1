"""Finding a booking by its reference and the phone number given when booking.

A wrong phone and a missing (or malformed) reference look the same to the caller, so a
reference cannot be probed; the phone is compared by its keyed digest in constant time.
"""

from __future__ import annotations

import hmac
import re
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from backend.validation import validate_phone
from civic.sealing import Sealer


def normalize_reference(text: str) -> str:
    """Trim and upper-case a reference (look-ups are case-insensitive)."""
    return re.sub(r"\s+", "", text or "").upper()


def find_by_reference(
    session: Session,
    model: Any,
    pattern: re.Pattern[str],
    reference: str,
    phone: str,
    sealer: Sealer,
) -> Any | None:
    """The row of ``model`` with ``reference`` whose ``phone_digest`` matches ``phone``.

    ``model`` has ``reference`` and ``phone_digest`` columns; ``pattern`` is the shape of the
    service's references.

    Returns:
        The row, or None for a malformed or unknown reference and for a wrong phone alike.

    Raises:
        InputError: ``phone_invalid`` when ``phone`` is not a mobile number at all.
    """
    reference = normalize_reference(reference)
    if not pattern.match(reference):
        return None
    digest = sealer.digest(validate_phone(phone))
    row = session.execute(select(model).where(model.reference == reference)).scalar_one_or_none()
    if row is None or not hmac.compare_digest(row.phone_digest, digest):
        return None
    return row
