"""Rolling backups while the app runs, and File > Restore from backup.

A backup is taken when a book is opened and every 15 minutes while it is being
edited, on a worker thread (the copy uses its own SQLite connection, never the
GUI's), so a large book never makes typing wait.
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minute_taker import paths
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.store import backups
from minute_taker.ui.widgets import named
from minute_taker.ui.workers import emit_result, lasting_relay

INTERVAL_MS = 15 * 60 * 1000


def backups_root() -> Path:
    return paths.user_data_dir() / "backups"


class _Relay(QObject):
    """What backup jobs report, whichever scheduler started them (see ``ui.workers``)."""

    done = Signal(int, object)  # job number, Path of the copy
    failed = Signal(int, str)  # job number, what went wrong


_relay: _Relay | None = None
_numbers = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = lasting_relay(_Relay())  # made on the GUI thread, by the first backup
    return _relay


class _BackupJob(QRunnable):
    def __init__(self, number: int, book_path: Path, relay: _Relay) -> None:
        super().__init__()
        self._number, self._book_path, self._relay = number, book_path, relay

    def run(self) -> None:
        try:
            copy = backups.make_backup(self._book_path, backups_root())
        except (MinuteTakerError, OSError) as exc:
            emit_result(self._relay.failed, self._number, str(exc))
        else:
            emit_result(self._relay.done, self._number, copy)


class BackupScheduler(QObject):
    """Backs up the open book on opening and after each 15 minutes with edits.

    Its jobs report through a relay that outlives them, so quitting (or closing the
    window without waiting) while a copy is being made is safe; the scheduler hears
    only its own jobs, and nothing at all once it is deleted.
    """

    backed_up = Signal(object)  # Path of the copy
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book_path: Path | None = None
        self.edited = False
        self._running: set[int] = set()
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer)
        self.timer.start()
        relay = _the_relay()
        relay.done.connect(self._on_done)
        relay.failed.connect(self._on_failed)

    def book_opened(self, path: Path) -> None:
        self.book_path = path
        self.edited = False
        self.back_up()

    def note_edit(self) -> None:
        self.edited = True

    def _on_timer(self) -> None:
        if self.edited:
            self.edited = False
            self.back_up()

    def back_up(self) -> None:
        if self.book_path is None:
            return
        number = next(_numbers)
        self._running.add(number)
        QThreadPool.globalInstance().start(_BackupJob(number, self.book_path, _the_relay()))

    @Slot(int, object)
    def _on_done(self, number: int, path: Path) -> None:
        if number in self._running:
            self._running.discard(number)
            self.backed_up.emit(path)

    @Slot(int, str)
    def _on_failed(self, number: int, message: str) -> None:
        if number in self._running:
            self._running.discard(number)
            self.failed.emit(message)

    def wait(self) -> None:
        """Let running copies finish (closing the app, switching books in tests)."""
        QThreadPool.globalInstance().waitForDone()


def describe(info: backups.BackupInfo) -> str:
    meetings = "unreadable copy" if info.meetings is None else \
        f"{info.meetings} meeting{'s' if info.meetings != 1 else ''}"
    return (f"{info.taken_at:%a %d %b %Y, %H:%M:%S}  \u2014  {meetings}  \u2014  "
            f"{max(1, info.size // 1024)} KB")


class RestoreDialog(QDialog):
    """The book's backups, newest first; the chosen one becomes a new book."""

    def __init__(self, book_path: Path, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.book_path = book_path
        self.restored: Path | None = None
        self.list = named(QListWidget(self), "backupList")
        self.found = backups.list_backups(book_path, backups_root())
        for info in self.found:
            entry = QListWidgetItem(describe(info))
            entry.setData(Qt.ItemDataRole.UserRole, info)
            self.list.addItem(entry)
        if self.found:
            self.list.setCurrentRow(0)
        self.message = QLabel(self, wordWrap=True)
        self.message.setText(
            f"Backups of {book_path.name}, taken when it was opened and every 15 minutes of "
            "editing. The one you choose is copied to a new book: nothing is overwritten."
            if self.found else f"There are no backups of {book_path.name} yet.")
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton("&Open as a new book\u2026",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(self.found))
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(620, 420)

    def restore(self) -> None:
        entry = self.list.currentItem()
        if entry is None:
            return
        info: backups.BackupInfo = entry.data(Qt.ItemDataRole.UserRole)
        suggested = backups.restored_name(self.book_path, info)
        path, _ = QFileDialog.getSaveFileName(self, "Save the restored book as",
                                              str(suggested))
        if not path:
            return
        try:
            self.restored = backups.restore_to(info.path, Path(path))
        except MinuteTakerError as exc:
            self.message.setText(f"<b>{exc}</b>")
            return
        self.accept()
