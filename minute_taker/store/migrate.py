"""Bring a book's schema to the version this program writes, or refuse it.

Called on every open. A new book is made from the models' tables and stamped with
the newest revision (``create_book``): running every migration from nothing took 0.4 s
of a first start, and a test holds the two ways to the same tables and rows. An
existing book is copied with SQLite's online
backup API before any DDL, because SQLite DDL inside Alembic is not
transactional: if a migration fails the copy is put back and the user is told.
An upgraded book is then vacuumed, before the copy is deleted, to give back the
pages the migrations' table copies freed.
A book stamped with a revision this program does not know was written by a
newer Minute Taker and is refused untouched.

Alembic is imported only when a book needs upgrading: a book already at
``HEAD_REVISION`` (every start but the first after an update) opens without
loading it, which keeps a tenth of a second off start-up.
"""

from __future__ import annotations

import contextlib
import logging
import sqlite3
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy.exc import DatabaseError

from minute_taker.store.engine import create_book_engine
from minute_taker.store.errors import (
    BookError,
    DamagedBookError,
    NewerBookError,
    NotABookError,
)

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory
    from sqlalchemy import Connection, Engine

log = logging.getLogger(__name__)

# The newest revision in migrations/versions; a test checks it against Alembic's head.
HEAD_REVISION = "0017"


def alembic_config() -> Config:
    from alembic.config import Config

    cfg = Config()
    location = resources.files("minute_taker.store") / "migrations"
    cfg.set_main_option("script_location", str(location))
    return cfg


def head_revision() -> str:
    from alembic.script import ScriptDirectory

    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None
    return head


def current_revision(path: Path) -> str | None:
    return inspect_book(path)[0]


def inspect_book(path: Path) -> tuple[str | None, set[str]]:
    """(Alembic revision, table names), read without changing a byte of the file.

    The book engine sets WAL mode on connect, which rewrites the file header; a
    file must be known to be a book before that happens. A plain connection that
    only SELECTs, not a read-only one: SQLite would leave -wal and -shm files
    beside a WAL-mode file opened read-only.
    """
    try:
        with contextlib.closing(sqlite3.connect(path)) as connection:
            tables = {row[0] for row in connection.execute(
                "SELECT name FROM sqlite_master WHERE type = 'table'")}
            revision = None
            if "alembic_version" in tables:
                row = connection.execute("SELECT version_num FROM alembic_version").fetchone()
                revision = row[0] if row else None
            # Damage in a page the schema does not touch would otherwise surface only
            # when that meeting is read. quick_check reads every page (about 1 ms for a
            # small book, see benchmarks/open_bench.py) so it is found now, while the
            # latest backup can still be offered in its place.
            problems = [row[0] for row in connection.execute("PRAGMA quick_check(3)")]
    except sqlite3.DatabaseError as exc:
        raise NotABookError(
            f"{path.name} is damaged or not a minute book ({exc}). "
            "The file has not been changed."
        ) from exc
    if problems != ["ok"]:
        raise DamagedBookError(
            f"{path.name} is damaged: SQLite's check of its pages found errors. "
            "The file has not been changed.", details="\n".join(problems))
    return revision, tables


def check_current(path: Path) -> None:
    """Refuse, untouched, a book that would need upgrading (to be opened read-only)."""
    current, tables = inspect_book(path)
    if current == HEAD_REVISION:
        return
    from alembic.script import ScriptDirectory

    _check_known(path, ScriptDirectory.from_config(alembic_config()), current, tables)
    raise BookError(
        f"{path.name} was made by an earlier version of Minute Taker and must be updated "
        "before it can be opened, which cannot be done while it is read-only or open "
        "elsewhere. The book has not been changed."
    )


def create_book(path: Path) -> None:
    """Make the empty SQLite file at ``path`` a book of the newest revision: the models'
    tables, the rows every book starts with (``seed``), and Alembic's stamp, as
    ``alembic stamp head`` writes it. In one transaction: a failure leaves no tables."""
    _revision, tables = inspect_book(path)
    if tables:
        raise BookError(f"{path.name} is not empty; a new book is made in an empty file.")
    engine = create_book_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            make_tables(connection)
    finally:
        engine.dispose()


def make_tables(connection: Connection) -> None:
    """The tables, first rows and stamp of a new book, in the caller's transaction: a
    file's (``create_book``) or a team book's (``prepare_server``)."""
    from sqlalchemy import insert, text

    from minute_taker.store import search_indexes, seed
    from minute_taker.store.models import Base, QuickPhrase

    Base.metadata.create_all(connection)
    connection.execute(insert(QuickPhrase), [
        {"position": i, "text": phrase} for i, phrase in enumerate(seed.QUICK_PHRASES)])
    # The full-text index is SQL the models cannot declare (an FTS5 table, or tsvector
    # columns, and triggers): made here as the revisions make it, SQLite's by 0012 to
    # 0014 (store/search_index.py), PostgreSQL's by 0017 (store/search_index_pg.py).
    for statement in search_indexes.create_statements(connection):
        connection.exec_driver_sql(statement)
    connection.execute(text(
        "CREATE TABLE alembic_version (version_num VARCHAR(32) NOT NULL, "
        "CONSTRAINT alembic_version_pkc PRIMARY KEY (version_num))"))
    connection.execute(text("INSERT INTO alembic_version (version_num) VALUES (:head)"),
                       {"head": HEAD_REVISION})


