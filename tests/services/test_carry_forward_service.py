"""Outstanding actions of earlier meetings, and carrying them into a new meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from minute_taker.domain.enums import ActionStatus, MeetingStatus
from minute_taker.domain.errors import MeetingLockedError, ValidationError
from minute_taker.domain.rules import matters_arising_item
from minute_taker.services import actions, agenda, committees, meetings, people
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting


def test_outstanding_actions_are_carried_into_matters_arising(book: MinuteBook) -> None:
    committee = committees.create_committee(book, "Assurance")
    people.create_person(book, "Amanda Blakeman", abbreviation="DCC")
    july = meetings.create_meeting(book, committee.id, "July", dt.date(2017, 7, 25))
    september = meetings.create_meeting(book, committee.id, "September", dt.date(2017, 9, 26))
    october = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
    other = committees.create_committee(book, "Other panel")
    elsewhere = meetings.create_meeting(book, other.id, "Other", dt.date(2017, 8, 1))
    psd = actions.capture_action(book, july.id, "Professional Standards update",
                                 owner_text="DCC", due_text="October meeting")
    done = actions.capture_action(book, july.id, "Already done")
    actions.update_action(book, done.id, status=ActionStatus.DONE)
    telford = actions.capture_action(book, september.id, "Telford scope and plan",
                                     owner_text="DCC", due_date=dt.date(2017, 10, 31))
    actions.capture_action(book, elsewhere.id, "Another committee's action")
    raised = actions.capture_action(book, october.id, "Raised in October itself")

    outstanding = actions.list_outstanding(book, october.id)
    assert [a.text for a in outstanding] == ["Professional Standards update",
                                             "Telford scope and plan"]

    item = matters_arising_item(agenda.list_items(book, october.id))
    assert item is not None and item.title == "Matters arising / outstanding actions"
    carried = actions.carry_forward(book, october.id, [a.id for a in outstanding], item.id)
    assert [(a.text, a.owner_text, a.item_number, a.status) for a in carried] == [
        ("Professional Standards update", "DCC", item.number, ActionStatus.OPEN),
        ("Telford scope and plan", "DCC", item.number, ActionStatus.OPEN)]
    assert carried[0].owner_ids == psd.owner_ids and carried[1].due_date == telford.due_date
    # July's minutes still say what they said; the action went on in October.
    july_action = actions.get_action(book, psd.id)
    assert july_action.status is ActionStatus.OPEN
    assert [a.carried_into for a in actions.list_actions(book, july.id)] == [
        dt.date(2017, 10, 31), None]
    assert actions.list_outstanding(book, october.id) == []

    # The next meeting sees the October copies, not the July and September originals.
    november = meetings.create_meeting(book, committee.id, "November", dt.date(2017, 11, 29))
    assert [a.id for a in actions.list_outstanding(book, november.id)] == \
        [raised.id, *(c.id for c in carried)]


def test_carrying_forward_needs_an_editable_meeting_of_the_same_committee(
        book: MinuteBook) -> None:
    committee = committees.create_committee(book, "Assurance")
    other = committees.create_committee(book, "Other")
    before = meetings.create_meeting(book, committee.id, "July", dt.date(2017, 7, 25))
    after = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
    foreign = meetings.create_meeting(book, other.id, "X", dt.date(2017, 7, 1))
    mine = actions.capture_action(book, before.id, "Mine")
    theirs = actions.capture_action(book, foreign.id, "Theirs")
    with pytest.raises(ValidationError):
        actions.carry_forward(book, after.id, [theirs.id], None)
    with book.unit_of_work() as session:
        row = session.get(Meeting, after.id)
        assert row is not None
        row.status = MeetingStatus.APPROVED
    with pytest.raises(MeetingLockedError):
        actions.carry_forward(book, after.id, [mine.id], None)
    assert actions.get_action(book, mine.id).status is ActionStatus.OPEN
