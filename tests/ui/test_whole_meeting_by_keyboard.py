"""A whole meeting typed from the keyboard alone, modelled on the October 2017 assurance
meeting notes in ../shared/reference/: then the book is read back to see it all landed.

Set-up (the committee and its people) goes through the services, as a committee's
standing list would already be in the book; everything captured in the meeting is
typed: key clicks and shortcuts, no calls into the models. Nothing is pressed to bring
the focus back after an agenda edit, and nothing waits for the window between keys.

The typist counts its own keys: the text of the minutes, and the extra keys (shortcuts,
choosing, confirming) it took to put it in the right place. The ratio is printed, and
written as JSON to the file named by MINUTE_TAKER_KEYBOARD_OVERHEAD when that is set
(benchmarks/keyboard_overhead_bench.py reports it).
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections import Counter
from pathlib import Path

from PySide6.QtCore import QEvent, Qt
from PySide6.QtGui import QAction, QKeyEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QWidget
from ui_keys import type_bullets, when_dialog_has_focus

from minute_taker.domain.enums import AttendanceRole, NumberingScheme
from minute_taker.domain.records import Abbreviation
from minute_taker.services import actions, agenda, attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook

PEOPLE = [  # name, role, abbreviation
    ("John Campion", "Police and Crime Commissioner", "PCC"),
    ("Tracey Onslow", "Deputy Police and Crime Commissioner", "DPCC"),
    ("Amanda Blakeman", "Deputy Chief Constable", "DCC"),
    ("Martin Evans", "Assistant Chief Constable", "ACC"),
    ("Louise Wall", "Inspector, Chief Constable's Staff Officer", "SO"),
    ("Jackie Irvin", "Policy Officer, OPCC", None),
]


def set_up_committee(path: Path) -> None:
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(
            book, "Monthly Assurance Meeting", numbering_scheme=NumberingScheme.DECIMAL,
            standing_items=[], abbreviations=[Abbreviation("AGG", "Alliance Governance Group")])
        for name, role, short in PEOPLE:
            person = people.create_person(book, name, role=role, abbreviation=short)
            committees.add_member(book, committee.id, person.id, AttendanceRole.MEMBER)


class Typist:
    """Keys, as a minute-taker presses them, counted: text keys are the words (and line
    breaks) that end up in the record; every other key is overhead."""

    def __init__(self, qtbot, window) -> None:  # type: ignore[no-untyped-def]
        self.qtbot, self.window = qtbot, window
        self.text_keys = 0
        self.extra: Counter[str] = Counter()  # overhead keys, by what was pressed

    def focused(self):  # type: ignore[no-untyped-def]
        widget = QApplication.focusWidget()
        assert widget is not None, "nothing has the keyboard focus"
        return widget

    def keys(self, sequence: str) -> None:
        self.extra[sequence] += 1
        combo = QKeySequence(sequence)[0]
        self.qtbot.keyClick(self.focused(), combo.key(), combo.keyboardModifiers())

    def action(self, action: QAction) -> None:
        """The key the window binds to the action, whichever it is."""
        self.keys(action.shortcut().toString())

    def agenda(self, name: str) -> None:
        self.action(self.window.agenda.agenda_actions[name])

    def keys_opening_a_dialog(self, sequence: str) -> None:
        """Posted rather than sent: the dialog's own event loop starts inside the key
        press, and the typing into it must not see this press's modifiers held down."""
        self.extra[sequence] += 1
        combo = QKeySequence(sequence)[0]
        target = self.focused() or self.window
        for kind in (QEvent.Type.KeyPress, QEvent.Type.KeyRelease):
            QApplication.postEvent(target, QKeyEvent(kind, combo.key(),
                                                     combo.keyboardModifiers()))

    def type(self, text: str) -> None:
        self.text_keys += len(text)
        self.qtbot.keyClicks(self.focused(), text)

    def pick(self, text: str) -> None:
        """Typed to choose from a list, not to be written down: overhead."""
        self.extra["typed to choose"] += len(text)
        self.qtbot.keyClicks(self.focused(), text)

    def enter(self) -> None:
        """Return that confirms (a title, a dialog): overhead."""
        self.extra["Return to confirm"] += 1
        self.qtbot.keyClick(self.focused(), Qt.Key.Key_Return)

    def lines(self, *lines: str) -> None:
        for line in lines:
            self.type(line)
            self.text_keys += 1  # the line break is part of the text
            self.qtbot.keyClick(self.focused(), Qt.Key.Key_Return)

    def new_item(self, name: str, title: str) -> None:
        """Ctrl+Return (or Ctrl+Shift+Return for a sub-item), the title, Enter: the words
        typed next go into the new item's notes, with no key to get back to them."""
        self.agenda(name)
        self.type(title)
        self.enter()

    def overhead(self) -> dict[str, object]:
        extra = sum(self.extra.values())
        return {"text_keys": self.text_keys, "extra_keys": extra,
                "overhead": round(extra / self.text_keys, 4),
                "extra_by_key": dict(self.extra.most_common())}

    def bullets(self, *points: str | tuple[str, ...]) -> None:
        type_bullets(self, *points)


