"""Issue 17, points 9 and 10 from the keyboard: confirming minutes kept before the book
(Ctrl+Shift+C asks their date), and Meeting > Use this agenda as the committee's standing
items (Alt+M, U), answered in a real message box."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import QApplication, QMessageBox, QWidget
from ui_keys import key, when_dialog_has_focus

from minute_taker.domain.records import StandingItem
from minute_taker.services import agenda, committees, decisions, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.capture.confirm_date_dialog import ConfirmDateDialog

REAL_QUESTION = QMessageBox.question  # open_window makes an unexpected question fail
CONFIRMATION = "Confirmation of the Minutes of the previous meeting"
WORDS = ("that the minutes of the meeting held on 26 September 2017 be agreed as a correct "
         "record and signed by the Chair.")


def first_meeting(path: Path) -> tuple[int, int]:
    """The panel's first meeting minuted in the book; its confirmation item is 2."""
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(
            book, "Police and Crime Panel",
            standing_items=[StandingItem("Apologies"), StandingItem(CONFIRMATION)])
        meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2017, 11, 28))
        item = next(i for i in agenda.list_items(book, meeting.id) if i.title == CONFIRMATION)
        return meeting.id, item.id


def back_in(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The offscreen platform hands activation back to the window late after a dialog."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and QApplication.focusWidget() is not None)


def go_to_confirmation_item(qtbot, window, item_id: int) -> None:  # type: ignore[no-untyped-def]
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)
    key(qtbot, window.notes.editor, "Ctrl+PgDown")
    assert window.context.current_item_id == item_id
    assert window.notes.editor.hasFocus()


def test_the_date_of_minutes_not_in_the_book_is_typed(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    _meeting_id, item_id = first_meeting(book_path)
    window = open_window(book_path)
    go_to_confirmation_item(qtbot, window, item_id)
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ConfirmDateDialog)
        assert dialog.field.edit.hasFocus()
        key(qtbot, dialog.field.edit, "Return")  # nothing typed: refused
        assert dialog.isVisible() and dialog.field.message.text().startswith("No date typed")
        qtbot.keyClicks(dialog.field.edit, "26 September 2017")
        seen.append(dialog.field.message.text())
        key(qtbot, dialog.field.edit, "Return")
        assert not dialog.isVisible()

    when_dialog_has_focus(fill)
    key(qtbot, window.notes.editor, "Ctrl+Shift+C")
    assert seen == ["Reads as Tue 26 Sep 2017"]
    assert window.context.current_item_id == item_id
    back_in(qtbot, window)
    assert window.notes.editor.hasFocus()
    recorded = window.context.run(decisions.list_decisions, item_id)
    assert [d.text for d in recorded] == [WORDS]


def test_escape_cancels_the_date(qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    _meeting_id, item_id = first_meeting(book_path)
    window = open_window(book_path)
    go_to_confirmation_item(qtbot, window, item_id)
    asked: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ConfirmDateDialog)
        qtbot.keyClicks(dialog.field.edit, "26/9/2017")
        asked.append(dialog.field.message.text())
        key(qtbot, dialog.field.edit, "Escape")  # typed, not yet read: Escape still cancels
        assert not dialog.isVisible()

    when_dialog_has_focus(fill)
    key(qtbot, window.notes.editor, "Ctrl+Shift+C")
    assert asked == ["Reads as Tue 26 Sep 2017"]
    assert window.context.current_item_id == item_id
    back_in(qtbot, window)
    assert window.notes.editor.hasFocus()
    assert window.context.run(decisions.list_decisions, item_id) == []


def test_the_agenda_becomes_the_standing_items(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", REAL_QUESTION)
    window = open_window(demo_path)
    header = window.context.header
    titles = [i.title for i in window.context.run(agenda.list_items, header.id) if i.depth == 0]
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)
    item_id = window.context.current_item_id
    shown: list[str] = []

    def answer(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        assert QApplication.focusWidget() is box.button(QMessageBox.StandardButton.No)
        key(qtbot, QApplication.focusWidget(), "Alt+Y")
        qtbot.waitUntil(lambda: not box.isVisible())  # a mnemonic clicks, animated

    key(qtbot, window.notes.editor, "Alt+M")
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.title() == "&Meeting"
    when_dialog_has_focus(answer)
    qtbot.keyClick(menu, "u")
    assert shown and all(f"\u2022 {title}" in shown[0] for title in titles)
    assert "5.1.1" not in shown[0] and "Putting victims" not in shown[0]  # top level only
    info = window.context.run(committees.get_committee, header.committee_id)
    assert [s.title for s in info.standing_items] == titles
    assert window.context.current_item_id == item_id
    back_in(qtbot, window)
    assert window.notes.editor.hasFocus()


def test_no_keeps_the_standing_items(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path, monkeypatch) -> None:
    monkeypatch.setattr(QMessageBox, "question", REAL_QUESTION)
    window = open_window(demo_path)
    header = window.context.header
    before = window.context.run(committees.get_committee, header.committee_id).standing_items
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)

    def answer(_box: QWidget) -> None:
        key(qtbot, QApplication.focusWidget(), "Escape")

    key(qtbot, window.notes.editor, "Alt+M")
    menu = QApplication.activePopupWidget()
    assert menu is not None
    when_dialog_has_focus(answer)
    qtbot.keyClick(menu, "u")
    after = window.context.run(committees.get_committee, header.committee_id).standing_items
    assert after == before
    back_in(qtbot, window)
    assert window.notes.editor.hasFocus()
