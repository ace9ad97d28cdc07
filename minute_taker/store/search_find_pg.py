"""Searching a team book's index (issue 22): store/search_find.py's search, in
PostgreSQL's terms.

The same query language, the same filters, the same entries (store/search_index_pg.py)
read the same way (store/search_reading.py): newest meeting first, an
item's notes one result at the first paragraph that matches, every word of a query in
one entry (a paragraph of the notes, a decision, an action), a word left out leaving out
an item whose notes hold it anywhere. What differs, with the reason:

- Words are matched with ``@@`` against the entry's ``tsvector``: a bare word stemmed
  by the English configuration (``plainto_tsquery``), a quoted phrase as typed
  (``phraseto_tsquery`` on the simple one: the words in that order, side by side), a
  prefix by ``:*``. The English configuration's stop words match nothing.
- Best match first is ``ts_rank`` (stored negated, so that lower is better, as FTS5's
  bm25 is); the snippet is ``ts_headline``'s, the matches marked as search_query marks
  them.
- One statement reads every match's place, newest meeting first; PostgreSQL's planner
  chooses between the GIN index and the meetings' dates itself (SQLite's search picks
  the way by a count first).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Any

from sqlalchemy import text

from minute_taker.domain.records import SearchHit
from minute_taker.domain.search_query import MARK_END, MARK_START, Term
from minute_taker.store.search_index import ENTRY_TABLE
from minute_taker.store.search_index_pg import (
    EXACT_COLUMN,
    EXACT_CONFIG,
    FOLDED,
    STEMMED_CONFIG,
    WORDS_COLUMN,
)
from minute_taker.store.search_reading import LEAD_CHARACTERS, Criteria, keep, ordered_hits

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

# ts_headline's options: the marks, and about as many words as FTS5's snippet gives.
HEADLINE = (f'StartSel="{MARK_START}", StopSel="{MARK_END}", MaxWords=32, MinWords=12, '
            'ShortWord=1, HighlightAll=false, MaxFragments=1, FragmentDelimiter=" … "')
_PREFIX_WORD = re.compile(r"\w+")
_FOLD = str.maketrans(FOLDED)


def _term(term: Term, config: str, key: str, params: dict[str, Any]) -> str | None:
    """A tsquery for one term (None: nothing in it to look for)."""
    if term.prefix:
        words = [w for word in term.words for w in _PREFIX_WORD.findall(word.lower())]
        if not words:
            return None
        *whole, last = words
        params[key] = " <-> ".join([*whole, f"{last}:*"])
        return f"to_tsquery('{config}', :{key})"
    phrase = " ".join(term.words).translate(_FOLD)
    if not phrase.strip():
        return None
    params[key] = phrase
    maker = "phraseto_tsquery" if term.exact or len(term.words) > 1 else "plainto_tsquery"
    return f"{maker}('{config}', :{key})"


def _query(terms: list[Term], config: str, name: str, params: dict[str, Any], *,
           joiner: str = " && ") -> str | None:
    made = [q for n, t in enumerate(terms) if (q := _term(t, config, f"{name}{n}", params))]
    return f"({joiner.join(made)})" if made else None


def find(session: Session, criteria: Criteria, limit: int) -> list[SearchHit]:
    """The entries matching ``criteria``, at most ``limit`` (store/search_indexes.find)."""
    if not limit:
        return []
    parsed = criteria.query
    params: dict[str, Any] = {}
    conditions: list[str] = []
    stemmed = _query([t for t in parsed.terms if t.stemmed], STEMMED_CONFIG, "w", params)
    exact = _query([t for t in parsed.terms if not t.stemmed], EXACT_CONFIG, "x", params)
    if parsed.terms and stemmed is None and exact is None:
        return []  # words typed, none of them anything to look for
    for column, query in ((WORDS_COLUMN, stemmed), (EXACT_COLUMN, exact)):
        if query is not None:
            conditions.append(f"e.{column} @@ {query}")
    for column, config, terms, name in (
            (WORDS_COLUMN, STEMMED_CONFIG, [t for t in parsed.excluded if t.stemmed], "xw"),
            (EXACT_COLUMN, EXACT_CONFIG, [t for t in parsed.excluded if not t.stemmed], "xe")):
        left_out = _query(terms, config, name, params, joiner=" || ")
        if left_out is not None:
            # Left out: an entry holding the words, and for the notes every paragraph of
            # an item whose notes hold them anywhere.
            conditions.append(
                f"NOT e.{column} @@ {left_out} AND (e.part IS NULL OR NOT EXISTS "
                f"(SELECT 1 FROM {ENTRY_TABLE} AS x WHERE x.kind = e.kind AND "
                f"x.source_id = e.source_id AND x.{column} @@ {left_out}))")
    conditions += criteria.filter_conditions(params, like="ILIKE")
    if criteria.start is not None:
        conditions.append("m.date >= :start")
        params["start"] = criteria.start
    if criteria.end is not None:
        conditions.append("m.date <= :end")
        params["end"] = criteria.end
    candidates = (f"SELECT e.id AS entry_id, e.meeting_id, m.date AS meeting_date, "
                  f"e.item_id, e.part FROM {ENTRY_TABLE} AS e JOIN meeting AS m "
                  f"ON m.id = e.meeting_id WHERE {' AND '.join(conditions) or 'true'} "
                  "ORDER BY m.date DESC, m.id DESC")
    matched = stemmed or exact
    config = STEMMED_CONFIG if stemmed else EXACT_CONFIG
    column = WORDS_COLUMN if stemmed else EXACT_COLUMN
    if matched is not None:
        rank = f"-ts_rank(e.{column}, {matched})"
        snippet = f"ts_headline('{config}', e.body, {matched}, :headline)"
        params["headline"] = HEADLINE
    else:
        rank = "0.0"
        snippet = (f"CASE WHEN length(e.body) > {LEAD_CHARACTERS} THEN "
                   f"substr(e.body, 1, {LEAD_CHARACTERS}) || '…' ELSE e.body END")
    details = (f"SELECT e.id AS entry_id, {rank} AS rank, {snippet} AS snippet, e.kind, "
               "e.source_id, e.item_id, m.title AS meeting_title, c.name AS committee, "
               "i.number AS item_number, i.title AS item_title, i.position AS item_position "
               f"FROM {ENTRY_TABLE} AS e JOIN meeting AS m ON m.id = e.meeting_id "
               "JOIN committee AS c ON c.id = m.committee_id "
               "LEFT JOIN agenda_item AS i ON i.id = e.item_id WHERE e.id = ANY(:ids)")
    rows = (row._mapping for row in session.execute(text(candidates), params))
    kept = keep(rows, limit)
    if not kept:
        return []
    ids = [row["entry_id"] for row in kept.values()]
    found = {row._mapping["entry_id"]: row._mapping
             for row in session.execute(text(details), {**params, "ids": ids})}
    return ordered_hits(kept, found, limit)
