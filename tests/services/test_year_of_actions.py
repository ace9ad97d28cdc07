"""A year of meetings with actions carried forward month after month: approved minutes
never change (issue 15, point 1).

Carrying an action forward used to set the earlier action's status to "carried
forward", even in approved minutes whose approval digest covers it, so after a year of
normal use ``verify`` reported most approved minutes CHANGED, and a chair's approval
returned after the next meeting had carried the actions was refused.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from behind_the_back import behind_the_apps_back

from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.rules import matters_arising_item
from minute_taker.domain.workflow import Transition
from minute_taker.services import (
    actions,
    agenda,
    approval,
    committees,
    meetings,
    review,
    review_import,
)
from minute_taker.store.book import MinuteBook

MONTHS = 12


def monthly(book: MinuteBook, committee_id: int, month: int) -> int:
    meeting = meetings.create_meeting(book, committee_id, f"Panel {month:02d}/2026",
                                      dt.date(2026, month, 10))
    return meeting.id


def carry_outstanding(book: MinuteBook, meeting_id: int) -> int:
    outstanding = actions.list_outstanding(book, meeting_id)
    item = matters_arising_item(agenda.list_items(book, meeting_id))
    assert item is not None
    actions.carry_forward(book, meeting_id, [a.id for a in outstanding], item.id)
    return len(outstanding)


def approve(book: MinuteBook, meeting_id: int) -> None:
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting_id, Transition.APPROVE, approved_by="Chair")


def test_a_year_of_carried_actions_leaves_every_approval_intact(
        book: MinuteBook, tmp_path: Path) -> None:
    panel = committees.create_committee(book, "Police and Crime Panel")
    audit_committee = committees.create_committee(book, "Audit Committee")
    long_running = None
    carried = 0
    for committee in (panel, audit_committee):
        previous = None
        for month in range(1, MONTHS + 1):
            # The panel makes its next meeting, and carries the actions, while the last
            # minutes are still with the chair; the audit committee approves first.
            approve_first = committee is audit_committee
            if previous is not None and approve_first:
                approve(book, previous)
            meeting_id = monthly(book, committee.id, month)
            carried += carry_outstanding(book, meeting_id)
            if previous is not None and not approve_first:
                approve(book, previous)
            for n in range(3):
                action = actions.capture_action(book, meeting_id, f"Action {n} of {month}",
                                                owner_text="DCC")
                if n == 0 and month == 1 and committee is panel:
                    long_running = action.id
                elif n == 2:
                    actions.update_action(book, action.id, status=ActionStatus.DONE)
            previous = meeting_id
        approve(book, previous)
    assert carried >= 2 * 10 * 2  # each month's open actions go on, some for months

    results = approval.verify_book(book)
    assert len(results) == 2 * MONTHS
    assert [r.meeting_title for r in results if not r.matches] == []
    assert approval.check_history(book) == []

    # January's action, still open, went on through every later meeting of the panel;
    # January's minutes still say "open" and name where it went next.
    assert long_running is not None
    first = actions.get_action(book, long_running)
    assert first.status is ActionStatus.OPEN
    [january] = [a for a in actions.list_actions(book, first.meeting_id)
                 if a.id == long_running]
    assert january.carried_into == dt.date(2026, 2, 10)

    # And a change to approved text is still caught.
    behind_the_apps_back(book, "UPDATE action SET text = 'Something else' "
                               f"WHERE id = {long_running}")
    changed = [r for r in approval.verify_book(book) if not r.matches]
    assert [r.meeting_title for r in changed] == ["Panel 01/2026"]


def test_the_chairs_approval_is_accepted_after_the_next_meeting_carried_the_actions(
        book: MinuteBook, tmp_path: Path) -> None:
    panel = committees.create_committee(book, "Police and Crime Panel")
    january = monthly(book, panel.id, 1)
    actions.capture_action(book, january, "Report on the Telford plan", owner_text="ACC")
    copy_path = tmp_path / "January for review.minutebook"
    review.send_for_review(book, january, copy_path)
    february = monthly(book, panel.id, 2)
    assert carry_outstanding(book, february) == 1  # while January is with the chair

    with MinuteBook.open(copy_path, actor="John Campion") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        review.approve_review(copy, info.meeting_id)
    result = review_import.import_review(book, copy_path)
    assert result is not None
    [checked] = [r for r in approval.verify_book(book) if r.meeting_id == january]
    assert checked.matches and checked.approval is not None
    assert checked.approval.approved_by == "John Campion"
