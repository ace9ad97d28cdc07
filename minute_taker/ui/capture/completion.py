"""Name and abbreviation completion while minutes are typed, after Qt's Custom Completer.

Unlike ``QCompleter``'s popup, this list never takes the keyboard: every key goes to
the editor, which hands over only a key that means nothing else there. A clerk typing
at the speed of speech can ignore the list entirely (docs/spellcheck.md has the rules):

* the list is *offered* when a word of two or more letters, begun with a capital, is
  being typed at the end of a word and matches a name or abbreviation
  (``match_entries``); it is *asked for* with Ctrl+Space (``complete_action``), from
  one letter, in any case;
* Tab inserts the highlighted row (the first, in bold, until one is chosen), except
  in a list, where Tab nests the item and Shift+Tab un-nests it;
* an offered list is entered with Down only where Down has nowhere to go (on the last
  line); Up, and Down with a line below, move the cursor and close the list. Once in
  the list (or when it was asked for), Up and Down choose and Enter inserts, and it
  stays entered while its word is typed on;
* Enter before that, Space, punctuation and every other key do what they always do
  and close the list when the word ends ("Action: DCC" then Enter stays "DCC"); more
  letters narrow it; Escape closes it until the next word; a click on a row inserts it.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import QEvent, QModelIndex, QObject, QPoint, QRect, Qt, QTimer, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QInputMethodEvent,
    QKeyEvent,
    QKeySequence,
    QStandardItem,
    QStandardItemModel,
    QTextCursor,
)
from PySide6.QtWidgets import QAbstractItemView, QFrame, QListView, QTextEdit, QWidget

from minute_taker.domain.completion import MIN_PREFIX, CompletionEntry, match_entries
from minute_taker.ui.capture.text_offsets import from_utf16, to_utf16

VISIBLE_ROWS = 8
COMPLETE_SHORTCUT = "Ctrl+Space"  # asks for the list on purpose
# Keys that move the cursor or end the line: one the list does not take closes it, even
# where it cannot move (Up on the first line), so the next Enter is the editor's.
_CLOSING_KEYS = frozenset({
    Qt.Key.Key_Up, Qt.Key.Key_Down, Qt.Key.Key_Left, Qt.Key.Key_Right, Qt.Key.Key_Home,
    Qt.Key.Key_End, Qt.Key.Key_PageUp, Qt.Key.Key_PageDown, Qt.Key.Key_Return,
    Qt.Key.Key_Enter, Qt.Key.Key_Tab, Qt.Key.Key_Backtab})
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
        self.setToolTip("Tab inserts the bold or highlighted row (in a list Tab nests)"
                        " \u00b7 Down on the last line, or Ctrl+Space, goes into the"
                        " list; then \u2191\u2193 choose and Enter inserts \u00b7 Esc closes")


class NameCompleter(QObject):
    """Offers ``CompletionEntry`` rows for the word being typed in ``editor``.

    ``entries`` is called between events after ``invalidate()`` (call it when people or
    the committee's abbreviations change, and when a meeting opens), or when rows are
    first needed; never per key.
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
        self._entered_at = -1  # the clerk went into the list for the word starting here
        self._in_list = False  # entered (Ctrl+Space, or Down): the arrows and Enter are its
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
        self.complete_action = QAction("Complete name", self)
        self.complete_action.setObjectName("completeNameAction")
        self.complete_action.setShortcut(QKeySequence(COMPLETE_SHORTCUT))
        self.complete_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.complete_action.triggered.connect(self.complete_at_cursor)
        editor.addAction(self.complete_action)

    # Public

    def follow_editor(self, editor: QTextEdit) -> None:
        """The notes are now typed in ``editor`` (a long item keeps an editor of its
        own): complete there."""
        if editor is self.editor:
            return
        self.hide()
        old = self.editor
        old.removeEventFilter(self)
        old.cursorPositionChanged.disconnect(self._on_cursor_moved)
        old.verticalScrollBar().valueChanged.disconnect(self.hide)
        old.removeAction(self.complete_action)
        self.editor = editor
        self.setParent(editor)
        editor.installEventFilter(self)
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.verticalScrollBar().valueChanged.connect(self.hide)
        editor.addAction(self.complete_action)
        self.follow_document()

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
        # Read again between events, not at the first key typed after: that key waited
        # for the people and the committee to be read from the book (8-13 ms).
        QTimer.singleShot(0, self, self.entries)

    def entries(self) -> list[CompletionEntry]:
        if self._entries is None:
            self._entries = list(self._source() or [])
        return self._entries

    def complete_at_cursor(self) -> None:
        """Open the list on purpose for the word at the cursor, from one letter, in any
        case, with its first row highlighted: the arrows choose and Enter inserts."""
        found = self._word_before_cursor()
        self._dismissed_at = -1
        self._entered_at = found[0] if found is not None else -1
        self._refresh()

    def hide(self) -> None:
        if self.popup.isVisible():
            self.popup.hide()
        self._matches = []
        self._in_list = False
        self._entered_at = -1

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
        if self.popup.isVisible():
            if self._list_takes(event):
                return True
            if event.key() == Qt.Key.Key_Backspace:
                self._typing = True  # widens the list
            elif event.key() in _CLOSING_KEYS:
                self.hide()
        text = event.text()  # Ctrl+letter gives a control character, not printable
        if text and text.isprintable():
            self._typing = True
        return False

    def _list_takes(self, event: QKeyEvent) -> bool:
        """Whether the open list uses ``event``: only a key that means nothing else in
        the editor at this point, or one the clerk pressed after going into the list."""
        key = event.key()
        if key == Qt.Key.Key_Escape:
            self._dismissed_at = self._word_start
            self.hide()
            return True
        if event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier:
            return False  # Shift+arrows select, Shift+Tab un-nests, Shift+Enter breaks
        if key == Qt.Key.Key_Tab:
            return self._tab_is_free() and self.accept()
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            return self._in_list and self.accept()
        if key == Qt.Key.Key_Up and self._in_list:
            self._move(-1)
            return True
        if key == Qt.Key.Key_Down and (self._in_list or self._nothing_below()):
            self._move(1)
            return True
        return False

    def _tab_is_free(self) -> bool:
        """Tab would only type a tab character: not in a list (where it nests the item),
        not in an editor where it moves the focus."""
        return (not self.editor.tabChangesFocus()
                and self.editor.textCursor().currentList() is None)

    def _nothing_below(self) -> bool:
        """Down would not move the cursor: it is on the document's last line."""
        return not self.editor.textCursor().movePosition(QTextCursor.MoveOperation.Down)

    def _move(self, step: int) -> None:
        rows = self.model.rowCount()
        current = self.popup.currentIndex()
        first = 0 if step > 0 else rows - 1
        row = (current.row() + step) % rows if current.isValid() else first
        self.popup.setCurrentIndex(self.model.index(row, 0))
        self._in_list = True
        self._entered_at = self._word_start  # and stays entered as the word goes on
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

    def _refresh(self) -> None:
        found = self._word_before_cursor()
        if found is None or self.editor.isReadOnly():
            self.hide()
            return
        start, typed = found
        if start == self._dismissed_at:
            return
        self._dismissed_at = -1
        entered = start == self._entered_at
        matches = match_entries(
            self.entries(), typed, min_prefix=1 if entered else MIN_PREFIX,
            capital_first=self.capital_first and not entered)
        if not matches:
            self.hide()
            return
        self._word_start, self._typed_length = start, len(typed.encode("utf-16-le")) // 2
        self._show(matches, entered=entered)

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

    def _show(self, matches: list[CompletionEntry], *, entered: bool) -> None:
        """An offered list highlights nothing; an entered one highlights its first row."""
        self._matches = matches
        self._in_list = entered
        self.model.clear()
        for entry in matches:
            item = QStandardItem(entry.display)
            item.setToolTip(f"Inserts \u201c{entry.insert}\u201d")
            self.model.appendRow(item)
        self.popup.setCurrentIndex(self.model.index(0, 0) if entered else QModelIndex())
        if not entered:
            self.popup.clearSelection()
        self._show_default(not entered and self._tab_is_free())
        window = self.editor.window()
        if self.popup.parentWidget() is not window:
            self.popup.setParent(window)
        self._place(window)
        self.popup.show()
        self.popup.raise_()

    def _show_default(self, bold: bool) -> None:
        """Row 0 is what Tab inserts while nothing is highlighted: it is shown in bold
        (and is not, in a list, where Tab nests the item instead)."""
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
