"""Validation of the parties of a marriage appointment: who, in which order, how old. Pure.

Names, ID numbers, phones, dates and times are checked by the shared
:mod:`backend.validation`."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Literal

from backend.marriage import messages
from backend.marriage.errors import BookingError
from backend.validation import validate_id, validate_name
from civic.idcard import IdCardInfo
from civic.marriage_age import minimum_age_not_reached

AppointmentType = Literal["marriage", "divorce", "reissue"]


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
