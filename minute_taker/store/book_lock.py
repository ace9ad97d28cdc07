"""One writer per book: a lock file beside it, held while the book is open for editing.

SQLite's own locks last one transaction, so they cannot say "this book is open in
another window", and over a shared folder they are not to be trusted (SQLite's
documentation warns about network file systems). The app therefore claims a book
with ``.<book name>.lock`` beside it. The file says who holds the book (user,
computer, process, since when) for the second instance's banner; an OS lock on it
(``flock`` on POSIX, ``msvcrt.locking`` on Windows) is held while the book is open.
The OS drops that lock when the process ends in any way, SIGKILL and power loss
included, so a lock file left behind by a crash is known to be stale and is taken
over at once, without guessing from its age.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import platform
import sys
from dataclasses import dataclass
from pathlib import Path

from minute_taker.store.errors import BookError

# Windows locks are mandatory: lock a byte far past the text so others can still read it.
_WINDOWS_LOCK_OFFSET = 1 << 30


def lock_path(book_path: Path) -> Path:
    return book_path.with_name(f".{book_path.name}.lock")


def this_computer() -> str:
    return platform.node() or "this computer"


@dataclass(frozen=True, slots=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: dt.datetime  # local time

    def describe(self) -> str:
        where = "on this computer" if self.host == this_computer() else f"on {self.host}"
        day = "" if self.since.date() == dt.date.today() else f" on {self.since:%d %b %Y}"
        return f"{self.user} {where} since {self.since:%H:%M}{day}"


class BookInUseError(BookError):
    """Another Minute Taker has the book open for editing."""

    def __init__(self, book_path: Path, holder: LockHolder | None) -> None:
        self.holder = holder
        who = holder.describe() if holder else "another Minute Taker window"
        super().__init__(f"{book_path.name} is open for editing by {who}.")


class LockUnavailableError(BookError):
    """The lock file cannot be made (a read-only folder): nobody can edit the book here."""


class BookLock:
    """Held from ``claim`` until ``release``; the lock file goes with it."""

    def __init__(self, path: Path, fd: int) -> None:
        self.path = path
        self._fd: int | None = fd

    @classmethod
    def claim(cls, book_path: Path, user: str) -> BookLock:
        path = lock_path(book_path)
        # Another holder may remove the file between our open and our lock; then the
        # lock we got is on a file nobody else will see, so open it again.
        for _attempt in range(5):
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
            except OSError as exc:
                raise LockUnavailableError(
                    "Minute Taker cannot create the lock file that keeps two people from "
                    f"editing it at once ({exc.strerror or exc}).") from exc
            if not _try_lock(fd):
                holder = _read_holder(fd)
                os.close(fd)
                raise BookInUseError(book_path, holder)
            if _is_current(fd, path):
                _write_holder(fd, user)
                return cls(path, fd)
            _unlock(fd)
            os.close(fd)
        raise LockUnavailableError(f"Cannot lock {book_path.name}: its lock file keeps "
                                   "changing.")

    @property
    def held(self) -> bool:
        return self._fd is not None

    def release(self) -> None:
        fd, self._fd = self._fd, None
        if fd is None:
            return
        if sys.platform == "win32":  # an open file cannot be removed there
            _unlock(fd)
            os.close(fd)
            with contextlib.suppress(OSError):
                self.path.unlink()
            return
        with contextlib.suppress(OSError):
            self.path.unlink()
        _unlock(fd)
        os.close(fd)


def read_holder(book_path: Path) -> LockHolder | None:
    """Who holds the book, if anyone does now (a stale lock file names nobody)."""
    path = lock_path(book_path)
    try:
        fd = os.open(path, os.O_RDWR)
    except OSError:
        return None
    try:
        if _try_lock(fd):
            _unlock(fd)
            return None
        return _read_holder(fd)
    finally:
        os.close(fd)


def _is_current(fd: int, path: Path) -> bool:
    try:
        return os.path.samestat(os.fstat(fd), os.stat(path))
    except OSError:
        return False


def _write_holder(fd: int, user: str) -> None:
    text = json.dumps({"user": user, "host": this_computer(), "pid": os.getpid(),
                       "since": dt.datetime.now().replace(microsecond=0).isoformat()})
    os.ftruncate(fd, 0)
    os.lseek(fd, 0, os.SEEK_SET)
    os.write(fd, text.encode())


def _read_holder(fd: int) -> LockHolder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode())
        return LockHolder(user=str(data["user"]), host=str(data["host"]),
                          pid=int(data["pid"]), since=dt.datetime.fromisoformat(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        # Written by something else, or caught between the lock and the write.
        return None


if sys.platform == "win32":
    import msvcrt

    def _try_lock(fd: int) -> bool:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        try:
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        os.lseek(fd, _WINDOWS_LOCK_OFFSET, os.SEEK_SET)
        with contextlib.suppress(OSError):
            msvcrt.locking(fd, msvcrt.LK_UNLCK, 1)
else:
    import fcntl

    # flock, not lockf: a POSIX record lock is dropped when the process closes any
    # descriptor of the file, and would not stop a second claim from this process.
    def _try_lock(fd: int) -> bool:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            return False
        return True

    def _unlock(fd: int) -> None:
        fcntl.flock(fd, fcntl.LOCK_UN)
