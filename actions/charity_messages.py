"""慈善查询: how an organisation found in the registry is shown, and the catalogue entry."""

from __future__ import annotations

import re

from actions.catalogue import Journey, register
from civic.organization_names import asks_to_check
from contracts.charity import OrganizationMatchOut, OrganizationOut, ProjectOut

JOURNEY = register(
    Journey(
        key="charity",
        order=40,
        buttons=(("查询慈善组织", "/charity_check"),),
        asks_for_itself=asks_to_check,
        topic=re.compile(
            r"慈善|基金|捐|募|公益|协会|组织|机构|筹|爱心|义卖|志愿|善款|社团|会|信用代码|"
            r"正规|骗|举报"
        ),
    )
)

MAX_PROJECTS = 3
MAX_CHOICES = 4
YES_NO = {True: "有", False: "无"}


def organization_text(match: OrganizationMatchOut | None, organization: OrganizationOut) -> str:
    """Name, type, authority, status, charity status and 公开募捐资格, with what they mean."""
    lines = [f"{organization.name}（{organization.type_label}）"]
    if match is not None and match.match == "former_name":
        lines.append(f"您查询的“{match.matched_name}”是该组织的曾用名。")
    lines += [
        f"统一社会信用代码：{organization.credit_code}",
        f"登记管理机关：{organization.registration_authority}",
        f"登记状态：{organization.status_label}。{organization.status_note}",
        f"慈善组织：{'是' if organization.charity else '否'}；"
        f"公开募捐资格：{YES_NO[organization.public_fundraising]}。",
        organization.qualification_note,
    ]
    return "\n".join(lines)


def projects_text(projects: list[ProjectOut]) -> str:
    """Up to three filed fundraising projects: name, filing number, platform, period."""
    lines = []
    for project in projects[:MAX_PROJECTS]:
        period = "募捐期内" if project.in_period else "不在募捐期内"
        lines.append(
            f"· {project.name}（备案编号：{project.filing_number}；平台：{project.platform}；"
            f"{project.start.isoformat()}至{project.end.isoformat()}，{period}）"
        )
    if len(projects) > MAX_PROJECTS:
        lines.append(f"……共{len(projects)}个备案项目。")
    return "\n".join(lines)


def choice_title(match: OrganizationMatchOut) -> str:
    """A button title that tells similar names apart (name and status when not 正常)."""
    organization = match.organization
    if organization.status == "normal":
        return organization.name
    return f"{organization.name}（{organization.status_label}）"
