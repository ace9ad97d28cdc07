"""Quick phrases: Alt+number inserts a formula; the list is the book's and editable."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog

from minute_taker.services import agenda, committees, meetings, vocabulary
from minute_taker.store.book import MinuteBook
from minute_taker.ui.capture.quick_phrases import PhrasesDialog


def open_with_meeting(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Panel")
    meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 5))
    seed.close()
    return open_window(book_path)


def test_alt_number_inserts_a_phrase_at_the_cursor(qtbot, open_window, book_path) -> None:
    window = open_with_meeting(open_window, book_path)
    notes = window.notes.editor
    notes.setFocus()
    qtbot.keyClick(notes, Qt.Key.Key_1, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClick(notes, Qt.Key.Key_2, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClicks(notes, "the Panel notes the update.")
    assert notes.toPlainText() == "The report was noted.\nRESOLVED that the Panel notes the update."
    window.context.autosave.flush()
    item_id = window.context.current_item_id
    assert agenda.get_item_minutes(window.context.book, item_id) == (
        "<p>The report was noted.</p><p>RESOLVED that the Panel notes the update.</p>")


def test_the_phrase_menu_and_editing_the_list(qtbot, open_window, book_path,
                                              monkeypatch) -> None:
    window = open_with_meeting(open_window, book_path)
    menu = window.phrases.build_menu()
    labels = [a.text() for a in menu.actions() if a.text()]
    assert labels[0] == "&1  The report was noted."
    assert labels[-1] == "&Edit quick phrases\u2026"
    menu.actions()[2].trigger()
    assert window.notes.editor.toPlainText() == "It was agreed that "

    def fake_exec(dialog: PhrasesDialog) -> int:
        dialog.text.setPlainText("Members noted the update.\n\nThe Chair closed the meeting.")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(PhrasesDialog, "exec", fake_exec)
    window.phrases.edit_phrases()
    assert vocabulary.list_phrases(window.context.book) == [
        "Members noted the update.", "The Chair closed the meeting."]
    window.notes.editor.clear()
    window.phrases.insert_number(2)
    assert window.notes.editor.toPlainText() == "The Chair closed the meeting."
