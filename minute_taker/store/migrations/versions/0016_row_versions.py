"""Versions of the rows users edit, for books several people have open (issue 22).

Each row a user edits (committee, person, meeting, agenda item, attendance,
declaration, decision, action) gets ``version``, SQLAlchemy's ``version_id_col``, and
who changed it last and when; an agenda item also gets ``notes_version``, the version
of its notes alone. An edit made on an older version than the row's is refused
(services ``check_version``), so two clerks never write over each other's words
unseen. Rows already in the book start at version 1, changed by nobody known.

Only columns are added, each with a constant default, which SQLite's ``ALTER TABLE
ADD COLUMN`` does in place (no table is rebuilt, and the search triggers on
``agenda_item`` are kept as they are).

Revision ID: 0016
Revises: 0015
Create Date: 2026-12-06 04:00:00
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016"
down_revision = "0015"
branch_labels = None
depends_on = None

VERSIONED = ("committee", "person", "meeting", "agenda_item", "attendance", "declaration",
             "decision", "action")


def upgrade() -> None:
    for table in VERSIONED:
        op.add_column(table, sa.Column("version", sa.Integer(), server_default="1",
                                       nullable=False))
        op.add_column(table, sa.Column("changed_by", sa.String(length=200), nullable=True))
        op.add_column(table, sa.Column("changed_at", sa.DateTime(), nullable=True))
    op.add_column("agenda_item", sa.Column("notes_version", sa.Integer(), server_default="1",
                                           nullable=False))


def downgrade() -> None:
    # ALTER TABLE DROP COLUMN, not a batch copy of the table: SQLite has it since 3.35,
    # and copying agenda_item would lose the search index's triggers on it.
    op.drop_column("agenda_item", "notes_version")
    for table in VERSIONED:
        for column in ("changed_at", "changed_by", "version"):
            op.drop_column(table, column)
