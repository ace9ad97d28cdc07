"""Writing a prepared export on Qt's thread pool, so the window never waits for a file.

The job gets a ``PreparedExport`` (plain data, read from the book on the GUI thread)
and calls ``publishing.write``: no widget, no database. It reports through one relay
that lives on the GUI thread and belongs to the application (see ``ui.workers``), so the
job always emits on a live object, however soon the dialog that asked for the file is
closed or destroyed, even when the app quits while a file is being written. Each
``ExportWriter`` listens to the relay for its own jobs only; when it is destroyed with
its dialog, Qt drops that connection and discards what was queued for it.
"""

from __future__ import annotations

import itertools
import logging
import threading
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.export import formats
from minute_taker.services import publishing
from minute_taker.ui.workers import emit_result, lasting_relay

log = logging.getLogger(__name__)


class _Relay(QObject):
    written = Signal(int, object)  # job number, ExportResult
    failed = Signal(int, str)  # job number, what to tell the user


_relay: _Relay | None = None
_numbers = itertools.count(1)
# One file at a time, whichever dialog asked: python-docx parses with one shared lxml
# parser, which lxml does not promise to be safe on two threads at once.
_one_at_a_time = threading.Lock()


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = lasting_relay(_Relay())  # made on the GUI thread, by the first ExportWriter
    return _relay


class _WriteJob(QRunnable):
    def __init__(self, number: int, prepared: formats.PreparedExport, path: Path,
                 relay: _Relay) -> None:
        super().__init__()
        self._number, self._prepared, self._path, self._relay = number, prepared, path, relay

    def run(self) -> None:
        try:
            with _one_at_a_time:
                result = publishing.write(self._prepared, self._path)
        except Exception as exc:
            # Raised out of run(), it would reach the app's error hook on this thread,
            # which shows a dialog: widgets on a worker thread. The GUI thread says it.
            if not isinstance(exc, OSError | MinuteTakerError):
                log.exception("the export to %s failed", self._path)
            emit_result(self._relay.failed, self._number, describe_failure(exc))
        else:
            emit_result(self._relay.written, self._number, result)


def describe_failure(exc: BaseException) -> str:
    """What the user is told: the OS's or our own refusal as it is, a bug as a bug."""
    if isinstance(exc, OSError):
        return str(exc.strerror or exc)
    if isinstance(exc, MinuteTakerError):
        return str(exc)
    return "an unexpected error stopped the export; the details are in the log."


class ExportWriter(QObject):
    """Writes one export at a time off the GUI thread; its signals arrive on the GUI thread."""

    written = Signal(object)  # ExportResult
    failed = Signal(str)  # what to tell the user

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._running: int | None = None
        relay = _the_relay()
        relay.written.connect(self._on_written)
        relay.failed.connect(self._on_failed)

    @property
    def busy(self) -> bool:
        return self._running is not None

    def start(self, prepared: formats.PreparedExport, path: Path) -> None:
        if self.busy:
            raise RuntimeError("an export is already being written")
        self._running = next(_numbers)
        QThreadPool.globalInstance().start(_WriteJob(self._running, prepared, path,
                                                     _the_relay()))

    @Slot(int, object)
    def _on_written(self, number: int, result: publishing.ExportResult) -> None:
        if number == self._running:
            self._running = None
            self.written.emit(result)

    @Slot(int, str)
    def _on_failed(self, number: int, message: str) -> None:
        if number == self._running:
            self._running = None
            self.failed.emit(message)
