"""The words of the last search, found in the notes on screen (Enter on a hit, F3 and
Shift+F3).

The index stems words with SQLite's Porter stemmer, which Python does not have; here a
searched word finds the words that start with it less a common ending ("resolved" finds
"resolve", "resolves", "resolving"...). That is close to the index's stemming, not the
same: now and then a word more, or an odd form missed ("policy" for "policies"). Case
and accents are ignored, as in the index; a phrase is its words with anything but
letters between them; a prefix (``polic*``) is a prefix.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from PySide6.QtGui import QTextCursor, QTextDocument
from PySide6.QtWidgets import QTextEdit

from minute_taker.domain.search_query import Term
from minute_taker.ui.capture.text_offsets import to_utf16

_ENDINGS = ("ations", "ation", "ingly", "ings", "ing", "ions", "ion", "edly", "ed", "es",
            "s", "ly", "e", "y")
_SHORTEST_STEM = 3


def fold(text: str) -> str:
    """Lower case without accents, one character for each: indices stay the text's."""
    return "".join(unicodedata.normalize("NFD", ch)[0].lower()[0] for ch in text)


def stem(word: str) -> str:
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) - len(ending) >= _SHORTEST_STEM:
            return word[:-len(ending)]
    return word


def _term_pattern(term: Term) -> str:
    words = [fold(w) for w in term.words]
    parts = []
    for n, word in enumerate(words):
        last = n == len(words) - 1
        if term.stemmed:
            parts.append(re.escape(stem(word)) + r"\w*")
        elif term.prefix and last:
            parts.append(re.escape(word) + r"\w*")
        else:
            parts.append(re.escape(word))
    return r"(?<!\w)" + r"[\W_]+".join(parts) + r"(?!\w)"


def pattern(terms: Iterable[Term]) -> re.Pattern[str] | None:
    """One expression finding any of the terms, or None when there are none."""
    alternatives = [_term_pattern(t) for t in terms if t.words]
    return re.compile("|".join(alternatives)) if alternatives else None


def matches(document: QTextDocument, terms: Iterable[Term]) -> list[tuple[int, int]]:
    """Every match in the document as (start, end) in Qt's positions."""
    found = pattern(terms)
    if found is None:
        return []
    text = document.toPlainText()
    qt = to_utf16(text)
    return [(qt(m.start()), qt(m.end())) for m in found.finditer(fold(text)) if m.end() > m.start()]


def select_match(editor: QTextEdit, terms: Iterable[Term], *, forward: bool = True,
                 from_start: bool = False) -> bool:
    """Select the next (or previous) match after (before) the selection, going round
    at the end; ``from_start``: the first in the text. False when there is none."""
    spans = matches(editor.document(), terms)
    if not spans:
        return False
    cursor = editor.textCursor()
    if from_start:
        start, end = spans[0]
    elif forward:
        start, end = next(((s, e) for s, e in spans if s >= cursor.selectionEnd()
                           and (s, e) != (cursor.selectionStart(), cursor.selectionEnd())),
                          spans[0])
    else:
        start, end = next(((s, e) for s, e in reversed(spans) if e <= cursor.selectionStart()),
                          spans[-1])
    cursor.setPosition(start)
    cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
    editor.setTextCursor(cursor)
    editor.ensureCursorVisible()
    return True
