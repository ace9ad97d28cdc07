"""Issue 17, point 11 from the keyboard: the committee's quorum ("3" voting members, or a
share of them, "1/3") typed in Meeting > Committee settings; a value that is not a quorum
is refused with the reason and the keyboard left in the field; kept after the book is
reopened, and cleared again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from committee_keys import committee_settings, reopen
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel
from ui_keys import key

from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.attendance.committee_dialog import CommitteeDialog


def planning_committee(path: Path) -> int:
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(book, "Planning Committee", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Planning Committee",
                                          dt.date(2018, 3, 6))
        agenda.add_item(book, meeting.id, "Applications")
        return committee.id


def test_the_quorum_typed_refused_kept_and_cleared(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    committee_id = planning_committee(book_path)
    window = open_window(book_path)

    def fill(dialog: CommitteeDialog) -> None:
        assert dialog.quorum.text() == ""
        assert dialog.quorum.accessibleName() == "Quorum"
        hint = dialog.findChild(QLabel, "committeeQuorumHint")
        assert hint is not None and hint.isVisible()
        assert "a number of voting members, 3; a share of them, 1/3; or a share and the " \
            "fewest it may be, \u201c1/4, not less than 3\u201d" in hint.text().lower()
        key(qtbot, dialog, "Alt+Q")
        assert dialog.quorum.hasFocus()
        qtbot.keyClicks(dialog.quorum, "most of them")
        qtbot.keyClick(dialog.quorum, Qt.Key.Key_Return)  # OK: refused
        assert dialog.isVisible()
        assert "\u201cmost of them\u201d is not a quorum" in dialog.error_label.text()
        assert dialog.quorum.hasFocus()
        key(qtbot, dialog.quorum, "Ctrl+A")
        qtbot.keyClicks(dialog.quorum, "1/3")
        qtbot.keyClick(dialog.quorum, Qt.Key.Key_Return)

    committee_settings(qtbot, window, fill)
    assert committees.get_committee(window.context.book, committee_id).quorum == "1/3"

    window = reopen(open_window, window, book_path)
    assert committees.get_committee(window.context.book, committee_id).quorum == "1/3"

    def change(dialog: CommitteeDialog) -> None:
        assert dialog.quorum.text() == "1/3"
        key(qtbot, dialog, "Alt+Q")  # the mnemonic selects the text: typing replaces it
        assert dialog.quorum.hasFocus()
        qtbot.keyClicks(dialog.quorum, "3")
        qtbot.keyClick(dialog.quorum, Qt.Key.Key_Return)

    committee_settings(qtbot, window, change)
    window = reopen(open_window, window, book_path)
    assert committees.get_committee(window.context.book, committee_id).quorum == "3"

    def clear(dialog: CommitteeDialog) -> None:
        assert dialog.quorum.text() == "3"
        key(qtbot, dialog, "Alt+Q")
        assert dialog.quorum.hasFocus()
        qtbot.keyClick(dialog.quorum, Qt.Key.Key_Delete)
        qtbot.keyClick(dialog.quorum, Qt.Key.Key_Return)

    committee_settings(qtbot, window, clear)
    window = reopen(open_window, window, book_path)
    assert committees.get_committee(window.context.book, committee_id).quorum is None

    def look(dialog: CommitteeDialog) -> None:
        assert dialog.quorum.text() == ""
        key(qtbot, dialog.name, "Escape")

    committee_settings(qtbot, window, look)


def test_cancel_keeps_the_quorum(qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    committee_id = planning_committee(book_path)
    window = open_window(book_path)

    def fill(dialog: CommitteeDialog) -> None:
        key(qtbot, dialog, "Alt+Q")
        assert dialog.quorum.hasFocus()
        qtbot.keyClicks(dialog.quorum, "4")
        key(qtbot, dialog.quorum, "Escape")

    committee_settings(qtbot, window, fill)
    assert committees.get_committee(window.context.book, committee_id).quorum is None
