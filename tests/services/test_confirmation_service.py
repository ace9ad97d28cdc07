"""The next meeting's "Confirmation of the minutes" item and marking minutes confirmed."""

from __future__ import annotations

import datetime as dt

import pytest

from minute_taker.domain.confirmation import is_confirmation_title, is_confirmation_wording
from minute_taker.domain.enums import DecisionKind
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import StandingItem
from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, approval, committees, confirmation, decisions, meetings
from minute_taker.store.book import MinuteBook

STANDING = [StandingItem("Apologies"), StandingItem("Confirmation of the minutes"),
            StandingItem("Matters arising from the minutes")]


def approved_then_next(book: MinuteBook) -> tuple[int, int]:
    committee = committees.create_committee(book, "Panel", standing_items=STANDING)
    july = meetings.create_meeting(book, committee.id, "July", dt.date(2017, 7, 25))
    meetings.change_status(book, july.id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, july.id, Transition.APPROVE)
    october = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
    item = next(i for i in agenda.list_items(book, october.id) if i.title.startswith("Conf"))
    return july.id, item.id


@pytest.mark.parametrize(("title", "expected"), [
    ("Confirmation of the minutes", True),
    ("Minutes of the previous meeting", True),
    ("To approve the minutes of the meeting held on 12 June", True),
    ("Minutes", True),
    ("Matters arising from the minutes", False),
    ("Apologies", False),
])
def test_confirmation_titles(title: str, expected: bool) -> None:
    assert is_confirmation_title(title) is expected


@pytest.mark.parametrize(("text", "expected"), [
    ("The minutes of the previous meeting were agreed as a correct record and signed by the "
     "Chair.", True),
    ("RESOLVED that the minutes be approved as a true record.", True),
    ("The minutes were confirmed as an accurate record.", True),
    ("The minutes were discussed.", False),
    ("A correct record of attendance is needed. The panel agreed.", False),
])
def test_confirmation_wording(text: str, expected: bool) -> None:
    assert is_confirmation_wording(text) is expected


def test_a_new_meeting_links_its_confirmation_item_to_the_previous_meeting(
        book: MinuteBook) -> None:
    july, item_id = approved_then_next(book)
    link = confirmation.get_link(book, item_id)
    assert link is not None and link.meeting_id == july and not link.confirmed
    assert "approved" in link.summary


def test_recording_the_resolution_marks_the_minutes_confirmed(book: MinuteBook) -> None:
    july, item_id = approved_then_next(book)
    decision = decisions.record_confirmation(book, item_id)
    assert decision.label == ("RESOLVED that the minutes of the meeting held on 25 July 2017 be "
                              "agreed as a correct record and signed by the Chair.")
    info = approval.current_approval(book, july)
    assert info is not None and info.confirmed_at is not None
    assert info.confirmed_in is not None and info.confirmed_in.startswith("item 2 of 31 Oct")
    link = confirmation.get_link(book, item_id)
    assert link is not None and link.confirmed

    decisions.delete_decision(book, decision.id)
    assert approval.current_approval(book, july).confirmed_at is None  # type: ignore[union-attr]


def test_the_quick_phrase_in_the_notes_also_confirms(book: MinuteBook) -> None:
    july, item_id = approved_then_next(book)
    agenda.set_item_minutes(book, item_id, "<p>The minutes of the previous meeting were agreed "
                                           "as a correct record and signed by the Chair.</p>")
    assert approval.current_approval(book, july).confirmed_at is not None  # type: ignore[union-attr]
    agenda.set_item_minutes(book, item_id, "<p>Deferred.</p>")
    assert approval.current_approval(book, july).confirmed_at is None  # type: ignore[union-attr]


def test_minutes_not_yet_approved_are_linked_but_not_confirmed(book: MinuteBook) -> None:
    committee = committees.create_committee(book, "Panel", standing_items=STANDING)
    july = meetings.create_meeting(book, committee.id, "July", dt.date(2017, 7, 25))
    october = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
    item = next(i for i in agenda.list_items(book, october.id) if i.title.startswith("Conf"))
    decisions.record_confirmation(book, item.id)
    link = confirmation.get_link(book, item.id)
    assert link is not None and link.meeting_id == july.id and not link.confirmed
    assert "once approved" in link.summary


def test_the_link_can_be_changed_and_cleared(book: MinuteBook) -> None:
    july, item_id = approved_then_next(book)
    candidates = confirmation.candidate_meetings(book, item_id)
    assert [c[0] for c in candidates] == [july]
    assert confirmation.set_confirmed_meeting(book, item_id, None) is None
    with pytest.raises(ValidationError, match="does not say which minutes"):
        decisions.record_confirmation(book, item_id)
    own = agenda.get_item(book, item_id).meeting_id
    with pytest.raises(ValidationError, match="its own minutes"):
        confirmation.set_confirmed_meeting(book, item_id, own)


def test_other_decisions_do_not_confirm(book: MinuteBook) -> None:
    july, item_id = approved_then_next(book)
    decisions.record_decision(book, item_id, DecisionKind.NOTED, "The minutes were noted.")
    assert approval.current_approval(book, july).confirmed_at is None  # type: ignore[union-attr]
