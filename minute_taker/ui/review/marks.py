"""Where each item starts in the rendered minutes, and the review marks drawn on them.

The layout gives every item heading a ``<a name="item-UID">`` anchor; reading the
anchors back from the QTextDocument tells the review window which item the
cursor or a selection is in. Marks are drawn on the displayed copy only:
quoted passages highlighted, suggested wording shown beside the original it
would replace (struck through), so both can be read at once.
"""

from __future__ import annotations

import bisect
from collections.abc import Sequence

from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor, QTextDocument

from minute_taker.export.layout import DESCRIPTION_ANCHOR_PREFIX, ITEM_ANCHOR_PREFIX
from minute_taker.services.review import CommentRow, SuggestionRow

SECTION_ANCHORS = ("actions-arising", "close", "abbreviations")


class ItemAnchors:
    """Document positions of item headings, in document order.

    Other named sections of the layout (the closing actions table, the glossary) end
    the item before them: what is there belongs to the minutes as a whole.
    """

    def __init__(self) -> None:
        self.positions: list[int] = []
        self.item_ids: list[int | None] = []
        self.heading_ends: list[int] = []
        self.text_starts: list[int] = []  # where the item's own minutes text begins

    def read(self, document: QTextDocument, item_ids: dict[str, int]) -> None:
        self.positions, self.item_ids = [], []
        self.heading_ends, self.text_starts = [], []
        block = document.begin()
        while block.isValid():
            fragments = block.begin()
            while not fragments.atEnd():
                fragment = fragments.fragment()
                for name in fragment.charFormat().anchorNames():
                    self._anchor(name, item_ids, fragment.position(),
                                 block.position() + block.length())
                fragments += 1
            block = block.next()

    def _anchor(self, name: str, item_ids: dict[str, int], position: int,
                block_end: int) -> None:
        if name.startswith(ITEM_ANCHOR_PREFIX):
            item_id = item_ids.get(name.removeprefix(ITEM_ANCHOR_PREFIX))
            if item_id is not None:
                self.positions.append(position)
                self.item_ids.append(item_id)
                self.heading_ends.append(block_end)
                self.text_starts.append(block_end)
        elif name.startswith(DESCRIPTION_ANCHOR_PREFIX):
            if self.text_starts:  # the agenda text sits between heading and minutes
                self.text_starts[-1] = block_end
        elif name in SECTION_ANCHORS:
            self.positions.append(position)
            self.item_ids.append(None)
            self.heading_ends.append(block_end)
            self.text_starts.append(block_end)

    def _index(self, position: int) -> int:
        return bisect.bisect_right(self.positions, position) - 1

    def item_at(self, position: int) -> int | None:
        """The item whose section holds ``position`` (None: outside every item)."""
        index = self._index(position)
        return self.item_ids[index] if index >= 0 else None

    def in_heading(self, position: int) -> bool:
        index = self._index(position)
        return index >= 0 and self.item_ids[index] is not None \
            and position < self.heading_end(index)

    def heading_end(self, index: int) -> int:
        return self.heading_ends[index]

    def position_of(self, item_id: int | None) -> int | None:
        if item_id is None or item_id not in self.item_ids:
            return None
        return self.positions[self.item_ids.index(item_id)]

    def section(self, item_id: int | None, document: QTextDocument) -> tuple[int, int]:
        """Start and end of an item's section (its heading up to the next heading)."""
        if item_id is None or item_id not in self.item_ids:
            return 0, document.characterCount() - 1
        index = self.item_ids.index(item_id)
        end = self.positions[index + 1] if index + 1 < len(self.positions) \
            else document.characterCount() - 1
        return self.positions[index], end

    def neighbour(self, position: int, step: int) -> int | None:
        """The heading ``step`` items after (or before) the one holding ``position``."""
        headings = [p for p, item in zip(self.positions, self.item_ids, strict=True)
                    if item is not None]
        index = bisect.bisect_right(headings, position) - 1
        if step < 0 and index >= 0 and position > headings[index]:
            index += 1  # from inside an item, "previous" first goes to its own heading
        index += step
        return headings[index] if 0 <= index < len(headings) else None

    def occurrence(self, document: QTextDocument, text: str, position: int) -> int:
        """How many times ``text`` occurs in the item's minutes text before ``position``
        (or in its heading, for a selection there)."""
        index = self._index(position)
        if index < 0:
            return 0
        start = self.positions[index] if self.in_heading(position) else self.text_starts[index]
        count, cursor = 0, QTextCursor(document)
        cursor.setPosition(min(start, position))
        while True:
            cursor = document.find(text, cursor, QTextDocument.FindFlag.FindCaseSensitively)
            if cursor.isNull() or cursor.selectionStart() >= position:
                return count
            count += 1


