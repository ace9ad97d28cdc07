"""Lines typed as ACTION: ... become actions; Ctrl+Shift+K and Ctrl+Shift+R capture any line."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from ui_keys import key

from minute_taker.domain.enums import AttendanceRole, DecisionKind
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    decisions,
    meetings,
    people,
)
from minute_taker.store.book import MinuteBook
from minute_taker.ui.capture.decision_dialog import DecisionDialog
from minute_taker.ui.capture.richtext_qt import decisions_marked


def open_meeting(open_window, book_path: Path):  # type: ignore[no-untyped-def]
    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Assurance", standing_items=[])
    meeting = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
    agenda.add_item(seed, meeting.id, "Domestic burglary outcomes")
    people.create_person(seed, "Amanda Blakeman", role="Deputy Chief Constable",
                         abbreviation="DCC")
    people.create_person(seed, "John Campion", abbreviation="PCC")
    seed.close()
    return open_window(book_path)


def minutes(window) -> str:  # type: ignore[no-untyped-def]
    window.context.autosave.flush()
    return agenda.get_item_minutes(window.context.book, window.context.current_item_id)


def test_an_action_line_becomes_an_action_on_enter(qtbot, open_window, book_path) -> None:
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    notes.setFocus()
    qtbot.keyClicks(notes, "The DCC is developing a briefing paper.")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "ACTION: DCC to share briefing with PCC's office by end January 2018")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    [row] = actions.list_actions(window.context.book, window.context.meeting_id)
    assert row.owner_text == "DCC"
    assert row.due_date == dt.date(2018, 1, 31)
    assert row.due_text is not None and row.due_text.lower() == "by end january 2018"
    assert "share briefing with PCC's office" in row.text
    assert row.item_number == "1"
    assert minutes(window) == "<p>The DCC is developing a briefing paper.</p>"
    assert "Action captured for DCC" in window.statusBar().currentMessage()
    # Typing goes on where the line was.
    qtbot.keyClicks(notes, "Nationally outcomes have fallen.")
    assert notes.toPlainText().endswith("Nationally outcomes have fallen.")

    key(qtbot, notes, "Ctrl+Z")  # the typing after it first
    assert "Nationally" not in notes.toPlainText()
    assert len(actions.list_actions(window.context.book, window.context.meeting_id)) == 1
    key(qtbot, notes, "Ctrl+Z")  # then, in one step, the action goes and the line comes back
    assert actions.list_actions(window.context.book, window.context.meeting_id) == []
    assert "ACTION: DCC to share briefing" in minutes(window)


def test_a_roll_line_is_recorded_and_stays_where_an_action_line_leaves(
        qtbot, open_window, book_path) -> None:
    """The attendance is printed from the record and the line under its item, as the
    minutes have it; an action would print twice (docs/roll_call.md)."""
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "In attendance: PCC, DCC")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "ACTION: DCC to share the briefing")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    roll = attendance.list_attendance(window.context.book, window.context.meeting_id)
    assert [(r.person_name, r.role) for r in roll] == [
        ("John Campion", AttendanceRole.IN_ATTENDANCE),
        ("Amanda Blakeman", AttendanceRole.IN_ATTENDANCE)]
    [action] = actions.list_actions(window.context.book, window.context.meeting_id)
    assert action.owner_text == "DCC"
    assert minutes(window) == "<p>In attendance: PCC, DCC</p>"


def test_ordinary_lines_and_enter_are_left_alone(qtbot, open_window, book_path) -> None:
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "The actions from last month were reviewed.")
    qtbot.keyClick(notes, Qt.Key.Key_Return)
    qtbot.keyClicks(notes, "Next")
    assert notes.toPlainText() == "The actions from last month were reviewed.\nNext"
    assert actions.list_actions(window.context.book, window.context.meeting_id) == []


def test_ctrl_shift_k_turns_any_line_into_an_action(qtbot, open_window, book_path) -> None:
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "PCC to review the next quarter's figures")
    key(qtbot, notes, "Ctrl+Shift+K")
    [row] = actions.list_actions(window.context.book, window.context.meeting_id)
    assert row.owner_text == "PCC"
    assert notes.toPlainText() == ""


def test_ctrl_shift_r_records_a_decision_with_a_vote(qtbot, open_window, book_path,
                                                      monkeypatch) -> None:
    window = open_meeting(open_window, book_path)
    notes = window.notes.editor
    qtbot.keyClicks(notes, "RESOLVED that the Panel notes the update.")

    def fake_exec(dialog: DecisionDialog) -> int:
        assert dialog.kind.currentData() == "resolved"
        assert dialog.text.toPlainText() == "RESOLVED that the Panel notes the update."
        qtbot.keyClicks(dialog.mover.lineEdit(), "John Campion")
        dialog.votes[0].setValue(7)
        dialog.votes[1].setValue(1)
        dialog.votes[2].setValue(2)
        return DecisionDialog.DialogCode.Accepted

    monkeypatch.setattr(DecisionDialog, "exec", fake_exec)
    key(qtbot, notes, "Ctrl+Shift+R")
    [row] = decisions.list_decisions(window.context.book, window.context.current_item_id)
    assert (row.kind, row.text, row.votes_for, row.votes_against, row.votes_abstained,
            row.in_notes) == (DecisionKind.RESOLVED,
                              "RESOLVED that the Panel notes the update.", 7, 1, 2, True)
    assert row.mover_id is not None
    assert window.notes.decisions.isVisible()
    assert window.notes.decisions.item(0).text() == (
        "RESOLVED that the Panel notes the update.  (7 for, 1 against, 2 abstaining)")
    # The words stay where they were typed, marked as the decision's passage.
    assert notes.toPlainText() == "RESOLVED that the Panel notes the update."
    assert decisions_marked(notes.document()) == {row.uid}

    window.notes.decisions.setCurrentRow(0)
    window.notes.decisions.setFocus()
    qtbot.keyClick(window.notes.decisions, Qt.Key.Key_Delete)
    assert decisions.list_decisions(window.context.book, window.context.current_item_id) == []
    assert notes.toPlainText() == "RESOLVED that the Panel notes the update."
    assert decisions_marked(notes.document()) == set()
    key(qtbot, window.notes.decisions, "Ctrl+Z")
    [back] = decisions.list_decisions(window.context.book, window.context.current_item_id)
    assert back.uid == row.uid and back.votes_for == 7
    assert decisions_marked(notes.document()) == {row.uid}
