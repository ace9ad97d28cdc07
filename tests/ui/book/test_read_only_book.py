"""A book already open for editing elsewhere opens read-only, with a banner saying who
has it, and nothing the user does here writes to it."""

from __future__ import annotations

import contextlib
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_keys import key

from minute_taker.services import agenda, interchange
from minute_taker.store.book import MinuteBook
from minute_taker.store.book_lock import BookLock
from minute_taker.ui.app import SHOWN_MARKER


@pytest.fixture
def demo_book(book_path: Path) -> Path:
    with MinuteBook.open(book_path) as book:
        interchange.load_demo(book)
    return book_path


@pytest.fixture
def held(demo_book: Path):  # type: ignore[no-untyped-def]
    """The book held for editing by "another window" (a lock of its own, as a second
    process would hold it; the real second process is tested below)."""
    lock = BookLock.claim(demo_book, "Alice Clerk")
    yield lock
    lock.release()


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


def test_a_held_book_opens_read_only_with_a_banner_naming_the_holder(
        qtbot, open_window, demo_book: Path, held: BookLock) -> None:
    before = dump(demo_book)
    window = open_window(demo_book, claim=True)
    errors: list[str] = []
    window.context.error.connect(errors.append)
    assert window.banner.isVisible() and window.banner.state == "read-only"
    text = window.banner.text.text()
    assert "Read-only." in text and "open for editing by Alice Clerk on this computer" in text
    assert window.banner.retry_button.isVisible()
    assert not window.banner.save_button.isVisible()  # no second copy of held minutes
    assert window.notes.editor.isReadOnly()
    assert not window.header.title.isEnabled()
    for action in (window.new_meeting_action, window.import_review_action,
                   window.committee_action, window.confirmation_action,
                   *window.workflow_actions.values()):
        assert not action.isEnabled(), action.text()
    # Reading is all there is: go through every item, try to type, add an item.
    for _ in range(6):
        key(qtbot, window.notes.editor, "Ctrl+PgDown")
    qtbot.keyClicks(window.notes.editor, "typed into a read-only book")
    key(qtbot, window.agenda.tree, "Ctrl+Return")
    window.close()
    assert errors == []
    assert dump(demo_book) == before
    assert "read-only" in window.windowTitle()


def test_try_again_edits_the_book_once_the_other_window_has_closed_it(
        qtbot, open_window, demo_book: Path, held: BookLock) -> None:
    window = open_window(demo_book, claim=True)
    key(qtbot, window.notes.editor, "Ctrl+PgDown")
    item_id = window.context.current_item_id
    qtbot.mouseClick(window.banner.retry_button, Qt.MouseButton.LeftButton)
    assert window.context.book.read_only is not None  # still held
    assert window.statusBar().currentMessage().startswith("Still read-only.")
    held.release()
    window.banner.retry_button.setFocus()
    key(qtbot, window.banner.retry_button, "Space")
    assert window.context.book.read_only is None
    assert not window.banner.isVisible()
    assert window.context.current_item_id == item_id  # the same place in the minutes
    assert not window.notes.editor.isReadOnly()
    window.notes.editor.setFocus()
    qtbot.keyClicks(window.notes.editor, "Now editable.")
    assert window.context.autosave.flush()
    with MinuteBook.open(demo_book) as reader:
        assert "Now editable." in agenda.get_item_minutes(reader, item_id)


def test_a_second_app_process_opens_the_book_read_only(
        demo_book: Path, isolated_home: Path) -> None:
    env = dict(os.environ, MINUTE_TAKER_HOME=str(isolated_home), QT_QPA_PLATFORM="offscreen")
    command = [sys.executable, "-m", "minute_taker", str(demo_book), "--exit-when-shown"]
    with MinuteBook.open(demo_book, actor="Alice Clerk", claim=True) as first:
        assert first.read_only is None
        second = subprocess.run(command, env=env, capture_output=True, text=True,
                                timeout=120)
    assert second.returncode == 0, second.stderr
    assert f"{SHOWN_MARKER} mainWindow read-only" in second.stdout
    alone = subprocess.run(command, env=env, capture_output=True, text=True, timeout=120)
    assert alone.returncode == 0, alone.stderr
    assert f"{SHOWN_MARKER} mainWindow editing" in alone.stdout


def test_opening_the_book_already_open_here_does_not_make_it_read_only(
        open_window, demo_book: Path) -> None:
    window = open_window(demo_book, claim=True)
    window.books.switch_book(demo_book)
    assert window.context.book.read_only is None
    assert not window.banner.isVisible()
