"""Searching a file's index (issue 20): a search's criteria to the entries that match,
in SQLite's terms (FTS5's MATCH, bm25 and snippet; store/search_index.py). A team book's
is store/search_find_pg.py; both read their candidates and keep their results the same
way (store/search_reading.py).

Results come newest meeting first, and within a meeting best match first (FTS5's bm25).
Bare words are looked for in the stemmed index; quoted phrases and prefixes in the exact
one, as typed (docs/search.md).
"""

from __future__ import annotations

import contextlib
import json
import sqlite3
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from minute_taker.domain import search_query
from minute_taker.domain.records import SearchHit
from minute_taker.domain.search_query import MARK_END, MARK_START
from minute_taker.store.search_index import (
    ENTRY_TABLE,
    EXACT_INDEX,
    MEETING_INDEX,
    PLACE_INDEX,
    SOURCE_INDEX,
    WORDS_INDEX,
)
from minute_taker.store.search_reading import LEAD_CHARACTERS, Criteria, keep, ordered_hits

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# Words either side of a match in a snippet (FTS5 counts tokens, up to 64).
SNIPPET_WORDS = 16
# Matches from which a search reads meeting by meeting, newest first, rather than match
# by match. Reading a match's meeting costs about 0.5 µs, reading a meeting's entries
# about 40 µs: 200 results of a word in 4,000 entries of 1,000 meetings are 50 meetings
# (2 ms) either way (benchmarks/README.md, search).
MANY_MATCHES = 4000


def find(session: Session, criteria: Criteria, limit: int) -> list[SearchHit]:
    """Two reads in one transaction: the entries that match, newest meeting first,
    until ``limit`` and the rest of the last meeting's; then the rank, snippet and place
    of those, for the ``limit`` kept in order. Rank and snippet are worked out for the
    entries kept only (for every match of a common word they were most of a search),
    and each by a scan of the matches rather than a lookup of each entry, which FTS5
    answers by reading the word's whole list again (35 ms for 200 snippets, now 7)."""
    if not limit:
        return []
    statements = _statements(criteria)
    # The statements given to SQLite's driver itself, in the session's transaction:
    # SQLAlchemy's statement and result objects were most of a search finding a few
    # entries (0.4 of 0.6 ms).
    driver = session.connection().connection.driver_connection
    assert isinstance(driver, sqlite3.Connection)
    with contextlib.closing(driver.cursor()) as cursor:
        cursor.row_factory = sqlite3.Row
        cursor.execute(statements.candidates(cursor), statements.params)
        kept = keep(cursor, limit)
        if not kept:
            return []
        ids = {**statements.params,
               "ids": json.dumps([row["entry_id"] for row in kept.values()])}
        found = {row["entry_id"]: row for row in cursor.execute(statements.details, ids)}
    return ordered_hits(kept, found, limit)


@dataclass(frozen=True)
class _Statements:
    """A search as SQL: ``candidates`` gives the matching entries' ``entry_id``,
    ``meeting_id``, ``meeting_date``, ``item_id`` and ``part`` (a paragraph's place in
    the notes, else NULL), newest meeting first; ``details`` gives the
    rank, snippet and place (kind, source, item, meeting title, committee) of those in
    ``:ids`` (a JSON array of entry ids)."""

    probe: str | None
    by_match: str | None
    by_meeting: str
    details: str
    params: dict[str, Any]

    def candidates(self, cursor: sqlite3.Cursor) -> str:
        """The plan for this search: a word in few entries is read match by match; a word
        in many (or no word, filters alone) meeting by meeting, newest first, which
        stops at the limit instead of reading every match's meeting to sort them."""
        if self.probe is None or self.by_match is None:
            return self.by_meeting
        found = cursor.execute(self.probe, self.params).fetchone()[0]
        return self.by_meeting if found >= MANY_MATCHES else self.by_match


# Where each entry kept is, to show it. INDEXED BY, here and in the candidates, reads the
# index of entries' places instead of the rows, which hold the text (store/search_index.py);
# SQLite would look each row up by its id. (PostgreSQL: an index-only scan does the same.)
_PLACE_COLUMNS = ("e.kind, e.source_id, e.item_id, m.title AS meeting_title, "
                  "c.name AS committee, i.number AS item_number, i.title AS item_title, "
                  "i.position AS item_position")
_PLACE_JOINS = ("JOIN meeting AS m ON m.id = e.meeting_id "
                "JOIN committee AS c ON c.id = m.committee_id "
                "LEFT JOIN agenda_item AS i ON i.id = e.item_id")


