"""Autosave: there is no Save button, so every edit is written soon and for certain.

Panes ``schedule`` a write under a key; it runs ``QUIET_MS`` after the last
change to that key, and never later than ``MAX_DELAY_MS`` after the first
unsaved change, so steady typing is still written every second. That deadline is
when a write starts; a write of a large item takes a while, so the deadline is brought
forward by what the last few writes took, and the words are in the book within the
second all the same (see minute_taker/domain/limits.py for how large is too large).
``flush`` writes everything at once (item switch, meeting switch, close). A write that
fails (disk full, file locked) stays pending and is retried; nothing typed is dropped.

A write scheduled with ``schedule_off_thread`` (the notes, which can be a whole
100,000-word item) takes what it writes from the widgets on the GUI thread and hands
the writing to a worker thread when it falls due, so typing goes on while SQLite writes
and syncs: that write took 15 to 30 ms of the GUI thread at every autosave of a large
item, a key every second that a typist felt. Until the worker has written it, the edit
stays pending; ``flush`` waits for it, then writes the rest here, so whatever follows
a flush (a switch, a close, a backup) still sees every word in the book.
"""

from __future__ import annotations

import concurrent.futures
import datetime as dt
import logging
import time
from collections import deque
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from minute_taker.domain.errors import EditConflictError, MinuteTakerError
from minute_taker.ui.workers import OwnThread

log = logging.getLogger(__name__)

QUIET_MS = 400
MAX_DELAY_MS = 900
MIN_DELAY_MS = 300  # however slow writes are, typing gets this long between them
RETRY_MS = 2000
WRITE_TIMES_KEPT = 4

Job = Callable[[], Any]  # runs on the worker thread: no Qt object may be touched in it


@dataclass(eq=False)
class _Write:
    """One pending write. ``take`` (GUI thread) reads what to write and returns the job
    that writes it; ``after`` (GUI thread) gets the job's result once it is written."""

    take: Callable[[], Job]
    after: Callable[[Any], None]
    off_thread: bool

    def here(self) -> None:
        self.after(self.take()())


@dataclass(eq=False)
class _Flight:
    """Writes handed to the worker, in the order they are written."""

    writes: list[tuple[Hashable, _Write]]
    started: float
    future: concurrent.futures.Future[tuple[list[Any], BaseException | None]]


