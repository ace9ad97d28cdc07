"""A police and crime panel meeting minuted from the keyboard alone, in the narrative
style of the panel's published minutes (../shared/reference/panel-item-*.txt): the roll
call typed in the notes (present, apologies, a named substitute, those in attendance),
a declaration of interest entered in the attendance panel, the minutes of a meeting
kept before the book confirmed by their date, a report with its paper (format and
size), discussion points as nested bullets, a decision agreed mid-paragraph and two
"RESOLVED that ..." paragraphs kept where they were said, one with a recorded vote, a
member leaving, actions, and the date of the next meeting typed as a line.

The committee, its people (with their councils), its quorum and contact, the meeting
and its published agenda are set up through the services, as they would be in the book
before the meeting; everything said at the meeting is typed: key clicks and shortcuts,
and no call into a widget but to find it or read it. After each step the keyboard and
the current item are where a clerk expects them. The book is then closed, reopened and
read back through the services, and the meeting is exported in every format and both
house styles: each file is read back as text and the key wording is there once, in the
order it was said.
"""

from __future__ import annotations

import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QWidget
from ui_keys import key, type_bullets, when_dialog_has_focus

from minute_taker.domain.decision_marks import passages
from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, DecisionKind, VoteChoice
from minute_taker.domain.records import Abbreviation
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    decisions,
    documents,
    interchange,
    meetings,
    people,
)
from minute_taker.store.book import MinuteBook
from minute_taker.ui.agenda.paper_dialog import PaperDialog
from minute_taker.ui.capture.confirm_date_dialog import ConfirmDateDialog
from minute_taker.ui.capture.decision_dialog import DecisionDialog
from minute_taker.ui.capture.named_vote_dialog import NamedVoteDialog

PANEL = "West Mercia Police and Crime Panel"
COUNCILLORS = [  # name, council
    ("Sebastian Bowen", "Herefordshire Council"),
    ("Jane Carwardine", "Herefordshire Council"),
    ("Roger Evans", "Shropshire Council"),
    ("Carole Gandy", "Wyre Forest District Council"),
    ("Paul Middlebrough", "Wychavon District Council"),
    ("Malcolm Yates", "Telford and Wrekin Council"),
    ("Rob Dakin", "Shropshire Council"),
    ("Stephen Mackay", "Worcestershire County Council"),
]
OFFICERS = [  # name, role, abbreviation
    ("John Campion", "Police and Crime Commissioner", "PCC"),
    ("Tracey Onslow", "Deputy Police and Crime Commissioner", "DPCC"),
    ("Amanda Blakeman", "Deputy Chief Constable", "DCC"),
]
AGENDA = [
    "Apologies and Named Substitutes",
    "Declarations of Interest",
    "Public Participation",
    "Confirmation of the Minutes of the previous meeting",
    "Police and Crime Plan Activity and Performance Monitoring Report",
    "Commissioner's verbal update on the Police and Crime Plan",
    "Precept consultation 2018/19",
    "Work Programme 2017/18",
    "Date of next meeting",
]
CONTACT = "Contact: Sheena Jones, Democratic Governance Services Manager, 01905 844871"

ROLL = [
    "Present: Cllr Sebastian Bowen (Chairman), Cllrs Carwardine, Evans, Gandy, Middlebrough "
    "and Yates, Mr Colin Hayes (Independent Member)",
    "Apologies: Cllrs Dakin and Mackay",
    "Substitutes: Cllr Tony Miller for Cllr Stephen Mackay",
    "In attendance: PCC, DPCC, DCC",
]
WELCOME = "The Chairman welcomed Cllr Miller, attending the Panel for the first time."
INTEREST = "who was a trustee of West Mercia Women's Aid"
PAPER = ("Performance monitoring report, July to September 2017",
         "https://westmercia.moderngov.co.uk/mgConvert2PDF.aspx?ID=18270", "PDF", "182 KB")

PERFORMANCE_OPENING = (
    "The Panel was invited to consider the Police and Crime Plan Activity and Performance "
    "Monitoring Report (July to September 2017) and determine whether it would wish to "
    "carry out any further scrutiny or make any comments.")
