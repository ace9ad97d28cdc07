"""Undo snapshots: a deleted item or action comes back exactly, links and all."""

from __future__ import annotations

import datetime as dt

from minute_taker.domain.enums import DecisionKind, NumberingScheme
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    decisions,
    documents,
    history,
    meetings,
    people,
)
from minute_taker.store.book import MinuteBook


def state(book: MinuteBook, meeting_id: int) -> tuple[object, ...]:
    items = agenda.list_items(book, meeting_id)
    return (
        items,
        [agenda.get_item_minutes(book, i.id) for i in items],
        [decisions.list_decisions(book, i.id) for i in items],
        [documents.list_documents(book, i.id) for i in items],
        actions.list_actions(book, meeting_id),
        attendance.list_attendance(book, meeting_id),
        attendance.list_declarations(book, meeting_id),
    )


def build(book: MinuteBook) -> tuple[int, int]:
    committee = committees.create_committee(book, "Assurance", standing_items=[],
                                            numbering_scheme=NumberingScheme.DECIMAL)
    meeting = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
    acc = people.create_person(book, "Martin Evans", abbreviation="ACC")
    first = agenda.add_item(book, meeting.id, "Outstanding matters")
    sub = agenda.add_item(book, meeting.id, "Telford", parent_id=first.id)
    agenda.add_item(book, meeting.id, "Deeper", parent_id=sub.id)
    agenda.add_item(book, meeting.id, "Risks")
    agenda.set_item_minutes(book, sub.id, "<ul><li>A plan<ul><li>short term</li></ul></li></ul>")
    decisions.record_decision(book, sub.id, DecisionKind.NOTED, "The update was noted.")
    documents.add_document(book, sub.id, "Telford analysis", "papers/telford.pdf")
    actions.capture_action(book, meeting.id, "Share the plan", owner_text="ACC", item_id=sub.id)
    attendance.record_attendance(book, meeting.id, acc.id)
    attendance.record_departure(book, meeting.id, acc.id, after_item_id=sub.id, at=None)
    attendance.add_declaration(book, meeting.id, acc.id, "Lives in Telford", item_id=sub.id)
    return meeting.id, first.id


def test_delete_then_restore_an_item_with_everything_under_it(book: MinuteBook) -> None:
    meeting_id, first_id = build(book)
    before = state(book, meeting_id)
    snapshot = history.delete_item(book, first_id)
    after_delete = state(book, meeting_id)
    assert [i.number for i in after_delete[0]] == ["1"]  # "Risks" moved up
    assert actions.list_actions(book, meeting_id)[0].item_id is None
    history.restore_item(book, snapshot)
    assert state(book, meeting_id) == before


def test_restoring_a_middle_item_puts_its_siblings_back_in_order(book: MinuteBook) -> None:
    meeting_id, first_id = build(book)
    items = agenda.list_items(book, meeting_id)
    before = state(book, meeting_id)
    middle = items[1]  # "Telford", first of two children? only child: delete it
    snapshot = history.delete_item(book, middle.id)
    history.restore_item(book, snapshot)
    assert state(book, meeting_id) == before
    assert history.item_place(book, middle.id) == (first_id, 0)


def test_delete_then_restore_an_action_keeps_owners_and_order(book: MinuteBook) -> None:
    meeting_id, _ = build(book)
    second = actions.capture_action(book, meeting_id, "Report back", owner_text="ACC")
    before = actions.list_actions(book, meeting_id)
    snapshot = history.delete_action(book, before[0].id)
    assert [a.id for a in actions.list_actions(book, meeting_id)] == [second.id]
    history.restore_action(book, snapshot)
    assert actions.list_actions(book, meeting_id) == before
