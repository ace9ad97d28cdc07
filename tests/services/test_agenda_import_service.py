"""A published agenda into a meeting (issue 21): after the standing items the meeting began
with and before the ones that end it, an item it has already filled in rather than
repeated, papers kept with their format and size; or in place of an agenda with nothing
minuted; all or nothing."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from types import SimpleNamespace

import pytest

from minute_taker.domain.agenda_import import AgendaLine, ReadAgenda, read_text
from minute_taker.domain.enums import AttendanceStatus, DecisionKind, NumberingScheme
from minute_taker.domain.errors import MeetingLockedError, ValidationError
from minute_taker.domain.records import MeetingHeader
from minute_taker.domain.workflow import Transition
from minute_taker.services import (
    actions,
    agenda,
    agenda_import,
    attendance,
    decisions,
    documents,
    meetings,
)
from minute_taker.store.book import MinuteBook

STANDING = ("Apologies", "Declarations of interest", "Minutes of the previous meeting",
            "Any other business", "Date of next meeting")
AGENDA = """\
1. Apologies
   To receive apologies for absence.
2. Declarations of interest
3. Police and Crime Plan Activity and Performance Monitoring Report
   To consider the report of the Commissioner.
   Presenter: PCC
   Report PDF 182 KB
   Appendix A - Performance Summary (PDF, 1.2 MB)
4. Holding to account
   4a) Putting victims and survivors first
   4b) Building a more secure West Mercia
