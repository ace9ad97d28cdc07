"""The full-text index of either kind of book, and searching it: a file's (SQLite's
FTS5: store/search_index.py, store/search_find.py) or a team book's (PostgreSQL's text
search: store/search_index_pg.py, store/search_find_pg.py), chosen by the connection's
database. The services see only this module: the index's SQL is each database's own,
and nothing of either is outside the store."""

from __future__ import annotations

from typing import TYPE_CHECKING

from minute_taker.store import search_find, search_find_pg, search_index, search_index_pg
from minute_taker.store.search_index import ENTRY_TABLE

if TYPE_CHECKING:
    from sqlalchemy import Connection
    from sqlalchemy.orm import Session

    from minute_taker.domain.records import SearchHit
    from minute_taker.store.search_reading import Criteria


def create_statements(connection: Connection) -> list[str]:
    """The whole index, filled, for the kind of book on ``connection``."""
    if search_index.kept_here(connection):
        return search_index.create_statements()
    return search_index_pg.create_statements()


def rebuild(connection: Connection) -> int:
    """Drop the index that is there, whole or damaged, and build it again from the
    book's rows, in the caller's transaction (``reindex``). Returns the number of
    entries indexed."""
    if search_index.kept_here(connection):
        search_index.rebuild(connection)
    else:
        search_index_pg.rebuild(connection)
    return int(connection.exec_driver_sql(f"SELECT count(*) FROM {ENTRY_TABLE}").scalar() or 0)


def find(session: Session, criteria: Criteria, limit: int) -> list[SearchHit]:
    """The entries matching ``criteria``, at most ``limit``, newest meeting first and
    within a meeting best match first, read in the session's transaction."""
    if search_index.kept_here(session.connection()):
        return search_find.find(session, criteria, limit)
    return search_find_pg.find(session, criteria, limit)
