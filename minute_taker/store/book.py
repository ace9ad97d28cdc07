"""A minute book: one SQLite file, its engine, and the one place transactions happen.

Durability choices (see docs/storage.md): WAL journal so readers never block the
writer; ``synchronous=FULL`` so a committed edit survives power loss as well as a
killed process (measured: ~0.2 ms a commit, nothing a typist can feel); a busy
timeout so a second process waits briefly instead of failing at once; foreign
keys on, which SQLite leaves off by default.
"""

from __future__ import annotations

import contextlib
import getpass
import logging
import os
import sqlite3
from collections.abc import Iterator
from pathlib import Path

from sqlalchemy import Engine, create_engine, event, select
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from minute_taker.store.book_lock import BookInUseError, BookLock, LockUnavailableError
from minute_taker.store.errors import (
    BookError,
    BookWriteError,
    DamagedBookError,
    NotABookError,
)

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"


def create_book_engine(path: Path, *, foreign_keys: bool = True,
                       read_only: bool = False) -> Engine:
    """An engine on ``path`` with the book's pragmas set on every new connection.

    ``read_only`` sets SQLite's ``query_only``, so any write, from whatever code path,
    fails in SQLite itself instead of reaching the file (on PostgreSQL the same job is
    done by ``default_transaction_read_only``).
    """
    # Migrations run without foreign keys (batch mode rebuilds tables) on a
    # throw-away connection, hence NullPool there.
    options = {} if foreign_keys else {"poolclass": NullPool}
    engine = create_engine(f"sqlite:///{path}", **options)

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver so the pragmas below take effect (foreign_keys
        # is ignored inside a transaction); SQLAlchemy's "begin" event below then
        # issues BEGIN itself, as its SQLite dialect docs recommend.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        if read_only:
            # The writer has already put the book in WAL mode; setting it is a write.
            cursor.execute("PRAGMA query_only = ON")
        else:
            cursor.execute("PRAGMA journal_mode = WAL")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:  # type: ignore[no-untyped-def]
        connection.exec_driver_sql("BEGIN")

    return engine


def check_is_sqlite(path: Path) -> None:
    """Refuse, without touching it, a file that is not an SQLite database at all."""
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_MAGIC))
    except OSError as exc:
        raise BookError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    if header != SQLITE_MAGIC:
        kind = "an empty file" if not header else "not a minute book"
        raise NotABookError(
            f"{path.name} is {kind}: Minute Taker books are SQLite files. "
            "The file has not been changed."
        )


def create_private_file(path: Path) -> None:
    """Create an empty file readable by its owner only (minutes are often confidential)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise BookWriteError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
    os.close(fd)


def create_new_book(path: Path) -> None:
    """Create a book at ``path`` whole or not at all: it is built under a temporary
    name beside it and renamed into place, so a crash never leaves a half-made book."""
    from minute_taker.store import migrate

    partial = path.with_name(f".{path.name}.{os.getpid()}.creating")
    create_private_file(partial)
    try:
        migrate.upgrade_book(partial)
        os.replace(partial, path)
    finally:
        for leftover in (partial, partial.with_name(partial.name + "-wal"),
                         partial.with_name(partial.name + "-shm")):
            leftover.unlink(missing_ok=True)


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
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, actor: str | None = None,
             claim: bool = False) -> MinuteBook:
        """Open ``path``, creating it if missing, and bring its schema up to date.

        ``claim`` is how the app opens a book: it takes the book's lock file
        (store/book_lock.py), and if another instance holds it, or the file or its
        folder cannot be written, opens the book read-only with ``read_only`` saying
        why, rather than letting two writers at it. Scripts and tests leave it off.
        """
        path = Path(path).expanduser().absolute()
        if path.is_dir():
            raise NotABookError(f"{path} is a folder, not a minute book.")
        actor = actor or default_actor()
        if not claim:
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
            return cls._open_read_only(path, actor, str(exc))
        if not os.access(path, os.W_OK):
            lock.release()
            return cls._open_read_only(path, actor, "The file is read-only.")
        try:
            return cls._open_for_writing(path, actor, lock=lock)
        except BaseException:
            lock.release()
            raise

    @classmethod
    def _open_for_writing(cls, path: Path, actor: str, *, lock: BookLock | None) -> MinuteBook:
        from minute_taker.store import migrate

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
        from minute_taker.store import migrate

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
        try:
            yield session
            session.commit()
        except OperationalError as exc:
            session.rollback()
            if self.read_only:
                raise BookWriteError(f"{self.path.name} is open read-only here, so the "
                                     f"change was not made. {self.read_only}") from exc
            raise BookWriteError(_describe_write_failure(self.path, exc)) from exc
        except DatabaseError as exc:
            session.rollback()
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

    def close(self) -> None:
        self.engine.dispose()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> MinuteBook:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers) or no login name
        return "unknown"


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
