"""Opening a minute book: a private file with durable pragmas, and refusing what is not one."""

from __future__ import annotations

import contextlib
import hashlib
import os
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.store import engine as engine_module
from minute_taker.store import migrate
from minute_taker.store.book import MinuteBook, default_actor
from minute_taker.store.errors import (
    BookError,
    BookWriteError,
    NewerBookError,
    NotABookError,
)
from minute_taker.store.models import AgendaItem, Committee

PNG_BYTES = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
             b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01"
             b"\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def make_book(path: Path, committee: str = "Monthly Assurance Meeting") -> None:
    with MinuteBook.open(path, actor="Setup") as book, book.unit_of_work() as session:
        session.add(Committee(name=committee))


def committee_names(book: MinuteBook) -> list[str]:
    with book.unit_of_work() as session:
        return list(session.scalars(select(Committee.name).order_by(Committee.name)))


def pragma(book: MinuteBook, name: str) -> object:
    with book.engine.connect() as connection:
        return connection.exec_driver_sql(f"PRAGMA {name}").scalar()


# --- a new book ---------------------------------------------------------------------------

def test_new_book_file_is_readable_by_its_owner_only(book: MinuteBook, book_path: Path) -> None:
    assert book_path.is_file()
    assert stat.S_IMODE(book_path.stat().st_mode) == 0o600


def test_new_book_is_private_even_with_a_permissive_umask(tmp_path: Path) -> None:
    path = tmp_path / "open.minutebook"
    old = os.umask(0)
    try:
        MinuteBook.open(path).close()
    finally:
        os.umask(old)
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def test_new_book_in_a_folder_that_does_not_exist_yet(tmp_path: Path) -> None:
    path = tmp_path / "Committees" / "2017" / "Assurance.minutebook"
    make_book(path)
    assert path.read_bytes().startswith(b"SQLite format 3\x00")


def test_creating_a_book_leaves_nothing_else_behind(tmp_path: Path) -> None:
    path = tmp_path / "Assurance.minutebook"
    make_book(path)
    assert [p.name for p in tmp_path.iterdir()] == ["Assurance.minutebook"]


def test_new_book_is_at_the_newest_schema(book: MinuteBook, book_path: Path) -> None:
    assert migrate.current_revision(book_path) == migrate.head_revision()


@pytest.mark.parametrize(("name", "expected"), [
    ("journal_mode", "wal"),
    ("synchronous", 2),
    ("foreign_keys", 1),
    ("busy_timeout", 5000),
])
def test_pragmas_are_in_effect_on_a_connection(book: MinuteBook, name: str,
                                               expected: object) -> None:
    assert pragma(book, name) == expected


def test_foreign_keys_are_on_inside_a_unit_of_work(book: MinuteBook) -> None:
    with book.unit_of_work() as session:
        assert session.connection().exec_driver_sql("PRAGMA foreign_keys").scalar() == 1


def test_foreign_keys_are_enforced(book: MinuteBook) -> None:
    with pytest.raises(IntegrityError), book.unit_of_work() as session:
        session.add(AgendaItem(meeting_id=12345, position=0, title="Orphan"))
    with book.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(AgendaItem)) == 0


def test_unit_of_work_commits_on_success_and_rolls_back_on_error(book: MinuteBook) -> None:
    with book.unit_of_work() as session:
        session.add(Committee(name="Police and Crime Panel"))
    with pytest.raises(RuntimeError, match="typing error"), book.unit_of_work() as session:
        session.add(Committee(name="Never saved"))
        session.flush()
        raise RuntimeError("typing error")
    assert committee_names(book) == ["Police and Crime Panel"]


