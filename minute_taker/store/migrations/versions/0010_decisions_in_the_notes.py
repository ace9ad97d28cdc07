"""Decisions kept where they were said, in the clerk's words.

A decision can now be a marked passage of its item's notes (``<a href="decision:UID">``
around the words, see domain/decision_marks.py): it is printed there, and only its
emphasis comes from the house style. Every decision a book already holds was printed
after its item's notes with its label ("RESOLVED that ...", "AGREED: ..."); it keeps
that form (``in_notes`` false), so no printed word of an existing book changes.

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 18:30:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010"
down_revision = "0009"
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("decision", schema=None) as batch_op:
        # The server default fills the rows already there; sa.false() is written as 0 on
        # SQLite and false on PostgreSQL.
        batch_op.add_column(sa.Column("in_notes", sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    # A marked passage stays in the notes as words; its decision is printed after them
    # again, as before this revision.
    with op.batch_alter_table("decision", schema=None) as batch_op:
        batch_op.drop_column("in_notes")
