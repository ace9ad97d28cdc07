"""The meeting header: committee, title, date, times, venue, chair, minute-taker; and,
in a third row, the next meeting (date, optional time, venue) and whom to contact."""

from __future__ import annotations

import datetime as dt
import html
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QWidget,
)

from minute_taker.domain.dates import day_month_year, parse_time_of_day
from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.records import MeetingHeader
from minute_taker.services import approval, committees, meetings, people
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.meeting.date_field import DateField
from minute_taker.ui.widgets import named

NOBODY = ""  # the empty first entry: nobody chosen yet


def parse_time(text: str) -> dt.time | None:
    """'10:30', '10.30', '1030', '930', '2pm' or '' (no time); ValueError for anything
    else (the reading is ``domain.dates.parse_time_of_day``)."""
    text = text.strip()
    if not text:
        return None
    value = parse_time_of_day(text)
    if value is None:
        raise ValueError(f"not a time: {text!r}")
    return value


def _line_edit(combo: QComboBox) -> QLineEdit:
    """The line edit of an editable combo box (Qt gives every editable combo one)."""
    edit = combo.lineEdit()
    assert edit is not None
    return edit


class MeetingHeaderWidget(QWidget):
    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("meetingHeader")
        self.context = context
        self._filling = False
        self.committee = named(QComboBox(self), "headerCommittee")
        self.title = named(QLineEdit(self), "headerTitle")
        self.date = named(DateField(self, accessible_name="Meeting date"), "headerDate")
        self._dated: int | None = None  # the meeting whose date the field shows
        self.start = named(QLineEdit(self, placeholderText="hh:mm"), "headerStart")
        self.end = named(QLineEdit(self, placeholderText="hh:mm"), "headerEnd")
        for edit in (self.start, self.end):
            edit.setMaximumWidth(70)
        self.venue = named(QLineEdit(self, placeholderText="Venue"), "headerVenue")
        self.chair = self._person_combo("headerChair")
        self.minute_taker = self._person_combo("headerMinuteTaker")
        self.status = named(QLabel(self), "headerStatus")
        self._make_next_meeting_and_contact()

        grid = QGridLayout(self)
        grid.setContentsMargins(4, 4, 4, 4)
        # Alt+letters unique in the window: the menus hold F, E, M, A, N, C and H
        # (tests/ui/test_mnemonics.py walks every window for clashes).
        row0 = (("Comm&ittee", self.committee), ("&Title", self.title), ("&Date", self.date),
                ("Start", self.start), ("End", self.end))
        row1 = (("&Venue", self.venue), ("Chai&r", self.chair),
                ("Minutes &by", self.minute_taker), ("Status", self.status))
        for row, fields in enumerate((row0, row1)):
            for col, (label, widget) in enumerate(fields):
                caption = QLabel(label, self)
                caption.setBuddy(widget)
                grid.addWidget(caption, row, col * 2, Qt.AlignmentFlag.AlignRight)
                grid.addWidget(widget, row, col * 2 + 1)
        self._lay_out_third_row(grid)
        grid.setColumnStretch(3, 3)
        grid.setColumnStretch(1, 2)

        self.title.textEdited.connect(lambda text: self._schedule("title", text))
        self.venue.textEdited.connect(lambda text: self._schedule("venue", text))
        self.title.editingFinished.connect(context.autosave.flush)
        self.venue.editingFinished.connect(context.autosave.flush)
        self.date.date_chosen.connect(self._on_date)
        for field, edit in (("start_time", self.start), ("end_time", self.end)):
            edit.textEdited.connect(lambda text, f=field: self._on_time_typed(f, text))
            edit.editingFinished.connect(lambda f=field, e=edit: self._on_time(f, e))
        self._connect_next_meeting_and_contact()
        self.committee.activated.connect(self._on_committee)
        _line_edit(self.chair).editingFinished.connect(lambda: self._on_person("chair_id",
                                                                               self.chair))
        self.chair.activated.connect(lambda _i: self._on_person("chair_id", self.chair))
        _line_edit(self.minute_taker).editingFinished.connect(
            lambda: self._on_person("minute_taker_id", self.minute_taker))
        self.minute_taker.activated.connect(
            lambda _i: self._on_person("minute_taker_id", self.minute_taker))
        context.meeting_changed.connect(self.show_header)
        context.header_changed.connect(self.show_header)
        self.show_header(None)

    def _make_next_meeting_and_contact(self) -> None:
        self.next_date = named(DateField(self, accessible_name="Next meeting date",
                                         optional=True), "headerNextDate")
        self.next_date.edit.setPlaceholderText("Not set")
        self._next_dated: int | None = None
        self.next_time = named(QLineEdit(self, placeholderText="hh:mm"), "headerNextTime")
        self.next_time.setMaximumWidth(70)
        self.next_time.setAccessibleName("Next meeting time (optional)")
        self.next_venue = named(QLineEdit(self, placeholderText="Venue of the next meeting"),
                                "headerNextVenue")
        self.next_venue.setAccessibleName("Next meeting venue")
        self.contact_name = named(QLineEdit(self, placeholderText="Contact officer"),
                                  "headerContactName")
        self.contact_name.setAccessibleName("Contact officer")
        self.contact_details = named(QLineEdit(self, placeholderText="Telephone, e-mail"),
                                     "headerContactDetails")
        self.contact_details.setAccessibleName("Contact officer's telephone and e-mail")

    def _lay_out_third_row(self, grid: QGridLayout) -> None:
        """Next meeting and contact: under the columns of the rows above. The letters left
        free in the window are few (Y, Q, L); the time and the contact's details are one
        Tab on from the field before them."""
        def caption(text: str, buddy: QWidget) -> QLabel:
            label = QLabel(text, self)
            label.setBuddy(buddy)
            return label

        when = QHBoxLayout()
        when.setSpacing(4)
        when.addWidget(self.next_date)
        when.addWidget(caption("at", self.next_time))
        when.addWidget(self.next_time)
        when.addStretch(1)
        contact = QHBoxLayout()
        contact.setSpacing(4)
        contact.addWidget(self.contact_name, 2)
        contact.addWidget(self.contact_details, 3)
        grid.addWidget(caption("Next meeting da&y", self.next_date), 2, 0,
                       Qt.AlignmentFlag.AlignRight)
        grid.addLayout(when, 2, 1)
        grid.addWidget(caption("P&lace", self.next_venue), 2, 2, Qt.AlignmentFlag.AlignRight)
        grid.addWidget(self.next_venue, 2, 3)
        grid.addWidget(caption("En&quiries to", self.contact_name), 2, 4,
                       Qt.AlignmentFlag.AlignRight)
        grid.addLayout(contact, 2, 5, 1, 5)

    def _connect_next_meeting_and_contact(self) -> None:
        self.next_date.date_chosen.connect(lambda value: self._update(next_meeting_date=value))
        self.next_time.textEdited.connect(self._on_next_time_typed)
        self.next_time.editingFinished.connect(
            lambda: self._on_time("next_meeting_time", self.next_time))
        for field, edit in (("next_meeting_venue", self.next_venue),
                            ("contact_name", self.contact_name),
                            ("contact_details", self.contact_details)):
            edit.textEdited.connect(lambda text, f=field: self._on_text_typed(f, text))
            edit.editingFinished.connect(lambda f=field, e=edit: self._on_text_finished(f, e))

    def _person_combo(self, name: str) -> QComboBox:
        combo = named(QComboBox(self, editable=True), name)
        combo.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        completer = combo.completer()
        assert completer is not None  # an editable combo has one
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        combo.setMinimumContentsLength(14)
        _line_edit(combo).setPlaceholderText("Choose or type a name")
        return combo

    # -- showing -------------------------------------------------------------
    def show_header(self, header: MeetingHeader | None) -> None:
        self._filling = True
        try:
            self._fill(header)
        finally:
            self._filling = False

    def _fill(self, header: MeetingHeader | None) -> None:
        editable = header is not None and header.editable and not self.context.book.read_only
        for widget in (self.committee, self.title, self.date, self.start, self.end,
                       self.venue, self.chair, self.minute_taker, self.next_date,
                       self.next_time, self.next_venue, self.contact_name,
                       self.contact_details):
            widget.setEnabled(editable)
        self.committee.clear()
        for committee in self.context.run(committees.list_committees) or []:
            self.committee.addItem(committee.name, committee.id)
        everyone = self.context.run(people.list_people) or []
        for combo in (self.chair, self.minute_taker):
            combo.clear()
            combo.addItem(NOBODY, None)
            for person in everyone:
                combo.addItem(person.name, person.id)
        if header is None:
            for edit in (self.title, self.start, self.end, self.venue, self.next_time,
                         self.next_venue, self.contact_name, self.contact_details):
                edit.clear()
            self.next_date.set_date(None)
            self._next_dated = None
            self.status.setText("No meeting open")
            return
        self.committee.setCurrentIndex(self.committee.findData(header.committee_id))
        if self.title.text() != header.title:
            self.title.setText(header.title)
        if self._dated != header.id or self.date.date() != header.date:
            self.date.set_date(header.date)  # keeps a date still being typed in this one
            self._dated = header.id
        self.start.setText(header.start_time.strftime("%H:%M") if header.start_time else "")
        self.end.setText(header.end_time.strftime("%H:%M") if header.end_time else "")
        if self.venue.text() != (header.venue or ""):
            self.venue.setText(header.venue or "")
        self._fill_next_meeting_and_contact(header)
        self.chair.setCurrentIndex(max(0, self.chair.findData(header.chair_id)))
        self.minute_taker.setCurrentIndex(max(0, self.minute_taker.findData(
            header.minute_taker_id)))
        self.status.setText(self._status_text(header))

    def _fill_next_meeting_and_contact(self, header: MeetingHeader) -> None:
        if self._next_dated != header.id or self.next_date.value() != header.next_meeting_date:
            self.next_date.set_date(header.next_meeting_date)
            self._next_dated = header.id
        self.next_time.setText(header.next_meeting_time.strftime("%H:%M")
                               if header.next_meeting_time else "")
        for edit, value in ((self.next_venue, header.next_meeting_venue),
                            (self.contact_name, header.contact_name),
                            (self.contact_details, header.contact_details)):
            if edit.text() != (value or ""):  # keeps the cursor where it is while typing
                edit.setText(value or "")

    def _status_text(self, header: MeetingHeader) -> str:
        text = f"<b>{header.status.label}</b>"
        record = self.context.run(approval.current_approval, header.id) \
            if header.status is MeetingStatus.APPROVED else None
        if record is not None:
            text += (f" by {html.escape(record.approved_by)}, "
                     f"{day_month_year(record.approved_at.date())} \u00b7 SHA-256 "
                     f"{record.short_digest}\u2026")
            if record.confirmed_in:
                text += f" \u00b7 confirmed at {html.escape(record.confirmed_in)}"
        return text

    # -- editing -------------------------------------------------------------
    def _schedule(self, field: str, value: Any) -> None:
        meeting_id = self.context.meeting_id
        if self._filling or meeting_id is None:
            return
        self.context.autosave.schedule(("header", meeting_id, field),
                                       lambda: self._write(meeting_id, field, value))

    def _write(self, meeting_id: int, field: str, value: Any) -> None:
        # Run by the autosave scheduler; a failure leaves the edit pending.
        read = self.context.header
        made_on = read.version if read is not None and read.id == meeting_id else None
        header = meetings.update_header(self.context.book, meeting_id,
                                        expected_version=made_on, **{field: value})
        if self.context.meeting_id == meeting_id:
            self.context.header = header
        if field == "title":
            self.context.meetings_changed.emit()

    def _update(self, **changes: Any) -> None:
        meeting_id = self.context.meeting_id
        if self._filling or meeting_id is None:
            return
        read = self.context.header
        header = self.context.apply(meetings.update_header, meeting_id, **changes,
                                    expected_version=read.version if read else None)
        if header is not None:
            self.context.set_header(header)
            if "committee_id" in changes or "date" in changes:
                self.context.meetings_changed.emit()
                self.context.refresh_items()
        else:
            self.show_header(self.context.header)

    def _on_date(self, value: dt.date) -> None:
        self._update(date=value)

    def _on_time_typed(self, field: str, text: str) -> None:
        try:
            self._schedule(field, parse_time(text))
        except ValueError:
            # Still typing, or wrong: write nothing until it is a time.
            if self.context.meeting_id is not None:
                self.context.autosave.cancel(("header", self.context.meeting_id, field))

    def _on_time(self, field: str, edit: QLineEdit) -> None:
        try:
            value = parse_time(edit.text())
        except ValueError:
            self.context.error.emit(f"\u201c{edit.text()}\u201d is not a time: type it as 10:30.")
            edit.setFocus()
            return
        current = getattr(self.context.header, field, None)
        if value != current:
            self._update(**{field: value})

    def _has_next_date(self) -> bool:
        return self.context.header is not None and \
            self.context.header.next_meeting_date is not None

    def _on_next_time_typed(self, text: str) -> None:
        # Without a date the service refuses a time: that is said on leaving the field,
        # not left pending for the autosave to retry.
        if self._has_next_date():
            self._on_time_typed("next_meeting_time", text)

    def _on_text_typed(self, field: str, text: str) -> None:
        if field != "next_meeting_venue" or self._has_next_date():
            self._schedule(field, text)

    def _on_text_finished(self, field: str, edit: QLineEdit) -> None:
        self.context.autosave.flush()
        header = self.context.header
        if header is not None and (edit.text().strip() or None) != getattr(header, field):
            self._update(**{field: edit.text()})

    def _on_committee(self, index: int) -> None:
        committee_id = self.committee.itemData(index)
        if self.context.header and committee_id != self.context.header.committee_id:
            self._update(committee_id=committee_id)

    def _on_person(self, field: str, combo: QComboBox) -> None:
        if self._filling or self.context.header is None:
            return
        text = combo.currentText().strip()
        index = combo.findText(text, Qt.MatchFlag.MatchFixedString)
        if not text:
            person_id = None
        elif index >= 0:
            person_id = combo.itemData(index)
        else:
            person = self.context.apply(people.create_person, text)
            if person is None:
                return
            person_id = person.id
            self.context.people_changed.emit()
        if person_id != getattr(self.context.header, field):
            self._update(**{field: person_id})
