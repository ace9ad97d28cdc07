"""The next meeting (date, optional time, venue) and the contact officer, typed in the
meeting header from the keyboard (issue 17, points 1 and 2), kept after reopening."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_keys import key

from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

OCTOBER = dt.date(2017, 10, 31)


def seed(book_path: Path) -> None:
    with MinuteBook.open(book_path) as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        committees.update_committee(book, committee.id, contact_name="Sheena Jones",
                                    contact_details="01905 555 555")
        meetings.create_meeting(book, committee.id, "October", OCTOBER)


def reopen(open_window, window, path: Path):  # type: ignore[no-untyped-def]
    window.close()
    window.context.book.close()
    return open_window(path)


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def test_next_meeting_and_contact_typed_by_keyboard_and_kept(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    seed(book_path)
    window = open_window(book_path)
    header = window.header
    item = window.context.current_item_id
    # A new meeting starts with its committee's contact.
    assert header.contact_name.text() == "Sheena Jones"
    assert header.contact_details.text() == "01905 555 555"
    assert header.next_date.edit.text() == ""

    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Alt+Y")
    assert focused() is header.next_date.edit
    qtbot.keyClicks(focused(), "6 Feb 2018")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is header.next_time
    assert header.next_date.edit.text() == "Tue 6 Feb 2018"
    qtbot.keyClicks(focused(), "10.30am")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is header.next_venue
    assert header.next_time.text() == "10:30"
    qtbot.keyClicks(focused(), "Council Chamber")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is header.contact_name

    key(qtbot, focused(), "Alt+Q")
    assert focused() is header.contact_name
    focused().selectAll()
    qtbot.keyClicks(focused(), "Mark Jones")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is header.contact_details
    focused().selectAll()
    qtbot.keyClicks(focused(), "mark.jones@example.gov.uk")
    key(qtbot, focused(), "Alt+L")  # back to the place, which keeps what was typed
    assert focused() is header.next_venue
    assert window.context.current_item_id == item

    window = reopen(open_window, window, book_path)
    saved = window.context.header
    assert (saved.next_meeting_date, saved.next_meeting_time, saved.next_meeting_venue) == (
        dt.date(2018, 2, 6), dt.time(10, 30), "Council Chamber")
    assert (saved.contact_name, saved.contact_details) == (
        "Mark Jones", "mark.jones@example.gov.uk")
    header = window.header
    assert header.next_date.edit.text() == "Tue 6 Feb 2018"
    assert header.next_time.text() == "10:30"
    assert header.next_venue.text() == "Council Chamber"

    # Emptying the time leaves the date alone: "Date of next meeting: Tuesday 6 February".
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Alt+Y")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is header.next_time
    qtbot.keyClick(focused(), Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is header.next_venue
    window = reopen(open_window, window, book_path)
    saved = window.context.header
    assert (saved.next_meeting_date, saved.next_meeting_time) == (dt.date(2018, 2, 6), None)


def test_a_time_without_a_date_is_refused_and_said(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    seed(book_path)
    window = open_window(book_path)
    header = window.header
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Alt+Y")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert focused() is header.next_time
    qtbot.keyClicks(focused(), "10:30")
    qtbot.keyClick(focused(), Qt.Key.Key_Tab)
    assert "date of the next meeting" in window.statusBar().currentMessage()
    assert header.next_time.text() == ""  # shown as it is kept: no time
    assert not window.banner.isVisible()  # refused, not a failed save
    window = reopen(open_window, window, book_path)
    assert window.context.header.next_meeting_time is None
