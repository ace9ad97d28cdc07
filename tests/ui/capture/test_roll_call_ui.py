"""The roll call typed into the notes of the real window, key by key: recorded as
attendance on Enter, shown in the attendance panel at once, undone with one Ctrl+Z.

The roll is a police and crime panel's, in the shapes of ../shared/reference/ and of
the panel's published minutes: members present, three apologies, two named
substitutes and two in attendance (the PCC and the DPCC).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QTextCursor
from PySide6.QtWidgets import QApplication

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, MeetingStatus
from minute_taker.domain.records import Abbreviation
from minute_taker.services import agenda, attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting
from minute_taker.ui.attendance.panel import AttendancePanel
from minute_taker.ui.attendance.qt_attendance_model import NAME, ROLE, STATUS, SUBSTITUTE

COUNCILLORS = ["Sebastian Bowen", "Jane Carwardine", "Roger Evans", "Carole Gandy",
               "Paul Middlebrough", "Malcolm Yates", "Rob Dakin", "Stephen Mackay",
               "Mark Turley"]
PANEL_ROLL = [
    "Present: Cllr Sebastian Bowen (Chairman), Cllrs Carwardine, Evans, Gandy, Middlebrough "
    "and Yates, Mr Colin Hayes (Independent Member)",
    "Apologies for absence were received from Cllrs Dakin, Mackay and Turley.",
    "Substitutes: Cllr Tony Miller for Cllr Stephen Mackay; Cllr Lee Carter for Cllr Mark "
    "Turley",
    "In attendance: John Campion (PCC), Tracey Onslow (DPCC)",
]


def set_up_panel(path: Path, *, status: MeetingStatus = MeetingStatus.DRAFT) -> None:
    """The panel's standing list and glossary, its meeting and agenda: set up beforehand,
    as a committee's people already are; the roll itself is typed."""
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(
            book, "West Mercia Police and Crime Panel", standing_items=[],
            abbreviations=[Abbreviation("PCC", "Police and Crime Commissioner"),
                           Abbreviation("DPCC", "Deputy Police and Crime Commissioner")])
        for name in COUNCILLORS:
            member = people.create_person(book, name, title="Cllr")
            committees.add_member(book, committee.id, member.id, AttendanceRole.MEMBER)
        hayes = people.create_person(book, "Colin Hayes", title="Mr")
        committees.add_member(book, committee.id, hayes.id, AttendanceRole.MEMBER)
        people.create_person(book, "John Campion", role="Police and Crime Commissioner",
                             abbreviation="PCC")
        people.create_person(book, "Tracey Onslow", role="Deputy Police and Crime Commissioner",
                             abbreviation="DPCC")
        people.create_person(book, "Tony Miller", title="Cllr")  # substituted before
        meeting = meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                          dt.date(2018, 2, 5))
        agenda.add_item(book, meeting.id, "Apologies and named substitutes")
        agenda.add_item(book, meeting.id, "Police and Crime Plan activity and performance")
        if status is not MeetingStatus.DRAFT:
            with book.unit_of_work() as session:
                row = session.get(Meeting, meeting.id)
                assert row is not None
                row.status = status


class Keys:
    """Key events into whatever has the focus, counted as a clerk's keystrokes."""

    def __init__(self, qtbot) -> None:  # type: ignore[no-untyped-def]
        self.qtbot = qtbot
        self.count = 0

    def focused(self):  # type: ignore[no-untyped-def]
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def type(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)
        self.count += len(text)

    def enter(self) -> None:
        self.press("Return")

    def press(self, sequence: str) -> None:
        combo = QKeySequence(sequence)[0]
        self.qtbot.keyClick(self.focused(), combo.key(), combo.keyboardModifiers())
        self.count += 1


def open_panel(open_window, book_path: Path, qtbot):  # type: ignore[no-untyped-def]
    """The window on the panel's meeting, the attendance panel docked beside the notes,
    and the cursor in the notes of item 1."""
    window = open_window(book_path)
    panel = window.show_attendance()
    window.notes.editor.setFocus()
    qtbot.waitUntil(lambda: QApplication.focusWidget() is window.notes.editor)
    return window, panel


