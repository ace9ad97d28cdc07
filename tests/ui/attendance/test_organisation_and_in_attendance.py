"""Issue 17, points 3 and 4 from the keyboard: the council a member sits for, typed in
the attendance panel and the committee's people, a substitute listed the published way
("Cllr Tony Miller for Cllr Stephen Mackay (Worcestershire County Council)"), and
"In attendance" chosen as a role in both; each kept after the book is reopened."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from committee_keys import committee_settings, type_cell
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QComboBox, QWidget
from ui_keys import key

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.records import AttendanceRow, StandingItem
from minute_taker.services import attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.ui.attendance.committee_dialog import (
    PERSON_ORGANISATION,
    PERSON_ROLE,
    CommitteeDialog,
)
from minute_taker.ui.attendance.qt_attendance_model import (
    NAME,
    ORGANISATION,
    ROLE,
    AttendanceTableModel,
)

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

WORCESTERSHIRE = "Worcestershire County Council"


def focused() -> QWidget | None:
    return QApplication.focusWidget()


@pytest.fixture
def panel_book(book_path: Path) -> SimpleNamespace:
    """A joint police and crime panel: Cllr Mackay sent apologies and Cllr Miller stands
    in for him; the Commissioner is listed, for now, as a member."""
    with MinuteBook.open(book_path) as book:
        committee = committees.create_committee(book, "West Mercia Police and Crime Panel",
                                                standing_items=[StandingItem("Apologies")])
        mackay = people.create_person(book, "Stephen Mackay", title="Cllr")
        miller = people.create_person(book, "Tony Miller", title="Cllr")
        pcc = people.create_person(book, "John Campion")
        hart = people.create_person(book, "Ann Hart", title="Cllr")
        meeting = meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                          dt.date(2018, 1, 30))
        attendance.record_attendance(book, meeting.id, mackay.id,
                                     status=AttendanceStatus.APOLOGIES)
        attendance.record_attendance(book, meeting.id, miller.id,
                                     role=AttendanceRole.SUBSTITUTE,
                                     substitute_for_id=mackay.id)
        attendance.record_attendance(book, meeting.id, pcc.id)
    return SimpleNamespace(path=book_path, committee=committee, meeting=meeting,
                           mackay=mackay, miller=miller, pcc=pcc, hart=hart)


def open_panel(qtbot, open_window, path: Path):  # type: ignore[no-untyped-def]
    """The window, and the attendance panel by the window's own key, keyboard in its list."""
    window = open_window(path)
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)
    key(qtbot, window.notes.editor, "Ctrl+Shift+T")
    panel = window.attendance_panel
    assert panel is not None and panel.isVisible()
    assert panel.table.hasFocus() and panel.table.currentIndex().row() == 0
    return window, panel


def reopen(qtbot, open_window, window, path: Path):  # type: ignore[no-untyped-def]
    window.close()
    window.context.book.close()
    return open_panel(qtbot, open_window, path)


def edit_ends(qtbot, table) -> None:  # type: ignore[no-untyped-def]
    """The view commits Return's edit from its event loop; then the list has the keys."""
    qtbot.waitUntil(lambda: table.state() != QAbstractItemView.State.EditingState)
    assert table.hasFocus()


def test_a_members_council_typed_in_the_attendance_list(  # type: ignore[no-untyped-def]
        qtbot, open_window, panel_book) -> None:
    window, panel = open_panel(qtbot, open_window, panel_book.path)
    table, model = panel.table, panel.model
    assert model.headerData(ORGANISATION, Qt.Orientation.Horizontal) == "Organisation"
    for _ in range(ORGANISATION - NAME):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, ORGANISATION)
    qtbot.keyClick(table, Qt.Key.Key_F2)  # Cllr Mackay's council
    editor = focused()
    assert editor is not None and table.isAncestorOf(editor)
    qtbot.keyClicks(editor, WORCESTERSHIRE)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    edit_ends(qtbot, table)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (0, ORGANISATION)
    assert model.data(model.index(0, ORGANISATION)) == WORCESTERSHIRE
    # The substitute, as the minutes will list him.
    listed = f"Cllr Tony Miller for Cllr Stephen Mackay ({WORCESTERSHIRE})"
    assert f"Named substitutes: {listed}." in panel.notes_label.text()

    # A second council on the next row, then one cleared: F2, select all, Delete.
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_F2)
    qtbot.keyClicks(focused(), "Wychavon District Council")
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    edit_ends(qtbot, table)
    assert table.currentIndex().row() == 1
    # The substitute's own council is the one listed.
    assert ("Cllr Tony Miller for Cllr Stephen Mackay (Wychavon District Council)"
            in panel.notes_label.text())
    qtbot.keyClick(table, Qt.Key.Key_F2)
    key(qtbot, focused(), "Ctrl+A")
    qtbot.keyClick(focused(), Qt.Key.Key_Delete)
    qtbot.keyClick(focused(), Qt.Key.Key_Return)
    edit_ends(qtbot, table)
    assert model.data(model.index(1, ORGANISATION)) == ""
    assert f"Named substitutes: {listed}." in panel.notes_label.text()

    window, panel = reopen(qtbot, open_window, window, panel_book.path)
    book = panel.context.book
    assert people.get_person(book, panel_book.mackay.id).organisation == WORCESTERSHIRE
    assert people.get_person(book, panel_book.miller.id).organisation is None
    assert panel.model.data(panel.model.index(0, ORGANISATION)) == WORCESTERSHIRE
    assert attendance.substitution_notes(book, panel_book.meeting.id) == [listed]
    assert f"Named substitutes: {listed}." in panel.notes_label.text()


