"""Attendance as minutes print it, and the services the attendance dialog calls."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest

from minute_taker.domain.attendance_notes import (
    capacity_label,
    movement_sentence,
    movement_subject,
    substitution_sentence,
)
from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import MeetingHeader
from minute_taker.services import agenda, attendance, committees, people
from minute_taker.store.book import MinuteBook

MakeMeeting = Callable[..., MeetingHeader]
PRESENT = AttendanceStatus.PRESENT
APOLOGIES = AttendanceStatus.APOLOGIES


@pytest.mark.parametrize(("role", "abbreviation", "expected"), [
    ("Deputy Chief Constable", "DCC", "Deputy Chief Constable (DCC)"),
    ("Deputy Chief Constable (DCC)", "DCC", "Deputy Chief Constable (DCC)"),
    ("  Policy Officer, OPCC ", None, "Policy Officer, OPCC"),
    (None, " SO ", "SO"),
    ("", "", None),
])
def test_capacity_label(role: str | None, abbreviation: str | None,
                        expected: str | None) -> None:
    assert capacity_label(role, abbreviation) == expected


def test_movement_sentences() -> None:
    assert movement_subject("Martin Evans", "ACC") == "The ACC"
    assert movement_subject("Cllr Tony Miller", " ") == "Cllr Tony Miller"
    assert movement_sentence("The ACC", "left", "1.2", dt.time(11, 5)) == (
        "The ACC left the meeting after item 1.2.")
    assert movement_sentence("Cllr Tony Miller", "arrived", "5", None) == (
        "Cllr Tony Miller arrived during item 5.")
    assert movement_sentence("The SO", "arrived", None, dt.time(10, 45)) == (
        "The SO arrived at 10:45.")
    assert movement_sentence("The SO", "left", None, dt.time(12, 5)) == (
        "The SO left the meeting at 12:05.")
    assert movement_sentence("The SO", "left", None, None) is None
    assert substitution_sentence("Cllr Tony Miller", "Cllr Stephen Mackay") == (
        "Cllr Tony Miller for Cllr Stephen Mackay")


@pytest.fixture
def meeting(make_meeting: MakeMeeting) -> MeetingHeader:
    return make_meeting()


@pytest.fixture
def items(book: MinuteBook, meeting: MeetingHeader) -> SimpleNamespace:
    """1 Outstanding matters (1.1, 1.2), 2 Risks, ... 5 Holding to account."""
    top = agenda.add_item(book, meeting.id, "Outstanding matters")
    return SimpleNamespace(
        psd=agenda.add_item(book, meeting.id, "Professional Standards", parent_id=top.id),
        telford=agenda.add_item(book, meeting.id, "Telford", parent_id=top.id),
        risks=agenda.add_item(book, meeting.id, "Risks"),
        chief=agenda.add_item(book, meeting.id, "Chief officer meeting"),
        burglary=agenda.add_item(book, meeting.id, "Domestic burglary"),
        hta=agenda.add_item(book, meeting.id, "Holding to account"),
    )


@pytest.fixture
def councillors(book: MinuteBook) -> SimpleNamespace:
    return SimpleNamespace(
        miller=people.create_person(book, "Tony Miller", title="Cllr"),
        mackay=people.create_person(book, "Stephen Mackay", title="Cllr"),
    )


def test_the_acc_left_and_a_councillor_arrived(
        book: MinuteBook, cast: SimpleNamespace, councillors: SimpleNamespace,
        meeting: MeetingHeader, items: SimpleNamespace) -> None:
    for person in (cast.pcc, cast.dcc, cast.acc, councillors.miller):
        attendance.record_attendance(book, meeting.id, person.id)
    attendance.record_arrival(book, meeting.id, councillors.miller.id,
                              during_item_id=items.hta.id, at=dt.time(11, 40))
    attendance.record_departure(book, meeting.id, cast.acc.id,
                                after_item_id=items.telford.id, at=dt.time(11, 5))
    assert attendance.movement_notes(book, meeting.id) == [
        "The ACC left the meeting after item 1.2.",
        "Cllr Tony Miller arrived during item 5.",
    ]


def test_notes_follow_the_agenda_not_the_attendance_list(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        items: SimpleNamespace) -> None:
    for person in (cast.pcc, cast.dcc, cast.so, cast.acc):
        attendance.record_attendance(book, meeting.id, person.id)
    attendance.record_departure(book, meeting.id, cast.pcc.id, after_item_id=items.hta.id,
                                at=None)
    attendance.record_departure(book, meeting.id, cast.so.id, after_item_id=None,
                                at=dt.time(12, 5))
    attendance.record_arrival(book, meeting.id, cast.dcc.id, during_item_id=items.risks.id,
                              at=None)
    attendance.record_departure(book, meeting.id, cast.dcc.id, after_item_id=items.risks.id,
                                at=None)
    attendance.record_arrival(book, meeting.id, cast.acc.id, during_item_id=items.psd.id,
                              at=None)
    assert attendance.movement_notes(book, meeting.id) == [
        "The ACC arrived during item 1.1.",
        "The DCC arrived during item 2.",
        "The DCC left the meeting after item 2.",
        "The PCC left the meeting after item 5.",
        "The SO left the meeting at 12:05.",
    ]


def test_notes_use_the_numbers_as_they_are_now(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        items: SimpleNamespace) -> None:
    attendance.record_attendance(book, meeting.id, cast.acc.id)
    attendance.record_departure(book, meeting.id, cast.acc.id,
                                after_item_id=items.telford.id, at=None)
    agenda.shift_item(book, items.telford.id, -1)
    assert attendance.movement_notes(book, meeting.id) == [
        "The ACC left the meeting after item 1.1."]


def test_someone_no_longer_present_has_no_movement_note(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        items: SimpleNamespace) -> None:
    attendance.record_attendance(book, meeting.id, cast.acc.id)
    attendance.record_departure(book, meeting.id, cast.acc.id,
                                after_item_id=items.telford.id, at=None)
    attendance.update_attendance(book, meeting.id, cast.acc.id, status=APOLOGIES)
    assert attendance.movement_notes(book, meeting.id) == []


def test_substitution_notes(book: MinuteBook, cast: SimpleNamespace,
                            councillors: SimpleNamespace, meeting: MeetingHeader) -> None:
    attendance.record_attendance(book, meeting.id, councillors.mackay.id, status=APOLOGIES)
    attendance.record_attendance(book, meeting.id, councillors.miller.id,
                                 role=AttendanceRole.SUBSTITUTE,
                                 substitute_for_id=councillors.mackay.id)
    attendance.record_attendance(book, meeting.id, cast.dcc.id, role=AttendanceRole.SUBSTITUTE,
                                 substitute_for_id=cast.cc.id)
    attendance.record_attendance(book, meeting.id, cast.pcc.id)
    assert attendance.substitution_notes(book, meeting.id) == [
        "Cllr Tony Miller for Cllr Stephen Mackay",
        "Amanda Blakeman for Anthony Bangham",
    ]
    with pytest.raises(NotFoundError, match="meeting"):
        attendance.substitution_notes(book, 999)


@pytest.fixture
def committee_with_members(book: MinuteBook, cast: SimpleNamespace,
                           meeting: MeetingHeader) -> int:
    committee_id = meeting.committee_id
    for person in (cast.pcc, cast.dcc, cast.acc, cast.cc):
        committees.add_member(book, committee_id, person.id)
    committees.add_member(book, committee_id, cast.clerk.id, AttendanceRole.OFFICER)
    return committee_id


def test_prefill_from_committee_adds_those_not_yet_recorded(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        committee_with_members: int) -> None:
    attendance.record_attendance(book, meeting.id, cast.cc.id, status=APOLOGIES,
                                 capacity="Chief Constable (CC)")
    added = attendance.prefill_from_committee(book, meeting.id)
    assert [(r.person_name, r.status, r.role, r.capacity) for r in added] == [
        ("John Campion", PRESENT, AttendanceRole.MEMBER, "Police and Crime Commissioner (PCC)"),
        ("Amanda Blakeman", PRESENT, AttendanceRole.MEMBER, "Deputy Chief Constable (DCC)"),
        ("Martin Evans", PRESENT, AttendanceRole.MEMBER, "Assistant Chief Constable (ACC)"),
        ("Jackie Irvin", PRESENT, AttendanceRole.OFFICER, "Policy Officer"),
    ]
    rows = attendance.list_attendance(book, meeting.id)
    assert [r.person_name for r in rows] == [
        "Anthony Bangham", "John Campion", "Amanda Blakeman", "Martin Evans", "Jackie Irvin"]
    assert rows[0].status is APOLOGIES
    assert attendance.prefill_from_committee(book, meeting.id) == []


def test_prefill_after_a_removal_keeps_positions_distinct(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        committee_with_members: int) -> None:
    attendance.record_attendance(book, meeting.id, cast.so.id)
    attendance.record_attendance(book, meeting.id, cast.cex.id)
    attendance.remove_attendance(book, meeting.id, cast.so.id)
    attendance.prefill_from_committee(book, meeting.id)
    names = [r.person_name for r in attendance.list_attendance(book, meeting.id)]
    assert names == ["Andy Champness", "John Campion", "Amanda Blakeman", "Martin Evans",
                     "Anthony Bangham", "Jackie Irvin"]


def test_add_attendee_finds_someone_in_the_book_by_name(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader) -> None:
    row = attendance.add_attendee(book, meeting.id, "  amanda   BLAKEMAN ")
    assert (row.person_id, row.status, row.capacity) == (
        cast.dcc.id, PRESENT, "Deputy Chief Constable (DCC)")
    attendance.update_attendance(book, meeting.id, cast.dcc.id, status=APOLOGIES)
    again = attendance.add_attendee(book, meeting.id, "Amanda Blakeman",
                                    capacity="Acting Chief Constable")
    assert (again.id, again.status, again.capacity) == (
        row.id, APOLOGIES, "Acting Chief Constable (DCC)")
    assert len(people.list_people(book)) == 8


def test_add_attendee_creates_a_new_person(book: MinuteBook, meeting: MeetingHeader) -> None:
    row = attendance.add_attendee(book, meeting.id, "Tony Miller",
                                  capacity="Councillor, Shropshire", abbreviation="")
    person = people.get_person(book, row.person_id)
    assert (person.name, person.role, person.abbreviation, person.initials) == (
        "Tony Miller", "Councillor, Shropshire", None, "TM")
    assert row.capacity == "Councillor, Shropshire"
    officer = attendance.add_attendee(book, meeting.id, "Louise Wall",
                                      capacity="Inspector, Chief Constable's Staff Officer",
                                      abbreviation="SO", role=AttendanceRole.OFFICER)
    assert (officer.role, officer.capacity) == (
        AttendanceRole.OFFICER, "Inspector, Chief Constable's Staff Officer (SO)")
    assert people.get_person(book, officer.person_id).abbreviation == "SO"


def test_add_attendee_refusals_create_nobody(book: MinuteBook, meeting: MeetingHeader) -> None:
    with pytest.raises(ValidationError, match="name"):
        attendance.add_attendee(book, meeting.id, "   ")
    with pytest.raises(NotFoundError, match="meeting"):
        attendance.add_attendee(book, 999, "Tony Miller")
    assert people.list_people(book) == []


def test_update_attendance_changes_only_what_is_given(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        items: SimpleNamespace) -> None:
    attendance.record_attendance(book, meeting.id, cast.acc.id, capacity="ACC")
    attendance.record_departure(book, meeting.id, cast.acc.id, after_item_id=items.telford.id,
                                at=dt.time(11, 5))
    row = attendance.update_attendance(book, meeting.id, cast.acc.id,
                                       role=AttendanceRole.OFFICER)
    assert (row.role, row.status, row.capacity, row.left_item_id, row.left_at) == (
        AttendanceRole.OFFICER, PRESENT, "ACC", items.telford.id, dt.time(11, 5))
    row = attendance.update_attendance(book, meeting.id, cast.acc.id, capacity="  ",
                                       left_item_id=None, left_at=None,
                                       arrived_item_id=items.psd.id)
    assert (row.capacity, row.left_item_id, row.left_at, row.arrived_item_id) == (
        None, None, None, items.psd.id)


def test_naming_whom_someone_stands_in_for_makes_them_a_substitute(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader) -> None:
    attendance.record_attendance(book, meeting.id, cast.dcc.id)
    row = attendance.update_attendance(book, meeting.id, cast.dcc.id,
                                       substitute_for_id=cast.cc.id)
    assert (row.role, row.substitute_for_name) == (AttendanceRole.SUBSTITUTE,
                                                   "Anthony Bangham")
    row = attendance.update_attendance(book, meeting.id, cast.dcc.id, substitute_for_id=None)
    assert (row.role, row.substitute_for_id) == (AttendanceRole.MEMBER, None)
    officer = attendance.update_attendance(book, meeting.id, cast.dcc.id,
                                           role=AttendanceRole.OFFICER)
    assert attendance.update_attendance(book, meeting.id, cast.dcc.id,
                                        substitute_for_id=None).role == officer.role


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"role": AttendanceRole.SUBSTITUTE}, ValidationError, "whom they substitute"),
    ({"substitute_for_id": "self"}, ValidationError, "themselves"),
    ({"substitute_for_id": 999}, NotFoundError, "person"),
    ({"status": APOLOGIES, "left_item_id": "telford"}, ValidationError, "present"),
    ({"arrived_item_id": 999}, NotFoundError, "agenda item"),
    ({"status": "late"}, ValueError, "late"),
    ({"colour": "red"}, TypeError, "colour"),
])
def test_update_attendance_refusals_change_nothing(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        items: SimpleNamespace, changes: dict[str, object], error: type[Exception],
        message: str) -> None:
    attendance.record_attendance(book, meeting.id, cast.dcc.id)
    before = attendance.list_attendance(book, meeting.id)
    if changes.get("substitute_for_id") == "self":
        changes["substitute_for_id"] = cast.dcc.id
    if changes.get("left_item_id") == "telford":
        changes["left_item_id"] = items.telford.id
    with pytest.raises(error, match=message):
        attendance.update_attendance(book, meeting.id, cast.dcc.id, **changes)
    assert attendance.list_attendance(book, meeting.id) == before


def test_update_attendance_of_someone_not_recorded(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader) -> None:
    with pytest.raises(NotFoundError, match="not recorded"):
        attendance.update_attendance(book, meeting.id, cast.dcc.id, status=PRESENT)


def test_update_and_remove_declarations(book: MinuteBook, cast: SimpleNamespace,
                                        meeting: MeetingHeader, items: SimpleNamespace,
                                        make_meeting: MakeMeeting) -> None:
    first = attendance.add_declaration(book, meeting.id, cast.dpcc.id, "Trustee of a charity")
    second = attendance.add_declaration(book, meeting.id, cast.pcc.id, "Lives in Telford")
    changed = attendance.update_declaration(book, first.id, person_id=cast.dcc.id,
                                            item_id=items.burglary.id, nature=" Non-pecuniary ",
                                            interest="National lead for burglary outcomes")
    assert (changed.person_name, changed.item_id, changed.interest, changed.nature) == (
        "Amanda Blakeman", items.burglary.id, "National lead for burglary outcomes",
        "Non-pecuniary")
    assert attendance.update_declaration(book, first.id, item_id=None, nature="").item_id is None
    foreign = agenda.add_item(book, make_meeting(title="November").id, "Elsewhere")
    with pytest.raises(ValidationError, match="another meeting"):
        attendance.update_declaration(book, first.id, item_id=foreign.id)
    with pytest.raises(ValidationError, match="interest"):
        attendance.update_declaration(book, first.id, interest=" ")
    with pytest.raises(TypeError, match="colour"):
        attendance.update_declaration(book, first.id, colour="red")
    attendance.remove_declaration(book, first.id)
    assert attendance.list_declarations(book, meeting.id) == [second]
    with pytest.raises(NotFoundError, match="declaration"):
        attendance.remove_declaration(book, first.id)
