"""An upgraded book is vacuumed: the tables a migration rebuilt leave no free pages behind.

The book is built at revision 0001 with the earlier-revision helpers and filled as a year of
meetings would fill it: many agenda items with minutes, and decisions, the two tables the
migrations since 0001 copy into new tables (SQLite cannot alter a column in place).
"""

from __future__ import annotations

import logging
import sqlite3
import uuid
from pathlib import Path

import pytest
from sqlalchemy import Engine, event
from test_migrations_every_revision import (
    connect,
    fill_every_table,
    lost_values,
    pragma,
    snapshot,
)

from minute_taker.store import migrate
from minute_taker.store.book import MinuteBook

FIRST_REVISION = "0001"
# A year of monthly meetings with a dozen items each, a few paragraphs of minutes an item.
ITEMS = 150
# A VACUUM of this book takes about 1,300 (measured), so it is stopped part way.
STEPS_BEFORE_STOPPING = 200
MINUTES = "<p>The committee considered the report and asked about the budget.</p>" * 40


def build_book_at_first_revision(path: Path) -> None:
    path.touch(mode=0o600)
    migrate.upgrade_book(path, target=FIRST_REVISION)
    fill_every_table(path)
    with connect(path) as connection, connection:
        for position in range(1, ITEMS):
            item = copy_row(connection, "agenda_item", position, minutes_html=MINUTES)
            copy_row(connection, "decision", position, item_id=item)
    assert migrate.current_revision(path) == FIRST_REVISION


def copy_row(connection: sqlite3.Connection, table: str, position: int,
             **changes: object) -> int:
    """Another row like the filler's first one, with its own id, uid and position."""
    row = dict(connection.execute(f'SELECT * FROM "{table}" ORDER BY id LIMIT 1').fetchone())
    del row["id"]
    row.update(uid=str(uuid.uuid4()), position=position, **changes)
    names = ", ".join(f'"{name}"' for name in row)
    marks = ", ".join("?" for _ in row)
    cursor = connection.execute(f'INSERT INTO "{table}" ({names}) VALUES ({marks})',
                                tuple(row.values()))
    assert cursor.lastrowid is not None
    return cursor.lastrowid


def free_fraction(path: Path) -> float:
    free, pages = pragma(path, "freelist_count")[0][0], pragma(path, "page_count")[0][0]
    return float(free / pages)


def test_an_upgraded_book_has_no_free_pages(book_path: Path) -> None:
    build_book_at_first_revision(book_path)
    before = snapshot(book_path)
    assert free_fraction(book_path) == 0.0  # a book written once has none to start with

    with MinuteBook.open(book_path, actor="Test Clerk"):
        assert migrate.current_revision(book_path) == migrate.head_revision()
        assert pragma(book_path, "freelist_count") == [(0,)]
        assert lost_values(before, snapshot(book_path)) == []
        assert pragma(book_path, "integrity_check") == [("ok",)]
        assert [p.name for p in book_path.parent.iterdir() if "before-upgrade" in p.name] == []


def test_a_vacuum_cut_short_leaves_the_upgraded_book(book_path: Path,
                                                    monkeypatch: pytest.MonkeyPatch,
                                                    caplog: pytest.LogCaptureFixture) -> None:
    """SQLite stops the VACUUM part way through, as it would when the disk fills: VACUUM
    is all or nothing, so the book stays as the upgrade left it, and the open goes on."""
    build_book_at_first_revision(book_path)
    before = snapshot(book_path)
    steps: list[str] = []

    def engine_that_stops_vacuum(path: Path, **options: bool) -> Engine:
        engine = real_engine(path, **options)

        @event.listens_for(engine, "connect")
        def _stop_vacuum(driver: sqlite3.Connection, _record: object) -> None:
            def traced(statement: str) -> None:
                if statement == "VACUUM":
                    steps.append(statement)

            def progress() -> int:
                if steps:
                    steps.append("step")
                return len(steps) > STEPS_BEFORE_STOPPING

            driver.set_trace_callback(traced)
            driver.set_progress_handler(progress, 10)

        return engine

    real_engine = migrate.create_book_engine
    monkeypatch.setattr(migrate, "create_book_engine", engine_that_stops_vacuum)

    with caplog.at_level(logging.WARNING, logger=migrate.__name__):
        migrate.upgrade_book(book_path)

    assert len(steps) > STEPS_BEFORE_STOPPING  # it was stopped, not finished
    assert "could not vacuum" in caplog.text and "interrupted" in caplog.text
    assert migrate.current_revision(book_path) == migrate.head_revision()
    # No check of free pages left: since revision 0012 the search index the upgrade builds
    # last fills the pages the earlier table copies freed. The steps and the log above show
    # the VACUUM was stopped; what follows, that the book is whole and upgraded.
    assert pragma(book_path, "integrity_check") == [("ok",)]
    assert lost_values(before, snapshot(book_path)) == []
    assert [p.name for p in book_path.parent.iterdir() if "before-upgrade" in p.name] == []
    monkeypatch.undo()
    with MinuteBook.open(book_path, actor="Test Clerk"):  # no upgrade left to do
        assert migrate.current_revision(book_path) == migrate.head_revision()


def test_a_book_already_at_head_is_not_vacuumed(book_path: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """Vacuuming rewrites the whole file: only an upgrade, which leaves free pages, pays
    for it, never an ordinary open."""
    with MinuteBook.open(book_path):
        pass
    monkeypatch.setattr(migrate, "create_book_engine", None)  # any use would fail

    migrate.upgrade_book(book_path)
