"""A decision kept where it was said, from the keyboard (issue 17, point 6): select a
sentence or stay on a line, Ctrl+Shift+R, Ctrl+Enter in the dialog; the words stay in the
notes as typed, marked; typing on the decision's line finishes it, Enter and typing after
a passage that ends mid-paragraph are narrative; one Ctrl+Z takes the decision and the
mark back; a copied passage pastes as words; the mark is there after reopening the book."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication, QWidget
from test_line_capture import minutes, open_meeting
from ui_keys import key, when_dialog_has_focus

from minute_taker.domain.decision_marks import passages
from minute_taker.domain.enums import DecisionKind
from minute_taker.services import decisions
from minute_taker.ui.capture.decision_dialog import DecisionDialog
from minute_taker.ui.capture.richtext_qt import decisions_marked
from minute_taker.ui.colours import DECISION_PASSAGE

BEFORE = "The DCC presented the report. "
AGREED = "It was agreed that the Panel would receive a report in March."
AFTER = " Members thanked her."


def _confirm(qtbot, kind: DecisionKind | None = None, typed: str = "") -> None:  # type: ignore[no-untyped-def]
    """Answer the decision dialog from the keyboard: Ctrl+Enter records it."""
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, DecisionDialog)
        if kind is not None:
            assert dialog.kind.currentData() == kind.value
        if typed:
            dialog.text.setFocus()
            qtbot.keyClicks(dialog.text, typed)
        key(qtbot, QApplication.focusWidget(), "Ctrl+Return")

    when_dialog_has_focus(fill, kind=DecisionDialog)


def _record(qtbot, window, **answer) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+R in the notes, answered; the keyboard back in the notes after it
    (offscreen, the window's activation comes back late)."""
    _confirm(qtbot, **answer)
    key(qtbot, window.notes.editor, "Ctrl+Shift+R")
    window.activateWindow()
    qtbot.waitUntil(window.notes.editor.hasFocus)


def _open(qtbot, open_window, book_path: Path):  # type: ignore[no-untyped-def]
    window = open_meeting(open_window, book_path)
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)
    return window


def _decisions(window):  # type: ignore[no-untyped-def]
    return decisions.list_decisions(window.context.book, window.context.current_item_id)


def test_a_sentence_selected_in_a_paragraph_becomes_a_decision_in_place(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, open_window, book_path)
    notes = window.notes.editor
    item = window.context.current_item_id
    qtbot.keyClicks(notes, BEFORE + AGREED + AFTER)
    for _ in AFTER:
        qtbot.keyClick(notes, Qt.Key.Key_Left)
    for _ in AGREED:
        qtbot.keyClick(notes, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    _record(qtbot, window, kind=DecisionKind.AGREED)

    [row] = _decisions(window)
    assert (row.kind, row.text, row.in_notes) == (DecisionKind.AGREED, AGREED, True)
    assert notes.toPlainText() == BEFORE + AGREED + AFTER  # not a word moved
    assert notes.hasFocus() and window.context.current_item_id == item
    assert notes.textCursor().position() == len(BEFORE + AGREED)
    # Typing just after a passage that ends inside the paragraph is narrative.
    qtbot.keyClicks(notes, " Unanimously.")
    assert passages(minutes(window)) == {row.uid: AGREED}
    assert window.notes.decisions.item(0).text() == AGREED


def test_typing_on_the_decisions_line_finishes_it_and_enter_ends_it(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "RESOLVED that the Panel notes the upd")
    _record(qtbot, window, kind=DecisionKind.RESOLVED)
    [row] = _decisions(window)
    qtbot.keyClicks(notes, "ate.")  # the clerk finishes the word
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "The Chair moved to the next item.")
    stored = minutes(window)
    assert passages(stored) == {row.uid: "RESOLVED that the Panel notes the update."}
    assert stored.endswith("<p>The Chair moved to the next item.</p>")
    [row] = _decisions(window)
    assert row.text == "RESOLVED that the Panel notes the update."
    # the list under the notes follows the words as they are saved
    assert window.notes.decisions.item(0).text() == row.text


def test_on_an_empty_line_the_dialogs_words_are_written_there(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "The report was presented.")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    _record(qtbot, window, typed="that the report be noted")
    [row] = _decisions(window)
    assert row.text == "RESOLVED that the report be noted"
    assert notes.toPlainText() == "The report was presented.\nRESOLVED that the report be noted"
    assert passages(minutes(window)) == {row.uid: row.text}
    assert notes.hasFocus()


def test_one_ctrl_z_takes_the_decision_and_its_mark_and_keeps_the_words(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, AGREED)
    _record(qtbot, window)
    [row] = _decisions(window)
    key(qtbot, notes, "Ctrl+Z")
    assert _decisions(window) == []
    assert decisions_marked(notes.document()) == set()
    assert notes.toPlainText() == AGREED
    key(qtbot, notes, "Ctrl+Shift+Z")
    assert [d.uid for d in _decisions(window)] == [row.uid]
    assert decisions_marked(notes.document()) == {row.uid}


def test_words_already_a_decision_are_not_marked_twice(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, AGREED)
    _record(qtbot, window)
    key(qtbot, notes, "Ctrl+Shift+R")  # no dialog: said in the status line
    assert len(_decisions(window)) == 1
    assert "already a decision" in window.statusBar().currentMessage()


def test_a_copied_passage_pastes_as_words(qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, AGREED)
    _record(qtbot, window)
    [row] = _decisions(window)
    key(qtbot, notes, "Ctrl+A")
    key(qtbot, notes, "Ctrl+C")
    qtbot.keyClick(notes, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    key(qtbot, notes, "Ctrl+V")
    assert notes.toPlainText() == f"{AGREED}\n{AGREED}"
    assert passages(minutes(window)) == {row.uid: AGREED}


def test_the_mark_is_shown_after_reopening_the_book(qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = _open(qtbot, open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, BEFORE + AGREED)
    for _ in AGREED:
        qtbot.keyClick(notes, Qt.Key.Key_Left, Qt.KeyboardModifier.ShiftModifier)
    _record(qtbot, window)
    [row] = _decisions(window)
    window.context.autosave.flush()
    window.close()

    again = open_window(book_path)
    document = again.notes.editor.document()
    assert decisions_marked(document) == {row.uid}
    cursor = QTextCursor(document)
    cursor.setPosition(len(BEFORE) + 3)
    shown = cursor.charFormat()
    assert shown.background().color() == DECISION_PASSAGE.on(QApplication.palette())
    assert not shown.fontUnderline()  # a passage, not a link
    cursor.setPosition(3)
    assert cursor.charFormat().background().style() == Qt.BrushStyle.NoBrush