def _format(background: str | None = None, foreground: str | None = None, *,
            strike: bool = False, underline: bool = False) -> QTextCharFormat:
    fmt = QTextCharFormat()
    if background:
        fmt.setBackground(QColor(background))
    if foreground:
        fmt.setForeground(QColor(foreground))
    fmt.setFontStrikeOut(strike)
    fmt.setFontUnderline(underline)
    return fmt


# Each mark sets its text with its ground: a ground alone left a dark theme's light text
# on pale yellow.
QUOTE = _format("#fff3b0", "#3d2e00")
ORIGINAL = _format("#fde2e1", "#9b1c1c", strike=True)
PROPOSAL = _format("#e3f6e5", "#1b5e20", underline=True)


def _find(document: QTextDocument, text: str, section: tuple[int, int]) -> QTextCursor | None:
    cursor = QTextCursor(document)
    cursor.setPosition(section[0])
    found = document.find(text.split("\n")[0], cursor,
                          QTextDocument.FindFlag.FindCaseSensitively)
    if found.isNull() or found.selectionEnd() > section[1]:
        return None
    return found


class Insertions:
    """The text the marks added to a document (each proposal beside its original), by
    where it went in the unmarked text: positions in the displayed copy can then be told
    in the layout's own terms, which stay put when the marks change."""

    def __init__(self, spans: Sequence[tuple[int, int]] = ()) -> None:
        self.spans = sorted(spans)  # (unmarked position, length inserted there)

    def to_marked(self, position: int) -> int:
        """Where an unmarked position is in the marked document (a position where a
        proposal was inserted stays before it, at the end of its original)."""
        return position + sum(length for at, length in self.spans if at < position)

    def to_unmarked(self, position: int) -> int:
        """Where a marked position is in the unmarked document (inside an inserted
        proposal: the end of the original it follows)."""
        shift = 0
        for at, length in self.spans:
            if position < at + shift:
                break
            if position < at + shift + length:
                return at
            shift += length
        return position - shift


def mark_passages(document: QTextDocument, anchors: ItemAnchors,
                  comments: Sequence[CommentRow], suggestions: Sequence[SuggestionRow]
                  ) -> Insertions:
    """Highlight quoted passages and show each pending suggestion beside its original;
    what was inserted, to map positions across the marks.

    Marks go from the end of the document backwards so insertions do not move the
    places still to be marked. The document is laid out afresh afterwards: Qt lays a
    long page out lazily, and an edit made (as here) while it still is leaves every block
    after the edited table unlaid, so the sections after the items (actions arising, the
    date of the next meeting, the abbreviations) took no room and were not drawn.
    """
    marks: list[tuple[int, QTextCursor, SuggestionRow | None]] = []
    for comment in comments:
        found = _find(document, comment.quote, anchors.section(comment.item_id, document)) \
            if comment.quote else None
        if found is not None:
            marks.append((found.selectionStart(), found, None))
    for suggestion in suggestions:
        if suggestion.status != "pending":
            continue
        found = _find(document, suggestion.original,
                      anchors.section(suggestion.item_id, document))
        if found is not None:
            marks.append((found.selectionStart(), found, suggestion))
    spans: list[tuple[int, int]] = []
    for _start, cursor, marked in sorted(marks, key=lambda m: m[0], reverse=True):
        if marked is None:
            cursor.mergeCharFormat(QUOTE)
            continue
        cursor.mergeCharFormat(ORIGINAL)
        at = cursor.selectionEnd()
        end = QTextCursor(document)
        end.setPosition(at)
        end.insertText(f" {marked.proposal}", PROPOSAL)
        spans.append((at, end.position() - at))
    if marks:
        document.markContentsDirty(0, document.characterCount())
    return Insertions(spans)