class AutosaveScheduler(QObject):
    saved = Signal(object)  # datetime of the last successful write
    failed = Signal(str)  # a message for the user; the edit is still pending
    # A write refused because someone else changed the row since it was read (issue 22):
    # trying again cannot succeed, so it is dropped and the user told (the message holds
    # their words); the other writes go on.
    conflict = Signal(str)
    pending_changed = Signal(bool)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending: dict[Hashable, _Write] = {}
        self._quiet = QTimer(self, singleShot=True, interval=QUIET_MS)
        self._deadline = QTimer(self, singleShot=True, interval=MAX_DELAY_MS)
        self._quiet.timeout.connect(self.write_due)
        self._deadline.timeout.connect(self.write_due)
        self.last_saved: dt.datetime | None = None
        self.last_error: str | None = None
        self._write_ms: deque[float] = deque(maxlen=WRITE_TIMES_KEPT)
        self._flight: _Flight | None = None
        self._due_in_flight = False  # a write fell due while the worker was writing
        self._worker = OwnThread("autosave", self._landed)

    @property
    def deadline_ms(self) -> int:
        """How long after the first unsaved change a write starts, so that it ends
        within ``MAX_DELAY_MS`` even if it takes as long as the slowest recent one."""
        slowest = max(self._write_ms, default=0.0)
        return max(MIN_DELAY_MS, round(MAX_DELAY_MS - slowest))

    @property
    def has_pending(self) -> bool:
        return bool(self._pending)

    def is_pending(self, key: Hashable) -> bool:
        """A write under ``key`` is owed (waiting, or being written by the worker)."""
        return key in self._pending

    def schedule(self, key: Hashable, write: Callable[[], None]) -> None:
        """Write later, here; a newer write for the same key replaces the older one."""
        self._add(key, _Write(lambda: write, _ignore, off_thread=False))

    def schedule_off_thread(self, key: Hashable, take: Callable[[], Job],
                            after: Callable[[Any], None] = lambda _result: None) -> None:
        """Write later, on the worker: when the write falls due ``take`` runs here and
        returns the job the worker runs (the book's services only); ``after`` runs here
        with the job's result once it has been written. A flush runs all three here."""
        self._add(key, _Write(take, after, off_thread=True))

    def _add(self, key: Hashable, write: _Write) -> None:
        was_empty = not self._pending
        self._pending[key] = write
        self._quiet.start()
        if not self._deadline.isActive():
            self._deadline.start(self.deadline_ms)
        if was_empty:
            self.pending_changed.emit(True)

    def flush(self) -> bool:
        """Write everything pending now, waiting for the worker first; True if nothing
        is left unwritten."""
        self._quiet.stop()
        self._deadline.stop()
        if self._flight is not None and not self._land(self._flight, wait=True):
            return False
        if not self._pending:
            return True
        started = time.perf_counter()
        for key, write in list(self._pending.items()):
            if not self._write_here(key, write):
                return False
        self._succeeded(started)
        return True

    def write_due(self) -> None:
        """The timers' write: what must be written here is, the rest goes to the worker."""
        self._quiet.stop()
        self._deadline.stop()
        if self._flight is not None:
            self._due_in_flight = True  # written when the worker is done
            return
        if not self._pending:
            return
        started = time.perf_counter()
        handed: list[tuple[Hashable, _Write]] = []
        jobs: list[Job] = []
        for key, write in list(self._pending.items()):
            if write.off_thread:
                handed.append((key, write))
                jobs.append(write.take())
            elif not self._write_here(key, write):
                return
        if not handed:
            self._succeeded(started)
            return
        flight = self._flight = _Flight(handed, started, self._worker.submit(_run, jobs))
        self._worker.report(flight.future, flight)

    def _landed(self, flight: _Flight) -> None:
        if flight is self._flight:  # not already taken in by a flush
            self._land(flight, wait=False)

    def _land(self, flight: _Flight, *, wait: bool) -> bool:
        """Take in what the worker wrote; False if a write failed (it stays pending).
        A write the worker could not make for a reason that is not the book's (a bug)
        is raised here, on the GUI thread, where it reaches the crash dialog."""
        results, error = flight.future.result() if wait else flight.future.result(0)
        self._flight = None
        for (key, write), result in zip(flight.writes, results, strict=False):
            self._written(key, write)
            write.after(result)
        if error is not None:
            key, write = flight.writes[len(results)]
            if isinstance(error, EditConflictError):
                self._refused(key, write, error)
                self._due_in_flight = False
                if self._pending and not wait:  # a flush writes the rest itself
                    self._quiet.start()
                return True
            if isinstance(error, MinuteTakerError):
                self._fail(key, error)
                return False
            raise error
        self._succeeded(flight.started)
        due, self._due_in_flight = self._due_in_flight, False
        if due and not wait:  # a flush writes the rest itself
            self.write_due()
        return True

    def _write_here(self, key: Hashable, write: _Write) -> bool:
        """Write on this thread; False (the write kept, the user told) if the book refused."""
        try:
            write.here()
        except EditConflictError as exc:
            self._refused(key, write, exc)
            return True
        except MinuteTakerError as exc:
            self._fail(key, exc)
            return False
        self._written(key, write)
        return True

    def _written(self, key: Hashable, write: _Write) -> None:
        # Only drop the write if no newer one replaced it while it ran.
        if self._pending.get(key) is write:
            del self._pending[key]

    def _refused(self, key: Hashable, write: _Write, exc: EditConflictError) -> None:
        log.warning("autosave of %r refused: %s", key, exc)
        self._written(key, write)
        if not self._pending:
            self.pending_changed.emit(False)
        self.conflict.emit(str(exc))

    def _fail(self, key: Hashable, exc: MinuteTakerError) -> None:
        log.warning("autosave of %r failed: %s", key, exc)
        self.last_error = str(exc)
        self.failed.emit(str(exc))
        self._deadline.start(RETRY_MS)

    def _succeeded(self, started: float) -> None:
        self._write_ms.append((time.perf_counter() - started) * 1000)
        self.last_error = None
        self.last_saved = dt.datetime.now()
        self.saved.emit(self.last_saved)
        if not self._pending:
            self.pending_changed.emit(False)

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
        if self._flight is not None:
            self._flight.future.result()
            self._flight = None
        self._pending.clear()
        self._quiet.stop()
        self._deadline.stop()


def _ignore(_result: object) -> None:
    pass


def _run(jobs: list[Job]) -> tuple[list[Any], BaseException | None]:
    """The worker: the jobs in order, stopping at the first that raises."""
    results: list[Any] = []
    error: BaseException | None = None
    for job in jobs:
        try:
            results.append(job())
        except BaseException as exc:  # noqa: BLE001 - handed to the GUI thread, not lost
            error = exc
            break
    return results, error
