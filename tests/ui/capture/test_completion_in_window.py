"""Completion in the main window's notes, where the clerk meets it: a bulleted list
typed live, with the committee's abbreviations read from the book (issue 13, slip 5)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from ui_keys import key

from minute_taker.domain.records import Abbreviation
from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook


def test_tab_nests_a_list_line_ending_in_an_abbreviation_and_ctrl_space_completes_it(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", abbreviations=[
            Abbreviation("DPCC", "Deputy Police and Crime Commissioner")])
        meetings.create_meeting(seed, committee.id, "Panel", dt.date.today())
    window = open_window(book_path)
    notes = window.notes.editor
    notes.setFocus()
    key(qtbot, notes, "Ctrl+Shift+L")  # a bulleted list
    qtbot.keyClicks(notes, "Report from the DPCC")
    assert window.notes.completer.popup.isVisible()
    qtbot.keyClick(notes, Qt.Key.Key_Tab)
    assert notes.toPlainText() == "Report from the DPCC"
    current = notes.textCursor().currentList()
    assert current is not None and current.format().indent() == 2
    key(qtbot, notes, "Ctrl+Space")  # asked for: Enter takes the first row
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    assert notes.toPlainText() == "Report from the Deputy Police and Crime Commissioner"
    assert notes.document().blockCount() == 1


def test_the_names_are_read_before_the_first_key_not_at_it(
        qtbot, open_window, demo_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first key typed in a meeting waited for the people and the committee to be read
    from the book; they are read between events once the meeting is open."""
    window = open_window(demo_path)
    completer = window.notes.completer
    qtbot.waitUntil(lambda: completer._entries is not None)
    read: list[bool] = []
    monkeypatch.setattr(completer, "_source", lambda: read.append(True) or [])
    notes = window.notes.editor
    notes.setFocus()
    qtbot.keyClicks(notes, "The DCC")
    assert read == []  # nothing read from the book while typing
