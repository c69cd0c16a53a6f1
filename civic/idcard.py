"""Resident identity card numbers (GB 11643-1999): format, birth date and check digit."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from civic.text import to_halfwidth

_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
_CHECK_CHARS = "10X98765432"
_SHAPE = re.compile(r"^\d{17}[\dX]$")

Sex = Literal["male", "female"]


class IdCardError(ValueError):
    """An ID number that cannot be accepted; ``code`` says why.

    Codes: ``empty``, ``length`` (not 18 characters), ``format`` (non-digits),
    ``region`` (no province code), ``birth_date`` (no such date, or in the future),
    ``checksum`` (the 18th character does not match).
    """

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class IdCardInfo:
    """A valid ID number and what it encodes."""

    number: str
    birth_date: date
    sex: Sex
    region_code: str


def check_digit(first17: str) -> str:
    """Return the GB 11643 check character for the first 17 digits."""
    total = sum(int(d) * w for d, w in zip(first17, _WEIGHTS, strict=True))
    return _CHECK_CHARS[total % 11]


def normalize_id_number(text: str) -> str:
    """Strip spaces and separators, turn full-width digits half-width, upper-case the X."""
    cleaned = to_halfwidth(text or "")
    return re.sub(r"[\s\-_.]", "", cleaned).upper()


def parse_id_number(text: str, today: date | None = None) -> IdCardInfo:
    """Validate an 18-character ID number and decode birth date and sex.

    Raises:
        IdCardError: with the reason as ``code``.
    """
    number = normalize_id_number(text)
    if not number:
        raise IdCardError("empty")
    if len(number) != 18:
        raise IdCardError("length")
    if not _SHAPE.match(number):
        raise IdCardError("format")
    if number[:2] in {"00", "01", "02", "03", "04", "05", "06", "07", "08", "09", "10"}:
        raise IdCardError("region")
    try:
        birth = date(int(number[6:10]), int(number[10:12]), int(number[12:14]))
    except ValueError as exc:
        raise IdCardError("birth_date") from exc
    if birth > (today or date.today()) or birth.year < 1900:
        raise IdCardError("birth_date")
    if check_digit(number[:17]) != number[17]:
        raise IdCardError("checksum")
    sex: Sex = "male" if int(number[16]) % 2 == 1 else "female"
    return IdCardInfo(number=number, birth_date=birth, sex=sex, region_code=number[:6])


def age_on(birth: date, on: date) -> int:
    """Full years of age on ``on`` (a birthday on 29 Feb counts from 1 Mar in other years)."""
    had_birthday = (on.month, on.day) >= (birth.month, birth.day)
    return on.year - birth.year - (0 if had_birthday else 1)


_ID_RUN = re.compile(r"[0-9][0-9\s\-]{5,}[0-9Xx]|[0-9]{6,}")


def find_id_candidate(text: str) -> str:
    """The longest digit run in ``text`` that could be an ID number (spaces allowed inside).

    Returns the normalised run, or the normalised whole text when there is none, so that
    ``parse_id_number`` can say precisely what is wrong with it.
    """
    halfwidth = to_halfwidth(text or "")
    runs = [normalize_id_number(m.group(0)) for m in _ID_RUN.finditer(halfwidth)]
    return max(runs, key=len) if runs else normalize_id_number(halfwidth)