def shown(panel: AttendancePanel) -> dict[str, tuple[str, str, str]]:
    """What the attendance panel's table shows: name -> status, role, substitute for."""
    model = panel.model
    return {model.data(model.index(row, NAME)): tuple(
        str(model.data(model.index(row, column))) for column in (STATUS, ROLE, SUBSTITUTE))
        for row in range(model.rowCount())}


def test_the_panel_roll_typed_costs_no_keys_beyond_its_text(
        qtbot, open_window, book_path: Path) -> None:
    set_up_panel(book_path)
    window, panel = open_panel(open_window, book_path, qtbot)
    keys = Keys(qtbot)
    for line in PANEL_ROLL:
        keys.type(line)
        keys.enter()
    keys.type("The Chairman welcomed Cllr Carter to his first meeting.")

    text = "\n".join(PANEL_ROLL) + "\nThe Chairman welcomed Cllr Carter to his first meeting."
    extra = keys.count - len(text)
    overhead = extra / len(text)
    print(f"\nroll call by typing: {keys.count} keys for {len(text)} characters of text, "
          f"{extra} extra ({overhead:.1%})")
    assert overhead <= 0.05

    book, meeting_id = window.context.book, window.context.meeting_id
    rows = attendance.list_attendance(book, meeting_id)
    by_status: dict[AttendanceStatus, list[str]] = {}
    for row in rows:
        by_status.setdefault(row.status, []).append(row.person_name)
    assert by_status[AttendanceStatus.APOLOGIES] == ["Rob Dakin", "Stephen Mackay",
                                                     "Mark Turley"]
    assert len(by_status[AttendanceStatus.PRESENT]) == 7 + 2 + 2  # members, subs, PCC, DPCC
    assert attendance.substitution_notes(book, meeting_id) == [
        "Cllr Tony Miller for Cllr Stephen Mackay", "Cllr Lee Carter for Cllr Mark Turley"]
    attending = {r.person_name: r.capacity for r in rows
                 if r.role is AttendanceRole.IN_ATTENDANCE}
    assert attending == {"John Campion": "Police and Crime Commissioner (PCC)",
                        "Tracey Onslow": "Deputy Police and Crime Commissioner (DPCC)"}
    # The attendance panel followed each line as it was entered.
    table = shown(panel)
    assert len(table) == len(rows) == 14
    assert table["Lee Carter"][2] == "Mark Turley"
    assert table["Stephen Mackay"][0] == table["Mark Turley"][0] != table["Tony Miller"][0]
    # The lines stay in the minutes as typed: minutes print them under the item.
    window.context.autosave.flush()
    minutes = agenda.get_item_minutes(book, window.context.current_item_id)
    for line in PANEL_ROLL:
        assert line.replace("&", "&amp;") in minutes
    assert window.statusBar().currentMessage() == (
        "Roll call, in attendance: John Campion, Tracey Onslow. Ctrl+Z to undo.")


