"""One clerk at a time takes a meeting's notes live (issue 22, services/leases.py): the
lease is taken, renewed, refused to another while fresh, taken over once it lapses (the
one it was taken from learns it at its next renewal), released, and gone with its
meeting; on a team book, windows racing for it from two connections get it once."""

from __future__ import annotations

import datetime as dt
import threading
from collections.abc import Callable

import pytest

from minute_taker.domain.records import MeetingHeader
from minute_taker.domain.workflow import RULES, Transition
from minute_taker.services import leases, meetings
from minute_taker.store.book import MinuteBook

MakeMeeting = Callable[..., MeetingHeader]


class Clock:
    """The database's clock, moved on by the test (leases._now)."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch) -> None:
        self.offset = dt.timedelta()
        real = leases._now
        monkeypatch.setattr(leases, "_now", lambda session: real(session) + self.offset)

    def wait(self, seconds: float) -> None:
        self.offset += dt.timedelta(seconds=seconds)


def test_a_lease_is_taken_renewed_refused_taken_over_and_released(
        book: MinuteBook, make_meeting: MakeMeeting, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    meeting = make_meeting().id
    first = leases.take_notes(book, meeting, "window-1", "Jackie Irvin", "OPCC-LT-17")
    assert first.taken and first.taken_from is None
    assert first.holder.describe() == "Jackie Irvin on OPCC-LT-17"

    clock.wait(leases.LEASE_SECONDS - 1)
    other = leases.take_notes(book, meeting, "window-2", "Louise Wall")
    assert not other.taken and other.holder.token == "window-1"
    assert not other.holder.expired
    assert leases.renew(book, meeting, "window-1")  # the holder's heartbeat

    clock.wait(leases.LEASE_SECONDS - 1)  # fresh again, from the heartbeat
    assert not leases.take_notes(book, meeting, "window-2", "Louise Wall").taken
    clock.wait(2)
    holder = leases.current_holder(book, meeting)
    assert holder is not None and holder.expired and holder.holder == "Jackie Irvin"
    over = leases.take_notes(book, meeting, "window-2", "Louise Wall")
    assert over.taken and over.holder.holder == "Louise Wall"
    assert over.taken_from is not None and over.taken_from.token == "window-1"
    # The first window learns it at its next heartbeat, and cannot give it up for her.
    assert not leases.renew(book, meeting, "window-1")
    leases.release(book, meeting, "window-1")
    assert leases.current_holder(book, meeting).token == "window-2"  # type: ignore[union-attr]

    leases.release(book, meeting, "window-2")
    assert leases.current_holder(book, meeting) is None
    assert leases.take_notes(book, meeting, "window-1", "Jackie Irvin").taken


def test_the_same_window_asking_again_renews_its_lease(
        book: MinuteBook, make_meeting: MakeMeeting, monkeypatch: pytest.MonkeyPatch) -> None:
    clock = Clock(monkeypatch)
    meeting = make_meeting().id
    taken = leases.take_notes(book, meeting, "window-1", "Jackie Irvin")
    clock.wait(leases.LEASE_SECONDS + 5)  # lapsed, but nobody took it
    again = leases.take_notes(book, meeting, "window-1", "Jackie Irvin")
    assert again.taken and again.taken_from is None
    assert again.holder.taken_at == taken.holder.taken_at
    assert again.holder.heartbeat_at > taken.holder.heartbeat_at


def test_a_meeting_deleted_takes_its_lease_with_it(book: MinuteBook,
                                                   make_meeting: MakeMeeting) -> None:
    meeting = make_meeting().id
    leases.take_notes(book, meeting, "window-1", "Jackie Irvin")
    meetings.delete_meeting(book, meeting)
    assert leases.current_holder(book, meeting) is None


@pytest.mark.postgresql
def test_windows_racing_for_the_notes_of_a_team_book_get_them_once(
        team_location: str) -> None:
    """Eight windows on four connections of their own ask for the same meeting's notes
    at once, over and over: each round exactly one gets them."""
    from minute_taker.services import committees

    books = [MinuteBook.open(team_location, actor=f"Clerk {n}") for n in range(4)]
    try:
        committee = committees.create_committee(books[0], "Police and Crime Panel")
        for round_ in range(10):
            meeting = meetings.create_meeting(books[0], committee.id, f"Panel {round_}",
                                              dt.date(2026, 1, 1) + dt.timedelta(round_)).id
            start = threading.Barrier(8)
            got: list[bool] = []

            def ask(n: int, meeting: int = meeting, start: threading.Barrier = start,
                    got: list[bool] = got) -> None:
                start.wait()
                got.append(leases.take_notes(books[n % 4], meeting, f"window-{n}",
                                             f"Clerk {n}").taken)

            threads = [threading.Thread(target=ask, args=(n,)) for n in range(8)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(30)
            assert sorted(got) == [False] * 7 + [True], round_
    finally:
        for book in books:
            book.close()


def another_window(book: MinuteBook, actor: str) -> MinuteBook:
    """The same book opened by another window: a connection (and book object) of its own."""
    return MinuteBook.open(book.path if book.server is None else book.change_feed() or "",
                           actor=actor)


@pytest.mark.parametrize("transition", [Transition.SEND_FOR_REVIEW, Transition.APPROVE])
def test_the_minutes_are_not_sent_or_approved_while_someone_else_takes_the_notes(
        book: MinuteBook, make_meeting: MakeMeeting, monkeypatch: pytest.MonkeyPatch,
        transition: Transition) -> None:
    """Approving (or sending for review) locks what the one typing the notes would save
    next: refused while they hold the notes, never to the window holding them itself."""
    clock = Clock(monkeypatch)
    meeting = make_meeting(title="October").id
    if transition is Transition.APPROVE:
        meetings.change_status(book, meeting, Transition.SEND_FOR_REVIEW)
    before = meetings.get_header(book, meeting).status
    with another_window(book, "Louise Wall") as louise:
        assert leases.take_notes(louise, meeting, "window-L", "Louise Wall", "LT-17").taken
        with pytest.raises(leases.NotesTakenError) as refused:
            meetings.change_status(book, meeting, transition)
        label = RULES[transition].label
        assert str(refused.value).startswith(
            f"{label} was not done: Louise Wall on LT-17 is taking the notes of “October”, "
            "and what they type next would be refused. ")
        assert refused.value.holder.token == "window-L"
        assert meetings.get_header(book, meeting).status is before  # nothing changed

        # Her own window may: it is the one typing.
        assert meetings.change_status(louise, meeting, transition).status is \
            RULES[transition].target
        meetings.change_status(louise, meeting, Transition.RETURN_TO_DRAFT
                               if transition is Transition.SEND_FOR_REVIEW
                               else Transition.REOPEN, "Again")
        if transition is Transition.APPROVE:
            meetings.change_status(louise, meeting, Transition.SEND_FOR_REVIEW)

        # Her window stops answering: 30 seconds on, the notes are no one's to wait for.
        clock.wait(leases.LEASE_SECONDS - 1)
        with pytest.raises(leases.NotesTakenError):
            meetings.change_status(book, meeting, transition)
        clock.wait(2)
        meetings.change_status(book, meeting, transition)
        meetings.change_status(book, meeting, Transition.RETURN_TO_DRAFT
                               if transition is Transition.SEND_FOR_REVIEW
                               else Transition.REOPEN, "Again")
        if transition is Transition.APPROVE:
            meetings.change_status(book, meeting, Transition.SEND_FOR_REVIEW)

        # Renewed, hers again; let go, anyone's.
        assert leases.take_notes(louise, meeting, "window-L", "Louise Wall").taken
        with pytest.raises(leases.NotesTakenError):
            meetings.change_status(book, meeting, transition)
        leases.release(louise, meeting, "window-L")
        assert not louise.notes_leases
        assert meetings.change_status(book, meeting, transition).status is \
            RULES[transition].target
