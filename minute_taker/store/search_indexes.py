"""The full-text index of either kind of book: a file's (SQLite's FTS5,
store/search_index.py) or a team book's (PostgreSQL's, store/search_index_pg.py), chosen
by the connection's database."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minute_taker.store import search_index, search_index_pg

if TYPE_CHECKING:
    from sqlalchemy import Connection


def create_statements(connection: Connection) -> list[str]:
    """The whole index, filled, for the kind of book on ``connection``."""
    if search_index.kept_here(connection):
        return search_index.create_statements()
    return search_index_pg.create_statements()


def rebuild(connection: Connection) -> None:
    """Drop the index that is there, whole or damaged, and build it again from the
    book's rows, in the caller's transaction (``reindex``)."""
    if search_index.kept_here(connection):
        search_index.rebuild(connection)
    else:
        search_index_pg.rebuild(connection)
