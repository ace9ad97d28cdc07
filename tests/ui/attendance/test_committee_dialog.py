"""Drive the committee dialog from the keyboard; OK saves each part, Cancel discards."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from committee_keys import cell_editor, type_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox
from ui_keys import key

from minute_taker.domain.enums import AttendanceRole, MeetingStatus, NumberingScheme
from minute_taker.domain.records import Abbreviation, StandingItem
from minute_taker.services import agenda, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting
from minute_taker.ui.attendance.committee_dialog import CommitteeDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")




def focused():  # type: ignore[no-untyped-def]
    return QApplication.focusWidget()


@pytest.fixture
def panel(book_path: Path) -> SimpleNamespace:
    """A committee with an October draft and an approved November meeting."""
    with MinuteBook.open(book_path) as book:
        committee = committees.create_committee(
            book, "Monthly Assurance Meeting", short_name="AM",
            standing_items=[StandingItem("Welcome"), StandingItem("Apologies"),
                            StandingItem("Any other business")],
            abbreviations=[Abbreviation("DCC", "Deputy Chief Constable"),
                           Abbreviation("PCC", "Police and Crime Commissioner")])
        pcc = people.create_person(book, "John Campion", role="Police and Crime Commissioner",
                                   abbreviation="PCC")
        dcc = people.create_person(book, "Amanda Blakeman", role="Deputy Chief Constable",
                                   abbreviation="DCC")
        acc = people.create_person(book, "Martin Evans", role="Assistant Chief Constable",
                                   abbreviation="ACC")
        for person in (pcc, dcc):
            committees.add_member(book, committee.id, person.id)
        november = meetings.create_meeting(book, committee.id, "November",
                                           dt.date(2017, 11, 29))
        october = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
        welcome = agenda.list_items(book, october.id)[0]
        agenda.add_item(book, october.id, "Introductions", parent_id=welcome.id)
        with book.unit_of_work() as session:
            row = session.get(Meeting, november.id)
            assert row is not None
            row.status = MeetingStatus.APPROVED
    return SimpleNamespace(committee=committee, october=october, november=november, pcc=pcc,
                           dcc=dcc, acc=acc, path=book_path)


@pytest.fixture
def open_dialog(qtbot, open_window, panel):  # type: ignore[no-untyped-def]
    dialogs = []

    def _open() -> CommitteeDialog:
        window = open_window(panel.path)
        window.context.open_meeting(panel.october.id)
        dialog = CommitteeDialog(window.context, panel.committee.id, window)
        dialog.show()
        qtbot.waitExposed(dialog)
        dialog.activateWindow()
        qtbot.waitUntil(dialog.isActiveWindow)
        dialogs.append(dialog)
        return dialog

    yield _open
    for dialog in dialogs:
        dialog.close()


def numbers(book: MinuteBook, meeting_id: int) -> list[str]:
    return [item.number for item in agenda.list_items(book, meeting_id)]


def test_dialog_shows_the_committee(open_dialog, panel) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    assert dialog.windowTitle() == "Committee \u2014 Monthly Assurance Meeting"
    assert (dialog.name.text(), dialog.short_name.text()) == ("Monthly Assurance Meeting", "AM")
    assert dialog.numbering_scheme() is NumberingScheme.DECIMAL
    assert not dialog.first_number.isEnabled()
    assert [s.title for s in dialog.standing_items()] == ["Welcome", "Apologies",
                                                         "Any other business"]
    assert [a.short for a in dialog.abbreviation_list()] == ["DCC", "PCC"]
    assert [(e.name, e.role, e.abbreviation) for e in dialog.member_entries()] == [
        ("John Campion", AttendanceRole.MEMBER, "PCC"),
        ("Amanda Blakeman", AttendanceRole.MEMBER, "DCC")]
    assert dialog.name.hasFocus()


def test_a_new_scheme_renumbers_the_open_meeting_but_not_the_approved_one(
        qtbot, open_dialog, panel) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    window_context = dialog.context
    book = window_context.book
    assert numbers(book, panel.october.id) == ["1", "1.1", "2", "3"]
    key(qtbot, dialog, "Alt+O")
    assert dialog.short_name.hasFocus()
    qtbot.keyClicks(dialog.short_name, "MAM")  # the text was selected: typing replaces it
    key(qtbot, dialog, "Alt+U")
    qtbot.keyClick(dialog.scheme, Qt.Key.Key_Down)
    qtbot.keyClick(dialog.scheme, Qt.Key.Key_Down)
    assert dialog.numbering_scheme() is NumberingScheme.CONTINUOUS
    assert dialog.first_number.isEnabled()
    qtbot.keyClick(dialog.scheme, Qt.Key.Key_Tab)
    assert dialog.first_number.hasFocus()
    qtbot.keyClick(dialog.first_number, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
    qtbot.keyClicks(dialog.first_number, "233")
    with qtbot.waitSignal(dialog.accepted):
        qtbot.keyClick(dialog.first_number, Qt.Key.Key_Return)

    saved = committees.get_committee(book, panel.committee.id)
    assert (saved.short_name, saved.numbering_scheme, saved.number_start) == (
        "MAM", NumberingScheme.CONTINUOUS, 233)
    assert numbers(book, panel.october.id) == ["233", "233(a)", "234", "235"]
    assert numbers(book, panel.november.id) == ["1", "2", "3"]  # approved: the record
    assert window_context.header.number_start == 233
    window = dialog.parent()
    assert window.agenda.model.data(window.agenda.model.index(0, 0)).startswith("233")


def test_standing_items_edited_by_keyboard(qtbot, open_dialog, panel) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    key(qtbot, dialog, "Alt+S")
    table = dialog.standing.table
    assert table.hasFocus() and table.currentRow() == 0
    key(qtbot, table, "Ctrl+Return")  # a new item after "Welcome"
    type_cell(qtbot, table, "Declarations of interest")
    type_cell(qtbot, table, "To receive any declarations.", Qt.Key.Key_Return)
    assert table.currentRow() == 1
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    assert dialog.standing.text(table.currentRow(), 0) == "Any other business"
    key(qtbot, table, "Ctrl+Shift+PgUp")
    assert table.currentRow() == 2
    qtbot.keyClick(table, Qt.Key.Key_Down)  # "Apologies", now last
    qtbot.keyClick(table, Qt.Key.Key_Delete)
    table.setCurrentCell(0, 0)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    type_cell(qtbot, table, "Welcome and introductions", Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert committees.get_committee(dialog.context.book, panel.committee.id).standing_items == (
        StandingItem("Welcome and introductions"),
        StandingItem("Declarations of interest", "To receive any declarations."),
        StandingItem("Any other business"))


def test_abbreviations_and_a_refusal_that_keeps_the_dialog_open(
        qtbot, open_dialog, panel) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    book = dialog.context.book
    key(qtbot, dialog, "Alt+B")
    table = dialog.abbreviations.table
    assert table.hasFocus()
    key(qtbot, table, "Ctrl+Return")
    type_cell(qtbot, table, "PSD")
    type_cell(qtbot, table, "Professional Standards Department", Qt.Key.Key_Return)
    key(qtbot, table, "Ctrl+Return")
    type_cell(qtbot, table, "DCC")
    type_cell(qtbot, table, "Deputy Chief Constable again", Qt.Key.Key_Return)
    key(qtbot, dialog, "Alt+G")  # back to the first page before OK
    dialog.ok_button.click()
    assert dialog.isVisible()
    assert "DCC is listed twice" in dialog.error_label.text()
    assert dialog.tabs.currentWidget() is dialog.abbreviations
    assert committees.get_committee(book, panel.committee.id).abbreviations == (
        Abbreviation("DCC", "Deputy Chief Constable"),
        Abbreviation("PCC", "Police and Crime Commissioner"))

    assert table.hasFocus()
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # the duplicate, still current
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert committees.get_committee(book, panel.committee.id).abbreviations == (
        Abbreviation("DCC", "Deputy Chief Constable"),
        Abbreviation("PCC", "Police and Crime Commissioner"),
        Abbreviation("PSD", "Professional Standards Department"))


def test_the_committees_people(qtbot, open_dialog, panel) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    book = dialog.context.book
    key(qtbot, dialog, "Alt+P")
    table = dialog.members.table
    assert table.hasFocus() and table.currentRow() == 0
    qtbot.keyClick(table, Qt.Key.Key_Delete)  # John Campion leaves the committee
    key(qtbot, table, "Ctrl+Return")
    type_cell(qtbot, table, "Martin Evans", Qt.Key.Key_Return)  # known: his details come with him
    assert dialog.members.text(1, 2) == "Assistant Chief Constable"
    key(qtbot, table, "Ctrl+Return")
    type_cell(qtbot, table, "Louise Wall")
    combo = cell_editor(qtbot, table)
    assert isinstance(combo, QComboBox)
    qtbot.keyClicks(combo, "O")
    qtbot.keyClick(combo, Qt.Key.Key_Tab)
    type_cell(qtbot, table, "Inspector, Staff Officer")
    type_cell(qtbot, table, "")  # no organisation
    type_cell(qtbot, table, "SO", Qt.Key.Key_Return)
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    members = committees.list_members(book, panel.committee.id)
    assert [(p.name, role, p.role, p.abbreviation, p.initials) for p, role in members] == [
        ("Amanda Blakeman", AttendanceRole.MEMBER, "Deputy Chief Constable", "DCC", "AB"),
        ("Martin Evans", AttendanceRole.MEMBER, "Assistant Chief Constable", "ACC", "ME"),
        ("Louise Wall", AttendanceRole.OFFICER, "Inspector, Staff Officer", "SO", "LW"),
    ]
    assert members[1][0].id == panel.acc.id
    assert people.get_person(book, panel.pcc.id).name == "John Campion"


def test_cancel_discards_everything(qtbot, open_dialog, panel) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    book = dialog.context.book
    before = (committees.get_committee(book, panel.committee.id),
              committees.list_members(book, panel.committee.id))
    qtbot.keyClicks(dialog.name, "Holding to Account")
    key(qtbot, dialog, "Alt+U")
    qtbot.keyClick(dialog.scheme, Qt.Key.Key_Down)
    key(qtbot, dialog, "Alt+P")
    qtbot.keyClick(dialog.members.table, Qt.Key.Key_Delete)
    with qtbot.waitSignal(dialog.rejected):
        qtbot.keyClick(dialog.members.table, Qt.Key.Key_Escape)
    assert (committees.get_committee(book, panel.committee.id),
            committees.list_members(book, panel.committee.id)) == before
    assert numbers(book, panel.october.id) == ["1", "1.1", "2", "3"]


def test_ok_with_no_change_writes_nothing(qtbot, open_dialog, panel, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    dialog = open_dialog()
    calls = []
    monkeypatch.setattr(dialog.context, "apply",
                        lambda fn, *a, **k: calls.append(fn.__name__))
    with qtbot.waitSignal(dialog.accepted):
        dialog.ok_button.click()
    assert calls == []
