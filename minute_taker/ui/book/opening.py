"""Opening a book the way the app does, and what to offer when that fails.

A file that cannot be opened is never changed; if backups of it exist, the user is
offered the latest one as a new book. A book that cannot be written (a full disk, a
read-only file) can be copied to another file, where work goes on.
"""

from __future__ import annotations

import datetime as dt
import logging
from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.paths import BOOK_SUFFIX
from minute_taker.store import backups
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import (
    DamagedBookError,
    DamagedLogError,
    NewerBookError,
    PasswordNeededError,
)
from minute_taker.store.server import describe as describe_server
from minute_taker.store.server import is_server_location, server_url
from minute_taker.ui.book.backups import backups_root, describe
from minute_taker.ui.book.settings import user_name

log = logging.getLogger(__name__)

NEW_BOOK_FILTER = f"Minute books (*{BOOK_SUFFIX})"


PASSWORD_TRIES = 3


def open_team_book(location: str, parent: QWidget | None = None) -> MinuteBook | None:
    """The team book at ``location`` (a PostgreSQL URL), or None after saying why not.
    A password the server asks for is asked of the user, up to three times, and kept
    only in the open book's connection, never in settings or the log."""
    tried = location
    for attempt in range(PASSWORD_TRIES + 1):
        try:
            return MinuteBook.open(tried, actor=user_name())
        except PasswordNeededError as exc:
            log.warning("team book asks for a password: %s", exc)
            if attempt == PASSWORD_TRIES:
                error: MinuteTakerError = exc
                break
            url = server_url(location)
            said = "" if attempt == 0 else "That password was refused. "
            password, given = QInputDialog.getText(
                parent, "Team book password",
                f"{said}The password of {url.username or 'your user'} for "
                f"{describe_server(url)}:", QLineEdit.EchoMode.Password)
            if not given:
                return None
            tried = url.set(password=password).render_as_string(hide_password=False)
        except MinuteTakerError as exc:
            log.warning("cannot open the team book: %s", exc)
            error = exc
            break
    QMessageBox.critical(parent, "Cannot open the team book", str(error))
    return None


def open_book(path: Path | str, parent: QWidget | None = None) -> MinuteBook | None:
    """The book at ``path``, claimed for this window (read-only if it is open elsewhere),
    or None after telling the user why not and offering the latest backup. A team
    book's URL opens it on its server (``open_team_book``)."""
    if is_server_location(path):
        return open_team_book(str(path), parent)
    path = Path(path)
    try:
        return MinuteBook.open(path, actor=user_name(), claim=True)
    except MinuteTakerError as exc:
        log.warning("cannot open %s: %s %s", path, exc, getattr(exc, "details", ""))
        error = exc
    # A newer version's book is not damaged: an older backup is not the answer there.
    latest = None if isinstance(error, NewerBookError) else \
        backups.latest_backup(path, backups_root())
    box = QMessageBox(QMessageBox.Icon.Critical, "Cannot open minute book", str(error),
                      QMessageBox.StandardButton.Close, parent)
    box.setObjectName("cannotOpenBox")
    if isinstance(error, DamagedBookError) and error.details:
        box.setDetailedText(error.details)
    salvage = None
    if isinstance(error, DamagedLogError):
        salvage = box.addButton("Open what can be &read, read-only",
                                QMessageBox.ButtonRole.ActionRole)
    restore = None
    if latest is not None:
        box.setInformativeText(
            f"The latest backup of {path.name}: {describe(latest)}. It can be opened as a "
            "new book; the file above stays as it is.")
        restore = box.addButton("Open the latest &backup as a new book\u2026",
                                QMessageBox.ButtonRole.AcceptRole)
        box.setDefaultButton(restore)
    box.exec()
    if salvage is not None and box.clickedButton() is salvage:
        try:
            return MinuteBook.open_snapshot(path, actor=user_name(), salvage=True)
        except MinuteTakerError as exc:
            QMessageBox.critical(parent, "Cannot read the book", str(exc))
            return None
    if latest is None or box.clickedButton() is not restore:
        return None
    target = ask_new_book_path(parent, "Save the restored book as",
                               backups.restored_name(path, latest))
    if target is None:
        return None
    try:
        backups.restore_to(latest.path, target)
        return MinuteBook.open(target, actor=user_name(), claim=True)
    except MinuteTakerError as exc:
        QMessageBox.critical(parent, "Cannot restore the backup", str(exc))
        return None


def ask_new_book_path(parent: QWidget | None, title: str, suggested: Path) -> Path | None:
    chosen, _ = QFileDialog.getSaveFileName(parent, title, str(suggested),
                                           NEW_BOOK_FILTER)
    if not chosen:
        return None
    target = Path(chosen)
    return target if target.suffix else target.with_suffix(BOOK_SUFFIX)


def copy_book_to_new_file(book: MinuteBook, parent: QWidget | None) -> MinuteBook | None:
    """Ask for a new file, copy the book there and claim it; None if that did not happen.

    The copy is suggested in the user's home folder: the book's own folder is often
    the one that cannot be written.
    """
    stamp = dt.datetime.now().strftime("%Y-%m-%d %H%M")
    suggested = Path.home() / f"{book.path.stem} (saved {stamp}){BOOK_SUFFIX}"
    target = ask_new_book_path(parent, "Save the book to another file", suggested)
    if target is None:
        return None
    try:
        backups.copy_book_to_file(book, target)
        copy = MinuteBook.open(target, actor=user_name(), claim=True)
    except MinuteTakerError as exc:
        QMessageBox.critical(parent, "Cannot save to that file", str(exc))
        return None
    if copy.read_only:
        QMessageBox.critical(parent, "Cannot save to that file",
                             f"{target.name} cannot be written either. {copy.read_only}")
        copy.close()
        return None
    return copy
