"""Decisions under an item: RESOLVED, agreed or noted, with mover, seconder and votes."""

from __future__ import annotations

from collections.abc import Callable
from types import SimpleNamespace

import pytest

from minute_taker.domain.enums import DecisionKind
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import ItemNode, MeetingHeader
from minute_taker.services import agenda, decisions
from minute_taker.store.book import MinuteBook

MakeMeeting = Callable[..., MeetingHeader]
RESOLVED_TEXT = ("that the Panel notes the Commissioner's update on the West Mercia Police and "
                 "Crime Plan Activity and Performance.")


@pytest.fixture
def item(book: MinuteBook, make_meeting: MakeMeeting) -> ItemNode:
    meeting = make_meeting()
    return agenda.add_item(book, meeting.id, "West Mercia Police and Crime Plan Activity")


def test_decisions_are_kept_in_the_order_taken(book: MinuteBook, cast: SimpleNamespace,
                                               item: ItemNode) -> None:
    resolved = decisions.record_decision(
        book, item.id, DecisionKind.RESOLVED, f"  {RESOLVED_TEXT}  ", mover_id=cast.pcc.id,
        seconder_id=cast.dpcc.id, votes_for=9, votes_against=1, votes_abstained=0,
        uid="33333333-3333-4333-8333-333333333333")
    noted = decisions.record_decision(book, item.id, "noted", "The Report was noted.")
    assert (resolved.kind, resolved.text, resolved.mover_id, resolved.seconder_id) == (
        DecisionKind.RESOLVED, RESOLVED_TEXT, cast.pcc.id, cast.dpcc.id)
    assert (resolved.votes_for, resolved.votes_against, resolved.votes_abstained) == (9, 1, 0)
    assert resolved.uid == "33333333-3333-4333-8333-333333333333"
    assert (noted.kind, noted.mover_id, noted.votes_for) == (DecisionKind.NOTED, None, None)
    assert decisions.list_decisions(book, item.id) == [resolved, noted]


def test_decisions_belong_to_their_item(book: MinuteBook, item: ItemNode) -> None:
    other = agenda.add_item(book, item.meeting_id, "Any other business")
    agreed = decisions.record_decision(book, other.id, DecisionKind.AGREED,
                                       "The PCC will share his proposals with the CC.")
    assert decisions.list_decisions(book, item.id) == []
    assert decisions.list_decisions(book, other.id) == [agreed]
    assert agreed.item_id == other.id


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"text": "   "}, ValidationError, "decision text"),
    ({"votes_for": -1}, ValidationError, "negative"),
    ({"votes_against": -2}, ValidationError, "negative"),
    ({"votes_abstained": -3}, ValidationError, "negative"),
    ({"kind": "deferred"}, ValueError, "deferred"),
    ({"mover_id": 999}, NotFoundError, "person"),
    ({"seconder_id": 999}, NotFoundError, "person"),
])
def test_refused_decisions_save_nothing(book: MinuteBook, item: ItemNode,
                                        kwargs: dict[str, object], error: type[Exception],
                                        message: str) -> None:
    arguments: dict[str, object] = {"kind": DecisionKind.RESOLVED, "text": RESOLVED_TEXT,
                                    **kwargs}
    with pytest.raises(error, match=message):
        decisions.record_decision(book, item.id, **arguments)  # type: ignore[arg-type]
    assert decisions.list_decisions(book, item.id) == []


def test_decision_on_an_unknown_item(book: MinuteBook) -> None:
    with pytest.raises(NotFoundError, match="agenda item"):
        decisions.record_decision(book, 999, DecisionKind.NOTED, "Noted.")


def test_delete_decision(book: MinuteBook, item: ItemNode) -> None:
    first = decisions.record_decision(book, item.id, DecisionKind.NOTED, "Noted.")
    second = decisions.record_decision(book, item.id, DecisionKind.AGREED, "Agreed.")
    decisions.delete_decision(book, first.id)
    assert decisions.list_decisions(book, item.id) == [second]
    with pytest.raises(NotFoundError, match="decision"):
        decisions.delete_decision(book, first.id)
