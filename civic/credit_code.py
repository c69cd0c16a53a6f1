"""Unified social credit codes (统一社会信用代码, GB 32100-2015): shape, check character and
what the first two characters say about the registering authority.

A code has 18 characters from the code alphabet (digits and capital letters without I, O,
Z, S, V): registration authority (1), organisation type (1), administrative division (6
digits), organisation code (9) and a check character computed over the first 17.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from civic.text import to_halfwidth

ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # 31 characters: no I, O, Z, S, V
_VALUES = {ch: index for index, ch in enumerate(ALPHABET)}
_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_SEPARATORS = re.compile(r"[\s\-_.·]")
_SHAPE = re.compile(rf"^[{ALPHABET}]{{2}}\d{{6}}[{ALPHABET}]{{10}}$")
# 18 letters/digits standing alone in a longer text (a candidate code).
_CANDIDATE = re.compile(r"(?<![0-9A-Z])[0-9A-Z]{18}(?![0-9A-Z])")

# Registration authority (first character) and, within it, the organisation type (second),
# for the authorities this project meets; any other first character reads as 其他.
AUTHORITIES: dict[str, tuple[str, dict[str, str]]] = {
    "1": ("机构编制", {"1": "机关", "2": "事业单位", "3": "群众团体", "9": "其他"}),
    "5": (
        "民政",
        {"1": "社会团体", "2": "民办非企业单位（社会服务机构）", "3": "基金会", "9": "其他"},
    ),
    "9": ("工商（市场监管）", {"1": "企业", "2": "个体工商户", "3": "农民专业合作社"}),
}


class CreditCodeError(ValueError):
    """A code that cannot be accepted; ``code`` says why.

    Codes: ``empty``, ``length`` (not 18 characters), ``format`` (a character outside the
    code alphabet, or no 6-digit division code), ``checksum`` (the 18th character does not
    match the first 17).
    """

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


@dataclass(frozen=True)
class RegistrationAuthority:
    """What the first two characters of a code say.

    Attributes:
        department: the registering authority, e.g. ``民政``.
        kind: the organisation type within it, e.g. ``基金会`` (``其他`` when not listed).
        civil_affairs: registered with 民政 (社会组织).
    """

    department: str
    kind: str
    civil_affairs: bool


def normalize_credit_code(text: str) -> str:
    """Half-width, no spaces or separators, upper case."""
    return _SEPARATORS.sub("", to_halfwidth(text or "")).upper()


def check_character(first17: str) -> str:
    """The GB 32100 check character for the first 17 characters of a code.

    Raises:
        KeyError: a character outside the code alphabet.
    """
    total = sum(_VALUES[ch] * weight for ch, weight in zip(first17, _WEIGHTS, strict=True))
    return ALPHABET[(31 - total % 31) % 31]


def validate_credit_code(text: str) -> str:
    """The normalised code when ``text`` is a valid unified social credit code.

    Raises:
        CreditCodeError: with the reason as ``code``.
    """
    code = normalize_credit_code(text)
    if not code:
        raise CreditCodeError("empty")
    if len(code) != 18:
        raise CreditCodeError("length")
    if not _SHAPE.match(code):
        raise CreditCodeError("format")
    if check_character(code[:17]) != code[17]:
        raise CreditCodeError("checksum")
    return code


def is_valid_credit_code(text: str) -> bool:
    """True when ``text`` is a valid code (after normalisation)."""
    try:
        validate_credit_code(text)
    except CreditCodeError:
        return False
    return True


def find_credit_code(text: str) -> str | None:
    """The first valid code standing alone in ``text`` (e.g. a pasted sentence), or None."""
    cleaned = to_halfwidth(text or "").upper()
    for match in _CANDIDATE.finditer(cleaned):
        if is_valid_credit_code(match.group()):
            return match.group()
    return None


def registration_authority(code: str) -> RegistrationAuthority:
    """Who registered the organisation, from a valid code's first two characters.

    Raises:
        CreditCodeError: ``code`` is not a valid code.
    """
    code = validate_credit_code(code)
    department, kinds = AUTHORITIES.get(code[0], ("其他", {}))
    return RegistrationAuthority(
        department=department,
        kind=kinds.get(code[1], "其他"),
        civil_affairs=code[0] == "5",
    )
