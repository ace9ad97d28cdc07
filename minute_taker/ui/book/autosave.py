"""Autosave: there is no Save button, so every edit is written soon and for certain.

Panes ``schedule`` a write under a key; it runs ``QUIET_MS`` after the last
change to that key, and never later than ``MAX_DELAY_MS`` after the first
unsaved change, so steady typing is still written every second. That deadline is
when a write starts; a write of a large item takes a while, so the deadline is brought
forward by what the last few writes took, and the words are in the book within the
second all the same (see minute_taker/domain/limits.py for how large is too large).
``flush`` writes everything at once (item switch, meeting switch, close). A write that
fails (disk full, file locked) stays pending and is retried; nothing typed is dropped.
"""

from __future__ import annotations

import datetime as dt
import logging
import time
from collections import deque
from collections.abc import Callable, Hashable

from PySide6.QtCore import QObject, QTimer, Signal

from minute_taker.domain.errors import MinuteTakerError

log = logging.getLogger(__name__)

QUIET_MS = 400
MAX_DELAY_MS = 900
MIN_DELAY_MS = 300  # however slow writes are, typing gets this long between them
RETRY_MS = 2000
WRITE_TIMES_KEPT = 4


class AutosaveScheduler(QObject):
    saved = Signal(object)  # datetime of the last successful write
    failed = Signal(str)  # a message for the user; the edit is still pending
    pending_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, Callable[[], None]] = {}
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._deadline = QTimer(self, singleShot=True, interval=MAX_DELAY_MS)
        self._quiet.timeout.connect(self.flush)
        self._deadline.timeout.connect(self.flush)
        self.last_saved: dt.datetime | None = None
        self.last_error: str | None = None
        self._write_ms: deque[float] = deque(maxlen=WRITE_TIMES_KEPT)

    @property
    def deadline_ms(self) -> int:
        """How long after the first unsaved change a write starts, so that it ends
        within ``MAX_DELAY_MS`` even if it takes as long as the slowest recent one."""
        slowest = max(self._write_ms, default=0.0)
        return max(MIN_DELAY_MS, round(MAX_DELAY_MS - slowest))

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def schedule(self, key: Hashable, write: Callable[[], None]) -> None:
        """Write later; a newer write for the same key replaces the older one."""
        was_empty = not self._pending
        self._pending[key] = write
        self._quiet.start()
        if not self._deadline.isActive():
            self._deadline.start(self.deadline_ms)
        if was_empty:
            self.pending_changed.emit(True)

    def flush(self) -> bool:
        """Write everything pending now; True if nothing is left unwritten."""
        self._quiet.stop()
        self._deadline.stop()
        if not self._pending:
            return True
        started = time.perf_counter()
        for key, write in list(self._pending.items()):
            try:
                write()
            except MinuteTakerError as exc:
                log.warning("autosave of %r failed: %s", key, exc)
                self.last_error = str(exc)
                self.failed.emit(str(exc))
                self._deadline.start(RETRY_MS)
                return False
            # Only drop the write if no newer one replaced it while it ran.
            if self._pending.get(key) is write:
                del self._pending[key]
        self._write_ms.append((time.perf_counter() - started) * 1000)
        self.last_error = None
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
        self.pending_changed.emit(False)
        return True

    def cancel(self, key: Hashable) -> None:
        """Withdraw a pending write (its value turned out not to be valid)."""
        self._pending.pop(key, None)
        if not self._pending:
            self._quiet.stop()
            self._deadline.stop()
            self.pending_changed.emit(False)

    def note_saved(self) -> None:
        """An edit was written at once (a structural change, an action): say so."""
        if not self._pending:
            self.last_saved = dt.datetime.now()
            self.saved.emit(self.last_saved)

    def discard(self) -> None:
        """Forget pending writes (only for a book that is being closed after a failure)."""
        self._pending.clear()
        self._quiet.stop()
        self._deadline.stop()
