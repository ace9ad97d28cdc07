"""Actions: owners linked from what was typed, item numbers, status changes in the audit log."""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Callable
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import MeetingHeader
from minute_taker.services import actions, agenda, attendance, audit_log, committees, people
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import ActionOwner

MakeMeeting = Callable[..., MeetingHeader]
REMODELLING = ("The outcome of the remodelling of the complaints function to be reported back "
               "via AGG in two months.")


@pytest.fixture
def meeting(make_meeting: MakeMeeting) -> MeetingHeader:
    return make_meeting()


@pytest.fixture
def items(book: MinuteBook, meeting: MeetingHeader) -> SimpleNamespace:
    top = agenda.add_item(book, meeting.id, "Outstanding matters")
    return SimpleNamespace(
        top=top,
        psd=agenda.add_item(book, meeting.id, "Professional Standards", parent_id=top.id),
        telford=agenda.add_item(book, meeting.id, "Telford", parent_id=top.id),
    )


def names(book: MinuteBook, owner_ids: tuple[int, ...]) -> list[str]:
    return [people.get_person(book, pid).name for pid in owner_ids]


def test_capture_an_action_with_its_item_number(book: MinuteBook, cast: SimpleNamespace,
                                                meeting: MeetingHeader,
                                                items: SimpleNamespace) -> None:
    action = actions.capture_action(book, meeting.id, f"  {REMODELLING} ", owner_text=" DCC ",
                                    item_id=items.psd.id, due_text="December 2017",
                                    uid="44444444-4444-4444-8444-444444444444")
    assert (action.text, action.owner_text, action.owner_ids) == (REMODELLING, "DCC",
                                                                  (cast.dcc.id,))
    assert (action.item_id, action.item_number) == (items.psd.id, "1.1")
    assert (action.status, action.due_label, action.update) == (
        ActionStatus.OPEN, "December 2017", None)
    assert action.uid == "44444444-4444-4444-8444-444444444444"
    assert actions.get_action(book, action.id) == action
    assert actions.list_actions(book, meeting.id) == [action]


@pytest.mark.parametrize(("typed", "expected"), [
    ("DCC", ["Amanda Blakeman"]),
    ("DCC, ACC", ["Amanda Blakeman", "Martin Evans"]),
    ("DCC ACC", ["Amanda Blakeman", "Martin Evans"]),
    ("ACC and DCC", ["Martin Evans", "Amanda Blakeman"]),
    ("Jackie Irvin", ["Jackie Irvin"]),
    ("JI", ["Jackie Irvin"]),
    ("ALL", []),
    ("", []),
    ("Head of PSD, DCC", ["Amanda Blakeman"]),
])
def test_owners_are_linked_from_the_text(book: MinuteBook, cast: SimpleNamespace,
                                         meeting: MeetingHeader, typed: str,
                                         expected: list[str]) -> None:
    action = actions.capture_action(book, meeting.id, "Date of next meeting to be circulated.",
                                    owner_text=typed)
    assert names(book, action.owner_ids) == expected
    assert action.owner_text == typed


def test_people_at_the_meeting_are_preferred_for_shared_initials(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader) -> None:
    # Jackie Irvin (JI) is in the book first; James Ives (JI) is at the meeting.
    james = people.create_person(book, "James Ives")
    assert james.initials == cast.clerk.initials == "JI"
    before = actions.capture_action(book, meeting.id, "Circulate notes.", owner_text="JI")
    assert names(book, before.owner_ids) == ["Jackie Irvin"]
    attendance.record_attendance(book, meeting.id, james.id)
    after = actions.capture_action(book, meeting.id, "Circulate notes.", owner_text="JI")
    assert names(book, after.owner_ids) == ["James Ives"]


def test_committee_members_are_preferred_over_the_rest_of_the_book(
        book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader) -> None:
    james = people.create_person(book, "James Ives")
    committees.add_member(book, meeting.committee_id, james.id)
    action = actions.capture_action(book, meeting.id, "Circulate notes.", owner_text="JI")
    assert names(book, action.owner_ids) == ["James Ives"]


