"""Moving a committee's meetings to another book keeps the action register: what each
action continues, what became of it, and the approvals (issue 15, point 5).

The documented route from a laptop to the main book is export-json then import, meeting
by meeting. It dropped every carry-forward link, so the outstanding list in the other
book grew (each action listed once per meeting that had carried it).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.rules import matters_arising_item
from minute_taker.domain.workflow import Transition
from minute_taker.services import actions, agenda, approval, committees, interchange, meetings
from minute_taker.store.book import MinuteBook

MONTHS = 8


def a_committee_year(book: MinuteBook) -> list[int]:
    panel = committees.create_committee(book, "Police and Crime Panel")
    ids: list[int] = []
    for month in range(1, MONTHS + 1):
        meeting = meetings.create_meeting(book, panel.id, f"Panel {month}",
                                          dt.date(2026, month, 10))
        outstanding = actions.list_outstanding(book, meeting.id)
        item = matters_arising_item(agenda.list_items(book, meeting.id))
        assert item is not None
        carried = actions.carry_forward(book, meeting.id, [a.id for a in outstanding], item.id)
        for n, action in enumerate(carried):
            if n % 3 == 1:  # reported done at this meeting
                actions.update_action(book, action.id, status=ActionStatus.DONE,
                                      update="Done, reported at the meeting.")
        for n in range(3):
            actions.capture_action(book, meeting.id, f"Action {n} raised in month {month}",
                                   owner_text="DCC")
        if ids:
            meetings.change_status(book, ids[-1], Transition.SEND_FOR_REVIEW)
            meetings.change_status(book, ids[-1], Transition.APPROVE, approved_by="Chair")
        ids.append(meeting.id)
    # Closed from the register, between meetings, without a carry.
    first = next(a for a in actions.list_actions(book, ids[-1]) if a.status is ActionStatus.OPEN)
    actions.record_progress(book, first.id, status=ActionStatus.DONE, note="Closed by e-mail.")
    return ids


def register(book: MinuteBook, meeting_id: int) -> list[tuple[str, str | None, object]]:
    return [(a.text, a.origin, a.status) for a in actions.list_outstanding(book, meeting_id)]


def test_every_meeting_moved_keeps_the_register_and_the_approvals(tmp_path: Path) -> None:
    with MinuteBook.open(tmp_path / "laptop.minutebook", actor="Clerk") as laptop:
        ids = a_committee_year(laptop)
        documents = [interchange.export_meeting(laptop, meeting_id) for meeting_id in ids]
        later = meetings.create_meeting(laptop, meetings.get_header(laptop, ids[0]).committee_id,
                                        "Panel next", dt.date(2026, MONTHS + 1, 10))
        expected = register(laptop, later.id)
        series = sorted(a.series_uid or "" for a in actions.list_outstanding(laptop, later.id))
    assert len(expected) > 3

    with MinuteBook.open(tmp_path / "main.minutebook", actor="Office") as main:
        moved = [interchange.import_document(main, document) for document in documents]
        assert all(result.notes == () for result in moved), [r.notes for r in moved]
        committee_id = meetings.get_header(main, moved[0].meeting_id).committee_id
        next_one = meetings.create_meeting(main, committee_id, "Panel next",
                                           dt.date(2026, MONTHS + 1, 10))
        assert register(main, next_one.id) == expected  # not one action listed twice
        assert sorted(a.series_uid or "" for a in actions.list_outstanding(
            main, next_one.id)) == series
        results = approval.verify_book(main)
        assert len(results) == MONTHS - 1 and all(r.matches for r in results)
        assert approval.check_history(main) == []


def test_a_meeting_moved_without_the_one_before_says_what_it_lost(tmp_path: Path) -> None:
    with MinuteBook.open(tmp_path / "laptop.minutebook", actor="Clerk") as laptop:
        ids = a_committee_year(laptop)
        march = interchange.export_meeting(laptop, ids[2])
    with MinuteBook.open(tmp_path / "main.minutebook", actor="Office") as main:
        result = interchange.import_document(main, march)
        assert any("not in this book" in note for note in result.notes)


def test_actions_this_book_already_carried_elsewhere_are_refused(tmp_path: Path) -> None:
    """February was written on the laptop and, separately, in the main book: both carry
    January's actions. Importing the laptop's would list each of them twice."""
    with MinuteBook.open(tmp_path / "laptop.minutebook", actor="Clerk") as laptop:
        ids = a_committee_year(laptop)
        january = interchange.export_meeting(laptop, ids[0])
        february = interchange.export_meeting(laptop, ids[1])
    with MinuteBook.open(tmp_path / "main.minutebook", actor="Office") as main:
        first = interchange.import_document(main, january)
        committee_id = meetings.get_header(main, first.meeting_id).committee_id
        own = meetings.create_meeting(main, committee_id, "Panel 2 (main book)",
                                      dt.date(2026, 2, 11))
        actions.carry_forward(main, own.id, [a.id for a in actions.list_outstanding(
            main, own.id)], None)
        before = len(meetings.list_meetings(main, committee_id))

        with pytest.raises(interchange.InterchangeError,
                           match=r"3 action\(s\) in this file continue actions that this "
                                 r"book already carried forward into another meeting .*"
                                 r"“Panel 2 \(main book\)” of 11 February 2026"):
            interchange.import_document(main, february)
        assert len(meetings.list_meetings(main, committee_id)) == before
