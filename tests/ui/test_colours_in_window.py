"""The window's own coloured words read on a dark theme (issue 13, slip 9): the
heading's "Confidential", the LIVE mark and "NOT SAVED" take their red from
ui/colours.py, chosen against the palette, not a fixed dark red."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication
from ui_keys import key

from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.colours import ERROR, MIN_CONTRAST, OVERRUN, contrast, dark_palette

FIXED_REDS = ("#a40000", "#b00020")


@pytest.fixture
def dark(qapp: QApplication) -> Iterator[QPalette]:
    before = qapp.palette()
    qapp.setPalette(dark_palette())
    yield qapp.palette()
    qapp.setPalette(before)


def test_red_words_read_on_a_dark_theme(qtbot, dark: QPalette, open_window,  # type: ignore[no-untyped-def]
                                        book_path: Path) -> None:
    with MinuteBook.open(book_path) as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date.today())
        agenda.add_item(book, meeting.id, "Exempt business", confidential=True)
    window = open_window(book_path)
    ground = dark.color(QPalette.ColorRole.Window)

    heading = window.notes.heading.text()
    assert "Confidential" in heading
    assert ERROR.dark in heading and not any(red in heading for red in FIXED_REDS)

    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, window.start_action.shortcut().toString())
    assert "LIVE" in window.live_label.text()
    assert OVERRUN.dark in window.live_label.styleSheet()

    window.context.autosave.failed.emit("The disk is full.")
    assert ERROR.dark in window.saved_label.styleSheet()
    for used in (ERROR.dark, OVERRUN.dark):
        assert contrast(QColor(used), ground) >= MIN_CONTRAST
