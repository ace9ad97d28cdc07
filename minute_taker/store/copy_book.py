"""A whole book copied from one place to another, a file or a team book (issue 22).

A clerk who starts alone keeps the book in a file; when the team moves to a database
server, the book goes with it (``minute-taker copy-book Panel.minutebook
postgresql://...``), and back to a file when a copy is to be kept or sent. Every row of
every table is copied with its id, so what refers to what (an action's item, an
approval's meeting, a review copy's dispatch) is as it was, and an approval's digest
still matches the minutes it approved.

The copy is checked before it is kept: every table's rows counted and digested on both
sides (``TableCheck``), in the target's transaction, so a copy that does not match is
never committed. The target must be a new book: a new file, or an empty database, or a
book holding no committee, person or meeting (its first rows, the quick phrases every
book starts with, are replaced by the source's).

Differences between the two kinds of book met here, each handled where it is met:

- rows that refer to rows of their own table (a sub-item's parent, an action carried
  from another) may refer to a later id: they are copied without that reference first,
  and it is set once every row is there (foreign keys are checked at each statement on
  both, and PostgreSQL's are not deferrable);
- PostgreSQL gives ids from a sequence, which rows copied with their ids do not
  advance: each is set past the largest id copied, or the next row made would collide;
- a file's full-text index (SQLite's FTS5) is filled by its triggers as the rows arrive;
  a team book has none yet (store/server.py).
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, Table, func, select, text, update

from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookError
from minute_taker.store.models import Base

# A book with a row in any of these is not new: its rows would be lost under the copy's.
_CONTENT = ("committee", "person", "meeting")
# Who holds a meeting's notes in an open window is the live state of one book, not its
# minutes: not copied (a copy starts with nobody holding anything).
_LIVE = ("notes_lease",)


def _tables() -> list[Table]:
    return [table for table in Base.metadata.sorted_tables if table.name not in _LIVE]
_BATCH = 500


@dataclass(frozen=True, slots=True)
class TableCheck:
    """One table as read on one side: how many rows, and a digest of them all."""

    table: str
    rows: int
    digest: str


@dataclass(frozen=True, slots=True)
class CopyReport:
    source: str
    target: str
    tables: tuple[TableCheck, ...]

    @property
    def rows(self) -> int:
        return sum(check.rows for check in self.tables)


def copy_book(source: MinuteBook, target: MinuteBook) -> CopyReport:
    """Copy every row of ``source`` into ``target`` (a new book), check that both hold
    the same rows, and commit; if anything fails or differs, ``target`` is as it was."""
    if target.read_only:
        raise BookError(f"{_name(target)} is open read-only, so nothing can be copied into "
                        f"it. {target.read_only}")
    tables = _tables()
    with source.unit_of_work() as reading, target.unit_of_work() as writing:
        read, write = reading.connection(), writing.connection()
        _check_new(write, _name(target))
        for table in reversed(Base.metadata.sorted_tables):
            write.execute(table.delete())
        for table in tables:
            _copy_table(read, write, table)
        _advance_sequences(write, tables)
        before = [check_table(read, table) for table in tables]
        after = [check_table(write, table) for table in tables]
        differing = [b.table for b, a in zip(before, after, strict=True) if b != a]
        if differing:
            raise BookError(f"The copy of {_name(source)} in {_name(target)} does not match "
                            f"it ({', '.join(differing)}), so it was not kept.")
    return CopyReport(_name(source), _name(target), tuple(before))


def check_book(book: MinuteBook) -> tuple[TableCheck, ...]:
    """Every table's rows counted and digested, in one read (``copy-book --check``, and
    a test that a copy holds what its source does)."""
    with book.unit_of_work() as session:
        connection = session.connection()
        return tuple(check_table(connection, table) for table in _tables())


def check_table(connection: Connection, table: Table) -> TableCheck:
    """The rows of ``table`` in primary-key order, each value written the same way
    whichever database it came from, digested with SHA-256."""
    digest = hashlib.sha256()
    count = 0
    order = list(table.primary_key.columns)
    for row in connection.execute(select(table).order_by(*order)):
        digest.update("\x1f".join(_canonical(value) for value in row).encode())
        digest.update(b"\x1e")
        count += 1
    return TableCheck(table.name, count, digest.hexdigest())


def _canonical(value: Any) -> str:
    if value is None:
        return "\x00"
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, dt.datetime | dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if hasattr(value, "value"):  # an enum, stored as its value
        return str(value.value)
    return str(value)


def _check_new(connection: Connection, name: str) -> None:
    for table_name in _CONTENT:
        table = Base.metadata.tables[table_name]
        if connection.execute(select(func.count()).select_from(table)).scalar_one():
            raise BookError(f"{name} already holds minutes (its {table_name} table is not "
                            "empty): a book is copied into a new file or an empty database "
                            "only, so that nothing in it is lost.")


def _copy_table(read: Connection, write: Connection, table: Table) -> None:
    own = [fk.parent.name for fk in table.foreign_keys if fk.column.table is table]
    # Set again as copied, or setting the reference would stamp them anew (updated_at).
    stamped = [column.name for column in table.columns if column.onupdate is not None]
    kept = [*own, *stamped]
    key = [column.name for column in table.primary_key.columns]
    later: list[dict[str, Any]] = []
    for rows in _batches(read.execute(select(table).order_by(*table.primary_key.columns))):
        values = [dict(row._mapping) for row in rows]
        for row in values:
            if any(row[name] is not None for name in own):
                later.append({name: row[name] for name in [*key, *kept]})
                row.update(dict.fromkeys(own))
        write.execute(table.insert(), values)
    for row in later:
        where = [table.c[k] == row[k] for k in key]
        write.execute(update(table).where(*where).values({name: row[name] for name in kept}))


def _batches(rows: Iterable[Any]) -> Iterable[Sequence[Any]]:
    batch: list[Any] = []
    for row in rows:
        batch.append(row)
        if len(batch) == _BATCH:
            yield batch
            batch = []
    if batch:
        yield batch


def _advance_sequences(connection: Connection, tables: Sequence[Table]) -> None:
    """PostgreSQL only: each table's id sequence set past the largest id copied (the
    next row made would otherwise be given an id already taken). SQLite gives the next
    id from the largest in the table, so a file needs nothing."""
    if connection.dialect.name != "postgresql":
        return
    for table in tables:
        column = table.autoincrement_column
        if column is None:
            continue
        connection.execute(
            text("SELECT setval(pg_get_serial_sequence(:table, :column), "
                 f"coalesce((SELECT max({column.name}) FROM {table.name}), 0) + 1, false)"),
            {"table": table.name, "column": column.name})


def _name(book: MinuteBook) -> str:
    return book.name
