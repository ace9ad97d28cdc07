"""Decisions kept in the notes (issue 17, point 6), in the book: the decision follows
the words of its passage as the clerk edits them, keeps its last words when the passage
goes, and keeps its mark, uid, vote and place through the interchange (into another
book, and into the same book where uids are taken) and through a review round trip."""

from __future__ import annotations

from pathlib import Path

import pytest

from minute_taker.domain.decision_marks import mark_href, passages
from minute_taker.domain.enums import DecisionKind, VoteChoice
from minute_taker.domain.suggestions import plain_text
from minute_taker.export.content import read_minutes
from minute_taker.services import agenda, approval, decisions, interchange, review, review_import
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting

AGREED = "It was agreed that the Panel would receive a report on complaints in March"


def _item(book: MinuteBook, meeting_id: int, number: str) -> int:
    return next(i.id for i in agenda.list_items(book, meeting_id) if i.number == number)


@pytest.fixture
def kept(book: MinuteBook) -> tuple[int, int, str]:
    """The demo meeting with a decision kept in item 2's notes, moved, with a vote."""
    meeting = interchange.load_demo(book)
    item = _item(book, meeting, "2")
    row = decisions.record_decision(book, item, DecisionKind.AGREED, AGREED, in_notes=True,
                                    votes_for=5, votes_against=1)
    agenda.set_item_minutes(book, item, (
        f'<p>The DCC reported. <a href="{mark_href(row.uid)}">{AGREED}</a>.</p>'
        "<p>Members thanked her.</p>"))
    return meeting, item, row.uid


def _decision(book: MinuteBook, item: int, uid: str):  # type: ignore[no-untyped-def]
    return next(d for d in decisions.list_decisions(book, item) if d.uid == uid)


def test_the_decision_follows_the_words_of_its_passage(book: MinuteBook,
                                                        kept: tuple[int, int, str]) -> None:
    _, item, uid = kept
    assert _decision(book, item, uid).in_notes
    agenda.set_item_minutes(book, item, (
        f'<p>The DCC reported. <a href="{mark_href(uid)}">It was agreed that the Panel '
        "would receive a <strong>full</strong> report in April</a>.</p>"))
    row = _decision(book, item, uid)
    assert row.text == "It was agreed that the Panel would receive a full report in April"
    assert row.label == row.text  # listed in the clerk's words
    assert (row.votes_for, row.votes_against) == (5, 1)


def test_a_passage_deleted_from_the_notes_leaves_its_decision_with_its_last_words(
        book: MinuteBook, kept: tuple[int, int, str]) -> None:
    meeting, item, uid = kept
    agenda.set_item_minutes(book, item, "<p>The DCC reported.</p>")
    assert _decision(book, item, uid).text == AGREED
    document = interchange.export_meeting(book, meeting)
    [entry] = [e for e in read_minutes(document).entries if e.item["number"] == "2"]
    assert uid in [d["uid"] for d in entry.item["decisions"]]  # printed after the notes


def test_the_interchange_carries_the_mark_into_another_book(
        book: MinuteBook, kept: tuple[int, int, str], tmp_path: Path) -> None:
    meeting, item, uid = kept
    document = interchange.export_meeting(book, meeting)
    with MinuteBook.open(tmp_path / "other.minutebook") as other:
        copied = interchange.import_meeting(other, document)
        target = _item(other, copied, "2")
        [row] = [d for d in decisions.list_decisions(other, target) if d.in_notes]
        assert row.uid == uid and row.text == AGREED
        assert passages(agenda.get_item_minutes(other, target)) == {uid: AGREED}
        assert interchange.export_meeting(other, copied)["items"] == document["items"]


def test_imported_again_into_the_same_book_the_mark_follows_the_fresh_uid(
        book: MinuteBook, kept: tuple[int, int, str]) -> None:
    meeting, _, uid = kept
    document = interchange.export_meeting(book, meeting)
    document["meeting"]["uid"] = "c0c0c0c0-1111-4222-8333-444444444444"  # a copy
    copied = interchange.import_meeting(book, document)
    target = _item(book, copied, "2")
    [row] = [d for d in decisions.list_decisions(book, target) if d.in_notes]
    assert row.uid != uid
    assert passages(agenda.get_item_minutes(book, target)) == {row.uid: AGREED}


def test_a_decision_after_the_notes_says_nothing_new_to_an_approval(
        book: MinuteBook, kept: tuple[int, int, str]) -> None:
    """``in_notes`` enters the content an approval signs only when true, so approvals
    made before the field existed still verify."""
    meeting, item, uid = kept
    row = decisions.record_decision(book, item, DecisionKind.NOTED, "The report was noted.")
    with book.unit_of_work() as session:
        content = approval.canonical_content(session, session.get_one(Meeting, meeting))
    said = {d["uid"]: d for node in content["items"] for d in node["decisions"]}
    assert "in_notes" not in said[row.uid]
    assert said[uid]["in_notes"] is True


def test_a_review_round_trip_keeps_the_passage_its_vote_and_the_chairs_change(
        book: MinuteBook, kept: tuple[int, int, str], tmp_path: Path) -> None:
    meeting, item, uid = kept
    votes = [(p.id, VoteChoice.FOR) for p in decisions.eligible_voters(book, item)[:1]]
    if votes:
        decisions.record_named_vote(book, _decision(book, item, uid).id, votes)
    path = tmp_path / review.default_file_name(book, meeting)
    review.send_for_review(book, meeting, path)
    with MinuteBook.open(path, actor="John Campion") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        review.set_reviewer(copy, "John Campion")
        target = _item(copy, info.meeting_id, "2")
        assert AGREED in plain_text(agenda.get_item_minutes(copy, target))
        review.add_suggestion(copy, info.meeting_id, target, "in March", "in April")
        review.approve_review(copy, info.meeting_id)
    review_import.import_review(book, path)
    [suggestion] = review.list_suggestions(book, meeting)
    review.accept_suggestion(book, suggestion.id)
    minutes = agenda.get_item_minutes(book, item)
    assert passages(minutes) == {uid: AGREED.replace("March", "April")}
    row = _decision(book, item, uid)
    assert row.in_notes and row.text == AGREED.replace("March", "April")
    assert len(row.named_votes) == len(votes)
    assert approval.verify_book(book)[0].matches
