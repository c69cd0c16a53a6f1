"""Checksum-valid test identities (GB 11643), built with the production check digit."""

from __future__ import annotations

from civic.idcard import check_digit


def make_id(birth: str, male: bool, region: str = "440305", serial: int = 1) -> str:
    """An 18-character ID number for a person born on ``birth`` (YYYYMMDD)."""
    sex_digit = (2 * (serial % 5) + (1 if male else 0)) % 10
    first17 = f"{region}{birth}{serial // 5 % 100:02d}{sex_digit}"
    return first17 + check_digit(first17)
