"""Hearing the other windows' changes to a team book (issue 22), on a thread of its own.

The listener (store/changes.py ``listen``) waits on a connection of its own and hands
each change to the GUI thread through a relay the application keeps (ui/workers.py); a
connection that fails is made again after ``RECONNECT_S``. A book in a file has nobody
else writing it, and nothing is started for it.
"""

from __future__ import annotations

import logging
import threading

from PySide6.QtCore import QObject, Signal

from minute_taker.store.book import MinuteBook
from minute_taker.store.changes import Change, listen
from minute_taker.ui.workers import emit_result, lasting_relay

log = logging.getLogger(__name__)

RECONNECT_S = 5.0


class _ChangeRelay(QObject):
    heard = Signal(object)  # a Change, emitted on the listener's thread


class BookChanges(QObject):
    """``changed`` (on the GUI thread) for each change another book object made."""

    changed = Signal(object)  # Change

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._stop: threading.Event | None = None
        self._relay: _ChangeRelay | None = None
        self._writer: str | None = None

    def follow(self, book: MinuteBook) -> None:
        """Hear ``book``'s changes from now on (none for a book in a file)."""
        self.stop()
        location = book.change_feed()
        if location is None:
            return
        if self._relay is None:
            self._relay = lasting_relay(_ChangeRelay())
            self._relay.heard.connect(self._heard)
        stop = self._stop = threading.Event()
        self._writer = book.writer
        relay = self._relay
        threading.Thread(target=_keep_listening, args=(location, relay, stop),
                         name="book-changes", daemon=True).start()

    def stop(self) -> None:
        if self._stop is not None:
            self._stop.set()
            self._stop = None
        self._writer = None

    def _heard(self, change: Change) -> None:
        if self._writer is not None and change.writer != self._writer:
            self.changed.emit(change)


def _keep_listening(location: str, relay: _ChangeRelay, stop: threading.Event) -> None:
    while not stop.is_set():
        try:
            listen(location, lambda change: emit_result(relay.heard, change), stop)
        except Exception as exc:  # noqa: BLE001 - the server away: try again, say so in the log
            log.warning("not hearing the team book's changes (again in %g s): %s",
                        RECONNECT_S, exc)
            stop.wait(RECONNECT_S)