def test_explicit_owner_ids_win_over_the_text(book: MinuteBook, cast: SimpleNamespace,
                                              meeting: MeetingHeader) -> None:
    action = actions.capture_action(book, meeting.id, "Share the HTA proposals.",
                                    owner_text="PCC", owner_ids=[cast.cex.id, cast.pcc.id])
    assert action.owner_ids == (cast.cex.id, cast.pcc.id)
    assert action.owner_text == "PCC"


def test_unknown_explicit_owner_is_refused(book: MinuteBook, meeting: MeetingHeader) -> None:
    with pytest.raises(NotFoundError, match="person"):
        actions.capture_action(book, meeting.id, "Anything.", owner_ids=[999])
    assert actions.list_actions(book, meeting.id) == []


def test_changing_the_owner_text_relinks_owners(book: MinuteBook, cast: SimpleNamespace,
                                                meeting: MeetingHeader) -> None:
    action = actions.capture_action(book, meeting.id, REMODELLING, owner_text="DCC")
    both = actions.update_action(book, action.id, owner_text="DCC, ACC")
    assert both.owner_ids == (cast.dcc.id, cast.acc.id)
    swapped = actions.update_action(book, action.id, owner_text="ACC and DCC")
    assert swapped.owner_ids == (cast.acc.id, cast.dcc.id)
    nobody = actions.update_action(book, action.id, owner_text="  ")
    assert (nobody.owner_text, nobody.owner_ids) == ("", ())
    with book.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(ActionOwner)) == 0


def test_update_fields(book: MinuteBook, cast: SimpleNamespace, meeting: MeetingHeader,
                       items: SimpleNamespace) -> None:
    action = actions.capture_action(book, meeting.id, "Bring back the Telford plan.",
                                    owner_text="ACC", item_id=items.psd.id)
    updated = actions.update_action(book, action.id, text=" Bring back the Telford action plan ",
                                    item_id=items.telford.id, due_date=dt.date(2017, 11, 29),
                                    due_text=" ", update="  Scoping under way.  ")
    assert (updated.text, updated.item_id, updated.item_number) == (
        "Bring back the Telford action plan", items.telford.id, "1.2")
    assert (updated.due_date, updated.due_text, updated.due_label) == (
        dt.date(2017, 11, 29), None, "29 Nov 2017")
    assert updated.update == "Scoping under way."
    assert updated.owner_ids == (cast.acc.id,)
    detached = actions.update_action(book, action.id, item_id=None)
    assert (detached.item_id, detached.item_number) == (None, None)
    assert actions.get_action(book, action.id) == detached


@pytest.mark.parametrize(("changes", "error"), [
    ({"text": " "}, ValidationError),
    ({"status": "finished"}, ValueError),
    ({"item_id": 999}, NotFoundError),
    ({"owner_ids": []}, TypeError),
    ({"meeting_id": 1}, TypeError),
])
def test_refused_updates_change_nothing(book: MinuteBook, meeting: MeetingHeader,
                                        changes: dict[str, object],
                                        error: type[Exception]) -> None:
    action = actions.capture_action(book, meeting.id, REMODELLING, owner_text="DCC")
    with pytest.raises(error):
        actions.update_action(book, action.id, update="changed", **changes)
    assert actions.get_action(book, action.id) == action


def test_an_action_cannot_point_at_another_meetings_item(
        book: MinuteBook, meeting: MeetingHeader, make_meeting: MakeMeeting) -> None:
    elsewhere = agenda.add_item(book, make_meeting(title="November").id, "Elsewhere")
    with pytest.raises(ValidationError, match="another meeting"):
        actions.capture_action(book, meeting.id, "Anything.", item_id=elsewhere.id)
    action = actions.capture_action(book, meeting.id, "Anything.")
    with pytest.raises(ValidationError, match="another meeting"):
        actions.update_action(book, action.id, item_id=elsewhere.id)
    assert actions.get_action(book, action.id).item_id is None


