"""Searching every meeting of a book (issue 20): a typed query to the entries that match.

The index is the book's own (store/search_indexes.py), kept in step by triggers, so a
search sees every change committed, whoever made it. A search is one read transaction,
so it runs on a read-only book and a snapshot (``MinuteBook.open_snapshot``) alike.

Here the query is read and merged with the filters given beside it (``Criteria``); the
store runs it on the book's own index, a file's FTS5 or a team book's PostgreSQL text
search, the one place that knows which (docs/search.md says how the two differ).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from minute_taker.domain import search_query
from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import SearchHit
from minute_taker.domain.search_query import Query, Term
from minute_taker.store import search_indexes
from minute_taker.store.book import MinuteBook
from minute_taker.store.search_reading import Criteria

DEFAULT_LIMIT = 200


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
    if limit <= 0:
        return []
    criteria = Criteria(parsed, None if wanted is None else frozenset(wanted), tuple(owners),
                        frozenset(statuses), tuple(committees), start, end)
    with book.unit_of_work() as session:
        return search_indexes.find(session, criteria, limit)


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


def terms_of(query: str) -> tuple[Term, ...]:
    """The words a query looks for (a window selects them in the notes it opens)."""
    return search_query.parse(query).terms


def rebuild_index(book: MinuteBook) -> int:
    """Drop the index, whole or damaged or missing, and build it again from the book's
    rows, in one transaction: if anything fails the book keeps the index it had. Returns
    the number of entries indexed."""
    with book.unit_of_work() as session:
        return search_indexes.rebuild(session.connection())
