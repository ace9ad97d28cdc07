"""Who reviewed, on which computer, in which round (issue 16, points 2, 3 and 8).

The chair was recorded as their computer login, a hand-edited or the clerk's own
approval came back as "the chair's approval", and each round's copy forgot the one
before. Two computers are stood for by two ``computer_name`` values.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.services import agenda, audit_log, interchange, review, review_import
from minute_taker.services.review_import import Choice, ReviewFileError
from minute_taker.store.book import MinuteBook

CLERKS = "clerk-laptop, login jirvin"
CHAIRS = "chair-tablet, login jcampion"


@pytest.fixture
def october(book: MinuteBook) -> int:
    return interchange.load_demo(book)


@pytest.fixture
def on_the_clerks_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(review, "computer_name", lambda: CLERKS)


def send(book: MinuteBook, meeting_id: int, folder: Path) -> Path:
    path = folder / review.default_file_name(book, meeting_id)
    review.send_for_review(book, meeting_id, path)
    return path


def on_the_chairs_computer(monkeypatch: pytest.MonkeyPatch, work) -> None:  # type: ignore[no-untyped-def]
    with monkeypatch.context() as there:
        there.setattr(review, "computer_name", lambda: CHAIRS)
        work()


def item_id(book: MinuteBook, meeting_id: int, number: str) -> int:
    return next(i.id for i in agenda.list_items(book, meeting_id) if i.number == number)


def test_the_reviewer_signs_with_the_name_they_give(book: MinuteBook, october: int,
                                                     tmp_path: Path) -> None:
    path = send(book, october, tmp_path)
    with MinuteBook.open(path, actor="root") as copy:
        assert review.start_reviewing(copy) is None  # not asked yet
        assert review.suggested_reviewer(copy) == "John Campion"  # the meeting's chair
        review.add_comment(copy, october_in(copy), "Check the figures.")
        review.set_reviewer(copy, "  John Campion ")
        review.add_comment(copy, october_in(copy), "Thank you.")
        review.approve_review(copy, october_in(copy))
        assert {c.author for c in review.list_comments(copy, october_in(copy))} == {
            "John Campion"}  # the comment made before naming is re-signed
        info = review.review_copy_info(copy)
        assert info is not None and info.verdict_by == "John Campion"
        assert {e.actor for e in audit_log.list_audit(copy)} >= {"John Campion"}
        assert "root" not in {e.actor for e in audit_log.list_audit(copy)
                              if e.action in ("status", "reviewer named")}
        with pytest.raises(ValidationError, match="signed"):
            review.set_reviewer(copy, "Someone else")
    with MinuteBook.open(path, actor="root") as again:  # the next time it is opened
        assert review.start_reviewing(again) == "John Campion"
        assert again.actor == "John Campion"


def october_in(copy: MinuteBook) -> int:
    info = review.review_copy_info(copy)
    assert info is not None
    return info.meeting_id


def test_the_chairs_approval_from_their_own_computer_raises_no_warning(
        book: MinuteBook, october: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        on_the_clerks_computer: None) -> None:
    path = send(book, october, tmp_path)

    def chair() -> None:
        with MinuteBook.open(path) as copy:
            review.set_reviewer(copy, "John Campion")
            review.approve_review(copy, october_in(copy))
    on_the_chairs_computer(monkeypatch, chair)

    plan = review_import.plan_import(book, path)
    assert plan.warnings == () and plan.verdict_computer == CHAIRS
    result = review_import.import_review(book, path)
    assert result.approval_applied and result.status is MeetingStatus.APPROVED


def test_an_approval_not_by_the_chair_or_from_the_sending_computer_is_flagged(
        book: MinuteBook, october: int, tmp_path: Path,
        on_the_clerks_computer: None) -> None:
    """The clerk opens her own outgoing copy and approves it as herself."""
    path = send(book, october, tmp_path)
    with MinuteBook.open(path) as copy:
        review.set_reviewer(copy, "Jackie Irvin")
        review.approve_review(copy, october_in(copy))

    plan = review_import.plan_import(book, path)
    assert any("approved by Jackie Irvin, who is not the meeting's chair (John Campion)"
               in warning for warning in plan.warnings), plan.warnings
    assert any(f"the computer and login the copy was sent from ({CLERKS})" in warning
               for warning in plan.warnings), plan.warnings


def test_the_clerk_refuses_an_approval_on_the_record(
        book: MinuteBook, october: int, tmp_path: Path) -> None:
    path = send(book, october, tmp_path)
    with MinuteBook.open(path) as copy:
        review.set_reviewer(copy, "Jackie Irvin")
        review.add_comment(copy, october_in(copy), "Looks fine to me.")
        review.approve_review(copy, october_in(copy))

    result = review_import.import_review(book, path, refuse_approval=True)

    assert not result.approval_applied and result.status is MeetingStatus.IN_REVIEW
    assert result.added_comments == 1
    assert any("refused the approval signed by Jackie Irvin" in m for m in result.messages)
    [refusal] = [e for e in audit_log.list_audit(book, october)
                 if e.action == "approval refused"]
    assert "Jackie Irvin" in (refusal.detail or "")
    [info] = review.list_dispatches(book, october)
    assert info.refused_by == book.actor
    assert review_import.plan_import(book, path).nothing_new  # not offered again


def test_a_clock_behind_is_flagged(book: MinuteBook, october: int, tmp_path: Path,
                                   monkeypatch: pytest.MonkeyPatch) -> None:
    path = send(book, october, tmp_path)
    behind = dt.datetime.now(dt.UTC).replace(tzinfo=None) - dt.timedelta(hours=1)
    with MinuteBook.open(path) as copy:
        review.set_reviewer(copy, "John Campion")
        monkeypatch.setattr(review, "utcnow", lambda: behind)
        review.approve_review(copy, october_in(copy))
    assert any("dated 60 minute(s) before the copy was sent" in warning
               for warning in review_import.plan_import(book, path).warnings)


def test_the_second_round_shows_the_chair_the_first_and_what_became_of_it(
        book: MinuteBook, october: int, tmp_path: Path) -> None:
    first = send(book, october, tmp_path)
    assert first.name.endswith(" round 1.review.minutebook")
    with MinuteBook.open(first) as copy:
        review.set_reviewer(copy, "John Campion")
        meeting = october_in(copy)
        standards = item_id(copy, meeting, "1.2")
        review.add_comment(copy, meeting, "Which report?", item_id=standards)
        review.add_comment(copy, meeting, "Add the date.", item_id=standards)
        review.add_suggestion(copy, meeting, standards, "short term plan is in place",
                              "short-term plan is now in place")
        review.return_review(copy, meeting, "Item 1.2 needs work.")
    review_import.import_review(book, first)
    [accepted] = review.list_suggestions(book, october)
    review.accept_suggestion(book, accepted.id)
    which, _date = review.list_comments(book, october)
    review.resolve_comment(book, which.id)

    second = send(book, october, tmp_path)
    assert second.name.endswith(" round 2.review.minutebook")
    with MinuteBook.open(second) as copy:
        review.start_reviewing(copy)
        info = review.review_copy_info(copy)
        assert info is not None and info.round_number == 2
        meeting = info.meeting_id
        shown = review.list_comments(copy, meeting)
        assert [(c.body, c.earlier_round, c.resolved) for c in shown] == [
            ("Which report?", True, True), ("Add the date.", True, False)]
        [earlier] = review.list_suggestions(copy, meeting)
        assert (earlier.earlier_round, earlier.status) == (True, "accepted")
        with pytest.raises(ValidationError, match="earlier round"):
            review.delete_comment(copy, shown[0].id)
        review.set_reviewer(copy, "John Campion")
        review.add_comment(copy, meeting, "Thank you, all done.")
        review.approve_review(copy, meeting)  # nothing of round 1 is applied again

    plan = review_import.plan_import(book, second)
    assert plan.new_comments == 1
    result = review_import.import_review(book, second)
    assert result.approval_applied and result.status is MeetingStatus.APPROVED


def test_a_comment_that_came_with_the_approval_can_be_resolved_after(
        book: MinuteBook, october: int, tmp_path: Path) -> None:
    path = send(book, october, tmp_path)
    with MinuteBook.open(path) as copy:
        review.set_reviewer(copy, "John Campion")
        review.add_comment(copy, october_in(copy), "Send the final copy to the PCC's office.")
        review.approve_review(copy, october_in(copy))
    assert review_import.import_review(book, path).status is MeetingStatus.APPROVED

    [comment] = review.list_comments(book, october)
    resolved = review.resolve_comment(book, comment.id)

    assert resolved.resolved and resolved.resolved_by == book.actor
    assert [e.action for e in audit_log.list_audit(book, october)
            if e.entity == "comment"] == ["resolved"]


def test_the_choices_made_on_import_are_in_the_audit(book: MinuteBook, october: int,
                                                     tmp_path: Path) -> None:
    path = send(book, october, tmp_path)
    standards = item_id(book, october, "1.2")
    agenda.update_item(book, standards, title="Professional Standards (revised)")
    with MinuteBook.open(path) as copy:
        review.set_reviewer(copy, "John Campion")
        review.return_review(copy, october_in(copy), "See item 1.2.")
    plan = review_import.plan_import(book, path)
    [difference] = plan.differences
    review_import.import_review(book, path, {difference.key: Choice.KEEP_MINE})
    [entry] = [e for e in audit_log.list_audit(book, october)
               if e.action == "review imported"]
    assert '"kept": ["Item 1.2 Professional Standards (revised)"]' in (entry.detail or "")
    assert '"verdict_by": "John Campion"' in (entry.detail or "")


def test_a_damaged_return_is_named_as_the_user_knows_it(book: MinuteBook, october: int,
                                                        tmp_path: Path) -> None:
    path = send(book, october, tmp_path)
    path.write_bytes(b"SQLite format 3\x00" + b"\x13" * 4000)
    with pytest.raises(ReviewFileError) as refused:
        review_import.plan_import(book, path)
    assert path.name in str(refused.value) and "review.minutes" not in str(
        refused.value).replace(path.name, "")
