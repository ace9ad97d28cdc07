"""The connection to a book file: the engine with the book's pragmas, and the checks
made on a file before any connection could change it.

Durability choices (see docs/storage.md): WAL journal so readers never block the
writer; ``synchronous=FULL`` so a committed edit survives power loss as well as a
killed process (measured: ~0.2 ms a commit, nothing a typist can feel); a busy
timeout so a second process waits briefly instead of failing at once; foreign
keys on, which SQLite leaves off by default.

Both ``book`` (opening a book) and ``migrate`` (upgrading its schema) use it, so
neither needs the other's internals.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from sqlalchemy import Connection, Engine, create_engine, event
from sqlalchemy.pool import NullPool

from minute_taker.paths import ensure_private_dir
from minute_taker.store.errors import BookError, BookWriteError, NotABookError

BUSY_TIMEOUT_MS = 5000
SQLITE_MAGIC = b"SQLite format 3\x00"


def create_book_engine(path: Path, *, foreign_keys: bool = True,
                       read_only: bool = False, journal_mode: str = "WAL") -> Engine:
    """An engine on ``path`` with the book's pragmas set on every new connection.

    ``read_only`` sets SQLite's ``query_only``, so any write, from whatever code path,
    fails in SQLite itself instead of reaching the file (on PostgreSQL the same job is
    done by ``default_transaction_read_only``). ``journal_mode`` is WAL for a book and
    DELETE for a file people attach to e-mails while it is open (MinuteBook.
    write_each_change_through); SQLite only, like the other pragmas here.
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
            cursor.execute(f"PRAGMA journal_mode = {journal_mode}")
            cursor.execute("PRAGMA synchronous = FULL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
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
        ensure_private_dir(path.parent)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    except OSError as exc:
        raise BookWriteError(f"Cannot create {path}: {exc.strerror or exc}.") from exc
    os.close(fd)
