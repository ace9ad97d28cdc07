"""The meeting header's date, typed: saved when read, refused and kept when not."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

TODAY = dt.date(2017, 11, 29)
OCTOBER = dt.date(2017, 10, 31)


@pytest.fixture
def window(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meetings.create_meeting(seed, committee.id, "October", OCTOBER)
    opened = open_window(book_path)
    opened.header.date.today = lambda: TODAY
    return opened


def type_date(qtbot, window, text: str):  # type: ignore[no-untyped-def]
    """From the header's title, Tab to the date and type."""
    window.header.title.setFocus()
    qtbot.keyClick(window.header.title, Qt.Key.Key_Tab)
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, text)
    return field


@pytest.mark.parametrize(("typed", "meant"), [
    ("30/11/2017", dt.date(2017, 11, 30)),
    ("2 nov", dt.date(2017, 11, 2)),
    ("today", TODAY),
    ("+7", dt.date(2017, 12, 6)),
])
def test_a_typed_date_is_the_meetings_date(qtbot, window, typed: str,
                                           meant: dt.date) -> None:
    field = type_date(qtbot, window, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is window.header.start
    assert meetings.get_header(window.context.book, window.context.meeting_id).date == meant
    assert window.context.header.date == meant
    assert field.text() == f"{meant:%a} {meant.day} {meant:%b %Y}"


def test_a_date_it_cannot_read_is_refused_kept_and_not_saved(qtbot, window) -> None:
    field = type_date(qtbot, window, "31/11/2017")
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is field
    assert field.text() == "31/11/2017"
    message = window.header.findChild(QLabel, "dateFieldMessage")
    assert message is not None and message.isVisible()
    assert message.text().startswith("Not a date I can read.")
    # A header refresh (another field saved) does not wipe what is being typed.
    window.context.header_changed.emit(window.context.header)
    assert field.text() == "31/11/2017"
    assert meetings.get_header(window.context.book, window.context.meeting_id).date == OCTOBER
    qtbot.keyClick(field, Qt.Key.Key_Escape)
    assert field.text() == "Tue 31 Oct 2017"
