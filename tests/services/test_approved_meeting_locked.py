"""Approved minutes are the record: every service that would change a meeting refuses."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest

from minute_taker.domain.agenda_import import read_text
from minute_taker.domain.enums import (
    ActionStatus,
    AttendanceStatus,
    DecisionKind,
    MeetingStatus,
    VoteChoice,
)
from minute_taker.domain.errors import MeetingLockedError, NotFoundError
from minute_taker.domain.records import MeetingHeader
from minute_taker.services import (
    actions,
    agenda,
    agenda_import,
    attendance,
    audit_log,
    committees,
    confirmation,
    decisions,
    documents,
    history,
    meetings,
    review,
    roll_call,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting, ReviewComment, ReviewSuggestion

T_LATER = dt.datetime(2017, 10, 31, 11, 5)
MakeMeeting = Callable[..., MeetingHeader]
Attempt = Callable[[MinuteBook, SimpleNamespace], object]

MUTATIONS: dict[str, Attempt] = {
    "update_header": lambda b, m: meetings.update_header(b, m.meeting.id, venue="Hindlip"),
    "update_header number_start": lambda b, m: meetings.update_header(b, m.meeting.id,
                                                                      number_start=5),
    "delete_meeting": lambda b, m: meetings.delete_meeting(b, m.meeting.id),
    "add_item": lambda b, m: agenda.add_item(b, m.meeting.id, "Late item"),
    "add_item under": lambda b, m: agenda.add_item(b, m.meeting.id, "Late", parent_id=m.top.id),
    "update_item": lambda b, m: agenda.update_item(b, m.sub.id, title="Changed"),
    "set_item_minutes": lambda b, m: agenda.set_item_minutes(b, m.sub.id, "<p>Rewritten</p>"),
    "delete_item": lambda b, m: agenda.delete_item(b, m.sub.id),
    "move_item": lambda b, m: agenda.move_item(b, m.sub.id, None, 0),
    "indent_item": lambda b, m: agenda.indent_item(b, m.last.id),
    "outdent_item": lambda b, m: agenda.outdent_item(b, m.sub.id),
    "shift_item": lambda b, m: agenda.shift_item(b, m.last.id, -1),
    "record_attendance": lambda b, m: attendance.record_attendance(
        b, m.meeting.id, m.cast.cex.id, status=AttendanceStatus.APOLOGIES),
    "record_attendance again": lambda b, m: attendance.record_attendance(
        b, m.meeting.id, m.cast.acc.id, capacity="Changed"),
    "record_arrival": lambda b, m: attendance.record_arrival(
        b, m.meeting.id, m.cast.acc.id, during_item_id=m.top.id, at=dt.time(10, 45)),
    "record_departure": lambda b, m: attendance.record_departure(
        b, m.meeting.id, m.cast.acc.id, after_item_id=m.sub.id, at=dt.time(11, 30)),
    "remove_attendance": lambda b, m: attendance.remove_attendance(b, m.meeting.id,
                                                                   m.cast.acc.id),
    "add_declaration": lambda b, m: attendance.add_declaration(b, m.meeting.id, m.cast.dcc.id,
                                                               "Late declaration"),
    "add_attendee": lambda b, m: attendance.add_attendee(b, m.meeting.id, "Tony Miller"),
    "update_attendance": lambda b, m: attendance.update_attendance(
        b, m.meeting.id, m.cast.acc.id, capacity="Changed"),
    "prefill_from_committee": lambda b, m: (
        committees.add_member(b, m.meeting.committee_id, m.cast.dcc.id),
        attendance.prefill_from_committee(b, m.meeting.id)),
    "update_declaration": lambda b, m: attendance.update_declaration(
        b, attendance.list_declarations(b, m.meeting.id)[0].id, interest="Changed"),
    "remove_declaration": lambda b, m: attendance.remove_declaration(
        b, attendance.list_declarations(b, m.meeting.id)[0].id),
    "record_decision": lambda b, m: decisions.record_decision(b, m.sub.id, DecisionKind.AGREED,
                                                              "Agreed afterwards."),
    "delete_decision": lambda b, m: decisions.delete_decision(b, m.decision.id),
    "record_named_vote": lambda b, m: decisions.record_named_vote(
        b, m.decision.id, [(p.id, VoteChoice.AGAINST)
                           for p in decisions.eligible_voters(b, m.decision.item_id)]),
    "capture_action": lambda b, m: actions.capture_action(b, m.meeting.id, "New action.",
                                                          owner_text="DCC"),
    "update_action": lambda b, m: actions.update_action(b, m.action.id, text="Changed"),
    "update_action status": lambda b, m: actions.update_action(b, m.action.id,
                                                               status=ActionStatus.DONE),
    "delete_action": lambda b, m: actions.delete_action(b, m.action.id),
    "carry_forward": lambda b, m: actions.carry_forward(b, m.meeting.id, [m.earlier.id],
                                                        m.top.id),
    "take_up_item": lambda b, m: agenda.take_up_item(b, m.meeting.id, m.sub.id, T_LATER),
    "import_agenda": lambda b, m: agenda_import.import_agenda(
        b, m.meeting.id, read_text("1. Apologies\n2. Estates strategy\n")),
    "undo_import": lambda b, m: agenda_import.undo_import(
        b, agenda_import.ImportUndo(m.meeting.id, (m.sub.id,), (), ())),
    "record_start": lambda b, m: meetings.record_start(b, m.meeting.id, T_LATER),
    "record_close": lambda b, m: meetings.record_close(b, m.meeting.id, T_LATER, T_LATER),
    "add_document": lambda b, m: documents.add_document(b, m.sub.id, "Report", "r.pdf"),
    "update_document": lambda b, m: documents.update_document(b, m.document.id,
                                                              title="Changed"),
    "remove_document": lambda b, m: documents.remove_document(b, m.document.id),
    "delete_item (undoable)": lambda b, m: history.delete_item(b, m.sub.id),
    "restore_item": lambda b, m: history.restore_item(b, m.removed_item),
    "delete_action (undoable)": lambda b, m: history.delete_action(b, m.action.id),
    "restore_action": lambda b, m: history.restore_action(b, m.removed_action),
    "record_roll_line": lambda b, m: roll_call.record_roll_line(b, m.meeting.id,
                                                                "Present: Cllr Mackay"),
    "undo_roll": lambda b, m: roll_call.undo_roll(b, m.roll),
    "redo_roll": lambda b, m: roll_call.redo_roll(b, m.roll_undone),
    "set_confirmed_meeting": lambda b, m: confirmation.set_confirmed_meeting(b, m.top.id, None),
    "record_confirmation": lambda b, m: decisions.record_confirmation(b, m.top.id),
    "send_for_review": lambda b, m: review.send_for_review(b, m.meeting.id, m.outbox),
    "accept_suggestion": lambda b, m: review.accept_suggestion(b, m.suggestion.id),
    "reject_suggestion": lambda b, m: review.reject_suggestion(b, m.suggestion.id),
    "reopen_suggestion": lambda b, m: review.reopen_suggestion(b, m.rejected.id),
}


@pytest.fixture
def minuted(book: MinuteBook, cast: SimpleNamespace, make_meeting: MakeMeeting,
            tmp_path: Path) -> SimpleNamespace:
    """A meeting with something of everything in it."""
    meeting = make_meeting()
    top = agenda.add_item(book, meeting.id, "Outstanding matters")
    sub = agenda.add_item(book, meeting.id, "Professional Standards", parent_id=top.id)
    last = agenda.add_item(book, meeting.id, "Any other business")
    agenda.set_item_minutes(book, sub.id, "<p>Findings:</p><ul><li>An uplift in staff</li></ul>")
    attendance.record_attendance(book, meeting.id, cast.acc.id)
    attendance.add_declaration(book, meeting.id, cast.acc.id, "Lives in Telford")
    decision = decisions.record_decision(book, sub.id, DecisionKind.NOTED, "Noted.")
    action = actions.capture_action(book, meeting.id, "Report back via AGG.", owner_text="DCC",
                                    item_id=sub.id)
    document = documents.add_document(book, sub.id, "Complaints report", "papers/psd.pdf")
    earlier_meeting = meetings.create_meeting(book, meeting.committee_id, "Earlier",
                                              meeting.date - dt.timedelta(days=30))
    earlier = actions.capture_action(book, earlier_meeting.id, "Left open last time.")
    # Deleted before the meeting is approved, as an undo step would have done.
    removed_item = history.delete_item(book, agenda.add_item(book, meeting.id, "Dropped").id)
    removed_action = history.delete_action(
        book, actions.capture_action(book, meeting.id, "Withdrawn action.").id)
    confirmation.set_confirmed_meeting(book, top.id, earlier_meeting.id)
    # A roll typed in the notes, and one typed and then undone (the undo history).
    roll = roll_call.record_roll_line(book, meeting.id, "Apologies: Cllr Dakin")
    undone = roll_call.record_roll_line(book, meeting.id, "In attendance: Jo Bloggs (Analyst)")
    assert roll is not None and undone is not None
    roll_call.undo_roll(book, undone.snapshot)
    with book.unit_of_work() as session:
        # As a review import leaves them (tests/services/test_review_round_trip.py).
        comment = ReviewComment(meeting_id=meeting.id, item_id=sub.id, author="Chair",
                                body="Which report?")
        suggestion = ReviewSuggestion(meeting_id=meeting.id, item_id=sub.id, target="minutes",
                                      original="uplift", proposal="increase", author="Chair")
        rejected = ReviewSuggestion(meeting_id=meeting.id, item_id=sub.id, target="title",
                                    original="Professional", proposal="Prof.", author="Chair",
                                    status="rejected")
        session.add_all([comment, suggestion, rejected])
    return SimpleNamespace(meeting=meeting, top=top, sub=sub, last=last, decision=decision,
                           action=action, document=document, cast=cast,
                           removed_item=removed_item, removed_action=removed_action,
                           earlier=earlier, comment=comment, suggestion=suggestion,
                           rejected=rejected, outbox=tmp_path / "review.minutes",
                           roll=roll.snapshot, roll_undone=undone.snapshot)


def set_status(book: MinuteBook, meeting_id: int, status: MeetingStatus) -> None:
    with book.unit_of_work() as session:
        row = session.get(Meeting, meeting_id)
        assert row is not None
        row.status = status


def snapshot(book: MinuteBook, minuted: SimpleNamespace) -> tuple[object, ...]:
    meeting_id = minuted.meeting.id
    try:
        items = agenda.list_items(book, meeting_id)
    except NotFoundError:
        return ("no such meeting", audit_log.list_audit(book))
    return (
        meetings.get_header(book, meeting_id),
        items,
        [agenda.get_item_minutes(book, item.id) for item in items],
        attendance.list_attendance(book, meeting_id),
        attendance.list_declarations(book, meeting_id),
        [decisions.list_decisions(book, item.id) for item in items],
        actions.list_actions(book, meeting_id),
        [documents.list_documents(book, item.id) for item in items],
        audit_log.list_audit(book),
        [confirmation.get_link(book, item.id) for item in items],
        review.list_comments(book, meeting_id),
        review.list_suggestions(book, meeting_id),
        review.list_dispatches(book, meeting_id),
    )


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_every_change_to_an_approved_meeting_is_refused(
        book: MinuteBook, minuted: SimpleNamespace, mutation: str) -> None:
    set_status(book, minuted.meeting.id, MeetingStatus.APPROVED)
    before = snapshot(book, minuted)
    assert before[0].editable is False  # type: ignore[attr-defined]
    with pytest.raises(MeetingLockedError, match="approved and cannot be changed"):
        MUTATIONS[mutation](book, minuted)
    assert snapshot(book, minuted) == before


@pytest.mark.parametrize("mutation", list(MUTATIONS))
def test_the_same_changes_work_while_in_review(
        book: MinuteBook, minuted: SimpleNamespace, mutation: str) -> None:
    # Proof that the refusals above come from the approval and not from a broken call.
    set_status(book, minuted.meeting.id, MeetingStatus.IN_REVIEW)
    before = snapshot(book, minuted)
    MUTATIONS[mutation](book, minuted)
    assert snapshot(book, minuted) != before


def test_every_mutating_service_is_covered() -> None:
    mutating = {
        meetings: {"update_header", "delete_meeting", "record_start", "record_close"},
        confirmation: {"set_confirmed_meeting"},
        review: {"send_for_review", "accept_suggestion", "reject_suggestion",
                 "reopen_suggestion"},
        agenda: {"add_item", "update_item", "set_item_minutes", "delete_item", "move_item",
                 "indent_item", "outdent_item", "shift_item", "take_up_item"},
        documents: {"add_document", "update_document", "remove_document"},
        history: {"delete_item", "restore_item", "delete_action", "restore_action"},
        attendance: {"record_attendance", "record_arrival", "record_departure",
                     "remove_attendance", "add_declaration", "add_attendee",
                     "update_attendance", "prefill_from_committee", "update_declaration",
                     "remove_declaration"},
        decisions: {"record_decision", "delete_decision", "record_confirmation",
                    "record_named_vote"},
        actions: {"capture_action", "update_action", "delete_action", "carry_forward"},
        roll_call: {"record_roll_line", "undo_roll", "redo_roll"},
        agenda_import: {"import_agenda", "undo_import"},
    }
    readers = {"get_header", "list_meetings", "header_record", "continuation_number",
               "create_meeting", "list_items", "get_item", "get_item_minutes", "get_item_notes",
               "renumber",
               "renumber_with_series", "renumber_series", "children", "reposition",
               "repeated_numbers", "series_start",
               "numbering_note", "action_history", "eligible_voters",
               "list_attendance", "list_declarations", "list_decisions", "list_actions",
               "movement_notes", "substitution_notes",
               "get_action", "list_outstanding", "list_documents", "item_place",
               "ItemSnapshot", "ActionSnapshot",
               # The workflow itself: reopening approved minutes is how they become
               # editable again (tests/services/test_workflow_service.py).
               "change_status", "apply_transition",
               "link_previous_minutes", "get_link", "candidate_meetings", "confirmation_text",
               # Marking approved minutes confirmed changes their approval record, never
               # the minutes (tests/services/test_confirmation_pending.py).
               "sync_confirmation", "status_changed", "adopt_unlinked",
               # Inside decisions.record_confirmation, which is refused on approved minutes.
               "resolution_for",
               # Review copies: the reviewer's side is refused outside a review copy
               # (tests/services/test_review_round_trip.py); the rest only read.
               "add_comment", "add_suggestion", "delete_comment", "delete_suggestion",
               "approve_review", "return_review", "amended_content", "book_uid",
               "complete_pending_approval", "default_file_name",
               "is_review_copy", "start_reviewing", "list_comments", "list_dispatches",
               "list_suggestions", "set_reviewer", "reviewer_name", "suggested_reviewer",
               "computer_name", "next_round", "file_facts",
               # Comments are not the minutes: one that came with the approval is resolved
               # after it (tests/services/test_review_who.py).
               "resolve_comment",
               "review_copy_info", "review_copy_info_for", "ConfirmationLink", "ReviewCopyInfo",
               "CommentRow", "SuggestionRow", "list_committee_actions", "CommitteeAction",
               "RollSnapshot", "RollRecorded",
               # The register beside the minutes: what became of an action of approved
               # minutes is recorded without changing them (test_action_register.py).
               "record_progress",
               # What an agenda import returns, and the pieces of delete_item and
               # restore_item a service composes in its own transaction (restore_in checks
               # the meeting as restore_item does; agenda_import is tested above).
               "AgendaImported", "ImportUndo", "snapshot_in", "restore_in"}
    for module, names in mutating.items():
        public = {name for name, value in vars(module).items()
                  if callable(value) and not name.startswith("_")
                  and getattr(value, "__module__", None) == module.__name__}
        assert public - readers == names, module.__name__
    covered = {name.split()[0] for name in MUTATIONS}
    # history.delete_item/delete_action share their names with agenda's and actions'.
    assert covered == set().union(*mutating.values())


def test_reopened_meeting_can_be_edited_again(book: MinuteBook,
                                              minuted: SimpleNamespace) -> None:
    set_status(book, minuted.meeting.id, MeetingStatus.APPROVED)
    with pytest.raises(MeetingLockedError):
        agenda.update_item(book, minuted.sub.id, title="Changed")
    set_status(book, minuted.meeting.id, MeetingStatus.DRAFT)
    assert agenda.update_item(book, minuted.sub.id, title="Changed").title == "Changed"


def test_setting_identical_minutes_on_an_approved_meeting_is_a_no_op(
        book: MinuteBook, minuted: SimpleNamespace) -> None:
    set_status(book, minuted.meeting.id, MeetingStatus.APPROVED)
    stored = agenda.get_item_minutes(book, minuted.sub.id)
    agenda.set_item_minutes(book, minuted.sub.id, stored)
    assert agenda.get_item_minutes(book, minuted.sub.id) == stored
