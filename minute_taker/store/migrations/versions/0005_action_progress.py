"""What became of an action after its meeting, kept beside the minutes.

An update given, done, dropped or reopened, recorded from the committee's outstanding
list without carrying the action into a later meeting: rows of ``action_progress``,
never a change to the minutes that raised it (their approval covers what they said).

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-05 13:15:00
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
        "action_progress",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("action_id", sa.Integer(), nullable=False),
        sa.Column("at", sa.DateTime(), nullable=False),
        sa.Column("recorded_by", sa.String(length=200), nullable=False),
        sa.Column("status", sa.Enum("open", "done", "carried_forward", "dropped",
                                    name="actionstatus", native_enum=False, length=32),
                  nullable=True),
        sa.Column("note", sa.Text(), nullable=True),
        sa.Column("uid", sa.String(length=36), nullable=False),
        sa.ForeignKeyConstraint(["action_id"], ["action.id"],
                                name=op.f("fk_action_progress_action_id_action"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_action_progress")),
        sa.UniqueConstraint("uid", name=op.f("uq_action_progress_uid")),
    )
    with op.batch_alter_table("action_progress", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_action_progress_action_id"), ["action_id"],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table("action_progress", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_action_progress_action_id"))
    op.drop_table("action_progress")
