"""Issue 17, point 2 from the keyboard: the committee's contact ("Contact: Sheena Jones",
her telephone and e-mail) typed in Meeting > Committee settings, kept after the book is
reopened, the one a new meeting starts with, and cleared again."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from committee_keys import committee_settings, reopen
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QWidget
from ui_keys import key

from minute_taker.domain.records import StandingItem
from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.attendance.committee_dialog import CommitteeDialog

NAME = "Sheena Jones"
DETAILS = "01905 844871, sjones@worcestershire.gov.uk"


def panel_committee(path: Path) -> int:
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(book, "West Mercia Police and Crime Panel",
                                                standing_items=[StandingItem("Apologies")])
        meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                dt.date(2018, 1, 30))
        return committee.id


def test_the_committees_contact_typed_kept_and_cleared(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path) -> None:
    committee_id = panel_committee(book_path)
    window = open_window(book_path)

    def fill(dialog: CommitteeDialog) -> None:
        assert dialog.contact_name.text() == dialog.contact_details.text() == ""
        hint = dialog.findChild(QWidget, "committeeContactHint")
        assert hint is not None and hint.isVisible()
        assert "New meetings of this committee start with it" in hint.text()  # type: ignore[attr-defined]
        key(qtbot, dialog, "Alt+N")
        assert dialog.contact_name.hasFocus()
        qtbot.keyClicks(dialog.contact_name, NAME)
        qtbot.keyClick(dialog.contact_name, Qt.Key.Key_Tab)
        assert dialog.contact_details.hasFocus()
        qtbot.keyClicks(dialog.contact_details, DETAILS)
        qtbot.keyClick(dialog.contact_details, Qt.Key.Key_Return)  # OK

    committee_settings(qtbot, window, fill)
    info = committees.get_committee(window.context.book, committee_id)
    assert (info.contact_name, info.contact_details) == (NAME, DETAILS)

    window = reopen(open_window, window, book_path)
    book = window.context.book
    # The meeting made before keeps its own (none); the next one starts with this.
    assert window.context.header.contact_name is None
    made = meetings.create_meeting(book, committee_id, "Police and Crime Panel",
                                   dt.date(2018, 2, 6))
    assert (made.contact_name, made.contact_details) == (NAME, DETAILS)

    def clear(dialog: CommitteeDialog) -> None:
        assert (dialog.contact_name.text(), dialog.contact_details.text()) == (NAME, DETAILS)
        key(qtbot, dialog, "Alt+D")  # the mnemonic selects the text: Delete clears it
        assert dialog.contact_details.hasFocus()
        qtbot.keyClick(dialog.contact_details, Qt.Key.Key_Delete)
        key(qtbot, dialog, "Alt+N")
        assert dialog.contact_name.hasFocus()
        qtbot.keyClick(dialog.contact_name, Qt.Key.Key_Delete)
        qtbot.keyClicks(dialog.contact_name, "Democratic Services")
        qtbot.keyClick(dialog.contact_name, Qt.Key.Key_Return)

    committee_settings(qtbot, window, clear)
    window = reopen(open_window, window, book_path)
    info = committees.get_committee(window.context.book, committee_id)
    assert (info.contact_name, info.contact_details) == ("Democratic Services", None)

    def look(dialog: CommitteeDialog) -> None:
        assert (dialog.contact_name.text(), dialog.contact_details.text()) == (
            "Democratic Services", "")
        key(qtbot, dialog.name, "Escape")

    committee_settings(qtbot, window, look)


def test_cancel_keeps_the_contact(qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    committee_id = panel_committee(book_path)
    window = open_window(book_path)

    def fill(dialog: CommitteeDialog) -> None:
        key(qtbot, dialog, "Alt+N")
        qtbot.keyClicks(dialog.contact_name, NAME)
        key(qtbot, dialog.contact_name, "Escape")

    committee_settings(qtbot, window, fill)
    info = committees.get_committee(window.context.book, committee_id)
    assert (info.contact_name, info.contact_details) == (None, None)
