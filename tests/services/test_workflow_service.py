"""The minutes' workflow: every allowed and every refused transition, and its audit trail."""

from __future__ import annotations

import datetime as dt
import itertools

import pytest

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import MeetingLockedError, ValidationError
from minute_taker.domain.workflow import RULES, Transition, allowed_transitions
from minute_taker.services import agenda, audit_log, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting

ALLOWED = {
    (MeetingStatus.DRAFT, Transition.SEND_FOR_REVIEW): MeetingStatus.IN_REVIEW,
    (MeetingStatus.IN_REVIEW, Transition.RETURN_TO_DRAFT): MeetingStatus.DRAFT,
    (MeetingStatus.IN_REVIEW, Transition.APPROVE): MeetingStatus.APPROVED,
    (MeetingStatus.APPROVED, Transition.REOPEN): MeetingStatus.DRAFT,
}


def meeting_in(book: MinuteBook, status: MeetingStatus) -> int:
    committee = committees.create_committee(book, "Panel", standing_items=[])
    meeting = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
    with book.unit_of_work() as session:
        row = session.get(Meeting, meeting.id)
        assert row is not None
        row.status = status
    return meeting.id


@pytest.mark.parametrize(("status", "transition"),
                         list(itertools.product(MeetingStatus, Transition)))
def test_every_transition_from_every_status(book: MinuteBook, status: MeetingStatus,
                                            transition: Transition) -> None:
    meeting_id = meeting_in(book, status)
    expected = ALLOWED.get((status, transition))
    if expected is None:
        with pytest.raises(ValidationError, match="is not possible"):
            meetings.change_status(book, meeting_id, transition, reason="because")
        assert meetings.get_header(book, meeting_id).status is status
        assert transition not in allowed_transitions(status)
        return
    assert transition in allowed_transitions(status)
    header = meetings.change_status(book, meeting_id, transition, reason="Typo in 1.2")
    assert header.status is expected
    [entry] = [e for e in audit_log.list_audit(book, meeting_id) if e.action == "status"]
    assert entry.actor == "Test Clerk" and entry.reason == "Typo in 1.2"
    assert f'"to": "{expected.value}"' in (entry.detail or "")


@pytest.mark.parametrize("transition", [t for t, rule in RULES.items() if rule.needs_reason])
def test_returning_and_reopening_need_a_reason(book: MinuteBook,
                                               transition: Transition) -> None:
    meeting_id = meeting_in(book, RULES[transition].source)
    with pytest.raises(ValidationError, match="needs a reason"):
        meetings.change_status(book, meeting_id, transition, reason="  ")
    assert meetings.get_header(book, meeting_id).status is RULES[transition].source


def test_approved_minutes_are_locked_until_reopened(book: MinuteBook) -> None:
    meeting_id = meeting_in(book, MeetingStatus.DRAFT)
    item = agenda.add_item(book, meeting_id, "Apologies")
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting_id, Transition.APPROVE)
    with pytest.raises(MeetingLockedError):
        agenda.set_item_minutes(book, item.id, "<p>Changed afterwards</p>")
    meetings.change_status(book, meeting_id, Transition.REOPEN,
                           reason="The Chair asked for a correction to item 1")
    agenda.set_item_minutes(book, item.id, "<p>Corrected</p>")
    trail = [(e.action, e.reason) for e in audit_log.list_audit(book, meeting_id)
             if e.action == "status"]
    assert trail == [("status", None), ("status", None),
                     ("status", "The Chair asked for a correction to item 1")]