def check_server_current(engine: Engine, name: str) -> None:
    """Refuse, untouched, a team book that is not at this program's revision (to be
    opened read-only, which cannot upgrade it)."""
    with engine.connect() as connection:
        current, _tables = _server_revision(connection)
    if current == HEAD_REVISION:
        return
    if current is None:
        raise NotABookError(f"{name} is not a minute book. It has not been changed.")
    raise BookError(f"{name} is at revision {current}, not this version of Minute Taker's "
                    f"({HEAD_REVISION}): open it for editing once to update it, or update "
                    "Minute Taker. It has not been changed.")


# The lock two windows opening a team book at once take in turn (pg_advisory_xact_lock,
# a number of the app's own), so that an update of the book is made by the first only.
SERVER_UPGRADE_LOCK = 0x4D696E7574  # "Minut"


def prepare_server(engine: Engine, name: str, target: str = "head", *,
                   create: bool = True) -> None:
    """Bring the team book behind ``engine`` (called ``name`` in messages) to ``target``:
    an empty database is made a new book (unless ``create`` is False: a command that
    changes a book refuses to start one); an older one is upgraded; one written by a
    newer Minute Taker, or a database holding other tables, is refused untouched.

    Two clerks opening the book at once, the first after an update of the app, take
    turns (an advisory lock held to the end of the transaction): the second finds the
    book made or upgraded by the first, rather than failing on the first's tables.

    PostgreSQL runs DDL inside the transaction, so an upgrade that fails leaves the
    book as it was without the copy a file needs first, and there is nothing to vacuum
    afterwards (its autovacuum does). Alembic's batch operations, which copy a table on
    SQLite, are plain ALTER TABLEs here."""
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    with engine.begin() as connection:
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({SERVER_UPGRADE_LOCK})")
        current, tables = _server_revision(connection)
        if not tables and not create:
            raise NotABookError(f"There is no minute book in {name} yet: import a meeting "
                                "into it (minute-taker import) or open it in the app first.")
        if not tables and target == "head":
            make_tables(connection)
            log.info("made a new team book in %s", name)
            return
        _check_known(Path(name), script, current, tables, what="a database holding tables")
        wanted = script.get_current_head() if target == "head" else target
        if current == wanted:
            return
        cfg.attributes["connection"] = connection
        try:
            command.upgrade(cfg, target)
        except Exception as exc:
            raise BookError(f"Could not update {name} to this version of Minute Taker "
                            f"({exc}). The book is as it was.") from exc
        log.info("migrated %s from %s to %s", name, current, wanted)


def _server_revision(connection: Connection) -> tuple[str | None, set[str]]:
    """(Alembic revision, table names) of a team book's database: ``inspect_book``'s
    answer for a server, where there is no file to read without a connection."""
    from sqlalchemy import inspect, text

    tables = set(inspect(connection).get_table_names())
    current = None
    if "alembic_version" in tables:
        current = connection.execute(text("SELECT version_num FROM alembic_version")).scalar()
    return current, tables


def upgrade_book(path: Path, target: str = "head") -> None:
    current, tables = inspect_book(path)
    if current == HEAD_REVISION and target == "head":
        return
    from alembic import command
    from alembic.script import ScriptDirectory

    cfg = alembic_config()
    script = ScriptDirectory.from_config(cfg)
    _check_known(path, script, current, tables)
    wanted = script.get_current_head() if target == "head" else target
    if current == wanted:
        return
    backup = _backup_before_migrating(path, current)
    engine = create_book_engine(path, foreign_keys=False)
    try:
        try:
            with engine.begin() as connection:
                cfg.attributes["connection"] = connection
                command.upgrade(cfg, target)
        except Exception as exc:
            engine.dispose()
            _restore(backup, path)
            if isinstance(exc, DatabaseError):
                raise NotABookError(
                    f"{path.name} is damaged or not a minute book ({exc.orig}). "
                    "The file has been restored as it was."
                ) from exc
            raise BookError(
                f"Could not update {path.name} to this version of Minute Taker ({exc}). "
                "The book has been restored as it was."
            ) from exc
        log.info("migrated %s from %s to %s", path, current, wanted)
        if backup is not None:  # while it exists: a VACUUM cut short loses nothing
            _vacuum(engine, path)
    finally:
        engine.dispose()
        if backup is not None:
            backup.unlink(missing_ok=True)


def _vacuum(engine: Engine, path: Path) -> None:
    """Give back the pages an upgrade freed: SQLite cannot alter a column in place, so a
    migration copies the table and drops the old one, which left 42 % of a book upgraded
    from 0001 as free pages that only VACUUM returns.

    VACUUM writes a whole new copy, so it needs free disk space about the size of the
    book; it is all or nothing, and the upgraded book is complete without it. A failure
    (a full disk, most likely) is logged and the book kept as upgraded: this is an
    optimisation, not a requirement. An existing book only: a new one has nothing to free.

    SQLite only, like this module (PostgreSQL's VACUUM is another command, run by its
    autovacuum): a store on another database leaves this out.
    """
    try:
        with engine.connect() as connection:
            # At the driver, which is in autocommit: SQLAlchemy would first send the BEGIN
            # of the engine's "begin" hook, and VACUUM refuses to run inside a transaction.
            driver = connection.connection.driver_connection
            assert isinstance(driver, sqlite3.Connection)
            driver.execute("VACUUM")
    except sqlite3.Error as exc:
        log.warning("could not vacuum %s after upgrading it (%s); it is upgraded, with "
                    "free pages left in the file", path, exc)
        return
    log.info("vacuumed %s", path)


def _check_known(path: Path, script: ScriptDirectory, current: str | None,
                 tables: set[str], *, what: str = "an SQLite database") -> None:
    if current is None:
        if tables:
            raise NotABookError(
                f"{path.name} is {what} but not a minute book. It has not been changed.")
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
