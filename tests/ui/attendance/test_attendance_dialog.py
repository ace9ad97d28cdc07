"""Drive the attendance dialog from the keyboard and check what the book holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit
from ui_keys import key

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, MeetingStatus
from minute_taker.services import agenda, attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting
from minute_taker.ui.attendance.dialog import (
    AttendanceDialog,
    ask_and_record_movement,
    record_movement_now,
)
from minute_taker.ui.attendance.qt_attendance_model import STATUS, SUBSTITUTE

# Completion pop-ups ask the offscreen platform to raise them and grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

PRESENT, APOLOGIES, ABSENT = (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES,
                              AttendanceStatus.ABSENT)




def press_button(qtbot, dialog, sequence: str, button) -> None:  # type: ignore[no-untyped-def]
    """A button's Alt+letter: Qt animates the click and runs it a moment later."""
    with qtbot.waitSignal(button.clicked):
        key(qtbot, dialog, sequence)


def press(qtbot, widget, key_code: Qt.Key) -> None:  # type: ignore[no-untyped-def]
    """A key after typing: an open completion list has the keyboard and gets it first."""
    qtbot.keyClick(QApplication.activePopupWidget() or widget, key_code)


def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


@pytest.fixture
def assurance(book_path: Path) -> SimpleNamespace:
    """The Monthly Assurance Meeting of October 2017, its committee's people and agenda."""
    with MinuteBook.open(book_path) as book:
        committee = committees.create_committee(book, "Monthly Assurance Meeting",
                                                standing_items=[])
        cast = SimpleNamespace(
            pcc=people.create_person(book, "John Campion",
                                     role="Police and Crime Commissioner", abbreviation="PCC"),
            dcc=people.create_person(book, "Amanda Blakeman", role="Deputy Chief Constable",
                                     abbreviation="DCC"),
            acc=people.create_person(book, "Martin Evans", role="Assistant Chief Constable",
                                     abbreviation="ACC"),
            cc=people.create_person(book, "Anthony Bangham", role="Chief Constable",
                                    abbreviation="CC"),
            clerk=people.create_person(book, "Jackie Irvin", role="Policy Officer, OPCC"),
            miller=people.create_person(book, "Tony Miller", title="Cllr"),
            mackay=people.create_person(book, "Stephen Mackay", title="Cllr"),
        )
        for person in (cast.pcc, cast.dcc, cast.acc, cast.cc):
            committees.add_member(book, committee.id, person.id)
        committees.add_member(book, committee.id, cast.clerk.id, AttendanceRole.OFFICER)
        meeting = meetings.create_meeting(book, committee.id, "Monthly Assurance Meeting",
                                          dt.date(2017, 10, 31))
        top = agenda.add_item(book, meeting.id, "Outstanding matters")
        psd = agenda.add_item(book, meeting.id, "Professional Standards", parent_id=top.id)
        telford = agenda.add_item(book, meeting.id, "Telford", parent_id=top.id)
        risks = agenda.add_item(book, meeting.id, "Risks")
    return SimpleNamespace(meeting=meeting, cast=cast, top=top, psd=psd, telford=telford,
                           risks=risks, path=book_path)


@pytest.fixture
def open_dialog(qtbot, open_window, assurance):  # type: ignore[no-untyped-def]
    """The main window on the assurance book, and the attendance dialog shown beside it."""
    dialogs = []

    def _open() -> AttendanceDialog:
        window = open_window(assurance.path)
        assert window.context.meeting_id == assurance.meeting.id
        dialog = AttendanceDialog(window.context, window)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialogs.append(dialog)
        return dialog

    yield _open
    for dialog in dialogs:
        dialog.close()


def rows(dialog: AttendanceDialog) -> list[tuple[str, AttendanceStatus]]:
    book = dialog.context.book
    return [(r.person_name, r.status)
            for r in attendance.list_attendance(book, dialog.context.meeting_id)]


