"""Meeting › Import agenda / Paste an agenda (issue 21), by keys: the preview shows the
items read with the keyboard in the tree; Delete, Ctrl+J, Tab, Shift+Tab and F2 correct
them; Import adds them after the standing items; Ctrl+Z takes the whole import back in
one step; a file that is not an agenda says why and changes nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import docx
import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from ui_keys import key, when_dialog_has_focus

from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.agenda.import_dialog import AgendaImportDialog

STANDING = ("Apologies", "Minutes of the previous meeting", "Any other business")
PASTED = """\
Agenda for Tuesday:
Apologies
Police and Crime Plan Activity and Performance
    Monitoring Report
    To consider the report of the Commissioner.
        Presenter: PCC
Victims first
Refreshments will be served
Work programme
"""


@pytest.fixture
def panel_book(book_path: Path) -> Path:
    with MinuteBook.open(book_path) as book:
        committee = committees.create_committee(
            book, "Police and Crime Panel",
            standing_items=[committees.StandingItem(title) for title in STANDING])
        meetings.create_meeting(book, committee.id, "Panel", dt.date(2018, 2, 6))
    return book_path


def outline(window) -> list[str]:  # type: ignore[no-untyped-def]
    return [f"{n.number} {n.title}" for n in agenda.list_items(window.context.book,
                                                               window.context.meeting_id)]


def test_a_pasted_agenda_corrected_by_keys_then_imported_and_undone(
        qtbot, open_window, panel_book: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(panel_book)
    before = outline(window)
    QApplication.clipboard().setText(PASTED)
    seen: dict[str, object] = {}

    def correct(dialog) -> None:  # type: ignore[no-untyped-def]
        assert isinstance(dialog, AgendaImportDialog)
        tree = dialog.tree
        assert QApplication.focusWidget() is tree
        seen["read"] = [(line.level, line.title) for line in dialog.lines]
        qtbot.keyClick(tree, Qt.Key.Key_Delete)  # "Agenda for Tuesday:" is no item
        qtbot.keyClick(tree, Qt.Key.Key_Down)  # "Police and Crime Plan ... Performance"
        key(qtbot, tree, "Ctrl+J")  # joined with "Monitoring Report", broken over two
        qtbot.keyClick(tree, Qt.Key.Key_Down)  # "Victims first"
        qtbot.keyClick(tree, Qt.Key.Key_Tab)  # under the report
        qtbot.keyClick(tree, Qt.Key.Key_Down)  # "Refreshments will be served"
        qtbot.keyClick(tree, Qt.Key.Key_Delete)
        qtbot.keyClick(tree, Qt.Key.Key_F2)  # rename "Work programme"
        editor = QApplication.focusWidget()
        editor.selectAll()
        qtbot.keyClicks(editor, "Work programme 2018")
        qtbot.keyClick(editor, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: QApplication.focusWidget() is tree)
        seen["corrected"] = [(line.level, line.title) for line in dialog.lines]
        assert QApplication.focusWidget() is tree
        qtbot.keyClick(tree, Qt.Key.Key_Return)  # Import, the default button

    when_dialog_has_focus(correct, kind=AgendaImportDialog)
    assert window.paste_agenda_action.isEnabled()
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)
    window.paste_agenda_action.trigger()
    assert seen["read"] == [(0, "Agenda for Tuesday"), (0, "Apologies"),
                            (0, "Police and Crime Plan Activity and Performance"),
                            (1, "Monitoring Report"), (0, "Victims first"),
                            (0, "Refreshments will be served"), (0, "Work programme")]
    assert seen["corrected"] == [
        (0, "Apologies"),
        (0, "Police and Crime Plan Activity and Performance Monitoring Report"),
        (1, "Victims first"), (0, "Work programme 2018")]
    assert outline(window) == [
        "1 Apologies", "2 Minutes of the previous meeting",
        "3 Police and Crime Plan Activity and Performance Monitoring Report",
        "3.1 Victims first", "4 Work programme 2018", "5 Any other business"]
    report = agenda.list_items(window.context.book, window.context.meeting_id)[2]
    assert report.presenter == "PCC"
    assert report.description == "To consider the report of the Commissioner."
    assert "imported from the clipboard" in window.statusBar().currentMessage()
    assert window.agenda.tree.model().rowCount() == 5  # the tree shows them
    # The first item imported is the current one; the keyboard is back in the notes.
    assert window.context.current_item_id == report.id
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes.editor)

    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+Z")  # the whole import, one step
    assert outline(window) == before
    key(qtbot, window.notes.editor, "Ctrl+Shift+Z")
    assert len(outline(window)) == 6


def test_cancel_changes_nothing(qtbot, open_window, panel_book: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(panel_book)
    before = outline(window)
    QApplication.clipboard().setText(PASTED)
    when_dialog_has_focus(lambda dialog: qtbot.keyClick(dialog.tree, Qt.Key.Key_Escape),
                          kind=AgendaImportDialog)
    assert window.paste_agenda_action.trigger() is None
    assert outline(window) == before
    assert window.context.undo_stack.count() == 0


def test_a_word_file_and_a_file_that_is_not_an_agenda(
        qtbot, open_window, panel_book: Path, tmp_path: Path,
        monkeypatch: pytest.MonkeyPatch) -> None:  # type: ignore[no-untyped-def]
    window = open_window(panel_book)
    document = docx.Document()
    document.add_paragraph("1. Apologies")
    document.add_paragraph("2. Estates strategy")
    document.add_paragraph("Report PDF 300 KB")
    word = tmp_path / "agenda.docx"
    document.save(word)

    def replace_it(dialog) -> None:  # type: ignore[no-untyped-def]
        key(qtbot, dialog.tree, "Alt+R")  # Replace the meeting's agenda
        qtbot.waitUntil(dialog.replace_all.isChecked)
        key(qtbot, QApplication.focusWidget(), "Alt+I")  # Import
        qtbot.waitUntil(lambda: not dialog.isVisible())  # the button's click is animated

    when_dialog_has_focus(replace_it, kind=AgendaImportDialog)
    assert window.import_agenda_file(word)
    assert outline(window) == ["1 Apologies", "2 Estates strategy"]

    warned: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning",
                        lambda _parent, _title, text, *args: warned.append(text))
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(b"%PDF-1.4\n%broken")
    assert not window.import_agenda_file(scan)
    assert warned and "could not be read as a PDF" in warned[0]
    assert outline(window) == ["1 Apologies", "2 Estates strategy"]


def test_approved_minutes_take_no_agenda(qtbot, open_window, panel_book: Path) -> None:  # type: ignore[no-untyped-def]
    with MinuteBook.open(panel_book) as book:
        meeting = meetings.list_meetings(book)[0].id
        meetings.change_status(book, meeting, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, meeting, Transition.APPROVE)
    window = open_window(panel_book)
    assert not window.import_agenda_action.isEnabled()
    assert not window.paste_agenda_action.isEnabled()
