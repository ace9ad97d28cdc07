"""Two people editing the same minutes (issue 22): an edit made on a row someone else
has changed since it was read is refused, with the user's words carried back, and
never written over the other's; an edit made on the row as it is goes in. Only a change
of what a row says moves its version on: adding an item renumbers the items after it
without making an open edit of one of them a conflict, and the notes being typed never
conflict with an edit of the item's title.

On both kinds of book (the ``book`` fixture); on a team book also from two connections
at once, where the row lock and the version in the UPDATE's WHERE are what stand
between two clerks and a lost update.
"""

from __future__ import annotations

import datetime as dt
import random
import threading
from collections.abc import Callable
from dataclasses import dataclass
from types import SimpleNamespace
from typing import Any

import pytest
from behind_the_back import behind_the_apps_back

from minute_taker.domain.enums import DecisionKind, VoteChoice
from minute_taker.domain.errors import EditConflictError
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    decisions,
    meetings,
    people,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookWriteError
from minute_taker.store.models import Action, AgendaItem

OCTOBER = dt.date(2017, 10, 31)


@pytest.fixture
def minutes(book: MinuteBook) -> SimpleNamespace:
    return _minutes_on(book)


@dataclass(frozen=True)
class Row:
    """One kind of row a user edits: its version as read, an edit of it made on a
    version, and what the book holds of what that edit changes."""

    version: Callable[[MinuteBook, SimpleNamespace], int]
    edit: Callable[[MinuteBook, SimpleNamespace, Any, int], Any]
    held: Callable[[MinuteBook, SimpleNamespace], Any]


ROWS = {
    "item title": Row(
        lambda b, m: agenda.get_item(b, m.item).version,
        lambda b, m, v, n: agenda.update_item(b, m.item, expected_version=n, title=v),
        lambda b, m: agenda.get_item(b, m.item).title),
    "item notes": Row(
        lambda b, m: agenda.get_item_notes(b, m.item)[1],
        lambda b, m, v, n: agenda.set_item_minutes(b, m.item, f"<p>{v}</p>",
                                                   expected_version=n),
        lambda b, m: agenda.get_item_notes(b, m.item)[0]),
    "action": Row(
        lambda b, m: actions.get_action(b, m.action).version,
        lambda b, m, v, n: actions.update_action(b, m.action, expected_version=n, text=v),
        lambda b, m: actions.get_action(b, m.action).text),
    "meeting header": Row(
        lambda b, m: meetings.get_header(b, m.meeting).version,
        lambda b, m, v, n: meetings.update_header(b, m.meeting, expected_version=n, venue=v),
        lambda b, m: meetings.get_header(b, m.meeting).venue),
    "attendance": Row(
        lambda b, m: attendance.list_attendance(b, m.meeting)[0].version,
        lambda b, m, v, n: attendance.update_attendance(b, m.meeting, m.member,
                                                        expected_version=n, capacity=v),
        lambda b, m: attendance.list_attendance(b, m.meeting)[0].capacity),
    "declaration": Row(
        lambda b, m: attendance.list_declarations(b, m.meeting)[0].version,
        lambda b, m, v, n: attendance.update_declaration(b, m.declaration,
                                                         expected_version=n, interest=v),
        lambda b, m: attendance.list_declarations(b, m.meeting)[0].interest),
    "person": Row(
        lambda b, m: people.get_person(b, m.member).version,
        lambda b, m, v, n: people.update_person(b, m.member, expected_version=n, role=v),
        lambda b, m: people.get_person(b, m.member).role),
    "committee": Row(
        lambda b, m: committees.get_committee(b, m.committee).version,
        lambda b, m, v, n: committees.update_committee(b, m.committee, expected_version=n,
                                                       name=v),
        lambda b, m: committees.get_committee(b, m.committee).name),
    "named vote": Row(
        lambda b, m: decisions.list_decisions(b, m.item)[0].version,
        lambda b, m, v, n: decisions.record_named_vote(
            b, m.decision, [(m.member, VoteChoice(v))], expected_version=n),
        lambda b, m: decisions.list_decisions(b, m.item)[0].named_votes[0][1].value),
}


def _values(name: str) -> tuple[str, str]:
    if name == "named vote":
        return VoteChoice.FOR.value, VoteChoice.AGAINST.value
    return "Theirs, written first", "Mine, on the older version"


def _stored(name: str, value: str) -> str:
    return f"<p>{value}</p>" if name == "item notes" else value


