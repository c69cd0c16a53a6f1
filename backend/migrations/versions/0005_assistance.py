"""social-assistance contact requests (社会救助预检: referrals, sealed name and phone)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005"
down_revision = "0004"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "assistance_referral",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("name_sealed", sa.Text(), nullable=False),
        sa.Column("phone_sealed", sa.Text(), nullable=False),
        sa.Column("phone_digest", sa.String(length=64), nullable=False),
        sa.Column("city", sa.String(length=40), nullable=False),
        sa.Column("district", sa.String(length=40), nullable=True),
        sa.Column("programmes", sa.String(length=100), nullable=False),
        sa.Column("consent_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_assistance_referral")),
        sa.UniqueConstraint("reference", name=op.f("uq_assistance_referral_reference")),
    )
    with op.batch_alter_table("assistance_referral", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_assistance_referral_phone_digest"), ["phone_digest"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("assistance_referral", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_assistance_referral_phone_digest"))
    op.drop_table("assistance_referral")
