"""Roll lines recorded as attendance, in one transaction, and taken back exactly."""

from __future__ import annotations

import dataclasses
import datetime as dt
from types import SimpleNamespace

import pytest

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, MeetingStatus
from minute_taker.domain.errors import MeetingLockedError
from minute_taker.domain.records import Abbreviation, AttendanceRow
from minute_taker.domain.roll_call import Problem, RollKind
from minute_taker.services import attendance, committees, meetings, people, roll_call
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting

PRESENT, APOLOGIES, ABSENT = (AttendanceStatus.PRESENT, AttendanceStatus.APOLOGIES,
                              AttendanceStatus.ABSENT)
MEMBER, SUBSTITUTE, OFFICER = (AttendanceRole.MEMBER, AttendanceRole.SUBSTITUTE,
                               AttendanceRole.OFFICER)
IN_ATTENDANCE = AttendanceRole.IN_ATTENDANCE
COUNCILLORS = ["Sebastian Bowen", "Jane Carwardine", "Roger Evans", "Carole Gandy",
               "Paul Middlebrough", "Malcolm Yates", "Rob Dakin", "Stephen Mackay",
               "Mark Turley"]


@pytest.fixture
def panel(book: MinuteBook) -> SimpleNamespace:
    """A police and crime panel: nine councillors and an independent member; the PCC and
    DPCC (officers) and a former substitute are in the book but not on the panel."""
    committee = committees.create_committee(
        book, "West Mercia Police and Crime Panel", standing_items=[],
        abbreviations=[Abbreviation("PCC", "Police and Crime Commissioner")])
    members = {}
    for name in COUNCILLORS:
        member = people.create_person(book, name, title="Cllr")
        committees.add_member(book, committee.id, member.id, MEMBER)
        members[name.split()[-1].lower()] = member
    hayes = people.create_person(book, "Colin Hayes", title="Mr", role="Independent Member")
    committees.add_member(book, committee.id, hayes.id, MEMBER)
    return SimpleNamespace(
        committee=committee, hayes=hayes, **members,
        pcc=people.create_person(book, "John Campion", role="Police and Crime Commissioner"),
        dpcc=people.create_person(book, "Tracey Onslow",
                                  role="Deputy Police and Crime Commissioner",
                                  abbreviation="DPCC"),
        miller=people.create_person(book, "Tony Miller", title="Cllr"),
        meeting=meetings.create_meeting(book, committee.id, "Police and Crime Panel",
                                        dt.date(2018, 2, 5)))


def roll(book: MinuteBook, panel: SimpleNamespace) -> dict[str, tuple[object, ...]]:
    return {r.person_name: (r.status, r.role, r.capacity, r.substitute_for_name)
            for r in attendance.list_attendance(book, panel.meeting.id)}


def record(book: MinuteBook, panel: SimpleNamespace, line: str) -> roll_call.RollRecorded:
    result = roll_call.record_roll_line(book, panel.meeting.id, line)
    assert result is not None
    return result


PANEL_ROLL = [
    "Present: Cllr Sebastian Bowen (Chairman), Cllrs Carwardine, Evans, Gandy, Middlebrough "
    "and Yates, Mr Colin Hayes",
    "Apologies for absence were received from Cllrs Dakin, Mackay and Turley.",
    "Substitutes: Cllr Tony Miller for Cllr Stephen Mackay; Cllr Lee Carter for Cllr Mark "
    "Turley",
    "In attendance: PCC, DPCC",
]


