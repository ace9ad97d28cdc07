"""What people type into a search, read into terms and filters (issue 20, docs/search.md).

    body-worn video            every word, in any order (stemmed: "resolve" finds "resolved")
    "chief constable"          the words together, exactly as typed (not stemmed)
    polic*                     words starting so
    -draft  -"second reading"  leave out entries with the word or phrase
    owner:DCC  status:open     actions owned by / in that state
    kind:decisions             one kind of entry (kind:notes, kind:actions ...)
    committee:"Audit"          meetings of one committee
    before:2018-01-31 after:2017-10-01   meetings before / after a day (not on it)

Nothing typed is an error: a quote left open runs to the end, a lone ``-`` or ``*`` is
ignored, a filter with a value it cannot read (``before:soon``, ``kind:minutes``) is
searched as the words it is made of, and every character FTS5 would read as syntax
(``NEAR(``, ``AND``, ``^``, ``:``, ``{``) only ever reaches it inside a quoted string
(``fts5_string``), so it is looked for as text. Standard library only: the store's
search service turns a ``Query`` into SQL.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from minute_taker.domain.enums import ActionStatus

KINDS = ("titles", "agenda", "notes", "decisions", "actions", "declarations",
         "attendance", "papers")
# What people may type for a kind: the singular too (kind:decision), and a few synonyms.
_KIND_NAMES = {
    **{k: k for k in KINDS}, **{k.rstrip("s"): k for k in KINDS},
    "title": "titles", "items": "titles", "item": "titles", "minutes": "notes",
    "note": "notes", "declaration": "declarations", "interests": "declarations",
    "paper": "papers", "documents": "papers", "document": "papers",
}
_STATUS_NAMES = {**{s.value: s for s in ActionStatus},
                 **{s.value.replace("_", "-"): s for s in ActionStatus},
                 "carried": ActionStatus.CARRIED_FORWARD, "outstanding": None}
FILTERS = ("owner", "status", "kind", "committee", "before", "after")

# A token: a quoted run (to the closing quote, or the end if it never closes), or a run
# of anything but spaces and quotes; either may carry a leading "-" and a "name:".
_TOKEN = re.compile(r'(-?)(?:([A-Za-z]+):)?(?:"([^"]*)"?|([^\s"]+))')


@dataclass(frozen=True, slots=True)
class Term:
    """Words to find: a word (or words joined by punctuation, "body-worn", found together),
    a prefix (``polic*``), or a quoted phrase, ``exact``: matched as typed, not stemmed."""

    words: tuple[str, ...]
    exact: bool = False
    prefix: bool = False

    @property
    def stemmed(self) -> bool:
        """Looked for in the stemmed index. Not a prefix: the Porter stemmer would stem
        the prefix itself, and "committe*" must find "committee"."""
        return not (self.exact or self.prefix)


@dataclass(frozen=True, slots=True)
class Query:
    terms: tuple[Term, ...] = ()
    excluded: tuple[Term, ...] = ()
    kinds: frozenset[str] = frozenset()
    owners: tuple[str, ...] = ()
    statuses: frozenset[ActionStatus] = frozenset()
    committees: tuple[str, ...] = ()
    date_from: dt.date | None = None  # inclusive
    date_to: dt.date | None = None  # inclusive
    notes: tuple[str, ...] = field(default=())  # what was read other than asked, for a hint

    @property
    def empty(self) -> bool:
        """Nothing to look for and nothing to narrow by: no results, rather than all."""
        return not (self.terms or self.excluded or self.owners or self.statuses
                    or self.committees or self.date_from or self.date_to or self.kinds)


def words_of(text: str) -> tuple[str, ...]:
    """The words FTS5's unicode61 tokenizer would see: runs of letters and digits.

    Anything else separates words, exactly as in the index, so a term is never made of
    characters the index has no token for (which would find nothing, or be FTS5 syntax).
    """
    return tuple(w for w in re.split(r"[^\w]|_", text) if w)


def parse(text: str) -> Query:
    terms: list[Term] = []
    excluded: list[Term] = []
    kinds: set[str] = set()
    owners: list[str] = []
    statuses: set[ActionStatus] = set()
    committees: list[str] = []
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    notes: list[str] = []
    for match in _TOKEN.finditer(text):
        minus, name, quoted, bare = match.groups()
        value = quoted if quoted is not None else bare
        phrase = quoted is not None
        key = (name or "").lower()
        if key in FILTERS and value.strip() and not minus:
            value = value.strip()
            if key == "owner":
                owners.append(value)
                continue
            if key == "committee":
                committees.append(value)
                continue
            if key == "kind" and value.lower() in _KIND_NAMES:
                kinds.add(_KIND_NAMES[value.lower()])
                continue
            if key == "status" and value.lower() in _STATUS_NAMES:
                statuses |= _statuses(value.lower())
                continue
            day = _date(value) if key in ("before", "after") else None
            if day is not None and key == "before":
                day -= dt.timedelta(days=1)
                date_to = day if date_to is None else min(date_to, day)
                continue
            if day is not None:
                day += dt.timedelta(days=1)
                date_from = day if date_from is None else max(date_from, day)
                continue
            notes.append(f"{name}:{value} was searched as words")
        # Anything else: words. A "name:" that is no filter is words too ("re:budget").
        words = words_of(f"{name} {value}" if name else value)
        if not words:
            continue
        prefix = not phrase and value.endswith("*") and len(words) == 1 and not name
        term = Term(words, exact=phrase, prefix=prefix)
        (excluded if minus else terms).append(term)
    return Query(tuple(terms), tuple(excluded), frozenset(kinds), tuple(owners),
                 frozenset(statuses), tuple(committees), date_from, date_to, tuple(notes))


def _statuses(name: str) -> set[ActionStatus]:
    status = _STATUS_NAMES[name]
    if status is None:  # outstanding: open or carried forward
        return {s for s in ActionStatus if s.is_outstanding}
    return {status}


def _date(value: str) -> dt.date | None:
    """A day typed as YYYY-MM-DD, or None (then the filter is searched as words)."""
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        return None


def fts5_string(word: str) -> str:
    """A word as an FTS5 string: in double quotes, a quote inside doubled. Whatever it
    holds is then text to FTS5, never an operator, a column filter or a bracket."""
    return '"' + word.replace('"', '""') + '"'


def fts5_term(term: Term) -> str:
    """One term as an FTS5 phrase: its words in order (a phrase), ``*`` for a prefix."""
    phrase = fts5_string(" ".join(term.words))
    return f"{phrase} *" if term.prefix else phrase


def fts5_all(terms: tuple[Term, ...] | list[Term]) -> str:
    """Every term required (FTS5's implicit AND), '' if there are none."""
    return " AND ".join(fts5_term(t) for t in terms)


def fts5_any(terms: tuple[Term, ...] | list[Term]) -> str:
    return " OR ".join(fts5_term(t) for t in terms)


# Where a snippet marks a match: characters no minutes can hold (the sanitiser drops
# control characters), so the mark cannot be confused with the text.
MARK_START = "\x02"
MARK_END = "\x03"


def snippet_parts(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) runs, for a window to highlight or a terminal to mark."""
    parts: list[tuple[str, bool]] = []
    for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", snippet)):
        if piece:
            parts.append((piece, i % 2 == 1))
    return parts


def snippet_text(snippet: str) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A snippet's plain text and where each match is in it (start, end)."""
    text: list[str] = []
    spans: list[tuple[int, int]] = []
    length = 0
    for piece, matched in snippet_parts(snippet):
        if matched:
            spans.append((length, length + len(piece)))
        text.append(piece)
        length += len(piece)
    return "".join(text), tuple(spans)
