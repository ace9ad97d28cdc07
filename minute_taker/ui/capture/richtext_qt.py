"""Between the editor's QTextDocument and the stored rich-text subset.

Qt's own ``toHtml()`` expresses list nesting as indent properties and styles
every span; walking the blocks gives the small, nested HTML the book stores
(see ``minute_taker.domain.richtext``), and the same walk will drive exports.
"""

from __future__ import annotations

import html

from PySide6.QtGui import QFont, QTextBlock, QTextCharFormat, QTextDocument, QTextListFormat

from minute_taker.domain.richtext import sanitise_html

_ORDERED = {
    QTextListFormat.Style.ListDecimal, QTextListFormat.Style.ListLowerAlpha,
    QTextListFormat.Style.ListUpperAlpha, QTextListFormat.Style.ListLowerRoman,
    QTextListFormat.Style.ListUpperRoman,
}


def _inline_html(block: QTextBlock) -> str:
    parts: list[str] = []
    it = block.begin()
    while not it.atEnd():
        fragment = it.fragment()
        if fragment.isValid():
            parts.append(_wrap(fragment.text(), fragment.charFormat()))
        it += 1
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


def document_to_html(document: QTextDocument) -> str:
    """The document as the stored subset: paragraphs and properly nested lists."""
    out: list[str] = []
    open_lists: list[tuple[int, str]] = []  # (indent, "ul"/"ol"), innermost last
    trailing_empty = 0
    block = document.begin()
    while block.isValid():
        text_list = block.textList()
        if text_list is None:
            while open_lists:
                out.append(f"</li></{open_lists.pop()[1]}>")
            inner = _inline_html(block)
            out.append(f"<p>{inner}</p>")
            trailing_empty = trailing_empty + 1 if not inner else 0
        else:
            trailing_empty = 0
            fmt = text_list.format()
            indent, tag = fmt.indent(), "ol" if fmt.style() in _ORDERED else "ul"
            while open_lists and (open_lists[-1][0] > indent
                                  or open_lists[-1][0] == indent and open_lists[-1][1] != tag):
                out.append(f"</li></{open_lists.pop()[1]}>")
            if open_lists and open_lists[-1][0] == indent:
                out.append("</li><li>")
            else:
                open_lists.append((indent, tag))
                out.append(f"<{tag}><li>")
            out.append(_inline_html(block))
        block = block.next()
    while open_lists:
        out.append(f"</li></{open_lists.pop()[1]}>")
    if trailing_empty:
        out = out[:-trailing_empty]
    return "".join(out)


def load_document(document: QTextDocument, stored_html: str) -> None:
    """Show stored minutes; the undo history starts afresh for each item.

    Sanitised again on the way in: the services store only the small subset, but a
    book written by another program could hold anything, and Qt would ask for a remote
    image or follow a style it names."""
    document.setUndoRedoEnabled(False)
    document.setHtml(sanitise_html(stored_html))
    document.setUndoRedoEnabled(True)
    document.setModified(False)
