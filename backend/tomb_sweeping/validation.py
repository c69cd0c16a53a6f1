"""Validation of a reservation request: the booker, the deceased, the party, plot and plate.

Pure. Names, ID numbers and phones go through the shared :mod:`backend.validation`
(``name_invalid``, ``id_invalid``, ``phone_invalid``); the rest raise :class:`TombError`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from backend.tomb_sweeping import messages
from backend.tomb_sweeping.errors import TombError
from backend.validation import validate_id, validate_name, validate_phone
from civic.idcard import IdCardInfo
from civic.plates import PlateError, normalize_plate
from civic.text import to_halfwidth

BOOKER_LABEL = "预约人"
DECEASED_LABEL = "逝者"
PLOT_NUMBER_MAX = 40
_PLATE_INPUT_MAX = 40
_CJK = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
# Plain text only: what plot numbers look like ("A区3排12号", "福寿园-2-108", "B栋3层#15").
_PLOT_NUMBER = re.compile(rf"^[{_CJK}A-Za-z0-9 \-#/·()、,.]{{1,{PLOT_NUMBER_MAX}}}$")


@dataclass(frozen=True)
class ReservationInput:
    """A reservation as submitted (after type checks and date/time parsing)."""

    cemetery_id: str
    day: date
    start_time: str
    visitors: int
    booker_name: str
    booker_id: str
    phone: str
    deceased_name: str
    plot_number: str | None
    plate: str | None


@dataclass(frozen=True)
class Visit:
    """The validated personal part of a reservation."""

    booker_name: str
    booker_id: IdCardInfo
    phone: str
    deceased_name: str
    plot_number: str | None
    plate: str | None


def clean_plot_number(text: str | None) -> str | None:
    """A plot number as plain text (None when blank), or ``plot_number_invalid``."""
    if text is None:
        return None
    cleaned = re.sub(r"\s+", " ", to_halfwidth(text)).strip()
    if not cleaned:
        return None
    if not _PLOT_NUMBER.match(cleaned):
        raise TombError("plot_number_invalid", messages.PLOT_NUMBER_INVALID, "plot_number")
    return cleaned


def clean_plate(text: str | None) -> str | None:
    """A plate in canonical form (None when blank), or ``plate_invalid`` with the reason."""
    if text is None or not text.strip():
        return None
    if len(text) > _PLATE_INPUT_MAX:
        raise TombError("plate_invalid", messages.plate_invalid("format"), "plate")
    try:
        return normalize_plate(text)
    except PlateError as exc:
        raise TombError("plate_invalid", messages.plate_invalid(exc.code), "plate") from None


def check_visitors(visitors: int, limit: int) -> None:
    """1 .. ``limit`` people: ``visitors_invalid`` below, ``visitors_over_limit`` above."""
    if visitors < 1:
        raise TombError("visitors_invalid", messages.visitors_invalid(limit), "visitors")
    if visitors > limit:
        raise TombError("visitors_over_limit", messages.visitors_over_limit(limit), "visitors")


def validate_visit(request: ReservationInput, today: date) -> Visit:
    """Check the booker, phone, deceased, plot number and plate, in the form's order.

    Raises:
        InputError | TombError: the first failing rule, with its ``field``.
    """
    return Visit(
        booker_name=validate_name(request.booker_name, BOOKER_LABEL, "booker.name"),
        booker_id=validate_id(request.booker_id, BOOKER_LABEL, "booker.id_number", today),
        phone=validate_phone(request.phone),
        deceased_name=validate_name(request.deceased_name, DECEASED_LABEL, "deceased_name"),
        plot_number=clean_plot_number(request.plot_number),
        plate=clean_plate(request.plate),
    )