def test_in_attendance_chosen_in_the_attendance_list(  # type: ignore[no-untyped-def]
        qtbot, open_window, panel_book) -> None:
    window, panel = open_panel(qtbot, open_window, panel_book.path)
    table, model = panel.table, panel.model
    qtbot.keyClick(table, Qt.Key.Key_Down)
    qtbot.keyClick(table, Qt.Key.Key_Down)
    for _ in range(ROLE - NAME):
        qtbot.keyClick(table, Qt.Key.Key_Right)
    assert (table.currentIndex().row(), table.currentIndex().column()) == (2, ROLE)
    assert model.data(model.index(2, NAME)) == "John Campion"
    qtbot.keyClick(table, Qt.Key.Key_F2)
    combo = focused()
    assert isinstance(combo, QComboBox) and combo.currentText() == "Member"
    assert "In attendance" in [combo.itemText(i) for i in range(combo.count())]
    assert [combo.itemText(i) for i in range(combo.count())][-2:] == ["Officer", "Guest"]
    qtbot.keyClicks(combo, "In")
    assert combo.currentText() == "In attendance"
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    edit_ends(qtbot, table)
    book, meeting_id = panel.context.book, panel_book.meeting.id
    qtbot.waitUntil(lambda: attendance.list_attendance(book, meeting_id)[2].role
                    is AttendanceRole.IN_ATTENDANCE)
    assert model.data(model.index(2, ROLE)) == "In attendance"
    assert (table.currentIndex().row(), table.currentIndex().column()) == (2, ROLE)
    qtbot.keyClick(table, "X")  # the roll-call keys go on working on the row
    assert attendance.list_attendance(book, meeting_id)[2].status is AttendanceStatus.ABSENT
    qtbot.keyClick(table, "P")

    window, panel = reopen(qtbot, open_window, window, panel_book.path)
    [_mackay, _miller, campion] = attendance.list_attendance(panel.context.book, meeting_id)
    assert (campion.role, campion.status) == (AttendanceRole.IN_ATTENDANCE,
                                              AttendanceStatus.PRESENT)
    assert panel.model.data(panel.model.index(2, ROLE)) == "In attendance"


