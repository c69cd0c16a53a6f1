"""seal marriage personal data: encrypted names, ID numbers and phone; keyed digests

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import context, op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

_PLAIN = ("party1_name", "party1_id_number", "party2_name", "party2_id_number", "phone")


def upgrade() -> None:
    with op.batch_alter_table("marriage_appointment", schema=None) as batch_op:
        for name in ("party1_name", "party1_id", "party2_name", "party2_id", "phone"):
            batch_op.add_column(sa.Column(f"{name}_sealed", sa.Text(), nullable=True))
        batch_op.add_column(sa.Column("phone_digest", sa.String(length=64), nullable=True))
    _seal_existing_rows()
    with op.batch_alter_table("marriage_appointment", schema=None) as batch_op:
        for name in _PLAIN:
            batch_op.drop_column(name)
        for name in ("party1_name_sealed", "party1_id_sealed", "phone_sealed", "phone_digest"):
            batch_op.alter_column(name, existing_type=sa.Text(), nullable=False)


def _seal_existing_rows() -> None:
    """Seal what 0001 stored in plain text, and re-key the per-person locks."""
    bind = op.get_bind()
    rows = bind.execute(
        sa.text(
            "SELECT id, status, type, party1_name, party1_id_number, party2_name, "
            "party2_id_number, phone FROM marriage_appointment"
        )
    ).fetchall()
    bind.execute(sa.text("DELETE FROM marriage_person_lock"))
    if not rows:
        return
    sealer = context.config.attributes.get("sealer")
    if sealer is None:
        raise RuntimeError("migration 0002 needs the data key to seal stored appointments")
    for row in rows:
        bind.execute(
            sa.text(
                "UPDATE marriage_appointment SET party1_name_sealed = :n1, "
                "party1_id_sealed = :i1, party2_name_sealed = :n2, party2_id_sealed = :i2, "
                "phone_sealed = :ph, phone_digest = :pd WHERE id = :id"
            ),
            {
                "id": row.id,
                "n1": sealer.seal(row.party1_name),
                "i1": sealer.seal(row.party1_id_number),
                "n2": sealer.seal(row.party2_name) if row.party2_name else None,
                "i2": sealer.seal(row.party2_id_number) if row.party2_id_number else None,
                "ph": sealer.seal(row.phone),
                "pd": sealer.digest(row.phone),
            },
        )
        if row.status != "booked":
            continue
        for number in (row.party1_id_number, row.party2_id_number):
            if number:
                bind.execute(
                    sa.text(
                        "INSERT INTO marriage_person_lock (id_hash, type, appointment_id) "
                        "VALUES (:h, :t, :a)"
                    ),
                    {"h": sealer.digest(f"marriage:{number}"), "t": row.type, "a": row.id},
                )


def downgrade() -> None:
    raise NotImplementedError("sealed personal data is not unsealed by a downgrade")
