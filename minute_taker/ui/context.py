"""The open book and the meeting in front of the user, shared by every pane.

Panes call services through ``run`` so that a refused edit (an approved
meeting, an empty title, a full disk) reaches the user as a message instead of
an exception, and listen to the signals to refresh what they show.
"""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from minute_taker.domain.errors import EditConflictError, MinuteTakerError
from minute_taker.domain.records import ItemNode, MeetingHeader
from minute_taker.services import actions, agenda, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.changes import Change
from minute_taker.ui.book.autosave import AutosaveScheduler
from minute_taker.ui.book.book_changes import BookChanges
from minute_taker.ui.book.notes_lease import NotesLeaseKeeper

log = logging.getLogger(__name__)


def utc_now() -> dt.datetime:
    """Naive UTC, as instants are stored (see docs/storage.md)."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None, microsecond=0)
T = TypeVar("T")

# How soon another window's change is shown: within the 2 seconds promised, and late
# enough to take several in one reading (docs/storage.md).
CATCH_UP_MS = 300


class MeetingContext(QObject):
    meeting_changed = Signal(object)  # MeetingHeader | None
    header_changed = Signal(object)  # MeetingHeader
    items_changed = Signal(object)  # list[ItemNode]
    actions_changed = Signal(object)  # list[ActionRow]
    meetings_changed = Signal()
    people_changed = Signal()
    attendance_changed = Signal()  # who is recorded at the open meeting, or how
    current_item_changed = Signal(object)  # int | None
    decisions_changed = Signal(int)  # the item whose decisions changed
    show_item_request = Signal(int)  # an undo step happened in this item: go to it
    live_changed = Signal(bool)
    clock_tick = Signal()  # every 30 s while live: elapsed times and overruns move on
    error = Signal(str)
    notice = Signal(str)  # something done that the user should hear of (status bar)
    # An edit refused because someone else changed the row after this window read it
    # (issue 22): the message, with the user's words; the panes have read the book again.
    conflict = Signal(str)
    # Another window wrote these items' notes (a team book): the item ids.
    notes_changed_elsewhere = Signal(object)

    def __init__(self, book: MinuteBook, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book = book
        self.autosave = AutosaveScheduler(self)
        self.autosave.conflict.connect(self.report_conflict)
        # On a team book, one window at a time takes a meeting's notes (issue 22), and
        # every window hears the others' changes, to show them.
        self.notes_lease = NotesLeaseKeeper(self)
        self.book_changes = BookChanges(self)
        self.book_changes.changed.connect(self._others_changed)
        self._heard: list[Change] = []
        self._catch_up = QTimer(self, singleShot=True, interval=CATCH_UP_MS)
        self._catch_up.timeout.connect(self._show_others_changes)
        self.undo_stack = QUndoStack(self)
        self.header: MeetingHeader | None = None
        self._current_item_id: int | None = None
        self._item_ids: list[int] = []  # the open meeting's items, in reading order
        # While the meeting is live, moving to an item records when it was taken up.
        self.live = False
        self._clock = QTimer(self, interval=30_000)
        self._clock.timeout.connect(self.clock_tick)

    @property
    def meeting_id(self) -> int | None:
        return self.header.id if self.header else None

    @property
    def current_item_id(self) -> int | None:
        """The one current item: the tree's current row, the heading above the notes, the
        text the notes edit and every key that acts on "the item" follow it. It changes
        only through ``set_current_item`` (and ``publish_items``, which keeps it on the
        agenda), which tells them all."""
        return self._current_item_id

    @property
    def editable(self) -> bool:
        """The open meeting may be changed: not approved, and the book not read-only here."""
        return self.header is not None and self.header.editable and not self.book.read_only

    @property
    def notes_writable(self) -> bool:
        """The notes may be written here: the meeting editable, and (on a team book) no
        other window taking its notes."""
        return self.editable and self.notes_lease.elsewhere is None

    def run(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Call a service; a refusal becomes an ``error`` signal and returns None."""
        return self._call(fn, args, kwargs, changes=False)[1]

    def apply(self, fn: Callable[..., T], *args: object, **kwargs: object) -> T | None:
        """Call a mutating service, written at once; the status bar says it is saved."""
        return self._call(fn, args, kwargs, changes=True)[1]

    def attempt(self, fn: Callable[..., object], *args: object, **kwargs: object) -> bool:
        """``apply`` for services that return nothing: True if the change was made."""
        return self._call(fn, args, kwargs, changes=True)[0]

    def _call(self, fn: Callable[..., T], args: tuple[object, ...],
              kwargs: dict[str, object], *, changes: bool) -> tuple[bool, T | None]:
        try:
            result = fn(self.book, *args, **kwargs)
        except EditConflictError as exc:
            self.report_conflict(str(exc))
            return False, None
        except MinuteTakerError as exc:
            log.info("refused: %s", exc)
            self.error.emit(str(exc))
            return False, None
        if changes:
            self.autosave.note_saved()
        return True, result

    def report_conflict(self, message: str) -> None:
        """Say that an edit was not saved over someone else's change, and read the open
        meeting again so that every pane shows their change, and edits go on from it."""
        log.info("edit conflict: %s", message)
        self.conflict.emit(message)
        self._read_meeting_again()

    def _read_meeting_again(self) -> None:
        self.refresh_header()
        self.refresh_items()
        self.refresh_actions()
        self.attendance_changed.emit()
        self.people_changed.emit()

    def leave_book(self) -> None:
        """The book is about to be closed (the window closing, another book opened): let
        the meeting's notes go, hear no more of the others' changes and show none still
        waiting (a reading after the close would open a connection nobody closes)."""
        self.notes_lease.release()
        self.book_changes.stop()
        self._catch_up.stop()
        self._heard.clear()

    def _others_changed(self, change: Change) -> None:
        """Another window changed the team book: what touches the open meeting is shown
        within ``CATCH_UP_MS``, several changes at once (a clerk typing sends one a
        second)."""
        if self.meeting_id is None or not change.touches(self.meeting_id, self._item_ids):
            return
        self._heard.append(change)
        if not self._catch_up.isActive():
            self._catch_up.start()

    def _show_others_changes(self) -> None:
        heard, self._heard = self._heard, []
        if not heard:
            return
        if not all(change.only_notes() for change in heard):
            # What is typed here is written first, on what it was typed on (a conflict
            # says so); then every pane shows the meeting as the book now has it.
            self.autosave.flush()
            self._read_meeting_again()
            for item_id in set().union(*(change.items for change in heard)) \
                    & set(self._item_ids):
                self.decisions_changed.emit(item_id)
        notes = set().union(*(change.notes for change in heard))
        if notes:
            self.notes_changed_elsewhere.emit(notes)
        self.notes_lease.recheck()  # the window taking the notes may have let them go

    def open_meeting(self, meeting_id: int | None) -> None:
        self.autosave.flush()
        self.undo_stack.clear()
        if self.live:
            self.set_live(False)
        self.set_current_item(None)
        before = self.header
        self.header = self.run(meetings.get_header, meeting_id) if meeting_id else None
        self._relist_if_changed(before, self.header)
        self.notes_lease.want(self.book, self.header.id if self.editable and self.header
                              else None)
        self.meeting_changed.emit(self.header)
        self.refresh_items()
        self.refresh_actions()

    def refresh_header(self) -> None:
        if self.meeting_id is not None:
            header = self.run(meetings.get_header, self.meeting_id)
            if header is not None:
                self.set_header(header)

    def set_header(self, header: MeetingHeader) -> None:
        before, self.header = self.header, header
        self._relist_if_changed(before, header)
        self.header_changed.emit(header)

    def _relist_if_changed(self, before: MeetingHeader | None,
                           after: MeetingHeader | None) -> None:
        """The meeting list names each meeting by its date, title and status: when the
        current meeting's change (sent for review, approved on import, retitled), the
        list says so at once, not at the next start."""
        if before is not None and after is not None and before.id == after.id and (
                (before.date, before.title, before.status)
                != (after.date, after.title, after.status)):
            self.meetings_changed.emit()

    def refresh_items(self) -> None:
        items = self.run(agenda.list_items, self.meeting_id) if self.meeting_id else []
        self.publish_items(items or [])

    def publish_items(self, items: list[ItemNode]) -> None:
        """Send out the meeting's items, and keep the current item one of them.

        Every list of items goes out through here, so that when the current item has
        gone (deleted, its adding undone) or none was chosen yet, another becomes current
        at once: nothing is ever left pointing at an item that is not there."""
        before, self._item_ids = self._item_ids, [node.id for node in items]
        self.items_changed.emit(items)
        self.set_current_item(self._still_current(before))

    def _still_current(self, before: list[int]) -> int | None:
        """The current item if it is still there; else the nearest item before it (where
        the clerk was before adding the item now undone), else the first."""
        ids, current = self._item_ids, self._current_item_id
        if not ids or current in ids:
            return current if ids else None
        if current in before:
            for earlier in reversed(before[:before.index(current)]):
                if earlier in ids:
                    return earlier
        return ids[0]

    def refresh_actions(self) -> None:
        rows = self.run(actions.list_actions, self.meeting_id) if self.meeting_id else []
        self.actions_changed.emit(rows or [])

    def agenda_restructured(self, select_id: int | None) -> None:
        """After an agenda change (or its undo): refresh, and go to ``select_id``."""
        self.refresh_items()
        self.refresh_actions()
        if select_id is not None:
            self.show_item_request.emit(select_id)

    def set_current_item(self, item_id: int | None) -> None:
        """Make ``item_id`` the item being minuted: the only way the current item changes.

        It is changed before the edits still pending are written, because writing them
        can send out the items again (an item's agenda text), and whatever redraws then
        must already see the new current item, not the one being left."""
        if item_id == self._current_item_id:
            return
        self._current_item_id = item_id
        self.autosave.flush()
        if item_id != self._current_item_id:
            return  # the writes moved the current item on again, and said so
        self.current_item_changed.emit(item_id)
        if self.live and item_id is not None:
            self._take_up(item_id)

    # -- time-keeping ----------------------------------------------------------
    def set_live(self, live: bool) -> None:
        """Start (or close) the meeting: record its start or close time and time items."""
        meeting_id = self.meeting_id
        if meeting_id is None or live == self.live or (live and not self.editable):
            return
        local_now = dt.datetime.now().replace(microsecond=0)
        if live:
            header = self.apply(meetings.record_start, meeting_id, local_now)
        else:
            header = self.apply(meetings.record_close, meeting_id, local_now, utc_now())
        if header is None:
            return
        self.live = live
        if live:
            self._clock.start()
        else:
            self._clock.stop()
        self.set_header(header)
        self.live_changed.emit(live)
        if live and self.current_item_id is not None:
            self._take_up(self.current_item_id)
        else:
            self.refresh_items()

    def _take_up(self, item_id: int) -> None:
        items = self.apply(agenda.take_up_item, self.meeting_id, item_id, utc_now())
        if items is not None:
            self.publish_items(items)
