"""The book's full-text index on PostgreSQL (issue 22): a team book's ``search_entry``.

The same entries as a file's (store/search_index.py: the kinds, what each holds, a
paragraph of the notes an entry), in a table of the same name and columns, kept by the
same kind of triggers (PL/pgSQL here), so every write path counts on a team book too.
PostgreSQL's text search stands in for FTS5, each difference written here:

- ``words`` and ``exact`` are ``tsvector`` columns the server works out from ``body``
  (generated, stored), ``to_tsvector('english', …)`` (Snowball stemming, the stand-in
  for FTS5's Porter) and ``'simple'`` (as typed, lower-cased); each with a GIN index.
  The English configuration leaves out its stop words ("the", "of"): a search for one
  alone finds nothing on a team book, where FTS5 finds it. Diacritics are kept ("café"
  is not "cafe"): PostgreSQL's ``unaccent`` is an extension a team's database may not
  have.
- The notes are made plain text with regular expressions (``notes_text``), not
  SQLite's JSON functions; a save of the notes indexes the item's paragraphs again
  (SQLite's triggers compare them paragraph by paragraph; PostgreSQL's GIN index takes
  the new entries in its pending list, cheaply).
- No cascade needs help: PostgreSQL always enforces the foreign keys, so a deleted
  item's decisions and papers, a deleted meeting's rows, go with their own triggers.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from minute_taker.store.search_index import (
    ENTRY_TABLE,
    MEETING_INDEX,
    PREFIX,
    SOURCE_INDEX,
    SOURCES,
    Source,
    joined,
)

if TYPE_CHECKING:
    from sqlalchemy import Connection

WORDS_COLUMN = "words"
EXACT_COLUMN = "exact"
STEMMED_CONFIG = "english"
EXACT_CONFIG = "simple"
_CUT = "chr(30)"  # where the notes are cut into paragraphs: a character minutes never hold


def notes_text(html: str) -> str:
    """SQL for the words of stored notes: inline tags (bold, a decision's mark) taken out
    so a word keeps its letters, every other tag a space, entities decoded, runs of
    spaces made one."""
    text = (f"regexp_replace(regexp_replace({html}, "
            "'</?(strong|em|u)>|</a>|<a [^>]*>', '', 'g'), '<[^>]*>', ' ', 'g')")
    for entity, char in (("&lt;", "'<'"), ("&gt;", "'>'"), ("&quot;", "'\"'"),
                         ("&#39;", "chr(39)"), ("&nbsp;", "' '"), ("&amp;", "'&'")):
        text = f"replace({text}, '{entity}', {char})"
    return f"btrim(regexp_replace({text}, '  +', ' ', 'g'))"


# Characters FTS5's tokenizer parts words at and PostgreSQL's parser does not: a curly
# apostrophe ("DCC’s" is the DCC's) and a no-break space. Read as their plain forms for
# the index and for a query alike; the entry's text keeps them.
FOLDED = {"\u2019": "'", "\u2018": "'", "\u00a0": " "}


def searched(column: str) -> str:
    """SQL for the text of ``column`` as the index reads it (``FOLDED``)."""
    return (f"translate({column}, {' || '.join(f'chr({ord(c)})' for c in FOLDED)}, "
            f"{' || '.join(f'chr({ord(c)})' for c in FOLDED.values())})")


# What each kind's entry says: search_index.SOURCES' bodies, which are PostgreSQL's SQL
# too (trim, coalesce, replace, ||), but for two: the notes are made plain text by
# ``notes_text``, and an action's due date is made text explicitly (SQLite keeps it as
# text; PostgreSQL's coalesce will not mix a date with '').
BODIES = {
    **{source.kind: source.body for source in SOURCES},
    "notes": notes_text("piece.value"),
    "actions": joined("{r}.text", "{r}.owner_text", "replace({r}.status, '_', ' ')",
                       "{r}.due_text", "CAST({r}.due_date AS TEXT)"),
}


def _pieces(html: str) -> str:
    """The notes cut after every ``</p>`` and ``</li>``, each paragraph a row ``piece``
    (``value``, ``n`` from 1), as search_index's ``_pieces``."""
    return (f"unnest(string_to_array(replace(replace(coalesce({html}, ''), '</p>', "
            f"'</p>' || {_CUT}), '</li>', '</li>' || {_CUT}), {_CUT})) "
            "WITH ORDINALITY AS piece(value, n)")


def _select(source: Source, row: str, *, every_row: bool = False,
            where: str | None = None) -> str:
    sources = [f"{source.table} AS {row}"] if every_row else []
    if source.pieces:
        sources.append(_pieces(f"{row}.{source.pieces}"))
    part = "CAST(piece.n - 1 AS INTEGER)" if source.pieces else "CAST(NULL AS INTEGER)"
    select = (f"SELECT CAST('{source.kind}' AS VARCHAR(20)) AS kind, {row}.id AS source_id, "
              f"CAST({source.meeting.format(r=row)} AS INTEGER) AS meeting_id, "
              f"CAST({source.item.format(r=row)} AS INTEGER) AS item_id, {part} AS part, "
              f"{BODIES[source.kind].format(r=row)} AS body")
    return (select + (f" FROM {', '.join(sources)}" if sources else "")
            + (f" WHERE {where}" if where else ""))


def _insert(select: str) -> str:
    return (f"INSERT INTO {ENTRY_TABLE} (kind, source_id, meeting_id, item_id, part, body) "
            f"SELECT kind, source_id, meeting_id, item_id, part, body FROM ({select}) AS s "
            "WHERE body <> '' AND meeting_id IS NOT NULL")


def table_statements() -> list[str]:
    return [
        f"CREATE TABLE {ENTRY_TABLE} (id BIGSERIAL PRIMARY KEY, kind VARCHAR(20) NOT NULL, "
        "source_id INTEGER NOT NULL, meeting_id INTEGER NOT NULL, item_id INTEGER, "
        "part INTEGER, body TEXT NOT NULL, "
        f"{WORDS_COLUMN} tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{STEMMED_CONFIG}', {searched('body')})) STORED, "
        f"{EXACT_COLUMN} tsvector GENERATED ALWAYS AS "
        f"(to_tsvector('{EXACT_CONFIG}', {searched('body')})) STORED)",
        f"CREATE UNIQUE INDEX {SOURCE_INDEX} ON {ENTRY_TABLE} (kind, source_id, part)",
        f"CREATE INDEX {MEETING_INDEX} ON {ENTRY_TABLE} (meeting_id, kind)",
        f"CREATE INDEX ix_{ENTRY_TABLE}_item ON {ENTRY_TABLE} (item_id)",
        f"CREATE INDEX ix_{ENTRY_TABLE}_{WORDS_COLUMN} ON {ENTRY_TABLE} "
        f"USING gin ({WORDS_COLUMN})",
        f"CREATE INDEX ix_{ENTRY_TABLE}_{EXACT_COLUMN} ON {ENTRY_TABLE} "
        f"USING gin ({EXACT_COLUMN})",
    ]


def trigger_statements() -> list[str]:
    statements = []
    for source in SOURCES:
        name = f"{PREFIX}{source.kind}"
        changed = " OR ".join(f"OLD.{c} IS DISTINCT FROM NEW.{c}" for c in source.watched)
        statements += [
            f"CREATE FUNCTION {name}_index() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN "
            f"IF TG_OP <> 'INSERT' THEN DELETE FROM {ENTRY_TABLE} WHERE kind = "
            f"'{source.kind}' AND source_id = OLD.id; END IF; "
            f"IF TG_OP <> 'DELETE' THEN {_insert(_select(source, 'NEW'))}; END IF; "
            "RETURN NULL; END $$",
            f"CREATE TRIGGER {name}_ad AFTER INSERT OR DELETE ON {source.table} "
            f"FOR EACH ROW EXECUTE FUNCTION {name}_index()",
            f"CREATE TRIGGER {name}_au AFTER UPDATE OF {', '.join(source.watched)} "
            f"ON {source.table} FOR EACH ROW WHEN ({changed}) "
            f"EXECUTE FUNCTION {name}_index()",
        ]
    # A person's name is in their declarations and attendance lines.
    renamed = "".join(
        f"DELETE FROM {ENTRY_TABLE} WHERE kind = '{source.kind}' AND source_id IN "
        f"(SELECT id FROM {source.table} WHERE person_id = NEW.id); "
        f"{_insert(_select(source, 't', every_row=True, where='t.person_id = NEW.id'))}; "
        for source in SOURCES if source.kind in ("declarations", "attendance"))
    statements += [
        f"CREATE FUNCTION {PREFIX}person_renamed() RETURNS trigger LANGUAGE plpgsql AS $$ "
        f"BEGIN {renamed}RETURN NULL; END $$",
        f"CREATE TRIGGER {PREFIX}person_renamed AFTER UPDATE OF name ON person "
        f"FOR EACH ROW WHEN (OLD.name IS DISTINCT FROM NEW.name) "
        f"EXECUTE FUNCTION {PREFIX}person_renamed()",
    ]
    return statements


def fill_statements() -> list[str]:
    return [_insert(_select(source, "t", every_row=True)) for source in SOURCES]


def create_statements() -> list[str]:
    return [*table_statements(), *fill_statements(), *trigger_statements()]


def drop_statements() -> list[str]:
    return [
        *(f"DROP TRIGGER IF EXISTS {PREFIX}{s.kind}_{when} ON {s.table}"
          for s in SOURCES for when in ("ad", "au")),
        f"DROP TRIGGER IF EXISTS {PREFIX}person_renamed ON person",
        *(f"DROP FUNCTION IF EXISTS {PREFIX}{s.kind}_index()" for s in SOURCES),
        f"DROP FUNCTION IF EXISTS {PREFIX}person_renamed()",
        f"DROP TABLE IF EXISTS {ENTRY_TABLE}",
    ]


def rebuild(connection: Connection) -> None:
    """Drop the index, whole or not, and build it again, in the caller's transaction."""
    for statement in [*drop_statements(), *create_statements()]:
        connection.exec_driver_sql(statement)
