"""Approved minutes look read-only, and the first key that would change them says why."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QPalette
from PySide6.QtWidgets import QInputDialog
from ui_keys import key

from minute_taker.domain.workflow import Transition
from minute_taker.services import actions, agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.capture import notes_editor

TEXT = "The Report was noted."
PAUSE = 60.0  # seconds without a refused key: the message may be said again
WHY = "Approved minutes are read-only until reopened (Meeting \u203a Reopen\u2026)."


def approved_window(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
        item = agenda.add_item(seed, meeting.id, "Performance report")
        agenda.set_item_minutes(seed, item.id, f"<p>{TEXT}</p>")
        meetings.change_status(seed, meeting.id, Transition.SEND_FOR_REVIEW)
        meetings.change_status(seed, meeting.id, Transition.APPROVE)
    window = open_window(book_path)
    notes = window.notes.editor
    notes.setFocus()
    window.statusBar().clearMessage()
    return window, notes


class Clock:
    """Stands in for the pane's clock: the message repeats only after a pause."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_approved_notes_read_as_read_only_and_the_first_edit_key_says_why(
        qtbot, open_window, book_path: Path, monkeypatch) -> None:
    clock = Clock()
    monkeypatch.setattr(notes_editor, "monotonic", clock, raising=False)
    window, notes = approved_window(open_window, book_path)
    status = window.statusBar()

    def unchanged(message: str = "") -> None:
        assert notes.hasFocus()
        assert notes.toPlainText() == TEXT
        assert status.currentMessage() == message

    qtbot.waitUntil(notes.hasFocus)
    assert notes.isReadOnly()
    assert notes.textInteractionFlags() & Qt.TextInteractionFlag.TextSelectableByKeyboard
    assert notes.viewport().backgroundRole() is QPalette.ColorRole.Window
    assert notes.toolTip() == WHY
    assert notes.accessibleDescription() == WHY
    unchanged()

    # Moving, selecting and copying work, and say nothing.
    key(qtbot, notes, "Ctrl+Home")
    assert notes.textCursor().position() == 0
    unchanged()
    for _ in range(4):
        key(qtbot, notes, "Right")
    assert notes.textCursor().position() == 4
    unchanged()
    key(qtbot, notes, "Ctrl+Shift+Right")
    assert notes.textCursor().selectedText().strip() == "Report"
    unchanged()
    QGuiApplication.clipboard().clear()
    key(qtbot, notes, "Ctrl+C")
    assert QGuiApplication.clipboard().text().strip() == "Report"
    unchanged()
    for sequence in ("Shift+End", "Left", "End", "Home", "PgDown", "PgUp", "Down", "Up",
                     "Ctrl+End", "Ctrl+A"):
        key(qtbot, notes, sequence)
        unchanged()
    key(qtbot, notes, "Ctrl+Home")
    unchanged()

    # The first key that would have changed the text says why, in the status bar.
    qtbot.keyClicks(notes, "Sneaky")
    unchanged(WHY)
    # Not at every key of the burst: said again only after a pause.
    status.clearMessage()
    clock.now += 1
    key(qtbot, notes, "Backspace")
    unchanged()
    for sequence in ("Backspace", "Delete", "Return", "Enter", "Shift+Return", "Ctrl+V",
                     "Ctrl+X", "Ctrl+Backspace", "Ctrl+Delete", "x", "Shift+A", " "):
        clock.now += PAUSE
        status.clearMessage()
        key(qtbot, notes, sequence)
        unchanged(WHY)
        assert notes.textCursor().position() == 0  # the caret did not move either

    # Typing in the agenda, which goes on in the notes, says the same.
    window.agenda.tree.setFocus()
    qtbot.waitUntil(window.agenda.tree.hasFocus)
    clock.now += PAUSE
    status.clearMessage()
    qtbot.keyClick(window.agenda.tree, Qt.Key.Key_W)
    unchanged(WHY)

    # Making the line an action (Ctrl+Shift+K) says the same, and captures nothing.
    clock.now += PAUSE
    status.clearMessage()
    key(qtbot, notes, "Ctrl+Shift+K")
    unchanged(WHY)
    # So does a quick phrase (Alt+1).
    clock.now += PAUSE
    status.clearMessage()
    key(qtbot, notes, "Alt+1")
    unchanged(WHY)
    book = window.context.book
    assert actions.list_actions(book, window.context.meeting_id) == []
    window.context.autosave.flush()
    assert agenda.get_item_minutes(book, window.context.current_item_id) == f"<p>{TEXT}</p>"


def test_another_meeting_says_it_again_at_once(qtbot, open_window, book_path: Path,
                                               monkeypatch) -> None:
    clock = Clock()
    monkeypatch.setattr(notes_editor, "monotonic", clock, raising=False)
    window, notes = approved_window(open_window, book_path)
    status = window.statusBar()
    qtbot.waitUntil(notes.hasFocus)
    qtbot.keyClick(notes, Qt.Key.Key_A)
    assert status.currentMessage() == WHY
    status.clearMessage()
    window.context.open_meeting(window.context.meeting_id)  # the meeting opened again
    notes.setFocus()
    qtbot.waitUntil(notes.hasFocus)
    qtbot.keyClick(notes, Qt.Key.Key_A)
    assert status.currentMessage() == WHY
    assert notes.toPlainText() == TEXT


def test_reopened_minutes_are_editable_at_once_with_the_caret_where_it_was(
        qtbot, open_window, book_path: Path, monkeypatch) -> None:
    window, notes = approved_window(open_window, book_path)
    qtbot.waitUntil(notes.hasFocus)
    key(qtbot, notes, "Ctrl+Home")
    key(qtbot, notes, "Ctrl+Right")  # after "The "
    assert notes.textCursor().position() == 4
    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("The Chair asked for a correction", True))
    window.workflow_actions[Transition.REOPEN].trigger()

    notes = window.notes.editor
    assert not notes.isReadOnly()
    assert notes.viewport().backgroundRole() is QPalette.ColorRole.Base
    assert notes.toolTip() == ""
    assert notes.accessibleDescription() == ""
    assert notes.placeholderText() == "Minutes for this item\u2026"
    assert notes.textCursor().position() == 4
    assert notes.hasFocus()  # still typing where the clerk was
    window.statusBar().clearMessage()
    qtbot.keyClicks(notes, "Annual ")
    assert notes.hasFocus()
    assert notes.toPlainText() == "The Annual Report was noted."
    assert window.statusBar().currentMessage() != WHY
    window.context.autosave.flush()
    stored = agenda.get_item_minutes(window.context.book, window.context.current_item_id)
    assert "The Annual Report was noted." in stored
