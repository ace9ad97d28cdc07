"""The first item number a clerk typed for a meeting.

Drafts of a continuously numbered committee now renumber themselves as earlier drafts
change (services/agenda.py renumber_series); a first number the clerk typed is an
override the later drafts follow (kept here even when earlier drafts grow into it and
push number_start on), and one worked out is not. The meeting table could not tell the
two apart. Books from before have none typed: a start typed then renumbers at the next
change, as nobody could know otherwise.

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-05 13:40:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0006"
down_revision = "0005"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.add_column(sa.Column("number_start_typed", sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("meeting", schema=None) as batch_op:
        batch_op.drop_column("number_start_typed")
