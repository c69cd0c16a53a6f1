"""Mainland China mobile numbers."""

from __future__ import annotations

import re

from civic.text import to_halfwidth

_MOBILE = re.compile(r"^1[3-9]\d{9}$")


class PhoneError(ValueError):
    """A phone number that cannot be accepted: ``code`` is ``empty``, ``length`` or ``format``."""

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def normalize_phone(text: str) -> str:
    """Return the 11-digit mobile number in ``text`` (spaces, dashes, +86 allowed).

    Raises:
        PhoneError: when it is not an 11-digit mainland mobile number.
    """
    digits = re.sub(r"[\s\-()（）]", "", to_halfwidth(text or ""))
    if digits.startswith("+86"):
        digits = digits[3:]
    elif digits.startswith("0086"):
        digits = digits[4:]
    if not digits:
        raise PhoneError("empty")
    if not digits.isdigit():
        raise PhoneError("format")
    if len(digits) != 11:
        raise PhoneError("length")
    if not _MOBILE.match(digits):
        raise PhoneError("format")
    return digits


_PHONE_RUN = re.compile(r"(?:\+?86[\s\-]?)?1[\d\s\-]{9,14}\d|\d[\d\s\-]{3,}\d")


def find_phone_candidate(text: str) -> str:
    """The phone-like digit run in ``text`` ("我的手机是138 1234 5678"), else the text itself."""
    halfwidth = to_halfwidth(text or "")
    runs = [m.group(0) for m in _PHONE_RUN.finditer(halfwidth)]
    return max(runs, key=len) if runs else halfwidth