def test_status_changes_are_audited(book: MinuteBook, meeting: MeetingHeader) -> None:
    action = actions.capture_action(book, meeting.id, REMODELLING, owner_text="DCC")
    carried = actions.update_action(book, action.id, status=ActionStatus.CARRIED_FORWARD)
    assert carried.status is ActionStatus.CARRIED_FORWARD
    actions.update_action(book, action.id, status="carried_forward")  # no change, no entry
    actions.update_action(book, action.id, status=ActionStatus.DONE, update="Reported to AGG.")
    entries = [e for e in audit_log.list_audit(book, meeting.id) if e.entity == "action"]
    assert [(e.action, e.entity_uid, e.actor) for e in entries] == [
        ("status", action.uid, "Test Clerk"), ("status", action.uid, "Test Clerk")]
    assert [json.loads(e.detail or "") for e in entries] == [
        {"from": "open", "to": "carried_forward"}, {"from": "carried_forward", "to": "done"}]
    assert actions.get_action(book, action.id).status is ActionStatus.DONE


def test_item_numbers_follow_renumbering(book: MinuteBook, meeting: MeetingHeader,
                                         items: SimpleNamespace) -> None:
    action = actions.capture_action(book, meeting.id, "Telford plan.", item_id=items.telford.id)
    assert action.item_number == "1.2"
    agenda.shift_item(book, items.telford.id, -1)
    assert actions.get_action(book, action.id).item_number == "1.1"
    agenda.outdent_item(book, items.telford.id)
    assert [a.item_number for a in actions.list_actions(book, meeting.id)] == ["2"]


def test_list_actions_in_capture_order(book: MinuteBook, meeting: MeetingHeader,
                                       items: SimpleNamespace) -> None:
    texts = ["Report via AGG.", "Bring back the Telford plan.", "Circulate the notes."]
    item_ids = [items.psd.id, items.telford.id, None]
    for text, item_id in zip(texts, item_ids, strict=True):
        actions.capture_action(book, meeting.id, text, item_id=item_id)
    listed = actions.list_actions(book, meeting.id)
    assert [(a.text, a.item_number) for a in listed] == [
        ("Report via AGG.", "1.1"), ("Bring back the Telford plan.", "1.2"),
        ("Circulate the notes.", None)]


def test_delete_action_removes_its_owner_links(book: MinuteBook, cast: SimpleNamespace,
                                               meeting: MeetingHeader) -> None:
    keep = actions.capture_action(book, meeting.id, "Keep.", owner_text="ACC")
    doomed = actions.capture_action(book, meeting.id, "Drop.", owner_text="DCC, ACC")
    actions.delete_action(book, doomed.id)
    assert actions.list_actions(book, meeting.id) == [keep]
    with book.unit_of_work() as session:
        assert session.scalars(select(ActionOwner.person_id)).all() == [cast.acc.id]
    with pytest.raises(NotFoundError, match="action"):
        actions.get_action(book, doomed.id)


@pytest.mark.parametrize("call", [
    lambda book: actions.capture_action(book, 999, "Anything."),
    lambda book: actions.list_actions(book, 999),
])
def test_unknown_meeting(book: MinuteBook, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="meeting"):
        call(book)


@pytest.mark.parametrize("call", [
    lambda book: actions.get_action(book, 999),
    lambda book: actions.update_action(book, 999, text="x"),
    lambda book: actions.delete_action(book, 999),
])
def test_unknown_action(book: MinuteBook, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="No action with id 999"):
        call(book)


def test_status_labels_and_outstanding() -> None:
    assert [(s.label, s.is_outstanding) for s in ActionStatus] == [
        ("Open", True), ("Done", False), ("Carried forward", True), ("Dropped", False)]
