"""charity registry: organisations and projects with public-fundraising filings

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-26
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0004"
down_revision = "0003"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "charity_organization",
        sa.Column("credit_code", sa.String(length=18), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("former_names", sa.Text(), nullable=False),
        sa.Column("type", sa.String(length=16), nullable=False),
        sa.Column("region", sa.String(length=20), nullable=False),
        sa.Column("registration_authority", sa.String(length=60), nullable=False),
        sa.Column("registered_on", sa.Date(), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("charity_recognised_on", sa.Date(), nullable=True),
        sa.Column("public_fundraising_since", sa.Date(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("credit_code", name=op.f("pk_charity_organization")),
    )
    with op.batch_alter_table("charity_organization", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_charity_organization_region"), ["region"], unique=False
        )

    op.create_table(
        "charity_project",
        sa.Column("filing_number", sa.String(length=60), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("organization_code", sa.String(length=18), nullable=False),
        sa.Column("platform", sa.String(length=40), nullable=False),
        sa.Column("start", sa.Date(), nullable=False),
        sa.Column("end", sa.Date(), nullable=False),
        sa.Column("purpose", sa.Text(), nullable=False),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(
            ["organization_code"],
            ["charity_organization.credit_code"],
            name=op.f("fk_charity_project_organization_code_charity_organization"),
        ),
        sa.PrimaryKeyConstraint("filing_number", name=op.f("pk_charity_project")),
    )
    with op.batch_alter_table("charity_project", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_charity_project_organization_code"), ["organization_code"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("charity_project", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_charity_project_organization_code"))
    op.drop_table("charity_project")
    with op.batch_alter_table("charity_organization", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_charity_organization_region"))
    op.drop_table("charity_organization")
