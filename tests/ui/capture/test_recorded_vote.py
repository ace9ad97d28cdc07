"""A recorded (named) vote taken from the keyboard as the chair reads the names out
(issue 17, point 7): in the decision dialog as the decision is recorded, and later from
the item's list of decisions; kept after reopening, undone with Ctrl+Z."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from ui_keys import key, when_dialog_has_focus

from minute_taker.domain.enums import AttendanceStatus, VoteChoice
from minute_taker.services import agenda, attendance, committees, decisions, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.ui.capture.decision_dialog import DecisionDialog
from minute_taker.ui.capture.named_vote_dialog import NamedVoteDialog

MEMBERS = ["Amos", "Baker", "Cole", "Dee", "Evans"]


def open_panel(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    """Five councillors; Evans left after item 1; the precept is item 2."""
    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Police and Crime Panel", standing_items=[])
    meeting = meetings.create_meeting(seed, committee.id, "February", dt.date(2018, 2, 6))
    first = agenda.add_item(seed, meeting.id, "Minutes")
    agenda.add_item(seed, meeting.id, "Precept")
    ids = {}
    for name in MEMBERS:
        ids[name] = people.create_person(seed, name, title="Cllr").id
        attendance.record_attendance(seed, meeting.id, ids[name],
                                     status=AttendanceStatus.PRESENT)
    attendance.record_departure(seed, meeting.id, ids["Evans"], after_item_id=first.id,
                                at=None)
    seed.close()
    window = open_window(book_path)
    window.agenda.select(agenda.list_items(window.context.book, window.context.meeting_id)[1].id)
    window.notes.editor.setFocus()
    qtbot_wait = window.notes.editor.hasFocus
    return window, ids, qtbot_wait


def press(qtbot, text: str) -> None:  # type: ignore[no-untyped-def]
    qtbot.keyClicks(QApplication.focusWidget(), text)


def test_a_recorded_vote_taken_with_the_decision(qtbot, open_window, book_path) -> None:  # type: ignore[no-untyped-def]
    window, ids, ready = open_panel(open_window, book_path)
    qtbot.waitUntil(ready)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "RESOLVED that the proposed precept be supported")
    seen: list[str] = []

    def names(dialog: QWidget) -> None:
        assert isinstance(dialog, NamedVoteDialog)
        table = dialog.table
        seen.extend(table.item(r, 0).text() for r in range(table.rowCount()))
        press(qtbot, "ffas")  # Amos for, Baker for, Cole against, Dee abstained
        seen.append(dialog.tally.text())
        key(qtbot, table, "Ctrl+Return")

    def decision(dialog: QWidget) -> None:
        assert isinstance(dialog, DecisionDialog)
        when_dialog_has_focus(names, kind=NamedVoteDialog)
        key(qtbot, QApplication.focusWidget(), "Alt+R")  # clicks the button after a moment
        qtbot.waitUntil(lambda: [box.value() for box in dialog.votes] == [2, 1, 1])
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.named_button)
        key(qtbot, QApplication.focusWidget(), "Ctrl+Return")

    when_dialog_has_focus(decision)
    key(qtbot, notes, "Ctrl+Shift+R")

    # Evans left after item 1: not offered for item 2.
    assert seen == ["Cllr Amos", "Cllr Baker", "Cllr Cole", "Cllr Dee",
                    "For 2 \u00b7 Against 1 \u00b7 Abstained 1"]
    item_id = window.context.current_item_id
    [row] = decisions.list_decisions(window.context.book, item_id)
    assert row.named_votes == ((ids["Amos"], VoteChoice.FOR), (ids["Baker"], VoteChoice.FOR),
                               (ids["Cole"], VoteChoice.AGAINST),
                               (ids["Dee"], VoteChoice.ABSTAINED))
    assert window.notes.decisions.item(0).text().endswith(
        "(2 for, 1 against, 1 abstaining, a recorded vote)")
    window.activateWindow()
    qtbot.waitUntil(notes.hasFocus)
    assert window.context.current_item_id == item_id


def test_a_recorded_vote_changed_from_the_list_and_undone(qtbot, open_window, book_path) -> None:  # type: ignore[no-untyped-def]
    window, ids, ready = open_panel(open_window, book_path)
    qtbot.waitUntil(ready)
    item_id = window.context.current_item_id
    row = decisions.record_decision(window.context.book, item_id, "resolved",
                                    "that the precept be supported")
    decisions.record_named_vote(window.context.book, row.id,
                                [(ids[name], VoteChoice.FOR) for name in MEMBERS[:4]])
    window.context.decisions_changed.emit(item_id)
    listing = window.notes.decisions
    listing.setFocus()
    listing.setCurrentRow(0)
    qtbot.waitUntil(listing.hasFocus)

    def change(dialog: QWidget) -> None:
        assert isinstance(dialog, NamedVoteDialog)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
        qtbot.keyClick(dialog.table, Qt.Key.Key_Down)
        press(qtbot, "a")  # Cole against after all
        qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)  # Dee's vote withdrawn
        key(qtbot, dialog.table, "Ctrl+Return")

    when_dialog_has_focus(change)
    qtbot.keyClick(listing, Qt.Key.Key_Return)
    window.activateWindow()
    qtbot.waitUntil(listing.hasFocus)
    [changed] = decisions.list_decisions(window.context.book, item_id)
    assert changed.named_votes == ((ids["Amos"], VoteChoice.FOR), (ids["Baker"], VoteChoice.FOR),
                                   (ids["Cole"], VoteChoice.AGAINST))
    assert (changed.votes_for, changed.votes_against) == (2, 1)

    key(qtbot, listing, "Ctrl+Z")
    [undone] = decisions.list_decisions(window.context.book, item_id)
    assert undone.named_votes == tuple((ids[name], VoteChoice.FOR) for name in MEMBERS[:4])

    path = window.context.book.path
    window.close()
    with MinuteBook.open(path) as again:
        [kept] = decisions.list_decisions(again, item_id)
    assert kept.votes_for == 4 and len(kept.named_votes) == 4
