"""A book that cannot grow (a full disk, stood in for by SQLite's max_page_count): the
user is told at once, nothing typed is dropped, and it is written as soon as there is
room again, or into another file the user chooses. (tests/reliability/
test_full_file_system.py fills a real file system, where the machine allows mounting one.)"""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog
from sqlalchemy import event

from minute_taker.services import agenda, interchange
from minute_taker.store.book import MinuteBook
from minute_taker.store.book_lock import lock_path
from minute_taker.ui.book import autosave

SENTENCE = "The PCC thanked the DCC for the report. "


@pytest.fixture
def demo_book(book_path: Path) -> Path:
    with MinuteBook.open(book_path) as book:
        interchange.load_demo(book)
    return book_path


class SizeLimit:
    """Caps the book at the pages it has now, on every connection the app opens."""

    def __init__(self, book: MinuteBook) -> None:
        self.book = book
        self.limit: int | None = None
        event.listen(book.engine, "connect", self._apply)

    def _apply(self, connection, _record) -> None:  # type: ignore[no-untyped-def]
        pages = connection.execute("PRAGMA page_count").fetchone()[0]
        connection.execute(f"PRAGMA max_page_count = {self.limit or pages}")

    def fill(self) -> None:
        self.limit = None
        self.book.engine.dispose()

    def free(self) -> None:
        self.limit = 1_000_000
        self.book.engine.dispose()


def stored_text(path: Path, item_id: int) -> str:
    with MinuteBook.open(path) as reader:
        return agenda.get_item_minutes(reader, item_id)


def type_until_not_saved(qtbot, window) -> str:  # type: ignore[no-untyped-def]
    typed = ""
    for _ in range(200):
        qtbot.keyClicks(window.notes.editor, SENTENCE)
        typed += SENTENCE
        window.context.autosave.flush()
        if window.banner.state == "not-saved":
            return typed
    raise AssertionError("the size limit never stopped a write")


def test_a_full_book_keeps_the_text_says_so_and_writes_it_when_there_is_room(
        qtbot, open_window, demo_book: Path) -> None:
    window = open_window(demo_book, claim=True)
    item_id = window.context.current_item_id
    limit = SizeLimit(window.context.book)
    limit.fill()
    typed = type_until_not_saved(qtbot, window)
    assert window.banner.isVisible()
    assert "The disk holding test.minutebook is full" in window.banner.text.text()
    assert window.saved_label.text().startswith("NOT SAVED")
    assert window.context.autosave.has_pending
    # More typing while it cannot be written is kept as well.
    qtbot.keyClicks(window.notes.editor, "Typed while the disk was full.")
    assert typed.strip() not in stored_text(demo_book, item_id)
    limit.free()
    # The retry timer writes it without the user doing anything.
    qtbot.waitUntil(lambda: not window.context.autosave.has_pending,
                    timeout=autosave.RETRY_MS * 2)
    assert not window.banner.isVisible()
    stored = stored_text(demo_book, item_id)
    assert typed.strip() in stored and "Typed while the disk was full." in stored


def test_closing_while_full_asks_and_cancel_keeps_the_window(
        qtbot, open_window, demo_book: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    window = open_window(demo_book, claim=True)
    SizeLimit(window.context.book).fill()
    type_until_not_saved(qtbot, window)
    asked = []
    monkeypatch.setattr(QMessageBox, "critical", lambda *args: asked.append(args[2]) or
                        QMessageBox.StandardButton.Cancel)
    window.close()
    assert window.isVisible()  # nothing dropped by closing
    assert "could not be written" in asked[0]
    assert window.context.autosave.has_pending


def test_save_to_another_file_carries_on_there_with_everything_typed(
        qtbot, open_window, demo_book: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    window = open_window(demo_book, claim=True)
    meeting_id, item_id = window.context.meeting_id, window.context.current_item_id
    SizeLimit(window.context.book).fill()
    typed = type_until_not_saved(qtbot, window)
    elsewhere = tmp_path / "elsewhere" / "Panel copy"
    elsewhere.parent.mkdir()
    offered = []

    def choose(parent, title, suggested, filter_):  # type: ignore[no-untyped-def]
        offered.append(Path(suggested))
        return str(elsewhere), filter_

    monkeypatch.setattr(QFileDialog, "getSaveFileName", choose)
    qtbot.mouseClick(window.banner.save_button, Qt.MouseButton.LeftButton)
    copy = elsewhere.with_suffix(".minutebook")
    assert offered[0].parent == Path.home()  # not the folder that may be the trouble
    assert window.context.book.path == copy
    assert window.context.book.read_only is None
    assert not window.banner.isVisible()
    assert (window.context.meeting_id, window.context.current_item_id) == (meeting_id, item_id)
    assert typed.strip() in stored_text(copy, item_id)
    assert typed.strip() not in stored_text(demo_book, item_id)
    assert not lock_path(demo_book).exists()  # the full book is let go
    assert lock_path(copy).exists()
    assert "Now working in" in window.statusBar().currentMessage()
    # Typing goes on into the copy.
    window.notes.editor.setFocus()
    qtbot.keyClicks(window.notes.editor, " And more.")
    assert window.context.autosave.flush()
    assert stored_text(copy, item_id).endswith("And more.</p>")


def test_a_read_only_file_offers_a_copy_to_edit(
        qtbot, open_window, demo_book: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    real_access = os.access
    monkeypatch.setattr(os, "access", lambda path, mode: False if Path(path) == demo_book
                        and mode == os.W_OK else real_access(path, mode))
    window = open_window(demo_book, claim=True)
    assert window.banner.state == "read-only"
    assert "The file is read-only." in window.banner.text.text()
    assert window.banner.save_button.isVisible() and not window.banner.retry_button.isVisible()
    target = tmp_path / "Editable.minutebook"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *args: (str(target), ""))
    qtbot.mouseClick(window.banner.save_button, Qt.MouseButton.LeftButton)
    assert window.context.book.path == target and window.context.book.read_only is None
    assert not window.notes.editor.isReadOnly()
