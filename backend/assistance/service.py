"""Contact requests (referrals): validate, seal and store a minimal record.

Pre-screening itself is pure (:mod:`backend.assistance.rules`) and stores nothing.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy.orm import Session

from backend.assistance import messages
from backend.assistance.errors import AssistanceError
from backend.assistance.models import Referral
from backend.capacity import new_reference
from backend.clock import Clock
from backend.validation import validate_name, validate_phone
from civic.sealing import Sealer
from civic.text import to_halfwidth

REFERENCE_PREFIX = "JZ"
NAME_LABEL = "联系人"
_PLACE = re.compile(r"^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff·]{1,20}$")


def clean_place(text: str | None, field: str, message: str) -> str | None:
    """A city or district name: 1–20 Chinese characters (None when blank), or 422."""
    if text is None:
        return None
    cleaned = re.sub(r"\s+", "", to_halfwidth(text))
    if not cleaned:
        return None
    if not _PLACE.match(cleaned):
        raise AssistanceError(f"{field}_invalid", message, field)
    return cleaned


@dataclass(frozen=True)
class ReferralInput:
    name: str
    phone: str
    city: str
    district: str | None
    consent: bool
    programmes: tuple[str, ...]


@dataclass(frozen=True)
class Contact:
    """A stored referral with its personal data unsealed only to be masked."""

    referral: Referral
    name: str
    phone: str


class ReferralService:
    """Referral rules over one unit of work."""

    def __init__(self, session: Session, clock: Clock, sealer: Sealer) -> None:
        self.session = session
        self.clock = clock
        self.sealer = sealer

    def create(self, request: ReferralInput) -> Contact:
        """Store a contact request; refuses without explicit consent (``consent_required``)."""
        if request.consent is not True:
            raise AssistanceError("consent_required", messages.CONSENT_REQUIRED, "consent")
        name = validate_name(request.name, NAME_LABEL, "name")
        phone = validate_phone(request.phone)
        city = clean_place(request.city, "city", messages.CITY_INVALID)
        if city is None:
            raise AssistanceError("city_invalid", messages.CITY_INVALID, "city")
        district = clean_place(request.district, "district", messages.DISTRICT_INVALID)
        now: datetime = self.clock.now().replace(microsecond=0)
        referral = Referral(
            reference=new_reference(
                self.session, Referral.reference, REFERENCE_PREFIX, self.clock.today()
            ),
            name_sealed=self.sealer.seal(name),
            phone_sealed=self.sealer.seal(phone),
            phone_digest=self.sealer.digest(phone),
            city=city.removesuffix("市") or city,
            district=district,
            programmes=",".join(request.programmes),
            consent_at=now,
        )
        self.session.add(referral)
        self.session.flush()
        return Contact(referral, name, phone)
