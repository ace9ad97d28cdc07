"""Words typed straight after an agenda edit land in the right item's notes (issue 13,
slip 1): the clerk adds, renames, indents, moves, deletes and undoes items and types on at
once, with no key to bring the focus back and no wait for the window to catch up."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocumentFragment
from PySide6.QtWidgets import QApplication
from ui_keys import key

from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook


def open_meeting(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Panel", standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "Panel", dt.date(2018, 2, 5))
        for title in ("Apologies", "Declarations", "Reports"):
            agenda.add_item(seed, meeting.id, title)
    return open_window(book_path)


class Clerk:
    """Keys into whatever has the keyboard focus, never waiting in between."""

    def __init__(self, qtbot, window) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.window = qtbot, window

    def press(self, sequence: str) -> None:
        key(self.qtbot, QApplication.focusWidget(), sequence)

    def agenda_key(self, name: str) -> None:
        """An agenda key by what it does, whichever key the window binds it to."""
        self.press(self.window.agenda.agenda_actions[name].shortcut().toString())

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(QApplication.focusWidget(), text)

    def title(self, text: str, end: Qt.Key = Qt.Key.Key_Return) -> None:
        self.type(text)
        self.qtbot.keyClick(QApplication.focusWidget(), end)


def minutes_by_title(window) -> dict[str, str]:  # type: ignore[no-untyped-def]
    window.context.autosave.flush()
    book = window.context.book
    return {item.title: QTextDocumentFragment.fromHtml(
                agenda.get_item_minutes(book, item.id)).toPlainText()
            for item in agenda.list_items(book, window.context.meeting_id)}


def heading(window) -> str:  # type: ignore[no-untyped-def]
    """The heading above the notes as read: "2 Minutes of the last meeting ..."."""
    return " ".join(QTextDocumentFragment.fromHtml(window.notes.heading.text())
                    .toPlainText().split())


def test_typing_straight_after_each_agenda_edit_lands_in_that_items_notes(
        qtbot, open_window, book_path: Path) -> None:
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    notes.setFocus()
    clerk = Clerk(qtbot, window)
    clerk.type("No apologies.")

    clerk.agenda_key("add")
    clerk.title("Minutes of the last meeting")
    assert QApplication.focusWidget() is notes
    assert heading(window).startswith("2 Minutes of the last meeting")
    clerk.type("Agreed.")

    clerk.agenda_key("rename")
    clerk.title("Minutes of 30 November")
    assert heading(window).startswith("2 Minutes of 30 November")
    clerk.type(" Signed.")

    clerk.agenda_key("indent")  # under Apologies
    clerk.type(" Indented.")
    clerk.agenda_key("outdent")
    clerk.agenda_key("down")  # after Declarations
    clerk.type(" Moved.")
    assert heading(window).startswith("3 Minutes of 30 November")

    clerk.agenda_key("delete")  # Reports, the item after it, becomes current
    assert heading(window).startswith("3 Reports")
    clerk.type("Noted.")
    clerk.press("Ctrl+Z")  # the typing in Reports...
    clerk.press("Ctrl+Z")  # ...and the deletion
    assert heading(window).startswith("3 Minutes of 30 November")
    clerk.type(" Restored.")

    clerk.agenda_key("add_child")
    clerk.title("", end=Qt.Key.Key_Escape)  # no title yet: it stays "New item"
    assert QApplication.focusWidget() is notes
    clerk.type("Sub-item.")
    clerk.press("Ctrl+Z")
    clerk.press("Ctrl+Z")  # the sub-item is gone: back to the item it was added to
    clerk.type(" Back.")

    assert minutes_by_title(window) == {
        "Apologies": "No apologies.",
        "Declarations": "",
        "Minutes of 30 November": "Agreed. Signed. Indented. Moved. Restored. Back.",
        "Reports": "",
    }


def test_an_item_added_from_the_tree_keeps_the_tree_and_loses_no_word(
        qtbot, open_window, book_path: Path) -> None:
    """Building the agenda from the tree, the keyboard stays there for more agenda keys;
    words typed there go to the current item's notes, not to the tree's type-ahead."""
    window = open_meeting(open_window, book_path)
    tree = window.agenda.tree
    tree.setFocus()
    clerk = Clerk(qtbot, window)
    clerk.agenda_key("add")
    clerk.title("Chair's announcements")
    assert QApplication.focusWidget() is tree
    clerk.agenda_key("add_child")
    clerk.title("Retirement of the clerk")
    assert QApplication.focusWidget() is tree
    clerk.type("The chair thanked Ms Irvin - 30 years' service.")
    assert QApplication.focusWidget() is window.notes.editor
    assert heading(window).startswith("2.1 Retirement of the clerk")
    minutes = minutes_by_title(window)
    assert minutes["Retirement of the clerk"] == \
        "The chair thanked Ms Irvin - 30 years' service."
    assert set(minutes.values()) == {"", "The chair thanked Ms Irvin - 30 years' service."}
