"""A file that cannot be opened is left as it is, and the latest backup of it, where
there is one, is offered as a new book; a book whose log is damaged may also be read,
read-only, as far as it can be."""

from __future__ import annotations

import contextlib
import hashlib
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from PySide6.QtWidgets import QFileDialog, QMessageBox
from wal_books import COMMITS, book_with_commits_in_its_log, damage_log

from minute_taker.services import interchange, meetings
from minute_taker.store import backups
from minute_taker.store.book import MinuteBook
from minute_taker.store.wal import FRAME_HEADER, WAL_HEADER, wal_path
from minute_taker.ui.book.backups import backups_root
from minute_taker.ui.book.opening import open_book

Answer = Callable[[QMessageBox], object]


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture
def backed_up_book(book_path: Path) -> Path:
    with MinuteBook.open(book_path) as book:
        interchange.load_demo(book)
    backups.make_backup(book_path, backups_root())
    return book_path


def damage(path: Path) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        root = connection.execute(
            "SELECT rootpage FROM sqlite_master WHERE name = 'agenda_item'").fetchone()[0]
    with path.open("r+b") as handle:
        handle.seek((root - 1) * 4096)
        handle.write(b"\x5a" * 4096)


@pytest.fixture
def message_boxes(monkeypatch: pytest.MonkeyPatch):  # type: ignore[no-untyped-def]
    """Each box shown is recorded and answered by the button whose text starts with
    ``answer[0]`` (or closed)."""
    shown: list[dict[str, object]] = []
    answer = ["Close"]

    def exec_(box: QMessageBox) -> int:
        buttons = {b.text(): b for b in box.buttons()}
        shown.append({"title": box.windowTitle(), "text": box.text(),
                      "informative": box.informativeText(), "details": box.detailedText(),
                      "buttons": [t for t in buttons if not t.startswith("Show Details")]})
        chosen = next(b for text, b in buttons.items() if text.startswith(answer[0]))
        chosen.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_)
    return shown, answer


def test_a_damaged_book_is_refused_and_its_latest_backup_opened_as_a_new_book(
        qtbot, backed_up_book: Path, message_boxes, monkeypatch: pytest.MonkeyPatch) -> None:
    shown, answer = message_boxes
    damage(backed_up_book)
    before = digest(backed_up_book)
    asked = []

    def save_as(parent, title, suggested, filter_):  # type: ignore[no-untyped-def]
        asked.append((title, Path(suggested)))
        return suggested, filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    answer[0] = "Open the latest &backup"
    book = open_book(backed_up_book)
    assert book is not None
    try:
        [box] = shown
        assert box["title"] == "Cannot open minute book"
        assert "test.minutebook is damaged" in str(box["text"])
        assert "The file has not been changed." in str(box["text"])
        assert str(box["informative"]).startswith("The latest backup of test.minutebook: ")
        assert "1 meeting" in str(box["informative"])
        [(title, suggested)] = asked
        assert title == "Save the restored book as"
        assert suggested.parent == backed_up_book.parent
        assert suggested.name.startswith("test (restored ")
        assert book.path == suggested and book.read_only is None
        [meeting] = meetings.list_meetings(book)
        assert meeting.title == "Monthly Assurance Meeting – October 2017"
    finally:
        book.close()
    assert digest(backed_up_book) == before


def test_closing_the_message_opens_nothing_and_makes_nothing(
        qtbot, backed_up_book: Path, message_boxes) -> None:
    shown, _answer = message_boxes
    damage(backed_up_book)
    before = digest(backed_up_book)
    assert open_book(backed_up_book) is None
    assert shown[0]["buttons"] == ["Open the latest &backup as a new book\u2026", "Close"]
    assert "Page " in str(shown[0]["details"])  # what SQLite found, for a bug report
    assert digest(backed_up_book) == before
    assert sorted(p.name for p in backed_up_book.parent.iterdir()) == ["test.minutebook"]


def test_a_book_from_a_newer_version_is_not_offered_an_older_backup(
        qtbot, backed_up_book: Path, message_boxes) -> None:
    shown, _answer = message_boxes
    with contextlib.closing(sqlite3.connect(backed_up_book)) as connection:
        connection.execute("UPDATE alembic_version SET version_num = '9999'")
        connection.commit()
    assert open_book(backed_up_book) is None
    [box] = shown
    assert "newer version of Minute Taker" in str(box["text"])
    assert box["buttons"] == ["Close"]


def test_switching_to_a_refused_file_keeps_the_open_book(
        qtbot, open_window, backed_up_book: Path, tmp_path: Path, message_boxes) -> None:
    shown, _answer = message_boxes
    window = open_window(backed_up_book, claim=True)
    picture = tmp_path / "photo.minutebook"
    picture.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(100))
    window.books.switch_book(picture)
    assert "photo.minutebook is not a minute book" in str(shown[0]["text"])
    assert window.context.book.path == backed_up_book
    assert window.context.book.read_only is None
    assert window.context.header is not None


def test_a_damaged_log_offers_what_can_be_read_read_only(
        qtbot, tmp_path: Path, message_boxes) -> None:
    """The log is refused before SQLite reads it; the clerk may read what is readable
    (up to the damage) without the book or its log changing."""
    shown, answer = message_boxes
    path = book_with_commits_in_its_log(tmp_path / "panel.minutebook")
    page = int.from_bytes(wal_path(path).read_bytes()[8:12], "big")
    damage_log(path, WAL_HEADER + 20 * (FRAME_HEADER + page) + FRAME_HEADER + 100)
    before = {p.name: digest(p) for p in path.parent.iterdir()}
    answer[0] = "Open what can be &read"
    book = open_book(path)
    assert book is not None
    try:
        [box] = shown
        assert "damaged" in str(box["text"]) and "Nothing has been changed" in str(box["text"])
        assert book.read_only and "before the damage" in book.read_only
        readable = [m.title for m in meetings.list_meetings(book)]
        assert 0 < len(readable) < COMMITS  # the commits before the damaged frame
        assert book.path.parent != path.parent  # a private copy, not the book
    finally:
        book.close()
    after = {p.name: digest(p) for p in path.parent.iterdir()}
    assert {name: after[name] for name in before} == before
    assert sorted(set(after) - set(before)) == [
        name for name in sorted(after) if ".damaged-" in name]
