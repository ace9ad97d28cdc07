"""Confirming minutes that are not in the book: named by their date, linked once they are."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import StandingItem
from minute_taker.domain.workflow import Transition
from minute_taker.services import (
    agenda,
    approval,
    committees,
    confirmation,
    decisions,
    interchange,
    meetings,
)
from minute_taker.store.book import MinuteBook

STANDING = [StandingItem("Apologies"),
            StandingItem("Confirmation of the Minutes of the previous meeting")]
SEPTEMBER = dt.date(2017, 9, 26)
WORDS = ("RESOLVED that the minutes of the meeting held on 26 September 2017 be agreed as a "
         "correct record and signed by the Chair.")


def first_meeting(book: MinuteBook) -> tuple[int, int]:
    """The committee's first meeting in the book, and its confirmation item."""
    committee = committees.create_committee(book, "Police and Crime Panel",
                                            standing_items=STANDING)
    november = meetings.create_meeting(book, committee.id, "Panel", dt.date(2017, 11, 28))
    item = next(i for i in agenda.list_items(book, november.id) if i.title.startswith("Conf"))
    return committee.id, item.id


def test_the_first_meeting_confirms_minutes_by_their_date(book: MinuteBook) -> None:
    _committee, item_id = first_meeting(book)
    assert confirmation.get_link(book, item_id) is None
    decision = decisions.record_confirmation(book, item_id, minutes_of=SEPTEMBER)
    assert decision.label == WORDS
    assert confirmation.get_link(book, item_id) is None  # nothing to link: no schema change
    assert [d.text for d in decisions.list_decisions(book, item_id)] == [WORDS[len("RESOLVED "):]]


def test_without_a_date_or_a_link_it_is_still_refused(book: MinuteBook) -> None:
    _committee, item_id = first_meeting(book)
    with pytest.raises(ValidationError, match="give their date"):
        decisions.record_confirmation(book, item_id)


def test_a_date_not_before_the_meeting_is_refused(book: MinuteBook) -> None:
    _committee, item_id = first_meeting(book)
    with pytest.raises(ValidationError, match="earlier meeting"):
        decisions.record_confirmation(book, item_id, minutes_of=dt.date(2017, 12, 1))
    assert decisions.list_decisions(book, item_id) == []


def test_a_date_of_a_meeting_in_the_book_links_it(book: MinuteBook) -> None:
    committee_id, item_id = first_meeting(book)
    september = meetings.create_meeting(book, committee_id, "Panel", SEPTEMBER,
                                        with_standing_items=False)
    decisions.record_confirmation(book, item_id, minutes_of=SEPTEMBER)
    link = confirmation.get_link(book, item_id)
    assert link is not None and link.meeting_id == september.id and link.pending


def test_a_date_other_than_the_linked_minutes_is_refused(book: MinuteBook) -> None:
    committee = committees.create_committee(book, "Panel", standing_items=STANDING)
    meetings.create_meeting(book, committee.id, "Panel", dt.date(2017, 7, 25))
    october = meetings.create_meeting(book, committee.id, "Panel", dt.date(2017, 10, 31))
    item = next(i for i in agenda.list_items(book, october.id) if i.title.startswith("Conf"))
    with pytest.raises(ValidationError, match="confirms the minutes of 25 Jul 2017"):
        decisions.record_confirmation(book, item.id, minutes_of=SEPTEMBER)
    assert decisions.record_confirmation(book, item.id, minutes_of=dt.date(2017, 7, 25))


def test_minutes_of_that_date_approved_later_are_linked_and_confirmed(
        book: MinuteBook) -> None:
    committee_id, item_id = first_meeting(book)
    decisions.record_confirmation(book, item_id, minutes_of=SEPTEMBER)
    # Typed up afterwards (or imported as a draft), then approved.
    september = meetings.create_meeting(book, committee_id, "Panel", SEPTEMBER,
                                        with_standing_items=False)
    other = meetings.create_meeting(book, committee_id, "Panel", dt.date(2017, 6, 20),
                                    with_standing_items=False)
    for meeting_id in (other.id, september.id):
        meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, meeting_id, Transition.APPROVE)
    link = confirmation.get_link(book, item_id)
    assert link is not None and link.meeting_id == september.id and link.confirmed
    info = approval.current_approval(book, september.id)
    assert info is not None and info.confirmed_at is not None
    unrelated = approval.current_approval(book, other.id)
    assert unrelated is not None and unrelated.confirmed_at is None


def test_minutes_of_that_date_imported_approved_are_linked_and_confirmed(
        book: MinuteBook, tmp_path: Path) -> None:
    """Minutes kept on another computer, approved there, arrive after the meeting that
    confirmed them by their date."""
    committee_id, item_id = first_meeting(book)
    decisions.record_confirmation(book, item_id, minutes_of=SEPTEMBER)
    committee = interchange.export_meeting(book, meetings.list_meetings(book)[0].id)
    with MinuteBook.open(tmp_path / "laptop.minutebook") as laptop:
        interchange.import_document(laptop, committee)  # the same committee there
        [there] = committees.list_committees(laptop)
        september = meetings.create_meeting(laptop, there.id, "Panel", SEPTEMBER,
                                            with_standing_items=False)
        meetings.change_status(laptop, september.id, Transition.SEND_FOR_REVIEW)
        meetings.change_status(laptop, september.id, Transition.APPROVE, approved_by="Chair")
        document = interchange.export_meeting(laptop, september.id)

    result = interchange.import_document(book, document)

    assert result.status is MeetingStatus.APPROVED, result.notes
    link = confirmation.get_link(book, item_id)
    assert link is not None and link.meeting_id == result.meeting_id and link.confirmed
    info = approval.current_approval(book, result.meeting_id)
    assert info is not None and info.confirmed_at is not None
