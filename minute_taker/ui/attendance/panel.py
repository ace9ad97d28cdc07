"""Who is at the meeting: the attendance list, comings and goings, declarations.

A clerk keeps this docked beside the minutes (or floating, on a second screen): a roll
call with P / A / X, a late arrival with F6, a departure with Shift+F6 (both at the item
under discussion), and declarations of interest on their own tab.

Its Alt+letters work while the keyboard is in it and grab nothing window-wide
(ui/pane_keys.py); the window's "Attendance" key comes here and, pressed again, puts the
panel away; Escape goes back to where the keyboard was and leaves it open.
"""

from __future__ import annotations

import datetime as dt
from functools import partial

from PySide6.QtCore import QItemSelectionModel, QStringListModel, Qt, Signal
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCompleter,
    QGridLayout,
    QHBoxLayout,
    QHeaderView,
    QInputDialog,
    QLabel,
    QLineEdit,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.attendance_notes import Movement
from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.records import AttendanceRow, ItemNode, PersonInfo
from minute_taker.services import agenda, attendance, people
from minute_taker.ui.attendance.choice_delegate import ChoiceDelegate
from minute_taker.ui.attendance.declarations_page import DeclarationsPage, item_choices
from minute_taker.ui.attendance.qt_attendance_model import (
    ARRIVED,
    CAPACITY,
    LEFT,
    NAME,
    NONE_ID,
    ORGANISATION,
    ROLE,
    ROLE_LABELS,
    STATUS,
    STATUS_LABELS,
    SUBSTITUTE,
    AttendanceTableModel,
)
from minute_taker.ui.colours import ERROR, text_style
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.pane_keys import PaneKeys
from minute_taker.ui.widgets import named

STATUS_KEYS = {AttendanceStatus.PRESENT: "P", AttendanceStatus.APOLOGIES: "A",
               AttendanceStatus.ABSENT: "X"}


def record_movement_now(context: MeetingContext, person_id: int, kind: Movement, *,
                        now: dt.datetime | None = None) -> AttendanceRow | None:
    """Record that the person arrived during, or left after, the item under discussion
    (``context.current_item_id``) at the wall-clock time. None when refused."""
    if context.meeting_id is None:
        context.error.emit("Open a meeting first.")
        return None
    at = (now or dt.datetime.now()).time().replace(second=0, microsecond=0)
    if kind == "arrived":
        row = context.apply(attendance.record_arrival, context.meeting_id, person_id,
                            during_item_id=context.current_item_id, at=at)
    else:
        row = context.apply(attendance.record_departure, context.meeting_id, person_id,
                            after_item_id=context.current_item_id, at=at)
    if row is not None:
        context.attendance_changed.emit()
    return row


def ask_and_record_movement(context: MeetingContext, kind: Movement,
                            parent: QWidget | None = None) -> AttendanceRow | None:
    """Ask who arrived or left (a list of those present), then record it now.

    For a window-wide shortcut: the clerk need not open the attendance panel.
    """
    if context.meeting_id is None:
        context.error.emit("Open a meeting first.")
        return None
    rows = [r for r in context.run(attendance.list_attendance, context.meeting_id) or []
            if r.status is AttendanceStatus.PRESENT
            and (kind == "arrived" or r.left_item_id is None and r.left_at is None)]
    if not rows:
        context.error.emit("Nobody is recorded as present at this meeting.")
        return None
    names = [r.person_name for r in rows]
    question = "Who arrived?" if kind == "arrived" else "Who left the meeting?"
    name, ok = QInputDialog.getItem(parent, "Arrived now" if kind == "arrived" else "Left now",
                                    question, names, 0, True)
    if not ok or name not in names:
        return None
    return record_movement_now(context, rows[names.index(name)].person_id, kind)


