"""What a citizen submits to any booking service, checked once: names, ID numbers, phones,
dates and times. Pure; every refusal is an :class:`InputError` (422) with the shared code
(``name_invalid``, ``id_invalid``, ``phone_invalid``, ``date_invalid``, ``time_invalid``) and
a Chinese message naming the field.
"""

from __future__ import annotations

import re
from datetime import date

from backend import messages
from backend.errors import DomainError
from civic.idcard import IdCardError, IdCardInfo, parse_id_number
from civic.names import is_valid_name
from civic.phone import PhoneError, normalize_phone
from civic.text import to_halfwidth

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}$")


class InputError(DomainError):
    """A value the citizen typed cannot be accepted (always 422)."""


def validate_name(name: str, label: str, field: str) -> str:
    """A trimmed name that ``civic.names.is_valid_name`` accepts, or ``name_invalid``."""
    cleaned = re.sub(r"\s+", " ", to_halfwidth(name)).strip()
    if not is_valid_name(cleaned):
        raise InputError("name_invalid", messages.name_invalid(label), field)
    return cleaned


def validate_id(number: str, label: str, field: str, today: date) -> IdCardInfo:
    """A valid ID number (GB 11643), or ``id_invalid`` naming the reason."""
    try:
        return parse_id_number(number, today=today)
    except IdCardError as exc:
        raise InputError("id_invalid", messages.id_invalid(label, exc.code), field) from None


def validate_phone(phone: str, field: str = "phone") -> str:
    """An 11-digit mainland mobile number, or ``phone_invalid``."""
    try:
        return normalize_phone(phone)
    except PhoneError:
        raise InputError("phone_invalid", messages.PHONE_INVALID, field) from None


def parse_day(text: str, field: str = "date") -> date:
    """``YYYY-MM-DD`` -> date, or ``date_invalid``."""
    text = text.strip()
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise InputError("date_invalid", messages.DATE_INVALID, field) from None


def parse_time(text: str, field: str = "start_time") -> str:
    """``H:MM`` or ``HH:MM`` (full-width digits and colon too) -> ``HH:MM``, or ``time_invalid``."""
    text = to_halfwidth(text).strip().replace("：", ":")
    if len(text) == 4 and text[1] == ":":
        text = "0" + text
    if not _TIME.match(text) or int(text[:2]) > 23 or int(text[3:]) > 59:
        raise InputError("time_invalid", messages.TIME_INVALID, field)
    return text


def parse_day_and_time(day: str, start: str) -> tuple[date, str]:
    """The ``date`` and ``start_time`` fields of a request body, or the API error for them."""
    try:
        return parse_day(day, "date"), parse_time(start, "start_time")
    except InputError as exc:
        raise exc.api_error() from None
