"""Another clerk wrote an item's notes, or its fields, after this window read them
(issue 22): the window's words are not saved over theirs, are not lost, and typing goes
on; Alt+K keeps both, their notes first, and saving goes on from their version. Driven
by keys, as a clerk does, with the focus checked after each step."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication
from ui_keys import key

from minute_taker.domain.notes_merge import blocks
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook

THEIRS = "<p>The PCC introduced the report.</p><p>The DCC answered on rural patrols.</p>"


def a_meeting(book_path: Path) -> int:
    with MinuteBook.open(book_path) as seed:
        committee = committees.create_committee(seed, "Police and Crime Panel",
                                                standing_items=[])
        meeting = meetings.create_meeting(seed, committee.id, "October",
                                          dt.date(2017, 10, 31))
        item = agenda.add_item(seed, meeting.id, "Performance report")
        agenda.set_item_minutes(seed, item.id, "<p>The PCC introduced the report.</p>")
        return item.id


def another_clerk_writes(book_path: Path, item_id: int, **values: str) -> None:
    """Louise Wall's window, on another computer, changes the item (as the services
    would: the version moved on, her name and the time kept)."""
    bump = "notes_version" if "minutes_html" in values else "version"
    sets = ", ".join(f"{column} = ?" for column in values)
    with contextlib.closing(sqlite3.connect(book_path)) as raw, raw:
        raw.execute(f"UPDATE agenda_item SET {sets}, {bump} = {bump} + 1, "
                    "changed_by = 'Louise Wall', changed_at = '2017-10-31 10:42:00' "
                    "WHERE id = ?", (*values.values(), item_id))


def held(window, item_id: int) -> str:  # type: ignore[no-untyped-def]
    return agenda.get_item_notes(window.context.book, item_id)[0]


def test_notes_written_by_another_are_kept_with_mine_by_keys(
        qtbot, open_window, book_path: Path) -> None:
    item_id = a_meeting(book_path)
    window = open_window(book_path)
    notes = window.notes
    notes.editor.setFocus()
    qtbot.waitUntil(notes.editor.hasFocus)
    assert window.context.current_item_id == item_id
    another_clerk_writes(book_path, item_id, minutes_html=THEIRS)

    key(qtbot, notes.editor, "Ctrl+End")
    key(qtbot, notes.editor, "Return")
    qtbot.keyClicks(notes.editor, "Members asked about rural crime.")
    window.context.autosave.flush()

    # Not saved over theirs; said above the notes; the words and the focus stay.
    qtbot.waitUntil(notes.conflict_bar.isVisible)
    assert "Louise Wall changed these notes on 31 Oct 2017 at" in notes.conflict_bar.text.text()
    assert window.saved_label.text().startswith("NOT SAVED")
    assert held(window, item_id) == THEIRS
    assert notes.editor.hasFocus()
    assert notes.editor.toPlainText().endswith("Members asked about rural crime.")
    # Typing goes on; nothing is written over theirs meanwhile, and nothing is retried.
    key(qtbot, notes.editor, "Return")
    qtbot.keyClicks(notes.editor, "RESOLVED that the report be noted.")
    assert window.context.autosave.flush()
    assert held(window, item_id) == THEIRS
    assert not window.context.autosave.has_pending

    key(qtbot, notes.editor, "Alt+K")
    qtbot.waitUntil(lambda: not notes.conflict_bar.isVisible())
    assert notes.editor.hasFocus() and window.context.current_item_id == item_id
    assert window.context.autosave.flush()
    assert window.saved_label.text().startswith("All changes saved")
    saved = blocks(held(window, item_id))
    assert saved[:2] == ["<p>The PCC introduced the report.</p>",
                         "<p>The DCC answered on rural patrols.</p>"]
    assert "Louise Wall" in saved[2]
    assert saved[3:] == ["<p>Members asked about rural crime.</p>",
                         "<p>RESOLVED that the report be noted.</p>"]
    assert notes.editor.toPlainText().startswith("The PCC introduced the report.\n"
                                                 "The DCC answered on rural patrols.")
    # Saving goes on from their version: the next words are written.
    qtbot.keyClicks(notes.editor, " Carried.")
    assert window.context.autosave.flush()
    assert held(window, item_id).endswith("noted. Carried.</p>")


def test_a_field_changed_by_another_is_not_saved_over_and_is_said(
        qtbot, open_window, book_path: Path) -> None:
    item_id = a_meeting(book_path)
    window = open_window(book_path)
    notes = window.notes
    notes.toggle_details()  # Ctrl+I in the window: the item's fields, at its description
    description = notes.details.description
    qtbot.waitUntil(description.hasFocus)
    another_clerk_writes(book_path, item_id, description="The Chief Constable's report")

    qtbot.keyClicks(description, "To note")
    assert window.context.autosave.flush()

    assert window.banner.state == "conflict" and window.banner.isVisible()
    message = window.banner.text.text()
    assert "Louise Wall changed item 1" in message and "You wrote \u201cTo note\u201d" in message
    stored = agenda.get_item(window.context.book, item_id)
    assert stored.description == "The Chief Constable's report"
    assert description.text() == stored.description  # theirs on show; mine in the banner
    assert description.hasFocus() and window.context.current_item_id == item_id
    assert not window.context.autosave.has_pending
    # Made again on their version, the edit goes in, and the banner has said its piece.
    key(qtbot, description, "End")
    qtbot.keyClicks(description, ", to note")
    assert window.banner.isVisible()
    assert window.context.autosave.flush()
    assert agenda.get_item(window.context.book, item_id).description == \
        "The Chief Constable's report, to note"
    assert not window.banner.isVisible()
    assert description.hasFocus()


def test_an_undo_never_writes_over_anothers_change(qtbot, open_window, book_path: Path) -> None:
    """The clerk renames the item (F2 in the agenda), Louise renames it again at her
    computer, and the clerk presses Ctrl+Z: the old title is not put back over hers, and
    the banner says why."""
    item_id = a_meeting(book_path)
    window = open_window(book_path)
    tree = window.agenda.tree
    tree.setFocus()
    qtbot.waitUntil(tree.hasFocus)
    qtbot.keyClick(tree, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    editor.selectAll()
    qtbot.keyClicks(editor, "Performance and delivery")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is tree)
    assert agenda.get_item(window.context.book, item_id).title == "Performance and delivery"
    another_clerk_writes(book_path, item_id, title="Performance report (Q2)")

    key(qtbot, tree, "Ctrl+Z")

    assert agenda.get_item(window.context.book, item_id).title == "Performance report (Q2)"
    assert window.banner.state == "conflict"
    assert "Louise Wall changed item 1" in window.banner.text.text()
    assert window.context.current_item_id == item_id and QApplication.focusWidget() is tree
