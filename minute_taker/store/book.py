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
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session, sessionmaker
from sqlalchemy.pool import NullPool

from minute_taker.store.errors import BookError, BookWriteError, NotABookError

log = logging.getLogger(__name__)

BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"


def create_book_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine on ``path`` with the book's pragmas set on every new connection."""
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

    def __init__(self, path: Path, engine: Engine, actor: str) -> None:
        self.path = path
        self.engine = engine
        self.actor = actor
        self._sessions = sessionmaker(engine, expire_on_commit=False)

    @classmethod
    def open(cls, path: str | os.PathLike[str], *, actor: str | None = None) -> MinuteBook:
        """Open ``path``, creating it if missing, and bring its schema up to date."""
        from minute_taker.store import migrate

        path = Path(path).expanduser().absolute()
        if path.is_dir():
            raise NotABookError(f"{path} is a folder, not a minute book.")
        if path.exists():
            check_is_sqlite(path)
            migrate.upgrade_book(path)
        else:
            create_new_book(path)
        engine = create_book_engine(path)
        book = cls(path, engine, actor or default_actor())
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
            raise BookWriteError(_describe_write_failure(self.path, exc)) from exc
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> MinuteBook:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


def default_actor() -> str:
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user database entry (containers) or no login name
        return "unknown"


def _describe_write_failure(path: Path, exc: OperationalError) -> str:
    text = str(exc.orig).lower()
    if "locked" in text or "busy" in text:
        return f"{path.name} is busy in another program; your change was not saved yet."
    if "full" in text:
        return f"The disk holding {path.name} is full; your change was not saved yet."
    if "readonly" in text or "read-only" in text:
        return f"{path.name} is read-only; your change was not saved yet."
    return f"Could not write to {path.name}: {exc.orig}"
