"""A team book tells the other windows what changed (issue 22, store/changes.py): one
notification a committed transaction, naming its meetings, items and notes and the book
object that wrote it; none for a transaction rolled back, nor for the notes lease's
heartbeat; one for notes let go."""

from __future__ import annotations

import datetime as dt
import queue
import threading
from collections.abc import Iterator

import pytest

from minute_taker.domain.enums import DecisionKind
from minute_taker.domain.errors import ValidationError
from minute_taker.services import agenda, committees, decisions, leases, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.changes import Change, listen

pytestmark = pytest.mark.postgresql
WAIT_S = 5


@pytest.fixture
def heard(team_book: MinuteBook) -> Iterator[queue.Queue[Change]]:
    """The changes a listener of its own hears, as another window would."""
    location = team_book.change_feed()
    assert location is not None
    got: queue.Queue[Change] = queue.Queue()
    stop, listening = threading.Event(), threading.Event()
    thread = threading.Thread(target=listen, args=(location, got.put, stop, listening))
    thread.start()
    assert listening.wait(WAIT_S)
    yield got
    stop.set()
    thread.join(WAIT_S)


def next_change(got: queue.Queue[Change]) -> Change:
    return got.get(timeout=WAIT_S)


def test_each_committed_change_is_told_with_what_it_touched(
        team_book: MinuteBook, heard: queue.Queue[Change]) -> None:
    committee = committees.create_committee(team_book, "Police and Crime Panel",
                                            standing_items=[])
    meeting = meetings.create_meeting(team_book, committee.id, "October",
                                      dt.date(2017, 10, 31)).id
    made = next_change(heard)
    while meeting not in made.meetings:  # the committee's own rows came first
        made = next_change(heard)
    assert made.writer == team_book.writer
    item = agenda.add_item(team_book, meeting, "Performance report").id
    added = next_change(heard)
    assert meeting in added.meetings and item in added.items and not added.only_notes()

    agenda.set_item_minutes(team_book, item, "<p>The PCC introduced the report.</p>")
    typed = next_change(heard)
    assert typed.only_notes() and typed.notes == {item} and typed.touches(meeting, [item])
    assert not typed.touches(meeting + 1, [item + 1])

    decisions.record_decision(team_book, item, DecisionKind.NOTED, "the report")
    decided = next_change(heard)
    assert item in decided.items and not decided.only_notes()

    # The lease's heartbeat says nothing; a refused change is not told.
    leases.take_notes(team_book, meeting, "window-1", "Jackie Irvin")
    assert leases.renew(team_book, meeting, "window-1")
    with pytest.raises(ValidationError):
        agenda.update_item(team_book, item, title="   ")
    agenda.update_item(team_book, item, title="Performance")
    renamed = next_change(heard)
    assert renamed.items == {item} and not renamed.notes
    # Letting the notes go is told (the windows waiting for them say so).
    leases.release(team_book, meeting, "window-1")
    assert next_change(heard).meetings == {meeting}
    leases.release(team_book, meeting, "window-1")  # not held: nothing to tell
    assert heard.empty()


def test_a_notification_too_long_to_name_everything_says_so() -> None:
    many = Change("w", frozenset(range(400)))
    said = Change.parse(many.payload())
    assert said is not None and said.everything and said.touches(7, [])
    assert Change.parse("not json") is None