def answer_new_meeting_dialog(typist: Typist) -> None:
    """Fill in the real, modal New meeting dialog from the keyboard, once it is up."""
    def fill(dialog: QWidget) -> None:
        assert dialog.windowTitle() == "New meeting"
        typist.keys("Alt+C")
        typist.pick("Monthly Assurance Meeting")
        typist.keys("Alt+T")
        typist.type("Monthly Assurance Meeting October 2017")
        typist.enter()

    when_dialog_has_focus(fill)


def answer_left_dialog(typist: Typist, name: str) -> None:
    """Meeting > Someone left: pick who from the list, by typing, Enter."""
    def fill(_dialog: QWidget) -> None:
        typist.keys("Ctrl+A")
        typist.pick(name)
        typist.enter()

    when_dialog_has_focus(fill)


def take_attendance(typist: Typist, qtbot, window) -> None:  # type: ignore[no-untyped-def]
    """The roll call, in the attendance panel docked beside the notes: members from the
    committee list, then two apologies added by name with their capacity."""
    typist.keys("Ctrl+Shift+T")
    dialog = window.attendance_panel
    assert dialog.isVisible() and dialog.name_edit.hasFocus()  # an empty list: add to it
    typist.keys("Alt+O")  # fill from the committee: everyone present
    assert dialog.model.rowCount() == len(PEOPLE)
    for name, capacity, short in (("Anthony Bangham", "Chief Constable", "CC"),
                                  ("Andy Champness", "Chief Executive for the PCC", "CEX")):
        typist.keys("Alt+P")
        typist.type(name)
        typist.keys("Alt+Y")
        typist.type(capacity)
        typist.keys("Alt+B")
        typist.type(short)
        typist.enter()
        qtbot.waitUntil(lambda n=name: any(
            dialog.model.data(dialog.model.index(r, 0)) == n
            for r in range(dialog.model.rowCount())))
        typist.keys("Alt+S")  # to the list: the new row is selected
        typist.pick("a")  # apologies
    typist.keys("Ctrl+Shift+T")  # put away; the keyboard goes back to where it was
    assert not dialog.isVisible()


