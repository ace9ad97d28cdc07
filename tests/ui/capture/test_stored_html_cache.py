"""The stored HTML of a document, written from the blocks an edit touched (issue 18: an
autosave walked every character of the item on the GUI thread): after any sequence of
edits a clerk can make (typing, new paragraphs, deleting across paragraphs, bold,
lists made, nested, outdented and left, a decision's mark, paste, undo and redo), what
is written is exactly what walking the whole document writes."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import (
    QFont,
    QSyntaxHighlighter,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)

from minute_taker.ui.capture.richtext_qt import document_to_html, load_document, mark_decision

START = ("<p>The <strong>DCC</strong> reported.</p><ul><li>one</li><li>two<ul><li>three"
         "</li></ul></li></ul><p>Members asked about the figures.</p>")

_EDITS = st.lists(st.tuples(
    st.sampled_from(["type", "enter", "delete", "bold", "list", "bullets", "nest", "unlist",
                     "mark", "paste", "undo", "redo"]),
    st.floats(0, 1), st.floats(0, 1), st.sampled_from(["x", "word ", "é£", "&<>"])),
    min_size=1, max_size=25)


def _apply(document: QTextDocument, edit: tuple[str, float, float, str]) -> None:
    kind, at, span, text = edit
    end = document.characterCount() - 1
    cursor = QTextCursor(document)
    start = int(at * end)
    cursor.setPosition(start)
    cursor.setPosition(min(end, start + int(span * 40)), QTextCursor.MoveMode.KeepAnchor)
    if kind == "type":
        cursor.insertText(text)
    elif kind == "enter":
        cursor.insertBlock()
    elif kind == "delete":
        cursor.removeSelectedText()
    elif kind == "bold":
        bold = QTextCharFormat()
        bold.setFontWeight(QFont.Weight.Bold)
        cursor.mergeCharFormat(bold)
    elif kind == "list":
        cursor.createList(QTextListFormat.Style.ListDecimal)
    elif kind == "bullets":
        cursor.createList(QTextListFormat.Style.ListDisc)
    elif kind == "nest" and (text_list := cursor.block().textList()) is not None:
        # What the editor's Nest list item does to a whole list, and the other way.
        nested = QTextListFormat(text_list.format())
        nested.setIndent(max(1, nested.indent() + (1 if span < 0.5 else -1)))
        text_list.setFormat(nested)
    elif kind == "unlist" and (text_list := cursor.block().textList()) is not None:
        text_list.remove(cursor.block())
        plain = cursor.blockFormat()
        plain.setIndent(0)
        cursor.setBlockFormat(plain)
    elif kind == "mark" and cursor.hasSelection():
        mark_decision(cursor, "d0d0d0d0-1111")
    elif kind == "paste":
        cursor.insertHtml(f"<p>pasted {text}</p><p>and <em>more</em></p>")
    elif kind == "undo":
        document.undo()
    elif kind == "redo":
        document.redo()


class Underlines(QSyntaxHighlighter):
    """Underlines every "x", as the spell-check underlines words: a change of formats
    Qt reports as an edit of the block, which must not cost the cache what it knows."""

    def highlightBlock(self, text: str) -> None:  # noqa: N802 (Qt's name)
        wavy = QTextCharFormat()
        wavy.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        for at, char in enumerate(text):
            if char == "x":
                self.setFormat(at, 1, wavy)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(_EDITS)
def test_what_is_written_after_any_edits_is_the_whole_document(qapp, edits) -> None:  # type: ignore[no-untyped-def]
    document = QTextDocument()
    load_document(document, START)
    Underlines(document)
    assert document_to_html(document) == document_to_html(document, cached=False)
    for edit in edits:
        _apply(document, edit)
        assert document_to_html(document) == document_to_html(document, cached=False), edit


def test_reloading_the_document_writes_the_new_text(qapp) -> None:  # type: ignore[no-untyped-def]
    document = QTextDocument()
    load_document(document, START)
    document_to_html(document)
    load_document(document, "<p>Another item's notes.</p>")
    assert document_to_html(document) == "<p>Another item's notes.</p>"


def test_a_loaded_document_is_learnt_between_events_before_its_first_save(
        qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """The first autosave of a large item walked every block at once (50 ms at 100,000
    words, keys waiting); the blocks are walked in slices after loading instead."""
    from minute_taker.ui.capture import richtext_qt

    document = QTextDocument()
    load_document(document, "".join(f"<p>Paragraph {n} of the notes.</p>" for n in range(2000)))
    walked: list[int] = []
    real = richtext_qt._inline_html
    monkeypatch.setattr(richtext_qt, "_inline_html",
                        lambda block: walked.append(block.blockNumber()) or real(block))
    per_turn: list[int] = []
    warm = richtext_qt._BlockCache._warm_some

    def counted(cache) -> None:  # type: ignore[no-untyped-def]
        before = len(walked)
        warm(cache)
        per_turn.append(len(walked) - before)

    monkeypatch.setattr(richtext_qt._BlockCache, "_warm_some", counted)
    qtbot.waitUntil(lambda: len(walked) >= 2000)
    assert sorted(walked) == list(range(2000))  # each block once
    assert max(per_turn) <= richtext_qt.WARM_BLOCKS  # a slice at each turn, not all at once
    walked.clear()
    cursor = QTextCursor(document)
    cursor.movePosition(QTextCursor.MoveOperation.End)
    cursor.insertText(" Typed.")
    stored = document_to_html(document)
    assert walked == [1999]  # only the paragraph typed in
    assert stored == document_to_html(document, cached=False)


def test_a_new_paragraph_mid_item_walks_only_the_paragraphs_it_made(
        qtbot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    """Enter in the middle of a long item moves every block after it; they are the same
    blocks, moved, not blocks to walk again (and their lists are where they were)."""
    from minute_taker.ui.capture import richtext_qt

    document = QTextDocument()
    load_document(document, "".join(
        f"<p>Paragraph {n}.</p><ul><li>Point {n}</li><li>Another</li></ul>"
        for n in range(400)))
    document_to_html(document)
    walked: list[int] = []
    real = richtext_qt._inline_html
    monkeypatch.setattr(richtext_qt, "_inline_html",
                        lambda block: walked.append(block.blockNumber()) or real(block))
    cursor = QTextCursor(document.findBlockByNumber(601))  # "Point 200"
    cursor.movePosition(QTextCursor.MoveOperation.EndOfBlock)
    cursor.insertBlock()
    cursor.insertText("A new point.")
    stored = document_to_html(document)
    # The two it made, and the rest of the list Qt says it touched (its numbering); not
    # the 600 blocks after it, which only moved.
    assert 601 in walked and 602 in walked and set(walked) <= set(range(601, 606))
    assert stored == document_to_html(document, cached=False)
    assert "<li>Point 200</li><li>A new point.</li><li>Another</li>" in stored