@pytest.mark.parametrize("name", ROWS)
def test_an_edit_on_a_row_changed_since_it_was_read_is_refused_and_kept(
        book: MinuteBook, minutes: SimpleNamespace, name: str) -> None:
    row = ROWS[name]
    theirs, mine = _values(name)
    read = row.version(book, minutes)  # both read the row as it is
    row.edit(book, minutes, theirs, read)  # the other clerk's edit goes in first
    with pytest.raises(EditConflictError, match="Test Clerk changed .* after you began this "
                       "edit, so your change was not saved over theirs") as refused:
        row.edit(book, minutes, mine, read)
    assert row.held(book, minutes) == _stored(name, theirs)
    assert mine in str(refused.value.kept) or refused.value.kept == {
        "votes": [(minutes.member, VoteChoice(mine))]}
    # Made again on the row as it now is, the edit goes in.
    row.edit(book, minutes, mine, row.version(book, minutes))
    assert row.held(book, minutes) == _stored(name, mine)


def test_an_edit_without_a_version_is_not_checked(book: MinuteBook,
                                                  minutes: SimpleNamespace) -> None:
    """Imports and the command line change rows without reading them first."""
    agenda.update_item(book, minutes.item, title="Precept")
    agenda.update_item(book, minutes.item, title="Precept 2018/19")
    assert agenda.get_item(book, minutes.item).title == "Precept 2018/19"


def test_only_a_change_of_what_a_row_says_moves_its_version_on(
        book: MinuteBook, minutes: SimpleNamespace) -> None:
    before = agenda.get_item(book, minutes.item)
    # An item added before it renumbers it, and moving it about changes its place.
    first = agenda.add_item(book, before.meeting_id, "Apologies")
    agenda.move_item(book, first.id, None, 0)
    agenda.indent_item(book, minutes.item)
    agenda.outdent_item(book, minutes.item)
    moved = agenda.get_item(book, minutes.item)
    assert moved.number != before.number
    assert (moved.version, moved.notes_version) == (before.version, before.notes_version)
    # Notes typed move the notes' version only, a new title the item's only.
    agenda.set_item_minutes(book, minutes.item, "<p>The Panel considered the precept.</p>")
    agenda.update_item(book, minutes.item, title="The proposed precept")
    after = agenda.get_item(book, minutes.item)
    assert (after.version, after.notes_version) == (before.version + 1,
                                                    before.notes_version + 1)
    # The title edit was made on the item before the notes changed, and goes in.
    agenda.update_item(book, minutes.item, expected_version=after.version, title="Precept")


def test_the_same_words_written_again_are_no_conflict(book: MinuteBook,
                                                      minutes: SimpleNamespace) -> None:
    """A window that wrote its words and lost the answer (a retry) writes them again."""
    read = agenda.get_item_notes(book, minutes.item)[1]
    now = agenda.set_item_minutes(book, minutes.item, "<p>Supported.</p>",
                                  expected_version=read)
    assert agenda.set_item_minutes(book, minutes.item, "<p>Supported.</p>",
                                   expected_version=read) == now == read + 1


def test_a_change_says_who_made_it(book: MinuteBook, minutes: SimpleNamespace) -> None:
    agenda.update_item(book, minutes.item, title="Precept")
    with book.unit_of_work() as session:
        row = session.get(AgendaItem, minutes.item)
        assert row is not None and row.changed_by == "Test Clerk"
        assert row.changed_at is not None


def test_a_row_changed_between_reading_and_writing_is_not_written(
        book: MinuteBook, minutes: SimpleNamespace) -> None:
    """The UPDATE itself checks the version read: another program's change between a
    transaction's read and its write is never written over (SQLite refuses the write
    on its stale snapshot, PostgreSQL finds no row of that version)."""
    with pytest.raises((EditConflictError, BookWriteError)) as refused, \
            book.unit_of_work() as session:
        row = session.get(AgendaItem, minutes.item)
        assert row is not None
        behind_the_apps_back(book, "UPDATE agenda_item SET title = 'Theirs', "
                                   f"version = version + 1 WHERE id = {minutes.item}")
        row.title = "Mine"
    if book.server is not None:
        assert isinstance(refused.value, EditConflictError)
    assert agenda.get_item(book, minutes.item).title == "Theirs"


# --- two writers, interleaved ---------------------------------------------------------

INTERLEAVINGS = 1000


@dataclass
class Writer:
    """A window: what it last read of the item's title and notes, and of the action."""

    book: MinuteBook
    name: str
    seen: dict[str, int | None]


def _read(writer: Writer, minutes: SimpleNamespace) -> None:
    """The window reads the item and the action (one transaction, as a pane's refresh)."""
    with writer.book.unit_of_work() as session:
        item, action = session.get(AgendaItem, minutes.item), session.get(Action, minutes.action)
        assert item is not None and action is not None
        writer.seen = {"item title": item.version, "item notes": item.notes_version,
                       "action": action.version}


def _version_after(result: Any, field: str) -> int:
    return result if field == "item notes" else result.version


