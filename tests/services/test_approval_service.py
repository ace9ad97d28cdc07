"""Approval records: the digest of what was approved, cleared on reopening, verified later."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from behind_the_back import behind_the_apps_back

from minute_taker.domain import canonical
from minute_taker.domain.enums import DecisionKind, MeetingStatus
from minute_taker.domain.workflow import Transition
from minute_taker.services import (
    actions,
    agenda,
    approval,
    attendance,
    audit_log,
    decisions,
    interchange,
    meetings,
)
from minute_taker.store.book import MinuteBook


@pytest.fixture
def october(book: MinuteBook) -> int:
    """The October 2017 assurance meeting (the packaged sample), sent for review."""
    meeting_id = interchange.load_demo(book)
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    return meeting_id


def approve(book: MinuteBook, meeting_id: int) -> approval.ApprovalInfo:
    meetings.change_status(book, meeting_id, Transition.APPROVE)
    info = approval.current_approval(book, meeting_id)
    assert info is not None
    return info


def test_approving_records_who_when_and_the_digest(book: MinuteBook, october: int) -> None:
    before = approval.content_digest(book, october)
    info = approve(book, october)
    assert info.approved_by == "Test Clerk"
    assert abs(info.approved_at - dt.datetime.now(dt.UTC).replace(tzinfo=None)) \
        < dt.timedelta(minutes=1)
    assert info.digest == before and len(info.digest) == 64
    [entry] = [e for e in audit_log.list_audit(book, october)
               if e.action == "status" and "approve" in (e.detail or "")]
    assert info.digest in (entry.detail or "")


def test_the_demo_meeting_digest_is_stable(book: MinuteBook, october: int) -> None:
    # The packaged sample's content has a fixed digest: the same on every platform and run.
    assert approval.content_digest(book, october) == DEMO_DIGEST


DEMO_DIGEST = "53dfde7a23c3033dfc0a199ed31613539019b12ba90f040bc278df6f2a0d225a"


def test_status_and_time_keeping_do_not_change_the_digest(book: MinuteBook,
                                                          october: int) -> None:
    before = approval.content_digest(book, october)
    first = agenda.list_items(book, october)[0]
    meetings.change_status(book, october, Transition.RETURN_TO_DRAFT, "typo")
    agenda.take_up_item(book, october, first.id, dt.datetime(2017, 10, 31, 10, 5))
    agenda.update_item(book, first.id, planned_minutes=15)
    assert approval.content_digest(book, october) == before


def edits(book: MinuteBook, meeting_id: int) -> list[tuple[str, object]]:
    items = agenda.list_items(book, meeting_id)
    item = items[1]
    person = attendance.list_attendance(book, meeting_id)[0]
    action = actions.list_actions(book, meeting_id)[0]
    return [
        ("minutes text", lambda: agenda.set_item_minutes(book, item.id, "<p>Changed.</p>")),
        ("title", lambda: agenda.update_item(book, item.id, title="Renamed")),
        ("number", lambda: agenda.shift_item(book, items[-1].id, -1)),
        ("decision", lambda: decisions.record_decision(book, item.id, DecisionKind.NOTED,
                                                       "Noted.")),
        ("action", lambda: actions.update_action(book, action.id, owner_text="PCC")),
        ("attendance", lambda: attendance.update_attendance(
            book, meeting_id, person.person_id, capacity="Acting")),
        ("venue", lambda: meetings.update_header(book, meeting_id, venue="Room 2")),
    ]


@pytest.mark.parametrize("index", range(7))
def test_every_kind_of_edit_changes_the_digest(book: MinuteBook, october: int,
                                               index: int) -> None:
    meetings.change_status(book, october, Transition.RETURN_TO_DRAFT, "edit")
    before = approval.content_digest(book, october)
    _name, edit = edits(book, october)[index]
    edit()  # type: ignore[operator]
    assert approval.content_digest(book, october) != before


def test_reopening_clears_the_approval_and_keeps_its_record(book: MinuteBook,
                                                            october: int) -> None:
    first = approve(book, october)
    meetings.change_status(book, october, Transition.REOPEN, "Wrong date in item 3")
    assert approval.current_approval(book, october) is None
    meetings.change_status(book, october, Transition.SEND_FOR_REVIEW)
    second = approve(book, october)
    assert second.uid != first.uid
    entries = [e for e in audit_log.list_audit(book, october) if "cleared_approval" in
               (e.detail or "")]
    assert first.uid in (entries[0].detail or "")
    assert entries[0].reason == "Wrong date in item 3"


def test_verify_reports_matching_and_tampered_minutes(book: MinuteBook, book_path: Path,
                                                      october: int) -> None:
    info = approve(book, october)
    [result] = approval.verify_book(book)
    assert result.matches and result.approval.digest == info.digest
    assert result.differing == ()

    # Someone edits the book behind the app's back.
    behind_the_apps_back(book, "UPDATE agenda_item SET minutes_html = "
                               "'<p>Nothing happened.</p>' WHERE number = '1.2'")
    [result] = approval.verify_book(book)
    assert not result.matches
    assert result.differing == ("item 1.2",)
    assert result.current_digest != info.digest


def test_verify_names_attendance_changes(book: MinuteBook, book_path: Path,
                                         october: int) -> None:
    approve(book, october)
    behind_the_apps_back(book, "UPDATE attendance SET capacity = 'Forged'")
    [result] = approval.verify_book(book)
    assert result.differing == ("meeting details or attendance",)


def test_drafts_are_not_verified(book: MinuteBook, october: int) -> None:
    assert approval.verify_book(book) == []
    assert meetings.get_header(book, october).status is MeetingStatus.IN_REVIEW


def test_digest_survives_json_export_and_import(book: MinuteBook, october: int,
                                                tmp_path: Path) -> None:
    approve(book, october)
    document = interchange.export_meeting(book, october)
    with MinuteBook.open(tmp_path / "other.minutes") as other:
        copied = interchange.import_meeting(other, document)
        assert approval.content_digest(other, copied) == approval.content_digest(book, october)


def test_canonical_content_holds_no_ids_or_times_of_editing(book: MinuteBook,
                                                            october: int) -> None:
    content = approval.meeting_content(book, october)
    text = canonical.canonical_bytes(content).decode()
    for volatile in ("updated_at", "exported_at", "started_at", '"status":"in_review"',
                     '"id":'):
        assert volatile not in text
