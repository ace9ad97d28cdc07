"""A book from every earlier revision, with rows in every table, upgrades to head intact.

The starting points come from the migration history, so a new revision is covered as
soon as it exists. The book is built at the revision, every table of that revision's live
schema is filled with raw SQL (values chosen from each column's declared type, the
models' vocabularies and the foreign keys), and then it is opened with
``MinuteBook.open``, the path every upgrade takes in the app.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import re
import sqlite3
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Enum, select
from test_migrations import not_search_index
from test_search_index import index_problems, kinds_indexed

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, approval, committees, interchange, meetings
from minute_taker.store import migrate, search_index
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Base

Row = dict[str, Any]
Snapshot = dict[str, dict[tuple[Any, ...], Row]]

# Tables a migration removed on purpose; any other table must survive with its rows.
RETIRED_TABLES: set[str] = set()

# Values a migration rewrites on purpose: (table, column, before, after), each with why.
REWRITTEN: set[tuple[str, str, object, object]] = {
    # 0004: carrying an action forward no longer changes the earlier minutes; an action
    # marked so by the old code in minutes not approved says "open" again, as they did.
    ("action", "status", "carried_forward", "open"),
}

# Free-text columns with a closed vocabulary (see the comments in store/models.py), and
# text the services parse. Enum columns take their values from the models instead. A
# CHECK constraint the sample values break fails the fill: give the column a value here.
VOCABULARY: dict[tuple[str, str], object] = {
    ("review_dispatch", "verdict"): "returned",
    ("review_dispatch", "item_digests"): "{}",
    ("review_suggestion", "target"): "minutes",
    ("review_suggestion", "status"): "pending",
    ("approval", "canonical"): "{}",
    ("approval", "canonical_version"): 1,
    ("audit_entry", "detail"): '{"from": "draft", "to": "in_review"}',
}


def earlier_revisions() -> list[str | None]:
    """Every revision but the head, oldest first, after None: a book made from nothing."""
    script = ScriptDirectory.from_config(migrate.alembic_config())
    head = script.get_current_head()
    return [None, *(r.revision for r in reversed(list(script.walk_revisions()))
                    if r.revision != head)]


# --- the live schema ----------------------------------------------------------------------

@dataclass(frozen=True, slots=True)
class Column:
    index: int
    name: str
    type: str
    not_null: bool
    pk: int  # position in the primary key, 0 if not in it


@dataclass(frozen=True, slots=True)
class ForeignKey:
    columns: tuple[str, ...]
    table: str
    targets: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class Table:
    name: str
    columns: tuple[Column, ...]
    foreign_keys: tuple[ForeignKey, ...]

    @property
    def primary_key(self) -> tuple[str, ...]:
        return tuple(c.name for c in sorted(self.columns, key=lambda c: c.pk) if c.pk)

    @property
    def rowid_key(self) -> bool:
        """A single INTEGER primary key: SQLite assigns it, as the app lets it."""
        return len(self.primary_key) == 1 and any(
            c.pk and c.type.upper() == "INTEGER" for c in self.columns)


@contextlib.contextmanager
def connect(path: Path) -> Iterator[sqlite3.Connection]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.row_factory = sqlite3.Row
        connection.execute("PRAGMA foreign_keys = ON")
        yield connection


def live_tables(connection: sqlite3.Connection) -> dict[str, Table]:
    names = [row[0] for row in connection.execute(
        "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
        "AND name != 'alembic_version' ORDER BY name")
        # The full-text index is filled by triggers from the rows here, not by the filler,
        # and FTS5's tables have no primary key to compare by (test_search_index.py).
        if not row[0].startswith(search_index.PREFIX)]
    tables = {}
    for name in names:
        columns = tuple(Column(r["cid"], r["name"], r["type"], bool(r["notnull"]), r["pk"])
                        for r in connection.execute(f'PRAGMA table_info("{name}")'))
        grouped: dict[int, list[sqlite3.Row]] = {}
        for r in connection.execute(f'PRAGMA foreign_key_list("{name}")'):
            grouped.setdefault(r["id"], []).append(r)
        foreign_keys = tuple(
            ForeignKey(tuple(r["from"] for r in rows), rows[0]["table"],
                       tuple(r["to"] for r in rows))
            for rows in (sorted(g, key=lambda r: r["seq"]) for g in grouped.values()))
        tables[name] = Table(name, columns, foreign_keys)
    return tables


def parents_first(tables: dict[str, Table]) -> list[Table]:
    ordered: list[Table] = []
    waiting = dict(tables)
    while waiting:
        ready = [t for t in waiting.values()
                 if all(fk.table == t.name or fk.table in {o.name for o in ordered}
                        for fk in t.foreign_keys)]
        assert ready, f"foreign keys form a cycle among {sorted(waiting)}"
        for table in sorted(ready, key=lambda t: t.name):
            ordered.append(waiting.pop(table.name))
    return ordered


def snapshot(path: Path) -> Snapshot:
    """Every row of every table, keyed by primary key."""
    if not path.exists():
        return {}
    with connect(path) as connection:
        result: Snapshot = {}
        for table in live_tables(connection).values():
            assert table.primary_key, f"{table.name} has no primary key to compare rows by"
            rows = [dict(r) for r in connection.execute(f'SELECT * FROM "{table.name}"')]
            result[table.name] = {tuple(r[c] for c in table.primary_key): r for r in rows}
        return result


# --- filling every table ------------------------------------------------------------------

def model_enum_values(table: str, column: str) -> list[str] | None:
    model = Base.metadata.tables.get(table)
    kind = model.c[column].type if model is not None and column in model.c else None
    return list(kind.enums) if isinstance(kind, Enum) else None


def sample_value(table: Table, column: Column, row: int) -> object:
    """A value of the column's kind, different in every column (a copy that swaps two
    columns shows), and not the model's default where there is a choice."""
    if (table.name, column.name) in VOCABULARY:
        return VOCABULARY[table.name, column.name]
    choices = model_enum_values(table.name, column.name)
    if choices:
        return choices[(1 + row) % len(choices)]
    name, kind, n = column.name, column.type.upper(), column.index
    if name == "uid" or name.endswith("_uid"):
        return str(uuid.uuid4())
    if name == "digest" or name.endswith("_digest"):
        return hashlib.sha256(f"{table.name}.{name}.{row}".encode()).hexdigest()
    if name == "email":
        return f"clerk{row}@example.org"
    if kind in BY_TYPE:
        return BY_TYPE[kind](name, n, row)
    if varchar := re.fullmatch(r"VARCHAR\((\d+)\)", kind):
        text, limit = f"{name} {row}", int(varchar.group(1))
        return text if len(text) <= limit else f"{name[:limit - 2]} {row}"[-limit:]
    raise AssertionError(f"no sample value for {table.name}.{name} of type {column.type}: "
                         "teach sample_value() this type")


