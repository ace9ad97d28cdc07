"""The search language (domain/search_query.py): what people type becomes terms and
filters, and every term reaches FTS5 as a quoted string, whatever it holds."""

from __future__ import annotations

import datetime as dt
import sqlite3

import pytest
from hypothesis import given
from hypothesis import strategies as st

from minute_taker import cli
from minute_taker.domain import search_query
from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.search_query import (
    MARK_END,
    MARK_START,
    Term,
    fts5_all,
    fts5_any,
    parse,
    snippet_parts,
    snippet_text,
)
from minute_taker.store import search_index


def test_words_phrases_prefixes_and_exclusions() -> None:
    query = parse('body-worn video "chief constable" polic* -draft -"second reading"')
    assert query.terms == (Term(("body", "worn")), Term(("video",)),
                           Term(("chief", "constable"), exact=True),
                           Term(("polic",), prefix=True))
    assert query.excluded == (Term(("draft",)), Term(("second", "reading"), exact=True))
    assert fts5_all(query.terms) == '"body worn" AND "video" AND "chief constable" AND "polic" *'
    assert fts5_any(query.excluded) == '"draft" OR "second reading"'
    assert [t.stemmed for t in query.terms] == [True, True, False, False]


def test_filters() -> None:
    query = parse("owner:DCC status:open kind:decision committee:\"Audit Committee\" "
                  "before:2018-01-31 after:2017-01-01 budget")
    assert query.owners == ("DCC",)
    assert query.statuses == {ActionStatus.OPEN}
    assert query.kinds == {"decisions"}
    assert query.committees == ("Audit Committee",)
    assert (query.date_from, query.date_to) == (dt.date(2017, 1, 2), dt.date(2018, 1, 30))
    assert query.terms == (Term(("budget",)),)
    assert parse("status:outstanding").statuses == {ActionStatus.OPEN,
                                                    ActionStatus.CARRIED_FORWARD}
    assert parse("OWNER:acc").owners == ("acc",)


@pytest.mark.parametrize(("text", "words"), [
    ("before:soon", ("before", "soon")),
    ("kind:everything", ("kind", "everything")),
    ("status:urgent", ("status", "urgent")),
    ("re:budget", ("re", "budget")),
    ("before:2018-02-30", ("before", "2018", "02", "30")),
])
def test_a_filter_it_cannot_read_is_searched_as_words(text: str,
                                                       words: tuple[str, ...]) -> None:
    query = parse(text)
    assert [w for t in query.terms for w in t.words] == list(words)
    assert not (query.kinds or query.statuses or query.date_from or query.date_to)


@pytest.mark.parametrize(("text", "terms"), [
    ('"unbalanced quote', (Term(("unbalanced", "quote"), exact=True),)),
    ("-", ()), ("*", ()), ("- -- ---", ()), ('""', ()),
    ("NEAR(a b)", (Term(("NEAR", "a")), Term(("b",)))),
    ("a AND b OR c", (Term(("a",)), Term(("AND",)), Term(("b",)), Term(("OR",)),
                      Term(("c",)))),
    ("^x {y} z:", (Term(("x",)), Term(("y",)), Term(("z",)))),
])
def test_malformed_queries_are_words(text: str, terms: tuple[Term, ...]) -> None:
    assert parse(text).terms == terms


def test_an_empty_query_asks_for_nothing() -> None:
    assert parse("").empty and parse(' - " ').empty
    assert not parse("owner:DCC").empty


def _fts5() -> sqlite3.Connection:
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE t USING fts5(body, tokenize='porter unicode61')")
    db.execute("INSERT INTO t (body) VALUES ('The DCC resolved to approve NEAR AND OR')")
    return db


@given(st.text(max_size=80))
def test_whatever_is_typed_reaches_fts5_as_text(text: str) -> None:
    """Arbitrary text never raises, and what FTS5 gets is always valid syntax."""
    query = parse(text)
    db = _fts5()
    for expression in (fts5_all(query.terms), fts5_any(query.excluded)):
        if expression:
            assert isinstance(db.execute("SELECT rowid FROM t WHERE t MATCH ?",
                                         (expression,)).fetchall(), list)


def test_fts5_operators_typed_are_looked_for_as_words() -> None:
    db = _fts5()
    assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?",
                      (fts5_all(parse("NEAR AND OR").terms),)).fetchone() == (1,)
    assert db.execute("SELECT count(*) FROM t WHERE t MATCH ?",
                      (fts5_all(parse("resolve").terms),)).fetchone() == (1,)


def test_snippet_marks() -> None:
    snippet = f"…the {MARK_START}DCC{MARK_END} said {MARK_START}yes{MARK_END}"
    assert snippet_parts(snippet) == [("…the ", False), ("DCC", True), (" said ", False),
                                      ("yes", True)]
    assert snippet_text(snippet) == ("…the DCC said yes", ((5, 8), (14, 17)))


def test_the_command_line_knows_every_kind() -> None:
    assert cli.SEARCH_KINDS == search_query.KINDS
    assert search_index.KINDS == search_query.KINDS  # what the index stores
    assert tuple(s.value for s in ActionStatus) == cli.ACTION_STATUSES
