"""Name and abbreviation completion while minutes are typed, after Qt's Custom Completer.

Unlike ``QCompleter``'s popup, this list never takes the keyboard: every key goes to
the editor, which hands over only those meant for the list. A clerk typing at the
speed of speech can ignore it entirely:

* the list opens when a word of two or more letters, begun with a capital, is being
  typed at the end of a word and matches a name or abbreviation (``match_entries``);
* Space, punctuation and every other character go into the text as usual, and close
  the list when the word ends; typing more letters narrows it;
* Tab inserts the highlighted row (the first, in bold, until the arrows choose
  another); Up and Down choose; Enter inserts only a row chosen with the arrows,
  otherwise it closes the list and starts a new paragraph as usual ("Action: DCC"
  then Enter stays "DCC"); Escape closes the list until the next word;
* a click on a row inserts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, Qt, Signal
from PySide6.QtGui import (
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QStandardItem,
    QStandardItemModel,
    QTextCursor,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QTextEdit, QWidget

from minute_taker.domain.completion import MIN_PREFIX, CompletionEntry, match_entries
from minute_taker.ui.capture.text_offsets import from_utf16, to_utf16

VISIBLE_ROWS = 8
_WORD_CHARS = re.compile(r"[^\W_]+(?:'[^\W_]+)*$")  # the word ending at the cursor


class CompletionPopup(QListView):
    """The list of rows, floating over the editor's window; it never takes the focus.

    A child of the window rather than a window of its own: no window manager can
    activate it, it moves with the window, and it cannot be left over another app.
    """

    def __init__(self, parent: QWidget) -> None:
        super().__init__(parent)
        self.hide()
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.setObjectName("completionPopup")
        self.setAccessibleName("Name suggestions")
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setUniformItemSizes(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setFrameShape(QFrame.Shape.Box)
        self.setToolTip("Tab inserts the highlighted row \u00b7 \u2191\u2193 choose "
                        "\u00b7 Esc closes")


class NameCompleter(QObject):
    """Offers ``CompletionEntry`` rows for the word being typed in ``editor``.

    ``entries`` is called when rows are first needed and again after ``invalidate()``
    (call it when people or the committee's abbreviations change), never per key.
    """

    inserted = Signal(object)  # CompletionEntry

    def __init__(self, editor: QTextEdit,
                 entries: Callable[[], list[CompletionEntry]]) -> None:
        super().__init__(editor)
        self.editor = editor
        self.capital_first = True  # see match_entries: a lower-case word opens nothing
        self._source = entries
        self._entries: list[CompletionEntry] | None = None
        self._matches: list[CompletionEntry] = []
        self._word_start = -1  # document position of the word being completed
        self._typed_length = 0
        self._dismissed_at = -1  # Escape pressed on the word starting here
        self._typing = False  # a key that types was pressed; its edit has not yet arrived
        self._chosen = False  # the arrows (or the mouse) picked a row
        self.model = QStandardItemModel(self)
        self.popup = CompletionPopup(editor)
        editor.destroyed.connect(self.popup.deleteLater)
        self.popup.setModel(self.model)
        self.popup.clicked.connect(self._accept_index)
        editor.installEventFilter(self)
        self._document = editor.document()
        self._document.contentsChange.connect(self._on_contents_change)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.verticalScrollBar().valueChanged.connect(self.hide)

    # Public

    def follow_document(self) -> None:
        """The editor now shows another document (another agenda item): watch that one."""
        self.hide()
        self._document.contentsChange.disconnect(self._on_contents_change)
        self._document = self.editor.document()
        self._document.contentsChange.connect(self._on_contents_change)

    @property
    def matches(self) -> list[CompletionEntry]:
        return list(self._matches) if self.popup.isVisible() else []

    def invalidate(self) -> None:
        self._entries = None
        self.hide()

    def entries(self) -> list[CompletionEntry]:
        if self._entries is None:
            self._entries = list(self._source() or [])
        return self._entries

    def complete_at_cursor(self) -> None:
        """Open the list for the word at the cursor, from one letter, in any case."""
        self._dismissed_at = -1
        self._refresh(min_prefix=1, capital_first=False)

    def hide(self) -> None:
        if self.popup.isVisible():
            self.popup.hide()
        self._matches = []
        self._chosen = False

    def accept(self, row: int | None = None) -> bool:
        """Insert row ``row`` (the highlighted, or else the first) in place of the word."""
        if not self.popup.isVisible() or not self._matches:
            return False
        if row is None:
            current = self.popup.currentIndex()
            row = current.row() if current.isValid() else 0
        entry = self._matches[row]
        cursor = self.editor.textCursor()
        end = cursor.position()
        cursor.setPosition(self._word_start)
        cursor.setPosition(end, QTextCursor.MoveMode.KeepAnchor)
        self.hide()
        cursor.insertText(entry.insert, cursor.charFormat())
        self.editor.setTextCursor(cursor)
        self.inserted.emit(entry)
        return True

    # Keys

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.KeyPress and isinstance(event, QKeyEvent):
            return self._key_pressed(event)
        if kind == QEvent.Type.KeyRelease:
            self._typing = False  # a key that turned out to change nothing
        elif isinstance(event, QInputMethodEvent) and event.commitString():
            self._typing = True  # composed characters (dead keys, accents)
        elif kind in (QEvent.Type.FocusOut, QEvent.Type.Hide, QEvent.Type.Move,
                      QEvent.Type.Resize):
            self.hide()
        return False

    def _key_pressed(self, event: QKeyEvent) -> bool:
        key = event.key()
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
                     & ~Qt.KeyboardModifier.ShiftModifier)
        if self.popup.isVisible():
            if key == Qt.Key.Key_Escape:
                self._dismissed_at = self._word_start
                self.hide()
                return True
            if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and plain:
                self._move(-1 if key == Qt.Key.Key_Up else 1)
                return True
            if key == Qt.Key.Key_Tab and plain:
                return self.accept()
            if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
                if self._chosen and plain:
                    return self.accept()
                self.hide()
                return False
            if key == Qt.Key.Key_Backspace:
                self._typing = True
                return False
        text = event.text()  # Ctrl+letter gives a control character, not printable
        if text and text.isprintable():
            self._typing = True
        return False

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        current = self.popup.currentIndex()
        first = 0 if step > 0 else rows - 1
        row = (current.row() + step) % rows if current.isValid() else first
        self.popup.setCurrentIndex(self.model.index(row, 0))
        self._chosen = True
        self._show_default(False)

    # Following the text

    def _on_contents_change(self, _position: int, _removed: int, _added: int) -> None:
        if self._typing:
            self._typing = False
            self._refresh()
        else:
            self.hide()  # pasted, undone, loaded: not typing

    def _on_cursor_moved(self) -> None:
        moved_off = self.editor.textCursor().position() != self._word_end()
        if self.popup.isVisible() and not self._typing and moved_off:
            self.hide()

    def _word_end(self) -> int:
        return self._word_start + self._typed_length

    def _refresh(self, *, min_prefix: int = MIN_PREFIX, capital_first: bool | None = None
                 ) -> None:
        found = self._word_before_cursor()
        if found is None or self.editor.isReadOnly():
            self.hide()
            return
        start, typed = found
        if start == self._dismissed_at:
            return
        self._dismissed_at = -1
        matches = match_entries(
            self.entries(), typed, min_prefix=min_prefix,
            capital_first=self.capital_first if capital_first is None else capital_first)
        if not matches:
            self.hide()
            return
        self._word_start, self._typed_length = start, len(typed.encode("utf-16-le")) // 2
        self._show(matches)

    def _word_before_cursor(self) -> tuple[int, str] | None:
        """The word ending at the cursor, when nothing but a word's end follows it."""
        cursor = self.editor.textCursor()
        if cursor.hasSelection():
            return None
        block = cursor.block()
        text = block.text()
        position = from_utf16(text, cursor.positionInBlock())
        if position < len(text) and (text[position].isalnum() or text[position] == "'"):
            return None  # inside a word: editing, not typing a new one
        match = _WORD_CHARS.search(text[:position])
        if match is None:
            return None
        return block.position() + to_utf16(text)(match.start()), match.group()

    def _show(self, matches: list[CompletionEntry]) -> None:
        self._matches = matches
        self._chosen = False
        self.model.clear()
        for entry in matches:
            item = QStandardItem(entry.display)
            item.setToolTip(f"Inserts \u201c{entry.insert}\u201d")
            self.model.appendRow(item)
        self.popup.setCurrentIndex(QModelIndex())
        self.popup.clearSelection()
        self._show_default(True)
        window = self.editor.window()
        if self.popup.parentWidget() is not window:
            self.popup.setParent(window)
        self._place(window)
        self.popup.show()
        self.popup.raise_()

    def _show_default(self, bold: bool) -> None:
        """Row 0 is what Tab inserts while nothing is chosen: it is shown in bold."""
        item = self.model.item(0)
        if item is not None:
            font = QFont(self.popup.font())
            font.setBold(bold)
            item.setFont(font)

    def _place(self, window: QWidget) -> None:
        """Below the word being typed, or above it when the window ends too soon."""
        popup = self.popup
        rows = min(len(self._matches), VISIBLE_ROWS)
        frame = popup.frameWidth() * 2
        height = popup.sizeHintForRow(0) * rows + frame
        width = max(popup.sizeHintForColumn(0) + frame + 8, 220)
        if len(self._matches) > VISIBLE_ROWS:
            width += popup.verticalScrollBar().sizeHint().width()
        viewport = self.editor.viewport()
        cursor = QTextCursor(self.editor.document())
        cursor.setPosition(self._word_start)
        rect: QRect = self.editor.cursorRect(cursor)
        bounds = window.rect()
        below = viewport.mapTo(window, rect.bottomLeft() + QPoint(0, 2))
        width = min(width, bounds.width())
        x = max(bounds.left(), min(below.x(), bounds.right() - width))
        y = below.y()
        if y + height > bounds.bottom():
            y = max(bounds.top(), viewport.mapTo(window, rect.topLeft()).y() - height - 2)
        popup.setGeometry(x, y, width, height)

    def _accept_index(self, index: QModelIndex) -> None:
        if index.isValid():
            self.accept(index.row())


def install_completion(editor: QTextEdit,
                       entries: Callable[[], list[CompletionEntry]]) -> NameCompleter:
    """Offer names and abbreviations in ``editor`` as they are typed (see module doc)."""
    return NameCompleter(editor, entries)
