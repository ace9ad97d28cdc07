"""Item details beside the minutes: agenda text, presenter, plan, confidential, papers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QDesktopServices
from ui_keys import when_dialog_has_focus

from minute_taker.services import agenda, committees, documents, meetings
from minute_taker.store.book import MinuteBook


def test_details_are_edited_by_keyboard_and_saved(qtbot, open_window, book_path: Path,
                                                  monkeypatch) -> None:
    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Panel")
    meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 5))
    seed.close()
    window = open_window(book_path)
    details = window.notes.details
    assert not details.isVisible()
    qtbot.keyClick(window.notes.editor, Qt.Key.Key_D,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert details.isVisible() and details.description.hasFocus()
    qtbot.keyClicks(details.description, "To consider a verbal update from the Commissioner.")
    details.presenter.setFocus()
    qtbot.keyClicks(details.presenter, "The Commissioner")
    details.planned.setValue(15)
    qtbot.mouseClick(details.confidential, Qt.MouseButton.LeftButton)
    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        # The link first (it has the focus), then Shift+Tab back to the title.
        qtbot.keyClicks(dialog.location, "https://example.org/report.pdf")
        qtbot.keyClick(dialog.location, Qt.Key.Key_Tab, Qt.KeyboardModifier.ShiftModifier)
        qtbot.keyClicks(dialog.title, "Performance report")
        qtbot.keyClick(dialog.title, Qt.Key.Key_Return)

    when_dialog_has_focus(fill)
    qtbot.mouseClick(details.add_link, Qt.MouseButton.LeftButton)
    window.activateWindow()  # the offscreen platform does not give it back by itself
    qtbot.waitUntil(window.isActiveWindow)
    assert details.add_link.hasFocus()  # back where it was, the new paper current
    assert details.papers.currentRow() == 0
    window.context.autosave.flush()

    book = window.context.book
    item = agenda.get_item(book, window.context.current_item_id)
    assert (item.description, item.presenter, item.planned_minutes, item.confidential) == (
        "To consider a verbal update from the Commissioner.", "The Commissioner", 15, True)
    [paper] = documents.list_documents(book, item.id)
    assert (paper.title, paper.location) == ("Performance report",
                                             "https://example.org/report.pdf")
    assert "Confidential" in window.notes.heading.text()
    assert "verbal update" in window.notes.heading.text()

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    details.papers.setCurrentRow(0)
    details.papers.setFocus()
    qtbot.keyClick(details.papers, Qt.Key.Key_Return)
    assert opened == ["https://example.org/report.pdf"]

    documents.add_document(book, item.id, "Telford analysis", "papers/telford.pdf")
    details.show_item(item)
    details.papers.setCurrentRow(1)
    qtbot.keyClick(details.papers, Qt.Key.Key_Return)
    assert opened[-1] == (book_path.parent / "papers" / "telford.pdf").as_uri()
    documents.remove_document(book, documents.list_documents(book, item.id)[1].id)
    details.show_item(item)
    details.papers.setCurrentRow(0)
    qtbot.mouseClick(details.remove_paper, Qt.MouseButton.LeftButton)
    assert documents.list_documents(book, item.id) == []
    window.notes.toggle_details()
    assert not details.isVisible() and window.notes.editor.hasFocus()
