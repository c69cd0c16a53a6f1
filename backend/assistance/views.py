"""Render standards, pre-screenings and referrals as the contract's response models."""

from __future__ import annotations

from backend.assistance import messages
from backend.assistance.rules import Prescreen
from backend.assistance.service import Contact
from backend.assistance.standards import Amount, CityStandard, Standards
from backend.clock import as_china_time
from civic.masking import mask_name, mask_phone
from contracts.assistance import (
    ApplyOut,
    CityStandardOut,
    FigureOut,
    HousingRuleOut,
    NoteOut,
    PrescreenOut,
    ProgrammeOut,
    ReferralOut,
    RelatedOut,
    ResidencePermitOut,
    StandardsOut,
    VehicleRuleOut,
)

PER_MONTH = "元/人/月"


def _amount(figure: Amount) -> FigureOut:
    return FigureOut(
        value=figure.amount,
        unit=PER_MONTH,
        effective=figure.effective,
        source=figure.source,
        sample=figure.sample,
    )


def standard_out(standard: CityStandard, is_default: bool) -> CityStandardOut:
    """One city's standards with every figure's source and sample flag."""
    edge, assets = standard.low_income_edge, standard.financial_assets
    return CityStandardOut(
        id=standard.id,
        city=standard.city,
        is_default=is_default,
        sample=standard.sample,
        dibao=_amount(standard.dibao),
        tekun=_amount(standard.tekun),
        low_income_edge=FigureOut(
            value=edge.multiplier,
            unit="倍低保标准",
            effective=None,
            source=edge.source,
            sample=edge.sample,
        ),
        low_income_edge_line=standard.edge_line,
        financial_assets=FigureOut(
            value=assets.months,
            unit="个月低保标准（人均）",
            effective=None,
            source=assets.source,
            sample=assets.sample,
        ),
        financial_assets_limit=standard.assets_limit,
        housing=HousingRuleOut(
            text=standard.housing.text,
            source=standard.housing.source,
            sample=standard.housing.sample,
            max_homes=standard.housing.max_homes,
        ),
        vehicle=VehicleRuleOut(
            text=standard.vehicle.text,
            source=standard.vehicle.source,
            sample=standard.vehicle.sample,
            allowed=list(standard.vehicle.allowed),
        ),
        residence_permit=ResidencePermitOut(
            text=standard.residence_permit.text,
            source=standard.residence_permit.source,
            sample=standard.residence_permit.sample,
            status=standard.residence_permit.status,
        ),
        apply=ApplyOut(**standard.apply.dict()),
        notes=[NoteOut(text=n.text, source=n.source) for n in standard.notes],
    )


def standards_out(standards: Standards, city: str | None) -> StandardsOut:
    """Every standard, or the one for ``city`` (the default when the city is not listed)."""
    if city is None or not city.strip():
        listed = [standard_out(c, False) for c in standards.cities]
        listed.append(standard_out(standards.default, True))
    else:
        found = standards.find(city)
        listed = [standard_out(found or standards.default, found is None)]
    return StandardsOut(
        sample_data=any(s.sample for s in listed),
        notice=messages.STANDARDS_NOTICE,
        standards=listed,
    )


def prescreen_out(result: Prescreen) -> PrescreenOut:
    standard = standard_out(result.standard, result.is_default)
    return PrescreenOut(
        city=result.city,
        standard=standard,
        sample_data=standard.sample,
        results=[
            ProgrammeOut(
                programme=r.programme,
                name=r.name,
                status=r.status,
                reasons=list(r.reasons),
                missing=list(r.missing),
                materials=list(r.materials),
                where_to_apply=list(r.where_to_apply),
            )
            for r in result.results
        ],
        related=[
            RelatedOut(name=r.name, reason=r.reason, where=r.where, source=r.source)
            for r in result.related
        ],
        missing=list(result.missing),
        notice=result.notice,
    )


def referral_out(contact: Contact) -> ReferralOut:
    """A referral with masked name and phone; nothing else personal is kept."""
    r = contact.referral
    return ReferralOut(
        reference=r.reference,
        name_masked=mask_name(contact.name),
        phone_masked=mask_phone(contact.phone),
        city=r.city,
        district=r.district,
        programmes=[p for p in r.programmes.split(",") if p],
        consent_at=as_china_time(r.consent_at),
        message=messages.REFERRAL_RECORDED,
    )
