"""The review round trip: send, open as the chair, comment, suggest, approve, import,
accept; then the same with the minute-taker editing in between."""

from __future__ import annotations

from pathlib import Path

import pytest

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import MeetingLockedError, ValidationError
from minute_taker.domain.suggestions import plain_text
from minute_taker.services import (
    agenda,
    approval,
    audit_log,
    interchange,
    meetings,
    review,
    review_import,
)
from minute_taker.services.review_import import ChangeKind, Choice
from minute_taker.store.book import MinuteBook

TITLE = "Monthly Assurance Meeting – October 2017"


@pytest.fixture
def october(book: MinuteBook) -> int:
    return interchange.load_demo(book)


@pytest.fixture
def sent(book: MinuteBook, october: int, tmp_path: Path) -> Path:
    path = tmp_path / "outbox" / review.default_file_name(book, october)
    path.parent.mkdir()
    review.send_for_review(book, october, path)
    return path


def item(book: MinuteBook, meeting_id: int, number: str) -> int:
    return next(i.id for i in agenda.list_items(book, meeting_id) if i.number == number)


def chair_reviews(path: Path, *, verdict: str = "approve", suggest: bool = True) -> None:
    """What the chair does on the train: read, comment, suggest, give a verdict."""
    with MinuteBook.open(path, actor="John Campion") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        meeting_id = info.meeting_id
        standards = item(copy, meeting_id, "1.2")
        review.add_comment(copy, meeting_id, "Please check the figures with the DCC.",
                           item_id=standards)
        review.add_comment(copy, meeting_id, "Say which report.", item_id=standards,
                           quote="Interim measures")
        review.add_comment(copy, meeting_id, "A clear set of minutes, thank you.")
        if suggest:
            text = plain_text(agenda.get_item_minutes(copy, standards))
            assert "The short term plan is in place." in text
            review.add_suggestion(copy, meeting_id, standards, "short term plan is in place",
                                  "short-term plan is now in place")
        if verdict == "approve":
            review.approve_review(copy, meeting_id)
        elif verdict == "return":
            review.return_review(copy, meeting_id, "Item 1.2 needs the figures.")


def test_sending_writes_a_review_copy_and_puts_the_minutes_in_review(
        book: MinuteBook, october: int, sent: Path) -> None:
    assert sent.name == "Monthly Assurance Meeting 2017-10-31 round 1.review.minutebook"
    assert meetings.get_header(book, october).status is MeetingStatus.IN_REVIEW
    assert oct(sent.stat().st_mode & 0o777) == "0o600"
    assert sorted(p.name for p in sent.parent.iterdir()) == [sent.name]
    with MinuteBook.open(sent, actor="chair") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        assert (info.meeting_title, info.sent_by) == (TITLE, "Test Clerk")
        assert [m.title for m in meetings.list_meetings(copy)] == [TITLE]
        assert approval.content_digest(copy, info.meeting_id) == \
            approval.content_digest(book, october)
    assert review.review_copy_info(book) is None
    [dispatch] = review.list_dispatches(book, october)
    assert dispatch.verdict is None


def test_round_trip_comment_suggest_approve_import_accept(book: MinuteBook, october: int,
                                                          sent: Path) -> None:
    chair_reviews(sent)
    plan = review_import.plan_import(book, sent)
    assert (plan.new_comments, plan.new_suggestions, plan.verdict) == (3, 1, "approved")
    assert plan.reviewer == "John Campion" and plan.differences == ()

    result = review_import.import_review(book, sent)
    assert (result.added_comments, result.added_suggestions) == (3, 1)
    # Approved subject to the suggestion: it takes effect once the suggestion is accepted.
    assert not result.approval_applied
    assert "subject to 1 suggested change" in result.messages[0]
    assert meetings.get_header(book, october).status is MeetingStatus.IN_REVIEW

    comments = review.list_comments(book, october)
    assert [c.item_label.split(" ", 2)[:2] for c in comments[:2]] == [["Item", "1.2"]] * 2
    assert comments[1].quote == "Interim measures"
    assert comments[2].item_label == "The minutes as a whole"
    [suggestion] = review.list_suggestions(book, october)
    assert suggestion.applies and suggestion.author == "John Campion"

    review.accept_suggestion(book, suggestion.id)
    standards = item(book, october, "1.2")
    assert "The short-term plan is now in place." in plain_text(
        agenda.get_item_minutes(book, standards))
    header = meetings.get_header(book, october)
    assert header.status is MeetingStatus.APPROVED
    info = approval.current_approval(book, october)
    assert info is not None and info.approved_by == "John Campion"
    [result] = approval.verify_book(book)
    assert result.matches
    with pytest.raises(MeetingLockedError):
        agenda.set_item_minutes(book, standards, "<p>late edit</p>")


def test_approval_without_suggestions_applies_on_import(book: MinuteBook, october: int,
                                                        sent: Path) -> None:
    chair_reviews(sent, suggest=False)
    result = review_import.import_review(book, sent)
    assert result.approval_applied and result.status is MeetingStatus.APPROVED
    assert approval.verify_book(book)[0].matches


def test_importing_the_same_review_twice_changes_nothing_the_second_time(
        book: MinuteBook, october: int, sent: Path, book_path: Path) -> None:
    chair_reviews(sent)
    review_import.import_review(book, sent)
    audit_before = audit_log.list_audit(book, october)
    dump_before = dump(book_path)
    assert review_import.plan_import(book, sent).nothing_new
    again = review_import.import_review(book, sent)
    assert not again.changed_anything
    assert audit_log.list_audit(book, october) == audit_before
    assert dump(book_path) == dump_before