def test_fill_from_committee_roll_call_and_the_acc_leaving(
        qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    assert dialog.name_edit.hasFocus()
    press_button(qtbot, dialog, "Alt+O", dialog.fill_button)
    assert rows(dialog) == [("John Campion", PRESENT), ("Amanda Blakeman", PRESENT),
                            ("Martin Evans", PRESENT), ("Anthony Bangham", PRESENT),
                            ("Jackie Irvin", PRESENT)]
    assert dialog.model.data(dialog.model.index(1, 3)) == "Deputy Chief Constable (DCC)"

    # The roll call: each key marks the person and moves on to the next.
    key(qtbot, dialog, "Alt+S")
    assert dialog.table.hasFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    for letter in "PPPAX":
        qtbot.keyClick(dialog.table, letter)
    assert rows(dialog)[3:] == [("Anthony Bangham", APOLOGIES), ("Jackie Irvin", ABSENT)]
    assert dialog.model.data(dialog.model.index(3, STATUS)) == "Apologies"
    qtbot.keyClick(dialog.table, "P")  # the last row stays current
    assert rows(dialog)[4] == ("Jackie Irvin", PRESENT)

    # Item 1.2 is under discussion when the ACC leaves.
    dialog.context.set_current_item(assurance.telford.id)
    assert "1.2 Telford" in dialog.current_label.text()
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    qtbot.keyClick(dialog.table, Qt.Key.Key_Up)
    press_button(qtbot, dialog, "Alt+L", dialog.left_button)
    acc = attendance.list_attendance(dialog.context.book, assurance.meeting.id)[2]
    assert (acc.person_name, acc.left_item_id) == ("Martin Evans", assurance.telford.id)
    assert acc.left_at is not None
    assert attendance.movement_notes(dialog.context.book, assurance.meeting.id) == [
        "The ACC left the meeting after item 1.2."]
    assert "*The ACC left the meeting after item 1.2." in dialog.notes_label.text()
    assert dialog.model.data(dialog.model.index(2, 6)).startswith("1.2 at ")


def test_add_people_by_name_new_and_known(qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    book = dialog.context.book
    known_before = len(people.list_people(book))
    qtbot.keyClicks(dialog.name_edit, "Louise Wall")
    qtbot.keyClick(dialog.name_edit, Qt.Key.Key_Tab)
    assert dialog.capacity_edit.hasFocus()
    qtbot.keyClicks(dialog.capacity_edit, "Inspector, Chief Constable's Staff Officer")
    qtbot.keyClick(dialog.capacity_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(dialog.abbreviation_edit, "SO")
    qtbot.keyClick(dialog.abbreviation_edit, Qt.Key.Key_Return)
    assert dialog.name_edit.hasFocus() and dialog.name_edit.text() == ""

    qtbot.keyClicks(dialog.name_edit, "amanda blakeman")
    press(qtbot, dialog.name_edit, Qt.Key.Key_Return)
    [wall, blakeman] = attendance.list_attendance(book, assurance.meeting.id)
    assert (wall.person_name, wall.capacity) == (
        "Louise Wall", "Inspector, Chief Constable's Staff Officer (SO)")
    assert (blakeman.person_id, blakeman.capacity) == (assurance.cast.dcc.id,
                                                       "Deputy Chief Constable (DCC)")
    assert len(people.list_people(book)) == known_before + 1
    assert people.find_person(book, "Louise Wall").abbreviation == "SO"  # type: ignore[union-attr]
    assert dialog.model.rowCount() == 2
    assert dialog.table.currentIndex().row() == 1


def test_a_named_substitute_and_a_removal(qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    book, meeting_id = dialog.context.book, assurance.meeting.id
    for name in ("Stephen Mackay", "Tony Miller"):
        qtbot.keyClicks(dialog.name_edit, name)
        press(qtbot, dialog.name_edit, Qt.Key.Key_Return)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, "A")  # Cllr Mackay sent apologies
    assert dialog.table.currentIndex().row() == 1
    dialog.table.setCurrentIndex(dialog.model.index(1, SUBSTITUTE))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor.parent(), QComboBox) or isinstance(editor, QComboBox)
    qtbot.keyClicks(editor, "Cllr Stephen Mackay")
    press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: attendance.substitution_notes(book, meeting_id) == [
        "Cllr Tony Miller for Cllr Stephen Mackay"])
    miller = attendance.list_attendance(book, meeting_id)[1]
    assert miller.role is AttendanceRole.SUBSTITUTE
    assert dialog.model.data(dialog.model.index(1, 2)) == "Substitute"
    assert "Named substitutes: Cllr Tony Miller for Cllr Stephen Mackay." in (
        dialog.notes_label.text())

    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, Qt.Key.Key_Delete)
    # Mackay is gone; Miller still names him as the member he stands in for.
    assert [r.person_name for r in attendance.list_attendance(book, meeting_id)] == [
        "Tony Miller"]


def test_status_drop_down_by_keyboard(qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    press_button(qtbot, dialog, "Alt+O", dialog.fill_button)
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(3, STATUS))
    qtbot.keyClick(dialog.table, Qt.Key.Key_F2)
    combo = focused()
    assert isinstance(combo, QComboBox) and combo.currentText() == "Present"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows(dialog)[3] == ("Anthony Bangham", APOLOGIES))


