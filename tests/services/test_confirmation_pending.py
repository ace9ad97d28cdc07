"""Confirming minutes not yet approved: February agrees January's minutes while they are
still in review; the confirmation takes effect when January is approved, by any route,
even when February is approved by then."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.domain.dates import day_month_year
from minute_taker.domain.errors import MeetingLockedError
from minute_taker.domain.records import StandingItem
from minute_taker.domain.suggestions import plain_text
from minute_taker.domain.workflow import Transition
from minute_taker.services import (
    agenda,
    approval,
    audit_log,
    committees,
    confirmation,
    decisions,
    meetings,
    review,
    review_import,
)
from minute_taker.store.book import MinuteBook

STANDING = [StandingItem("Apologies"), StandingItem("Confirmation of the minutes"),
            StandingItem("Any other business")]
JANUARY, FEBRUARY = dt.date(2027, 1, 19), dt.date(2027, 2, 16)


def confirmation_item(book: MinuteBook, meeting_id: int) -> int:
    return next(i.id for i in agenda.list_items(book, meeting_id) if i.title.startswith("Conf"))


def year_begins(book: MinuteBook) -> tuple[int, int]:
    """January's minutes drafted; February's meeting created after them, linked to them."""
    committee = committees.create_committee(book, "Panel", standing_items=STANDING)
    january = meetings.create_meeting(book, committee.id, "January", JANUARY)
    agenda.set_item_minutes(book, confirmation_item(book, january.id),
                            "<p>The short term plan is in place.</p>")
    february = meetings.create_meeting(book, committee.id, "February", FEBRUARY)
    return january.id, february.id


def february_confirms_and_is_approved(book: MinuteBook, february: int) -> int:
    item_id = confirmation_item(book, february)
    decisions.record_confirmation(book, item_id)
    meetings.change_status(book, february, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, february, Transition.APPROVE)
    return item_id


def reasons(book: MinuteBook, meeting_id: int, action: str) -> list[str]:
    return [e.reason or "" for e in audit_log.list_audit(book, meeting_id) if e.action == action]


def today() -> str:
    return day_month_year(dt.datetime.now(dt.UTC).date())


def assert_confirmed_by_february(book: MinuteBook, january: int, february: int,
                                 february_content: object) -> None:
    info = approval.current_approval(book, january)
    assert info is not None and info.confirmed_at is not None
    assert info.confirmed_in == "item 2 of 16 Feb 2027"
    # January's history says where and when; February's that it took effect.
    assert reasons(book, january, "confirmed") == [
        f"Confirmed at item 2 of 16 Feb 2027 (confirmation recorded on {today()} while these "
        "minutes were in review)."]
    assert reasons(book, february, confirmation.TOOK_EFFECT) == [
        f"The confirmation of the 19 Jan 2027 minutes took effect when they were approved on "
        f"{day_month_year(info.approved_at.date())}."]
    link = confirmation.get_link(book, confirmation_item(book, february))
    assert link is not None and link.confirmed and not link.pending
    # February's minutes are as approved: marking January confirmed changed nothing there.
    assert approval.meeting_content(book, february) == february_content
    results = approval.verify_book(book)
    assert [(r.meeting_id, r.matches) for r in results] == [(january, True), (february, True)]
    assert approval.check_history(book) == []


def test_january_approved_in_the_app_after_february_confirmed_it(book: MinuteBook) -> None:
    january, february = year_begins(book)
    meetings.change_status(book, january, Transition.SEND_FOR_REVIEW)
    item_id = february_confirms_and_is_approved(book, february)
    link = confirmation.get_link(book, item_id)
    assert link is not None and link.pending and not link.confirmed
    assert "marked confirmed once approved" in link.summary
    assert reasons(book, january, confirmation.PENDING) == [
        "Agreed as a correct record at item 2 of 16 Feb 2027 while in review: marked "
        "confirmed when approved."]
    # February is approved: the confirmation can no longer be recorded there again.
    with pytest.raises(MeetingLockedError):
        decisions.record_confirmation(book, item_id)
    february_content = approval.meeting_content(book, february)

    meetings.change_status(book, january, Transition.APPROVE)

    assert_confirmed_by_february(book, january, february, february_content)


def test_january_approved_by_the_chair_in_a_review_copy(book: MinuteBook,
                                                       tmp_path: Path) -> None:
    january, february = year_begins(book)
    sent = tmp_path / review.default_file_name(book, january)
    review.send_for_review(book, january, sent)
    february_confirms_and_is_approved(book, february)
    february_content = approval.meeting_content(book, february)
    with MinuteBook.open(sent, actor="Chair") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        review.approve_review(copy, info.meeting_id)

    result = review_import.import_review(book, sent)

    assert result.approval_applied
    assert_confirmed_by_february(book, january, february, february_content)


def test_the_chairs_approval_taking_effect_on_the_last_accepted_suggestion(
        book: MinuteBook, tmp_path: Path) -> None:
    january, february = year_begins(book)
    sent = tmp_path / review.default_file_name(book, january)
    review.send_for_review(book, january, sent)
    february_confirms_and_is_approved(book, february)
    february_content = approval.meeting_content(book, february)
    with MinuteBook.open(sent, actor="Chair") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        item_id = confirmation_item(copy, info.meeting_id)
        review.add_suggestion(copy, info.meeting_id, item_id, "short term plan is in place",
                              "short-term plan is now in place")
        review.approve_review(copy, info.meeting_id)
    assert not review_import.import_review(book, sent).approval_applied
    assert approval.current_approval(book, january) is None

    [suggestion] = review.list_suggestions(book, january)
    review.accept_suggestion(book, suggestion.id)

    assert "short-term plan is now in place" in plain_text(
        agenda.get_item_minutes(book, confirmation_item(book, january)))
    assert_confirmed_by_february(book, january, february, february_content)


def test_confirming_approved_minutes_marks_them_at_once(book: MinuteBook) -> None:
    january, february = year_begins(book)
    meetings.change_status(book, january, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, january, Transition.APPROVE)
    item_id = confirmation_item(book, february)

    decision = decisions.record_confirmation(book, item_id)

    info = approval.current_approval(book, january)
    assert info is not None and info.confirmed_in == "item 2 of 16 Feb 2027"
    assert reasons(book, january, "confirmed") == ["Confirmed at item 2 of 16 Feb 2027."]
    assert reasons(book, january, confirmation.PENDING) == []
    assert reasons(book, february, confirmation.TOOK_EFFECT) == []
    decisions.delete_decision(book, decision.id)
    assert approval.current_approval(book, january).confirmed_at is None  # type: ignore[union-attr]
    assert reasons(book, january, "unconfirmed") == [
        "No longer confirmed: item 2 of 16 Feb 2027 no longer records these minutes agreed "
        "as a correct record."]


def test_a_pending_confirmation_removed_before_approval_does_not_take_effect(
        book: MinuteBook) -> None:
    january, february = year_begins(book)
    item_id = confirmation_item(book, february)
    decision = decisions.record_confirmation(book, item_id)
    decisions.delete_decision(book, decision.id)
    assert reasons(book, february, confirmation.WITHDRAWN) == [
        "No longer records the 19 Jan 2027 minutes agreed as a correct record: approving "
        "them will not mark them confirmed."]

    meetings.change_status(book, january, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, january, Transition.APPROVE)

    assert approval.current_approval(book, january).confirmed_at is None  # type: ignore[union-attr]
    assert reasons(book, january, "confirmed") == []


def test_reopening_clears_the_confirmation_and_approving_again_restores_it(
        book: MinuteBook) -> None:
    january, february = year_begins(book)
    meetings.change_status(book, january, Transition.SEND_FOR_REVIEW)
    february_confirms_and_is_approved(book, february)
    meetings.change_status(book, january, Transition.APPROVE)

    meetings.change_status(book, january, Transition.REOPEN, "A name misspelt.")

    assert approval.current_approval(book, january) is None
    [cleared] = reasons(book, january, "confirmation cleared")
    assert cleared.startswith("Reopening cleared the confirmation at item 2 of 16 Feb 2027")
    meetings.change_status(book, january, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, january, Transition.APPROVE)
    info = approval.current_approval(book, january)
    assert info is not None and info.confirmed_in == "item 2 of 16 Feb 2027"
    assert reasons(book, january, "confirmed")[-1] == (
        "Confirmed at item 2 of 16 Feb 2027 on approval: that item records these minutes "
        "agreed as a correct record.")
    assert approval.check_history(book) == []
    assert all(r.matches for r in approval.verify_book(book))


def test_february_reopened_and_its_confirmation_removed_unconfirms_january(
        book: MinuteBook) -> None:
    january, february = year_begins(book)
    meetings.change_status(book, january, Transition.SEND_FOR_REVIEW)
    item_id = february_confirms_and_is_approved(book, february)
    meetings.change_status(book, january, Transition.APPROVE)
    meetings.change_status(book, february, Transition.REOPEN, "Wrong minutes confirmed.")
    [decision] = decisions.list_decisions(book, item_id)

    decisions.delete_decision(book, decision.id)

    assert approval.current_approval(book, january).confirmed_at is None  # type: ignore[union-attr]
    assert len(reasons(book, january, "unconfirmed")) == 1
