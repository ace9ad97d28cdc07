"""One clerk at a time takes a meeting's notes live (issue 22).

On a team book several people can have the same meeting open. The one taking its notes
holds a lease (``store.models.NotesLease``) and renews it every ``HEARTBEAT_SECONDS``;
everyone else is told who holds it and reads. A lease not renewed for
``LEASE_SECONDS`` (a laptop asleep, a window that crashed, a network gone) may be taken
over by the next window that asks, and the one it was taken from learns it at its next
renewal, keeping whatever it has not saved.

Time is the database's clock, never a computer's own: two clerks' laptops may disagree
by minutes, and a lease judged by each one's clock could be held by both or by neither.
On PostgreSQL that is ``now()``; a book in a file is used on one computer (its lock file
sees to that), whose clock is the only one there is.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from minute_taker.domain.errors import ValidationError
from minute_taker.store import changes, server
from minute_taker.store.book import NOTES_LEASES, MinuteBook
from minute_taker.store.models import NotesLease

LEASE_SECONDS = 30
HEARTBEAT_SECONDS = 10


@dataclass(frozen=True, slots=True)
class LeaseHolder:
    """Who holds (or last held) a meeting's notes, and since when (naive UTC)."""

    token: str
    holder: str
    computer: str | None
    taken_at: dt.datetime
    heartbeat_at: dt.datetime
    expired: bool

    def describe(self) -> str:
        where = f" on {self.computer}" if self.computer else ""
        return f"{self.holder}{where}"


class NotesTakenError(ValidationError):
    """A change refused while someone else takes the meeting's notes (``holder``)."""

    def __init__(self, message: str, holder: LeaseHolder) -> None:
        super().__init__(message)
        self.holder = holder


@dataclass(frozen=True, slots=True)
class LeaseState:
    """What asking for the notes gave: ``taken`` (this window holds them now), who holds
    them (this window, or the one still holding them), and, when this window took them
    over from a lease left to expire, whose it was."""

    taken: bool
    holder: LeaseHolder
    taken_from: LeaseHolder | None = None


def take_notes(book: MinuteBook, meeting_id: int, token: str, holder: str,
               computer: str | None = None) -> LeaseState:
    """Take, renew or take over the lease on ``meeting_id``'s notes for the window
    ``token``; refused (``taken`` False) while someone else's is fresh."""
    for attempt in range(2):
        try:
            with book.unit_of_work() as session:
                state = _take(session, meeting_id, token, holder, computer)
            _hold(book, token, state.taken)
            return state
        except IntegrityError:
            # Two windows made the meeting's first lease at once: one row won. Read it.
            if attempt:
                raise
    raise AssertionError("unreachable")


def _take(session: Session, meeting_id: int, token: str, holder: str,
          computer: str | None) -> LeaseState:
    now = _now(session)
    # FOR UPDATE: on PostgreSQL a second taker waits here for the first's commit, then
    # sees its lease; SQLite's one writer at a time gives the same.
    row = session.scalars(select(NotesLease).where(NotesLease.meeting_id == meeting_id)
                          .with_for_update()).one_or_none()
    if row is None:
        row = NotesLease(meeting_id=meeting_id, token=token, holder=holder,
                         computer=computer, taken_at=now, heartbeat_at=now)
        session.add(row)
        session.flush()
        return LeaseState(True, _holder(row, now))
    if row.token == token:
        row.heartbeat_at = now
        return LeaseState(True, _holder(row, now))
    before = _holder(row, now)
    if not before.expired:
        return LeaseState(False, before)
    row.token, row.holder, row.computer = token, holder, computer
    row.taken_at = row.heartbeat_at = now
    return LeaseState(True, _holder(row, now), taken_from=before)


def renew(book: MinuteBook, meeting_id: int, token: str) -> bool:
    """The holder's heartbeat: False when the lease is no longer this window's (it
    expired and someone took it over, or it was released)."""
    with book.unit_of_work() as session:
        done = session.execute(update(NotesLease)
                               .where(NotesLease.meeting_id == meeting_id,
                                      NotesLease.token == token)
                               .values(heartbeat_at=_now(session)))
    held = bool(getattr(done, "rowcount", 0))
    _hold(book, token, held)
    return held


def release(book: MinuteBook, meeting_id: int, token: str) -> None:
    """Give the notes up (the meeting closed, the window shut): the next to ask takes
    them at once. Nothing happens if this window no longer holds them."""
    with book.unit_of_work() as session:
        gone = session.execute(delete(NotesLease).where(NotesLease.meeting_id == meeting_id,
                                                        NotesLease.token == token))
        if getattr(gone, "rowcount", 0):
            # The windows waiting for them hear it (on a team book), and say so.
            changes.tell_meeting(session, meeting_id)
    _hold(book, token, False)


def _hold(book: MinuteBook, token: str, held: bool) -> None:
    """Keep the book object's own list of the leases it holds (``refuse_while_taken``)."""
    if held:
        book.notes_leases.add(token)
    else:
        book.notes_leases.discard(token)


def refuse_while_taken(session: Session, meeting_id: int, title: str, doing: str) -> None:
    """Refuse ``doing`` (a change of the minutes' status that would refuse the notes
    typed next: approving them, sending them for review) while someone else holds the
    meeting's notes, renewed within ``LEASE_SECONDS``: their next words would be
    refused, and what the chair sees would lack them. The session's own book's leases
    (``NOTES_LEASES``: the window doing it, taking the notes itself) never refuse it."""
    row = session.scalars(select(NotesLease).where(NotesLease.meeting_id == meeting_id)
                          .with_for_update()).one_or_none()
    if row is None or row.token in session.info.get(NOTES_LEASES, ()):
        return
    holder = _holder(row, _now(session))
    if holder.expired:
        return
    raise NotesTakenError(
        f"{doing} was not done: {holder.describe()} is taking the notes of “{title}”, "
        f"and what they type next would be refused. {doing} once they have let the "
        "notes go: when they open another meeting or close the window, or "
        f"{LEASE_SECONDS} seconds after their window stops answering.", holder)



def current_holder(book: MinuteBook, meeting_id: int) -> LeaseHolder | None:
    """Who holds the meeting's notes (``expired`` says if they have lapsed), or None."""
    with book.unit_of_work() as session:
        row = session.get(NotesLease, meeting_id)
        return None if row is None else _holder(row, _now(session))


def _holder(row: NotesLease, now: dt.datetime) -> LeaseHolder:
    lapsed = now - row.heartbeat_at >= dt.timedelta(seconds=LEASE_SECONDS)
    return LeaseHolder(row.token, row.holder, row.computer, row.taken_at, row.heartbeat_at,
                       lapsed)


def _now(session: Session) -> dt.datetime:
    """The database's time, naive UTC (module docstring)."""
    return server.database_time(session.connection())