PERFORMANCE_HIGHLIGHTS: list[str | tuple[str, ...]] = [
    "Perpetrator Programme: preparatory work was underway to enable the Drive perpetrator "
    "programme to be implemented in Worcestershire, which had the highest number of cases "
    "referred into the risk assessment conference.",
    "Missing Persons: the number of missing persons had seen a 9% reduction across West "
    "Mercia, with a marked decrease of 21% in Telford and Wrekin due to a refreshed focus "
    "on missing people as part of Operation Vesta.",
    ("The PCC had reviewed his monthly Holding to Account sessions with the Chief "
     "Constable and would hold:",
     "four performance sessions;", "five thematic sessions;", "two public sessions."),
]
PERFORMANCE_DISCUSSION: list[str | tuple[str, ...]] = [
    "Colour copies of the Performance Summary Report would in future only be made "
    "available on request, but would be referenced by a web link in the covering report.",
    "A Panel Member praised the Rural and Business Crime Officers, whose work would "
    "greatly benefit rural communities.",
    ("HMICFRS had published two force-specific inspection reports as part of its rolling "
     "PEEL inspection programme:",
     "PEEL Efficiency, where West Mercia was graded good overall, with two areas for "
     "improvement;",
     "PEEL Legitimacy, where West Mercia was graded as requiring improvement overall, with "
     "eight areas for improvement."),
    "Members asked how the force would address the areas for improvement in the "
    "legitimacy inspection, in particular its use of stop and search.",
]
PERFORMANCE_ACTION = ("ACTION: DCC to share the force's legitimacy improvement plan with the "
                      "Panel by end January 2018")
NOTED = "The Report was noted."

UPDATE_OPENING = ("The Commissioner provided a verbal update on activity and performance "
                  "relating to the West Mercia Police and Crime Plan. The following points "
                  "were highlighted:")
UPDATE_POINTS: list[str | tuple[str, ...]] = [
    "work on the alliance would continue to deliver the savings required whilst also "
    "ensuring efficiencies within the service;",
    "investing in technology (spend to save) would underpin the efficient use of vehicles "
    "within the Force;",
    ("60% of offenders were persistent and there was a need to focus on:",
     "the prevention of crime;",
     "the rehabilitation of offenders, working closely with the Community Rehabilitation "
     "Company."),
    "a grant of one million pounds would be provided to support victims.",
]
UPDATE_DISCUSSION_OPENING = "In discussion the following points were made and responded to:"
UPDATE_DISCUSSION: list[str | tuple[str, ...]] = [
    "Responding to a question on radicalisation, the Commissioner stated that his office "
    "was working closely with the Community Safety Partnerships and that the Force was not "
    "complacent.",
    "Responding to a question about the Multi Agency Safeguarding Hub in Hereford, the "
    "Commissioner advised that the hub was working well and would be rolled out across "
    "West Mercia.",
    "The Commissioner confirmed that there was nothing unexpected in the Autumn Statement "
    "relating to the Police Service.",
]
AGREED_BEFORE = "Members asked about the relocation of officers and the cost of mileage. "
AGREED = ("It was agreed that the Commissioner would raise the use and cost of vehicles with "
          "the Chief Constable and report back to the Panel.")
AGREED_AFTER = " The Chairman thanked the Commissioner for his update."
UPDATE_RESOLVED = ("RESOLVED that the Panel notes the Commissioner's update on the West "
                   "Mercia Police and Crime Plan Activity and Performance.")

PRECEPT_OPENING = ("The Commissioner outlined his intention to consult residents on the "
                   "policing element of the council tax for 2018/19, following the "
                   "provisional police grant settlement.")
PRECEPT_POINTS: list[str | tuple[str, ...]] = [
    "the consultation would run for six weeks, online and at public events in each local "
    "policing area;",
    "an increase of up to 12 pounds a year for a Band D property would fund an additional "
    "100 police officers;",
    "the Panel would formally consider the proposed precept at its meeting in February.",
]
PRECEPT_DEBATE = ("Some Members felt that residents should be offered a choice of options; "
                  "others supported the proposal as set out. A recorded vote was requested.")
PRECEPT_RESOLVED = ("RESOLVED that the Panel supports the Commissioner's proposal to consult "
                    "the public on a precept increase of up to 12 pounds for a Band D "
                    "property.")
VOTES = "ffaffsf"  # F, A, S down the voters: Bowen ... Hayes, then the substitute Miller
NAMED_VOTE = ("For: Cllrs Sebastian Bowen, Jane Carwardine, Paul Middlebrough, Malcolm Yates, "
              "Tony Miller (5). Against: Cllr Carole Gandy (1). Abstained: Mr Colin Hayes (1).")

