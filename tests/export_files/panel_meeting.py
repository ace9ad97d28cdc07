"""A council panel meeting built through the services, in the style of the reference
panel minutes, for the tests that export it in every format and read it back."""

from __future__ import annotations

import datetime as dt
import html
from pathlib import Path

from minute_taker.domain.enums import (
    AttendanceRole,
    AttendanceStatus,
    DecisionKind,
    NumberingScheme,
)
from minute_taker.domain.records import Abbreviation
from minute_taker.export import formats
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    decisions,
    meetings,
    people,
    publishing,
)
from minute_taker.store.book import MinuteBook

SCRIPT = "<script>alert('x')</script>"


def build_panel(folder: Path) -> tuple[Path, int]:
    """West Mercia Police and Crime Panel, items 233-235, one of them exempt: the book
    and the meeting's id."""
    path = folder / "panel.minutebook"
    with MinuteBook.open(path, actor="Democratic Services") as book:
        committee = committees.create_committee(
            book, "West Mercia Police and Crime Panel",
            numbering_scheme=NumberingScheme.CONTINUOUS, number_start=233,
            abbreviations=[Abbreviation("PCC", "Police and Crime Commissioner"),
                           Abbreviation("DPCC", "Deputy Police and Crime Commissioner")],
            standing_items=[])
        chair = people.create_person(book, "Paul Middlebrough", title="Cllr")
        pcc = people.create_person(book, "John Campion", abbreviation="PCC",
                                   role="Police and Crime Commissioner")
        member = people.create_person(book, "Sebastian Bowen", title="Cllr")
        substitute = people.create_person(book, "Claire Wild", title="Cllr")
        meeting = meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                          dt.date(2018, 2, 5), chair_id=chair.id,
                                          start_time=dt.time(11, 0), end_time=dt.time(13, 5),
                                          venue="County Hall, Worcester")
        apologies = agenda.add_item(book, meeting.id, "Apologies and named substitutes")
        report = agenda.add_item(book, meeting.id, "Police & Crime Plan Activity and "
                                 "Performance Monitoring Report")
        private = agenda.add_item(book, meeting.id, "Staffing matter")
        agenda.update_item(book, private.id, confidential=True)
        agenda.set_item_minutes(book, private.id, "<p>Secret staffing discussion.</p>")
        agenda.update_item(book, report.id, description="To consider the report.")
        agenda.set_item_minutes(book, report.id, (
            "<p>In presenting the report, the PCC and the DPCC highlighted:</p>"
            "<ul><li>Perpetrator Programme</li><li>Missing Persons<ul><li>9% reduction</li>"
            "</ul></li></ul><ol><li>Four performance sessions</li>"
            # What typing <script> in the editor stores: text, not a tag.
            f"<li>{html.escape(SCRIPT)}</li></ol>"))
        decisions.record_decision(book, report.id, DecisionKind.RESOLVED,
                                  "that the report be noted.")
        actions.capture_action(book, meeting.id, "Circulate the web link to members.",
                               owner_text="PCC", item_id=report.id,
                               due_date=dt.date(2018, 3, 1))
        actions.capture_action(book, meeting.id, "Review the staffing case.",
                               owner_text="PCC", item_id=private.id)
        attendance.record_attendance(book, meeting.id, chair.id)
        attendance.record_attendance(book, meeting.id, substitute.id,
                                     role=AttendanceRole.SUBSTITUTE,
                                     substitute_for_id=member.id)
        attendance.record_attendance(book, meeting.id, member.id,
                                     status=AttendanceStatus.APOLOGIES)
        attendance.record_attendance(book, meeting.id, pcc.id, role=AttendanceRole.OFFICER,
                                     capacity="Police and Crime Commissioner")
        attendance.record_departure(book, meeting.id, pcc.id, after_item_id=report.id, at=None)
        assert [i.number for i in agenda.list_items(book, meeting.id)] == \
            ["233", "234", "235"] and apologies.id
    return path, meeting.id


def export(path: Path, meeting_id: int, fmt: str, out: Path, *, public: bool) -> Path:
    with MinuteBook.open(path) as book:
        request = formats.ExportRequest(meeting_id=meeting_id, fmt=fmt, public=public)
        return publishing.export(book, request, out / f"minutes.{fmt}").path
