"""Attendance: who was there in what capacity, substitutes, comings and goings, interests."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import MeetingHeader
from minute_taker.services import agenda, attendance
from minute_taker.store.book import MinuteBook

MakeMeeting = Callable[..., MeetingHeader]
PRESENT = AttendanceStatus.PRESENT
APOLOGIES = AttendanceStatus.APOLOGIES


@pytest.fixture
def meeting(make_meeting: MakeMeeting) -> MeetingHeader:
    return make_meeting()


def test_attendance_list_as_in_the_assurance_notes(book: MinuteBook, cast: SimpleNamespace,
                                                   meeting: MeetingHeader) -> None:
    present = [(cast.pcc, "Police and Crime Commissioner (PCC)"),
               (cast.dpcc, "Deputy Police and Crime Commissioner (DPCC)"),
               (cast.dcc, "Deputy Chief Constable (DCC)"),
               (cast.acc, "Assistant Chief Constable (ACC)"),
               (cast.so, "Inspector, Chief Constable's Staff Officer (SO)")]
    for person, capacity in present:
        attendance.record_attendance(book, meeting.id, person.id, capacity=capacity)
    attendance.record_attendance(book, meeting.id, cast.cc.id, status=APOLOGIES,
                                 capacity="Chief Constable (CC)")
    attendance.record_attendance(book, meeting.id, cast.clerk.id, role=AttendanceRole.OFFICER,
                                 capacity="  Policy Officer, OPCC  ")
    rows = attendance.list_attendance(book, meeting.id)
    assert [(r.person_name, r.status, r.role) for r in rows] == [
        ("John Campion", PRESENT, AttendanceRole.MEMBER),
        ("Tracey Onslow", PRESENT, AttendanceRole.MEMBER),
        ("Amanda Blakeman", PRESENT, AttendanceRole.MEMBER),
        ("Martin Evans", PRESENT, AttendanceRole.MEMBER),
        ("Louise Wall", PRESENT, AttendanceRole.MEMBER),
        ("Anthony Bangham", APOLOGIES, AttendanceRole.MEMBER),
        ("Jackie Irvin", PRESENT, AttendanceRole.OFFICER),
    ]
    assert rows[2].capacity == "Deputy Chief Constable (DCC)"
    assert rows[-1].capacity == "Policy Officer, OPCC"
    assert {r.meeting_id for r in rows} == {meeting.id}


def test_recording_again_updates_in_place(book: MinuteBook, cast: SimpleNamespace,
                                          meeting: MeetingHeader) -> None:
    first = attendance.record_attendance(book, meeting.id, cast.cex.id, capacity="CEX")
    attendance.record_attendance(book, meeting.id, cast.pcc.id)
    again = attendance.record_attendance(book, meeting.id, cast.cex.id, status=APOLOGIES,
                                         capacity=" ")
    assert again.id == first.id
    assert (again.status, again.capacity) == (APOLOGIES, None)
    assert [r.person_name for r in attendance.list_attendance(book, meeting.id)] == [
        "Andy Champness", "John Campion"]


def test_named_substitute(book: MinuteBook, cast: SimpleNamespace,
                          meeting: MeetingHeader) -> None:
    attendance.record_attendance(book, meeting.id, cast.cc.id, status=APOLOGIES)
    row = attendance.record_attendance(book, meeting.id, cast.dcc.id,
                                       role=AttendanceRole.SUBSTITUTE,
                                       substitute_for_id=cast.cc.id)
    assert (row.role, row.substitute_for_id, row.substitute_for_name) == (
        AttendanceRole.SUBSTITUTE, cast.cc.id, "Anthony Bangham")
    assert attendance.list_attendance(book, meeting.id)[1] == row


def test_substitute_for_is_cleared_when_no_longer_a_substitute(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader) -> None:
    attendance.record_attendance(book, meeting.id, cast.dcc.id, role=AttendanceRole.SUBSTITUTE,
                                 substitute_for_id=cast.cc.id)
    row = attendance.record_attendance(book, meeting.id, cast.dcc.id,
                                       role=AttendanceRole.MEMBER,
                                       substitute_for_id=cast.cc.id)
    assert (row.role, row.substitute_for_id, row.substitute_for_name) == (
        AttendanceRole.MEMBER, None, None)


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"role": AttendanceRole.SUBSTITUTE}, ValidationError, "whom they substitute"),
    ({"role": AttendanceRole.SUBSTITUTE, "substitute_for_id": "self"}, ValidationError,
     "themselves"),
    ({"role": AttendanceRole.SUBSTITUTE, "substitute_for_id": 999}, NotFoundError, "person"),
    ({"person_id": 999}, NotFoundError, "person"),
    ({"status": "late"}, ValueError, "late"),
])
def test_attendance_refusals_save_nothing(book: MinuteBook, cast: SimpleNamespace,
                                          meeting: MeetingHeader, kwargs: dict[str, object],
                                          error: type[Exception], message: str) -> None:
    arguments: dict[str, object] = {"person_id": cast.dcc.id, **kwargs}
    if arguments.get("substitute_for_id") == "self":
        arguments["substitute_for_id"] = arguments["person_id"]
    with pytest.raises(error, match=message):
        attendance.record_attendance(book, meeting.id, **arguments)  # type: ignore[arg-type]
    assert attendance.list_attendance(book, meeting.id) == []


def test_unknown_meeting(book: MinuteBook, cast: SimpleNamespace) -> None:
    with pytest.raises(NotFoundError, match="meeting"):
        attendance.record_attendance(book, 999, cast.dcc.id)
    with pytest.raises(NotFoundError, match="meeting"):
        attendance.list_attendance(book, 999)


@pytest.fixture
def outstanding(book: MinuteBook, meeting: MeetingHeader) -> SimpleNamespace:
    """Item 1 Outstanding matters with 1.1 Professional Standards and 1.2 Telford."""
    top = agenda.add_item(book, meeting.id, "Outstanding matters / items brought forward")
    return SimpleNamespace(
        top=top,
        psd=agenda.add_item(book, meeting.id, "Professional Standards", parent_id=top.id),
        telford=agenda.add_item(book, meeting.id, "Telford", parent_id=top.id),
        risks=agenda.add_item(book, meeting.id, "Operational and reputational risks"),
    )


def test_the_acc_left_the_meeting_after_item_1_2(book: MinuteBook, cast: SimpleNamespace,
                                                 meeting: MeetingHeader,
                                                 outstanding: SimpleNamespace) -> None:
    attendance.record_attendance(book, meeting.id, cast.acc.id,
                                 capacity="Assistant Chief Constable (ACC)")
    row = attendance.record_departure(book, meeting.id, cast.acc.id,
                                      after_item_id=outstanding.telford.id,
                                      at=dt.time(11, 15))
    assert (row.left_item_id, row.left_at) == (outstanding.telford.id, dt.time(11, 15))
    assert (row.arrived_item_id, row.arrived_at) == (None, None)
    assert agenda.get_item(book, row.left_item_id).number == "1.2"
    assert attendance.list_attendance(book, meeting.id) == [row]


def test_late_arrival_during_an_item(book: MinuteBook, cast: SimpleNamespace,
                                     meeting: MeetingHeader,
                                     outstanding: SimpleNamespace) -> None:
    attendance.record_attendance(book, meeting.id, cast.so.id)
    row = attendance.record_arrival(book, meeting.id, cast.so.id,
                                    during_item_id=outstanding.risks.id, at=None)
    assert (row.arrived_item_id, row.arrived_at) == (outstanding.risks.id, None)
    assert agenda.get_item(book, outstanding.risks.id).number == "2"
    both = attendance.record_departure(book, meeting.id, cast.so.id, after_item_id=None,
                                       at=dt.time(12, 5))
    assert (both.arrived_item_id, both.left_item_id, both.left_at) == (
        outstanding.risks.id, None, dt.time(12, 5))


def test_movements_survive_re_recording_attendance(book: MinuteBook, cast: SimpleNamespace,
                                                   meeting: MeetingHeader,
                                                   outstanding: SimpleNamespace) -> None:
    attendance.record_attendance(book, meeting.id, cast.acc.id)
    attendance.record_departure(book, meeting.id, cast.acc.id,
                                after_item_id=outstanding.telford.id, at=None)
    row = attendance.record_attendance(book, meeting.id, cast.acc.id, capacity="ACC")
    assert (row.capacity, row.left_item_id) == ("ACC", outstanding.telford.id)


@pytest.mark.parametrize("situation", ["not recorded", "sent apologies", "foreign item",
                                       "unknown item"])
def test_only_someone_present_can_arrive_or_leave(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
        make_meeting: MakeMeeting, outstanding: SimpleNamespace, situation: str) -> None:
    attendance.record_attendance(book, meeting.id, cast.cc.id, status=APOLOGIES)
    attendance.record_attendance(book, meeting.id, cast.acc.id)
    foreign = agenda.add_item(book, make_meeting(title="November").id, "Elsewhere")
    person, item_id, error = {
        "not recorded": (cast.dcc, outstanding.psd.id, ValidationError),
        "sent apologies": (cast.cc, outstanding.psd.id, ValidationError),
        "foreign item": (cast.acc, foreign.id, ValidationError),
        "unknown item": (cast.acc, 999, NotFoundError),
    }[situation]
    before = attendance.list_attendance(book, meeting.id)
    with pytest.raises(error):
        attendance.record_departure(book, meeting.id, person.id, after_item_id=item_id,
                                    at=None)
    with pytest.raises(error):
        attendance.record_arrival(book, meeting.id, person.id, during_item_id=item_id, at=None)
    assert attendance.list_attendance(book, meeting.id) == before


def test_remove_attendance(book: MinuteBook, cast: SimpleNamespace,
                           meeting: MeetingHeader) -> None:
    attendance.record_attendance(book, meeting.id, cast.pcc.id)
    attendance.record_attendance(book, meeting.id, cast.cex.id, status=APOLOGIES)
    attendance.remove_attendance(book, meeting.id, cast.pcc.id)
    attendance.remove_attendance(book, meeting.id, cast.dcc.id)  # never recorded: no-op
    assert [r.person_name for r in attendance.list_attendance(book, meeting.id)] == [
        "Andy Champness"]


def test_declarations_of_interest(book: MinuteBook, cast: SimpleNamespace,
                                  meeting: MeetingHeader,
                                  outstanding: SimpleNamespace) -> None:
    first = attendance.add_declaration(book, meeting.id, cast.dpcc.id,
                                       "Trustee of a victims' charity",
                                       item_id=outstanding.psd.id, nature="  Other  ")
    second = attendance.add_declaration(book, meeting.id, cast.pcc.id,
                                        "Lives in Telford", nature=" ")
    assert (first.person_name, first.item_id, first.interest, first.nature) == (
        "Tracey Onslow", outstanding.psd.id, "Trustee of a victims' charity", "Other")
    assert (second.item_id, second.nature) == (None, None)
    assert attendance.list_declarations(book, meeting.id) == [first, second]


def test_declaration_refusals(book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
                              make_meeting: MakeMeeting) -> None:
    foreign = agenda.add_item(book, make_meeting(title="November").id, "Elsewhere")
    with pytest.raises(ValidationError, match="interest"):
        attendance.add_declaration(book, meeting.id, cast.pcc.id, "   ")
    with pytest.raises(ValidationError, match="another meeting"):
        attendance.add_declaration(book, meeting.id, cast.pcc.id, "Interest",
                                   item_id=foreign.id)
    with pytest.raises(NotFoundError, match="person"):
        attendance.add_declaration(book, meeting.id, 999, "Interest")
    assert attendance.list_declarations(book, meeting.id) == []