class AttendancePanel(QWidget):
    """The open meeting's attendance and declarations, in a dock beside the notes."""

    escaped = Signal()  # Escape: the clerk is done here for now

    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("attendancePanel")
        self.context = context
        self._items: list[ItemNode] = []
        self._everyone: list[PersonInfo] = []

        self.keys = PaneKeys(self)
        self.tabs = named(QTabWidget(self), "attendanceTabs")
        self.tabs.addTab(self._build_attendance_page(), "Attendance")
        self.declarations = DeclarationsPage(context, self.keys, self)
        self.tabs.addTab(self.declarations, "Declarations of interest")
        for page, letter in ((0, "t"), (1, "d")):
            text = self.tabs.tabText(page)
            self.tabs.setTabToolTip(page, f"{text}: Alt+{letter.upper()} (Ctrl+Tab: the "
                                          "other page)")
            self.keys.key(letter, text, self.tabs.tabBar(), partial(self.show_page, page))
        self.error_label = named(QLabel(self), "attendanceError")
        self.error_label.setStyleSheet(text_style(ERROR.on(self.palette())))
        self.error_label.setWordWrap(True)
        context.error.connect(self.error_label.setText)
        context.attendance_changed.connect(self.error_label.clear)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 0, 4, 4)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.error_label)
        self.keys.watch()
        context.meeting_changed.connect(self._on_meeting_changed)
        context.header_changed.connect(self._on_meeting_changed)
        context.items_changed.connect(self._on_items_changed)
        context.current_item_changed.connect(self._show_current_item)
        context.attendance_changed.connect(self.reload)
        context.people_changed.connect(self._load_people)
        self._on_meeting_changed(context.header)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        """Escape that no field wanted (a completion list open, a cell being edited take
        it first) leaves the panel; not a shortcut, which would win over them."""
        if event.key() == Qt.Key.Key_Escape and event.modifiers() in (
                Qt.KeyboardModifier.NoModifier, Qt.KeyboardModifier.KeypadModifier):
            self.escaped.emit()
            return
        super().keyPressEvent(event)

    def show_page(self, page: int) -> None:
        self.tabs.setCurrentIndex(page)
        self.focus_list()

    def focus_list(self) -> None:
        """Keyboard into the page shown: the attendance list, at its current row (the
        first when none), or the name box while the list is empty; the declaration's
        first field on the other page."""
        if self.tabs.currentWidget() is self.declarations:
            self.declarations.who.setFocus()
        elif self.model.rowCount():
            if not self.table.currentIndex().isValid():
                self._select_row(0)
            self.table.setFocus()
        else:
            self.name_edit.setFocus()

    # -- building ------------------------------------------------------------
    def _build_attendance_page(self) -> QWidget:
        page = QWidget(self)
        self.name_edit = named(QLineEdit(page), "attendeeName")
        self.name_edit.setPlaceholderText("Type a name: someone in the book, or someone new")
        self.people_names = QStringListModel(self)
        completer = QCompleter(self.people_names, self)
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        completer.setFilterMode(Qt.MatchFlag.MatchContains)
        self.name_edit.setCompleter(completer)
        self.capacity_edit = named(QLineEdit(page), "attendeeCapacity")
        self.capacity_edit.setPlaceholderText("e.g. Deputy Chief Constable")
        self.abbreviation_edit = named(QLineEdit(page), "attendeeAbbreviation")
        self.abbreviation_edit.setPlaceholderText("DCC")
        self.abbreviation_edit.setMaximumWidth(90)
        self.add_button = named(QPushButton("Add", page), "addAttendee")
        self.add_button.setToolTip("Record this person as present (Enter)")
        self.add_button.clicked.connect(self.add_attendee)
        for edit in (self.name_edit, self.capacity_edit, self.abbreviation_edit):
            edit.returnPressed.connect(self.add_attendee)
        # Two rows, so that the panel docks in a third of a 1366-pixel window.
        add_row = QGridLayout()
        for (row, column), text, letter, widget in (
                ((0, 0), "Add person:", "p", self.name_edit),
                ((1, 0), "Capacity:", "y", self.capacity_edit),
                ((1, 2), "Abbreviation:", "b", self.abbreviation_edit)):
            label = QLabel(page)
            self.keys.label(label, text, letter, widget)
            add_row.addWidget(label, row, column)
            add_row.addWidget(widget, row, column + 1, 1, 3 if widget is self.name_edit else 1)
        add_row.addWidget(self.add_button, 0, 4)
        add_row.setColumnStretch(1, 2)
        add_row.setColumnStretch(3, 1)

        self.model = AttendanceTableModel(update=self._update, parent=self,
                                          update_organisation=self._update_organisation)
        self.table = self._build_table(page)
        table_label = QLabel(page)
        self.keys.label(table_label, "Attendance list \u2014 P present, A apologies, "
                        "X absent, F6 arrived now, Shift+F6 left now, F2 edit, Delete remove",
                        "s", self.table)
        table_label.setWordWrap(True)

        self.locked_label = named(QLabel("These minutes are approved: the attendance is the "
                                         "record and cannot be changed.", page), "lockedLabel")
        self.locked_label.setStyleSheet(text_style(ERROR.on(page.palette()), bold=True))
        self.current_label = named(QLabel(page), "currentItemLabel")
        for label in (self.locked_label, self.current_label):
            label.setWordWrap(True)
        self.notes_label = named(QLabel(page), "attendanceNotes")
        self.notes_label.setWordWrap(True)
        self.notes_label.setTextFormat(Qt.TextFormat.PlainText)

        layout = QVBoxLayout(page)
        layout.addWidget(self.locked_label)
        layout.addLayout(add_row)
        layout.addWidget(table_label)
        layout.addWidget(self.table, 1)
        layout.addLayout(self._build_buttons(page))
        layout.addWidget(self.current_label)
        layout.addWidget(self.notes_label)
        return page

    def _build_table(self, page: QWidget) -> QTableView:
        table = named(QTableView(page), "attendanceTable")
        table.setModel(self.model)
        table.setAccessibleName("Attendance")
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                              | QAbstractItemView.EditTrigger.EditKeyPressed)
        table.verticalHeader().hide()
        table.setTabKeyNavigation(False)
        table.setWordWrap(False)
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (CAPACITY, ORGANISATION):  # the long texts share what room there is
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        table.setItemDelegateForColumn(STATUS, ChoiceDelegate(
            lambda: [(label, s.value) for s, label in STATUS_LABELS.items()], table))
        table.setItemDelegateForColumn(ROLE, ChoiceDelegate(
            lambda: [(label, r.value) for r, label in ROLE_LABELS.items()], table))
        table.setItemDelegateForColumn(SUBSTITUTE, ChoiceDelegate(
            self._substitute_choices, table, searchable=True))
        for column in (ARRIVED, LEFT):
            table.setItemDelegateForColumn(column, ChoiceDelegate(
                lambda: item_choices(self._items, "(not recorded)"), table))
        for status, key in STATUS_KEYS.items():
            self._table_key(table, key, lambda s=status: self.mark(s))
        self._table_key(table, QKeySequence.StandardKey.Delete, self.remove_selected)
        return table

    def _table_key(self, table: QTableView, key: str | QKeySequence.StandardKey,
                   slot: object) -> None:
        shortcut = QShortcut(QKeySequence(key), table)
        shortcut.setContext(Qt.ShortcutContext.WidgetShortcut)
        shortcut.activated.connect(slot)

    def _build_buttons(self, page: QWidget) -> QVBoxLayout:
        """The list's keys as buttons: marks and the roll's own, then comings and
        goings, on two rows."""
        row = QHBoxLayout()
        self.status_buttons: dict[AttendanceStatus, QPushButton] = {}
        for status, key in STATUS_KEYS.items():
            button = named(QPushButton(f"{STATUS_LABELS[status]} ({key})", page),
                           f"mark{status.value.capitalize()}")
            button.setToolTip(f"Mark the selected people {STATUS_LABELS[status].lower()} "
                              f"(key {key} in the list)")
            button.clicked.connect(lambda _c=False, s=status: self.mark(s))
            self.status_buttons[status] = button
            row.addWidget(button)
        row.addStretch(1)
        movements = QHBoxLayout()
        self.arrived_button = named(QPushButton("Arrived now", page), "arrivedNow")
        self.arrived_button.setToolTip("The selected person arrived during the current item, "
                                       "now")
        self.arrived_button.clicked.connect(lambda: self.record_movement("arrived"))
        self.left_button = named(QPushButton("Left now", page), "leftNow")
        self.left_button.setToolTip("The selected person left after the current item, now")
        self.left_button.clicked.connect(lambda: self.record_movement("left"))
        movements.addWidget(self.arrived_button)
        movements.addWidget(self.left_button)
        movements.addStretch(1)
        self.remove_button = named(QPushButton("Remove", page), "removeAttendee")
        self.remove_button.setToolTip("Take the selected people off this meeting's list "
                                      "(Delete)")
        self.remove_button.clicked.connect(self.remove_selected)
        self.fill_button = named(QPushButton("Fill from committee", page), "fillFromCommittee")
        self.fill_button.setToolTip("Add every member of the committee not yet listed, as "
                                    "present")
        self.fill_button.clicked.connect(self.fill_from_committee)
        movements.addWidget(self.remove_button)
        row.addWidget(self.fill_button)
        for button, letter in ((self.arrived_button, "v"), (self.left_button, "l"),
                               (self.remove_button, "r"), (self.fill_button, "o")):
            self.keys.button(button, letter)
        rows = QVBoxLayout()
        rows.addLayout(row)
        rows.addLayout(movements)
        return rows

    # -- showing -------------------------------------------------------------
    def _on_meeting_changed(self, _header: object = None) -> None:
        header = self.context.header
        self.setWindowTitle(f"Attendance \u2014 {header.title}" if header else "Attendance")
        editable = self.context.editable
        self.model.set_editable(editable)
        self.locked_label.setVisible(header is not None and not editable)
        self.current_label.setVisible(editable)
        for widget in (self.name_edit, self.capacity_edit, self.abbreviation_edit,
                       self.add_button, self.arrived_button, self.left_button,
                       self.remove_button, self.fill_button, *self.status_buttons.values()):
            widget.setEnabled(editable)
        meeting_id = self.context.meeting_id
        items = self.context.run(agenda.list_items, meeting_id) if meeting_id else []
        self._on_items_changed(items or [])
        self._load_people()
        self.declarations.show_meeting()
        self.reload()

    def _on_items_changed(self, items: list[ItemNode]) -> None:
        self._items = list(items)
        self.model.set_item_numbers({item.id: item.number for item in self._items})
        self.declarations.set_items(self._items)
        self._show_current_item(self.context.current_item_id)
        self._show_notes()

    def _show_current_item(self, item_id: int | None) -> None:
        item = next((i for i in self._items if i.id == item_id), None)
        where = f"item {item.number} {item.title}" if item else "no item (time only)"
        self.current_label.setText(f"\u201cArrived now\u201d and \u201cLeft now\u201d record "
                                   f"{where} and the time.")
        self.declarations.follow_current_item()

    def _load_people(self) -> None:
        everyone = self.context.run(people.list_people) or []
        self._everyone = everyone
        self.people_names.setStringList(sorted({p.display_name for p in everyone}))
        self.model.set_organisations({p.id: p.organisation for p in everyone})
        self.declarations.set_people(everyone)
        self._show_notes()  # a substitute is listed with their council

    def reload(self) -> None:
        meeting_id = self.context.meeting_id
        rows = self.context.run(attendance.list_attendance, meeting_id) if meeting_id else []
        self.model.set_rows(rows or [])
        self.declarations.reload()
        self._show_notes()

    def _show_notes(self) -> None:
        meeting_id = self.context.meeting_id
        if meeting_id is None:
            self.notes_label.clear()
            return
        lines = [f"*{note}" for note in self.context.run(attendance.movement_notes,
                                                         meeting_id) or []]
        substitutes = self.context.run(attendance.substitution_notes, meeting_id) or []
        if substitutes:
            lines.append("Named substitutes: " + "; ".join(substitutes) + ".")
        self.notes_label.setText("In the minutes:\n" + "\n".join(lines) if lines else "")

    def _substitute_choices(self) -> list[tuple[str, int]]:
        current = self.table.currentIndex()
        own = self.model.attendee(current.row()).person_id if current.isValid() else None
        return [("(nobody)", NONE_ID)] + [(p.display_name, p.id) for p in self._everyone
                                          if p.id != own]

    # -- editing -------------------------------------------------------------
    def _update(self, person_id: int, **changes: object) -> AttendanceRow | None:
        meeting_id = self.context.meeting_id
        if meeting_id is None:
            return None
        at = self.model.row_of_person(person_id)
        made_on = self.model.attendee(at).version if at >= 0 else None
        row = self.context.apply(attendance.update_attendance, meeting_id, person_id,
                                 expected_version=made_on, **changes)
        if row is not None:
            self.context.attendance_changed.emit()
        return row

    def _update_organisation(self, person_id: int, organisation: str) -> str | None:
        """The council (or other body) the person sits for: the person's, in every
        meeting, not only this one. The organisation now held ("" for none)."""
        saved = self.context.apply(people.update_person, person_id, organisation=organisation)
        if saved is None:
            return None
        self.context.people_changed.emit()
        return saved.organisation or ""

    def selected_person_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        if not rows and self.table.currentIndex().isValid():
            rows = [self.table.currentIndex().row()]
        return [self.model.attendee(r).person_id for r in rows]

    def add_attendee(self) -> None:
        meeting_id = self.context.meeting_id
        name = self.name_edit.text().strip()
        if meeting_id is None or not name:
            self.name_edit.setFocus()
            return
        known = {p.id for p in self._everyone}
        row = self.context.apply(attendance.add_attendee, meeting_id, name,
                                 capacity=self.capacity_edit.text(),
                                 abbreviation=self.abbreviation_edit.text(),
                                 role=AttendanceRole.MEMBER)
        if row is None:
            return
        for edit in (self.name_edit, self.capacity_edit, self.abbreviation_edit):
            edit.clear()
        if row.person_id not in known:
            self.context.people_changed.emit()
        self.context.attendance_changed.emit()
        self._select_person(row.person_id)
        self.name_edit.setFocus()

    def fill_from_committee(self) -> None:
        meeting_id = self.context.meeting_id
        if meeting_id is None:
            return
        added = self.context.apply(attendance.prefill_from_committee, meeting_id)
        if added is None:
            return
        if not added:
            self.context.error.emit("Nobody to add: every member of the committee is already "
                                    "listed (a committee's people are set in its settings).")
        self.context.attendance_changed.emit()

    def mark(self, status: AttendanceStatus) -> None:
        """Mark the selected people; with one selected, move on to the next (a roll call)."""
        person_ids = self.selected_person_ids()
        for person_id in person_ids:
            if self._update(person_id, status=status) is None:
                break
        if len(person_ids) == 1:
            row = self.model.row_of_person(person_ids[0])
            self._select_row(min(row + 1, self.model.rowCount() - 1))
        self.table.setFocus()

    def record_movement(self, kind: Movement) -> None:
        person_ids = self.selected_person_ids()
        if not person_ids:
            self.context.error.emit("Choose who arrived or left in the list first.")
            self.table.setFocus()
            return
        for person_id in person_ids:
            record_movement_now(self.context, person_id, kind)
        self.table.setFocus()

    def remove_selected(self) -> None:
        meeting_id = self.context.meeting_id
        person_ids = self.selected_person_ids()
        if meeting_id is None or not person_ids:
            return
        first = self.model.row_of_person(person_ids[0])
        for person_id in person_ids:
            self.context.apply(attendance.remove_attendance, meeting_id, person_id)
        self.context.attendance_changed.emit()
        self._select_row(min(first, self.model.rowCount() - 1))
        self.table.setFocus()

    def _select_person(self, person_id: int) -> None:
        self._select_row(self.model.row_of_person(person_id))

    def _select_row(self, row: int) -> None:
        if row < 0:
            return
        index = self.model.index(row, NAME)
        self.table.selectionModel().setCurrentIndex(
            index, QItemSelectionModel.SelectionFlag.ClearAndSelect
            | QItemSelectionModel.SelectionFlag.Rows)
        self.table.scrollTo(index)
