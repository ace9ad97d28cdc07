"""An action keeps its identity and age across carries, and its progress is kept beside
the minutes (issue 15, point 3).

The Outstanding tab, CSV and ICS named the latest carry, not the meeting and item that
raised the action, so a chair could not see that an action had been open for months;
and an open action of approved minutes could be closed only by carrying it into a draft.
"""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select

from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.rules import matters_arising_item
from minute_taker.domain.workflow import Transition
from minute_taker.services import actions, agenda, approval, committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Action


def carry_all(book: MinuteBook, meeting_id: int) -> None:
    outstanding = actions.list_outstanding(book, meeting_id)
    item = matters_arising_item(agenda.list_items(book, meeting_id))
    assert item is not None
    actions.carry_forward(book, meeting_id, [a.id for a in outstanding], item.id)


def approve(book: MinuteBook, meeting_id: int) -> None:
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting_id, Transition.APPROVE, approved_by="Chair")


@pytest.fixture
def six_months(book: MinuteBook) -> dict[str, int]:
    """The Telford plan, raised in January, carried every month to June; the meetings
    before July approved; July about to take it up."""
    panel = committees.create_committee(book, "Police and Crime Panel")
    ids: dict[str, int] = {}
    for month in range(1, 8):
        meeting = meetings.create_meeting(book, panel.id, f"Panel {month}",
                                          dt.date(2026, month, 10))
        ids[f"m{month}"] = meeting.id
        if month == 1:
            item = agenda.add_item(book, meeting.id, "Telford")
            telford = actions.capture_action(book, meeting.id, "Share the Telford plan",
                                             owner_text="ACC", item_id=item.id)
            ids["raised"] = telford.id
        else:
            if month < 7:  # July's list is what the chair goes through next
                carry_all(book, meeting.id)
            approve(book, ids[f"m{month - 1}"])
    return ids


def test_an_action_carried_for_six_months_knows_where_it_was_raised(
        book: MinuteBook, six_months: dict[str, int]) -> None:
    [telford] = actions.list_outstanding(book, six_months["m7"])
    raised = actions.get_action(book, six_months["raised"])
    assert telford.id != raised.id  # June's copy, carried into July's list
    assert telford.series_uid == raised.uid  # one action, one identity
    assert telford.raised_on == dt.date(2026, 1, 10)
    assert telford.origin == f"10 Jan 2026, item {raised.item_number}; open 6 months"
    [listed] = [c.action for c in actions.list_committee_actions(
        book, meetings.get_header(book, six_months["m7"]).committee_id)]
    assert (listed.series_uid, listed.raised_on) == (raised.uid, dt.date(2026, 1, 10))


def test_an_open_action_of_approved_minutes_is_marked_done_from_the_register(
        book: MinuteBook, six_months: dict[str, int]) -> None:
    [telford] = actions.list_outstanding(book, six_months["m7"])
    updated = actions.record_progress(book, telford.id, note="Draft shared with the PCC.")
    assert (updated.status, updated.update) == (ActionStatus.OPEN, "Draft shared with the PCC.")
    assert [a.update for a in actions.list_outstanding(book, six_months["m7"])] == [
        "Draft shared with the PCC."]

    done = actions.record_progress(book, telford.id, status=ActionStatus.DONE,
                                   note="Plan shared on 2 July.")
    assert (done.status, done.update) == (ActionStatus.DONE, "Plan shared on 2 July.")
    assert actions.list_outstanding(book, six_months["m7"]) == []
    committee_id = meetings.get_header(book, six_months["m7"]).committee_id
    assert actions.list_committee_actions(book, committee_id) == []
    everything = actions.list_committee_actions(book, committee_id, outstanding_only=False)
    assert {c.action.status for c in everything if c.action.id == telford.id} == {
        ActionStatus.DONE}
    # The minutes that raised and carried it say what they said: every approval holds.
    assert actions.get_action(book, telford.id).status is ActionStatus.OPEN
    assert all(r.matches for r in approval.verify_book(book))
    assert approval.check_history(book) == []

    reopened = actions.record_progress(book, telford.id, status=ActionStatus.OPEN,
                                       note="The plan needs a second version.")
    assert reopened.status is ActionStatus.OPEN
    assert [a.id for a in actions.list_outstanding(book, six_months["m7"])] == [telford.id]


def test_progress_says_something_and_is_not_a_carry(
        book: MinuteBook, six_months: dict[str, int]) -> None:
    [telford] = actions.list_outstanding(book, six_months["m7"])
    with pytest.raises(ValidationError, match="Say what became of the action"):
        actions.record_progress(book, telford.id, note="   ")
    with pytest.raises(ValidationError, match="carried forward by bringing it"):
        actions.record_progress(book, telford.id, status=ActionStatus.CARRIED_FORWARD)


def test_the_history_runs_from_where_it_was_raised_through_every_carry_and_update(
        book: MinuteBook, six_months: dict[str, int]) -> None:
    [march] = [a for a in actions.list_actions(book, six_months["m3"])]
    actions.record_progress(book, march.id, note="Draft with the PCC.")
    [telford] = actions.list_outstanding(book, six_months["m7"])
    actions.record_progress(book, telford.id, status=ActionStatus.DONE, note="Shared.")

    for copy in (six_months["raised"], march.id, telford.id):  # whichever copy is asked
        events = actions.action_history(book, copy)
        assert [(e.on, e.kind) for e in events[:6]] == [
            (dt.date(2026, 1, 10), "raised"),
            *((dt.date(2026, month, 10), "carried forward") for month in range(2, 7))]
        assert events[0].where.startswith("Panel 1, item ")
        assert [e.note for e in events if e.note] == ["Draft with the PCC.", "Shared."]
        assert [(e.kind, e.status, e.by, e.action_id) for e in events[6:]] == [
            ("progress", None, "Test Clerk", march.id),
            ("progress", ActionStatus.DONE, "Test Clerk", telford.id)]


def test_a_history_that_loops_back_ends(book: MinuteBook, six_months: dict[str, int]) -> None:
    """A link damaged into a loop (hand-edited file) ends the history, not the app."""
    with book.unit_of_work() as session:
        first = session.get(Action, six_months["raised"])
        last = session.scalar(select(Action).where(Action.carried_from_id.is_not(None))
                              .order_by(Action.id.desc()).limit(1))
        assert first is not None and last is not None
        first.carried_from_id = last.id
    events = actions.action_history(book, six_months["raised"])
    assert len(events) == 6