def test_a_book_busy_in_another_program_reports_a_write_error(
        book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    make_book(book_path)
    monkeypatch.setattr(engine_module, "BUSY_TIMEOUT_MS", 50)
    with MinuteBook.open(book_path) as opened, \
            contextlib.closing(sqlite3.connect(book_path, isolation_level=None)) as other:
        assert pragma(opened, "busy_timeout") == 50
        other.execute("BEGIN IMMEDIATE")
        with pytest.raises(BookWriteError, match="busy in another program"), \
                opened.unit_of_work() as session:
            session.add(Committee(name="Police and Crime Panel"))
        other.execute("ROLLBACK")
        assert committee_names(opened) == ["Monthly Assurance Meeting"]


def test_reopen_keeps_what_was_written(book_path: Path) -> None:
    make_book(book_path)
    before_mode = stat.S_IMODE(book_path.stat().st_mode)
    with MinuteBook.open(str(book_path), actor="Jackie Irvin") as reopened:
        assert committee_names(reopened) == ["Monthly Assurance Meeting"]
        assert reopened.actor == "Jackie Irvin"
        assert reopened.path == book_path
        assert pragma(reopened, "journal_mode") == "wal"
    assert stat.S_IMODE(book_path.stat().st_mode) == before_mode == 0o600


def test_reopening_a_current_book_leaves_its_bytes_alone(book_path: Path) -> None:
    make_book(book_path)
    before = digest(book_path)
    MinuteBook.open(book_path).close()
    assert digest(book_path) == before


def test_relative_path_is_made_absolute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    with MinuteBook.open("relative.minutebook") as opened:
        assert opened.path == tmp_path / "relative.minutebook"
        assert opened.path.is_absolute()


def test_actor_defaults_to_the_login_name(book_path: Path) -> None:
    with MinuteBook.open(book_path) as opened:
        assert opened.actor == default_actor()
        assert opened.actor


def test_closing_the_book_leaves_everything_in_the_one_file(book_path: Path) -> None:
    with MinuteBook.open(book_path) as opened, opened.unit_of_work() as session:
        session.add(Committee(name="Audit Committee"))
    assert [p.name for p in book_path.parent.iterdir()] == [book_path.name]
    with contextlib.closing(sqlite3.connect(book_path)) as connection:
        assert connection.execute("SELECT name FROM committee").fetchall() == [
            ("Audit Committee",)]


# --- files that are not books -------------------------------------------------------------

def write_zero_bytes(path: Path) -> None:
    # Refused, not taken for a new book: new books are built aside and renamed into
    # place, so a zero-byte file is never one of ours (docs/storage.md).
    path.touch()


def write_text_file(path: Path) -> None:
    path.write_text("Monthly Assurance Meeting October 2017 - Meeting Notes\n"
                    "Date: Tuesday 31 October 2017 @ 10:30\n", encoding="utf-8")


def write_png(path: Path) -> None:
    path.write_bytes(PNG_BYTES)


def write_header_only(path: Path) -> None:
    source = path.with_name("source.minutebook")
    make_book(source)
    path.write_bytes(source.read_bytes()[:100])
    source.unlink()


def write_half_a_book(path: Path) -> None:
    source = path.with_name("source.minutebook")
    make_book(source)
    data = source.read_bytes()
    path.write_bytes(data[: len(data) // 3])
    source.unlink()


def write_magic_then_garbage(path: Path) -> None:
    path.write_bytes(b"SQLite format 3\x00" + bytes(range(256)) * 16)


def write_unrelated_sqlite(path: Path) -> None:
    # A default (rollback-journal) database: opening it the book's way would rewrite its
    # header to WAL, so this also checks that refusing it happens before any pragma.
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("CREATE TABLE photo (id INTEGER PRIMARY KEY, caption TEXT)")
        connection.execute("INSERT INTO photo (caption) VALUES ('Hindlip, room 1.38')")
        connection.commit()


def write_unrelated_wal_sqlite(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA journal_mode = WAL")
        connection.execute("CREATE TABLE note (body TEXT)")
        connection.execute("INSERT INTO note VALUES ('not minutes')")
        connection.commit()


@pytest.mark.parametrize("write", [
    write_zero_bytes, write_text_file, write_png, write_header_only, write_half_a_book,
    write_magic_then_garbage, write_unrelated_sqlite, write_unrelated_wal_sqlite,
], ids=lambda f: f.__name__.removeprefix("write_"))
def test_files_that_are_not_books_are_refused_untouched(
        tmp_path: Path, write: Callable[[Path], None]) -> None:
    path = tmp_path / "suspect.minutebook"
    write(path)
    before = digest(path)
    mode = path.stat().st_mode
    with pytest.raises(NotABookError) as refused:
        MinuteBook.open(path)
    assert isinstance(refused.value, BookError)
    assert isinstance(refused.value, MinuteTakerError)
    assert "suspect.minutebook" in str(refused.value)
    assert digest(path) == before
    assert path.stat().st_mode == mode
    assert sorted(p.name for p in tmp_path.iterdir()) == ["suspect.minutebook"]


def test_a_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Minutes.minutebook"
    folder.mkdir()
    (folder / "keep.txt").write_text("x")
    with pytest.raises(NotABookError, match="folder"):
        MinuteBook.open(folder)
    assert [p.name for p in folder.iterdir()] == ["keep.txt"]


def test_an_empty_folder_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "Empty.minutebook"
    folder.mkdir()
    with pytest.raises(NotABookError):
        MinuteBook.open(folder)
    assert list(folder.iterdir()) == []


def stamp(path: Path, revision: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = ?", (revision,))
        connection.commit()


def test_book_from_a_newer_version_is_refused_byte_identical(tmp_path: Path) -> None:
    path = tmp_path / "future.minutebook"
    make_book(path)
    stamp(path, "9999")
    before = digest(path)
    with pytest.raises(NewerBookError, match="newer version") as refused:
        MinuteBook.open(path)
    assert isinstance(refused.value, BookError)
    assert digest(path) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["future.minutebook"]
    with contextlib.closing(sqlite3.connect(path)) as connection:
        assert connection.execute("SELECT version_num FROM alembic_version").fetchall() == [
            ("9999",)]
        assert connection.execute("SELECT name FROM committee").fetchall() == [
            ("Monthly Assurance Meeting",)]
