"""Approved minutes cannot be edited through any pane; reopening takes a reason."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog
from ui_keys import key

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.workflow import Transition
from minute_taker.services import actions, agenda, audit_log, committees, meetings
from minute_taker.store.book import MinuteBook


def send_for_review(window, monkeypatch, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    """Meeting > Send for review, saving the review copy beside the book."""
    copy = book_path.with_name("review-copy")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(copy), ""))
    window.workflow_actions[Transition.SEND_FOR_REVIEW].trigger()
    assert copy.with_name("review-copy.review.minutebook").exists()


def test_an_approved_meeting_cannot_be_edited_through_the_ui(
        qtbot, open_window, book_path: Path, monkeypatch) -> None:
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
        item = agenda.add_item(seed, meeting.id, "Performance report")
        agenda.set_item_minutes(seed, item.id, "<p>The Report was noted.</p>")
    window = open_window(book_path)
    send_for_review(window, monkeypatch, book_path)
    window.workflow_actions[Transition.APPROVE].trigger()
    book = window.context.book
    assert meetings.get_header(book, meeting.id).status is MeetingStatus.APPROVED
    assert not window.workflow_actions[Transition.APPROVE].isEnabled()
    assert window.workflow_actions[Transition.REOPEN].isEnabled()

    notes = window.notes.editor
    notes.setFocus()
    assert notes.isReadOnly()
    qtbot.keyClicks(notes, "Sneaky change")
    assert notes.hasFocus()
    assert window.statusBar().currentMessage() == (  # not silently ignored
        "Approved minutes are read-only until reopened (Meeting \u203a Reopen\u2026).")
    key(qtbot, notes, "Ctrl+Return")  # no new item
    key(qtbot, notes, "Alt+1")  # no quick phrase
    window.agenda.tree.setFocus()
    key(qtbot, window.agenda.tree, "Ctrl+Shift+Delete")  # no deletion
    key(qtbot, window.agenda.tree, "F2")  # no renaming
    assert not window.actions_panel.text_edit.isEnabled()
    assert not window.header.title.isEnabled()
    window.context.autosave.flush()
    assert [i.title for i in agenda.list_items(book, meeting.id)] == ["Performance report"]
    assert agenda.get_item_minutes(book, item.id) == "<p>The Report was noted.</p>"
    assert actions.list_actions(book, meeting.id) == []
    assert window.header.status.text().startswith("<b>Approved</b> by Test Clerk, ")
    assert "SHA-256" in window.header.status.text()

    monkeypatch.setattr(QInputDialog, "getText",
                        lambda *a, **k: ("The Chair asked for a correction", True))
    window.workflow_actions[Transition.REOPEN].trigger()
    assert not window.notes.editor.isReadOnly()
    window.notes.editor.setFocus()
    window.notes.editor.moveCursor(window.notes.editor.textCursor().MoveOperation.End)
    qtbot.keyClicks(window.notes.editor, " Corrected.")
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_Space)
    window.context.autosave.flush()
    assert "Corrected." in agenda.get_item_minutes(book, item.id)
    reasons = [e.reason for e in audit_log.list_audit(book, meeting.id) if e.reason]
    assert reasons == ["The Chair asked for a correction"]


def test_your_name_is_what_the_history_records(qtbot, open_window, book_path: Path,
                                               monkeypatch) -> None:
    from minute_taker.ui.book.settings import user_name

    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
    window = open_window(book_path)
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Jackie Irvin", True))
    window.ask_user_name()
    assert user_name() == "Jackie Irvin"
    send_for_review(window, monkeypatch, book_path)
    [entry] = [e for e in audit_log.list_audit(window.context.book, meeting.id)
               if e.action == "status"]
    assert entry.actor == "Jackie Irvin"
