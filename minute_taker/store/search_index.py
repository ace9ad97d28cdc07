"""The book's full-text index (issue 20): what it holds, and the SQL that keeps it.

Three things, none of them in the models' metadata:

- ``search_entry``, an ordinary table: one row for each piece of text worth finding (an
  item's title, its agenda text, its notes as plain text, a decision, an action, a
  declaration, an attendance line, a paper's title), with its kind, the row it came from,
  the meeting and the item it belongs to, so results group by meeting and open at the item.
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


def _joined(*parts: str) -> str:
    """Parts separated by spaces, a missing one as nothing."""
    return "trim(" + " || ' ' || ".join(f"coalesce({p}, '')" for p in parts) + ")"


@dataclass(frozen=True, slots=True)
class Source:
    """One kind of entry: the table it comes from, the columns whose change re-indexes it,
    and SQL (with ``{r}`` for the row) for its meeting, its item and its text."""

    kind: str
    table: str
    watched: tuple[str, ...]
    meeting: str
    item: str
    body: str

    def select(self, row: str) -> str:
        return (f"SELECT '{self.kind}' AS kind, {row}.id AS source_id, "
                f"{self.meeting.format(r=row)} AS meeting_id, "
                f"{self.item.format(r=row)} AS item_id, {self.body.format(r=row)} AS body")


_ITEM_MEETING = "(SELECT meeting_id FROM agenda_item WHERE id = {r}.item_id)"

SOURCES = (
    Source("titles", "agenda_item", ("title", "meeting_id"),
           "{r}.meeting_id", "{r}.id", "trim({r}.title)"),
    Source("agenda", "agenda_item", ("description", "presenter", "meeting_id"),
           "{r}.meeting_id", "{r}.id", _joined("{r}.description", "{r}.presenter")),
    Source("notes", "agenda_item", ("minutes_html", "meeting_id"),
           "{r}.meeting_id", "{r}.id", _notes_text("{r}.minutes_html")),
    Source("decisions", "decision", ("text", "item_id"),
           _ITEM_MEETING, "{r}.item_id", "trim({r}.text)"),
    Source("actions", "action",
           ("text", "owner_text", "status", "due_date", "due_text", "item_id", "meeting_id"),
           "{r}.meeting_id", "{r}.item_id",
           _joined("{r}.text", "{r}.owner_text", "replace({r}.status, '_', ' ')",
                   "{r}.due_text", "{r}.due_date")),
    Source("declarations", "declaration",
           ("person_id", "interest", "nature", "item_id", "made_at_item_id", "meeting_id"),
           "{r}.meeting_id", "coalesce({r}.item_id, {r}.made_at_item_id)",
           _joined(_person("{r}.person_id"), "{r}.interest", "{r}.nature")),
    Source("attendance", "attendance", ("person_id", "status", "capacity", "meeting_id"),
           "{r}.meeting_id", "NULL",
           _joined(_person("{r}.person_id"), "{r}.status", "{r}.capacity")),
    Source("papers", "supporting_document", ("title", "item_id"),
           _ITEM_MEETING, "{r}.item_id", "trim({r}.title)"),
)

# The kinds of entry, as stored and as people filter by them (kind:decisions); the
# query language's list (domain/search_query.KINDS) is held to it by a test.
KINDS = tuple(dict.fromkeys(source.kind for source in SOURCES))

_COLUMNS = "kind, source_id, meeting_id, item_id, body"


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
PLACE_INDEX_SQL = (f"CREATE INDEX IF NOT EXISTS {PLACE_INDEX} ON {ENTRY_TABLE} "
                   "(id, meeting_id, kind, item_id, source_id)")


def table_statements() -> list[str]:
    """The entry table and its indexes, and the two full-text indexes over it."""
    return [
        f"CREATE TABLE {ENTRY_TABLE} (id INTEGER PRIMARY KEY, kind VARCHAR(20) NOT NULL, "
        "source_id INTEGER NOT NULL, meeting_id INTEGER NOT NULL, item_id INTEGER, "
        "body TEXT NOT NULL)",
        f"CREATE INDEX ix_{ENTRY_TABLE}_source ON {ENTRY_TABLE} (kind, source_id)",
        f"CREATE INDEX ix_{ENTRY_TABLE}_meeting ON {ENTRY_TABLE} (meeting_id)",
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
        statements += [
            f"CREATE TRIGGER {name}_ai AFTER INSERT ON {source.table} BEGIN "
            f"{_insert(source, source.select('new'))}; END",
            # Only when a watched value really changed: a write of the same notes (a
            # flush, a program saving every column) costs the index nothing.
            f"CREATE TRIGGER {name}_au AFTER UPDATE OF {', '.join(source.watched)} "
            f"ON {source.table} WHEN "
            + " OR ".join(f"old.{column} IS NOT new.{column}" for column in source.watched)
            + f" BEGIN {_forget(source, 'old')}; "
            f"{_insert(source, source.select('new'))}; END",
            f"CREATE TRIGGER {name}_ad AFTER DELETE ON {source.table} BEGIN "
            f"{_forget(source, 'old')}; END",
        ]
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
            f"{_insert(source, source.select('t') + f' FROM {source.table} AS t WHERE t.person_id = new.id')}; "  # noqa: E501
            for source in SOURCES if source.kind in ("declarations", "attendance"))
        + "END",
    ]
    return statements


def _forget_where(source: Source, condition: str) -> str:
    return (f"DELETE FROM {ENTRY_TABLE} WHERE kind = '{source.kind}' AND source_id IN "
            f"(SELECT id FROM {source.table} WHERE {condition})")


def fill_statements() -> list[str]:
    """Index every row the book already holds (a migrated book, a rebuild): the entries,
    then each FTS5 index read from them at once (its triggers are made after this)."""
    return [*(_insert(source, source.select("t") + f" FROM {source.table} AS t")
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


def schema_objects_sql() -> str:
    """sqlite_master rows of the index (for a query listing them)."""
    return (f"SELECT type, name FROM sqlite_master WHERE name LIKE '{PREFIX}%' "
            f"OR name LIKE 'ix_{PREFIX}%'")