# Stored as SQLAlchemy's SQLite dialect writes them, so the models read them back.
BY_TYPE: dict[str, Callable[[str, int, int], object]] = {
    "INTEGER": lambda name, n, row: 11 * (n + 1) + row,
    "BIGINT": lambda name, n, row: 2**40 + 11 * (n + 1) + row,
    "BOOLEAN": lambda name, n, row: 1,
    "TEXT": lambda name, n, row: f"{name} {row}",
    "DATE": lambda name, n, row: (dt.date(2017, 10, 1)
                                  + dt.timedelta(days=n + 40 * row)).isoformat(),
    "TIME": lambda name, n, row: dt.time(9 + row, n % 60, 30).strftime("%H:%M:%S.%f"),
    "DATETIME": lambda name, n, row: dt.datetime(2017, 10, 31, 9 + row, n % 60, 30)
    .strftime("%Y-%m-%d %H:%M:%S.%f"),
}


def fill_row(connection: sqlite3.Connection, table: Table, row: int,
             filled: dict[str, list[Row]]) -> Row:
    values: Row = {}
    for fk in table.foreign_keys:
        if fk.table == table.name and row == 0:
            nullable = not any(c.not_null for c in table.columns if c.name in fk.columns)
            assert nullable, f"{table.name} refers to itself with a NOT NULL column"
            values.update(dict.fromkeys(fk.columns))
            continue
        parent = filled[fk.table][0]
        assert all(fk.targets), f"{table.name} refers to {fk.table} without naming columns"
        values.update({c: parent[t] for c, t in zip(fk.columns, fk.targets, strict=True)})
    for column in table.columns:
        if column.name in values or (column.pk and table.rowid_key):
            continue
        values[column.name] = sample_value(table, column, row)
    names = ", ".join(f'"{name}"' for name in values)
    marks = ", ".join("?" for _ in values)
    cursor = connection.execute(f'INSERT INTO "{table.name}" ({names}) VALUES ({marks})',
                                tuple(values.values()))
    return dict(connection.execute(f'SELECT * FROM "{table.name}" WHERE rowid = ?',
                                   (cursor.lastrowid,)).fetchone())


