"""A line giving the date of the next meeting, typed in the minutes, fills the header's
next meeting on Enter (issue 17, point 1): the line stays as typed, the status bar says
what was filled, a different date already set is changed only with a word, and Ctrl+Z
takes it back."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_keys import key

from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

LINE = "Date of next meeting: Tuesday 6 February 2018 at 10.30am, Council Chamber"


def open_meeting(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
        agenda.add_item(seed, meeting.id, "Any other business")
        agenda.add_item(seed, meeting.id, "Date of next meeting")
    return open_window(book_path)


def reopen(open_window, window, path: Path):  # type: ignore[no-untyped-def]
    window.close()
    window.context.book.close()
    return open_window(path)


def next_meeting(window):  # type: ignore[no-untyped-def]
    header = window.context.header
    return header.next_meeting_date, header.next_meeting_time, header.next_meeting_venue


def test_a_next_meeting_line_fills_the_header_and_stays(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    notes.setFocus()
    first = window.context.current_item_id
    qtbot.keyClicks(notes, LINE)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert notes.hasFocus() and window.context.current_item_id == first
    assert next_meeting(window) == (dt.date(2018, 2, 6), dt.time(10, 30), "Council Chamber")
    assert window.header.next_date.edit.text() == "Tue 6 Feb 2018"
    assert window.header.next_time.text() == "10:30"
    assert window.header.next_venue.text() == "Council Chamber"
    message = window.statusBar().currentMessage()
    assert "Next meeting: Tue 6 Feb 2018 at 10:30, Council Chamber" in message
    qtbot.keyClicks(notes, "The Chair thanked members.")
    assert notes.toPlainText() == f"{LINE}\nThe Chair thanked members."

    # Ctrl+Z takes back the filling with its Enter, one step; Ctrl+Y puts it back.
    for _ in range(10):
        if notes.toPlainText() == LINE:
            break
        assert next_meeting(window)[0] == dt.date(2018, 2, 6)
        qtbot.keyClick(notes, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert next_meeting(window) == (None, None, None)
    assert window.header.next_date.edit.text() == ""
    assert notes.toPlainText() == LINE
    qtbot.keyClick(notes, Qt.Key.Key_Y, Qt.KeyboardModifier.ControlModifier)
    assert next_meeting(window)[0] == dt.date(2018, 2, 6)

    window = reopen(open_window, window, book_path)
    assert next_meeting(window) == (dt.date(2018, 2, 6), dt.time(10, 30), "Council Chamber")
    assert LINE in agenda.get_item_minutes(window.context.book, first)


def test_in_the_next_meeting_item_a_date_alone_is_enough(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    window = open_meeting(open_window, book_path)
    with_date = meetings.update_header(window.context.book, window.context.meeting_id,
                                       next_meeting_date=dt.date(2018, 1, 30),
                                       next_meeting_venue="Council Chamber")
    window.context.set_header(with_date)
    notes = window.notes.editor
    notes.setFocus()
    key(qtbot, notes, "Ctrl+PgDown")
    last = window.context.current_item_id
    assert window.notes.heading.text().count("Date of next meeting") == 1
    notes.setFocus()
    qtbot.keyClicks(notes, "6 February 2018 at 10:30")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert notes.hasFocus() and window.context.current_item_id == last
    # A different date already set is changed, and the status bar says from what.
    message = window.statusBar().currentMessage()
    assert "changed from Tue 30 Jan 2018, Council Chamber" in message
    assert next_meeting(window) == (dt.date(2018, 2, 6), dt.time(10, 30), "Council Chamber")

    # The same date in another item is only a date: nothing is filled.
    key(qtbot, notes, "Ctrl+PgUp")
    notes.setFocus()
    qtbot.keyClicks(notes, "13 February 2018 at 2pm")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    window = reopen(open_window, window, book_path)
    assert next_meeting(window) == (dt.date(2018, 2, 6), dt.time(10, 30), "Council Chamber")
