"""Issue 16, point 6: the chair keeps their place. After a comment, a suggestion or a
deleted note the view went back to the top, and the next Ctrl+PgDown went to item 1;
now the selection and the scroll stay, and Ctrl+PgDown goes on to the next item."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QApplication, QWidget
from ui_keys import key, when_dialog_has_focus

from minute_taker.services import review
from minute_taker.ui.review.window import ReviewWindow

STEPS = 6  # Ctrl+PgDown presses to the item the chair works on, well down the page
DOWN = 3  # lines down from its heading to its minutes


def item_here(window: ReviewWindow) -> int | None:
    return window.anchors.item_at(window.viewer.textCursor().position())


def items_in_order(window: ReviewWindow) -> list[int]:
    return [item for item in window.anchors.item_ids if item is not None]


def to_item_and_select(qtbot, window: ReviewWindow) -> tuple[int, str]:  # type: ignore[no-untyped-def]
    """Ctrl+PgDown to an item well down the page, into its text, and select some words
    with Shift+Right; the item and the words."""
    window.viewer.setFocus()
    for step in range(STEPS):
        key(qtbot, window.viewer, "Ctrl+PgDown")
        assert item_here(window) == items_in_order(window)[step]
    item = item_here(window)
    assert item is not None
    for _ in range(DOWN):
        key(qtbot, window.viewer, "Down")
    key(qtbot, window.viewer, "Home")
    for _ in range(3):
        key(qtbot, window.viewer, "Ctrl+Shift+Right")
    key(qtbot, window.viewer, "Shift+Left")  # not the space after the third word
    selected = window.viewer.textCursor().selectedText()
    assert selected.strip() and item_here(window) == item
    assert window.viewer.verticalScrollBar().value() > 0
    return item, selected


def answer(qtbot, window: ReviewWindow, text: str, shortcut: str) -> None:  # type: ignore[no-untyped-def]
    def fill(dialog: QWidget) -> None:
        editor = QApplication.focusWidget()
        key(qtbot, editor, "Ctrl+A")
        qtbot.keyClicks(editor, text)
        key(qtbot, editor, "Ctrl+Return")

    when_dialog_has_focus(fill)
    key(qtbot, window.viewer, shortcut)
    qtbot.waitUntil(lambda: window.isActiveWindow()
                    and QApplication.focusWidget() is window.viewer)


def assert_still_there_then_next(qtbot, window: ReviewWindow, item: int, selected: str,  # type: ignore[no-untyped-def]
                                 scroll: int) -> None:
    assert item_here(window) == item
    assert window.viewer.textCursor().selectedText() == selected
    assert abs(window.viewer.verticalScrollBar().value() - scroll) <= 2
    key(qtbot, window.viewer, "Ctrl+PgDown")
    order = items_in_order(window)
    assert item_here(window) == order[order.index(item) + 1]


@pytest.mark.parametrize(("shortcut", "text"), [
    ("Ctrl+M", "Please say more."),
    ("Ctrl+Shift+S", "different words"),
])
def test_after_a_comment_or_a_suggestion_ctrl_pgdown_goes_to_the_next_item(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow, shortcut: str, text: str) -> None:
    window = chair_window
    item, selected = to_item_and_select(qtbot, window)
    scroll = window.viewer.verticalScrollBar().value()
    answer(qtbot, window, text, shortcut)
    assert window.notes.count() == 1 and window.notes.item(0).text() != ""
    if shortcut == "Ctrl+Shift+S":  # the new wording is shown after the original
        cursor = window.viewer.textCursor()
        after = window.viewer.document().find(f" {text}", cursor.selectionEnd())
        assert after.selectionStart() == cursor.selectionEnd()
    assert_still_there_then_next(qtbot, window, item, selected, scroll)


def test_after_deleting_a_note_the_place_in_the_minutes_stays(  # type: ignore[no-untyped-def]
        qtbot, chair_window: ReviewWindow) -> None:
    window = chair_window
    item, selected = to_item_and_select(qtbot, window)
    answer(qtbot, window, "different words", "Ctrl+Shift+S")
    scroll = window.viewer.verticalScrollBar().value()
    window.notes.setFocus()
    window.notes.setCurrentRow(0)
    key(qtbot, window.notes, "Delete")
    assert review.list_suggestions(window.book, window.info.meeting_id) == []
    assert "different words" not in window.viewer.toPlainText()
    key(qtbot, window.notes, "Shift+Tab")  # back to the minutes
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.viewer)
    assert_still_there_then_next(qtbot, window, item, selected, scroll)