def test_the_october_2017_assurance_meeting_typed_from_the_keyboard(
        qtbot, open_window, book_path: Path) -> None:
    set_up_committee(book_path)
    window = open_window(book_path)
    t = Typist(qtbot, window)
    window.activateWindow()

    answer_new_meeting_dialog(t)
    t.keys_opening_a_dialog("Ctrl+Shift+N")
    qtbot.waitUntil(lambda: window.context.header is not None)
    # The offscreen platform hands activation back to the window late.
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is window.agenda.tree  # an empty agenda: add to it
    header = window.context.header
    assert header is not None and header.title == "Monthly Assurance Meeting October 2017"

    take_attendance(t, qtbot, window)
    assert QApplication.focusWidget() is window.agenda.tree  # where it was before
    t.keys("F5")  # the meeting starts: items are timed from here
    # Added from the tree, the keyboard stays in the tree; what is typed there goes on
    # into the current item's notes.
    t.new_item("add", "Outstanding matters / items brought forward")
    t.new_item("add_child", "Reassuring West Mercia's communities - Professional "
               "Standards")
    t.lines("Action arising from the July 2017 meeting:", "Findings:")
    t.bullets("Within the last month there has been an uplift in staff.",
              ("There used to be a PSD resource within each LPA.",
               "The majority of PSD staff are now located at Stratford."),
              "Chief Officers are happy with the work done by the Head of PSD to date.")
    t.lines("ACTION: DCC to report the outcome of the remodelling of the complaints "
            "function via AGG in two months")

    t.new_item("add", "Building a more secure West Mercia - Telford")
    t.lines("Findings:")
    t.bullets("A short, medium and long term plan is being developed.",
              ("The short term plan is in place. Interim measures include:",
               "upskilling special constables;", "managing safeguarding with hotels;"),
              "PCC support for CSP analysts is being reviewed at present.")
    t.lines("ACTION: DCC to share interim analysis by the Principal Analyst with PCC's "
            "office",
            "ACTION: ACC to share the Telford development plan with PCC when drafted",
            "ACTION: JI to share results of CSP analyst review when complete")
    answer_left_dialog(t, "Martin Evans")
    # The ACC leaves after item 1.2.
    t.keys_opening_a_dialog(window.movement_actions["left"].shortcut().toString())
    qtbot.waitUntil(lambda: "left the meeting" in window.statusBar().currentMessage()
                    or _left(book_path))
    window.activateWindow()
    qtbot.waitUntil(lambda: window.isActiveWindow() and QApplication.focusWidget() is not None)
    assert QApplication.focusWidget() is window.notes.editor  # where it was before

    t.new_item("add", "Operational and reputational opportunities and risks")
    t.agenda("outdent")  # 1.3 -> 2: out of item 1
    t.lines("Athena went live in October.",
            "ACTION: DCC to share the Athena update brief with the PCC's office")

    t.new_item("add", "Chief Officer Meeting / Executive Board - update")
    t.lines("No items were raised.")
    t.new_item("add", "CC / DCC item - Domestic Burglary Outcomes")
    t.lines("The DCC is developing an associated briefing paper.",
            "ACTION: DCC to share briefing with PCC's office by end January 2018")
    t.new_item("add", "Holding to account")
    t.new_item("add_child", "Performance against the Police and Crime Plan")
    t.new_item("add", "Delivery of strategic initiatives")
    t.lines("No items on the agenda.")
    t.new_item("add", "AOB")
    t.agenda("outdent")
    t.lines("The PCC is reviewing the holding to account process.")
    t.new_item("add", "Date of next meeting")
    t.lines("10:30 on 29 November 2017")
    t.keys("Shift+F5")  # the meeting closes
    window.close()
    report_overhead(t)

    with MinuteBook.open(book_path) as book:
        meeting_id = meetings.list_meetings(book)[0].id
        items = agenda.list_items(book, meeting_id)
        numbered = [(i.number, i.title) for i in items]
        assert numbered == [
            ("1", "Outstanding matters / items brought forward"),
            ("1.1", "Reassuring West Mercia's communities - Professional Standards"),
            ("1.2", "Building a more secure West Mercia - Telford"),
            ("2", "Operational and reputational opportunities and risks"),
            ("3", "Chief Officer Meeting / Executive Board - update"),
            ("4", "CC / DCC item - Domestic Burglary Outcomes"),
            ("5", "Holding to account"),
            ("5.1", "Performance against the Police and Crime Plan"),
            ("5.2", "Delivery of strategic initiatives"),
            ("6", "AOB"),
            ("7", "Date of next meeting"),
        ]
        by_number = {i.number: i for i in items}
        telford = agenda.get_item_minutes(book, by_number["1.2"].id)
        assert telford == (
            "<p>Findings:</p><ul><li>A short, medium and long term plan is being "
            "developed.</li><li>The short term plan is in place. Interim measures include:"
            "<ul><li>upskilling special constables;</li><li>managing safeguarding with "
            "hotels;</li></ul></li><li>PCC support for CSP analysts is being reviewed at "
            "present.</li></ul>")
        assert "ACTION" not in telford  # captured lines leave the notes
        captured = [(a.item_number, a.owner_text, a.due_date, a.due_text)
                    for a in actions.list_actions(book, meeting_id)]
        header = meetings.get_header(book, meeting_id)
        assert captured == [
            ("1.1", "DCC", _months_after(header.date, 2), "in two months"),
            ("1.2", "DCC", None, None),
            ("1.2", "ACC", None, "when drafted"),
            ("1.2", "JI", None, "when complete"),
            ("2", "DCC", None, None),
            ("4", "DCC", dt.date(2018, 1, 31), "by end January 2018"),
        ]
        assert header.start_time is not None and header.end_time is not None
        roll = {(a.person_name, a.status.value, a.capacity)
                for a in attendance.list_attendance(book, meeting_id)}
        assert ("Anthony Bangham", "apologies", "Chief Constable (CC)") in roll
        assert ("Andy Champness", "apologies", "Chief Executive for the PCC (CEX)") in roll
        assert {name for name, status, _c in roll if status == "present"} == \
            {name for name, _r, _s in PEOPLE}
        assert attendance.movement_notes(book, meeting_id) == \
            ["The ACC left the meeting after item 1.2."]
        assert all(i.started_at is not None for i in items)
        published = _published_text(book, meeting_id, book_path.parent)
    for fmt, text in published.items():
        where = [text.casefold().find(sentence.casefold()) for sentence in TYPED_IN_ORDER]
        assert -1 not in where, (fmt, [s for s, at in zip(TYPED_IN_ORDER, where, strict=True)
                                       if at == -1])
        assert where == sorted(where), fmt  # in the order they were typed


