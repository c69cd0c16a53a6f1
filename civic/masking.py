"""Masking of personal data for logs, stored event text and replies."""

from __future__ import annotations

import re

# An ID-like run of 17 digits + digit/X, or an 11-digit mobile (optionally +86/86), not inside
# a longer number. Single spaces or dashes may separate the digits ("138 1234 5678", "+86
# 138-1234-5678", "110105 19491231 002X"): citizens type them so, and they must not leak.
_SEP = r"[ \-]?"
_ID_IN_TEXT = re.compile(rf"(?<![\dA-Za-z])\d(?:{_SEP}\d){{16}}{_SEP}[\dXx](?![\dA-Za-z])")
_PHONE_IN_TEXT = re.compile(
    rf"(?<![\d+])(?P<prefix>\+?86{_SEP})?(?P<number>1{_SEP}[3-9](?:{_SEP}\d){{9}})(?!\d)"
)


def mask_id_number(number: str) -> str:
    """``110105199003078816`` -> ``110***********8816`` (first 3 and last 4 kept)."""
    if len(number) <= 7:
        return "*" * len(number)
    return number[:3] + "*" * (len(number) - 7) + number[-4:]


def mask_phone(phone: str) -> str:
    """``13812345678`` -> ``138****5678``."""
    if len(phone) != 11:
        return "*" * len(phone)
    return phone[:3] + "****" + phone[-4:]


def mask_name(name: str) -> str:
    """Keep the surname character: ``张伟`` -> ``张*``, ``欧阳建国`` -> ``欧***``."""
    name = name.strip()
    if len(name) <= 1:
        return name
    return name[0] + "*" * (len(name) - 1)


def mask_plate(plate: str) -> str:
    """Keep the province, the authority letter and the last two: ``粤B12345`` -> ``粤B***45``."""
    if len(plate) <= 4:
        return "*" * len(plate)
    return plate[:2] + "*" * (len(plate) - 4) + plate[-2:]


def mask_text(text: str) -> str:
    """Mask every ID number and mobile number found inside free text."""
    masked = _ID_IN_TEXT.sub(lambda m: mask_id_number(re.sub(r"[ \-]", "", m.group(0))), text)
    return _PHONE_IN_TEXT.sub(
        lambda m: (m["prefix"] or "") + mask_phone(re.sub(r"[ \-]", "", m["number"])), masked
    )
