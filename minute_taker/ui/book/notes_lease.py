"""This window's hold on the open meeting's notes, on a team book (issue 22).

On a team book several clerks may have the same meeting open; one at a time takes its
notes live (services/leases.py). The window asks for them when it opens a meeting it may
edit, renews its hold every ``HEARTBEAT_SECONDS``, and lets them go when it opens
another meeting, another book, or closes. While another window holds them, this one
shows the notes read-only and says whose they are; *Try again* asks once more, and
gets them once the other has let them go or has not answered for ``LEASE_SECONDS``. A
window whose hold was taken over (it slept past the lease) learns it at its next renewal
and stops writing the notes; what it had not saved stays in its editor.

A book in a file needs none of this: its lock file lets one window write it.
"""

from __future__ import annotations

import logging
import platform
import uuid

from PySide6.QtCore import QObject, QTimer, Signal

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.services import leases
from minute_taker.services.leases import LeaseHolder
from minute_taker.store.book import MinuteBook

log = logging.getLogger(__name__)


class NotesLeaseKeeper(QObject):
    changed = Signal()  # who holds the notes elsewhere changed (``elsewhere``)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.token = str(uuid.uuid4())  # this window's own: the same clerk twice is two
        self.computer = platform.node() or None
        self._book: MinuteBook | None = None
        self._meeting_id: int | None = None  # the meeting whose notes are wanted here
        self.held = False  # this window holds them
        # Another window's hold, while it keeps this one from writing the notes.
        self.elsewhere: LeaseHolder | None = None
        self.let_go = False  # that window has let them go since: Try again takes them
        self._heartbeat = QTimer(self, interval=leases.HEARTBEAT_SECONDS * 1000)
        self._heartbeat.timeout.connect(self.renew)

    def want(self, book: MinuteBook, meeting_id: int | None) -> None:
        """The notes of ``meeting_id`` in ``book`` (None: none), for this window: what it
        held before is let go first. Only a team book's, and only one it may write."""
        if (book, meeting_id) == (self._book, self._meeting_id):
            return
        self.release()
        wanted = book.server is not None and not book.read_only and meeting_id is not None
        self._book, self._meeting_id = (book, meeting_id) if wanted else (None, None)
        if wanted:
            self.take()
        elif self.elsewhere is not None:
            self.elsewhere = None
            self.changed.emit()

    def take(self) -> bool:
        """Ask for the notes (again): True if this window holds them now."""
        if self._book is None or self._meeting_id is None:
            return False
        try:
            state = leases.take_notes(self._book, self._meeting_id, self.token,
                                      self._book.actor, self.computer)
        except MinuteTakerError as exc:  # the server away: saving will say so too
            log.warning("could not ask for the notes of meeting %s: %s", self._meeting_id, exc)
            return self.held
        if state.taken_from is not None:
            log.info("took over the notes of meeting %s from %s", self._meeting_id,
                     state.taken_from.describe())
        self._settle(state.taken, None if state.taken else state.holder)
        return state.taken

    def recheck(self) -> None:
        """Another window changed the meeting: if it let the notes go, say so (they are
        taken only when the clerk asks: a chair reading along must not take them)."""
        if self.elsewhere is None or self.let_go or self._book is None \
                or self._meeting_id is None:
            return
        try:
            holder = leases.current_holder(self._book, self._meeting_id)
        except MinuteTakerError as exc:
            log.warning("could not see who holds the notes of meeting %s: %s",
                        self._meeting_id, exc)
            return
        if holder is None:
            self.let_go = True
            self.changed.emit()

    def renew(self) -> None:
        """The heartbeat: still held, or taken over by another window meanwhile."""
        if not self.held or self._book is None or self._meeting_id is None:
            return
        try:
            if leases.renew(self._book, self._meeting_id, self.token):
                return
            holder = leases.current_holder(self._book, self._meeting_id)
        except MinuteTakerError as exc:
            log.warning("could not renew the notes of meeting %s: %s", self._meeting_id, exc)
            return
        log.warning("the notes of meeting %s were taken over by %s", self._meeting_id,
                    holder.describe() if holder else "nobody")
        self._settle(False, holder)

    def release(self) -> None:
        """Let the notes go (another meeting, another book, the window closing)."""
        if self.held and self._book is not None and self._meeting_id is not None:
            try:
                leases.release(self._book, self._meeting_id, self.token)
            except MinuteTakerError as exc:  # they lapse by themselves in LEASE_SECONDS
                log.warning("could not let go of the notes of meeting %s: %s",
                            self._meeting_id, exc)
        self._heartbeat.stop()
        self.held = False
        self._book = self._meeting_id = None

    def _settle(self, held: bool, elsewhere: LeaseHolder | None) -> None:
        self.held = held
        self.let_go = False
        if held:
            self._heartbeat.start()
        else:
            self._heartbeat.stop()
        if elsewhere != self.elsewhere:
            self.elsewhere = elsewhere
            self.changed.emit()