def test_the_roll_of_a_panel_meeting(book: MinuteBook, panel: SimpleNamespace) -> None:
    results = [record(book, panel, line) for line in PANEL_ROLL]
    assert [r.kind for r in results] == [RollKind.PRESENT, RollKind.APOLOGIES,
                                         RollKind.SUBSTITUTES, RollKind.IN_ATTENDANCE]
    assert all(r.reports == () for r in results)
    assert results[1].recorded == ("Cllr Rob Dakin", "Cllr Stephen Mackay", "Cllr Mark Turley")
    assert results[2].new_people == ("Cllr Lee Carter",)
    assert roll(book, panel) == {
        "Sebastian Bowen": (PRESENT, MEMBER, "Chairman", None),
        "Jane Carwardine": (PRESENT, MEMBER, None, None),
        "Roger Evans": (PRESENT, MEMBER, None, None),
        "Carole Gandy": (PRESENT, MEMBER, None, None),
        "Paul Middlebrough": (PRESENT, MEMBER, None, None),
        "Malcolm Yates": (PRESENT, MEMBER, None, None),
        "Colin Hayes": (PRESENT, MEMBER, "Independent Member", None),
        "Rob Dakin": (APOLOGIES, MEMBER, None, None),
        "Stephen Mackay": (APOLOGIES, MEMBER, None, None),
        "Mark Turley": (APOLOGIES, MEMBER, None, None),
        "Tony Miller": (PRESENT, SUBSTITUTE, None, "Stephen Mackay"),
        "Lee Carter": (PRESENT, SUBSTITUTE, None, "Mark Turley"),
        "John Campion": (PRESENT, IN_ATTENDANCE, "Police and Crime Commissioner", None),
        "Tracey Onslow": (PRESENT, IN_ATTENDANCE,
                          "Deputy Police and Crime Commissioner (DPCC)", None),
    }
    assert attendance.substitution_notes(book, panel.meeting.id) == [
        "Cllr Tony Miller for Cllr Stephen Mackay", "Cllr Lee Carter for Cllr Mark Turley"]
    carter = people.find_person(book, "Cllr Lee Carter")
    assert carter is not None and (carter.title, carter.initials) == ("Cllr", "LC")


def test_apologies_change_members_filled_in_from_the_committee(
        book: MinuteBook, panel: SimpleNamespace) -> None:
    attendance.prefill_from_committee(book, panel.meeting.id)
    order = [r.person_name for r in attendance.list_attendance(book, panel.meeting.id)]
    record(book, panel, "Apologies: Cllrs Dakin, Mackay and Turley")
    rows = attendance.list_attendance(book, panel.meeting.id)
    assert [r.person_name for r in rows] == order  # the committee's order is kept
    assert {r.person_name for r in rows if r.status is APOLOGIES} == {
        "Rob Dakin", "Stephen Mackay", "Mark Turley"}


def test_the_member_a_substitute_stands_in_for_has_sent_apologies_unless_absent(
        book: MinuteBook, panel: SimpleNamespace) -> None:
    attendance.record_attendance(book, panel.meeting.id, panel.turley.id, status=ABSENT)
    record(book, panel, "Substitutes: Cllr Tony Miller for Cllr Mackay and Cllr Lee Carter "
                        "for Cllr Turley")
    found = roll(book, panel)
    assert found["Stephen Mackay"][0] is APOLOGIES
    assert found["Mark Turley"][0] is ABSENT


def test_those_in_attendance_typed_with_a_capacity(book: MinuteBook,
                                                   panel: SimpleNamespace) -> None:
    record(book, panel, "In attendance: John Campion (PCC), Tracey Onslow (DPCC), "
                        "Sheena Jones \u2013 Democratic Governance Manager")
    found = roll(book, panel)
    assert found["John Campion"][2] == "PCC"
    assert found["Tracey Onslow"][2] == "Deputy Police and Crime Commissioner (DPCC)"
    assert found["Sheena Jones"] == (PRESENT, IN_ATTENDANCE, "Democratic Governance Manager",
                                     None)
    record(book, panel, "Officers in attendance: Jackie Irvin (Policy Officer)")
    assert roll(book, panel)["Jackie Irvin"][:2] == (PRESENT, OFFICER)
    jones = people.find_person(book, "Sheena Jones")
    assert jones is not None and jones.role == "Democratic Governance Manager"


def test_what_cannot_be_read_is_reported_and_not_recorded(
        book: MinuteBook, panel: SimpleNamespace) -> None:
    jane = people.create_person(book, "Jane Evans", title="Cllr")
    committees.add_member(book, panel.committee.id, jane.id, MEMBER)
    result = record(book, panel, "Apologies: Cllr Evans, CEX, Cllr Yates who was unwell")
    assert [(r.text, r.problem) for r in result.reports] == [
        ("Cllr Yates who was unwell", Problem.NOT_A_NAME), ("Cllr Evans", Problem.AMBIGUOUS),
        ("CEX", Problem.NOBODY)]
    assert result.recorded == ()
    assert not result.snapshot.changed
    assert roll(book, panel) == {}