PROGRAMME = ("The Panel considered its work programme for 2017/18. Members asked to receive "
             "the annual report on complaints handling at a future meeting.")
PROGRAMME_ACTION = ("ACTION: PCC to provide the Panel with a timetable for the annual "
                    "complaints report by end January 2018")
PROGRAMME_NOTED = "The work programme was noted."
NEXT_LINE = "Date of next meeting: Tuesday 6 February 2018 at 10.30am, Council Chamber"

CONFIRMED = ("the minutes of the meeting held on 26 September 2017 be agreed as a correct "
             "record and signed by the Chair.")
SUBSTITUTE = "Cllr Tony Miller for Cllr Stephen Mackay (Worcestershire County Council)"
DEPARTURE = "Cllr Roger Evans left the meeting after item 6."
NEXT_MEETING = "Date of next meeting: Tuesday 6 February 2018 at 10:30, Council Chamber"
# Made at item 2 about item 5: printed where it was made, naming the item it is about.
DECLARED = ("Cllr Carole Gandy, who was a trustee of West Mercia Women's Aid, declared a "
            "non-pecuniary interest in item 5.")
ACTIONS = ("share the force's legitimacy improvement plan with the Panel",
           "provide the Panel with a timetable for the annual complaints report")
STYLES = ("committee-minutes", "action-notes")
FORMATS = ("pdf", "docx", "html", "md", "txt")


def set_up_panel(path: Path) -> None:
    """The panel as the book holds it before the meeting: members and their councils, the
    independent member, the Commissioner's team, the substitute (who has sat before),
    the quorum and the contact officer; the meeting and its published agenda."""
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(
            book, PANEL, standing_items=[],
            abbreviations=[Abbreviation("PCC", "Police and Crime Commissioner"),
                           Abbreviation("DPCC", "Deputy Police and Crime Commissioner")])
        committees.update_committee(
            book, committee.id, quorum="4", contact_name="Sheena Jones",
            contact_details="Democratic Governance Services Manager, 01905 844871")
        for name, council in COUNCILLORS:
            member = people.create_person(book, name, title="Cllr", organisation=council)
            committees.add_member(book, committee.id, member.id, AttendanceRole.MEMBER)
        hayes = people.create_person(book, "Colin Hayes", title="Mr")
        committees.add_member(book, committee.id, hayes.id, AttendanceRole.MEMBER)
        for name, role, short in OFFICERS:
            people.create_person(book, name, role=role, abbreviation=short)
        people.create_person(book, "Tony Miller", title="Cllr")
        meeting = meetings.create_meeting(book, committee.id, PANEL, dt.date(2017, 12, 5),
                                          venue="Council Chamber, County Hall, Worcester")
        for title in AGENDA:
            agenda.add_item(book, meeting.id, title)


class Clerk:
    """Keys into whatever has the keyboard, as the clerk presses them."""

    def __init__(self, qtbot, window) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.window = qtbot, window
        self.notes = window.notes.editor
        self.numbers = {i.id: i.number for i in agenda.list_items(
            window.context.book, window.context.meeting_id)}

    def focused(self) -> QWidget:
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def keys(self, sequence: str) -> None:
        key(self.qtbot, self.focused(), sequence)

    def write(self, text: str) -> None:
        self.qtbot.keyClicks(self.focused(), text)

    def enter(self) -> None:
        self.qtbot.keyClick(self.focused(), Qt.Key.Key_Return)

    def lines(self, *lines: str) -> None:
        for line in lines:
            self.write(line)
            self.enter()

    def bullets(self, *points: str | tuple[str, ...]) -> None:
        type_bullets(self, *points)

    def current(self) -> str:
        item_id = self.window.context.current_item_id
        assert item_id is not None
        return self.numbers[item_id]

    def assert_typing_in(self, number: str) -> None:
        assert self.notes.hasFocus(), self.focused()
        assert self.current() == number

    def next_item(self, number: str) -> None:
        self.keys("Ctrl+PgDown")
        self.assert_typing_in(number)

    def back_in(self) -> None:
        """Offscreen, the window's activation comes back late after a modal dialog."""
        self.window.activateWindow()
        self.qtbot.waitUntil(lambda: self.window.isActiveWindow()
                             and QApplication.focusWidget() is not None)

    def back_in_notes(self) -> None:
        self.window.activateWindow()
        self.qtbot.waitUntil(self.notes.hasFocus)

    def answering(self, fill: Callable[[QWidget], None], sequence: str, *,
                  kind: type[QWidget] | None = None) -> None:
        """Press a key that opens a modal dialog, answered by ``fill`` once it is up."""
        when_dialog_has_focus(fill, kind=kind)
        self.keys(sequence)


