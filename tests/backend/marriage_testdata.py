"""Test data for the marriage API: checksum-valid ID numbers and request bodies."""

from __future__ import annotations

import itertools
from datetime import date
from typing import Any

from civic.idcard import check_digit

_serial = itertools.count(1)


def make_id(birth: date, male: bool, region: str = "440305", serial: int | None = None) -> str:
    """A checksum-valid 18-digit ID number (GB 11643) for ``birth`` and sex."""
    number = next(_serial) if serial is None else serial
    seq = f"{number % 100:02d}"
    sex_digit = (number // 100 % 5) * 2 + (1 if male else 0)
    first17 = f"{region}{birth:%Y%m%d}{seq}{sex_digit}"
    return first17 + check_digit(first17)


def with_bad_checksum(number: str) -> str:
    """``number`` with a wrong 18th character."""
    last = number[-1]
    return number[:-1] + ("0" if last != "0" else "1")


def couple(serial: int | None = None) -> tuple[dict[str, str], dict[str, str]]:
    """A groom (born 1995) and bride (born 1997) with distinct, valid ID numbers."""
    n = next(_serial) if serial is None else serial
    groom = {"name": "张伟", "id_number": make_id(date(1995, 3, 7), True, serial=n)}
    bride = {"name": "李娜", "id_number": make_id(date(1997, 6, 1), False, serial=n)}
    return groom, bride


def create_body(
    day: str,
    start: str = "09:00",
    kind: str = "marriage",
    office_id: str = "sz-nanshan",
    phone: str = "13812345678",
    serial: int | None = None,
) -> dict[str, Any]:
    """A valid create request (reissue: one party)."""
    groom, bride = couple(serial)
    return {
        "type": kind,
        "office_id": office_id,
        "date": day,
        "start_time": start,
        "party1": groom,
        "party2": None if kind == "reissue" else bride,
        "phone": phone,
    }


def phone_for(i: int) -> str:
    """A distinct valid mobile number."""
    return f"139{i:08d}"
