"""Drive the attendance panel from the keyboard and check what the book holds."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest
from PySide6.QtCore import QPoint, QRect, Qt, QTimer
from PySide6.QtWidgets import QApplication, QComboBox, QInputDialog, QLineEdit, QMenu
from ui_keys import key

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, MeetingStatus
from minute_taker.services import agenda, attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting
from minute_taker.ui.attendance.panel import (
    AttendancePanel,
    ask_and_record_movement,
    record_movement_now,
)
from minute_taker.ui.attendance.qt_attendance_model import (
    ARRIVED,
    LEFT,
    MADE_AT,
    STATUS,
    SUBSTITUTE,
)

# Completion pop-ups ask the offscreen platform to raise them and grab the keyboard.
pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

PRESENT, APOLOGIES, ABSENT = (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES,
                              AttendanceStatus.ABSENT)




def press_button(qtbot, panel, sequence: str, button) -> None:  # type: ignore[no-untyped-def]
    """A button's Alt+letter: Qt animates the click and runs it a moment later."""
    with qtbot.waitSignal(button.clicked):
        key(qtbot, panel, sequence)


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
def open_panel(qtbot, open_window, assurance):  # type: ignore[no-untyped-def]
    """The main window on the assurance book, and the attendance panel docked beside the
    notes by the window's own key, with the keyboard in it."""
    def _open() -> AttendancePanel:
        window = open_window(assurance.path)
        assert window.context.meeting_id == assurance.meeting.id
        key(qtbot, window.notes.editor, "Ctrl+Shift+T")
        panel = window.attendance_panel
        assert panel is not None and panel.isVisible()
        assert not window.attendance_dock.isFloating()
        return panel

    return _open


def rows(panel: AttendancePanel) -> list[tuple[str, AttendanceStatus]]:
    book = panel.context.book
    return [(r.person_name, r.status)
            for r in attendance.list_attendance(book, panel.context.meeting_id)]


