"""Rolling backups of a book, made with SQLite's online backup API.

A backup is a consistent copy even while the app is writing (the backup API copies
pages under SQLite's own locking), private to the user like the book, kept in a
folder per book, and pruned to a bounded number of copies, oldest first. Restoring
never overwrites anything: a backup is copied to a new book the user names.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import os
import sqlite3
from dataclasses import dataclass
from pathlib import Path

from minute_taker.paths import ensure_private_dir
from minute_taker.store.engine import create_private_file
from minute_taker.store.errors import BookWriteError

KEEP = 20
SUFFIX = ".minutebook"
_STAMP = "%Y%m%d-%H%M%S-%f"


@dataclass(frozen=True, slots=True)
class BackupInfo:
    path: Path
    taken_at: dt.datetime  # local time
    size: int
    meetings: int | None  # None: the copy could not be read


def folder_for(book_path: Path, root: Path) -> Path:
    """One folder per book: its name, and a hash of where it is, so two "Minutes"
    books in different folders never share backups."""
    where = hashlib.sha256(str(book_path.absolute()).encode()).hexdigest()[:10]
    return root / f"{book_path.stem}-{where}"


def _copy(source: Path, target: Path) -> None:
    create_private_file(target)
    with contextlib.closing(sqlite3.connect(source)) as src, \
            contextlib.closing(sqlite3.connect(target)) as dst:
        src.backup(dst)
        # The copy carries the book's WAL mode, and a WAL file cannot even be read where
        # its -shm file cannot be made (a full disk, a read-only folder): a copy in
        # rollback mode can. The app puts a book back in WAL mode when it opens one.
        dst.execute("PRAGMA journal_mode = DELETE")
    with open(target, "rb+") as handle:
        os.fsync(handle.fileno())


def make_backup(book_path: Path, root: Path, *, keep: int = KEEP,
                now: dt.datetime | None = None) -> Path:
    """Copy the book into its backup folder and keep the newest ``keep`` copies."""
    folder = folder_for(book_path, root)
    try:
        ensure_private_dir(folder)
    except OSError as exc:
        raise BookWriteError(f"Could not back up {book_path.name}: cannot create the backup "
                             f"folder {folder}: {exc.strerror or exc}.") from exc
    stamp = (now or dt.datetime.now()).strftime(_STAMP)
    target = copy_to_new_book(book_path, folder / f"{stamp}{SUFFIX}", doing="back up")
    for old in _backup_files(folder)[keep:]:
        old.unlink(missing_ok=True)
    return target


def _backup_files(folder: Path) -> list[Path]:
    """Newest first."""
    if not folder.is_dir():
        return []
    return sorted((p for p in folder.glob(f"*{SUFFIX}") if _taken_at(p) is not None),
                  reverse=True)


def _taken_at(path: Path) -> dt.datetime | None:
    try:
        return dt.datetime.strptime(path.name.removesuffix(SUFFIX), _STAMP)
    except ValueError:
        return None


def _meeting_count(path: Path) -> int | None:
    try:
        with contextlib.closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
            row = db.execute("SELECT count(*) FROM meeting").fetchone()
            return int(row[0])
    except sqlite3.Error:
        return None


def list_backups(book_path: Path, root: Path) -> list[BackupInfo]:
    """The book's backups, newest first, each with its time and number of meetings."""
    found = []
    for path in _backup_files(folder_for(book_path, root)):
        taken = _taken_at(path)
        assert taken is not None
        found.append(BackupInfo(path=path, taken_at=taken, size=path.stat().st_size,
                                meetings=_meeting_count(path)))
    return found


def latest_backup(book_path: Path, root: Path) -> BackupInfo | None:
    backups = list_backups(book_path, root)
    return backups[0] if backups else None


def restored_name(book_path: Path, info: BackupInfo) -> Path:
    """Where a restored copy is suggested: beside the book, named for the backup's time."""
    return book_path.with_name(
        f"{book_path.stem} (restored {info.taken_at:%Y-%m-%d %H%M}){SUFFIX}")


def restore_to(backup: Path, target: Path) -> Path:
    """A new book at ``target`` holding the backup; refuses to replace an existing file."""
    return copy_to_new_book(backup, target, doing="restore")


def copy_to_new_book(source: Path, target: Path, *, doing: str = "copy") -> Path:
    """A consistent copy of the book ``source`` (read with the backup API, so it may be
    open and being written) as a new file; never replaces an existing one."""
    if target.exists():
        raise BookWriteError(f"{target.name} already exists: choose a new name for the "
                             "book.")
    partial = target.with_name(f".{target.name}.partial")
    try:
        _copy(source, partial)
        os.replace(partial, target)
    except (OSError, sqlite3.Error) as exc:
        partial.unlink(missing_ok=True)
        raise BookWriteError(f"Could not {doing} {source.name}: {exc}") from exc
    return target
