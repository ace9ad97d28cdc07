"""Between the editor's QTextDocument and the stored rich-text subset.

Qt's own ``toHtml()`` expresses list nesting as indent properties and styles
every span; walking the blocks gives the small, nested HTML the book stores
(see ``minute_taker.domain.richtext``), and the same walk will drive exports.
"""

from __future__ import annotations

import html
from collections.abc import Iterator

from PySide6.QtCore import QObject, QTimer
from PySide6.QtGui import (
    QFont,
    QGuiApplication,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
    QTextFormat,
    QTextList,
    QTextListFormat,
)

from minute_taker.domain.decision_marks import HREF_PREFIX, mark_href, uid_of
from minute_taker.domain.richtext import sanitise_html
from minute_taker.ui.colours import DECISION_PASSAGE

WARM_BLOCKS = 250  # walked in one turn of the event loop: about 2 ms

_ORDERED = {
    QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


def _inline_html(block: QTextBlock) -> str:
    """The block's runs; the runs of one decision's passage inside one mark."""
    parts: list[str] = []
    marked: str | None = None  # the uid of the mark open in ``parts``
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            uid = decision_uid(fragment.charFormat())
            if uid != marked:
                if marked is not None:
                    parts.append("</a>")
                if uid is not None:
                    parts.append(f'<a href="{mark_href(uid)}">')
                marked = uid
            parts.append(_wrap(fragment.text(), fragment.charFormat()))
        it += 1
    if marked is not None:
        parts.append("</a>")
    return "".join(parts)


def _wrap(text: str, fmt: QTextCharFormat) -> str:
    out = html.escape(text, quote=False).replace("\u2028", "<br>").replace("\ufffc", "")
    if fmt.fontUnderline():
        out = f"<u>{out}</u>"
    if fmt.fontItalic():
        out = f"<em>{out}</em>"
    if fmt.fontWeight() >= QFont.Weight.DemiBold:
        out = f"<strong>{out}</strong>"
    return out


# --- decisions kept in the notes (domain/decision_marks.py) ------------------------------

def decision_uid(fmt: QTextCharFormat) -> str | None:
    """The uid of the decision whose passage a character of this format is part of."""
    return uid_of(fmt.anchorHref()) if fmt.isAnchor() else None


def _passage_format(uid: str) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setAnchor(True)
    fmt.setAnchorHref(mark_href(uid))
    fmt.setBackground(DECISION_PASSAGE.on(QGuiApplication.palette()))
    return fmt


def mark_decision(cursor: QTextCursor, uid: str) -> None:
    """Mark the cursor's selection as the passage of decision ``uid`` (one undo step);
    its words and emphasis stay as they are."""
    cursor.mergeCharFormat(_passage_format(uid))


def without_mark(fmt: QTextCharFormat) -> QTextCharFormat:
    """``fmt`` as words outside any decision's passage."""
    plain = QTextCharFormat(fmt)
    plain.setAnchor(False)
    plain.clearProperty(QTextFormat.Property.AnchorHref)
    plain.clearBackground()
    return plain


def unmark_decision(document: QTextDocument, uid: str) -> bool:
    """Take the mark of decision ``uid`` off its passage, keeping the words (one undo
    step); False if no passage of it is in the document."""
    spans = [(start, end, fmt) for start, end, fmt in _fragments(document)
             if decision_uid(fmt) == uid]
    if not spans:
        return False
    cursor = QTextCursor(document)
    cursor.beginEditBlock()
    for start, end, fmt in spans:
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(without_mark(fmt))
    cursor.endEditBlock()
    return True


def decisions_in(cursor: QTextCursor) -> set[str]:
    """The uids of the decisions with words in the cursor's selection."""
    start, end = cursor.selectionStart(), cursor.selectionEnd()
    return {uid for first, last, fmt in _fragments(cursor.document())
            if first < end and last > start and (uid := decision_uid(fmt)) is not None}


def decisions_marked(document: QTextDocument) -> set[str]:
    """The uids of the decisions with a passage in the document."""
    return {uid for _, _, fmt in _fragments(document)
            if (uid := decision_uid(fmt)) is not None}


def _fragments(document: QTextDocument) -> Iterator[tuple[int, int, QTextCharFormat]]:
    block = document.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fragment = it.fragment()
            if fragment.isValid():
                yield (fragment.position(), fragment.position() + fragment.length(),
                       fragment.charFormat())
            it += 1
        block = block.next()


def leaving_passage(cursor: QTextCursor, *, new_paragraph: bool) -> QTextCharFormat | None:
    """The format to type with just after the end of a decision's passage, so that what
    follows is narrative (Qt would carry a link's format on); None where typing keeps
    the format it has.

    A passage that runs to the end of its line grows as the clerk types on that line
    (finishing or correcting its last word), and Enter starts narrative again; after a
    passage that ends inside a paragraph, what is typed is narrative."""
    if cursor.hasSelection():
        return None
    uid = decision_uid(cursor.charFormat())
    if uid is None:
        return None
    if cursor.atBlockEnd():
        return without_mark(cursor.charFormat()) if new_paragraph else None
    after = QTextCursor(cursor)
    after.movePosition(QTextCursor.MoveOperation.NextCharacter)
    return None if decision_uid(after.charFormat()) == uid else without_mark(
        cursor.charFormat())


def _show_marks(document: QTextDocument) -> None:
    """Passages loaded from the book drawn as passages, not as blue links."""
    cursor = QTextCursor(document)
    for start, end, fmt in list(_fragments(document)):
        uid = decision_uid(fmt)
        if uid is None:
            continue
        shown = QTextCharFormat(fmt)
        shown.clearForeground()
        shown.setBackground(DECISION_PASSAGE.on(QGuiApplication.palette()))
        cursor.setPosition(start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        cursor.setCharFormat(shown)


class _BlockCache(QObject):
    """Each block's stored HTML, kept from one save of the document to the next.

    An autosave writes the whole item; walking every character of a 100,000-word item
    took 40 ms of the GUI thread at each, and walking its 5,000 blocks one by one to
    find what changed still took 14; now a save at its end takes about 1 ms. Qt says
    what an edit touched (``contentsChange``),
    and for typing, formatting and pasting inside a paragraph it says so exactly: those
    blocks are walked again and the rest looked up. Where it is vaguer (an edit that
    adds or removes paragraphs moves every block after it; an undo can report a range
    that is too short or a negative length) everything from the change on is walked
    again. The blocks' text comes from one call (``toRawText``), and a block whose text
    is not the text it was written from is never taken from the cache. Which blocks are
    list items is read from the document's lists, again after a change that may have
    made or unmade one (not typing or deleting inside paragraphs, nor the spell-check's
    underlines: ``_check_places``).

    The blocks not yet known are walked between events, a slice at a time
    (``_warm_some``), from when the document is loaded: the first autosave of a
    100,000-word item walked all of them at once, 50 ms that the keys typed meanwhile
    waited for."""

    def __init__(self, document: QTextDocument) -> None:
        super().__init__(document)
        self.setObjectName("storedHtmlCache")
        self._document = document
        self._inline: list[tuple[str, str] | None] = [None] * document.blockCount()
        self._places: dict[int, tuple[int, str]] | None = None
        # What the last save wrote, block by block, and the first block changed since.
        self._raw = ""
        self._nested = _Nested()
        self._dirty_from = 0
        self._warm_from = 0  # the blocks before it are known, unless an edit said otherwise
        self._warmer = QTimer(self, interval=0)
        self._warmer.timeout.connect(self._warm_some)
        self._warmer.start()
        # Qt says what changed only of a document with a layout (one shown in an editor
        # has one already); asking for it makes one.
        document.documentLayout()
        document.contentsChange.connect(self._changed)

    def _warm_some(self) -> None:
        """Walk the next ``WARM_BLOCKS`` blocks the cache does not know (a few ms), and the
        lists once all are known; then stop until an edit forgets some again."""
        document = self._document
        count = len(self._inline)
        if count != document.blockCount():
            return  # an edit is being reported; the next turn sees it settled
        end = min(count, self._warm_from + WARM_BLOCKS)
        block = document.findBlockByNumber(self._warm_from)
        for number in range(self._warm_from, end):
            if self._inline[number] is None:
                self._inline[number] = (block.text(), _inline_html(block))
            block = block.next()
        self._warm_from = end
        if end >= count:
            if self._places is None:
                self._places = _list_places(document)
            self._warmer.stop()

    def _forgotten(self, first: int) -> None:
        self._warm_from = min(self._warm_from, max(first, 0))
        if not self._warmer.isActive():
            self._warmer.start()

    def _changed(self, position: int, removed: int, added: int) -> None:
        document = self._document
        count = document.blockCount()
        first = document.findBlock(position).blockNumber()
        if first < 0 or removed < 0 or added < 0:
            self._inline = [None] * count
            self._places = None
            first = 0
        elif count != len(self._inline):
            # Paragraphs added or removed: the blocks from ``first`` to the end of what was
            # added are new; those after it are the old ones, moved.
            moved = count - len(self._inline)
            last = document.findBlock(position + added).blockNumber()
            last = count - 1 if last < 0 else last
            self._inline = (self._inline[:first] + [None] * (last - first + 1)
                            + self._inline[last - moved + 1:])
            self._move_places(first, last, moved)
        else:
            last = document.findBlock(position + max(removed, added)).blockNumber()
            last = count - 1 if last < 0 else last
            self._inline[first:last + 1] = [None] * (last - first + 1)
            if removed and added:
                self._check_places(first, last, formats_only=removed == added)
        self._dirty_from = min(self._dirty_from, first)
        self._forgotten(first)

    def _move_places(self, first: int, last: int, moved: int) -> None:
        """The list items after an edit that added or removed paragraphs: those before
        ``first`` stay, those after ``last`` moved by ``moved``, the new ones are read."""
        places = self._places
        if places is None:
            return
        kept = {number: place for number, place in places.items() if number < first}
        kept.update((number + moved, place) for number, place in places.items()
                    if number > last - moved)
        block = self._document.findBlockByNumber(first)
        for number in range(first, last + 1):
            if (place := _place_of(block)) is not None:
                kept[number] = place
            block = block.next()
        self._places = kept

    def _check_places(self, first: int, last: int, *, formats_only: bool) -> None:
        """Forget which blocks are list items if blocks ``first`` to ``last`` may have
        joined or left a list. A change of formats (as many characters removed as added)
        is most often the spell-check underlining a word, which leaves the lists as they
        are: those blocks are looked at, not the whole document's lists."""
        places = self._places
        if places is None:
            return
        if not formats_only:
            self._places = None
            return
        block = self._document.findBlockByNumber(first)
        for number in range(first, last + 1):
            if _place_of(block) != places.get(number):
                self._places = None
                return
            block = block.next()

    def stored_html(self) -> str | None:
        """The document as ``document_to_html`` writes it, or None where the raw text
        does not split into the document's blocks (a table or frame: walk it all).

        Only the blocks from the first one changed since the last save are looked at
        again (their text, their HTML, how the lists around them nest); that the blocks
        before it are as they were is checked in one comparison of the raw text."""
        document = self._document
        count = document.blockCount()
        raw = document.toRawText()
        if len(self._inline) != count:
            self._inline = [None] * count
            self._places = None
            self._dirty_from = 0
            self._forgotten(0)
        start = min(self._dirty_from, count, len(self._nested.after))
        offset = document.findBlockByNumber(start).position() if start < count else len(raw) + 1
        if start and raw[:offset] != self._raw[:offset]:
            start, offset = 0, 0
        texts = raw[offset:].split("\u2029") if start < count else []
        if len(texts) != count - start:
            return None
        if self._places is None:
            self._places = _list_places(document)
        in_lists, inline = self._places, self._inline
        block = document.begin()
        number = 0
        parts: list[tuple[tuple[int, str] | None, str]] = []
        for index, text in enumerate(texts, start):
            cached = inline[index]
            if cached is None or cached[0] != text:
                # Blocks to walk again come in runs: step along a run, jump between them.
                block = block.next() if number == index - 1 else document.findBlockByNumber(index)
                number = index
                cached = inline[index] = (text, _inline_html(block))
            parts.append((in_lists.get(index), cached[1]))
        self._nested.renest(start, parts)
        self._raw, self._dirty_from = raw, count
        return self._nested.html()


def _list_places(document: QTextDocument) -> dict[int, tuple[int, str]]:
    """Each list item's block number, with its list's indent and tag: found from the
    document's lists, so a save visits only the blocks that are in one."""
    places: dict[int, tuple[int, str]] = {}
    seen: set[int] = set()
    for fmt in document.allFormats():  # a list item's block format names its list
        index = fmt.objectIndex()
        if not fmt.isBlockFormat() or index < 0 or index in seen:
            continue
        seen.add(index)
        text_list = document.object(index)
        if not isinstance(text_list, QTextList):
            continue
        place = _list_place(text_list)
        for item in range(text_list.count()):
            places[text_list.item(item).blockNumber()] = place
    return places


def _list_place(text_list: QTextList) -> tuple[int, str]:
    """A list's indent and tag, as the stored HTML nests it."""
    fmt = text_list.format()
    return fmt.indent(), "ol" if fmt.style() in _ORDERED else "ul"


def _place_of(block: QTextBlock) -> tuple[int, str] | None:
    text_list = block.textList()
    return None if text_list is None else _list_place(text_list)


def _cache_of(document: QTextDocument) -> _BlockCache:
    found = document.findChild(_BlockCache, "storedHtmlCache")
    return found if isinstance(found, _BlockCache) else _BlockCache(document)


def document_to_html(document: QTextDocument, *, cached: bool = True) -> str:
    """The document as the stored subset: paragraphs and properly nested lists.
    ``cached``: blocks unchanged since the last call are not walked again."""
    if cached and (stored := _cache_of(document).stored_html()) is not None:
        return stored
    parts: list[tuple[tuple[int, str] | None, str]] = []
    block = document.begin()
    while block.isValid():
        parts.append((_place_of(block), _inline_html(block)))
        block = block.next()
    return _nest(parts)


class _Nested:
    """Paragraphs and list items as HTML with the lists properly nested, kept block by
    block with the lists open after each, so that a save nests again only from the first
    block changed. Empty paragraphs at the end are left out."""

    def __init__(self) -> None:
        self.closing: list[str] = []  # the list ends written before each block
        self.body: list[str] = []  # each block's own HTML
        self.empty: list[bool] = []  # an empty paragraph
        self.after: list[tuple[tuple[int, str], ...]] = []  # (indent, tag) open after it

    def renest(self, start: int, parts: list[tuple[tuple[int, str] | None, str]]) -> None:
        """Blocks ``start`` on are ``parts`` (each with its list's (indent, tag) or None)."""
        del self.closing[start:], self.body[start:], self.empty[start:], self.after[start:]
        open_lists = list(self.after[start - 1]) if start else []  # innermost last
        for place, inner in parts:
            closing: list[str] = []
            if place is None:
                while open_lists:
                    closing.append(f"</li></{open_lists.pop()[1]}>")
                body = f"<p>{inner}</p>"
            else:
                indent, tag = place
                while open_lists and (open_lists[-1][0] > indent or open_lists[-1][0] == indent
                                      and open_lists[-1][1] != tag):
                    closing.append(f"</li></{open_lists.pop()[1]}>")
                if open_lists and open_lists[-1][0] == indent:
                    body = f"</li><li>{inner}"
                else:
                    open_lists.append((indent, tag))
                    body = f"<{tag}><li>{inner}"
            self.closing.append("".join(closing))
            self.body.append(body)
            self.empty.append(place is None and not inner)
            self.after.append(tuple(open_lists))

    def html(self) -> str:
        kept = len(self.body)
        while kept and self.empty[kept - 1]:
            kept -= 1
        last_open = self.after[-1] if self.after else ()
        return "".join([*(c + b for c, b in zip(self.closing[:kept], self.body[:kept],
                                                strict=True)),
                        *self.closing[kept:],
                        *(f"</li></{tag}>" for _indent, tag in reversed(last_open))])


def _nest(parts: list[tuple[tuple[int, str] | None, str]]) -> str:
    """``parts`` nested as ``_Nested`` writes them, all at once."""
    nested = _Nested()
    nested.renest(0, parts)
    return nested.html()


def load_document(document: QTextDocument, stored_html: str) -> None:
    """Show stored minutes; the undo history starts afresh for each item.

    Sanitised again on the way in: the services store only the small subset, but a
    book written by another program could hold anything, and Qt would ask for a remote
    image or follow a style it names."""
    document.setUndoRedoEnabled(False)
    # A decision's mark is a link to Qt, which would underline it; an underline the
    # clerk gave words inside it is then the only one there.
    document.setDefaultStyleSheet("a { text-decoration: none; }")
    document.setHtml(sanitise_html(stored_html))
    if HREF_PREFIX in stored_html:  # a walk over every fragment, only where there are marks
        _show_marks(document)
    document.setUndoRedoEnabled(True)
    document.setModified(False)
    _cache_of(document)  # starts learning the blocks between events, for the first save


def replace_contents(document: QTextDocument, stored_html: str) -> None:
    """Put stored minutes in place of the document's text as one edit of it (saved like
    any other, and undone by Ctrl+Z), marks and all, as ``load_document`` shows them."""
    shown = QTextDocument()
    shown.setDefaultFont(document.defaultFont())
    load_document(shown, stored_html)
    whole = QTextCursor(shown)
    whole.select(QTextCursor.SelectionType.Document)
    cursor = QTextCursor(document)
    cursor.select(QTextCursor.SelectionType.Document)
    cursor.beginEditBlock()
    cursor.insertFragment(whole.selection())
    cursor.endEditBlock()