def test_fill_from_committee_roll_call_and_the_acc_leaving(
        qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    assert panel.name_edit.hasFocus()
    press_button(qtbot, panel, "Alt+O", panel.fill_button)
    assert rows(panel) == [("John Campion", PRESENT), ("Amanda Blakeman", PRESENT),
                            ("Martin Evans", PRESENT), ("Anthony Bangham", PRESENT),
                            ("Jackie Irvin", PRESENT)]
    assert panel.model.data(panel.model.index(1, 3)) == "Deputy Chief Constable (DCC)"

    # The roll call: each key marks the person and moves on to the next.
    key(qtbot, panel, "Alt+S")
    assert panel.table.hasFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    for letter in "PPPAX":
        qtbot.keyClick(panel.table, letter)
    assert rows(panel)[3:] == [("Anthony Bangham", APOLOGIES), ("Jackie Irvin", ABSENT)]
    assert panel.model.data(panel.model.index(3, STATUS)) == "Apologies"
    qtbot.keyClick(panel.table, "P")  # the last row stays current
    assert rows(panel)[4] == ("Jackie Irvin", PRESENT)

    # Item 1.2 is under discussion when the ACC leaves.
    panel.context.set_current_item(assurance.telford.id)
    assert "1.2 Telford" in panel.current_label.text()
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    qtbot.keyClick(panel.table, Qt.Key.Key_Up)
    press_button(qtbot, panel, "Alt+L", panel.left_button)
    acc = attendance.list_attendance(panel.context.book, assurance.meeting.id)[2]
    assert (acc.person_name, acc.left_item_id) == ("Martin Evans", assurance.telford.id)
    assert acc.left_at is not None
    assert attendance.movement_notes(panel.context.book, assurance.meeting.id) == [
        "The ACC left the meeting after item 1.2."]
    assert "*The ACC left the meeting after item 1.2." in panel.notes_label.text()
    assert panel.model.data(panel.model.index(2, LEFT)).startswith("1.2 at ")


def test_add_people_by_name_new_and_known(qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    book = panel.context.book
    known_before = len(people.list_people(book))
    qtbot.keyClicks(panel.name_edit, "Louise Wall")
    qtbot.keyClick(panel.name_edit, Qt.Key.Key_Tab)
    assert panel.capacity_edit.hasFocus()
    qtbot.keyClicks(panel.capacity_edit, "Inspector, Chief Constable's Staff Officer")
    qtbot.keyClick(panel.capacity_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.abbreviation_edit, "SO")
    qtbot.keyClick(panel.abbreviation_edit, Qt.Key.Key_Return)
    assert panel.name_edit.hasFocus() and panel.name_edit.text() == ""

    qtbot.keyClicks(panel.name_edit, "amanda blakeman")
    press(qtbot, panel.name_edit, Qt.Key.Key_Return)
    [wall, blakeman] = attendance.list_attendance(book, assurance.meeting.id)
    assert (wall.person_name, wall.capacity) == (
        "Louise Wall", "Inspector, Chief Constable's Staff Officer (SO)")
    assert (blakeman.person_id, blakeman.capacity) == (assurance.cast.dcc.id,
                                                       "Deputy Chief Constable (DCC)")
    assert len(people.list_people(book)) == known_before + 1
    assert people.find_person(book, "Louise Wall").abbreviation == "SO"  # type: ignore[union-attr]
    assert panel.model.rowCount() == 2
    assert panel.table.currentIndex().row() == 1


def test_a_named_substitute_and_a_removal(qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    book, meeting_id = panel.context.book, assurance.meeting.id
    for name in ("Stephen Mackay", "Tony Miller"):
        qtbot.keyClicks(panel.name_edit, name)
        press(qtbot, panel.name_edit, Qt.Key.Key_Return)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, "A")  # Cllr Mackay sent apologies
    assert panel.table.currentIndex().row() == 1
    panel.table.setCurrentIndex(panel.model.index(1, SUBSTITUTE))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    editor = focused()
    assert isinstance(editor.parent(), QComboBox) or isinstance(editor, QComboBox)
    qtbot.keyClicks(editor, "Cllr Stephen Mackay")
    press(qtbot, editor, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: attendance.substitution_notes(book, meeting_id) == [
        "Cllr Tony Miller for Cllr Stephen Mackay"])
    miller = attendance.list_attendance(book, meeting_id)[1]
    assert miller.role is AttendanceRole.SUBSTITUTE
    assert panel.model.data(panel.model.index(1, 2)) == "Substitute"
    assert "Named substitutes: Cllr Tony Miller for Cllr Stephen Mackay." in (
        panel.notes_label.text())

    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, Qt.Key.Key_Delete)
    # Mackay is gone; Miller still names him as the member he stands in for.
    assert [r.person_name for r in attendance.list_attendance(book, meeting_id)] == [
        "Tony Miller"]


def test_status_drop_down_by_keyboard(qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    press_button(qtbot, panel, "Alt+O", panel.fill_button)
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(3, STATUS))
    qtbot.keyClick(panel.table, Qt.Key.Key_F2)
    combo = focused()
    assert isinstance(combo, QComboBox) and combo.currentText() == "Present"
    qtbot.keyClick(combo, Qt.Key.Key_Down)
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: rows(panel)[3] == ("Anthony Bangham", APOLOGIES))


