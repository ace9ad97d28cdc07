"""What the committee dialog saves: its people, and renumbering after a change of scheme."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest

from minute_taker.domain.enums import AttendanceRole, MeetingStatus, NumberingScheme
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import CommitteeInfo
from minute_taker.services import agenda, committees, meetings, people
from minute_taker.services.committees import MemberEntry
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting

MakeCommittee = Callable[..., CommitteeInfo]
OFFICER = AttendanceRole.OFFICER
MEMBER = AttendanceRole.MEMBER


def test_remove_member_keeps_the_person_and_the_order(
        book: MinuteBook, cast: SimpleNamespace) -> None:
    made = committees.create_committee(book, "Assurance")
    for person in (cast.pcc, cast.dcc, cast.acc):
        committees.add_member(book, made.id, person.id)
    committees.remove_member(book, made.id, cast.dcc.id)
    committees.remove_member(book, made.id, cast.cc.id)  # not a member: no-op
    committees.add_member(book, made.id, cast.so.id)
    assert [p.name for p, _role in committees.list_members(book, made.id)] == [
        "John Campion", "Martin Evans", "Louise Wall"]
    assert people.get_person(book, cast.dcc.id).name == "Amanda Blakeman"
    with pytest.raises(NotFoundError, match="committee"):
        committees.remove_member(book, 999, cast.pcc.id)


def test_set_members_replaces_the_list_and_updates_people(
        book: MinuteBook, cast: SimpleNamespace) -> None:
    made = committees.create_committee(book, "Assurance")
    for person in (cast.pcc, cast.cc):
        committees.add_member(book, made.id, person.id)
    result = committees.set_members(book, made.id, [
        MemberEntry(cast.dcc.id, "Amanda Blakeman", MEMBER, "Deputy Chief Constable", "DCC",
                    "AB"),
        MemberEntry(cast.pcc.id, "John Campion", MEMBER, "Police and Crime Commissioner",
                    "PCC", None),
        MemberEntry(None, " jackie irvin ", OFFICER, "Policy Officer, OPCC", None, "JI"),
        MemberEntry(None, "Tony Miller", MEMBER, "Councillor", None, None),
    ])
    assert [(p.name, role) for p, role in result] == [
        ("Amanda Blakeman", MEMBER), ("John Campion", MEMBER), ("Jackie Irvin", OFFICER),
        ("Tony Miller", MEMBER)]
    assert committees.list_members(book, made.id) == result
    assert result[2][0].id == cast.clerk.id  # a typed name finds the person in the book
    assert result[1][0].initials == "JC"  # blank initials are derived
    miller = result[3][0]
    assert (miller.role, miller.initials, miller.abbreviation) == ("Councillor", "TM", None)
    assert people.get_person(book, cast.cc.id).name == "Anthony Bangham"  # removed, not deleted
    assert len(people.list_people(book)) == 9


@pytest.mark.parametrize(("entries", "error", "message"), [
    ([MemberEntry(None, "  ")], ValidationError, "name"),
    ([MemberEntry(None, "Tony Miller"), MemberEntry(None, "tony miller")], ValidationError,
     "listed twice"),
    ([MemberEntry(4242, "Nobody")], NotFoundError, "person"),
    ([MemberEntry(None, "Tony Miller", AttendanceRole.SUBSTITUTE)], ValidationError,
     "members or officers"),
])
def test_set_members_refusals_change_nothing(
        book: MinuteBook, cast: SimpleNamespace, entries: list[MemberEntry],
        error: type[Exception], message: str) -> None:
    made = committees.create_committee(book, "Assurance")
    committees.add_member(book, made.id, cast.pcc.id)
    before = (committees.list_members(book, made.id), people.list_people(book))
    with pytest.raises(error, match=message):
        committees.set_members(book, made.id, entries)
    assert (committees.list_members(book, made.id), people.list_people(book)) == before


def outline(book: MinuteBook, meeting_id: int) -> list[str]:
    return [item.number for item in agenda.list_items(book, meeting_id)]


@pytest.fixture
def three_meetings(book: MinuteBook, make_committee: MakeCommittee) -> SimpleNamespace:
    """A decimal committee with three meetings of two items each, the second with a sub-item."""
    committee = make_committee(standing=("Apologies", "Minutes"))
    made = [meetings.create_meeting(book, committee.id, f"Panel {month}", dt.date(2018, month, 5))
            for month in (1, 2, 3)]
    for meeting in made:
        first = agenda.list_items(book, meeting.id)[0]
        agenda.add_item(book, meeting.id, "Named substitutes", parent_id=first.id)
    return SimpleNamespace(committee=committee, january=made[0], february=made[1],
                           march=made[2])


def approve(book: MinuteBook, meeting_id: int) -> None:
    with book.unit_of_work() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        row.status = MeetingStatus.APPROVED


def test_renumber_after_a_change_of_scheme(book: MinuteBook,
                                          three_meetings: SimpleNamespace) -> None:
    m = three_meetings
    approve(book, m.january.id)
    committees.update_committee(book, m.committee.id,
                                numbering_scheme=NumberingScheme.NUMBER_LETTER)
    assert committees.renumber_meetings(book, m.committee.id) == [m.february.id, m.march.id]
    assert outline(book, m.january.id) == ["1", "1.1", "2"]  # approved: the record
    assert outline(book, m.february.id) == ["1", "1a", "2"]
    assert outline(book, m.march.id) == ["1", "1a", "2"]


def test_renumber_to_continuous_carries_on_from_meeting_to_meeting(
        book: MinuteBook, three_meetings: SimpleNamespace) -> None:
    m = three_meetings
    committees.update_committee(book, m.committee.id,
                                numbering_scheme=NumberingScheme.CONTINUOUS, number_start=233)
    committees.renumber_meetings(book, m.committee.id)
    assert outline(book, m.january.id) == ["233", "233(a)", "234"]
    assert outline(book, m.february.id) == ["235", "235(a)", "236"]
    assert outline(book, m.march.id) == ["237", "237(a)", "238"]
    assert meetings.get_header(book, m.march.id).number_start == 237

    approve(book, m.january.id)
    committees.update_committee(book, m.committee.id, number_start=301)
    committees.renumber_meetings(book, m.committee.id)
    assert outline(book, m.january.id) == ["233", "233(a)", "234"]
    assert outline(book, m.february.id) == ["235", "235(a)", "236"]  # follows the approved one

    committees.update_committee(book, m.committee.id, numbering_scheme=NumberingScheme.DECIMAL,
                                number_start=1)
    committees.renumber_meetings(book, m.committee.id)
    assert outline(book, m.february.id) == ["1", "1.1", "2"]
    assert meetings.get_header(book, m.february.id).number_start is None
    assert outline(book, m.january.id) == ["233", "233(a)", "234"]


def test_renumber_an_unknown_committee(book: MinuteBook) -> None:
    with pytest.raises(NotFoundError, match="committee"):
        committees.renumber_meetings(book, 999)
