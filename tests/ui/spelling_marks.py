"""What the spell-check underlines, read from the layout of a document's blocks: shared by
the tests of the spelling in one editor and in the window's items."""

from __future__ import annotations

from PySide6.QtGui import QTextCharFormat, QTextDocument
from PySide6.QtWidgets import QTextEdit

SPELLING_UNDERLINE = QTextCharFormat.UnderlineStyle.SpellCheckUnderline


def underlined(shown: QTextEdit | QTextDocument) -> list[str]:
    """The underlined words of an editor's document, or of a document, in order."""
    document = shown.document() if isinstance(shown, QTextEdit) else shown
    found = []
    block = document.firstBlock()
    while block.isValid():
        for span in block.layout().formats():
            if span.format.underlineStyle() == SPELLING_UNDERLINE:
                found.append(block.text()[span.start:span.start + span.length])
        block = block.next()
    return found
