"""Earlier meetings' open actions: listed, updated, and carried into a new meeting."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit, QMessageBox, QWidget
from ui_keys import when_dialog_has_focus

from minute_taker.domain.enums import ActionStatus
from minute_taker.services import actions, agenda, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.ui.actions.history import ActionHistoryDialog
from minute_taker.ui.actions.qt_action_model import STATUS, UPDATE
from minute_taker.ui.meeting.new_meeting_dialog import NewMeetingDialog


def test_a_new_meeting_carries_forward_outstanding_actions(qtbot, open_window,
                                                           book_path: Path,
                                                           monkeypatch) -> None:
    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Monthly Assurance Meeting")
    october = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
    actions.capture_action(seed, october.id, "Share briefing with PCC's office",
                           owner_text="DCC", due_text="By end January 2018")
    actions.capture_action(seed, october.id, "Share the Athena update brief", owner_text="DCC")
    seed.close()
    window = open_window(book_path)

    def fake_exec(dialog: NewMeetingDialog) -> int:
        dialog.committee.setCurrentIndex(dialog.committee.findText("Monthly Assurance Meeting"))
        qtbot.keyClicks(dialog.title, "November")
        dialog.date.set_date(dt.date(2017, 11, 29))
        return NewMeetingDialog.DialogCode.Accepted

    asked = []
    monkeypatch.setattr(NewMeetingDialog, "exec", fake_exec)
    monkeypatch.setattr(QMessageBox, "question",
                        lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    window.new_meeting()
    assert "2 action(s) from earlier meetings" in asked[0]
    book, november = window.context.book, window.context.meeting_id
    matters = next(i for i in agenda.list_items(book, november)
                   if i.title.startswith("Matters arising"))
    carried = actions.list_actions(book, november)
    assert [(a.text, a.item_number) for a in carried] == [
        ("Share briefing with PCC's office", matters.number),
        ("Share the Athena update brief", matters.number)]
    assert window.actions_panel.model.rowCount() == 2
    assert window.actions_panel.outstanding_model.rowCount() == 0
    assert window.actions_panel.tabs.tabText(1) == "Outstanding (0)"

    # The update given at the meeting, typed into the Update column.
    panel = window.actions_panel
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, UPDATE))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)  # edits the cell, not the agenda item
    qtbot.waitUntil(lambda: panel.table.indexWidget(panel.model.index(0, UPDATE)) is not None)
    editor = panel.table.indexWidget(panel.model.index(0, UPDATE))
    assert isinstance(editor, QLineEdit)
    qtbot.keyClicks(editor, "Briefing paper drafted")
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: actions.list_actions(book, november)[0].update
                    == "Briefing paper drafted")


def test_outstanding_tab_lists_earlier_actions_with_their_meeting(qtbot, open_window,
                                                                  book_path: Path) -> None:
    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Panel")
    july = meetings.create_meeting(seed, committee.id, "July", dt.date(2017, 7, 25))
    items = agenda.list_items(seed, july.id)
    action = actions.capture_action(seed, july.id, "Professional Standards update",
                                    owner_text="DCC", item_id=items[0].id)
    meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
    seed.close()
    window = open_window(book_path)  # opens the newest meeting
    assert window.context.header.title == "October"
    model = window.actions_panel.outstanding_model
    assert model.rowCount() == 1
    assert model.data(model.index(0, 0)) == "25 Jul 2017, item 1; open 3 months"
    # Marked done from the register, it leaves the list; July's minutes still say what
    # they said (the register keeps what became of it beside them).
    assert model.setData(model.index(0, STATUS), "done")
    assert actions.get_action(window.context.book, action.id).status is ActionStatus.OPEN
    committee_id = window.context.header.committee_id
    [register] = actions.list_committee_actions(window.context.book, committee_id,
                                                outstanding_only=False)
    assert register.action.status is ActionStatus.DONE
    qtbot.waitUntil(lambda: model.rowCount() == 0)


def test_owners_complete_from_the_attendance_first_and_after_a_comma(
        qtbot, open_window, book_path: Path) -> None:
    from minute_taker.services import attendance, people

    seed = MinuteBook.open(book_path)
    committee = committees.create_committee(seed, "Panel", standing_items=[])
    meeting = meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
    agenda.add_item(seed, meeting.id, "Telford")
    acc = people.create_person(seed, "Martin Evans", abbreviation="ACC")
    people.create_person(seed, "Alice Absent", abbreviation="AA")
    dcc = people.create_person(seed, "Amanda Blakeman", abbreviation="DCC")
    for person in (acc, dcc):
        attendance.record_attendance(seed, meeting.id, person.id)
    seed.close()
    window = open_window(book_path)
    panel = window.actions_panel
    names = panel.owner_names.stringList()
    assert names[:4] == ["ACC", "Amanda Blakeman", "DCC", "Martin Evans"]  # present first
    assert names[4:] == ["AA", "Alice Absent"]

    completer = panel.owner_edit.completer()
    panel.owner_edit.setFocus()
    qtbot.keyClicks(panel.owner_edit, "DCC, A")
    offered = completer.completionModel()
    assert [offered.index(r, 0).data() for r in range(offered.rowCount())] == [
        "ACC", "Amanda Blakeman", "AA", "Alice Absent"]  # matched on "A" after the comma
    completer.setCurrentRow(0)
    assert completer.pathFromIndex(completer.currentIndex()) == "DCC, ACC"


def test_the_history_opens_from_the_keyboard_and_gives_the_keyboard_back(
        qtbot, open_window, book_path: Path) -> None:  # type: ignore[no-untyped-def]
    seed = MinuteBook.open(book_path, actor="Clerk")
    committee = committees.create_committee(seed, "Panel")
    july = meetings.create_meeting(seed, committee.id, "July", dt.date(2017, 7, 25))
    raised = actions.capture_action(seed, july.id, "Professional Standards update",
                                    owner_text="DCC",
                                    item_id=agenda.list_items(seed, july.id)[0].id)
    actions.record_progress(seed, raised.id, note="Report drafted")
    meetings.create_meeting(seed, committee.id, "October", dt.date(2017, 10, 31))
    seed.close()
    window = open_window(book_path)
    panel = window.actions_panel
    panel.tabs.setCurrentIndex(1)
    panel.outstanding_table.setFocus()
    qtbot.waitUntil(panel.outstanding_table.hasFocus)
    seen: list[str] = []

    def read_and_close(dialog: QWidget) -> None:
        assert isinstance(dialog, ActionHistoryDialog)
        assert dialog.browser.hasFocus()
        seen.append(dialog.browser.toPlainText())
        qtbot.keyClick(dialog.browser, Qt.Key.Key_Escape)

    when_dialog_has_focus(read_and_close)
    qtbot.keyClick(panel.outstanding_table, Qt.Key.Key_H,
                   Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    [text] = seen
    assert "Professional Standards update" in text
    assert "July, item 1" in text and "Raised; the minutes say open" in text
    assert "Recorded by Clerk" in text and "“Report drafted”" in text
    window.activateWindow()  # as the desktop does when a dialog closes (offscreen does not)
    qtbot.waitUntil(panel.outstanding_table.hasFocus)
    assert window.context.header.title == "October"