def _statements(criteria: Criteria) -> _Statements:
    parsed = criteria.query
    params: dict[str, Any] = {}
    conditions: list[str] = []
    stemmed = [t for t in parsed.terms if t.stemmed]
    exact = [t for t in parsed.terms if not t.stemmed]
    # The index the query is run on (for rank and snippet): the stemmed one if there
    # are words for it, else the exact one; the other narrows by its rowids.
    main, main_terms, other, other_terms = (
        (WORDS_INDEX, stemmed, EXACT_INDEX, exact) if stemmed
        else (EXACT_INDEX, exact, WORDS_INDEX, []))
    place = f"{ENTRY_TABLE} AS e INDEXED BY {PLACE_INDEX}"
    probe = None
    if main_terms:
        source = f"{main} JOIN {place} ON e.id = {main}.rowid"
        params["main"] = search_query.fts5_all(main_terms)
        probe = (f"SELECT count(*) FROM (SELECT 1 FROM {main} WHERE {main} MATCH :main "
                 f"LIMIT {MANY_MATCHES})")
        # "+rowid": the matches scanned and those in :ids kept, not each looked up.
        details = (f"SELECT {main}.rowid AS entry_id, bm25({main}) AS rank, "
                   f"snippet({main}, 0, '{MARK_START}', '{MARK_END}', '…', "
                   f"{SNIPPET_WORDS}) AS snippet, {_PLACE_COLUMNS} FROM {source} "
                   f"{_PLACE_JOINS} WHERE {main} MATCH :main "
                   f"AND +{main}.rowid IN (SELECT value FROM json_each(:ids))")
    else:
        source = place
        # No match to centre a snippet on: the entry's text from its start, read from
        # its row (t), the rest from the index of places (e).
        details = (f"SELECT e.id AS entry_id, 0.0 AS rank, CASE WHEN length(t.body) > "
                   f"{LEAD_CHARACTERS} THEN substr(t.body, 1, {LEAD_CHARACTERS}) || '…' "
                   f"ELSE t.body END AS snippet, {_PLACE_COLUMNS} FROM {place} "
                   f"JOIN {ENTRY_TABLE} AS t ON t.id = e.id {_PLACE_JOINS} "
                   f"WHERE e.id IN (SELECT value FROM json_each(:ids))")
    if other_terms:
        # "+": tested against the other index's matches, read once, never the way in.
        conditions.append(f"+e.id IN (SELECT rowid FROM {other} WHERE {other} MATCH :other)")
        params["other"] = search_query.fts5_all(other_terms)
    for index, terms, name in ((WORDS_INDEX, [t for t in parsed.excluded if t.stemmed], "xw"),
                               (EXACT_INDEX, [t for t in parsed.excluded if not t.stemmed],
                                "xe")):
        if terms:
            # Left out: an entry holding the words, and for the notes, every paragraph of
            # an item whose notes hold them anywhere ("-rural": nothing about it there).
            # Tested for an entry once the other tests hold: the item's paragraphs (from
            # the index of entries by source, which has their ids) against the matches,
            # read once ("+": not each match looked up).
            holding = f"SELECT rowid FROM {index} WHERE {index} MATCH :{name}"
            conditions.append(
                f"e.id NOT IN ({holding}) AND (e.part IS NULL OR NOT EXISTS (SELECT 1 "
                f"FROM {ENTRY_TABLE} AS x INDEXED BY {SOURCE_INDEX} WHERE x.kind = e.kind "
                f"AND x.source_id = e.source_id AND +x.id IN ({holding})))")
            params[name] = search_query.fts5_any(terms)
    conditions += criteria.filter_conditions(params)
    if criteria.start is not None:
        conditions.append("m.date >= :start")
        params["start"] = criteria.start.isoformat()
    if criteria.end is not None:
        conditions.append("m.date <= :end")
        params["end"] = criteria.end.isoformat()
    columns = "e.id AS entry_id, e.meeting_id, m.date AS meeting_date, e.item_id, e.part"
    order = "ORDER BY m.date DESC, m.id DESC"
    # Meeting by meeting, newest first (the meetings' dates index), each meeting's entries
    # read from the index of entries by meeting and kind, a match tested against the
    # matches read once ("+": not each looked up in turn): reading stops at the limit.
    matched = [f"+e.id IN (SELECT rowid FROM {main} WHERE {main} MATCH :main)"
               ] if main_terms else []
    by_meeting = (f"SELECT {columns} FROM meeting AS m CROSS JOIN {ENTRY_TABLE} AS e "
                  f"INDEXED BY {MEETING_INDEX} ON e.meeting_id = m.id "
                  f"WHERE {' AND '.join([*matched, *conditions]) or '1'} {order}")
    # Match by match: each one's meeting read, then all sorted.
    by_match = None if probe is None else (
        f"SELECT {columns} FROM {source} JOIN meeting AS m ON m.id = e.meeting_id "
        f"WHERE {' AND '.join([f'{main} MATCH :main', *conditions])} {order}")
    return _Statements(probe, by_match, by_meeting, details, params)
