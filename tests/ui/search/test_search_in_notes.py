"""The words of a search found in a notes document (F3): forms of a word, phrases,
prefixes, case and accents, and Qt's positions after an emoji."""

from __future__ import annotations

from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QTextEdit

from minute_taker.services.search import terms_of
from minute_taker.ui.search.in_notes import matches, select_match


def found(text: str, query: str) -> list[str]:
    document = QTextDocument()
    document.setPlainText(text)
    return [text[s:e] for s, e in matches(document, terms_of(query))]


def test_forms_phrases_prefixes_case_and_accents(qapp) -> None:  # type: ignore[no-untyped-def]
    text = "It was Resolved to resolve it; the resolution café. Chief Constable, chief  constable."
    assert found(text, "resolved") == ["Resolved", "resolve"]
    assert found(text, "cafe") == ["café"]
    assert found(text, '"chief constable"') == ["Chief Constable", "chief  constable"]
    assert found(text, "resol*") == ["Resolved", "resolve", "resolution"]
    assert found(text, "owner:DCC") == []  # a filter is not a word to find
    assert found(text, '"') == []


def test_positions_after_an_emoji_and_going_round(qapp) -> None:  # type: ignore[no-untyped-def]
    editor = QTextEdit()
    editor.setPlainText("\U0001F600 DCC said.\nThe DCC agreed.")
    terms = terms_of("DCC")
    assert select_match(editor, terms, from_start=True)
    assert editor.textCursor().selectedText() == "DCC"
    first = editor.textCursor().selectionStart()
    assert first == 3  # the emoji is two of Qt's positions
    assert select_match(editor, terms)
    second = editor.textCursor().selectionStart()
    assert second > first and editor.textCursor().selectedText() == "DCC"
    assert select_match(editor, terms)
    assert editor.textCursor().selectionStart() == first  # round to the first
    assert select_match(editor, terms, forward=False)
    assert editor.textCursor().selectionStart() == second
    assert not select_match(editor, terms_of("nothing"))