def test_two_writers_interleaved_never_lose_an_update(
        book: MinuteBook, minutes: SimpleNamespace, request: pytest.FixtureRequest) -> None:
    """A thousand random interleavings of two windows reading and writing the same
    item's title and notes and the same action. A model of the book says, before each
    write, whether it was made on the row as it is: those go in, the rest are refused
    with the words kept, and afterwards the book holds exactly the model's words (no
    write made on an older read got in, none made on the latest was refused). On a team
    book each window has its own connection."""
    second = (MinuteBook.open(request.getfixturevalue("team_location"), actor="Other Clerk")
              if book.server else book)
    try:
        writers = [Writer(book, "A", {}), Writer(second, "B", {})]
        chance = random.Random(22)
        truth = {field: (ROWS[field].held(book, minutes), ROWS[field].version(book, minutes))
                 for field in ("item title", "item notes", "action")}
        refused = written = 0
        for round_ in range(INTERLEAVINGS):
            for writer in writers:  # both have the item open
                _read(writer, minutes)
            for step in range(chance.randint(2, 6)):
                writer = chance.choice(writers)
                field = chance.choice(["read", "item title", "item notes", "action"] * 2
                                      + ["item title", "item notes", "action"])
                if field == "read":
                    _read(writer, minutes)
                    continue
                value = f"{writer.name} {round_}.{step}"
                made_on = writer.seen[field]
                if made_on == truth[field][1]:
                    result = ROWS[field].edit(writer.book, minutes, value, made_on)
                    truth[field] = (_stored(field, value), _version_after(result, field))
                    writer.seen[field] = truth[field][1]
                    written += 1
                else:
                    with pytest.raises(EditConflictError) as conflict:
                        ROWS[field].edit(writer.book, minutes, value, made_on)
                    assert value in str(conflict.value.kept), (round_, step)
                    refused += 1
            if round_ % 50 == 49:  # each write's outcome was checked; the book, now and then
                for field, (value, version) in truth.items():
                    assert ROWS[field].held(book, minutes) == value, (round_, field)
                    assert ROWS[field].version(book, minutes) == version, (round_, field)
        assert written > 1000 and refused > 500  # both ways were tried, many times
    finally:
        if second is not book:
            second.close()


@pytest.mark.postgresql
@pytest.mark.parametrize("field", ["item title", "item notes", "action"])
def test_two_connections_writing_at_once_on_one_version_one_wins(
        team_location: str, field: str) -> None:
    """Two windows on connections of their own write the same row at the same moment,
    each on the version both read: exactly one goes in and the other is refused, round
    after round (the row is locked from its read to the commit, so the second sees the
    first's version)."""
    books = [MinuteBook.open(team_location, actor=f"Clerk {n}") for n in range(2)]
    try:
        minutes = _minutes_on(books[0])
        row = ROWS[field]
        for round_ in range(15):
            read = row.version(books[0], minutes)
            start = threading.Barrier(2)
            outcome: dict[int, str] = {}

            def write(n: int, read: int = read, start: threading.Barrier = start,
                      outcome: dict[int, str] = outcome, round_: int = round_) -> None:
                start.wait()
                try:
                    row.edit(books[n], minutes, f"Clerk {n}, round {round_}", read)
                    outcome[n] = "written"
                except EditConflictError:
                    outcome[n] = "refused"

            threads = [threading.Thread(target=write, args=(n,)) for n in range(2)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert sorted(outcome.values()) == ["refused", "written"], round_
            winner = next(n for n, said in outcome.items() if said == "written")
            assert row.held(books[1], minutes) == _stored(field,
                                                          f"Clerk {winner}, round {round_}")
            assert row.version(books[1], minutes) == read + 1
    finally:
        for opened in books:
            opened.close()


def _minutes_on(book: MinuteBook) -> SimpleNamespace:
    """A meeting with an item, a decision, an action, an attendee and a declaration."""
    committee = committees.create_committee(book, "Police and Crime Panel")
    meeting = meetings.create_meeting(book, committee.id, "Panel October 2017", OCTOBER)
    item = agenda.add_item(book, meeting.id, "Proposed precept 2018/19")
    member = people.create_person(book, "Cllr Amos")
    attendance.record_attendance(book, meeting.id, member.id)
    declaration = attendance.add_declaration(book, meeting.id, member.id,
                                             "Member of the fire authority", item_id=item.id)
    decision = decisions.record_decision(book, item.id, DecisionKind.RESOLVED,
                                         "that the proposed precept be supported")
    action = actions.capture_action(book, meeting.id, "Circulate the precept report",
                                    owner_text="Cllr Amos")
    return SimpleNamespace(committee=committee.id, meeting=meeting.id, item=item.id,
                           member=member.id, declaration=declaration.id,
                           decision=decision.id, action=action.id)
