"""Telling the other windows on a team book what changed (issue 22): PostgreSQL's
LISTEN/NOTIFY.

A transaction that changes minutes sends one notification on ``CHANNEL`` as it commits
(``pg_notify`` inside the transaction: PostgreSQL delivers it at the commit, and never
for a transaction rolled back): which meetings and which items it touched, which items'
notes it wrote, and which book object wrote it, so a window can leave its own changes
alone. Every window on the book listens on a connection of its own (``listen``) and
reads again only what it shows of those meetings.

What is collected is what the session flushed through the ORM (``Session`` events):
every service writes that way. The notes lease's heartbeats are left out (a window says
every ten seconds that it still holds the notes; nothing to show changed). A book in a
file has one window writing it, and sends nothing.
"""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import event, inspect, text
from sqlalchemy.orm import Session

from minute_taker.store.models import AgendaItem, Meeting, NotesLease

log = logging.getLogger(__name__)

CHANNEL = "minute_taker_changes"
SEEN = "minute_taker.changes"  # the key of a session's info that collects them
# A notification carries at most 8,000 bytes: past this many ids, "everything changed".
MAX_IDS = 300
LISTEN_POLL_S = 0.5  # how often the listener looks whether it is asked to stop


@dataclass(frozen=True)
class Change:
    """What one committed transaction changed, as the other windows are told it."""

    writer: str
    meetings: frozenset[int] = frozenset()
    items: frozenset[int] = frozenset()  # rows of theirs (decisions, papers, the item)
    notes: frozenset[int] = frozenset()  # items whose notes were written
    everything: bool = False  # too many to name: read the open meeting again

    def payload(self) -> str:
        if len(self.meetings) + len(self.items) + len(self.notes) > MAX_IDS:
            return json.dumps({"w": self.writer, "all": True})
        return json.dumps({"w": self.writer, "m": sorted(self.meetings),
                           "i": sorted(self.items), "n": sorted(self.notes)})

    @classmethod
    def parse(cls, payload: str) -> Change | None:
        try:
            said = json.loads(payload)
            return cls(str(said["w"]), frozenset(said.get("m", ())),
                       frozenset(said.get("i", ())), frozenset(said.get("n", ())),
                       bool(said.get("all")))
        except (ValueError, KeyError, TypeError):
            log.warning("a change notification not understood: %.200r", payload)
            return None

    def touches(self, meeting_id: int, item_ids: Iterable[int]) -> bool:
        """Whether it changed anything of the meeting (or of one of its items)."""
        return self.everything or meeting_id in self.meetings or not (
            self.items.isdisjoint(item_ids) and self.notes.isdisjoint(item_ids))

    def only_notes(self) -> bool:
        """Only items' notes were written (a clerk typing): nothing else to read again."""
        return not (self.everything or self.items) and bool(self.notes)


# An item's columns written with its notes at every autosave: a clerk typing changes
# nothing else of the item, and the windows reading along need only the notes again.
_WITH_THE_NOTES = frozenset({"minutes_html", "notes_version", "changed_by", "changed_at",
                             "updated_at"})


@dataclass
class _Seen:
    meetings: set[int] = field(default_factory=set)
    items: set[int] = field(default_factory=set)
    notes: set[int] = field(default_factory=set)


def _collect(session: Session, _flush_context: Any) -> None:
    """After each flush (the session still says what it flushed): what it touched."""
    seen = session.info.setdefault(SEEN, _Seen())
    for row in (*session.new, *session.dirty, *session.deleted):
        if isinstance(row, NotesLease):
            continue
        if isinstance(row, Meeting):
            seen.meetings.add(row.id)
            continue
        if isinstance(row, AgendaItem):
            seen.meetings.add(row.meeting_id)
            state = inspect(row)
            if state.attrs.minutes_html.history.has_changes():
                seen.notes.add(row.id)
            if row in session.new or row in session.deleted or any(
                    state.attrs[a.key].history.has_changes()
                    for a in state.mapper.column_attrs if a.key not in _WITH_THE_NOTES):
                seen.items.add(row.id)
            continue
        meeting_id = getattr(row, "meeting_id", None)
        if isinstance(meeting_id, int):
            seen.meetings.add(meeting_id)
        item_id = getattr(row, "item_id", None)
        if isinstance(item_id, int):
            seen.items.add(item_id)


def tell_meeting(session: Session, meeting_id: int) -> None:
    """Tell the other windows, with this transaction, that ``meeting_id`` changed in a
    way no row of the ORM's shows (a window let its notes go: a Core DELETE)."""
    session.info.setdefault(SEEN, _Seen()).meetings.add(meeting_id)


def _send(writer: str, session: Session) -> None:
    """Before the commit: the notification, in the transaction, delivered with it."""
    session.flush()  # what the commit would flush, collected first
    seen = session.info.pop(SEEN, None)
    if seen is None or not (seen.meetings or seen.items or seen.notes):
        return
    change = Change(writer, frozenset(seen.meetings), frozenset(seen.items),
                    frozenset(seen.notes))
    session.execute(text("SELECT pg_notify(:channel, :payload)"),
                    {"channel": CHANNEL, "payload": change.payload()})


def _forget(session: Session) -> None:
    session.info.pop(SEEN, None)


def watch(session_factory: Any, writer: str) -> None:
    """Send a notification for every transaction of ``session_factory``'s sessions that
    changes minutes (a team book's sessions only: ``pg_notify`` is PostgreSQL's)."""
    event.listen(session_factory, "after_flush", _collect)
    event.listen(session_factory, "before_commit", lambda session: _send(writer, session))
    event.listen(session_factory, "after_rollback", _forget)


def listen(location: str, on_change: Callable[[Change], None], stop: threading.Event,
           listening: threading.Event | None = None) -> None:
    """Hear the book's changes until ``stop`` is set: ``location`` is the team book's
    libpq URL (with its password), on a connection of this listener's own. Returns when
    stopped; raises if the connection fails (the caller connects again later)."""
    import psycopg  # the team-book extra; only a team book's window gets here

    with psycopg.connect(location, autocommit=True, connect_timeout=10) as connection:
        connection.execute(f"LISTEN {CHANNEL}")
        if listening is not None:
            listening.set()
        while not stop.is_set():
            for note in connection.notifies(timeout=LISTEN_POLL_S):
                change = Change.parse(note.payload)
                if change is not None:
                    on_change(change)