def fill_every_table(path: Path) -> None:
    """One row in each table (two where a table refers to itself: a parent and its child),
    every column given a value, foreign keys on so every reference must resolve."""
    with connect(path) as connection, connection:
        filled: dict[str, list[Row]] = {}
        for table in parents_first(live_tables(connection)):
            refers_to_itself = any(fk.table == table.name for fk in table.foreign_keys)
            filled[table.name] = []
            for row in range(2 if refers_to_itself else 1):
                filled[table.name].append(fill_row(connection, table, row, filled))


# --- checks after the upgrade -------------------------------------------------------------

def lost_values(before: Snapshot, after: Snapshot) -> list[str]:
    """Rows gone, and values changed in columns that still exist, as readable lines."""
    lost = []
    for table, rows in before.items():
        if table in RETIRED_TABLES:
            continue
        if table not in after:
            lost.append(f"table {table} is gone")
            continue
        for key, old in rows.items():
            new = after[table].get(key)
            if new is None:
                lost.append(f"{table} {key}: row is gone")
                continue
            lost.extend(f"{table} {key}.{column}: {value!r} became {new[column]!r}"
                        for column, value in old.items()
                        if column in new and new[column] != value
                        and (table, column, value, new[column]) not in REWRITTEN)
    return lost


def schema_diff(book: MinuteBook) -> list[object]:
    with book.engine.connect() as connection:
        # Without the full-text index: not in the models (test_migrations.not_search_index).
        context = MigrationContext.configure(connection, opts={
            "compare_type": True, "include_name": not_search_index})
        return list(compare_metadata(context, Base.metadata))


def pragma(path: Path, name: str) -> list[tuple[Any, ...]]:
    with connect(path) as connection:
        return [tuple(r) for r in connection.execute(f"PRAGMA {name}")]


def check_usable(book: MinuteBook) -> None:
    """Every row loads through the models; every meeting exports to a valid file; minutes
    in review can be approved, and approvals verify; a new meeting can be written."""
    with book.unit_of_work() as session:
        for mapper in Base.registry.mappers:
            session.scalars(select(mapper.class_)).all()
    committee = committees.create_committee(book, "Audit Committee")
    added = meetings.create_meeting(book, committee.id, "After the upgrade",
                                    dt.date(2018, 1, 30))
    agenda.add_item(book, added.id, "Apologies")
    meetings.change_status(book, added.id, Transition.SEND_FOR_REVIEW)
    for meeting in meetings.list_meetings(book):
        interchange.check_meeting(interchange.export_meeting(book, meeting.id))
        if meeting.status is MeetingStatus.IN_REVIEW:
            meetings.change_status(book, meeting.id, Transition.APPROVE)
    results = approval.verify_book(book)
    assert added.id in {r.meeting_id for r in results}
    assert all(r.matches for r in results)


