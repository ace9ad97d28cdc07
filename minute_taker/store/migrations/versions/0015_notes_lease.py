"""Who is taking a meeting's notes live, for books several people have open (issue 22).

On a team book several clerks may have the same meeting open; one at a time takes its
notes live. The holder renews a lease row every few seconds; another window sees who
holds it and reads, and may take it over once it has not been renewed for a while (a
laptop asleep or gone). A book in a file has its lock file for the same job; the table
is there too, and empty, so both kinds of book have the same tables.

Revision ID: 0015
Revises: 0014
Create Date: 2026-12-06 02:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015"
down_revision = "0014"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table(
        "notes_lease",
        sa.Column("meeting_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("token", sa.String(length=36), nullable=False),
        sa.Column("holder", sa.String(length=200), nullable=False),
        sa.Column("computer", sa.String(length=200), nullable=True),
        sa.Column("taken_at", sa.DateTime(), nullable=False),
        sa.Column("heartbeat_at", sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(["meeting_id"], ["meeting.id"],
                                name=op.f("fk_notes_lease_meeting_id_meeting"),
                                ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("meeting_id", name=op.f("pk_notes_lease")),
    )


def downgrade() -> None:
    op.drop_table("notes_lease")
