"""The unexpected-error dialog: what it says, Copy details, and errors raised in Qt slots."""

from __future__ import annotations

import contextlib
import datetime as dt
import logging
import sqlite3
import sys
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from minute_taker.app_logging import setup_logging
from minute_taker.domain.suggestions import plain_text
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book import crash
from minute_taker.ui.capture.completion import NameCompleter

# open_window makes any message box fail the test; the one here is expected.
REAL_EXEC = QMessageBox.exec


@pytest.fixture
def app_log(monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The app's own log file (in the test's home), and the hook it installs undone after."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    root = logging.getLogger()
    level, handlers = root.level, root.handlers[:]
    log_file = setup_logging()
    assert log_file is not None
    yield log_file
    for handler in root.handlers[:]:
        if handler not in handlers:
            root.removeHandler(handler)
            handler.close()
    root.setLevel(level)


def visible_boxes() -> list[QMessageBox]:
    return [w for w in QApplication.topLevelWidgets()
            if isinstance(w, QMessageBox) and w.isVisible()]


def answer_dialog(button_text: str) -> dict[str, Any]:
    """Once the dialog is open (in its own event loop), note what it says and press a button."""
    seen: dict[str, Any] = {}

    def answer(tries: int = 200) -> None:
        boxes = visible_boxes()
        if not boxes:
            if tries:
                QTimer.singleShot(10, lambda: answer(tries - 1))
            return
        [box] = boxes
        seen.update(title=box.windowTitle(), text=box.text(), details=box.detailedText(),
                    buttons=[b.text() for b in box.buttons()], parent=box.parent())
        [button] = [b for b in box.buttons() if b.text() == button_text]
        button.click()

    QTimer.singleShot(0, answer)
    return seen


def details_of(error: BaseException) -> str:
    try:
        raise error
    except BaseException as raised:
        return "".join(traceback.format_exception(raised))


def fail_somewhere() -> None:
    raise RuntimeError("the printer caught fire")


def through_the_hook(fail: Callable[[], object]) -> None:
    try:
        fail()
    except Exception:
        sys.excepthook(*sys.exc_info())


