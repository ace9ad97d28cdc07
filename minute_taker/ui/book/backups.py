"""Rolling backups while the app runs, and File > Restore from backup.

A backup is taken when a book is opened and every 15 minutes while it is being
edited, on a worker thread (the copy uses its own SQLite connection, never the
GUI's), so a large book never makes typing wait.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, Qt, QThreadPool, QTimer, Signal
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

INTERVAL_MS = 15 * 60 * 1000


def backups_root() -> Path:
    return paths.user_data_dir() / "backups"


class _Signals(QObject):
    done = Signal(object)  # Path
    failed = Signal(str)


class _BackupJob(QRunnable):
    def __init__(self, book_path: Path) -> None:
        super().__init__()
        self.book_path, self.signals = book_path, _Signals()

    def run(self) -> None:
        try:
            self.signals.done.emit(backups.make_backup(self.book_path, backups_root()))
        except (MinuteTakerError, OSError) as exc:
            self.signals.failed.emit(str(exc))


class BackupScheduler(QObject):
    """Backs up the open book on opening and after each 15 minutes with edits."""

    backed_up = Signal(object)  # Path of the copy
    failed = Signal(str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.book_path: Path | None = None
        self.edited = False
        self._jobs: list[_BackupJob] = []
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer)
        self.timer.start()

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
        job = _BackupJob(self.book_path)
        job.setAutoDelete(False)  # kept in _jobs until it reports, so its signals live
        job.signals.done.connect(lambda path, j=job: self._finished(j, path))
        job.signals.failed.connect(lambda message, j=job: self._failed(j, message))
        self._jobs.append(job)
        QThreadPool.globalInstance().start(job)

    def _finished(self, job: _BackupJob, path: Path) -> None:
        self._jobs.remove(job)
        self.backed_up.emit(path)

    def _failed(self, job: _BackupJob, message: str) -> None:
        self._jobs.remove(job)
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
