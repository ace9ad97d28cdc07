"""Backups while the app runs, and File > Restore from backup.

A backup is taken when a book is opened and every 15 minutes while it is being
edited, on a worker thread (the copy uses its own SQLite connection, never the
GUI's, and compressing it takes a quarter of a second for a year's book), so a large
book never makes typing wait. The restore dialog also shows what the backups keep and
the space they take, and lets the user change that space (``store.backup_policy``
decides what goes).
"""

from __future__ import annotations

import itertools
from pathlib import Path

from PySide6.QtCore import QEvent, QObject, QRunnable, Qt, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from minute_taker import paths
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.store import backups
from minute_taker.store.backup_policy import MB, POLICY
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book.settings import (
    MIN_BACKUP_BUDGET_MB,
    backup_budget_mb,
    set_backup_budget_mb,
)
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
    def __init__(self, number: int, book: Path | MinuteBook, budget: int,
                 relay: _Relay) -> None:
        super().__init__()
        self._number, self._book, self._relay = number, book, relay
        self._budget = budget

    def run(self) -> None:
        try:
            copy = backups.back_up(self._book, backups_root(), budget=self._budget) \
                if isinstance(self._book, MinuteBook) else \
                backups.make_backup(self._book, backups_root(), budget=self._budget)
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
        self.book_path: Path | None = None  # a file's, or a team book's backup_key
        self._team_book: MinuteBook | None = None  # copied from its server (issue 22)
        self.edited = False
        self._running: set[int] = set()
        self.timer = QTimer(self, interval=INTERVAL_MS)
        self.timer.timeout.connect(self._on_timer)
        self.timer.start()
        relay = _the_relay()
        relay.done.connect(self._on_done)
        relay.failed.connect(self._on_failed)

    def book_opened(self, path: Path) -> None:
        self.book_path, self._team_book = path, None
        self.edited = False
        self.back_up()

    def team_book_opened(self, book: MinuteBook) -> None:
        """A team book: copied into a book file on a worker (backups.make_team_backup),
        through the engine's own pool of connections."""
        self.book_path, self._team_book = backups.backup_key(book), book
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
        budget = backup_budget_mb() * MB  # read here: settings belong to the GUI thread
        QThreadPool.globalInstance().start(
            _BackupJob(number, self._team_book or self.book_path, budget, _the_relay()))

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

    def stop(self) -> None:
        """Make no more backups (the window closing): a team book's would read through
        its engine after the book was closed."""
        self.timer.stop()
        self.book_path, self._team_book = None, None


def size_text(size: int) -> str:
    return f"{max(1, size // 1024)} KB" if size < MB else f"{size / MB:.1f} MB"


def describe(info: backups.BackupInfo) -> str:
    meetings = "unreadable copy" if info.meetings is None else \
        f"{info.meetings} meeting{'s' if info.meetings != 1 else ''}"
    archive = ", with the server\u2019s own archive" if info.server_dump else ""
    return (f"{info.taken_at:%a %d %b %Y, %H:%M:%S}  \u2014  {meetings}  \u2014  "
            f"{size_text(info.size)}{archive}")


class RestoreDialog(QDialog):
    """The book's backups, newest first; the chosen one becomes a new book. Below them,
    what is kept, the space it takes and the budget, which the user can change."""

    def __init__(self, book_path: Path, parent: QWidget | None = None, *,
                 name: str | None = None) -> None:
        """``book_path``: what the book's backups are kept by (``backups.backup_key``);
        ``name``: the book as the clerk knows it (a team book's database and server),
        else the file's name."""
        super().__init__(parent)
        self.setObjectName("restoreDialog")
        self.setWindowTitle("Restore from backup")
        self.book_path = book_path
        self.book_name = name or book_path.name
        self.restored: Path | None = None
        self.list = named(QListWidget(self), "backupList")
        self.message = QLabel(self, wordWrap=True)
        self.policy = named(QLabel(POLICY, self, wordWrap=True), "backupPolicy")
        self.usage = named(QLabel(self, wordWrap=True), "backupUsage")
        self.budget = named(QSpinBox(self), "backupBudget")
        self.budget.setRange(MIN_BACKUP_BUDGET_MB, 1_000_000)
        self.budget.setSingleStep(50)
        self.budget.setSuffix(" MB")
        self.budget.setValue(backup_budget_mb())
        self.budget.installEventFilter(self)
        budget_label = QLabel("Space for this book\u2019s &backups:", self)
        budget_label.setBuddy(self.budget)
        self.apply_button = named(QPushButton("&Apply now", self), "applyBudget")
        self.apply_button.setAccessibleName("Apply the backup budget now")
        self.apply_button.setAutoDefault(False)
        self.apply_button.clicked.connect(self.apply_budget)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel, self)
        self.restore_button = buttons.addButton("&Open as a new book\u2026",
                                                QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.accepted.connect(self.restore)
        buttons.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(budget_label)
        row.addWidget(self.budget)
        row.addWidget(self.apply_button)
        row.addStretch(1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.message)
        layout.addWidget(self.list, 1)
        layout.addWidget(self.policy)
        layout.addWidget(self.usage)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.resize(620, 460)
        self.found: list[backups.BackupInfo] = []
        self.refresh()

    def refresh(self) -> None:
        """List the backups again and say how much space they take, and what the budget
        removed."""
        root = backups_root()
        self.found = backups.list_backups(self.book_path, root)
        self.list.clear()
        for info in self.found:
            entry = QListWidgetItem(describe(info))
            entry.setData(Qt.ItemDataRole.UserRole, info)
            if info.server_dump is not None:
                entry.setToolTip(f"PostgreSQL\u2019s archive of the team book: "
                                 f"{info.server_dump}")
            self.list.addItem(entry)
        if self.found:
            self.list.setCurrentRow(0)
        self.restore_button.setEnabled(bool(self.found))
        name = self.book_name
        self.message.setText(
            f"Backups of {name}, taken when it was opened and every 15 minutes of "
            "editing. The one you choose is copied to a new book: nothing is overwritten."
            if self.found else f"There are no backups of {name} yet.")
        archives = [info.server_dump for info in self.found if info.server_dump]
        if archives:
            self.message.setText(
                f"{self.message.text()} Those marked “with the server\u2019s own archive” "
                f"have pg_dump\u2019s copy of the database beside them, in "
                f"{archives[0].parent}, for the server\u2019s administrator to restore with "
                "pg_restore.")
        mine, everyone = backups.space_used(root, self.book_path), backups.space_used(root)
        text = (f"They take {size_text(mine)} of {backup_budget_mb()} MB "
                f"(the backups of all books: {size_text(everyone)}).")
        note = backups.budget_note(self.book_path, root)
        if note is not None:
            many = note.removed != 1
            text += (f" To stay within the budget, {note.removed} older backup"
                     f"{'s have' if many else ' has'} gone, the newest of them from "
                     f"{note.newest_removed:%d %b %Y}.")
        self.usage.setText(text)

    def apply_budget(self) -> None:
        """Keep the budget chosen and prune to it now, not at the next backup."""
        self.budget.interpretText()
        set_backup_budget_mb(self.budget.value())
        try:
            backups.prune(self.book_path, backups_root(), budget=self.budget.value() * MB)
        except OSError as exc:
            self.message.setText(f"<b>Could not remove old backups: {exc}</b>")
            return
        self.refresh()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        """Return in the budget applies it (rather than opening the chosen backup)."""
        if watched is self.budget and isinstance(event, QKeyEvent) \
                and event.type() == QEvent.Type.KeyPress \
                and event.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            self.apply_budget()
            return True
        return super().eventFilter(watched, event)

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
