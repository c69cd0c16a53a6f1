"""tomb-sweeping reservations: cemeteries, time windows, reservations, booker locks

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "tomb_cemetery",
        sa.Column("id", sa.String(length=40), nullable=False),
        sa.Column("name", sa.String(length=100), nullable=False),
        sa.Column("city", sa.String(length=40), nullable=False),
        sa.Column("district", sa.String(length=40), nullable=False),
        sa.Column("address", sa.String(length=200), nullable=False),
        sa.Column("hours", sa.String(length=200), nullable=False),
        sa.Column("phone", sa.String(length=40), nullable=True),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("reservation", sa.String(length=16), nullable=False),
        sa.Column("proxy_worship", sa.Boolean(), nullable=False),
        sa.Column("online_worship", sa.Boolean(), nullable=False),
        sa.Column("online_url", sa.String(length=300), nullable=True),
        sa.Column("peak_quota", sa.Integer(), nullable=False),
        sa.Column("off_peak_quota", sa.Integer(), nullable=False),
        sa.Column("parking_spaces", sa.Integer(), nullable=False),
        sa.Column("max_visitors", sa.Integer(), nullable=True),
        sa.Column("entry_rules", sa.Text(), nullable=True),
        sa.Column("sample", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tomb_cemetery")),
    )
    with op.batch_alter_table("tomb_cemetery", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tomb_cemetery_city"), ["city"], unique=False)

    op.create_table(
        "tomb_window",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("cemetery_id", sa.String(length=40), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=False),
        sa.Column("end_time", sa.String(length=5), nullable=False),
        sa.Column("capacity", sa.Integer(), nullable=False),
        sa.Column("booked", sa.Integer(), nullable=False),
        sa.Column("parking_capacity", sa.Integer(), nullable=False),
        sa.Column("parking_booked", sa.Integer(), nullable=False),
        sa.CheckConstraint(
            "booked >= 0 AND booked <= capacity",
            name=op.f("ck_tomb_window_booked_within_capacity"),
        ),
        sa.CheckConstraint(
            "parking_booked >= 0 AND parking_booked <= parking_capacity",
            name=op.f("ck_tomb_window_parking_within_capacity"),
        ),
        sa.ForeignKeyConstraint(
            ["cemetery_id"],
            ["tomb_cemetery.id"],
            name=op.f("fk_tomb_window_cemetery_id_tomb_cemetery"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tomb_window")),
        sa.UniqueConstraint(
            "cemetery_id",
            "day",
            "start_time",
            name=op.f("uq_tomb_window_cemetery_id_day_start_time"),
        ),
    )
    op.create_table(
        "tomb_reservation",
        sa.Column("id", sa.Integer(), autoincrement=True, nullable=False),
        sa.Column("reference", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("cemetery_id", sa.String(length=40), nullable=False),
        sa.Column("window_id", sa.Integer(), nullable=False),
        sa.Column("day", sa.Date(), nullable=False),
        sa.Column("start_time", sa.String(length=5), nullable=False),
        sa.Column("end_time", sa.String(length=5), nullable=False),
        sa.Column("visitors", sa.Integer(), nullable=False),
        sa.Column("parking", sa.Boolean(), nullable=False),
        sa.Column("plot_number", sa.String(length=40), nullable=True),
        sa.Column("booker_name_sealed", sa.Text(), nullable=False),
        sa.Column("booker_id_sealed", sa.Text(), nullable=False),
        sa.Column("phone_sealed", sa.Text(), nullable=False),
        sa.Column("phone_digest", sa.String(length=64), nullable=False),
        sa.Column("deceased_name_sealed", sa.Text(), nullable=False),
        sa.Column("plate_sealed", sa.Text(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("cancelled_at", sa.DateTime(timezone=True), nullable=True),
        sa.ForeignKeyConstraint(
            ["cemetery_id"],
            ["tomb_cemetery.id"],
            name=op.f("fk_tomb_reservation_cemetery_id_tomb_cemetery"),
        ),
        sa.ForeignKeyConstraint(
            ["window_id"],
            ["tomb_window.id"],
            name=op.f("fk_tomb_reservation_window_id_tomb_window"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_tomb_reservation")),
        sa.UniqueConstraint("reference", name=op.f("uq_tomb_reservation_reference")),
    )
    with op.batch_alter_table("tomb_reservation", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_tomb_reservation_status"), ["status"], unique=False)
        batch_op.create_index(
            batch_op.f("ix_tomb_reservation_window_id"), ["window_id"], unique=False
        )

    op.create_table(
        "tomb_booker_lock",
        sa.Column("key_hash", sa.String(length=64), nullable=False),
        sa.Column("reservation_id", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["reservation_id"],
            ["tomb_reservation.id"],
            name=op.f("fk_tomb_booker_lock_reservation_id_tomb_reservation"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("key_hash", name=op.f("pk_tomb_booker_lock")),
    )
    with op.batch_alter_table("tomb_booker_lock", schema=None) as batch_op:
        batch_op.create_index(
            batch_op.f("ix_tomb_booker_lock_reservation_id"), ["reservation_id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("tomb_booker_lock", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tomb_booker_lock_reservation_id"))
    op.drop_table("tomb_booker_lock")
    with op.batch_alter_table("tomb_reservation", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tomb_reservation_window_id"))
        batch_op.drop_index(batch_op.f("ix_tomb_reservation_status"))
    op.drop_table("tomb_reservation")
    op.drop_table("tomb_window")
    with op.batch_alter_table("tomb_cemetery", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_tomb_cemetery_city"))
    op.drop_table("tomb_cemetery")