def test_arrived_now_records_the_current_item_and_the_time(
        qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    context = dialog.context
    attendance.record_attendance(context.book, assurance.meeting.id, assurance.cast.miller.id)
    context.set_current_item(assurance.risks.id)
    with qtbot.waitSignal(context.attendance_changed):
        row = record_movement_now(context, assurance.cast.miller.id, "arrived",
                                  now=dt.datetime(2017, 10, 31, 10, 50, 31))
    assert row is not None
    assert (row.arrived_item_id, row.arrived_at) == (assurance.risks.id, dt.time(10, 50))
    assert dialog.model.data(dialog.model.index(0, 5)) == "2 at 10:50"
    assert "Cllr Tony Miller arrived during item 2." in dialog.notes_label.text()

    # Someone not present cannot arrive: refused, with the reason shown.
    attendance.record_attendance(context.book, assurance.meeting.id, assurance.cast.cc.id,
                                 status=APOLOGIES)
    assert record_movement_now(context, assurance.cast.cc.id, "left") is None
    assert "present" in dialog.error_label.text()


def test_ask_and_record_movement_offers_those_present(
        qtbot, open_dialog, assurance, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    context = dialog.context
    for person in (assurance.cast.pcc, assurance.cast.acc):
        attendance.record_attendance(context.book, assurance.meeting.id, person.id)
    attendance.record_attendance(context.book, assurance.meeting.id, assurance.cast.cc.id,
                                 status=APOLOGIES)
    context.set_current_item(assurance.telford.id)
    offered = []

    def choose(_parent, _title, _label, names, *_args):  # type: ignore[no-untyped-def]
        offered.append(list(names))
        return "Martin Evans", True

    monkeypatch.setattr(QInputDialog, "getItem", staticmethod(choose))
    row = ask_and_record_movement(context, "left", dialog)
    assert offered == [["John Campion", "Martin Evans"]]
    assert row is not None and row.left_item_id == assurance.telford.id
    ask_and_record_movement(context, "left", dialog)
    assert offered[-1] == ["John Campion"]  # the ACC has already left


def test_declarations_tab_by_keyboard(qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    book, meeting_id = dialog.context.book, assurance.meeting.id
    dialog.context.set_current_item(assurance.psd.id)
    key(qtbot, dialog, "Alt+D")
    page = dialog.declarations
    assert dialog.tabs.currentWidget() is page
    key(qtbot, dialog, "Alt+W")
    assert page.who.hasFocus()
    qtbot.keyClicks(page.who.lineEdit(), "Amanda Blakeman")
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert page.item.hasFocus() and page.item.currentData() == assurance.psd.id
    qtbot.keyClick(page.item, Qt.Key.Key_Down)  # on to 1.2 Telford
    qtbot.keyClick(page.item, Qt.Key.Key_Tab)
    assert page.interest.hasFocus()
    qtbot.keyClicks(page.interest, "National lead for domestic burglary outcomes")
    qtbot.keyClick(page.interest, Qt.Key.Key_Tab)
    qtbot.keyClicks(focused(), "Non-pecuniary")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    [made] = attendance.list_declarations(book, meeting_id)
    assert (made.person_id, made.item_id, made.interest, made.nature) == (
        assurance.cast.dcc.id, assurance.telford.id,
        "National lead for domestic burglary outcomes", "Non-pecuniary")
    assert page.model.data(page.model.index(0, 1)) == "1.2 Telford"
    assert page.who.hasFocus()

    # An unknown name is refused with a reason; nothing is added.
    qtbot.keyClicks(page.who.lineEdit(), "Nobody Known")
    page.interest.setText("Something")
    page.add_declaration()
    assert "Choose who declares" in dialog.error_label.text()
    assert len(attendance.list_declarations(book, meeting_id)) == 1

    key(qtbot, dialog, "Alt+G")
    assert page.table.hasFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert attendance.list_declarations(book, meeting_id) == []


def test_an_approved_meeting_is_read_only(qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    with MinuteBook.open(assurance.path) as book:
        attendance.record_attendance(book, assurance.meeting.id, assurance.cast.pcc.id)
        with book.unit_of_work() as session:
            meeting = session.get(Meeting, assurance.meeting.id)
            assert meeting is not None
            meeting.status = MeetingStatus.APPROVED
    dialog = open_dialog()
    assert not dialog.context.editable
    assert dialog.locked_label.isVisible()
    for widget in (dialog.name_edit, dialog.add_button, dialog.fill_button,
                   dialog.left_button, dialog.declarations.add_button):
        assert not widget.isEnabled()
    assert not dialog.model.flags(dialog.model.index(0, STATUS)) & Qt.ItemFlag.ItemIsEditable
    dialog.table.setFocus()
    dialog.table.setCurrentIndex(dialog.model.index(0, 0))
    qtbot.keyClick(dialog.table, "A")
    assert rows(dialog) == [("John Campion", PRESENT)]
    assert "approved" in dialog.error_label.text()


def test_the_dialog_follows_the_open_meeting(qtbot, open_dialog, assurance) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    context = dialog.context
    press_button(qtbot, dialog, "Alt+O", dialog.fill_button)
    other = meetings.create_meeting(context.book, assurance.meeting.committee_id,
                                    "November meeting", dt.date(2017, 11, 29))
    context.open_meeting(other.id)
    assert dialog.windowTitle() == "Attendance \u2014 November meeting"
    assert dialog.model.rowCount() == 0
    context.open_meeting(assurance.meeting.id)
    assert dialog.model.rowCount() == 5


def test_typing_in_the_name_box_completes_from_the_book(qtbot, open_dialog) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    qtbot.keyClicks(dialog.name_edit, "Blake")
    completer = dialog.name_edit.completer()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Amanda Blakeman"
    assert isinstance(dialog.name_edit, QLineEdit)