def dump(path: Path) -> list[str]:
    import contextlib
    import sqlite3
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


def test_a_returned_review_puts_the_minutes_back_to_draft_with_the_reason(
        book: MinuteBook, october: int, sent: Path) -> None:
    chair_reviews(sent, verdict="return")
    result = review_import.import_review(book, sent)
    assert result.returned and result.status is MeetingStatus.DRAFT
    [entry] = [e for e in audit_log.list_audit(book, october)
               if "return_to_draft" in (e.detail or "")]
    assert entry.reason == "Returned by John Campion: Item 1.2 needs the figures."


def test_edits_after_sending_are_settled_item_by_item(book: MinuteBook, october: int,
                                                      sent: Path) -> None:
    standards = item(book, october, "1.2")
    reviewed_html = agenda.get_item_minutes(book, standards)
    other = item(book, october, "2")
    agenda.set_item_minutes(book, standards, "<p>Rewritten after sending.</p>")
    agenda.set_item_minutes(book, other, "<p>Also changed.</p>")
    chair_reviews(sent, suggest=False)

    plan = review_import.plan_import(book, sent)
    assert [(d.kind, d.label.split(" ")[1]) for d in plan.differences] == [
        (ChangeKind.CHANGED, "1.2"), (ChangeKind.CHANGED, "2")]
    changed = plan.differences[0]
    assert "Rewritten after sending." in changed.current_text
    assert "short term plan" in changed.reviewed_text

    # Keep mine everywhere: nothing overwritten, and the approval cannot apply.
    result = review_import.import_review(book, sent)
    assert not result.approval_applied
    assert "changed since" in result.messages[0]
    assert agenda.get_item_minutes(book, standards) == "<p>Rewritten after sending.</p>"
    assert meetings.get_header(book, october).status is MeetingStatus.IN_REVIEW

    # Put both back as reviewed: the minutes now say what was approved, so it applies.
    choices = {d.key: Choice.USE_REVIEWED for d in plan.differences}
    result = review_import.import_review(book, sent, choices)
    assert result.restored_items and result.approval_applied
    assert agenda.get_item_minutes(book, standards) == reviewed_html
    assert approval.verify_book(book)[0].matches


def test_keeping_one_edit_leaves_the_other_restored_and_the_approval_waiting(
        book: MinuteBook, october: int, sent: Path) -> None:
    standards = item(book, october, "1.2")
    other = item(book, october, "2")
    agenda.set_item_minutes(book, standards, "<p>Mine.</p>")
    agenda.set_item_minutes(book, other, "<p>Mine too.</p>")
    chair_reviews(sent, suggest=False)
    plan = review_import.plan_import(book, sent)
    keys = {d.label.split(" ")[1]: d.key for d in plan.differences}
    result = review_import.import_review(book, sent, {keys["1.2"]: Choice.USE_REVIEWED,
                                                      keys["2"]: Choice.KEEP_MINE})
    assert len(result.restored_items) == 1 and not result.approval_applied
    assert agenda.get_item_minutes(book, other) == "<p>Mine too.</p>"
    assert agenda.get_item_minutes(book, standards) != "<p>Mine.</p>"


def test_items_added_or_deleted_after_sending_are_listed(book: MinuteBook, october: int,
                                                         sent: Path) -> None:
    agenda.add_item(book, october, "Late item")
    agenda.delete_item(book, item(book, october, "2"))
    chair_reviews(sent, suggest=False)
    kinds = {d.kind for d in review_import.plan_import(book, sent).differences}
    assert {ChangeKind.ADDED, ChangeKind.REMOVED} <= kinds
    result = review_import.import_review(book, sent)
    assert not result.approval_applied
    comments = review.list_comments(book, october)
    assert len(comments) == 3


def test_the_chair_cannot_accept_suggestions_or_comment_after_the_verdict(
        sent: Path) -> None:
    chair_reviews(sent, suggest=True, verdict="none")
    with MinuteBook.open(sent, actor="John Campion") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        [suggestion] = review.list_suggestions(copy, info.meeting_id)
        with pytest.raises(ValidationError, match="minute-taker"):
            review.accept_suggestion(copy, suggestion.id)
        review.approve_review(copy, info.meeting_id)
        with pytest.raises(ValidationError, match="finished"):
            review.add_comment(copy, info.meeting_id, "One more thing")


def test_comments_belong_in_a_review_copy(book: MinuteBook, october: int) -> None:
    with pytest.raises(ValidationError, match="review copy"):
        review.add_comment(book, october, "Note to self")


def test_a_suggestion_must_quote_text_that_is_there(sent: Path) -> None:
    with MinuteBook.open(sent, actor="John Campion") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        standards = item(copy, info.meeting_id, "1.2")
        with pytest.raises(ValidationError, match="is not in item 1.2"):
            review.add_suggestion(copy, info.meeting_id, standards, "no such words", "x")


@pytest.mark.file_book_only("a review copy saved over the book's own file")
def test_sending_refuses_to_overwrite_the_book(book: MinuteBook, october: int,
                                               book_path: Path) -> None:
    with pytest.raises(ValidationError, match="cannot replace"):
        review.send_for_review(book, october, book_path)
    assert meetings.get_header(book, october).status is MeetingStatus.DRAFT
