"""The full-text index in the book (store/search_index.py, revision 0012): kept in step by
triggers whoever writes, built for books of every earlier revision, rebuilt whole by
``reindex`` in one transaction, and gone again after a downgrade."""

from __future__ import annotations

import contextlib
import sqlite3
from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic import command
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_migrations import run_alembic

from minute_taker.domain.richtext import sanitise_html
from minute_taker.domain.suggestions import plain_text
from minute_taker.services import search
from minute_taker.store import migrate, search_index
from minute_taker.store.book import MinuteBook

Entry = tuple[str, int, int, int | None, int | None, str]


@contextlib.contextmanager
def raw(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection, as another program would open the book: foreign keys
    off, no function of the app's registered."""
    with contextlib.closing(sqlite3.connect(path)) as db, db:
        yield db


def entries(db: sqlite3.Connection) -> set[Entry]:
    return set(db.execute(
        f"SELECT kind, source_id, meeting_id, item_id, part, body "
        f"FROM {search_index.ENTRY_TABLE}"))


def expected_entries(db: sqlite3.Connection) -> set[Entry]:
    """What indexing every row afresh would make (of rows whose meeting is there: with
    foreign keys off, another program can leave rows of a meeting deleted)."""
    found: set[Entry] = set()
    for source in search_index.SOURCES:
        found |= set(db.execute(
            f"SELECT kind, source_id, meeting_id, item_id, part, body FROM "
            f"({source.select('t', every_row=True)}) "
            "WHERE body <> '' AND meeting_id IN (SELECT id FROM meeting)"))
    return found


def index_problems(path: Path) -> list[str]:
    """Why the index is not in step with the book's rows ([] when it is): entries missing
    or left over, or an FTS5 index that disagrees with the entries."""
    problems = []
    with raw(path) as db:
        try:
            have = entries(db)
        except sqlite3.OperationalError as exc:
            return [str(exc)]
        want = expected_entries(db)
        problems += [f"missing {e[:2]}" for e in sorted(want - have, key=repr)]
        problems += [f"left over {e[:2]}" for e in sorted(have - want, key=repr)]
        for index in (search_index.WORDS_INDEX, search_index.EXACT_INDEX):
            try:
                db.execute(f"INSERT INTO {index} ({index}, rank) VALUES ('integrity-check', 1)")
            except sqlite3.DatabaseError as exc:
                problems.append(f"{index}: {exc}")
    return problems


def kinds_indexed(path: Path) -> set[str]:
    with raw(path) as db:
        return {row[0] for row in db.execute(
            f"SELECT DISTINCT kind FROM {search_index.ENTRY_TABLE}")}


def found(path: Path, word: str) -> int:
    with raw(path) as db:
        row = db.execute(f"SELECT count(*) FROM {search_index.WORDS_INDEX} WHERE "
                         f"{search_index.WORDS_INDEX} MATCH ?", (f'"{word}"',)).fetchone()
        return int(row[0])


@pytest.fixture
def demo_book(book_path: Path) -> Path:
    from minute_taker.services import interchange

    with MinuteBook.open(book_path) as book:
        interchange.load_demo(book)
    return book_path


# --- the notes as plain text, in SQL -----------------------------------------------------

def notes_text(db: sqlite3.Connection, html: str) -> str:
    sql = search_index._notes_text("?")  # one expression, the fragment bound in each place
    return str(db.execute(f"SELECT {sql}", (html,) * sql.count("?")).fetchone()[0])


FRAGMENT = st.lists(st.one_of(
    st.text(max_size=12),
    st.sampled_from(["<p>", "</p>", "<strong>", "</strong>", "<em>", "</em>", "<u>",
                     "</u>", "<ul>", "<li>", "</li>", "</ul>", "<ol>", "<br>", " ", "&amp;",
                     "&lt;", "&gt;", "<a href=\"decision:3f2a9c1b-0000-4000-8000-0123456789ab\">",
                     "</a>", "\\", '"', "\t", "\n", "<h1>", "<td>"])), max_size=25).map("".join)


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(FRAGMENT)
def test_the_notes_are_indexed_as_the_words_a_reader_sees(fragment: str) -> None:
    stored = sanitise_html(fragment)
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        assert notes_text(db, stored).split() == plain_text(stored).split()


def test_tags_and_marks_leave_no_words_behind() -> None:
    stored = ('<p>The <strong>D</strong>CC said <a href="decision:3f2a9c1b-0000-4000-8000-'
              '0123456789ab">approve</a> &amp; &lt;go&gt;</p><ul><li>one</li><li>two</li></ul>')
    with contextlib.closing(sqlite3.connect(":memory:")) as db:
        assert notes_text(db, stored) == "The DCC said approve & <go> one two"
        # Text no program of ours writes (control characters, a lone quote or backslash)
        # is indexed too, never refusing the write.
        assert notes_text(db, '<p>a\x01b"\\</p>') == 'a\x01b"\\'
        assert notes_text(db, "") == ""


# --- kept in step ---------------------------------------------------------------------------

def test_a_new_book_has_the_index_and_it_follows_every_write(demo_book: Path) -> None:
    assert kinds_indexed(demo_book) == set(search_index.KINDS)
    assert index_problems(demo_book) == []


def test_writes_by_another_program_keep_the_index_in_step(demo_book: Path) -> None:
    """Foreign keys off and no app code: the triggers alone, in the writer's transaction."""
    with raw(demo_book) as db:
        db.execute("UPDATE agenda_item SET minutes_html = '<p>Goshawks nest.</p>' "
                   "WHERE number = '1'")
        db.execute("UPDATE agenda_item SET minutes_html = '<p>a\x01b</p>' WHERE number = '2'")
        db.execute("UPDATE person SET name = 'Zebedee Quill' WHERE abbreviation = 'DCC'")
        db.execute("UPDATE action SET status = 'dropped'")
        item = db.execute("SELECT id FROM agenda_item WHERE id IN "
                          "(SELECT item_id FROM decision) LIMIT 1").fetchone()[0]
        db.execute("DELETE FROM agenda_item WHERE id = ?", (item,))
    assert found(demo_book, "goshawks") == 1
    assert found(demo_book, "zebedee") >= 1
    assert index_problems(demo_book) == []
    with raw(demo_book) as db:
        db.execute("DELETE FROM meeting")
        assert entries(db) == set()
    assert index_problems(demo_book) == []


def test_a_write_that_fails_leaves_the_index_as_it_was(demo_book: Path) -> None:
    with raw(demo_book) as db:
        before = entries(db)
    with pytest.raises(RuntimeError), raw(demo_book) as db:
        db.execute("UPDATE agenda_item SET title = 'Ospreys'")
        raise RuntimeError("the writer fails: its transaction is rolled back")
    with raw(demo_book) as db:
        assert entries(db) == before
    assert found(demo_book, "ospreys") == 0


# --- the notes a paragraph an entry (revision 0014) -----------------------------------------

PARAGRAPH = st.one_of(
    st.sampled_from(["<p>Kestrels nest.</p>", "<p>Kestrels nest.</p>", "<p></p>",
                     "<p><strong>Update:</strong> the DCC spoke.</p>",
                     "<ul><li>one</li><li>two</li></ul>", "<p>a<br>b</p>",
                     "<ol><li>x<ul><li>y</li></ul></li></ol>"]),
    st.text(alphabet="ab &<>\"", max_size=6).map(lambda t: f"<p>{t}</p>"))
NOTES = st.lists(PARAGRAPH, max_size=8).map("".join)


@pytest.fixture(scope="module")
def paragraphs_book(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from minute_taker.services import interchange

    path = tmp_path_factory.mktemp("paragraphs") / "book.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
    return path


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(NOTES, min_size=1, max_size=6), st.booleans())
def test_every_sequence_of_saves_leaves_the_notes_index_in_step(
        paragraphs_book: Path, saves: list[str], sanitised: bool) -> None:
    """Paragraphs put in, taken out, changed, repeated, emptied, in any order, as HTML the
    app writes or any text another program writes: after each save the entries are
    exactly what indexing the book afresh makes. Rolled back after each example."""
    with contextlib.closing(sqlite3.connect(paragraphs_book)) as db:
        item = db.execute("SELECT min(id) FROM agenda_item").fetchone()[0]
        db.execute("BEGIN")
        try:
            for html in saves:
                db.execute("UPDATE agenda_item SET minutes_html = ? WHERE id = ?",
                           (sanitise_html(html) if sanitised else html, item))
                assert entries(db) == expected_entries(db)
        finally:
            db.rollback()


def test_typing_at_the_end_re_indexes_one_paragraph(demo_book: Path) -> None:
    """A save while the clerk types changes the entry of the paragraph typed in, in its
    row, and leaves every other paragraph's entry alone (a temporary trigger of this
    connection logs every change to the entries)."""
    opening = "".join(f"<p>Paragraph {n} on kestrels.</p>" for n in range(30))
    with raw(demo_book) as db:
        item = db.execute("SELECT min(id) FROM agenda_item").fetchone()[0]
        db.execute("UPDATE agenda_item SET minutes_html = ? WHERE id = ?",
                   (opening + "<p>The DCC</p>", item))
        before = dict(db.execute(f"SELECT part, id FROM {search_index.ENTRY_TABLE} "
                                 "WHERE kind = 'notes' AND source_id = ?", (item,)))
        db.execute("CREATE TEMP TABLE changed (what TEXT, part INTEGER)")
        for what, row in (("INSERT", "new"), ("UPDATE", "new"), ("DELETE", "old")):
            db.execute(f"CREATE TEMP TRIGGER log_{what} AFTER {what} ON "
                       f"main.{search_index.ENTRY_TABLE} BEGIN INSERT INTO changed "
                       f"VALUES ('{what}', {row}.part); END")
        db.execute("UPDATE agenda_item SET minutes_html = ? WHERE id = ?",
                   (opening + "<p>The DCC said</p>", item))
        assert db.execute("SELECT what, part FROM changed").fetchall() == [("UPDATE", 30)]
        after = dict(db.execute(f"SELECT part, id FROM {search_index.ENTRY_TABLE} "
                                "WHERE kind = 'notes' AND source_id = ?", (item,)))
        assert after == before
        assert db.execute(f"SELECT body FROM {search_index.ENTRY_TABLE} WHERE id = ?",
                          (after[30],)).fetchone() == ("The DCC said",)
        db.execute("DELETE FROM changed")
        # A paragraph put in at the end is put in; one taken out is emptied (the place
        # after the last paragraph holds nothing), then taken out.
        db.execute("UPDATE agenda_item SET minutes_html = ? WHERE id = ?",
                   (opening + "<p>The DCC said</p><p>More.</p>", item))
        db.execute("UPDATE agenda_item SET minutes_html = ? WHERE id = ?",
                   (opening + "<p>The DCC said</p>", item))
        assert db.execute("SELECT what, part FROM changed").fetchall() == [
            ("INSERT", 31), ("UPDATE", 31), ("DELETE", 31)]
    assert index_problems(demo_book) == []


# --- the migration ----------------------------------------------------------------------

def test_the_migration_indexes_what_a_book_already_holds(book_path: Path) -> None:
    from test_migrations_every_revision import fill_every_table

    book_path.touch(mode=0o600)
    migrate.upgrade_book(book_path, target="0011")
    fill_every_table(book_path)
    with raw(book_path) as db:
        db.execute("UPDATE agenda_item SET minutes_html = '<p>The <em>HMICFRS</em> "
                   "inspection &amp; the DCC.</p>'")
    migrate.upgrade_book(book_path)
    assert migrate.current_revision(book_path) == migrate.head_revision()
    assert kinds_indexed(book_path) == set(search_index.KINDS)
    assert index_problems(book_path) == []
    with MinuteBook.open(book_path) as book:
        assert {h.kind for h in search.search(book, "HMICFRS")} == {"notes"}
        assert {h.kind for h in search.search(book, '"title 0"')} == {"titles", "papers"}


def test_0014_indexes_the_notes_of_a_0013_book_a_paragraph_an_entry(book_path: Path) -> None:
    """A book of revision 0013 has an entry for each item's notes, and no ``part``."""
    book_path.touch(mode=0o600)
    from test_migrations_every_revision import fill_every_table

    migrate.upgrade_book(book_path, target="0013")
    fill_every_table(book_path)
    with raw(book_path) as db:
        db.execute("UPDATE agenda_item SET minutes_html = "
                   "'<p>Kestrels nest.</p><p>The DCC spoke.</p>'")
        for statement in search_index.drop_statements(
                list(db.execute(search_index.schema_objects_sql()))):
            db.execute(statement)
        db.execute(f"CREATE TABLE {search_index.ENTRY_TABLE} (id INTEGER PRIMARY KEY, "
                   "kind VARCHAR(20) NOT NULL, source_id INTEGER NOT NULL, meeting_id "
                   "INTEGER NOT NULL, item_id INTEGER, body TEXT NOT NULL)")
        db.execute(f"INSERT INTO {search_index.ENTRY_TABLE} (kind, source_id, meeting_id, "
                   "item_id, body) SELECT 'notes', id, meeting_id, id, 'Kestrels nest. The "
                   "DCC spoke.' FROM agenda_item")
    migrate.upgrade_book(book_path)
    assert index_problems(book_path) == []
    with raw(book_path) as db:
        notes = db.execute(f"SELECT source_id, part, body FROM {search_index.ENTRY_TABLE} "
                           "WHERE kind = 'notes' ORDER BY source_id, part").fetchall()
        items = [row[0] for row in db.execute("SELECT id FROM agenda_item ORDER BY id")]
    assert notes == [(item, part, body) for item in items
                     for part, body in ((0, "Kestrels nest."), (1, "The DCC spoke."))]


def test_going_down_to_0011_removes_the_whole_index(demo_book: Path) -> None:
    run_alembic(demo_book, command.downgrade, "0011")
    with raw(demo_book) as db:
        assert db.execute(search_index.schema_objects_sql()).fetchall() == []
        db.execute("UPDATE agenda_item SET minutes_html = '<p>x</p>'")  # no trigger left
    migrate.upgrade_book(demo_book)
    assert index_problems(demo_book) == []


# --- reindex ------------------------------------------------------------------------------

def damage_out_of_step(path: Path) -> None:
    with raw(path) as db:
        db.execute("DROP TRIGGER search_notes_au")
        db.execute("UPDATE agenda_item SET minutes_html = '<p>Kestrels and more.</p>'")
        db.execute(f"DELETE FROM {search_index.ENTRY_TABLE} WHERE kind = 'titles'")


def damage_fts(path: Path) -> None:
    with raw(path) as db:  # the FTS5 index holds words the entries do not
        db.execute(f"INSERT INTO {search_index.WORDS_INDEX} (rowid, body) "
                   "VALUES (999999, 'phantom')")
    with raw(path) as db:  # and pieces of it are gone
        db.execute(f"DELETE FROM {search_index.WORDS_INDEX}_data WHERE id > 10")


def dropped(path: Path) -> None:
    with raw(path) as db:
        db.execute(f"DROP TABLE {search_index.WORDS_INDEX}")
        db.execute(f"DROP TABLE {search_index.ENTRY_TABLE}")


@pytest.mark.parametrize("damage", [damage_out_of_step, damage_fts, dropped])
def test_reindex_rebuilds_a_damaged_or_dropped_index(demo_book: Path, damage: object) -> None:
    assert callable(damage)
    with raw(demo_book) as db:
        db.execute("UPDATE agenda_item SET minutes_html = '<p>Kestrels.</p>'")
    damage(demo_book)
    assert index_problems(demo_book) != []
    with MinuteBook.open(demo_book) as book:
        count = search.rebuild_index(book)
        assert {h.kind for h in search.search(book, "kestrels")} == {"notes"}
    assert index_problems(demo_book) == []
    assert kinds_indexed(demo_book) == set(search_index.KINDS)
    with raw(demo_book) as db:
        assert count == len(entries(db))
        # The triggers are back: a write is indexed again.
        db.execute("UPDATE agenda_item SET title = 'Ospreys'")
    assert found(demo_book, "ospreys") > 0


def test_a_reindex_that_fails_keeps_the_index_it_had(demo_book: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    with raw(demo_book) as db:
        before = entries(db)
    real = search_index.create_statements
    monkeypatch.setattr(search_index, "create_statements",
                        lambda: [*real()[:-3], "SELECT no_such_function()"])
    with MinuteBook.open(demo_book) as book, pytest.raises(Exception, match="no_such"):
        search.rebuild_index(book)
    with raw(demo_book) as db:
        assert entries(db) == before
    assert index_problems(demo_book) == []


def test_the_kinds_are_the_same_everywhere() -> None:
    from minute_taker.domain import search_query

    assert search_index.KINDS == search_query.KINDS
    assert {source.kind for source in search_index.SOURCES} == set(search_index.KINDS)
