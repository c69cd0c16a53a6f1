"""Mainland China car plates (GA 36-2018) for the cemetery parking quota.

Accepted, after normalisation (full-width to half-width, traditional to simplified characters,
upper case, spaces and separators such as ``·`` ``-`` ``.`` removed):

* regular plates, 7 characters: one of the 31 mainland province abbreviations, the issuing
  authority's letter (A-Z), then 5 letters or digits: ``粤B12345``, ``京AB123C``.
* small new-energy plates, 8 characters: province, authority letter, then a serial of 6: the
  energy letter (D pure electric, F other new energy; where a city has used those up, A/B/C/E
  and G/H/J/K follow), then a letter or digit, then four digits: ``粤BD12345``, ``粤BFA1234``.
  A letter anywhere in the last four (``粤BF1234A``) is not a GA 36-2018 plate.
* large new-energy plates, 8 characters: province, authority letter, five digits, then D or F:
  ``粤B12345D``.

Serial letters never include I or O (GA 36-2018 leaves them out: they read as 1 and 0); they
are refused rather than guessed. Not accepted: Hong Kong/Macao/Taiwan plates, plates of
embassies (使/领), police (警), coaches (学), trailers (挂) and other special series, and
whether a serial was really issued (how many letters a local series allows) is not checked.
"""

from __future__ import annotations

import re

from civic.text import to_halfwidth, to_simplified

__all__ = [
    "PROVINCES",
    "PlateError",
    "find_plate_candidate",
    "is_new_energy",
    "normalize_plate",
]

# The 31 mainland provincial-level abbreviations used on plates.
PROVINCES = "京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼"

_LETTER = "A-HJ-NP-Z"  # serial letters: no I, no O
_REGULAR = re.compile(rf"[{PROVINCES}][A-Z][0-9{_LETTER}]{{5}}")
_SMALL_NEW_ENERGY = re.compile(rf"[{PROVINCES}][A-Z][DABCEFGHJK][0-9{_LETTER}][0-9]{{4}}")
_LARGE_NEW_ENERGY = re.compile(rf"[{PROVINCES}][A-Z][0-9]{{5}}[DF]")

# Whitespace and what people type between the parts: 粤B·12345, 粤B-12345, 粤 B.12345.
_SEPARATORS = "·•‧∙・･.,_\\-—–"
_SEPARATOR_RUN = re.compile(rf"[\s{_SEPARATORS}]+")
_SEP = rf"[\s{_SEPARATORS}]*"

# A plate-shaped run inside a sentence. Separators are allowed only after the province and
# after the authority letter, so "粤B12345 6个人" does not swallow the 6.
_IN_TEXT = re.compile(rf"[{PROVINCES}]{_SEP}[A-Z]{_SEP}[A-Z0-9]{{5,6}}(?![A-Z0-9])")
# Any province followed by letters/digits (粤B1234567), for a precise error.
_PROVINCE_LED = re.compile(rf"[{PROVINCES}]{_SEP}[A-Z0-9](?:{_SEP}[A-Z0-9]+)?")
# Shaped like a plate but without a mainland province: 港A12345, A12345.
_NO_PROVINCE = re.compile(
    rf"(?<![A-Z0-9])(?=[港澳台]?[0-9]*[A-Z])[港澳台]?[A-Z0-9]{_SEP}[A-Z0-9]{{5,7}}(?![A-Z0-9])"
)


class PlateError(ValueError):
    """A plate number that cannot be accepted; ``code`` says which part is wrong.

    Codes: ``empty`` (nothing typed), ``province`` (the first character is not one of the 31
    mainland province abbreviations: 港A12345, A12345), ``format`` (the province is fine but
    the rest is not a plate: wrong length, no authority letter, I or O in the serial, or a
    new-energy serial without its D/F in the right place).
    """

    def __init__(self, code: str) -> None:
        super().__init__(code)
        self.code = code


def _clean(text: str) -> str:
    """Half-width, simplified, upper case; no spaces or separators."""
    if not isinstance(text, str):
        return ""
    return _SEPARATOR_RUN.sub("", to_simplified(to_halfwidth(text))).upper()


def normalize_plate(text: str) -> str:
    """The plate in canonical form: ``"粵 b·12345"`` -> ``"粤B12345"``.

    Raises:
        PlateError: ``code`` is ``empty``, ``province`` or ``format``.
    """
    plate = _clean(text)
    if not plate:
        raise PlateError("empty")
    if plate[0] not in PROVINCES:
        raise PlateError("province")
    if len(plate) == 7 and _REGULAR.fullmatch(plate):
        return plate
    if len(plate) == 8 and (
        _SMALL_NEW_ENERGY.fullmatch(plate) or _LARGE_NEW_ENERGY.fullmatch(plate)
    ):
        return plate
    raise PlateError("format")


def is_new_energy(plate: str) -> bool:
    """True for a valid new-energy (green, 8-character) plate; False otherwise, never raises.

    ``is_new_energy("粤BD12345")`` and ``is_new_energy("粤B12345D")`` are True;
    ``is_new_energy("粤B12345")`` and invalid text are False.
    """
    try:
        return len(normalize_plate(plate)) == 8
    except PlateError:
        return False


def find_plate_candidate(text: str) -> str:
    """The plate-like part of a sentence ("车牌是粤B12345，谢谢" -> "粤B12345").

    Prefers a run that is a valid plate, then any run starting with a province abbreviation,
    then something plate-shaped without one (港A12345), so that :func:`normalize_plate` gives
    the right error. Without any, returns the text itself (half-width, simplified, upper
    case) for :func:`normalize_plate` to reject.
    """
    if not isinstance(text, str):
        return ""
    norm = to_simplified(to_halfwidth(text)).upper()
    for m in _IN_TEXT.finditer(norm):
        try:
            return normalize_plate(m.group(0))
        except PlateError:
            continue
    shaped = _PROVINCE_LED.search(norm) or _NO_PROVINCE.search(norm)
    if shaped:
        return _clean(shaped.group(0))
    return norm.strip()