def test_one_ctrl_z_takes_a_roll_line_back_and_it_can_be_corrected(
        qtbot, open_window, book_path: Path) -> None:
    set_up_panel(book_path)
    window, panel = open_panel(open_window, book_path, qtbot)
    keys = Keys(qtbot)
    keys.type("Apologies: Cllrs Dakin, Mackay and Turley")
    keys.enter()
    keys.type("Substitutes: Cllr Tony Miller for Cllr Stephen Mackay, Cllr Lee Cartr for "
              "Cllr Mark Turley")
    keys.enter()
    book, meeting_id = window.context.book, window.context.meeting_id
    assert people.find_person(book, "Lee Cartr") is not None  # a typo made a new person
    assert "Lee Cartr" in shown(panel)

    keys.press("Ctrl+Z")  # one step: the substitutes go, the line is back to be corrected
    assert "Lee Cartr" not in shown(panel) and "Tony Miller" not in shown(panel)
    assert people.find_person(book, "Lee Cartr") is None
    assert {r.person_name for r in attendance.list_attendance(book, meeting_id)} == {
        "Rob Dakin", "Stephen Mackay", "Mark Turley"}
    notes = window.notes.editor
    assert notes.toPlainText().endswith("Cllr Lee Cartr for Cllr Mark Turley")
    assert notes.textCursor().atEnd()

    for _ in range(5):  # back to "Cartr"
        keys.press("Ctrl+Left")
    for _ in range(4):
        keys.press("Right")
    keys.type("e")
    keys.press("Ctrl+End")  # End goes to the end of a wrapped line's visible part
    keys.enter()
    assert shown(panel)["Lee Carter"][2] == "Mark Turley"
    assert notes.toPlainText().splitlines()[1].endswith("Cllr Lee Carter for Cllr Mark Turley")

    keys.press("Ctrl+Z")
    assert "Lee Carter" not in shown(panel)
    keys.press("Ctrl+Shift+Z")  # and redo
    assert shown(panel)["Lee Carter"][2] == "Mark Turley"
    assert people.find_person(book, "Lee Carter") is not None


def test_what_is_not_understood_is_said_and_nothing_is_guessed(
        qtbot, open_window, book_path: Path) -> None:
    set_up_panel(book_path)
    with MinuteBook.open(book_path) as book:  # a second Cllr Evans on the panel
        jane = people.create_person(book, "Jane Evans", title="Cllr")
        committees.add_member(book, committees.list_committees(book)[0].id, jane.id,
                              AttendanceRole.MEMBER)
    window, panel = open_panel(open_window, book_path, qtbot)
    keys = Keys(qtbot)
    keys.type("Apologies: Cllr Dakin, Cllr Evans, CEX")
    keys.enter()
    message = window.statusBar().currentMessage()
    assert "Cllr Rob Dakin" in message
    assert "Cllr Evans: which one" in message and "CEX: nobody" in message
    assert "CEX" in panel.error_label.text()  # said in the attendance panel too
    assert list(shown(panel)) == ["Rob Dakin"]


def test_ordinary_lines_and_an_enter_inside_a_roll_line_are_left_alone(
        qtbot, open_window, book_path: Path) -> None:
    set_up_panel(book_path)
    window, panel = open_panel(open_window, book_path, qtbot)
    keys = Keys(qtbot)
    keys.type("Presently the panel has ten members.")
    keys.enter()
    keys.type("Apologies: Cllr Dakin and Cllr Mackay")
    notes = window.notes.editor
    cursor = notes.textCursor()
    cursor.movePosition(QTextCursor.MoveOperation.Left, n=len(" and Cllr Mackay"))
    notes.setTextCursor(cursor)
    keys.enter()  # splits the line being written, as Enter always does
    assert notes.toPlainText().splitlines() == [
        "Presently the panel has ten members.", "Apologies: Cllr Dakin", " and Cllr Mackay"]
    assert shown(panel) == {}
    assert window.context.undo_stack.count() > 0  # typing, nothing else


def test_approved_minutes_record_nothing(qtbot, open_window, book_path: Path) -> None:
    set_up_panel(book_path, status=MeetingStatus.APPROVED)
    with MinuteBook.open(book_path) as book:
        meeting_id = meetings.list_meetings(book)[0].id
        first = agenda.list_items(book, meeting_id)[0].id
        with book.unit_of_work() as session:  # typed before approval
            row = session.get(Meeting, meeting_id)
            assert row is not None
            row.status = MeetingStatus.DRAFT
        agenda.set_item_minutes(book, first, "<p>Apologies: Cllr Dakin</p>")
        with book.unit_of_work() as session:
            row = session.get(Meeting, meeting_id)
            assert row is not None
            row.status = MeetingStatus.APPROVED
    window = open_window(book_path)
    editor = window.notes.editor
    editor.setFocus()
    editor.moveCursor(QTextCursor.MoveOperation.End)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    assert attendance.list_attendance(window.context.book, meeting_id) == []