# --- tests --------------------------------------------------------------------------------

def test_every_earlier_revision_is_a_starting_point() -> None:
    starts = earlier_revisions()
    assert starts[0] is None
    assert migrate.head_revision() not in starts
    assert len(starts) == len(list(ScriptDirectory.from_config(
        migrate.alembic_config()).walk_revisions()))


@pytest.mark.parametrize("revision", earlier_revisions(), ids=lambda r: r or "new-book")
def test_a_full_book_upgrades_from_revision_to_head_intact(revision: str | None,
                                                            book_path: Path) -> None:
    if revision is not None:
        book_path.touch(mode=0o600)
        migrate.upgrade_book(book_path, target=revision)
        assert migrate.current_revision(book_path) == revision
        fill_every_table(book_path)
    # With no revision there is no file: MinuteBook.open builds the book from an empty one.
    before = snapshot(book_path)
    assert [name for name, rows in before.items() if not rows] == []

    with MinuteBook.open(book_path, actor="Test Clerk") as book:
        assert migrate.current_revision(book_path) == migrate.head_revision()
        assert lost_values(before, snapshot(book_path)) == []
        assert pragma(book_path, "integrity_check") == [("ok",)]
        assert pragma(book_path, "foreign_key_check") == []
        assert schema_diff(book) == []
        assert [p.name for p in book_path.parent.iterdir() if "before-upgrade" in p.name] == []
        # Revision 0012 indexed every row the book held, of every kind it had (issue 20).
        assert index_problems(book_path) == []
        assert kinds_indexed(book_path) == {s.kind for s in search_index.SOURCES
                                            if s.table in before}
        check_usable(book)


def test_the_filler_puts_a_row_in_every_table_at_head(book_path: Path) -> None:
    # At head the models list every table; the filler must reach them all, so a table a
    # later revision starts from is never left empty.
    MinuteBook.open(book_path).close()
    fill_every_table(book_path)
    counts = {name: len(rows) for name, rows in snapshot(book_path).items()}
    assert set(counts) == set(Base.metadata.tables)
    assert 0 not in counts.values()
    with MinuteBook.open(book_path, actor="Test Clerk") as book:
        check_usable(book)


def test_lost_values_notices_a_changed_value_and_a_missing_row(book_path: Path) -> None:
    MinuteBook.open(book_path).close()
    fill_every_table(book_path)
    before = snapshot(book_path)
    with connect(book_path) as connection, connection:
        connection.execute("UPDATE person SET email = 'someone@example.org'")
        connection.execute("DELETE FROM dictionary_word")
    assert sorted(line.split(":")[0] for line in lost_values(before, snapshot(book_path))) \
        == ["dictionary_word (1,)", "person (1,).email"]


def test_minutes_approved_before_0003_verify_as_unrecorded(book_path: Path) -> None:
    """0003 began recording approvals; minutes approved earlier have nothing to check
    against. They are reported as such (not as changed, and not as an error for the book),
    and can still be reopened and approved again, which records an approval."""
    book_path.touch(mode=0o600)
    migrate.upgrade_book(book_path, target="0002")
    fill_every_table(book_path)
    with connect(book_path) as connection, connection:
        connection.execute("UPDATE meeting SET status = 'approved'")
    with MinuteBook.open(book_path, actor="Test Clerk") as book:
        results = approval.verify_book(book)
        assert results and all(r.approval is None for r in results)
        assert not any(r.matches or r.changed for r in results)
        meeting_id = results[0].meeting_id
        meetings.change_status(book, meeting_id, Transition.REOPEN, reason="to record it")
        meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, meeting_id, Transition.APPROVE)
        again = {r.meeting_id: r for r in approval.verify_book(book)}
        assert again[meeting_id].matches
