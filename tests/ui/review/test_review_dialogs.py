"""Issue 16, point 4: the chair's Comment, Suggest a change and Return dialogs are
confirmed as people expect. Enter starts a new line, Ctrl+Enter (either Enter key)
confirms and the button says so, Tab moves on, Escape cancels, and blank lines or
spaces left at the ends are not stored."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QPlainTextEdit, QPushButton, QWidget
from ui_keys import key, when_dialog_has_focus

from minute_taker.services import review
from minute_taker.ui.review.window import ReviewWindow

PASSAGE = "short term plan is in place"


def select(qtbot, window: ReviewWindow, text: str) -> None:  # type: ignore[no-untyped-def]
    """Put the cursor before ``text`` and select it with Shift+Right, as a chair would."""
    found = window.viewer.document().find(text)
    assert not found.isNull(), text
    cursor = window.viewer.textCursor()
    cursor.setPosition(found.selectionStart())
    window.viewer.setTextCursor(cursor)
    window.viewer.setFocus()
    for _ in text:
        key(qtbot, window.viewer, "Shift+Right")
    assert window.viewer.textCursor().selectedText() == text


def editor_of(dialog: QWidget) -> QPlainTextEdit:
    editor = dialog.findChild(QPlainTextEdit, "noteText")
    assert editor is not None, "the note dialog has no text box"
    return editor


def test_a_comment_takes_new_lines_and_ctrl_enter_confirms(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow) -> None:
    window = chair_window
    select(qtbot, window, PASSAGE)
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        editor = editor_of(dialog)
        assert QApplication.focusWidget() is editor and editor.toPlainText() == ""
        ok = dialog.findChild(QPushButton, "noteConfirm")
        seen["button"] = ok.text() if ok else None
        qtbot.keyClicks(editor, "Please give the figures.  ")
        key(qtbot, editor, "Return")
        qtbot.keyClicks(editor, "And the dates.")
        key(qtbot, editor, "Return")
        key(qtbot, editor, "Return")  # a stray Enter or two before confirming
        seen["open after Enter"] = dialog.isVisible()
        seen["lines"] = editor.toPlainText().count("\n")
        key(qtbot, editor, "Ctrl+Return")
        seen["open after Ctrl+Enter"] = dialog.isVisible()

    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, "Ctrl+M")
    assert seen == {"button": "Add comment (Ctrl+Enter)", "open after Enter": True,
                    "lines": 3, "open after Ctrl+Enter": False}
    [comment] = review.list_comments(window.book, window.info.meeting_id)
    assert comment.body == "Please give the figures.\nAnd the dates."
    assert comment.quote == PASSAGE
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.viewer)


def test_a_suggestion_starts_from_the_words_selected_all_chosen(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow) -> None:
    window = chair_window
    select(qtbot, window, PASSAGE)
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        editor = editor_of(dialog)
        seen["selected"] = editor.textCursor().selectedText()
        seen["button"] = dialog.findChild(QPushButton, "noteConfirm").text()  # type: ignore[union-attr]
        qtbot.keyClicks(editor, "short-term plan is now in place")  # typed over the original
        key(qtbot, editor, "Return")
        qtbot.keyClick(editor, Qt.Key.Key_Enter,  # Ctrl with the keypad's Enter
                       Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.KeypadModifier)
        seen["open"] = dialog.isVisible()

    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, "Ctrl+Shift+S")
    assert seen == {"selected": PASSAGE, "button": "Suggest change (Ctrl+Enter)",
                    "open": False}
    [suggestion] = review.list_suggestions(window.book, window.info.meeting_id)
    assert (suggestion.original, suggestion.proposal) == (
        PASSAGE, "short-term plan is now in place")
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.viewer)


def test_a_suggestion_can_change_a_word_in_place(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow) -> None:
    window = chair_window
    select(qtbot, window, PASSAGE)

    def fill(dialog: QWidget) -> None:
        editor = editor_of(dialog)
        key(qtbot, editor, "End")  # from the end of the original
        for _ in "in place":
            key(qtbot, editor, "Backspace")
        qtbot.keyClicks(editor, "agreed")
        key(qtbot, editor, "Ctrl+Enter")

    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, "Ctrl+Shift+S")
    [suggestion] = review.list_suggestions(window.book, window.info.meeting_id)
    assert suggestion.proposal == "short term plan is agreed"


def test_escape_cancels_and_tab_moves_on(qtbot, chair_window: ReviewWindow) -> None:  # type: ignore[no-untyped-def]
    window = chair_window
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        editor = editor_of(dialog)
        qtbot.keyClicks(editor, "Not this")
        key(qtbot, editor, "Tab")
        focus = QApplication.focusWidget()
        seen["tab went to"] = focus.objectName() if focus else None
        seen["text"] = editor.toPlainText()
        key(qtbot, focus, "Shift+Tab")
        seen["back"] = QApplication.focusWidget() is editor
        key(qtbot, editor, "Escape")
        seen["open"] = dialog.isVisible()

    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, "Ctrl+M")
    assert seen == {"tab went to": "noteConfirm", "text": "Not this", "back": True,
                    "open": False}
    assert review.list_comments(window.book, window.info.meeting_id) == []
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.viewer)


def test_returning_the_minutes_confirms_with_ctrl_enter(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow) -> None:
    window = chair_window
    seen: dict[str, object] = {}

    def fill(dialog: QWidget) -> None:
        editor = editor_of(dialog)
        seen["button"] = dialog.findChild(QPushButton, "noteConfirm").text()  # type: ignore[union-attr]
        key(qtbot, editor, "Return")  # a blank line first
        qtbot.keyClicks(editor, "Item 1.2 needs the figures. ")
        key(qtbot, editor, "Return")
        key(qtbot, editor, "Return")
        qtbot.keyClicks(editor, "Item 4 is wrong.")
        key(qtbot, editor, "Return")
        key(qtbot, editor, "Ctrl+Return")

    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, "Ctrl+Shift+R")
    assert seen == {"button": "Return the minutes (Ctrl+Enter)"}
    info = review.review_copy_info(window.book)
    assert info is not None and info.verdict == "returned"
    assert info.verdict_reason == "Item 1.2 needs the figures.\n\nItem 4 is wrong."
    assert "You returned these minutes" in window.banner.text()
