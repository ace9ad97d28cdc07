"""Meetings: standing items, continuous numbering across meetings, the header, deletion."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from minute_taker.domain.enums import DecisionKind, MeetingStatus, NumberingScheme
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import CommitteeInfo, MeetingHeader, StandingItem
from minute_taker.domain.rules import DEFAULT_STANDING_ITEMS
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    audit_log,
    committees,
    decisions,
    meetings,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    AuditEntry,
    Decision,
    Declaration,
    Meeting,
)

CONTINUOUS = NumberingScheme.CONTINUOUS
Outline = Callable[[int], list[tuple[str, str]]]
MakeCommittee = Callable[..., CommitteeInfo]
MakeMeeting = Callable[..., MeetingHeader]
OCTOBER = dt.date(2017, 10, 31)
PANEL_STANDING = ("Apologies and named substitutes", "Declarations of interest",
                  "Minutes of the previous meeting")


def test_new_meeting_starts_with_the_committee_standing_items(
        book: MinuteBook, outline: Outline) -> None:
    committee = committees.create_committee(book, "Monthly Assurance Meeting")
    meeting = meetings.create_meeting(book, committee.id, "October 2017", OCTOBER)
    assert outline(meeting.id) == [(str(i), title)
                                   for i, (title, _) in enumerate(DEFAULT_STANDING_ITEMS, 1)]
    items = agenda.list_items(book, meeting.id)
    assert items[1].description == "To receive apologies and any declarations of interest."
    assert {item.depth for item in items} == {0}
    assert meeting.status is MeetingStatus.DRAFT
    assert meeting.number_start is None


def test_meeting_without_standing_items(book: MinuteBook, make_committee: MakeCommittee) -> None:
    committee = make_committee(standing=PANEL_STANDING)
    meeting = meetings.create_meeting(book, committee.id, "Extraordinary meeting", OCTOBER,
                                      with_standing_items=False)
    assert agenda.list_items(book, meeting.id) == []


def test_standing_items_are_copied_not_linked(book: MinuteBook, make_committee: MakeCommittee,
                                              outline: Outline) -> None:
    committee = make_committee(standing=PANEL_STANDING)
    meeting = meetings.create_meeting(book, committee.id, "October", OCTOBER)
    committees.set_standing_items(book, committee.id, [StandingItem("Something else")])
    agenda.update_item(book, agenda.list_items(book, meeting.id)[0].id, title="Apologies")
    assert outline(meeting.id) == [("1", "Apologies"), ("2", "Declarations of interest"),
                                   ("3", "Minutes of the previous meeting")]
    assert committees.get_committee(book, committee.id).standing_items == (
        StandingItem("Something else"),)


def test_continuous_numbering_carries_on_across_meetings(
        book: MinuteBook, make_committee: MakeCommittee, outline: Outline) -> None:
    committee = make_committee(CONTINUOUS, name="Police and Crime Panel", number_start=233,
                               standing=PANEL_STANDING)
    first = meetings.create_meeting(book, committee.id, "February 2018", dt.date(2018, 2, 6))
    assert first.number_start == 233
    agenda.add_item(book, first.id, "Police and Crime Plan performance report")
    assert [n for n, _ in outline(first.id)] == ["233", "234", "235", "236"]

    second = meetings.create_meeting(book, committee.id, "April 2018", dt.date(2018, 4, 17))
    assert second.number_start == 237
    assert [n for n, _ in outline(second.id)] == ["237", "238", "239"]

    third = meetings.create_meeting(book, committee.id, "June 2018", dt.date(2018, 6, 5))
    assert third.number_start == 240
    assert [n for n, _ in outline(third.id)] == ["240", "241", "242"]


def test_continuous_numbering_counts_only_top_level_items(
        book: MinuteBook, make_committee: MakeCommittee, outline: Outline) -> None:
    committee = make_committee(CONTINUOUS, number_start=233, standing=PANEL_STANDING[:1])
    first = meetings.create_meeting(book, committee.id, "February", dt.date(2018, 2, 6))
    report = agenda.add_item(book, first.id, "Performance report")
    agenda.add_item(book, first.id, "Finance", parent_id=report.id)
    agenda.add_item(book, first.id, "People", parent_id=report.id)
    assert outline(first.id) == [("233", "Apologies and named substitutes"),
                                 ("234", "Performance report"), ("234(a)", "Finance"),
                                 ("234(b)", "People")]
    second = meetings.create_meeting(book, committee.id, "April", dt.date(2018, 4, 17))
    assert second.number_start == 235


def test_continuous_numbering_follows_dates_not_creation_order(
        book: MinuteBook, make_committee: MakeCommittee) -> None:
    committee = make_committee(CONTINUOUS, number_start=100, standing=PANEL_STANDING)
    april = meetings.create_meeting(book, committee.id, "April", dt.date(2018, 4, 17))
    january = meetings.create_meeting(book, committee.id, "January", dt.date(2018, 1, 9))
    assert (april.number_start, january.number_start) == (100, 100)
    assert meetings.get_header(book, april.id).number_start == 103  # the drafts run on
    agenda.add_item(book, april.id, "Urgent business")
    same_day = meetings.create_meeting(book, committee.id, "April (reconvened)",
                                       dt.date(2018, 4, 17))
    assert same_day.number_start == 107


def test_continuous_numbering_is_per_committee(book: MinuteBook,
                                               make_committee: MakeCommittee) -> None:
    panel = make_committee(CONTINUOUS, name="Panel", number_start=233, standing=PANEL_STANDING)
    cabinet = make_committee(CONTINUOUS, name="Cabinet", number_start=10, standing=("Minutes",))
    meetings.create_meeting(book, panel.id, "Panel 1", dt.date(2018, 2, 6))
    assert meetings.create_meeting(book, cabinet.id, "Cabinet 1",
                                   dt.date(2018, 3, 1)).number_start == 10
    assert meetings.create_meeting(book, panel.id, "Panel 2",
                                   dt.date(2018, 4, 1)).number_start == 236


@pytest.mark.parametrize("scheme", [NumberingScheme.DECIMAL, NumberingScheme.NUMBER_LETTER])
def test_other_schemes_restart_each_meeting(book: MinuteBook, make_committee: MakeCommittee,
                                            outline: Outline, scheme: NumberingScheme) -> None:
    committee = make_committee(scheme, standing=PANEL_STANDING)
    meetings.create_meeting(book, committee.id, "One", dt.date(2018, 1, 1))
    second = meetings.create_meeting(book, committee.id, "Two", dt.date(2018, 2, 1))
    assert second.number_start is None
    assert [n for n, _ in outline(second.id)] == ["1", "2", "3"]


def test_header_of_a_new_meeting(book: MinuteBook, cast: SimpleNamespace,
                                 make_committee: MakeCommittee) -> None:
    committee = make_committee()
    header = meetings.create_meeting(
        book, committee.id, "  Monthly Assurance Meeting October 2017 ", OCTOBER,
        start_time=dt.time(10, 30), end_time=dt.time(12, 45), venue="Meeting Room 1.38 - Hindlip",
        chair_id=cast.pcc.id, minute_taker_id=cast.clerk.id)
    assert header == meetings.get_header(book, header.id)
    assert (header.title, header.date, header.start_time, header.end_time, header.venue) == (
        "Monthly Assurance Meeting October 2017", OCTOBER, dt.time(10, 30), dt.time(12, 45),
        "Meeting Room 1.38 - Hindlip")
    assert (header.chair_name, header.minute_taker_name) == ("John Campion", "Jackie Irvin")
    assert header.committee_name == "Monthly Assurance Meeting"
    assert header.editable
    assert header.updated_at is not None


def test_update_header(book: MinuteBook, cast: SimpleNamespace, make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    updated = meetings.update_header(
        book, meeting.id, title="  Holding to account  ", venue="   ", chair_id=cast.dpcc.id,
        minute_taker_id=cast.clerk.id, date=dt.date(2017, 11, 1), start_time=dt.time(10, 30),
        next_meeting_date=dt.date(2017, 11, 29), next_meeting_time=dt.time(10, 30),
        next_meeting_venue=" Hindlip ", contact_name=" Sheena Jones ")
    assert (updated.title, updated.venue, updated.chair_name, updated.minute_taker_name) == (
        "Holding to account", None, "Tracey Onslow", "Jackie Irvin")
    assert (updated.date, updated.start_time, updated.next_meeting_date,
            updated.next_meeting_time, updated.next_meeting_venue, updated.contact_name) == (
        dt.date(2017, 11, 1), dt.time(10, 30), dt.date(2017, 11, 29), dt.time(10, 30),
        "Hindlip", "Sheena Jones")
    assert meetings.get_header(book, meeting.id) == updated
    cleared = meetings.update_header(book, meeting.id, chair_id=None, start_time=None)
    assert (cleared.chair_id, cleared.chair_name, cleared.start_time) == (None, None, None)


@pytest.mark.parametrize(("changes", "error", "message"), [
    ({"title": "  "}, ValidationError, "meeting title"),
    ({"date": None}, ValidationError, "needs a date"),
    ({"number_start": 0}, ValidationError, "start at 1"),
    ({"chair_id": 999}, NotFoundError, "person"),
    ({"minute_taker_id": 999}, NotFoundError, "person"),
    ({"committee_id": 999}, NotFoundError, "committee"),
    ({"status": MeetingStatus.APPROVED}, TypeError, "status"),
    ({"agenda": []}, TypeError, "agenda"),
])
def test_update_header_refuses_bad_changes_and_saves_nothing(
        book: MinuteBook, make_meeting: MakeMeeting, changes: dict[str, object],
        error: type[Exception], message: str) -> None:
    meeting = make_meeting()
    with pytest.raises(error, match=message):
        meetings.update_header(book, meeting.id, venue="Hindlip", **changes)
    assert meetings.get_header(book, meeting.id) == meeting


def test_number_start_override_renumbers_the_agenda(book: MinuteBook,
                                                    make_committee: MakeCommittee,
                                                    outline: Outline) -> None:
    committee = make_committee(CONTINUOUS, number_start=233, standing=PANEL_STANDING[:2])
    meeting = meetings.create_meeting(book, committee.id, "February", dt.date(2018, 2, 6))
    agenda.add_item(book, meeting.id, "Report", parent_id=agenda.list_items(book,
                                                                             meeting.id)[1].id)
    assert meetings.update_header(book, meeting.id, number_start=301).number_start == 301
    assert [n for n, _ in outline(meeting.id)] == ["301", "302", "302(a)"]
    meetings.update_header(book, meeting.id, number_start=None)
    assert [n for n, _ in outline(meeting.id)] == ["233", "234", "234(a)"]


def test_moving_a_meeting_to_another_committee_uses_its_scheme(
        book: MinuteBook, make_committee: MakeCommittee, outline: Outline) -> None:
    decimal = make_committee(standing=("Holding to account",))
    lettered = make_committee(NumberingScheme.NUMBER_LETTER, name="Lettered", number_start=5)
    meeting = meetings.create_meeting(book, decimal.id, "October", OCTOBER)
    top = agenda.list_items(book, meeting.id)[0]
    agenda.add_item(book, meeting.id, "Performance", parent_id=top.id)
    assert [n for n, _ in outline(meeting.id)] == ["1", "1.1"]
    moved = meetings.update_header(book, meeting.id, committee_id=lettered.id)
    assert moved.committee_name == "Lettered"
    assert [n for n, _ in outline(meeting.id)] == ["5", "5a"]


def test_list_meetings_newest_first_and_by_committee(book: MinuteBook,
                                                     make_committee: MakeCommittee) -> None:
    assurance = make_committee()
    panel = make_committee(name="Police and Crime Panel")
    meetings.create_meeting(book, assurance.id, "September", dt.date(2017, 9, 26))
    meetings.create_meeting(book, panel.id, "Panel", dt.date(2017, 10, 3))
    meetings.create_meeting(book, assurance.id, "October", OCTOBER)
    assert [(m.title, m.committee_name) for m in meetings.list_meetings(book)] == [
        ("October", "Monthly Assurance Meeting"), ("Panel", "Police and Crime Panel"),
        ("September", "Monthly Assurance Meeting")]
    assert [m.title for m in meetings.list_meetings(book, assurance.id)] == ["October",
                                                                             "September"]
    assert all(m.status is MeetingStatus.DRAFT for m in meetings.list_meetings(book))


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"committee_id": 999}, NotFoundError),
    ({"chair_id": 999}, NotFoundError),
    ({"minute_taker_id": 999}, NotFoundError),
    ({"title": " "}, ValidationError),
])
def test_create_meeting_refuses_and_saves_nothing(book: MinuteBook,
                                                  make_committee: MakeCommittee,
                                                  kwargs: dict[str, object],
                                                  error: type[Exception]) -> None:
    arguments: dict[str, object] = {"committee_id": make_committee().id, "title": "October",
                                    "date": OCTOBER, **kwargs}
    with pytest.raises(error):
        meetings.create_meeting(book, **arguments)  # type: ignore[arg-type]
    assert meetings.list_meetings(book) == []
    assert audit_log.list_audit(book) == []


def test_unknown_meeting(book: MinuteBook) -> None:
    with pytest.raises(NotFoundError, match="No meeting with id 77"):
        meetings.get_header(book, 77)
    with pytest.raises(NotFoundError, match="No meeting with id 77"):
        meetings.update_header(book, 77, title="x")
    with pytest.raises(NotFoundError, match="No meeting with id 77"):
        meetings.delete_meeting(book, 77)


def test_creating_a_meeting_is_audited(book: MinuteBook, make_committee: MakeCommittee) -> None:
    meeting = meetings.create_meeting(book, make_committee().id, "October 2017", OCTOBER,
                                      uid="11111111-1111-4111-8111-111111111111")
    [entry] = audit_log.list_audit(book, meeting.id)
    assert (entry.actor, entry.entity, entry.action, entry.entity_uid) == (
        "Test Clerk", "meeting", "created", "11111111-1111-4111-8111-111111111111")
    assert json.loads(entry.detail or "") == {"date": "2017-10-31", "title": "October 2017"}
    assert entry.reason is None


def count(book: MinuteBook, model: type) -> int:
    with book.unit_of_work() as session:
        return session.scalar(select(func.count()).select_from(model)) or 0


def test_delete_meeting_cascades_and_is_audited(book: MinuteBook, cast: SimpleNamespace,
                                                make_committee: MakeCommittee) -> None:
    committee = make_committee(standing=("Outstanding matters",))
    keep = meetings.create_meeting(book, committee.id, "September", dt.date(2017, 9, 26))
    doomed = meetings.create_meeting(book, committee.id, "October", OCTOBER)
    for meeting in (keep, doomed):
        top = agenda.list_items(book, meeting.id)[0]
        sub = agenda.add_item(book, meeting.id, "Professional Standards", parent_id=top.id)
        attendance.record_attendance(book, meeting.id, cast.dcc.id)
        attendance.add_declaration(book, meeting.id, cast.dcc.id, "Member of the AGG",
                                   item_id=sub.id)
        decisions.record_decision(book, sub.id, DecisionKind.NOTED, "The update was noted.")
        actions.capture_action(book, meeting.id, "Report back via AGG in two months.",
                               owner_text="DCC", item_id=sub.id)
    models = (AgendaItem, Attendance, Declaration, Decision, Action, ActionOwner)
    before = {model: count(book, model) for model in models}
    assert set(before.values()) != {0}

    meetings.delete_meeting(book, doomed.id)

    assert [m.id for m in meetings.list_meetings(book)] == [keep.id]
    assert {model: count(book, model) for model in models} == {
        model: n // 2 for model, n in before.items()}
    with book.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(Meeting)) == 1
        orphaned = session.scalars(select(AuditEntry.action)
                                   .where(AuditEntry.entity_uid == doomed.uid)
                                   .order_by(AuditEntry.id)).all()
        assert orphaned == ["created", "deleted"]
        assert session.scalars(select(AuditEntry.meeting_id)
                               .where(AuditEntry.entity_uid == doomed.uid)).all() == [None, None]
    deleted = audit_log.list_audit(book)[-1]
    assert (deleted.action, deleted.actor) == ("deleted", "Test Clerk")
    assert json.loads(deleted.detail or "")["title"] == "October"
    assert len(agenda.list_items(book, keep.id)) == 2


def test_delete_meeting_leaves_committee_and_people(book: MinuteBook, cast: SimpleNamespace,
                                                    make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    attendance.record_attendance(book, meeting.id, cast.pcc.id)
    meetings.delete_meeting(book, meeting.id)
    assert [c.name for c in committees.list_committees(book)] == ["Monthly Assurance Meeting"]
    from minute_taker.services import people
    assert "John Campion" in [p.name for p in people.list_people(book)]


def test_in_review_meetings_are_still_editable(book: MinuteBook,
                                               make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    with book.unit_of_work() as session:
        session.get(Meeting, meeting.id).status = MeetingStatus.IN_REVIEW  # type: ignore[union-attr]
    header = meetings.update_header(book, meeting.id, venue="Hindlip")
    assert (header.status, header.venue, header.editable) == (MeetingStatus.IN_REVIEW,
                                                             "Hindlip", True)


def test_the_next_meetings_time_and_venue_need_its_date(book: MinuteBook,
                                                        make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    with pytest.raises(ValidationError, match="date of the next meeting"):
        meetings.update_header(book, meeting.id, next_meeting_venue="Hindlip")
    dated = meetings.update_header(book, meeting.id, next_meeting_date=dt.date(2018, 2, 6))
    assert (dated.next_meeting_date, dated.next_meeting_time) == (dt.date(2018, 2, 6), None)