def test_arrived_now_records_the_current_item_and_the_time(
        qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    context = panel.context
    attendance.record_attendance(context.book, assurance.meeting.id, assurance.cast.miller.id)
    context.set_current_item(assurance.risks.id)
    with qtbot.waitSignal(context.attendance_changed):
        row = record_movement_now(context, assurance.cast.miller.id, "arrived",
                                  now=dt.datetime(2017, 10, 31, 10, 50, 31))
    assert row is not None
    assert (row.arrived_item_id, row.arrived_at) == (assurance.risks.id, dt.time(10, 50))
    assert panel.model.data(panel.model.index(0, ARRIVED)) == "2 at 10:50"
    assert "Cllr Tony Miller arrived during item 2." in panel.notes_label.text()

    # Someone not present cannot arrive: refused, with the reason shown.
    attendance.record_attendance(context.book, assurance.meeting.id, assurance.cast.cc.id,
                                 status=APOLOGIES)
    assert record_movement_now(context, assurance.cast.cc.id, "left") is None
    assert "present" in panel.error_label.text()


def test_ask_and_record_movement_offers_those_present(
        qtbot, open_panel, assurance, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    context = panel.context
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
    row = ask_and_record_movement(context, "left", panel)
    assert offered == [["John Campion", "Martin Evans"]]
    assert row is not None and row.left_item_id == assurance.telford.id
    ask_and_record_movement(context, "left", panel)
    assert offered[-1] == ["John Campion"]  # the ACC has already left


def test_declarations_tab_by_keyboard(qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    book, meeting_id = panel.context.book, assurance.meeting.id
    panel.context.set_current_item(assurance.psd.id)
    key(qtbot, panel, "Alt+D")
    page = panel.declarations
    assert panel.tabs.currentWidget() is page
    key(qtbot, panel, "Alt+W")
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
    assert "Choose who declares" in panel.error_label.text()
    assert len(attendance.list_declarations(book, meeting_id)) == 1

    key(qtbot, panel, "Alt+G")
    assert page.table.hasFocus()
    page.table.setCurrentIndex(page.model.index(0, 0))
    qtbot.keyClick(page.table, Qt.Key.Key_Delete)
    assert attendance.list_declarations(book, meeting_id) == []


def test_a_declaration_made_at_one_item_about_another(qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    """At the declarations item the DCC declares an interest in item 1.2: the item it is
    about is chosen, where it was made stays the item under discussion (Alt+L shows it),
    and Enter there records it (issue 17, point 8)."""
    panel = open_panel()
    book, meeting_id = panel.context.book, assurance.meeting.id
    panel.context.set_current_item(assurance.top.id)
    key(qtbot, panel, "Alt+D")
    page = panel.declarations
    key(qtbot, panel, "Alt+W")
    qtbot.keyClicks(page.who.lineEdit(), "Amanda Blakeman")
    press(qtbot, focused(), Qt.Key.Key_Tab)
    assert page.item.hasFocus() and page.item.currentData() == assurance.top.id
    qtbot.keyClick(page.item, Qt.Key.Key_Down)
    qtbot.keyClick(page.item, Qt.Key.Key_Down)  # 1.2 Telford
    qtbot.keyClick(page.item, Qt.Key.Key_Tab)
    qtbot.keyClicks(page.interest, "National lead for domestic burglary outcomes")
    key(qtbot, panel, "Alt+L")
    assert page.made_at.hasFocus() and page.made_at.currentData() == assurance.top.id
    qtbot.keyClick(page.made_at, Qt.Key.Key_Return)
    [made] = attendance.list_declarations(book, meeting_id)
    assert (made.item_id, made.made_at_item_id) == (assurance.telford.id, assurance.top.id)
    assert page.model.data(page.model.index(0, MADE_AT)) == "1 Outstanding matters"
    assert page.who.hasFocus()

    # Changed in the table, as any other cell: F2, a choice, Enter.
    key(qtbot, panel, "Alt+G")
    page.table.setCurrentIndex(page.model.index(0, MADE_AT))
    qtbot.keyClick(page.table, Qt.Key.Key_F2)
    combo = focused()
    assert isinstance(combo, QComboBox) and combo.currentText() == "1  Outstanding matters"
    qtbot.keyClick(combo, Qt.Key.Key_Down)  # 1.1 Professional Standards
    qtbot.keyClick(combo, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: attendance.list_declarations(book, meeting_id)[0].made_at_item_id
                    == assurance.psd.id)


def test_an_approved_meeting_is_read_only(qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    with MinuteBook.open(assurance.path) as book:
        attendance.record_attendance(book, assurance.meeting.id, assurance.cast.pcc.id)
        with book.unit_of_work() as session:
            meeting = session.get(Meeting, assurance.meeting.id)
            assert meeting is not None
            meeting.status = MeetingStatus.APPROVED
    panel = open_panel()
    assert not panel.context.editable
    assert panel.locked_label.isVisible()
    for widget in (panel.name_edit, panel.add_button, panel.fill_button,
                   panel.left_button, panel.declarations.add_button):
        assert not widget.isEnabled()
    assert not panel.model.flags(panel.model.index(0, STATUS)) & Qt.ItemFlag.ItemIsEditable
    panel.table.setFocus()
    panel.table.setCurrentIndex(panel.model.index(0, 0))
    qtbot.keyClick(panel.table, "A")
    assert rows(panel) == [("John Campion", PRESENT)]
    assert "approved" in panel.error_label.text()


def test_the_panel_follows_the_open_meeting(qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    context = panel.context
    press_button(qtbot, panel, "Alt+O", panel.fill_button)
    other = meetings.create_meeting(context.book, assurance.meeting.committee_id,
                                    "November meeting", dt.date(2017, 11, 29))
    context.open_meeting(other.id)
    assert panel.windowTitle() == "Attendance \u2014 November meeting"
    assert panel.model.rowCount() == 0
    context.open_meeting(assurance.meeting.id)
    assert panel.model.rowCount() == 5


def test_typing_in_the_name_box_completes_from_the_book(qtbot, open_panel) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    qtbot.keyClicks(panel.name_edit, "Blake")
    completer = panel.name_edit.completer()
    assert completer.completionCount() == 1
    assert completer.currentCompletion() == "Amanda Blakeman"
    assert isinstance(panel.name_edit, QLineEdit)


# -- the dock: beside the notes, there and back by keyboard, its own Alt+letters ----------

def window_of(panel):  # type: ignore[no-untyped-def]
    return panel.window()


def test_docked_beside_the_notes_on_a_small_screen(qtbot, open_window, assurance) -> None:  # type: ignore[no-untyped-def]
    window = open_window(assurance.path)
    window.resize(1366, 728)  # a 1366 x 768 laptop, less a panel and a title bar
    qtbot.waitUntil(lambda: window.width() == 1366)
    key(qtbot, window.notes.editor, "Ctrl+Shift+T")
    panel, dock = window.attendance_panel, window.attendance_dock
    qtbot.waitUntil(lambda: dock.width() > 300)
    assert window.size().width() == 1366  # the window did not grow to make room
    assert not dock.isFloating()

    def on_window(widget):  # type: ignore[no-untyped-def]
        return QRect(widget.mapTo(window, QPoint(0, 0)), widget.size())
    notes = window.notes.editor
    qtbot.waitUntil(lambda: notes.width() >= 300)  # room to go on typing
    assert not on_window(notes).intersects(on_window(dock))
    assert window.rect().contains(on_window(dock))

    # The declarations page: who and which item are readable, not squeezed to 30 px.
    attendance.add_declaration(panel.context.book, assurance.meeting.id,
                               assurance.cast.dcc.id, item_id=assurance.telford.id,
                               interest="National lead for domestic burglary outcomes")
    key(qtbot, panel, "Alt+D")
    panel.declarations.reload()
    header = panel.declarations.table.horizontalHeader()
    for column in (0, 1):
        assert header.sectionSize(column) >= header.sectionSizeHint(column)


def test_the_attendance_key_there_and_back(qtbot, open_window, assurance) -> None:  # type: ignore[no-untyped-def]
    window = open_window(assurance.path)
    notes, tree = window.notes.editor, window.agenda.tree
    notes.setFocus()
    key(qtbot, notes, "Ctrl+Shift+T")
    panel, dock = window.attendance_panel, window.attendance_dock
    assert panel.name_edit.hasFocus()  # an empty list: someone to add
    key(qtbot, panel.name_edit, "Escape")
    assert notes.hasFocus() and dock.isVisible()  # back to the notes, the list in view

    attendance.record_attendance(panel.context.book, assurance.meeting.id,
                                 assurance.cast.pcc.id)
    panel.context.attendance_changed.emit()
    tree.setFocus()
    key(qtbot, tree, "Ctrl+Shift+T")
    assert panel.table.hasFocus() and panel.table.currentIndex().row() == 0
    key(qtbot, panel.table, "Ctrl+Shift+T")  # again: put away, back to where it was
    assert tree.hasFocus() and not dock.isVisible()


def test_escape_closes_a_completion_list_before_leaving(qtbot, open_panel) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    window = window_of(panel)
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+Shift+T")
    qtbot.keyClicks(panel.name_edit, "Blake")
    popup = panel.name_edit.completer().popup()
    assert popup.isVisible()
    press(qtbot, panel.name_edit, Qt.Key.Key_Escape)
    assert not popup.isVisible() and panel.name_edit.hasFocus()
    key(qtbot, panel.name_edit, "Escape")
    assert window.notes.editor.hasFocus()


def test_the_panels_alt_letters_inside_and_the_windows_outside(
        qtbot, open_window, assurance) -> None:  # type: ignore[no-untyped-def]
    window = open_window(assurance.path)
    window.show_attendance()
    panel = window.attendance_panel
    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Alt+T")  # outside: the meeting's &Title
    assert window.header.title.hasFocus()
    key(qtbot, window.header.title, "Ctrl+Shift+T")
    for sequence, where in (("Alt+Y", panel.capacity_edit), ("Alt+B", panel.abbreviation_edit),
                            ("Alt+P", panel.name_edit), ("Alt+D", panel.declarations.who),
                            ("Alt+I", panel.declarations.item),
                            ("Alt+R", panel.declarations.interest),
                            ("Alt+G", panel.declarations.table),
                            ("Alt+T", panel.name_edit)):  # inside: the panel's own
        key(qtbot, focused(), sequence)
        assert focused() is where, sequence
    assert panel.tabs.currentIndex() == 0
    # The menus' letters are the window's everywhere.
    menus = []
    QTimer.singleShot(0, lambda: (menus.append(QApplication.activePopupWidget()),
                                  QApplication.activePopupWidget().close()))
    key(qtbot, focused(), "Alt+M")
    qtbot.waitUntil(lambda: bool(menus))
    assert isinstance(menus[0], QMenu) and menus[0].title() == "&Meeting"


def test_f6_in_the_list_records_the_person_selected(
        qtbot, open_panel, assurance, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    panel = open_panel()
    context = panel.context
    for person in (assurance.cast.pcc, assurance.cast.acc):
        attendance.record_attendance(context.book, assurance.meeting.id, person.id)
    context.attendance_changed.emit()
    context.set_current_item(assurance.telford.id)
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a: pytest.fail("asked who"))
    key(qtbot, panel.name_edit, "Escape")
    key(qtbot, window_of(panel).notes.editor, "Ctrl+Shift+T")
    key(qtbot, panel.table, "Down")  # the ACC
    key(qtbot, panel.table, "Shift+F6")
    acc = attendance.list_attendance(context.book, assurance.meeting.id)[1]
    assert (acc.person_name, acc.left_item_id) == ("Martin Evans", assurance.telford.id)


def test_a_dialog_gives_the_keyboard_back_after_the_name_box_completed(
        qtbot, open_panel, assurance) -> None:  # type: ignore[no-untyped-def]
    """Once the name box's completion list has been shown, a dialog opened and closed
    from the notes left Qt pointing the window at the box, hidden in the closed dock;
    the keyboard then went to the window's first field."""
    panel = open_panel()
    window = window_of(panel)
    qtbot.keyClicks(panel.name_edit, "Blake")
    press(qtbot, panel.name_edit, Qt.Key.Key_Return)  # the completion
    press(qtbot, panel.name_edit, Qt.Key.Key_Return)  # added
    key(qtbot, panel.name_edit, "Ctrl+Shift+T")  # put away
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)

    def cancel() -> None:
        dialog = QApplication.activeModalWidget()
        if dialog is None:
            QTimer.singleShot(10, cancel)
        else:
            dialog.reject()

    QTimer.singleShot(10, cancel)
    ask_and_record_movement(panel.context, "left", window)
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and focused() is not None)
    assert focused() is window.notes.editor


def test_the_dock_is_where_the_clerk_left_it_next_time(qtbot, open_window, assurance) -> None:  # type: ignore[no-untyped-def]
    window = open_window(assurance.path)
    window.show_attendance()
    window.close()
    again = open_window(assurance.path)
    assert again.attendance_dock.isVisible() and again.attendance_panel is not None
    assert again.attendance_panel.model.rowCount() == 0  # following the open meeting
