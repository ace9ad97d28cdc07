"""Issue 17, point 11: the notes heading warns at an item where the meeting is inquorate
(a departure recorded with Shift+F6, someone marked absent in the attendance panel), says
nothing where it is quorate or no quorum is stated, and refuses nothing."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QWidget
from ui_keys import key, when_dialog_has_focus

from minute_taker.domain.enums import AttendanceStatus
from minute_taker.services import agenda, attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.ui.attendance.committee_dialog import CommitteeDialog
from minute_taker.ui.colours import ERROR

MEMBERS = ["Amos", "Baker", "Cole"]
TITLES = ["Minutes", "Applications", "Enforcement"]


def planning_meeting(path: Path) -> list[int]:
    """A committee of three with a quorum of three, all present; three items."""
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(book, "Planning Committee", standing_items=[])
        committees.update_committee(book, committee.id, quorum="3")
        meeting = meetings.create_meeting(book, committee.id, "Planning Committee",
                                          dt.date(2018, 3, 6))
        for name in MEMBERS:
            person = people.create_person(book, name, title="Cllr")
            committees.add_member(book, committee.id, person.id)
            attendance.record_attendance(book, meeting.id, person.id,
                                         status=AttendanceStatus.PRESENT)
        return [agenda.add_item(book, meeting.id, title).id for title in TITLES]


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def heading(window) -> str:  # type: ignore[no-untyped-def]
    return window.notes.heading.text()


def go_to(qtbot, window, title: str) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+PgUp / PgDown from the notes until ``title`` is the current item."""
    editor = window.notes.editor
    order = [node.title for node in agenda.list_items(window.context.book,
                                                      window.context.meeting_id)]
    while (now := window.notes._node.title) != title:
        key(qtbot, editor, "Ctrl+PgDown" if order.index(title) > order.index(now)
            else "Ctrl+PgUp")
        assert editor.hasFocus()


def back_to_notes(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    window.activateWindow()  # the offscreen platform hands activation back late
    qtbot.waitUntil(lambda: window.isActiveWindow() and focused() is not None)
    assert window.notes.editor.hasFocus()


def test_inquorate_after_a_departure_and_an_absence(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    planning_meeting(book_path)
    window = open_window(book_path)
    editor = window.notes.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    go_to(qtbot, window, "Applications")
    assert "Inquorate" not in heading(window)

    # Cllr Cole leaves after item 2: there for it, gone from item 3.
    def cole_left(dialog: QWidget) -> None:
        assert isinstance(dialog, QInputDialog)
        combo = dialog.findChild(QComboBox)
        assert combo is not None and combo.hasFocus()
        key(qtbot, combo, "Ctrl+A")
        qtbot.keyClicks(combo, "Cole")
        qtbot.keyClick(combo, Qt.Key.Key_Return)

    when_dialog_has_focus(cole_left, kind=QInputDialog)
    key(qtbot, editor, "Shift+F6")
    back_to_notes(qtbot, window)
    assert "Inquorate" not in heading(window)
    go_to(qtbot, window, "Enforcement")
    warning = "Inquorate: 2 of the 3 voting members needed are here"
    assert warning in heading(window)
    assert ERROR.on(window.notes.heading.palette()).name() in heading(window)
    assert editor.isEnabled() and not editor.isReadOnly()  # a warning: nothing refused
    qtbot.keyClicks(editor, "Noted only.")
    assert "Noted only." in editor.toPlainText()

    # Cllr Baker marked absent in the attendance panel: the heading follows at once.
    key(qtbot, editor, "Ctrl+Shift+T")
    panel = window.attendance_panel
    assert panel is not None and panel.table.hasFocus()  # on Cllr Amos, the first
    key(qtbot, panel.table, "Down")  # Cllr Baker
    qtbot.keyClick(panel.table, "X")
    assert panel.table.hasFocus()
    assert "Inquorate: 1 of the 3 voting members needed is here" in heading(window)
    key(qtbot, panel.table, "Up")
    qtbot.keyClick(panel.table, "P")  # a slip: Baker was there after all
    assert warning in heading(window)
    key(qtbot, panel.table, "Escape")
    assert editor.hasFocus()

    go_to(qtbot, window, "Minutes")
    assert "Inquorate" not in heading(window)

    # Kept: after reopening the book, item 3 still warns.
    window.close()
    window.context.book.close()
    window = open_window(book_path)
    editor = window.notes.editor
    editor.setFocus()
    qtbot.waitUntil(editor.hasFocus)
    go_to(qtbot, window, "Enforcement")
    assert warning in heading(window)

    # No quorum stated: no warning, and the heading says so at once.
    def clear(dialog: QWidget) -> None:
        assert isinstance(dialog, CommitteeDialog)
        key(qtbot, dialog, "Alt+Q")
        assert dialog.quorum.hasFocus()
        qtbot.keyClick(dialog.quorum, Qt.Key.Key_Delete)
        qtbot.keyClick(dialog.quorum, Qt.Key.Key_Return)

    key(qtbot, editor, "Alt+M")
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.title() == "&Meeting"
    when_dialog_has_focus(clear, kind=CommitteeDialog)
    qtbot.keyClick(menu, "o")
    back_to_notes(qtbot, window)
    assert "Inquorate" not in heading(window)
    assert "Enforcement" in heading(window)
