"""A new book is made from the models' tables and stamped (issue 18: 0.4 s off a first
start), and must be the book every migration from nothing would have made: the same
tables, columns, types, defaults, keys, indexes and constraints as SQLite reports them,
the same rows (the quick phrases), the same revision; and it upgrades, opens and
downgrades as one made the long way does."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path
from typing import Any

import pytest
from alembic import command
from test_migrations import run_alembic, schema_diff

from minute_taker.store import migrate
from minute_taker.store.book import MinuteBook
from minute_taker.store.engine import create_private_file
from minute_taker.store.errors import BookError


def _shape(path: Path) -> dict[str, Any]:
    """Everything SQLite says of the book's tables, and every row of the small ones."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        tables = sorted(row[0] for row in db.execute(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'"))
        shape: dict[str, Any] = {}
        for table in tables:
            indexes = sorted(
                (row[1], row[2], tuple(c[2] for c in db.execute(
                    f"PRAGMA index_info('{row[1]}')")))
                for row in db.execute(f"PRAGMA index_list('{table}')"))
            shape[table] = {
                "columns": [row[1:] for row in db.execute(f"PRAGMA table_info('{table}')")],
                "foreign_keys": sorted(row[2:] for row in db.execute(
                    f"PRAGMA foreign_key_list('{table}')")),
                "indexes": [(name if not name.startswith("sqlite_autoindex") else "auto",
                             unique, columns) for name, unique, columns in indexes],
                "rows": db.execute(f"SELECT * FROM \"{table}\"").fetchall(),
            }
        return shape


def _beyond_tables(path: Path) -> list[tuple[str, ...]]:
    """The full-text index is SQL beyond the tables (FTS5 tables, triggers), made by
    create_book and by revision 0012 alike: the same statements, word for word."""
    with contextlib.closing(sqlite3.connect(path)) as db:
        return sorted(db.execute(
            "SELECT type, name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' "
            "OR sql LIKE 'CREATE VIRTUAL TABLE%'").fetchall())


def _columns_in_order_of_name(shape: dict[str, Any]) -> dict[str, Any]:
    """A migration that adds a column puts it last; the models may name it earlier.
    Column order is not part of a book's meaning (every query names its columns)."""
    return {table: {**facts, "columns": sorted(facts["columns"], key=lambda c: c[0]),
                    "rows": sorted(map(repr, facts["rows"]))}
            for table, facts in shape.items()}


def test_a_book_from_the_models_is_the_book_the_migrations_make(tmp_path: Path) -> None:
    made, migrated = tmp_path / "made.minutebook", tmp_path / "migrated.minutebook"
    for path in (made, migrated):
        create_private_file(path)
    migrate.create_book(made)
    migrate.upgrade_book(migrated)  # from nothing, every revision in turn
    assert schema_diff(made) == []
    assert migrate.current_revision(made) == migrate.HEAD_REVISION
    assert _columns_in_order_of_name(_shape(made)) == \
        _columns_in_order_of_name(_shape(migrated))
    assert _beyond_tables(made) == _beyond_tables(migrated)
    assert len(_beyond_tables(made)) > 20  # the index is there


def test_a_new_book_opens_works_and_goes_down_and_up_the_revisions(tmp_path: Path) -> None:
    path = tmp_path / "New.minutebook"
    with MinuteBook.open(path) as book:  # made from the models
        from minute_taker.services import interchange

        meeting = interchange.load_demo(book)
        document = interchange.export_meeting(book, meeting)
    run_alembic(path, command.downgrade, "0009")  # what the demo holds survives this
    migrate.upgrade_book(path)
    assert schema_diff(path) == []
    with MinuteBook.open(path) as book:
        from minute_taker.services import interchange

        again = interchange.export_meeting(book, meeting)
    assert again["items"] == document["items"]


def test_a_new_book_is_made_only_in_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite3"
    with contextlib.closing(sqlite3.connect(path)) as db:
        db.execute("CREATE TABLE notes (id INTEGER)")
    with pytest.raises(BookError, match="not empty"):
        migrate.create_book(path)