# What was typed into the notes and as titles, in agenda order: every word must reach
# every published format (plain text writes top-level titles in capitals).
TYPED_IN_ORDER = [
    "Outstanding matters / items brought forward",
    "Reassuring West Mercia's communities - Professional Standards",
    "Action arising from the July 2017 meeting:", "Findings:",
    "Within the last month there has been an uplift in staff.",
    "There used to be a PSD resource within each LPA.",
    "The majority of PSD staff are now located at Stratford.",
    "Chief Officers are happy with the work done by the Head of PSD to date.",
    "Building a more secure West Mercia - Telford",
    "A short, medium and long term plan is being developed.",
    "The short term plan is in place. Interim measures include:",
    "upskilling special constables;", "managing safeguarding with hotels;",
    "PCC support for CSP analysts is being reviewed at present.",
    "Operational and reputational opportunities and risks",
    "Athena went live in October.",
    "Chief Officer Meeting / Executive Board - update", "No items were raised.",
    "CC / DCC item - Domestic Burglary Outcomes",
    "The DCC is developing an associated briefing paper.",
    "Holding to account", "Performance against the Police and Crime Plan",
    "Delivery of strategic initiatives", "No items on the agenda.",
    "AOB", "The PCC is reviewing the holding to account process.",
    "Date of next meeting", "10:30 on 29 November 2017",
]


def report_overhead(typist: Typist) -> None:
    """Print the keyboard overhead; write it as JSON where the benchmark asks for it."""
    figure = typist.overhead()
    print(f"keyboard overhead: {figure['extra_keys']} extra keys for {figure['text_keys']} "
          f"text keys = {figure['overhead']:.2%}")
    target = os.environ.get("MINUTE_TAKER_KEYBOARD_OVERHEAD")
    if target:
        Path(target).write_text(json.dumps(figure, indent=2), encoding="utf-8")


def _published_text(book: MinuteBook, meeting_id: int, folder: Path) -> dict[str, str]:
    """The meeting exported as PDF, DOCX, HTML and text, each read back as one line."""
    import docx
    from pypdf import PdfReader

    from minute_taker.export import formats
    from minute_taker.export.content import visible_text
    from minute_taker.services import publishing

    def one_line(text: str) -> str:
        return " ".join(text.replace("\u2019", "'").split())

    found = {}
    for fmt in ("pdf", "docx", "html", "txt"):
        path = publishing.export(book, formats.ExportRequest(meeting_id, fmt, public=True),
                                 folder / f"minutes.{fmt}").path
        if fmt == "pdf":
            text = " ".join(page.extract_text() for page in PdfReader(path).pages)
        elif fmt == "docx":
            text = " ".join(p.text for p in docx.Document(str(path)).paragraphs)
        elif fmt == "html":
            text = visible_text(path.read_text(encoding="utf-8"))
        else:
            text = path.read_text(encoding="utf-8")
        found[fmt] = one_line(text)
    return found


def _left(path: Path) -> bool:
    with MinuteBook.open(path) as book:
        meeting_id = meetings.list_meetings(book)[0].id
        return any(a.left_item_id for a in attendance.list_attendance(book, meeting_id))


def _months_after(date: dt.date, months: int) -> dt.date:
    from minute_taker.domain.dates import add_months

    return add_months(date, months)
