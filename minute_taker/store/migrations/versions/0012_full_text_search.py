"""A full-text index of everything minuted, for searching across meetings (issue 20).

A clerk asked "what did we resolve about body-worn video last year?" has to find it in
every meeting of the book at once. This builds the index (an entry table, two SQLite FTS5
indexes over it, and the triggers that keep them in step with items, notes, decisions,
actions, declarations, attendance and papers) and fills it from the rows the book holds,
so a book upgraded is as searchable as a new one.

The SQL is store/search_index.py's rather than copied here: it is several dozen
generated triggers, and a new book (migrate.create_book) must have exactly the same ones
(tests/store/test_new_book_from_models.py compares them). A later change to the index
comes with its own revision, which drops the index and builds the new one, so what this
revision builds then is replaced whatever it was.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-05 21:00:00
"""

from __future__ import annotations

from alembic import op

from minute_taker.store import search_index

revision = "0012"
down_revision = "0011"
branch_labels = None
depends_on = None


def upgrade() -> None:
    if not search_index.kept_here(op.get_bind()):
        return
    connection = op.get_bind()
    for statement in search_index.create_statements():
        connection.exec_driver_sql(statement)


def downgrade() -> None:
    if not search_index.kept_here(op.get_bind()):
        return
    connection = op.get_bind()
    existing = [(row[0], row[1]) for row in
                connection.exec_driver_sql(search_index.schema_objects_sql())]
    for statement in search_index.drop_statements(existing):
        connection.exec_driver_sql(statement)
