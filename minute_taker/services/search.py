"""Searching every meeting of a book (issue 20): a typed query to the entries that match.

The index is the book's own (store/search_index.py), kept in step by triggers, so a
search sees every change committed, whoever made it. A search is one read transaction,
so it runs on a read-only book and a snapshot (``MinuteBook.open_snapshot``) alike.

Results come newest meeting first, and within a meeting best match first (FTS5's bm25).
Bare words are looked for in the stemmed index; quoted phrases and prefixes in the exact
one, as typed (docs/search.md). The query SQL here is SQLite's (MATCH, bm25, snippet); a
team book's is PostgreSQL's (``@@``, ``ts_rank``, ``ts_headline``: services/_search_pg.py),
and both read their candidates and keep their results the same way (``keep``,
``ordered_hits``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from minute_taker.domain import search_query
from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import SearchHit
from minute_taker.domain.search_query import MARK_END, MARK_START, Query, Term
from minute_taker.services import _search_pg
from minute_taker.services._search_common import (
    LEAD_CHARACTERS,
    action_condition,
    committee_conditions,
    in_list,
    keep,
    ordered_hits,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.search_index import (
    ENTRY_TABLE,
    EXACT_INDEX,
    MEETING_INDEX,
    PLACE_INDEX,
    SOURCE_INDEX,
    WORDS_INDEX,
)

DEFAULT_LIMIT = 200
# Words either side of a match in a snippet (FTS5 counts tokens, up to 64).
SNIPPET_WORDS = 16
# Matches from which a search reads meeting by meeting, newest first, rather than match
# by match. Reading a match's meeting costs about 0.5 µs, reading a meeting's entries
# about 40 µs: 200 results of a word in 4,000 entries of 1,000 meetings are 50 meetings
# (2 ms) either way (benchmarks/README.md, search).
MANY_MATCHES = 4000


def search(book: MinuteBook, query: str, *, kinds: Iterable[str] | None = None,
           committee: str | None = None, date_from: dt.date | None = None,
           date_to: dt.date | None = None, owner: str | None = None,
           status: ActionStatus | Iterable[ActionStatus] | None = None,
           limit: int = DEFAULT_LIMIT) -> list[SearchHit]:
    """The entries matching ``query`` (search_query's language) and every filter given
    here as well as in the query. Whatever ``query`` holds, this returns a list: a query
    with nothing to look for returns no results."""
    parsed = search_query.parse(query)
    wanted = _kinds(parsed, kinds)
    if wanted is not None and not wanted:
        return []
    owners = [*parsed.owners, *([owner] if owner else [])]
    statuses = set(parsed.statuses)
    if status is not None:
        given = {status} if isinstance(status, ActionStatus) else set(status)
        statuses = statuses & given if statuses else given
        if not statuses:
            return []
    committees = [*parsed.committees, *([committee] if committee else [])]
    start = max((d for d in (parsed.date_from, date_from) if d), default=None)
    end = min((d for d in (parsed.date_to, date_to) if d), default=None)
    if parsed.empty and not (wanted or owners or statuses or committees or start or end):
        return []
    if book.server is not None:
        return _search_pg.run(book, parsed, wanted, owners, statuses, committees, start,
                              end, max(0, limit))
    statements = _statements(parsed, wanted, owners, statuses, committees, start, end)
    return _run(book, statements, max(0, limit))


def _run(book: MinuteBook, statements: _Statements, limit: int) -> list[SearchHit]:
    """Two reads in one transaction: the entries that match, newest meeting first,
    until ``limit`` and the rest of the last meeting's; then the rank, snippet and place
    of those, for the ``limit`` kept in order. Rank and snippet are worked out for the
    entries kept only (for every match of a common word they were most of a search),
    and each by a scan of the matches rather than a lookup of each entry, which FTS5
    answers by reading the word's whole list again (35 ms for 200 snippets, now 7)."""
    if not limit:
        return []
    with book.unit_of_work() as session:
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


def _kinds(parsed: Query, kinds: Iterable[str] | None) -> set[str] | None:
    """The kinds asked for, here and in the query (both: those in both); None: every kind."""
    given = None if kinds is None else set(kinds)
    if given is not None and (unknown := given - set(search_query.KINDS)):
        raise ValidationError(f"No kind of entry called {', '.join(sorted(unknown))}: "
                              f"choose from {', '.join(search_query.KINDS)}.")
    typed = set(parsed.kinds) or None
    if given is None:
        return typed
    return given if typed is None else given & typed


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


def _statements(parsed: Query, kinds: set[str] | None, owners: list[str],
                statuses: set[ActionStatus], committees: list[str], start: dt.date | None,
                end: dt.date | None) -> _Statements:
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
    if kinds is not None:
        conditions.append(in_list("e.kind", sorted(kinds), "kind", params))
    if owners or statuses:
        conditions.append(action_condition(owners, statuses, params))
    conditions += committee_conditions(committees, params)
    if start is not None:
        conditions.append("m.date >= :start")
        params["start"] = start.isoformat()
    if end is not None:
        conditions.append("m.date <= :end")
        params["end"] = end.isoformat()
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


def terms_of(query: str) -> tuple[Term, ...]:
    """The words a query looks for (a window selects them in the notes it opens)."""
    return search_query.parse(query).terms


def rebuild_index(book: MinuteBook) -> int:
    """Drop the index, whole or damaged or missing, and build it again from the book's
    rows, in one transaction: if anything fails the book keeps the index it had. Returns
    the number of entries indexed."""
    from minute_taker.store import search_indexes

    with book.unit_of_work() as session:
        connection = session.connection()
        search_indexes.rebuild(connection)
        count = connection.exec_driver_sql(f"SELECT count(*) FROM {ENTRY_TABLE}").scalar()
    return int(count or 0)
