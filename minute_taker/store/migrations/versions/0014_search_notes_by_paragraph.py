"""The notes indexed a paragraph an entry, not an item an entry (issue 20).

An autosave of an item's notes re-indexed the whole item: its old text taken out of
both FTS5 indexes and the new put in, 2,000 words each way for a typical item, about
1 ms of every save (2 at p95). With a paragraph an entry (``search_entry.part``, its
place in the notes) a save re-indexes only the paragraphs it changed: typing at the end
changes one. A search gives one result for an item's notes still, at the first paragraph
that matches (services/search.py).

The index is dropped and built again from store/search_index.py, as revision 0012 says
a change to the index does.

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-06 01:30:00
"""

from __future__ import annotations

from alembic import op

from minute_taker.store import search_index

revision = "0014"
down_revision = "0013"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not search_index.kept_here(op.get_bind()):
        return
    search_index.rebuild(op.get_bind())


def downgrade() -> None:
    """The index stays as this revision builds it: the code of revision 0013 searches it
    as it is (a result for each paragraph that matches), and going further down, 0012
    removes it whole. Built again here, so a book whose index was damaged meanwhile
    leaves this revision with a sound one."""
    if not search_index.kept_here(op.get_bind()):
        return
    search_index.rebuild(op.get_bind())
