"""A minute book: one SQLite file, its engine, and the one place transactions happen.

How the file is connected to (the pragmas, and why) is in ``engine``.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, select
from sqlalchemy.exc import DatabaseError, DBAPIError, IntegrityError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.orm.exc import StaleDataError

from minute_taker.domain.errors import EditConflictError
from minute_taker.store import changes, migrate, server, versioning
from minute_taker.store.book_lock import BookInUseError, BookLock, LockUnavailableError
from minute_taker.store.engine import check_is_sqlite, create_book_engine, create_private_file
from minute_taker.store.errors import (
    BookError,
    BookWriteError,
    DamagedBookError,
    DamagedLogError,
    NotABookError,
    PasswordNeededError,
)
from minute_taker.store.wal import (
    WalReport,
    book_files,
    inspect_wal,
    keep_copies,
    shm_path,
    wal_path,
)

log = logging.getLogger(__name__)

def _session_factory(engine: Engine) -> sessionmaker[Session]:
    sessions = sessionmaker(engine, expire_on_commit=False)
    versioning.watch(sessions)
    return sessions


def create_new_book(path: Path) -> None:
    """Create a book at ``path`` whole or not at all: it is built under a temporary
    name beside it and renamed into place, so a crash never leaves a half-made book."""
    partial = path.with_name(f".{path.name}.{os.getpid()}.creating")
    create_private_file(partial)
    try:
        migrate.create_book(partial)
        os.replace(partial, path)
    finally:
        for leftover in book_files(partial):
            leftover.unlink(missing_ok=True)


def check_log(path: Path) -> WalReport | None:
    """Refuse a book whose write-ahead log is damaged, before SQLite reads the log (and
    drops, for good, whatever was committed after the damage): keep a copy of the log
    and its index beside the book, and say so (store/wal.py). Returns the sound log's
    report, or None when the book has no log."""
    report = inspect_wal(path)
    if report is None or report.damaged is None:
        return report
    kept = keep_copies(path)
    copies = (f"a copy of the log is kept beside the book ({', '.join(c.name for c in kept)})"
              if kept else "the log could not be copied (the folder cannot be written) and "
              "is left as it is")
    raise DamagedLogError(
        f"{path.name} cannot be opened for writing: the log of its latest changes "
        f"({report.path.name}) is damaged ({report.damaged}). Opening it would lose those "
        f"changes for good. Nothing has been changed; {copies}. Open the latest backup, or "
        "open what can be read of it read-only, and send the log to whoever supports you.",
        kept=kept)


def _copy_for_reading(path: Path, copy: Path, *, salvage: bool, logged: bool) -> None:
    """``path`` as SQLite would read it, into ``copy``, touching nothing of the original.
    ``logged``: the book has a log (with no log, or an empty one, the file is the book)."""
    source = path
    if salvage:  # SQLite rebuilds a damaged log's index: let it do so on copies
        source = copy.parent / "as-found" / path.name
        source.parent.mkdir()
        for original in (path, wal_path(path), shm_path(path)):
            if original.exists():
                shutil.copyfile(original, source.with_name(original.name))
    elif not logged:
        shutil.copyfile(path, copy)
        return
    reader = sqlite3.connect(f"{source.as_uri()}?mode=ro", uri=True)
    try:
        target = sqlite3.connect(copy)
        try:
            reader.backup(target)
        finally:
            target.close()
    finally:
        reader.close()


# The key of a session's info naming the notes leases its book holds (services/leases.py).
NOTES_LEASES = "minute_taker.notes_leases"


class MinuteBook:
    """An open minute book. Services take one of these and do their work in ``unit_of_work``."""

    def __init__(self, path: Path, engine: Engine, actor: str, *,
                 read_only: str | None = None, held_elsewhere: bool = False,
                 lock: BookLock | None = None) -> None:
        self.path = path
        self.engine = engine
        self.actor = actor
        # Why this book cannot be written here (open elsewhere, a read-only file), or None.
        self.read_only = read_only
        # Read-only because another instance has it open for editing.
        self.held_elsewhere = held_elsewhere
        self._lock = lock
        self._sessions = _session_factory(engine)
        self._snapshot_folder: Path | None = None  # a private copy's, removed on close
        # A team book's database and server (store/server.py), or None for a file.
        self.server: str | None = None
        # This book object's own name in the change notifications a team book sends
        # (store/changes.py), so that a window knows its own changes from others'.
        self.writer = uuid.uuid4().hex
        # The leases on a meeting's notes this book object holds, by token
        # (services/leases.py): its units of work carry them (``NOTES_LEASES``), so that
        # a change refused while someone else takes the notes is not refused to them.
        self.notes_leases: set[str] = set()

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, actor: str | None = None,
             claim: bool = False) -> MinuteBook:
        """Open ``path``, creating it if missing, and bring its schema up to date.

        ``claim`` is how the app opens a book: it takes the book's lock file
        (store/book_lock.py), and if another instance holds it, or the file or its
        folder cannot be written, opens the book read-only with ``read_only`` saying
        why, rather than letting two writers at it. Scripts and tests leave it off.
        """
        if server.is_server_location(path):
            return cls.open_team(str(path), actor=actor)
        path = Path(path).expanduser().absolute()
        if path.is_dir():
            raise NotABookError(f"{path} is a folder, not a minute book.")
        actor = actor or default_actor()
        if not claim:
            check_log(path)
            return cls._open_for_writing(path, actor, lock=None)
        if path.exists():
            check_is_sqlite(path)
        else:
            create_new_book(path)
        try:
            lock = BookLock.claim(path, actor)
        except BookInUseError as exc:
            who = exc.holder.describe() if exc.holder else "another Minute Taker window"
            return cls._open_read_only(path, actor, f"It is open for editing by {who}.",
                                       held_elsewhere=True)
        except LockUnavailableError as exc:
            # Nobody else is writing it (they would hold the lock): read a snapshot, so
            # that nothing is made in a folder this user may not write.
            return cls.open_snapshot(path, actor=actor, reason=str(exc))
        if not os.access(path, os.W_OK):
            lock.release()
            return cls.open_snapshot(path, actor=actor, reason="The file is read-only.")
        try:
            # Held by us, the log is nobody else's to be writing: look at it now.
            check_log(path)
            return cls._open_for_writing(path, actor, lock=lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def open_team(cls, location: str, *, actor: str | None = None,
                  read_only: str | None = None, create: bool = True) -> MinuteBook:
        """Open the team book at ``location``, a PostgreSQL URL (store/server.py): made
        there if the database is empty, upgraded if it is older. ``read_only`` says why
        it is opened for reading only (the server then refuses every write)."""
        url = server.server_url(location)
        name = server.describe(url)
        engine = server.create_server_engine(url, read_only=read_only is not None)
        try:
            if read_only is None:
                migrate.prepare_server(engine, name, create=create)
            else:
                migrate.check_server_current(engine, name)
            book = cls(Path(url.database or "team book"), engine, actor or default_actor(),
                       read_only=read_only)
            book.server = name
            changes.watch(book._sessions, book.writer)
            book._check_readable()
        except DBAPIError as exc:
            # The server unreachable, a password refused, a role without rights on the
            # book's tables (docs/storage.md: the team's role): the server's own words.
            engine.dispose()
            said = _first_line(exc.orig)
            kind = PasswordNeededError if "password" in said.lower() else BookError
            raise kind(f"Cannot open the team book {name}: {said}.") from exc
        except BaseException:
            engine.dispose()
            raise
        return book

    @classmethod
    def _open_for_writing(cls, path: Path, actor: str, *, lock: BookLock | None) -> MinuteBook:
        if path.exists():
            check_is_sqlite(path)
            migrate.upgrade_book(path)
        else:
            create_new_book(path)
        book = cls(path, create_book_engine(path), actor, lock=lock)
        book._check_readable()
        return book

    @classmethod
    def _open_read_only(cls, path: Path, actor: str, reason: str, *,
                        held_elsewhere: bool = False) -> MinuteBook:
        migrate.check_current(path)
        book = cls(path, create_book_engine(path, read_only=True), actor, read_only=reason,
                   held_elsewhere=held_elsewhere)
        book._check_readable()
        return book

    def _check_readable(self) -> None:
        from minute_taker.store.models import BookProperty

        try:
            with self.unit_of_work() as session:
                session.scalars(select(BookProperty).limit(1)).all()
        except OperationalError as exc:
            self.close()
            raise NotABookError(f"{self.path.name} could not be read as a minute book: "
                                f"{exc.orig}") from exc

    @contextlib.contextmanager
    def unit_of_work(self) -> Iterator[Session]:
        """A transaction: commits when the block ends, rolls back if it raises."""
        session = self._sessions()
        session.info[versioning.ACTOR] = self.actor
        session.info[NOTES_LEASES] = frozenset(self.notes_leases)
        try:
            yield session
            session.commit()
        except StaleDataError as exc:
            # A row's UPDATE found another version than the one read: another window
            # changed it in between (store/versioning.py). Nothing of this one is kept.
            session.rollback()
            raise EditConflictError(
                "Someone else changed these minutes while your change was being saved, "
                "so it was not saved over theirs. Look at their change and make yours "
                "again.") from exc
        except OperationalError as exc:
            session.rollback()
            if self.read_only:
                raise self._refused_as_read_only_here() from exc
            if self.server is not None:
                said = _first_line(exc.orig)
                if exc.connection_invalidated or "connection" in said.lower():
                    # The network gone, the server restarting: nothing the clerk did.
                    raise BookWriteError(
                        f"The server of the team book {self.server} cannot be reached "
                        f"({said}); your change was not saved yet.") from exc
                raise BookWriteError(
                    f"The team book {self.server} could not be written "
                    f"({said}); your change was not saved yet.") from exc
            raise BookWriteError(_describe_write_failure(self.path, exc)) from exc
        except DatabaseError as exc:
            session.rollback()
            if self.read_only and _refused_as_read_only(exc):
                raise self._refused_as_read_only_here() from exc
            if self.server is not None and not isinstance(exc, IntegrityError):
                # The server refused it: rights taken away, a standby that only reads
                # after a failover, a statement cancelled. Said, and the change kept to
                # try again, as a file that cannot be written is. (An IntegrityError is
                # a service's to catch: two windows making the same row at once.)
                raise BookWriteError(
                    f"The team book {self.server} refused the change "
                    f"({_first_line(exc.orig)}); your change was not saved yet.") from exc
            if not _is_damage(exc):
                raise
            raise DamagedBookError(
                f"{self.path.name} is damaged ({exc.orig}): what is in the window has not "
                "been saved. File \u203a Restore from backup opens an earlier copy.") from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @property
    def location(self) -> str:
        """Where the book is, as the clerk would name it, and what tells two books apart
        (settings kept per book): a file's path, or a team book's database and server
        (``path`` is then only the database's name, no file)."""
        return str(self.path) if self.server is None else self.server

    @property
    def name(self) -> str:
        """The book in a message: a file's name, or a team book's database and server."""
        return self.path.name if self.server is None else self.server

    @property
    def folder(self) -> Path | None:
        """The folder of a book in a file (where its papers and review copies are looked
        for first); None for a team book, which has none."""
        return self.path.parent if self.server is None else None

    def change_feed(self) -> str | None:
        """Where a window hears a team book's changes (store/changes.py ``listen``): its
        libpq URL, password and all, for a connection of the listener's own; None for a
        book in a file, which only one window writes."""
        if self.server is None:
            return None
        return self.engine.url.set(drivername="postgresql").render_as_string(
            hide_password=False)

    def _refused_as_read_only_here(self) -> BookWriteError:
        return BookWriteError(f"{self.path.name} is open read-only here, so the change was "
                              f"not made. {self.read_only}")

    @classmethod
    def open_snapshot(cls, path: str | os.PathLike[str], *, actor: str | None = None,
                      salvage: bool = False, reason: str | None = None) -> MinuteBook:
        """The book as it stands, for reading only (``list``, ``verify``, exports, a book
        the user may not write), without changing one byte of it or its folder.

        Opening a book the ordinary way lets SQLite fold the log into the book and
        delete it when the last connection closes, upgrades an older book, and makes a
        ``-wal`` and ``-shm`` beside it (which a reader who may not write the folder
        cannot, and one who may cannot remove again). Here the log is checked first (a
        damaged one is refused); a book with no log is the file alone and is copied as
        a file; a book with a log is copied by SQLite's backup through a read-only
        connection (which never checkpoints). The copy, in a private temporary folder,
        is upgraded and opened read-only with ``reason``, and deleted on ``close``.

        ``salvage`` reads a book whose log is damaged: what SQLite can read of it (the
        book and the log up to the damage), working on copies of all three files. The
        book is then the copy's (``path`` names it): saving a copy to edit saves what
        was read.
        """
        path = Path(path).expanduser().absolute()
        if not path.is_file():
            raise NotABookError(f"There is no minute book at {path}.")
        check_is_sqlite(path)
        logged = salvage or check_log(path) is not None
        folder = Path(tempfile.mkdtemp(prefix="minute-taker-snapshot-"))
        copy = folder / path.name
        try:
            _copy_for_reading(path, copy, salvage=salvage, logged=logged)
            migrate.upgrade_book(copy)
            if salvage:
                reason = (f"What could be read of {path.name} before the damage to its "
                          "log, read-only: save a copy to go on working from it.")
            book = cls(copy, create_book_engine(copy, read_only=True),
                       actor or default_actor(), read_only=reason or "A snapshot, for reading.")
            book._check_readable()
        except OSError as exc:
            shutil.rmtree(folder, ignore_errors=True)
            raise BookError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
        except BaseException:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        if not salvage:
            book.path = path  # what the reader opened, for messages and file names
        book._snapshot_folder = folder
        return book

    def write_each_change_through(self) -> None:
        """Put every commit in the book's file itself, not in a ``-wal`` beside it: for a
        file people attach to an e-mail while it is open (a review copy the chair sends
        back with the window still open sent nothing they had done).

        SQLite's rollback journal (``journal_mode=DELETE``) writes each transaction into
        the database file before the commit returns (``synchronous=FULL`` still syncs it),
        and switching to it folds what the log holds into the file. Slower per commit
        than WAL, which a reviewer's few comments never notice. A book opened read-only
        is left as it is.
        """
        if self.read_only:
            return
        self.engine.dispose()
        engine = create_book_engine(self.path, journal_mode="DELETE")
        with engine.connect() as connection:
            mode = connection.exec_driver_sql("PRAGMA journal_mode").scalar()
        if str(mode).lower() != "delete":  # another connection still holds the log
            engine.dispose()
            log.warning("%s could not leave WAL mode (%s); its changes reach the file at "
                        "checkpoints only", self.path.name, mode)
            engine = create_book_engine(self.path)
        self.engine = engine
        self._sessions = _session_factory(engine)

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()
        if self._snapshot_folder is not None:
            shutil.rmtree(self._snapshot_folder, ignore_errors=True)
            self._snapshot_folder = None

    def __enter__(self) -> MinuteBook:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers) or no login name
        return "unknown"


def _first_line(error: object) -> str:
    """A driver's message without the lines of detail PostgreSQL adds."""
    return str(error).strip().splitlines()[0] if str(error).strip() else "no reason given"


def _refused_as_read_only(exc: DatabaseError) -> bool:
    """PostgreSQL refused a write in a read-only transaction (SQLSTATE 25006), which it
    reports as an internal error where SQLite's ``query_only`` is an operational one."""
    return getattr(exc.orig, "sqlstate", None) == "25006"


def _is_damage(exc: DatabaseError) -> bool:
    """SQLite found the file damaged ("database disk image is malformed") while reading
    or writing. SQLite's own error codes: other databases report damage otherwise."""
    code = getattr(exc.orig, "sqlite_errorcode", None)
    return code in (sqlite3.SQLITE_CORRUPT, sqlite3.SQLITE_NOTADB)


def _describe_write_failure(path: Path, exc: OperationalError) -> str:
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return f"{path.name} is busy in another program; your change was not saved yet."
    if "full" in text:
        return f"The disk holding {path.name} is full; your change was not saved yet."
    if "readonly" in text or "read-only" in text:
        return f"{path.name} is read-only; your change was not saved yet."
    return f"Could not write to {path.name} ({exc.orig}); your change was not saved yet."