def back_in(qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The offscreen platform hands activation back to the window late after a dialog."""
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and focused() is not None)


def test_the_committees_people_with_councils_and_one_in_attendance(  # type: ignore[no-untyped-def]
        qtbot, open_window, panel_book) -> None:
    with MinuteBook.open(panel_book.path) as book:  # the Commissioner not listed yet
        attendance.remove_attendance(book, panel_book.meeting.id, panel_book.pcc.id)
    window = open_window(panel_book.path)

    def fill(dialog: CommitteeDialog) -> None:
        key(qtbot, dialog, "Alt+P")
        table = dialog.members.table
        assert table.hasFocus() and table.rowCount() == 0
        key(qtbot, table, "Ctrl+Return")
        type_cell(qtbot, table, "Ann Hart", Qt.Key.Key_Return)  # in the book: her details
        assert table.hasFocus() and (table.currentRow(), table.currentColumn()) == (0, 0)
        qtbot.keyClick(table, Qt.Key.Key_Right)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        assert table.currentColumn() == PERSON_ROLE
        combo = focused()
        assert isinstance(combo, QComboBox)
        assert [combo.itemText(i) for i in range(combo.count())] == [
            "Member", "In attendance", "Officer"]
        qtbot.keyClick(combo, Qt.Key.Key_Tab)  # Member
        type_cell(qtbot, table, "")  # no capacity
        assert table.currentColumn() == PERSON_ORGANISATION
        type_cell(qtbot, table, "Shropshire Council", Qt.Key.Key_Return)
        assert table.hasFocus() and table.currentRow() == 0
        key(qtbot, table, "Ctrl+Return")
        type_cell(qtbot, table, "John Campion", Qt.Key.Key_Return)
        assert table.hasFocus() and (table.currentRow(), table.currentColumn()) == (1, 0)
        qtbot.keyClick(table, Qt.Key.Key_Right)
        qtbot.keyClick(table, Qt.Key.Key_F2)
        qtbot.keyClicks(focused(), "I")
        assert focused().currentText() == "In attendance"  # type: ignore[union-attr]
        qtbot.keyClick(focused(), Qt.Key.Key_Tab)
        type_cell(qtbot, table, "Police and Crime Commissioner", Qt.Key.Key_Return)
        assert table.hasFocus() and table.currentRow() == 1
        key(qtbot, table, "Alt+G")  # back to the first page, and OK from its first field
        key(qtbot, dialog, "Alt+T")
        assert dialog.name.hasFocus()
        qtbot.keyClick(dialog.name, Qt.Key.Key_Return)
        qtbot.waitUntil(lambda: not dialog.isVisible())

    committee_settings(qtbot, window, fill)
    back_in(qtbot, window)
    assert window.notes.editor.hasFocus()
    book = window.context.book
    members = committees.list_members(book, panel_book.committee.id)
    assert [(p.name, role, p.role, p.organisation) for p, role in members] == [
        ("Ann Hart", AttendanceRole.MEMBER, None, "Shropshire Council"),
        ("John Campion", AttendanceRole.IN_ATTENDANCE, "Police and Crime Commissioner", None)]
    assert members[0][0].id == panel_book.hart.id

    window.close()
    window.context.book.close()
    window = open_window(panel_book.path)

    def check(dialog: CommitteeDialog) -> None:
        assert [(dialog.members.text(r, 0), dialog.members.text(r, PERSON_ROLE),
                 dialog.members.text(r, PERSON_ORGANISATION)) for r in range(2)] == [
            ("Ann Hart", "Member", "Shropshire Council"),
            ("John Campion", "In attendance", "")]
        key(qtbot, dialog.name, "Escape")

    committee_settings(qtbot, window, check)
    back_in(qtbot, window)
    assert window.notes.editor.hasFocus()

    # "Fill from committee" lists the Commissioner in attendance, Cllr Hart with her council.
    key(qtbot, window.notes.editor, "Ctrl+Shift+T")
    panel = window.attendance_panel
    assert panel.table.hasFocus()
    with qtbot.waitSignal(panel.fill_button.clicked):
        key(qtbot, panel.table, "Alt+O")
    rows = {r.person_name: r for r in attendance.list_attendance(
        window.context.book, panel_book.meeting.id)}
    assert rows["John Campion"].role is AttendanceRole.IN_ATTENDANCE
    assert rows["Ann Hart"].role is AttendanceRole.MEMBER
    model = panel.model
    assert model.data(model.index(model.row_of_person(panel_book.pcc.id), ROLE)) == (
        "In attendance")
    assert model.data(model.index(model.row_of_person(panel_book.hart.id), ORGANISATION)) == (
        "Shropshire Council")


def test_the_organisation_column_through_the_model_tester(qtmodeltester) -> None:  # type: ignore[no-untyped-def]
    """The column shows the person's organisation, an edit goes to its own callback (the
    person, not the meeting's attendance), and a refusal keeps what was shown."""
    rows = [AttendanceRow(id=1, meeting_id=1, person_id=10, person_name="Stephen Mackay",
                          status=AttendanceStatus.APOLOGIES, role=AttendanceRole.MEMBER,
                          capacity=None),
            AttendanceRow(id=2, meeting_id=1, person_id=20, person_name="John Campion",
                          status=AttendanceStatus.PRESENT,
                          role=AttendanceRole.IN_ATTENDANCE, capacity=None)]
    calls: list[tuple[int, str]] = []
    refuse = False

    def update_organisation(person_id: int, organisation: str) -> str | None:
        calls.append((person_id, organisation))
        return None if refuse else organisation.strip()

    model = AttendanceTableModel(update=lambda *_a, **_k: None,
                                 update_organisation=update_organisation)
    model.set_rows(rows)
    model.set_organisations({10: WORCESTERSHIRE, 20: None})
    qtmodeltester.check(model, force_py=True)
    assert model.data(model.index(0, ORGANISATION)) == WORCESTERSHIRE
    assert model.data(model.index(1, ROLE)) == "In attendance"
    assert model.flags(model.index(1, ORGANISATION)) & Qt.ItemFlag.ItemIsEditable
    assert model.setData(model.index(1, ORGANISATION), " West Mercia PCC ")
    assert model.data(model.index(1, ORGANISATION)) == "West Mercia PCC"
    assert model.setData(model.index(0, ORGANISATION), "")
    assert model.data(model.index(0, ORGANISATION)) == ""
    refuse = True
    assert not model.setData(model.index(1, ORGANISATION), "Refused")
    assert model.data(model.index(1, ORGANISATION)) == "West Mercia PCC"
    assert calls == [(20, " West Mercia PCC "), (10, ""), (20, "Refused")]
    model.set_editable(False)
    assert not model.flags(model.index(1, ORGANISATION)) & Qt.ItemFlag.ItemIsEditable
    qtmodeltester.check(model, force_py=True)
