"""The book's full-text index (issue 20): what it holds, and the SQL that keeps it.

Three things, none of them in the models' metadata:

- ``search_entry``, an ordinary table: one row for each piece of text worth finding (an
  item's title, its agenda text, each paragraph of its notes as plain text, a decision,
  an action, a declaration, an attendance line, a paper's title), with its kind, the row
  it came from, the meeting and the item it belongs to, so results group by meeting and
  open at the item, and for a paragraph its place in the notes (``part``, from 0). A
  paragraph an entry (revision 0014) because an autosave then re-indexes the paragraph
  typed in, not the whole item: about 0.4 ms of the triggers' work for a 2,000-word item
  where the whole item took 1 ms (2 at p95).
- ``search_words`` and ``search_exact``, two FTS5 indexes over ``search_entry.body``
  (external content: the text is stored once, in ``search_entry``). ``search_words`` stems
  English (Porter over unicode61: "resolve" finds "resolved"); ``search_exact`` does not,
  so a quoted phrase or an abbreviation is matched as typed ("HMICFRS", "DCC").
- Triggers on every indexed table keep ``search_entry`` in step, and triggers on
  ``search_entry`` keep both indexes in step, inside the transaction that changed the row.
  Triggers rather than the services' unit of work because every write path then counts:
  the services, interchange and review import, undo, a migration's data fix, and raw SQL
  (the tamper tests write the notes with plain ``sqlite3``). For that reason the notes are
  made plain text in SQL itself (``_notes_text``), not by a Python function registered on
  the book's connections: a connection without it (``sqlite3``, DB Browser) would find
  every write of the notes refused with "no such function".

SQLite only, with the reason: FTS5 and SQLite triggers are SQLite's. The same index on
PostgreSQL (issue 22) is a ``tsvector`` column on ``search_entry`` (``to_tsvector
('english', body)`` for words, ``'simple'`` for exact matches) with a GIN index, filled by
the same triggers written in PL/pgSQL; ``ts_headline`` gives the snippet. See
docs/search.md.

A migration that rebuilds an indexed table (Alembic's batch mode copies it and drops the
old one) drops that table's triggers with it: it must call ``create_triggers`` again.
The schema test that compares a new book with a migrated one (including triggers) fails
if it does not.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from sqlalchemy import Connection

ENTRY_TABLE = "search_entry"
WORDS_INDEX = "search_words"
EXACT_INDEX = "search_exact"
# Every table and trigger of the index starts so: tests leave them out of comparisons with
# the models' metadata (and FTS5's own shadow tables, search_words_data..., share it).
PREFIX = "search_"


def _notes_text(html: str) -> str:
    """SQL for the words of stored notes (the rich-text subset, domain/richtext.py).

    Linear, in SQLite alone: the fragment is made a JSON array split at every tag
    (``<`` and ``>`` never appear in its text, which is escaped), json_each walks it,
    and the pieces are joined again without the tags: inline tags (bold, a decision's
    mark) vanish, so a word keeps its letters, and every other tag (paragraphs, list
    items, line breaks) becomes a space, so words either side stay apart. Entities are
    then decoded. ``group_concat`` joins in the order json_each gives (the array's), as
    SQLite does for a plain scan; 3.44's ORDER BY inside it would say so, but books are
    opened by older SQLite too, and the test holds the order.
    tests/store/test_search_index.py holds it to ``suggestions.plain_text``.
    """
    # json_quote escapes what JSON must (quotes, backslashes, control characters) and
    # none of its escapes holds "<" or ">", so the split always makes a valid array.
    array = f"""('[' || replace(replace(json_quote({html}), '<', '","<'), '>', '>","') || ']')"""
    inline = ("'<strong>'", "'</strong>'", "'<em>'", "'</em>'", "'<u>'", "'</u>'", "'</a>'")
    text = (f"(SELECT group_concat(CASE WHEN value NOT LIKE '<%' THEN value "
            f"WHEN value IN ({', '.join(inline)}) OR value LIKE '<a %' THEN '' "
            f"ELSE ' ' END, '') FROM json_each({array}))")
    for entity, char in (("&lt;", "'<'"), ("&gt;", "'>'"), ("&quot;", "'\"'"),
                         ("&#39;", "char(39)"), ("&nbsp;", "' '"), ("&amp;", "'&'")):
        text = f"replace({text}, '{entity}', {char})"
    # Tags side by side leave runs of spaces: shortened, for the snippets (runs up to 4
    # become one space; longer ones shorter).
    text = f"replace(replace({text}, '  ', ' '), '  ', ' ')"
    return f"trim(coalesce({text}, ''))"


def _person(column: str) -> str:
    return f"coalesce((SELECT name FROM person WHERE id = {column}), '')"


def joined(*parts: str) -> str:
    """Parts separated by spaces, a missing one as nothing."""
    return "trim(" + " || ' ' || ".join(f"coalesce({p}, '')" for p in parts) + ")"


def _pieces(html: str) -> str:
    """SQL for the notes as a JSON array of their paragraphs: the HTML cut after every
    ``</p>`` and ``</li>``, so each paragraph and list item is one piece (a piece may
    hold no words, ``</ul>`` alone). The pieces joined are the HTML again. ``<``, ``/``
    and ``>`` are never escaped by json_quote, so the cut is always inside the quoted
    string, and the array is always valid. NULL (which the column refuses, but another
    program's schema may not) is one empty piece: no piece is NULL, which a comparison
    of pieces could not tell from another."""
    return (f"""('[' || replace(replace(json_quote(coalesce({html}, '')), '</p>', '</p>","'), """
            f"""'</li>', '</li>","') || ']')""")


@dataclass(frozen=True, slots=True)
class Source:
    """One kind of entry: the table it comes from, the columns whose change re-indexes it,
    and SQL (with ``{r}`` for the row) for its meeting, its item and its text.

    ``pieces``, when given, is a column of HTML whose paragraphs are entries of their own
    (the notes): ``part`` is then the paragraph's place in it (from 0) and ``body`` reads
    the paragraph as ``piece.value``."""

    kind: str
    table: str
    watched: tuple[str, ...]
    meeting: str
    item: str
    body: str
    pieces: str | None = None

    def select(self, row: str, *, every_row: bool = False, where: str | None = None) -> str:
        """The entries of ``row`` (``new``, ``old`` in a trigger); with ``every_row``,
        of every row of the table, named ``row``. ``where`` narrows them."""
        part = "piece.key" if self.pieces else "NULL"
        sources = [f"{self.table} AS {row}"] if every_row else []
        if self.pieces:
            sources.append(f"json_each({_pieces(f'{row}.{self.pieces}')}) AS piece")
        return (f"SELECT '{self.kind}' AS kind, {row}.id AS source_id, "
                f"{self.meeting.format(r=row)} AS meeting_id, "
                f"{self.item.format(r=row)} AS item_id, {part} AS part, "
                f"{self.body.format(r=row)} AS body"
                + (f" FROM {', '.join(sources)}" if sources else "")
                + (f" WHERE {where}" if where else ""))


_ITEM_MEETING = "(SELECT meeting_id FROM agenda_item WHERE id = {r}.item_id)"

SOURCES = (
    Source("titles", "agenda_item", ("title", "meeting_id"),
           "{r}.meeting_id", "{r}.id", "trim({r}.title)"),
    Source("agenda", "agenda_item", ("description", "presenter", "meeting_id"),
           "{r}.meeting_id", "{r}.id", joined("{r}.description", "{r}.presenter")),
    # A paragraph an entry (revision 0014): a save re-indexes the paragraphs it changed,
    # not the whole item (benchmarks/README.md, search: the autosave).
    Source("notes", "agenda_item", ("minutes_html", "meeting_id"),
           "{r}.meeting_id", "{r}.id", _notes_text("piece.value"),
           pieces="minutes_html"),
    Source("decisions", "decision", ("text", "item_id"),
           _ITEM_MEETING, "{r}.item_id", "trim({r}.text)"),
    Source("actions", "action",
           ("text", "owner_text", "status", "due_date", "due_text", "item_id", "meeting_id"),
           "{r}.meeting_id", "{r}.item_id",
           joined("{r}.text", "{r}.owner_text", "replace({r}.status, '_', ' ')",
                  "{r}.due_text", "{r}.due_date")),
    Source("declarations", "declaration",
           ("person_id", "interest", "nature", "item_id", "made_at_item_id", "meeting_id"),
           "{r}.meeting_id", "coalesce({r}.item_id, {r}.made_at_item_id)",
           joined(_person("{r}.person_id"), "{r}.interest", "{r}.nature")),
    Source("attendance", "attendance", ("person_id", "status", "capacity", "meeting_id"),
           "{r}.meeting_id", "NULL",
           joined(_person("{r}.person_id"), "{r}.status", "{r}.capacity")),
    Source("papers", "supporting_document", ("title", "item_id"),
           _ITEM_MEETING, "{r}.item_id", "trim({r}.title)"),
)

# The kinds of entry, as stored and as people filter by them (kind:decisions); the
# query language's list (domain/search_query.KINDS) is held to it by a test.
KINDS = tuple(dict.fromkeys(source.kind for source in SOURCES))

_COLUMNS = "kind, source_id, meeting_id, item_id, part, body"


def _insert(source: Source, select: str) -> str:
    # Empty text is not an entry; an orphan (a decision of an item already gone) neither.
    # LIMIT -1 (no limit) keeps SQLite from flattening the subquery into this WHERE,
    # which would work the text out twice (measured: the notes of a 2,000-word item
    # made plain text once, not twice, in each autosave).
    return (f"INSERT INTO {ENTRY_TABLE} ({_COLUMNS}) SELECT {_COLUMNS} FROM ({select} "
            "LIMIT -1) WHERE body <> '' AND meeting_id IS NOT NULL")


def _forget(source: Source, row: str) -> str:
    return f"DELETE FROM {ENTRY_TABLE} WHERE kind = '{source.kind}' AND source_id = {row}.id"


# Where each entry is, without its text: a search reads it for every match (a common
# word matches thousands of entries), and a row of the table, its text inline, costs a
# page or more to read (services/search.py names it with INDEXED BY). Revision 0013.
PLACE_INDEX = f"ix_{ENTRY_TABLE}_place"
# The entries of a row (the paragraphs of an item's notes).
SOURCE_INDEX = f"ix_{ENTRY_TABLE}_source"
# A meeting's entries of a kind: a search of a common word, or of filters alone, reads
# meeting by meeting from it, newest first (services/search.py). Revision 0014.
MEETING_INDEX = f"ix_{ENTRY_TABLE}_meeting"
PLACE_INDEX_SQL = (f"CREATE INDEX IF NOT EXISTS {PLACE_INDEX} ON {ENTRY_TABLE} "
                   "(id, meeting_id, kind, item_id, source_id, part)")


def table_statements() -> list[str]:
    """The entry table and its indexes, and the two full-text indexes over it."""
    return [
        f"CREATE TABLE {ENTRY_TABLE} (id INTEGER PRIMARY KEY, kind VARCHAR(20) NOT NULL, "
        "source_id INTEGER NOT NULL, meeting_id INTEGER NOT NULL, item_id INTEGER, "
        "part INTEGER, body TEXT NOT NULL)",
        # Unique: a paragraph's place has one entry, which a save of the notes updates.
        f"CREATE UNIQUE INDEX {SOURCE_INDEX} ON {ENTRY_TABLE} (kind, source_id, part)",
        f"CREATE INDEX {MEETING_INDEX} ON {ENTRY_TABLE} (meeting_id, kind)",
        f"CREATE INDEX ix_{ENTRY_TABLE}_item ON {ENTRY_TABLE} (item_id)",
        PLACE_INDEX_SQL,
        # remove_diacritics 2: "café" finds "cafe" and the other way round.
        f"CREATE VIRTUAL TABLE {WORDS_INDEX} USING fts5(body, content='{ENTRY_TABLE}', "
        "content_rowid='id', tokenize='porter unicode61 remove_diacritics 2')",
        f"CREATE VIRTUAL TABLE {EXACT_INDEX} USING fts5(body, content='{ENTRY_TABLE}', "
        "content_rowid='id', tokenize='unicode61 remove_diacritics 2')",
    ]


def trigger_statements() -> list[str]:
    """Every trigger: the indexed tables into ``search_entry``, and it into the indexes."""
    statements = []
    for index in (WORDS_INDEX, EXACT_INDEX):
        statements += [
            f"CREATE TRIGGER {index}_ai AFTER INSERT ON {ENTRY_TABLE} BEGIN "
            f"INSERT INTO {index} (rowid, body) VALUES (new.id, new.body); END",
            f"CREATE TRIGGER {index}_ad AFTER DELETE ON {ENTRY_TABLE} BEGIN "
            f"INSERT INTO {index} ({index}, rowid, body) VALUES ('delete', old.id, old.body); "
            "END",
            f"CREATE TRIGGER {index}_au AFTER UPDATE ON {ENTRY_TABLE} BEGIN "
            f"INSERT INTO {index} ({index}, rowid, body) VALUES ('delete', old.id, old.body); "
            f"INSERT INTO {index} (rowid, body) VALUES (new.id, new.body); END",
        ]
    for source in SOURCES:
        name = f"{PREFIX}{source.kind}"
        changed = " OR ".join(f"old.{column} IS NOT new.{column}" for column in source.watched)
        statements += [
            f"CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} BEGIN "
            f"{_insert(source, source.select('new'))}; END",
            f"CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN "
            f"{_forget(source, 'old')}; END",
        ]
        if source.pieces:
            statements += _piece_triggers(source, name)
            continue
        # Only when a watched value really changed: a write of the same text (a flush, a
        # program saving every column) costs the index nothing.
        statements.append(
            f"CREATE TRIGGER {name}_au AFTER UPDATE OF {', '.join(source.watched)} "
            f"ON {source.table} WHEN {changed} BEGIN {_forget(source, 'old')}; "
            f"{_insert(source, source.select('new'))}; END")
    # What hangs below an item or a meeting goes with it even when a program deletes with
    # foreign keys off (SQLite's default), where no cascade would reach the children.
    statements += [
        f"CREATE TRIGGER {PREFIX}item_gone AFTER DELETE ON agenda_item BEGIN "
        f"DELETE FROM {ENTRY_TABLE} WHERE item_id = old.id AND kind IN "
        "('decisions', 'papers'); END",
        f"CREATE TRIGGER {PREFIX}meeting_gone AFTER DELETE ON meeting BEGIN "
        f"DELETE FROM {ENTRY_TABLE} WHERE meeting_id = old.id; END",
        # A person's name is in their declarations and attendance lines.
        f"CREATE TRIGGER {PREFIX}person_renamed AFTER UPDATE OF name ON person BEGIN "
        + "".join(
            f"{_forget_where(source, 'person_id = new.id')}; "
            f"{_insert(source, source.select('t', every_row=True, where='t.person_id = new.id'))}; "  # noqa: E501
            for source in SOURCES if source.kind in ("declarations", "attendance"))
        + "END",
    ]
    return statements


def _piece_triggers(source: Source, name: str) -> list[str]:
    """An update of text kept a paragraph an entry: only the paragraphs that changed are
    indexed again, so a save of a 2,000-word item while the clerk types re-indexes one
    paragraph, not the item.

    Paragraphs are compared by their place, the ``n``-th of the old text against the
    ``n``-th of the new (a row-value ``IN``: SQLite reads the old array once, into a
    temporary index). Each that differs is put in, or replaces the words of the entry at
    its place (``ON CONFLICT``: the entry keeps its row). Places past the new text's
    last are taken out, and so is an entry its paragraph emptied. Typing into a
    paragraph, or at the end, changes one; a paragraph put in or taken out above others
    moves those below it, which are then indexed again, as the whole item was before.
    Moving the item to another meeting indexes it again whole.

    What it costs (benchmarks/README.md, search): about 0.3 ms a save of a 2,000-word
    item typed at the end, most of it SQLite making and reading the two arrays."""
    column = source.pieces
    assert column is not None
    old = _pieces(f"old.{column}")
    others = [c for c in source.watched if c != column]
    entries_of = f"{ENTRY_TABLE} WHERE kind = '{source.kind}' AND source_id = new.id"
    beyond_the_end = f"DELETE FROM {entries_of} AND part >= {_piece_count(f'new.{column}')}"
    changed = source.select("new", where=(
        f"(piece.key, piece.value) NOT IN (SELECT key, value FROM json_each({old}))"))
    # Put in, or its words replaced where the place has an entry already: the entry
    # keeps its row, so only its text and its words in the two indexes change, not the
    # entry's indexes (fewer pages written, 14 to 10 a save). A paragraph emptied
    # empties its entry, which is then taken out.
    put = (f"INSERT INTO {ENTRY_TABLE} ({_COLUMNS}) SELECT {_COLUMNS} FROM ({changed} "
           f"LIMIT -1) WHERE meeting_id IS NOT NULL AND (body <> '' OR part IN (SELECT "
           f"part FROM {entries_of})) ON CONFLICT (kind, source_id, part) DO UPDATE SET "
           "body = excluded.body WHERE body IS NOT excluded.body")
    emptied = f"DELETE FROM {entries_of} AND body = ''"
    stays = "".join(f" AND old.{c} IS new.{c}" for c in others)
    moved = " OR ".join(f"old.{c} IS NOT new.{c}" for c in others)
    return [
        f"CREATE TRIGGER {name}_au AFTER UPDATE OF {column} ON {source.table} "
        f"WHEN old.{column} IS NOT new.{column}{stays} BEGIN {beyond_the_end}; {put}; "
        f"{emptied}; END",
        f"CREATE TRIGGER {name}_moved AFTER UPDATE OF {', '.join(others)} "
        f"ON {source.table} WHEN {moved} BEGIN {_forget(source, 'old')}; "
        f"{_insert(source, source.select('new'))}; END",
    ]


def _piece_count(html: str) -> str:
    """SQL for how many pieces ``_pieces`` makes of ``html``: one more than its cuts,
    counted without making the array (each ``replace`` one pass over the text)."""
    text = f"coalesce({html}, '')"
    return (f"(1 + (length({text}) - length(replace({text}, '</p>', ''))) / 4 "
            f"+ (length({text}) - length(replace({text}, '</li>', ''))) / 5)")


def _forget_where(source: Source, condition: str) -> str:
    return (f"DELETE FROM {ENTRY_TABLE} WHERE kind = '{source.kind}' AND source_id IN "
            f"(SELECT id FROM {source.table} WHERE {condition})")


def fill_statements() -> list[str]:
    """Index every row the book already holds (a migrated book, a rebuild): the entries,
    then each FTS5 index read from them at once (its triggers are made after this)."""
    return [*(_insert(source, source.select("t", every_row=True))
              for source in SOURCES),
            *(f"INSERT INTO {index} ({index}) VALUES ('rebuild')"
              for index in (WORDS_INDEX, EXACT_INDEX))]


def create_statements() -> list[str]:
    """The whole index, filled: for a new book, a migration and a rebuild alike."""
    return [*table_statements(), *fill_statements(), *trigger_statements()]


def drop_statements(existing: Iterable[tuple[str, str]]) -> list[str]:
    """DROP for every trigger and table of the index among ``existing`` (type, name) rows
    of sqlite_master: a rebuild removes whatever is there, whole or not. FTS5's shadow
    tables go with their virtual table; one left alone (its index dropped by hand) is
    dropped too."""
    existing = list(existing)
    triggers = [f"DROP TRIGGER IF EXISTS \"{name}\"" for kind, name in existing
                if kind == "trigger" and name.startswith(PREFIX)]
    virtual = [f"DROP TABLE IF EXISTS {name}" for name in (WORDS_INDEX, EXACT_INDEX)]
    tables = [f"DROP TABLE IF EXISTS \"{name}\"" for kind, name in existing
              if kind == "table" and name.startswith(PREFIX)
              and name not in (WORDS_INDEX, EXACT_INDEX)]
    return [*triggers, *virtual, *tables]


def kept_here(connection: Connection) -> bool:
    """Whether a book on ``connection`` has this index: SQLite's FTS5 and triggers. A team
    book on PostgreSQL has its own (store/search_index_pg.py, revision 0017), and the
    revisions that make or change this one leave it alone."""
    return connection.dialect.name == "sqlite"


def rebuild(connection: Connection) -> None:
    """Drop every table and trigger of the index that is there, whole or damaged, and
    build it again from the book's rows, in the caller's transaction (``reindex``, and a
    revision that changes the index)."""
    existing = [(row[0], row[1]) for row in connection.exec_driver_sql(schema_objects_sql())]
    for statement in [*drop_statements(existing), *create_statements()]:
        connection.exec_driver_sql(statement)


def schema_objects_sql() -> str:
    """sqlite_master rows of the index (for a query listing them)."""
    return (f"SELECT type, name FROM sqlite_master WHERE name LIKE '{PREFIX}%' "
            f"OR name LIKE 'ix_{PREFIX}%'")
