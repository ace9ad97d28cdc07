"""The full-text index of a team book (issue 22): PostgreSQL's own.

A book in a file has had its index since revision 0012 (SQLite's FTS5,
store/search_index.py); a team book gets the same entries in ``search_entry``, with
``tsvector`` columns and GIN indexes, kept by PL/pgSQL triggers
(store/search_index_pg.py), filled from the rows the book already holds. On SQLite this
revision does nothing.

Revision ID: 0017
Revises: 0016
Create Date: 2026-12-06 05:00:00
"""

from __future__ import annotations

from alembic import op

from minute_taker.store import search_index, search_index_pg

revision = "0017"
down_revision = "0016"
branch_labels = None
depends_on = None


def upgrade() -> None:
    connection = op.get_bind()
    if search_index.kept_here(connection):
        return
    for statement in search_index_pg.create_statements():
        connection.exec_driver_sql(statement)


def downgrade() -> None:
    connection = op.get_bind()
    if search_index.kept_here(connection):
        return
    for statement in search_index_pg.drop_statements():
        connection.exec_driver_sql(statement)
