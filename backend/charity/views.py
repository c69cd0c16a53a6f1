"""Render the charity registry's records as the contract's response models."""

from __future__ import annotations

from backend.charity import messages
from backend.charity.models import Organization, Project
from backend.charity.service import CharityService, former_names
from contracts.charity import (
    CharityGuideOut,
    OrganizationOut,
    ProjectOrganizationOut,
    ProjectOut,
    StatusGuideOut,
)


def organization_out(organization: Organization) -> OrganizationOut:
    """An organisation's public record, with what its status and qualifications mean."""
    return OrganizationOut(
        credit_code=organization.credit_code,
        name=organization.name,
        former_names=former_names(organization),
        type=organization.type,
        type_label=messages.TYPE_LABELS[organization.type],
        region=organization.region,
        registration_authority=organization.registration_authority,
        registered_on=organization.registered_on,
        status=organization.status,
        status_label=messages.STATUS_LABELS[organization.status],
        status_note=messages.STATUS_NOTES[organization.status],
        charity=organization.charity_recognised_on is not None,
        charity_recognised_on=organization.charity_recognised_on,
        public_fundraising=_fundraising(organization),
        public_fundraising_since=organization.public_fundraising_since,
        qualification_note=messages.qualification_note(
            organization.status,
            organization.charity_recognised_on,
            organization.public_fundraising_since,
        ),
        sample=organization.sample,
    )


def _fundraising(organization: Organization) -> bool:
    """Holds 公开募捐资格 now (a deregistered organisation holds none)."""
    return (
        organization.public_fundraising_since is not None and organization.status != "deregistered"
    )


def project_out(
    project: Project, organization: Organization, service: CharityService
) -> ProjectOut:
    """A project with its organisation and whether today is in its fundraising period."""
    return ProjectOut(
        filing_number=project.filing_number,
        name=project.name,
        organization=ProjectOrganizationOut(
            credit_code=organization.credit_code,
            name=organization.name,
            public_fundraising=_fundraising(organization),
            sample=organization.sample,
        ),
        platform=project.platform,
        start=project.start,
        end=project.end,
        in_period=service.in_period(project),
        purpose=project.purpose,
        sample=project.sample,
    )


def notice(sample: bool) -> str | None:
    """The sample-data notice when anything shown is sample data."""
    return messages.SAMPLE_NOTICE if sample else None


def guide_out() -> CharityGuideOut:
    """The general explanations the assistant shows."""
    return CharityGuideOut(
        statuses=[
            StatusGuideOut(status=code, label=label, note=messages.STATUS_NOTES[code])
            for code, label in messages.STATUS_LABELS.items()
        ],
        public_fundraising=messages.PUBLIC_FUNDRAISING,
        not_found=messages.NOT_FOUND,
        safe_giving=list(messages.SAFE_GIVING),
        report=messages.REPORT,
    )