5. Any other business
"""


@pytest.fixture
def meeting(book: MinuteBook, make_committee: Callable[..., object]) -> MeetingHeader:
    committee = make_committee(NumberingScheme.DECIMAL, standing=STANDING)
    return meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))


def outline(book: MinuteBook, meeting_id: int) -> list[tuple[str, str]]:
    return [(node.number, node.title) for node in agenda.list_items(book, meeting_id)]


def test_the_agenda_goes_between_the_standing_items_that_open_and_close_a_meeting(
        book: MinuteBook, meeting: MeetingHeader) -> None:
    result = agenda_import.import_agenda(book, meeting.id, read_text(AGENDA))
    assert outline(book, meeting.id) == [
        ("1", "Apologies"), ("2", "Declarations of interest"),
        ("3", "Minutes of the previous meeting"),
        ("4", "Police and Crime Plan Activity and Performance Monitoring Report"),
        ("5", "Holding to account"), ("5.1", "Putting victims and survivors first"),
        ("5.2", "Building a more secure West Mercia"),
        ("6", "Any other business"), ("7", "Date of next meeting")]
    assert result.added == 4 and result.papers == 2
    assert result.merged == ("Apologies", "Declarations of interest", "Any other business")
    nodes = {node.title: node for node in agenda.list_items(book, meeting.id)}
    # What the agenda says of a standing item fills it in.
    assert nodes["Apologies"].description == "To receive apologies for absence."
    report = nodes["Police and Crime Plan Activity and Performance Monitoring Report"]
    assert report.description == "To consider the report of the Commissioner."
    assert report.presenter == "PCC"
    papers = documents.list_documents(book, report.id)
    assert [(p.title, p.format, p.size_bytes) for p in papers] == [
        ("Report", "PDF", 182 * 1024),
        ("Appendix A - Performance Summary", "PDF", round(1.2 * 1024 * 1024))]


def test_csv_planned_minutes_and_confidential_items(book: MinuteBook,
                                                    meeting: MeetingHeader) -> None:
    from minute_taker.domain.agenda_import import read_csv

    agenda_import.import_agenda(book, meeting.id, read_csv(
        "number,title,minutes,confidential\n10,Estates disposal,20,yes\n11,Budget,15,\n"))
    nodes = {node.title: node for node in agenda.list_items(book, meeting.id)}
    assert nodes["Estates disposal"].confidential and nodes["Estates disposal"].number == "4"
    assert nodes["Budget"].planned_minutes == 15 and not nodes["Budget"].confidential


def test_replacing_an_agenda_with_nothing_minuted(book: MinuteBook,
                                                  meeting: MeetingHeader) -> None:
    agenda_import.import_agenda(book, meeting.id, read_text(AGENDA))
    agenda_import.import_agenda(book, meeting.id, read_text(AGENDA), replace=True)
    assert [title for _number, title in outline(book, meeting.id)] == [
        "Apologies", "Declarations of interest",
        "Police and Crime Plan Activity and Performance Monitoring Report",
        "Holding to account", "Putting victims and survivors first",
        "Building a more secure West Mercia", "Any other business"]


def minuted_in_each_way(book: MinuteBook, meeting_id: int, cast: SimpleNamespace
                        ) -> dict[str, Callable[[int], object]]:
    return {
        "minutes": lambda item: agenda.set_item_minutes(book, item, "<p>Noted.</p>"),
        "a decision": lambda item: decisions.record_decision(
            book, item, DecisionKind.RESOLVED, "That the report be noted."),
        "an action": lambda item: actions.capture_action(
            book, meeting_id, "Circulate the report", owner_text="DCC", item_id=item),
        "a declaration of interest": lambda item: attendance.add_declaration(
            book, meeting_id, cast.acc.id, "Trustee of the trust", item_id=item),
        "someone leaving": lambda item: (
            attendance.record_attendance(book, meeting_id, cast.acc.id,
                                         status=AttendanceStatus.PRESENT),
            attendance.record_departure(book, meeting_id, cast.acc.id, after_item_id=item,
                                        at=None)),
    }


@pytest.mark.parametrize("way", ["minutes", "a decision", "an action",
                                 "a declaration of interest", "someone leaving"])
def test_replacing_is_refused_once_anything_is_minuted_and_nothing_changes(
        book: MinuteBook, meeting: MeetingHeader, cast: SimpleNamespace, way: str) -> None:
    second = agenda.list_items(book, meeting.id)[1]
    minuted_in_each_way(book, meeting.id, cast)[way](second.id)
    before = outline(book, meeting.id)
    with pytest.raises(ValidationError, match=f"Item 2 has {way}"):
        agenda_import.import_agenda(book, meeting.id, read_text(AGENDA), replace=True)
    assert outline(book, meeting.id) == before


def test_an_item_refused_leaves_the_meeting_as_it_was(book: MinuteBook,
                                                      meeting: MeetingHeader) -> None:
    before = outline(book, meeting.id)
    broken = ReadAgenda((AgendaLine("1", "Budget"), AgendaLine("2", "   ")), 1)
    with pytest.raises(ValidationError):
        agenda_import.import_agenda(book, meeting.id, broken)
    assert outline(book, meeting.id) == before


def test_approved_minutes_take_no_agenda(book: MinuteBook, meeting: MeetingHeader) -> None:
    meetings.change_status(book, meeting.id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting.id, Transition.APPROVE)
    with pytest.raises(MeetingLockedError):
        agenda_import.import_agenda(book, meeting.id, read_text(AGENDA))


def everything(book: MinuteBook, meeting_id: int) -> list[tuple[object, ...]]:
    return [(n.id, n.uid, n.number, n.title, n.description, n.presenter, n.parent_id,
             tuple((d.title, d.format, d.size_bytes) for d in
                   documents.list_documents(book, n.id)))
            for n in agenda.list_items(book, meeting_id)]


@pytest.mark.parametrize("replace", [False, True])
def test_an_import_is_taken_back_whole(book: MinuteBook, meeting: MeetingHeader,
                                       replace: bool) -> None:
    first = agenda.list_items(book, meeting.id)[0]
    documents.add_document(book, first.id, "Apologies received", format="PDF",
                           size_bytes=2048)
    before = everything(book, meeting.id)
    result = agenda_import.import_agenda(book, meeting.id, read_text(AGENDA), replace=replace)
    assert everything(book, meeting.id) != before
    agenda_import.undo_import(book, result.undo)
    assert everything(book, meeting.id) == before  # ids, uids, texts and papers alike
    again = agenda_import.import_agenda(book, meeting.id, read_text(AGENDA), replace=replace)
    assert again.added == result.added


def test_a_continuous_committees_first_meeting_starts_where_its_agenda_does(
        book: MinuteBook, make_committee: Callable[..., object]) -> None:
    committee = make_committee(NumberingScheme.CONTINUOUS, standing=("Apologies",))
    first = meetings.create_meeting(book, committee.id, "February", dt.date(2018, 2, 6))
    later = meetings.create_meeting(book, committee.id, "April", dt.date(2018, 4, 10))
    printed = read_text("233. Apologies\n234. Minutes\n235. Budget\n")
    result = agenda_import.import_agenda(book, first.id, printed)
    assert outline(book, first.id) == [("233", "Apologies"), ("234", "Minutes"),
                                       ("235", "Budget")]
    assert outline(book, later.id)[0] == ("236", "Apologies")  # the series follows
    # A later meeting's agenda is numbered on from the one before, whatever it prints.
    agenda_import.import_agenda(book, later.id, read_text("300. Apologies\n301. Estates\n"))
    assert outline(book, later.id) == [("236", "Apologies"), ("237", "Estates")]
    agenda_import.undo_import(book, result.undo)
    assert outline(book, first.id) == [("1", "Apologies")]
    # Numbered from 1 again: the first meeting's one item, then the later meeting's.
    assert outline(book, later.id) == [("2", "Apologies"), ("3", "Estates")]
