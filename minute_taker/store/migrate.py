"""Bring a book's schema to the version this program writes, or refuse it.

Called on every open. A new (empty) book is upgraded from nothing, so new and
old books take the same path. An existing book is copied with SQLite's online
backup API before any DDL, because SQLite DDL inside Alembic is not
transactional: if a migration fails the copy is put back and the user is told.
A book stamped with a revision this program does not know was written by a
newer Minute Taker and is refused untouched.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from importlib import resources
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, inspect
from sqlalchemy.exc import DatabaseError
from sqlalchemy.pool import NullPool

from minute_taker.store.book import create_book_engine
from minute_taker.store.errors import BookError, NewerBookError, NotABookError

log = logging.getLogger(__name__)


def alembic_config() -> Config:
    cfg = Config()
    location = resources.files("minute_taker.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def _probe_engine(path: Path) -> Engine:
    """An engine that sets no pragmas, to decide whether ``path`` is a book we may touch.

    ``journal_mode=WAL`` rewrites the header of a database in another journal mode, so the
    book's own engine would change an unrelated database before we could refuse it. Not
    opened read-only: SQLite would then leave -wal and -shm files beside a WAL-mode file.
    """
    return create_engine("sqlite://", creator=lambda: sqlite3.connect(path),
                         poolclass=NullPool)


def current_revision(path: Path) -> str | None:
    engine = _probe_engine(path)
    try:
        with engine.connect() as connection:
            return MigrationContext.configure(connection).get_current_revision()
    finally:
        engine.dispose()


def upgrade_book(path: Path, target: str = "head") -> None:
    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    probe = _probe_engine(path)
    engine = create_book_engine(path, foreign_keys=False)
    try:
        try:
            with probe.connect() as connection:
                current = MigrationContext.configure(connection).get_current_revision()
                tables = set(inspect(connection).get_table_names())
                connection.rollback()
        finally:
            probe.dispose()
        _check_known(path, script, current, tables)
        wanted = script.get_current_head() if target == "head" else target
        if current == wanted:
            return
        backup = _backup_before_migrating(path, current)
        try:
            with engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, target)
        except Exception as exc:
            _restore(backup, path)
            raise BookError(
                f"Could not update {path.name} to this version of Minute Taker ({exc}). "
                "The book has been restored as it was."
            ) from exc
        finally:
            if backup is not None:
                backup.unlink(missing_ok=True)
        log.info("migrated %s from %s to %s", path, current, wanted)
    except DatabaseError as exc:
        raise NotABookError(
            f"{path.name} is damaged or not a minute book ({exc.orig}). "
            "The file has not been changed."
        ) from exc
    finally:
        engine.dispose()


def _check_known(path: Path, script: ScriptDirectory, current: str | None,
                 tables: set[str]) -> None:
    if current is None:
        if tables:
            raise NotABookError(
                f"{path.name} is an SQLite database but not a minute book. "
                "The file has not been changed."
            )
        return
    known = {rev.revision for rev in script.walk_revisions()}
    if current not in known:
        raise NewerBookError(
            f"{path.name} was written by a newer version of Minute Taker. "
            "Update Minute Taker to open it; the book has not been changed."
        )


def _backup_before_migrating(path: Path, current: str | None) -> Path | None:
    if current is None:
        return None
    backup = path.with_name(f"{path.name}.before-upgrade-{current}")
    with contextlib.closing(sqlite3.connect(path)) as src, \
            contextlib.closing(sqlite3.connect(backup)) as dst:
        src.backup(dst)
    backup.chmod(0o600)
    return backup


def _restore(backup: Path | None, path: Path) -> None:
    if backup is None:
        return
    with contextlib.closing(sqlite3.connect(backup)) as src, \
            contextlib.closing(sqlite3.connect(path)) as dst:
        src.backup(dst)