def test_the_line_read_when_the_whole_is_not_a_roll_line(
        book: MinuteBook, panel: SimpleNamespace) -> None:
    assert roll_call.record_roll_line(book, panel.meeting.id, "The PCC presented.") is None
    nothing = record(book, panel, "Apologies: none")
    assert not nothing.snapshot.changed and nothing.recorded == ()


def without_ids(rows: list[AttendanceRow]) -> list[AttendanceRow]:
    return [dataclasses.replace(row, id=0) for row in rows]


def test_undo_puts_everything_back_and_redo_records_it_again(
        book: MinuteBook, panel: SimpleNamespace) -> None:
    attendance.prefill_from_committee(book, panel.meeting.id)
    attendance.record_arrival(book, panel.meeting.id, panel.bowen.id, during_item_id=None,
                              at=dt.time(10, 5))
    before = attendance.list_attendance(book, panel.meeting.id)
    everyone = people.list_people(book)
    result = record(book, panel, "Substitutes: Cllr Tony Miller for Cllr Stephen Mackay; "
                                 "Cllr Lee Carter for Cllr Mark Turley")
    after = attendance.list_attendance(book, panel.meeting.id)

    roll_call.undo_roll(book, result.snapshot)
    assert attendance.list_attendance(book, panel.meeting.id) == before
    assert people.list_people(book) == everyone  # Cllr Lee Carter is gone again

    again = roll_call.redo_roll(book, result.snapshot)
    # The lines recorded again are new rows: their ids are the database's to give (a
    # file's SQLite gives the freed ones again, PostgreSQL's sequences never do).
    assert without_ids(attendance.list_attendance(book, panel.meeting.id)) == \
        without_ids(after)
    carter = people.find_person(book, "Lee Carter")
    assert carter is not None and carter.uid == result.snapshot.people[0]["uid"]
    roll_call.undo_roll(book, again)
    assert attendance.list_attendance(book, panel.meeting.id) == before


def test_redo_when_the_new_persons_id_was_taken_meanwhile(
        book: MinuteBook, panel: SimpleNamespace) -> None:
    result = record(book, panel, "Substitutes: Cllr Lee Carter for Cllr Mark Turley")
    roll_call.undo_roll(book, result.snapshot)
    squatter = people.create_person(book, "Someone Else")
    if book.server is None:  # PostgreSQL never gives an id again: the file's case only
        assert squatter.id == result.snapshot.people[0]["id"]
    again = roll_call.redo_roll(book, result.snapshot)
    carter = people.find_person(book, "Lee Carter")
    assert carter is not None and carter.id != squatter.id
    assert roll(book, panel)["Lee Carter"] == (PRESENT, SUBSTITUTE, None, "Mark Turley")
    roll_call.undo_roll(book, again)
    assert people.find_person(book, "Lee Carter") is None
    assert people.find_person(book, "Someone Else") is not None


def test_undo_keeps_a_new_person_something_else_now_names(
        book: MinuteBook, panel: SimpleNamespace) -> None:
    result = record(book, panel, "Present: Mrs Jo Whitehouse")
    whitehouse = people.find_person(book, "Jo Whitehouse")
    assert whitehouse is not None
    committees.add_member(book, panel.committee.id, whitehouse.id, MEMBER)
    roll_call.undo_roll(book, result.snapshot)
    assert roll(book, panel) == {}
    assert people.find_person(book, "Jo Whitehouse") is not None


def test_an_approved_meeting_is_left_alone(book: MinuteBook, panel: SimpleNamespace) -> None:
    recorded = record(book, panel, "Present: Cllr Lee Carter")
    with book.unit_of_work() as session:
        meeting = session.get(Meeting, panel.meeting.id)
        assert meeting is not None
        meeting.status = MeetingStatus.APPROVED
    count = len(people.list_people(book))
    with pytest.raises(MeetingLockedError):
        roll_call.record_roll_line(book, panel.meeting.id, "Present: Cllr Ann Hart")
    with pytest.raises(MeetingLockedError):
        roll_call.undo_roll(book, recorded.snapshot)
    with pytest.raises(MeetingLockedError):
        roll_call.redo_roll(book, recorded.snapshot)
    assert len(people.list_people(book)) == count
    assert list(roll(book, panel)) == ["Lee Carter"]