def test_copy_details_puts_the_traceback_on_the_clipboard(qtbot, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    details = details_of(ValueError("no quorum"))
    QGuiApplication.clipboard().setText("something else")
    seen = answer_dialog("Copy details")
    crash.show_crash_dialog(details, tmp_path / "minute-taker.log")
    assert seen["title"] == "Minute Taker: unexpected error"
    assert f"The details are in {tmp_path / 'minute-taker.log'}." in seen["text"]
    assert seen["details"] == details
    assert {"Copy details", "OK"} <= set(seen["buttons"])
    assert QGuiApplication.clipboard().text() == details


def test_ok_copies_nothing_and_leaves_no_dialog_behind(qtbot, open_window,  # type: ignore[no-untyped-def]
                                                      book_path: Path, monkeypatch) -> None:
    window = open_window(book_path)
    monkeypatch.setattr(QMessageBox, "exec", REAL_EXEC)
    QGuiApplication.clipboard().setText("what the user copied")
    seen = answer_dialog("OK")
    crash.show_crash_dialog(details_of(ValueError("no quorum")), None)
    assert seen["parent"] is window
    assert "details are in" not in seen["text"]  # no log file could be written
    assert QGuiApplication.clipboard().text() == "what the user copied"
    qtbot.waitUntil(lambda: not window.findChildren(QMessageBox))


def test_the_hook_shows_the_log_file_and_the_traceback(qtbot, app_log: Path) -> None:  # type: ignore[no-untyped-def]
    crash.install_excepthook(app_log)
    seen = answer_dialog("Copy details")
    through_the_hook(fail_somewhere)
    assert str(app_log) in seen["text"]
    assert seen["details"].startswith("Traceback (most recent call last):")
    assert "in fail_somewhere" in seen["details"]
    assert seen["details"].rstrip().endswith("RuntimeError: the printer caught fire")
    assert QGuiApplication.clipboard().text() == seen["details"]
    assert seen["details"].rstrip() in app_log.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_errors_that_arrive_while_the_dialog_is_open_are_logged_not_stacked(  # type: ignore[no-untyped-def]
        qtbot, app_log: Path, monkeypatch) -> None:
    shown: list[str] = []
    real_dialog = crash.show_crash_dialog
    monkeypatch.setattr(crash, "show_crash_dialog",
                        lambda details, where: (shown.append(details),
                                                real_dialog(details, where)))
    crash.install_excepthook(app_log)
    open_at_the_end: list[int] = []

    def close_them() -> None:
        boxes = visible_boxes()
        open_at_the_end.append(len(boxes))
        for box in reversed(boxes):
            box.done(0)

    def fail(number: int) -> None:
        # Each failure queues the next: they arrive while the first one's dialog is open.
        QTimer.singleShot(0, lambda: fail(number + 1) if number < 3 else close_them())
        raise RuntimeError(f"tick {number} failed")

    QTimer.singleShot(0, lambda: fail(1))
    qtbot.waitUntil(lambda: bool(open_at_the_end) and not visible_boxes())
    assert open_at_the_end == [1]
    assert len(shown) == 1 and "tick 1 failed" in shown[0]
    log = app_log.read_text(encoding="utf-8")
    assert all(f"RuntimeError: tick {n} failed" in log for n in (1, 2, 3))


def test_a_dialog_that_cannot_be_shown_is_logged_and_the_next_error_still_shown(  # type: ignore[no-untyped-def]
        qtbot, app_log: Path, monkeypatch) -> None:
    def broken(details: str, where: Path | None) -> None:
        raise RuntimeError("no screen to show it on")

    monkeypatch.setattr(crash, "show_crash_dialog", broken)
    crash.install_excepthook(app_log)
    through_the_hook(fail_somewhere)  # does not raise out of the hook
    log = app_log.read_text(encoding="utf-8")
    assert "RuntimeError: the printer caught fire" in log
    assert "could not show the unexpected error dialog" in log
    assert "RuntimeError: no screen to show it on" in log

    shown: list[str] = []
    monkeypatch.setattr(crash, "show_crash_dialog",
                        lambda details, where: shown.append(details))
    through_the_hook(lambda: 1 / 0)
    assert len(shown) == 1 and "ZeroDivisionError" in shown[0]


@pytest.fixture
def item_book(book_path: Path) -> tuple[Path, int]:
    with MinuteBook.open(book_path, actor="setup") as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
        return book_path, agenda.add_item(book, meeting.id, "Typed through a fault").id


@pytest.mark.qt_no_exception_capture
def test_an_error_in_a_slot_while_typing_is_reported_and_no_typing_is_lost(  # type: ignore[no-untyped-def]
        qtbot, open_window, item_book, app_log: Path, monkeypatch) -> None:
    """The name completer's slot runs on every key; here it fails once, mid-sentence."""
    book_path, item_id = item_book
    fault = {"armed": False}
    real_slot = NameCompleter._on_contents_change

    def faulty_slot(self: NameCompleter, position: int, removed: int, added: int) -> None:
        if fault["armed"]:
            fault["armed"] = False
            raise RuntimeError("the completer tripped over a word")
        real_slot(self, position, removed, added)

    monkeypatch.setattr(NameCompleter, "_on_contents_change", faulty_slot)
    dialogs: list[tuple[str, Path | None]] = []
    monkeypatch.setattr(crash, "show_crash_dialog",
                        lambda details, where: dialogs.append((details, where)))
    crash.install_excepthook(app_log)
    window = open_window(book_path)
    window.agenda.select(item_id)
    qtbot.waitUntil(lambda: window.context.current_item_id == item_id)
    editor = window.notes.editor
    editor.setFocus()
    qtbot.keyClicks(editor, "The clerk typed this before the fault")
    fault["armed"] = True
    qtbot.keyClicks(editor, ", this as it happened, and this after it.")
    assert not fault["armed"], "the fault never fired: the test proves nothing"

    [(details, where)] = dialogs
    assert where == app_log
    assert "in faulty_slot" in details
    assert "RuntimeError: the completer tripped over a word" in details
    assert "the completer tripped over a word" in app_log.read_text(encoding="utf-8")
    typed = "The clerk typed this before the fault, this as it happened, and this after it."
    assert editor.toPlainText() == typed
    window.close()  # writes what autosave still holds
    window.context.book.close()
    with contextlib.closing(sqlite3.connect(book_path)) as raw:
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with MinuteBook.open(book_path, actor="check") as reopened:
        assert plain_text(agenda.get_item_minutes(reopened, item_id)) == typed