def roll_call(clerk: Clerk) -> None:
    """Item 1: the roll typed as the minutes print it; each line recorded on Enter."""
    clerk.lines(*ROLL)
    clerk.lines(WELCOME)
    clerk.assert_typing_in("1")


def declaration(clerk: Clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Item 2: Cllr Gandy declares an interest in item 5, entered on the attendance
    panel's declarations page (Alt+D, Alt+W, Tab through item, interest and nature)."""
    window = clerk.window
    clerk.keys("Ctrl+Shift+T")
    panel = window.attendance_panel
    assert panel.isVisible() and panel.table.hasFocus()  # the roll is there already
    clerk.keys("Alt+D")
    page = panel.declarations
    assert panel.tabs.currentWidget() is page
    clerk.keys("Alt+W")
    assert page.who.hasFocus()
    clerk.write("Cllr Carole Gandy")
    qtbot.keyClick(QApplication.activePopupWidget() or clerk.focused(), Qt.Key.Key_Tab)
    assert page.item.hasFocus() and page.item.currentText().startswith("2 ")
    for _ in range(3):
        clerk.keys("Down")
    assert page.item.currentText().startswith("5 ")
    clerk.keys("Tab")
    assert page.interest.hasFocus()
    clerk.write(INTEREST)
    clerk.keys("Tab")
    clerk.write("Non-pecuniary")
    clerk.enter()
    assert page.model.rowCount() == 1 and page.who.hasFocus()
    clerk.keys("Ctrl+Shift+T")  # put away: back to the notes
    assert not panel.isVisible()
    clerk.assert_typing_in("2")
    clerk.lines("No other interests were declared.")


def confirm_previous_minutes(clerk: Clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Item 4: Ctrl+Shift+C; the minutes were kept before the book, so their date."""
    seen: list[str] = []

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, ConfirmDateDialog)
        qtbot.keyClicks(dialog.field.edit, "26 September 2017")
        seen.append(dialog.field.message.text())
        key(qtbot, dialog.field.edit, "Return")

    clerk.answering(fill, "Ctrl+Shift+C")
    assert seen == ["Reads as Tue 26 Sep 2017"]
    clerk.back_in_notes()
    clerk.assert_typing_in("4")


def add_paper(clerk: Clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Item 5's report, from the item details (Ctrl+Shift+D): a link typed with the
    format and size the site gives for it."""
    details = clerk.window.notes.details
    clerk.keys("Ctrl+Shift+D")
    assert details.isVisible() and details.description.hasFocus()
    for _ in range(8):
        if details.add_link.hasFocus():
            break
        clerk.keys("Tab")
    assert details.add_link.hasFocus()
    title, location, paper_format, size = PAPER

    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, PaperDialog) and dialog.location.hasFocus()
        qtbot.keyClicks(dialog.location, location)
        key(qtbot, dialog.location, "Alt+T")
        qtbot.keyClicks(dialog.title, title)
        key(qtbot, dialog.title, "Alt+F")
        qtbot.keyClicks(dialog.paper_format, paper_format)
        qtbot.keyClick(dialog.paper_format, Qt.Key.Key_Tab)
        qtbot.keyClicks(dialog.paper_size, size)
        qtbot.keyClick(dialog.paper_size, Qt.Key.Key_Return)

    clerk.answering(fill, "Space")
    clerk.back_in()
    assert details.add_link.hasFocus() and clerk.current() == "5"
    assert details.papers.item(0).text() == f"{title} ({paper_format} {size}) \u2014 {location}"
    clerk.keys("Ctrl+Shift+D")  # details put away: back to the notes
    assert not details.isVisible()
    clerk.assert_typing_in("5")


def performance_report(clerk: Clerk) -> None:
    clerk.lines(PERFORMANCE_OPENING, "In presenting the report, the PCC and the DPCC "
                "highlighted:")
    clerk.bullets(*PERFORMANCE_HIGHLIGHTS)
    clerk.lines("During the discussion, the following points were made:")
    clerk.bullets(*PERFORMANCE_DISCUSSION)
    clerk.lines(PERFORMANCE_ACTION)
    clerk.write(NOTED)
    clerk.assert_typing_in("5")


def record_decision(clerk: Clerk, qtbot, kind: DecisionKind) -> None:  # type: ignore[no-untyped-def]
    """Ctrl+Shift+R on the selection or the line; Ctrl+Return keeps it as it reads."""
    def fill(dialog: QWidget) -> None:
        assert isinstance(dialog, DecisionDialog)
        assert dialog.kind.currentData() == kind.value
        key(qtbot, QApplication.focusWidget(), "Ctrl+Return")

    clerk.answering(fill, "Ctrl+Shift+R", kind=DecisionDialog)
    clerk.back_in_notes()


def verbal_update(clerk: Clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Item 6: the update and its discussion; a decision agreed in the middle of a
    paragraph, selected with Shift+Left; the closing RESOLVED paragraph, from its line."""
    clerk.lines(UPDATE_OPENING)
    clerk.bullets(*UPDATE_POINTS)
    clerk.lines(UPDATE_DISCUSSION_OPENING)
    clerk.bullets(*UPDATE_DISCUSSION)
    clerk.write(AGREED_BEFORE + AGREED + AGREED_AFTER)
    for _ in AGREED_AFTER:
        clerk.keys("Left")
    for _ in AGREED:
        clerk.keys("Shift+Left")
    record_decision(clerk, qtbot, DecisionKind.AGREED)
    assert clerk.notes.textCursor().position() == \
        clerk.notes.toPlainText().index(AGREED) + len(AGREED)
    clerk.keys("Ctrl+End")
    clerk.enter()
    clerk.write(UPDATE_RESOLVED)
    record_decision(clerk, qtbot, DecisionKind.RESOLVED)
    clerk.assert_typing_in("6")


def evans_leaves(clerk: Clerk, qtbot) -> None:  # type: ignore[no-untyped-def]
    """Shift+F6 at the end of item 6: who left, typed into the list of those present."""
    offered: list[str] = []

    def fill(dialog: QWidget) -> None:
        offered.append(dialog.windowTitle())
        key(qtbot, QApplication.focusWidget(), "Ctrl+A")
        qtbot.keyClicks(QApplication.focusWidget(), "Roger Evans")
        qtbot.keyClick(QApplication.activePopupWidget() or QApplication.focusWidget(),
                       Qt.Key.Key_Return)

    clerk.answering(fill, "Shift+F6")
    assert offered == ["Left now"]
    clerk.back_in_notes()
    clerk.assert_typing_in("6")


def recorded_vote(clerk: Clerk, qtbot) -> list[str]:  # type: ignore[no-untyped-def]
    """Item 7: the RESOLVED paragraph with a recorded vote: Alt+R in the decision dialog,
    F/A/S as the chair reads the names, Ctrl+Return twice. The names offered are
    returned."""
    clerk.lines(PRECEPT_OPENING)
    clerk.bullets(*PRECEPT_POINTS)
    clerk.lines(PRECEPT_DEBATE)
    clerk.write(PRECEPT_RESOLVED)
    names: list[str] = []

    def vote(dialog: QWidget) -> None:
        assert isinstance(dialog, NamedVoteDialog)
        table = dialog.table
        names.extend(cell.text() for r in range(table.rowCount())
                     if (cell := table.item(r, 0)) is not None)
        qtbot.keyClicks(table, VOTES)
        key(qtbot, table, "Ctrl+Return")

    def decision(dialog: QWidget) -> None:
        assert isinstance(dialog, DecisionDialog)
        assert dialog.kind.currentData() == DecisionKind.RESOLVED.value
        when_dialog_has_focus(vote, kind=NamedVoteDialog)
        key(qtbot, QApplication.focusWidget(), "Alt+R")  # clicks the button after a moment
        qtbot.waitUntil(lambda: [box.value() for box in dialog.votes] == [5, 1, 1])
        qtbot.waitUntil(lambda: QApplication.focusWidget() is dialog.named_button)
        key(qtbot, QApplication.focusWidget(), "Ctrl+Return")

    clerk.answering(decision, "Ctrl+Shift+R")
    clerk.back_in_notes()
    clerk.assert_typing_in("7")
    return names


def test_a_police_and_crime_panel_meeting_typed_from_the_keyboard(  # type: ignore[no-untyped-def]
        qtbot, open_window, book_path: Path, tmp_path: Path) -> None:
    set_up_panel(book_path)
    window = open_window(book_path)
    clerk = Clerk(qtbot, window)
    clerk.keys("Ctrl+Shift+E")  # back to the notes, wherever the window opened
    clerk.assert_typing_in("1")
    clerk.keys("F5")  # the meeting starts

    roll_call(clerk)
    assert attendance.substitution_notes(window.context.book, window.context.meeting_id) == [
        SUBSTITUTE]
    clerk.next_item("2")
    declaration(clerk, qtbot)
    clerk.next_item("3")
    clerk.lines("There was no public participation.")
    clerk.next_item("4")
    confirm_previous_minutes(clerk, qtbot)
    clerk.next_item("5")
    add_paper(clerk, qtbot)
    performance_report(clerk)
    clerk.next_item("6")
    verbal_update(clerk, qtbot)
    evans_leaves(clerk, qtbot)
    clerk.next_item("7")
    voters = recorded_vote(clerk, qtbot)
    assert voters == ["Cllr Sebastian Bowen", "Cllr Jane Carwardine", "Cllr Carole Gandy",
                      "Cllr Paul Middlebrough", "Cllr Malcolm Yates", "Mr Colin Hayes",
                      "Cllr Tony Miller"]  # not Cllr Evans, who left after item 6
    clerk.next_item("8")
    clerk.lines(PROGRAMME, PROGRAMME_ACTION, PROGRAMME_NOTED)
    clerk.next_item("9")
    clerk.lines(NEXT_LINE)
    clerk.assert_typing_in("9")
    header = window.context.header
    assert (header.next_meeting_date, header.next_meeting_time, header.next_meeting_venue) \
        == (dt.date(2018, 2, 6), dt.time(10, 30), "Council Chamber")
    clerk.keys("Shift+F5")  # the meeting closes
    window.context.autosave.flush()
    window.close()
    window.context.book.close()

    again = open_window(book_path)
    book, meeting_id = again.context.book, again.context.meeting_id
    check_the_book(book, meeting_id)
    check_every_export(interchange.export_meeting(book, meeting_id), tmp_path)


def check_the_book(book: MinuteBook, meeting_id: int) -> None:
    items = {i.number: i for i in agenda.list_items(book, meeting_id)}
    assert [(n, i.title) for n, i in items.items()] == [
        (str(n), title) for n, title in enumerate(AGENDA, start=1)]
    minutes = {n: agenda.get_item_minutes(book, i.id) for n, i in items.items()}
    said = {n: [(d.kind, d.text, d.in_notes) for d in decisions.list_decisions(book, i.id)]
            for n, i in items.items()}

    rows = {r.person_name: r for r in attendance.list_attendance(book, meeting_id)}
    assert {n for n, r in rows.items() if r.status is AttendanceStatus.APOLOGIES} == {
        "Rob Dakin", "Stephen Mackay"}
    assert {n for n, r in rows.items() if r.role is AttendanceRole.IN_ATTENDANCE} == {
        "John Campion", "Tracey Onslow", "Amanda Blakeman"}
    assert attendance.substitution_notes(book, meeting_id) == [SUBSTITUTE]
    assert rows["Roger Evans"].left_item_id == items["6"].id
    assert attendance.movement_notes(book, meeting_id) == [DEPARTURE]
    for line in ROLL:
        assert line in minutes["1"]

    [declared] = attendance.list_declarations(book, meeting_id)
    assert (declared.person_name, declared.item_id, declared.interest, declared.nature,
            declared.made_at_item_id) == (
        "Carole Gandy", items["5"].id, INTEREST, "Non-pecuniary", items["2"].id)

    assert said["4"] == [(DecisionKind.RESOLVED, f"that {CONFIRMED}", False)]
    [paper] = documents.list_documents(book, items["5"].id)
    assert (paper.title, paper.format, paper.size_bytes) == (PAPER[0], "PDF", 182 * 1024)
    assert "ACTION" not in minutes["5"] and NOTED in minutes["5"]
    assert said["6"] == [(DecisionKind.AGREED, AGREED, True),
                         (DecisionKind.RESOLVED, UPDATE_RESOLVED, True)]
    assert sorted(passages(minutes["6"]).values()) == sorted([AGREED, UPDATE_RESOLVED])
    [vote] = decisions.list_decisions(book, items["7"].id)
    assert (vote.text, vote.in_notes, vote.votes_for, vote.votes_against,
            vote.votes_abstained) == (PRECEPT_RESOLVED, True, 5, 1, 1)
    by_id = {p.id: p.name for p in people.list_people(book)}
    assert [(by_id[who], how) for who, how in vote.named_votes] == [
        ("Sebastian Bowen", VoteChoice.FOR), ("Jane Carwardine", VoteChoice.FOR),
        ("Carole Gandy", VoteChoice.AGAINST), ("Paul Middlebrough", VoteChoice.FOR),
        ("Malcolm Yates", VoteChoice.FOR), ("Colin Hayes", VoteChoice.ABSTAINED),
        ("Tony Miller", VoteChoice.FOR)]

    captured = [(a.item_number, a.owner_text, a.due_date)
                for a in actions.list_actions(book, meeting_id)]
    assert captured == [("5", "DCC", dt.date(2018, 1, 31)), ("8", "PCC", dt.date(2018, 1, 31))]
    header = meetings.get_header(book, meeting_id)
    assert (header.next_meeting_date, header.next_meeting_time, header.next_meeting_venue) \
        == (dt.date(2018, 2, 6), dt.time(10, 30), "Council Chamber")
    assert header.start_time is not None and header.end_time is not None
    assert NEXT_LINE in minutes["9"]


def _read_back() -> Callable[..., str]:
    """The export tests' read-back of a file as a reader gets it (tests/export_files is
    on the import path only while its own tests run)."""
    folder = str(Path(__file__).parents[1] / "export_files")
    sys.path.insert(0, folder)
    try:
        from test_real_minutes_fields import read_back
    finally:
        sys.path.remove(folder)
    return read_back  # type: ignore[no-any-return]


def _plain(text: str) -> str:
    return " ".join(text.replace("\u2019", "'").replace("\u2018", "'").split())


def said_in_order(style: str) -> list[str]:
    """The wording every file must hold, in the order it is printed: the attendance, then
    each item's title and what was said under it, then the foot."""
    in_section = style == "action-notes"
    return [
        SUBSTITUTE, *([DECLARED] if in_section else []),
        AGENDA[0], ROLL[0], WELCOME, AGENDA[1], *([] if in_section else [DECLARED]),
        AGENDA[2], AGENDA[3], CONFIRMED, AGENDA[4],
        PERFORMANCE_OPENING, "four performance sessions;", NOTED, ACTIONS[0],
        PAPER[0] + " PDF 182 KB",
        AGENDA[5], UPDATE_OPENING, "the rehabilitation of offenders",
        AGREED_BEFORE + AGREED + AGREED_AFTER, UPDATE_RESOLVED, DEPARTURE,
        AGENDA[6], PRECEPT_OPENING, PRECEPT_RESOLVED, NAMED_VOTE,
        AGENDA[7], PROGRAMME, PROGRAMME_NOTED, ACTIONS[1],
        AGENDA[8], NEXT_LINE, NEXT_MEETING, CONTACT,
    ]


def out_of_order(text: str, wording: list[str]) -> list[str]:
    """The wording not found after what comes before it (any case: plain text prints
    the titles in capitals)."""
    folded, at, missing = text.casefold(), 0, []
    for words in wording:
        found = folded.find(words.casefold(), at)
        if found < 0:
            missing.append(words)
        else:
            at = found + len(words)
    return missing


def check_every_export(document: dict[str, object], folder: Path) -> None:
    read_back = _read_back()
    for style in STYLES:
        wording = said_in_order(style)
        once = [w for w in wording if w not in AGENDA and w not in ACTIONS and w != DEPARTURE]
        for fmt in FORMATS:
            text = _plain(read_back(document, style, fmt, folder))
            where = style, fmt
            assert out_of_order(text, wording) == [], where
            for words in once:
                assert text.count(words) == 1, (where, words, text.count(words))
            # Said under item 6; action notes also footnote it under the attendance,
            # starred, as the reference notes do.
            assert text.count(DEPARTURE) - text.count(f"*{DEPARTURE}") == 1, where
            # Under its item; the action notes' table layout lists it again at the end.
            tabled = style == "action-notes" and fmt in ("pdf", "docx", "html")
            for action in ACTIONS:
                assert text.casefold().count(action.casefold()) == 1 + tabled, (where, action)
            assert "AGREED: It was agreed" not in text and "RESOLVED: RESOLVED" not in text
            assert "inquorate" not in text
