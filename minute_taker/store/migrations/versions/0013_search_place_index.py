"""Where each entry of the full-text index is, readable without its text (issue 20).

A search reads the meeting of every entry that matches, to put the newest meeting
first: a common word matches thousands of entries, and each row of ``search_entry``
holds its text inline, so reading them took most of a search (21 ms for 9,539 matches of
"complaints" in a book of 1,000 meetings). This index holds the entry's id, meeting,
kind, item and source, so the search reads it alone (4 ms).

Revision 0012 builds the index from store/search_index.py as it is now, which makes this
index too: so it is made here only if it is not there yet.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-05 23:30:00
"""

from __future__ import annotations

from alembic import op

from minute_taker.store import search_index

revision = "0013"
down_revision = "0012"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not search_index.kept_here(op.get_bind()):
        return
    op.get_bind().exec_driver_sql(search_index.PLACE_INDEX_SQL)


def downgrade() -> None:
    if not search_index.kept_here(op.get_bind()):
        return
    op.get_bind().exec_driver_sql(f"DROP INDEX IF EXISTS {search_index.PLACE_INDEX}")
