"""child survey step marks (welcome / nomination question closed with "next")

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-23 14:10:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "child_steps_done",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("wave_id", sa.Integer(), nullable=False),
        sa.Column("pupil_id", sa.Integer(), nullable=False),
        sa.Column("step", sa.String(length=40), nullable=False),
        sa.Column("done_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(
            ["pupil_id"], ["pupils.id"],
            name=op.f("fk_child_steps_done_pupil_id_pupils"), ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["wave_id"], ["waves.id"],
            name=op.f("fk_child_steps_done_wave_id_waves"), ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_child_steps_done")),
        sa.UniqueConstraint("wave_id", "pupil_id", "step", name="child_step_done"),
    )


def downgrade() -> None:
    op.drop_table("child_steps_done")
