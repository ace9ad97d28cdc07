"""Supporting papers with their format and size, as published minutes list them ("Report
PDF 182 KB", issue 17 point 5): read from a local file when it is added, typed for a
link or a paper not at hand, a size that is not one refused in the dialog."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QFileDialog
from ui_keys import key, when_dialog_has_focus

from minute_taker.services import agenda, committees, documents, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.agenda.paper_dialog import PaperDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


def reopen(open_window, window, path: Path):  # type: ignore[no-untyped-def]
    window.close()
    window.context.book.close()
    return open_window(path)


def open_details(qtbot, open_window, book_path: Path):  # type: ignore[no-untyped-def]
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 6))
        agenda.add_item(seed, meeting.id, "Police and Crime Plan")
    window = open_window(book_path)
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+Shift+D")
    details = window.notes.details
    assert details.isVisible() and focused() is details.description
    for expected in (details.presenter, details.planned, details.confidential,
                     details.papers, details.add_file):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is expected
    return window, details


def back_in_window(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()  # the offscreen platform hands activation back late
    qtbot.waitUntil(lambda: window.isActiveWindow() and focused() is not None)


def test_format_and_size_from_the_file_or_typed(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path, tmp_path: Path, monkeypatch) -> None:
    report = tmp_path / "Police_and_Crime_Plan.pdf"
    report.write_bytes(b"%PDF" + b"x" * (182 * 1024 - 4))
    window, details = open_details(qtbot, open_window, book_path)
    item = window.context.current_item_id

    # A local file: its format and size come from the file.
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (str(report), ""))
    qtbot.keyClick(details.add_file, Qt.Key.Key_Space)
    assert details.papers.item(0).text() == f"Police and Crime Plan (PDF 182 KB) \u2014 {report}"

    # A link: typed, with the format and size it serves.
    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, PaperDialog) and focused() is dialog.location
        qtbot.keyClicks(dialog.location, "https://example.org/mgConvert2PDF.aspx?ID=1")
        key(qtbot, dialog.location, "Alt+T")
        assert focused() is dialog.title
        qtbot.keyClicks(dialog.title, "Precept report")
        key(qtbot, dialog.title, "Alt+F")
        assert focused() is dialog.paper_format
        qtbot.keyClicks(dialog.paper_format, "PDF")
        qtbot.keyClick(dialog.paper_format, Qt.Key.Key_Tab)
        assert focused() is dialog.paper_size
        qtbot.keyClicks(dialog.paper_size, "95 KB")
        qtbot.keyClick(dialog.paper_size, Qt.Key.Key_Return)
        assert not dialog.isVisible()

    qtbot.keyClick(details.add_file, Qt.Key.Key_Tab)
    assert focused() is details.add_link
    when_dialog_has_focus(fill)
    qtbot.keyClick(details.add_link, Qt.Key.Key_Space)
    back_in_window(qtbot, window)
    assert focused() is details.add_link and window.context.current_item_id == item
    assert details.papers.item(1).text() == (
        "Precept report (PDF 95 KB) \u2014 https://example.org/mgConvert2PDF.aspx?ID=1")

    window = reopen(open_window, window, book_path)
    papers = documents.list_documents(window.context.book, item)
    assert [(p.title, p.format, p.size_bytes) for p in papers] == [
        ("Police and Crime Plan", "PDF", 182 * 1024), ("Precept report", "PDF", 95 * 1024)]


def test_a_size_that_is_not_one_is_refused_in_the_dialog(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    window, details = open_details(qtbot, open_window, book_path)
    item = window.context.current_item_id
    documents.add_document(window.context.book, item, "Annual report", "")
    details.show_item(agenda.get_item(window.context.book, item))
    details.papers.setFocus()
    qtbot.keyClick(details.papers, Qt.Key.Key_Down)
    assert details.papers.currentRow() == 0
    for expected in (details.add_file, details.add_link, details.edit_paper):
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        assert focused() is expected
    said: list[str] = []

    def fill(dialog) -> None:  # type: ignore[no-untyped-def]
        assert focused() is dialog.title and dialog.title.text() == "Annual report"
        key(qtbot, dialog.title, "Alt+S")
        assert focused() is dialog.paper_size
        qtbot.keyClicks(dialog.paper_size, "big")
        qtbot.keyClick(dialog.paper_size, Qt.Key.Key_Return)
        assert dialog.isVisible() and focused() is dialog.paper_size  # refused, kept open
        said.append(dialog.message.text())
        qtbot.keyClicks(dialog.paper_size, "1.4 MB")  # the bad text is selected: typed over
        key(qtbot, dialog.paper_size, "Alt+F")
        qtbot.keyClicks(dialog.paper_format, "DOCX")
        qtbot.keyClick(dialog.paper_format, Qt.Key.Key_Return)
        assert not dialog.isVisible()

    when_dialog_has_focus(fill)
    qtbot.keyClick(details.edit_paper, Qt.Key.Key_Space)
    back_in_window(qtbot, window)
    assert said == ["\u201cbig\u201d is not a size: type it as 182 KB or 1.4 MB."]
    assert focused() is details.edit_paper and window.context.current_item_id == item
    assert details.papers.item(0).text() == "Annual report (DOCX 1.4 MB)"

    window = reopen(open_window, window, book_path)
    [paper] = documents.list_documents(window.context.book, item)
    assert (paper.format, paper.size_bytes) == ("DOCX", round(1.4 * 1024 * 1024))


def test_the_paper_dialog_letters_do_not_clash(qtbot, open_window,  # type: ignore[no-untyped-def]
                                               demo_path: Path) -> None:
    from test_mnemonics import assert_clear

    window = open_window(demo_path)
    dialog = PaperDialog(window)
    qtbot.addWidget(dialog)
    dialog.show()
    assert_clear(dialog)
