"""A committee's standing items taken from a meeting's agenda, titles exactly as typed."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import StandingItem
from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, audit_log, committees, meetings
from minute_taker.store.book import MinuteBook

TITLES = ["Apologies for absence", "Declarations of interest",
          "Confirmation of the Minutes of the previous meeting",
          "Police and Crime Plan Activity and Performance Monitoring Report"]


def panel_meeting(book: MinuteBook) -> tuple[int, int]:
    committee = committees.create_committee(
        book, "Police and Crime Panel",
        standing_items=[StandingItem("Apologies"),
                        StandingItem("Declarations of interest", "Members declare here.")])
    meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2018, 2, 6),
                                      with_standing_items=False)
    first = None
    for title in TITLES:
        row = agenda.add_item(book, meeting.id, title)
        first = first or row
    assert first is not None
    agenda.add_item(book, meeting.id, "Precept proposal", parent_id=first.id)
    return committee.id, meeting.id


def test_the_top_level_titles_as_typed_become_the_standing_items(book: MinuteBook) -> None:
    committee_id, meeting_id = panel_meeting(book)
    proposed = committees.standing_items_from_meeting(book, meeting_id)
    assert [s.title for s in proposed] == TITLES  # no sub-items: standing items are flat
    info = committees.use_agenda_as_standing_items(book, meeting_id)
    assert info.standing_items == tuple(proposed)
    assert committees.get_committee(book, committee_id).standing_items == tuple(proposed)
    # A title the committee already had keeps its description; the others have none.
    assert [s.description for s in info.standing_items] == ["", "Members declare here.", "",
                                                            ""]
    later = meetings.create_meeting(book, committee_id, "Panel", dt.date(2018, 4, 10))
    assert [i.title for i in agenda.list_items(book, later.id)] == TITLES


def test_the_change_is_in_the_committee_history(book: MinuteBook) -> None:
    committee_id, meeting_id = panel_meeting(book)
    committees.use_agenda_as_standing_items(book, meeting_id)
    entry = next(e for e in audit_log.list_audit(book) if e.entity == "committee")
    assert entry.action == "standing items"
    assert entry.entity_uid == committees.get_committee(book, committee_id).uid
    detail = json.loads(entry.detail or "{}")
    assert detail["before"] == ["Apologies", "Declarations of interest"]
    assert detail["after"] == TITLES
    assert entry.reason == "Standing items taken from the agenda of Panel (6 Feb 2018)."


def test_approved_minutes_can_give_their_agenda(book: MinuteBook) -> None:
    _committee_id, meeting_id = panel_meeting(book)
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting_id, Transition.APPROVE)
    info = committees.use_agenda_as_standing_items(book, meeting_id)
    assert [s.title for s in info.standing_items] == TITLES


def test_an_empty_agenda_is_refused(book: MinuteBook) -> None:
    committee = committees.create_committee(book, "Panel")
    before = committees.get_committee(book, committee.id).standing_items
    meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2018, 2, 6),
                                      with_standing_items=False)
    with pytest.raises(ValidationError, match="no agenda items"):
        committees.use_agenda_as_standing_items(book, meeting.id)
    assert committees.get_committee(book, committee.id).standing_items == before
