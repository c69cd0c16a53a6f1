"""Validation of what a citizen submits: names, ID numbers, phone, dates and ages. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Literal

from backend.marriage import messages
from backend.marriage.errors import BookingError
from civic.idcard import IdCardError, IdCardInfo, parse_id_number
from civic.marriage_age import minimum_age_not_reached
from civic.names import is_valid_name
from civic.phone import PhoneError, normalize_phone
from civic.text import to_halfwidth

AppointmentType = Literal["marriage", "divorce", "reissue"]

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_TIME = re.compile(r"^\d{2}:\d{2}$")


@dataclass(frozen=True)
class PartyInput:
    """One party as submitted."""

    name: str
    id_number: str


@dataclass(frozen=True)
class Party:
    """A validated party."""

    name: str
    id: IdCardInfo


@dataclass(frozen=True)
class Parties:
    """Validated parties: ``second`` is None for a reissue."""

    first: Party
    second: Party | None

    def all(self) -> list[tuple[str, Party]]:
        """(field prefix, party) pairs."""
        pairs = [("party1", self.first)]
        if self.second is not None:
            pairs.append(("party2", self.second))
        return pairs


def validate_name(name: str, label: str, field: str) -> str:
    """A trimmed name that ``civic.names.is_valid_name`` accepts."""
    cleaned = re.sub(r"\s+", " ", to_halfwidth(name)).strip()
    if not is_valid_name(cleaned):
        raise BookingError("name_invalid", messages.name_invalid(label), field)
    return cleaned


def validate_id(number: str, label: str, field: str, today: date) -> IdCardInfo:
    """A valid ID number (GB 11643), or ``id_invalid`` naming the reason."""
    try:
        return parse_id_number(number, today=today)
    except IdCardError as exc:
        raise BookingError("id_invalid", messages.id_invalid(label, exc.code), field) from None


def validate_phone(phone: str) -> str:
    """An 11-digit mainland mobile number, or ``phone_invalid``."""
    try:
        return normalize_phone(phone)
    except PhoneError:
        raise BookingError("phone_invalid", messages.PHONE_INVALID, "phone") from None


def parse_day(text: str, field: str = "date") -> date:
    """``YYYY-MM-DD`` -> date, or ``date_invalid``."""
    text = text.strip()
    try:
        if not _DATE.match(text):
            raise ValueError(text)
        return date.fromisoformat(text)
    except ValueError:
        raise BookingError("date_invalid", messages.DATE_INVALID, field) from None


def parse_time(text: str, field: str = "start_time") -> str:
    """``H:MM`` or ``HH:MM`` -> ``HH:MM``, or ``time_invalid``."""
    text = to_halfwidth(text).strip().replace("：", ":")
    if len(text) == 4 and text[1] == ":":
        text = "0" + text
    if not _TIME.match(text) or int(text[:2]) > 23 or int(text[3:]) > 59:
        raise BookingError("time_invalid", messages.TIME_INVALID, field)
    return text


def validate_parties(
    kind: AppointmentType, party1: PartyInput, party2: PartyInput | None, today: date
) -> Parties:
    """Check names, ID numbers, distinctness and sex order (party1 男方, party2 女方).

    Raises:
        BookingError: the first failing rule, with its ``field``.
    """
    label1 = messages.party_label("party1", kind)
    first = Party(
        validate_name(party1.name, label1, "party1.name"),
        validate_id(party1.id_number, label1, "party1.id_number", today),
    )
    if kind == "reissue":
        if party2 is not None:
            raise BookingError("party2_not_allowed", messages.PARTY2_NOT_ALLOWED, "party2")
        return Parties(first, None)
    if party2 is None:
        raise BookingError("party2_required", messages.PARTY2_REQUIRED, "party2")
    label2 = messages.party_label("party2", kind)
    second = Party(
        validate_name(party2.name, label2, "party2.name"),
        validate_id(party2.id_number, label2, "party2.id_number", today),
    )
    if first.id.number == second.id.number:
        raise BookingError("same_person", messages.SAME_PERSON, "party2.id_number")
    if first.id.sex != "male":
        raise BookingError(
            "sex_mismatch", messages.sex_mismatch(label1, "男方", "女性"), "party1.id_number"
        )
    if second.id.sex != "female":
        raise BookingError(
            "sex_mismatch", messages.sex_mismatch(label2, "女方", "男性"), "party2.id_number"
        )
    return Parties(first, second)


def check_marriage_age(kind: AppointmentType, parties: Parties, day: date) -> None:
    """For ``marriage``: 男22周岁、女20周岁 on the appointment date (民法典第1047条)."""
    if kind != "marriage":
        return
    for prefix, party in parties.all():
        minimum = minimum_age_not_reached(party.id, day)
        if minimum:
            label = messages.party_label(prefix, kind)
            raise BookingError(
                "underage", messages.underage(label, minimum, day), f"{prefix}.id_number"
            )
