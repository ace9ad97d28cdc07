"""Red wavy underlines under misspelt words, and a menu to put them right.

The British dictionary loads once per process on Qt's thread pool, a moment after
the first editor asks for it, so start-up does not wait; until it arrives nothing is
underlined. The word being typed is not underlined until the clerk moves on from it
(a space, punctuation, the cursor elsewhere): a half-typed word is not a mistake.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from PySide6.QtCore import (
    QEvent,
    QObject,
    QPoint,
    QRunnable,
    Qt,
    QThreadPool,
    QTimer,
    Signal,
    SignalInstance,
)
from PySide6.QtGui import (
    QAction,
    QColor,
    QContextMenuEvent,
    QSyntaxHighlighter,
    QTextBlock,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QMenu, QTextEdit

from minute_taker.domain.spelling import SpellChecker, SpellingEngine, Token
from minute_taker.ui.capture.text_offsets import from_utf16, to_utf16
from minute_taker.ui.workers import emit_result, lasting_relay

log = logging.getLogger(__name__)

UNDERLINE_COLOUR = QColor(0xD0, 0x10, 0x10)
LOAD_DELAY_MS = 800  # after the first request: the window shows before the work starts

BookWords = Callable[[], Iterable[str] | None]


class _EngineLoader(QObject):
    """Loads the dictionary once for the whole process, off the GUI thread.

    The loading job emits on this object, so it belongs to the application and outlives
    the job (see ``ui.workers``): quitting while the dictionary loads is a normal exit.
    """

    _finished = Signal(object)  # emitted from the worker; delivered on the GUI thread
    ready = Signal(object)  # SpellingEngine

    def __init__(self) -> None:
        super().__init__()
        self.engine: SpellingEngine | None = None
        self._requested = False
        self._finished.connect(self._store)

    def request(self, delay_ms: int = LOAD_DELAY_MS) -> None:
        if not self._requested:
            self._requested = True
            QTimer.singleShot(delay_ms, self._start)

    def _start(self) -> None:
        QThreadPool.globalInstance().start(_LoadJob(self._finished))

    def _store(self, engine: SpellingEngine) -> None:
        self.engine = engine
        self.ready.emit(engine)


class _LoadJob(QRunnable):
    def __init__(self, finished: SignalInstance) -> None:
        super().__init__()
        self._finished = finished

    def run(self) -> None:
        try:
            # Imported here, in the worker: spylls takes some 50 ms to import.
            from minute_taker.services.spelling import load_british_engine

            engine = load_british_engine()
        except Exception:
            log.exception("The spelling dictionary could not be loaded; spelling is off.")
            return
        emit_result(self._finished, engine)


_loader: _EngineLoader | None = None


def engine_loader() -> _EngineLoader:
    global _loader
    if _loader is None:
        _loader = lasting_relay(_EngineLoader())
    return _loader


@dataclass(frozen=True, slots=True)
class _Word:
    """A misspelt word in the document, in Qt's positions."""

    start: int
    end: int
    text: str


class _Underliner(QSyntaxHighlighter):
    """One document's underlines. It belongs to the document and lasts as long as it
    does, so an item switched back to keeps its underlines and is not checked again:
    moving one highlighter from document to document rechecked the whole item at every
    switch (50 ms of a 100,000-word item's) and cleared the one left."""

    def __init__(self, document: QTextDocument, spelling: SpellCheckHighlighter) -> None:
        super().__init__(document)
        self.spelling = spelling
        self.checked_with = -1  # the words it was last checked with (SpellCheckHighlighter)

    def highlightBlock(self, text: str) -> None:
        spelling = self.spelling
        checker = spelling.checker
        if checker is None or not text:
            return
        block_number = self.currentBlock().blockNumber()
        typing_at = spelling.typing_position(self.document(), block_number)
        utf16 = to_utf16(text)
        for token in checker.misspelt(text):
            start, end = utf16(token.start), utf16(token.end)
            if end == typing_at:
                spelling.defer(block_number, end)
                continue
            self.setFormat(start, end - start, spelling.underline_format)


class SpellCheckHighlighter(QObject):
    """Underlines the words a ``SpellChecker`` rejects in the document an editor shows
    (each document its own ``_Underliner``), and offers the spelling menu."""

    ready = Signal()  # the dictionary has arrived and the text has been checked

    def __init__(self, editor: QTextEdit, book_words: BookWords = lambda: (),
                 add_word: Callable[[str], object] = lambda _word: None) -> None:
        super().__init__(editor)
        self._editor = editor
        self._book_words = book_words
        self._add_word = add_word
        self._checker: SpellChecker | None = None
        self._words = 0  # counts changes of what is accepted: the dictionary, words, ignored
        self._deferred: tuple[int, int] | None = None  # (block number, end) of a typed word
        self.underline_format = QTextCharFormat()
        self.underline_format.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SpellCheckUnderline)
        self.underline_format.setUnderlineColor(UNDERLINE_COLOUR)
        self.follow_document()
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.viewport().installEventFilter(self)
        editor.installEventFilter(self)
        loader = engine_loader()
        if loader.engine is not None:
            self.set_engine(loader.engine)
        else:
            loader.ready.connect(self.set_engine)
            loader.request()

    @property
    def checker(self) -> SpellChecker | None:
        return self._checker

    @property
    def is_ready(self) -> bool:
        return self._checker is not None

    def set_engine(self, engine: SpellingEngine) -> None:
        self._checker = SpellChecker(engine)
        self._checker.set_accepted_words(self._book_words() or ())
        self._words_changed()
        self.ready.emit()

    def refresh_words(self) -> None:
        """Read the book's words again (after a person, an abbreviation or a word is added)."""
        if self._checker is not None:
            self._checker.set_accepted_words(self._book_words() or ())
            self._words_changed()

    def ignore_word(self, word: str) -> None:
        if self._checker is not None:
            self._checker.ignore(word)
            self._words_changed()

    def clear_ignored(self) -> None:
        """Forget "Ignore in this meeting" choices: call when another meeting opens."""
        if self._checker is not None:
            self._checker.clear_ignored()
            self._words_changed()

    def add_to_dictionary(self, word: str) -> None:
        self._add_word(word)
        self.refresh_words()

    def _words_changed(self) -> None:
        """The document shown is checked again now; the others when they are shown."""
        self._words += 1
        self.recheck()

    def follow_editor(self, editor: QTextEdit) -> None:
        """The notes are now typed in ``editor`` (a long item keeps an editor of its
        own): underline what it shows, and give its spelling menu."""
        if editor is self._editor:
            return
        old = self._editor
        old.cursorPositionChanged.disconnect(self._on_cursor_moved)
        old.viewport().removeEventFilter(self)
        old.removeEventFilter(self)
        self._editor = editor
        self._deferred = None
        self.setParent(editor)  # found there by ``suggestions_menu_at_cursor``
        editor.cursorPositionChanged.connect(self._on_cursor_moved)
        editor.viewport().installEventFilter(self)
        editor.installEventFilter(self)
        self.follow_document()

    # Underlining

    def follow_document(self) -> None:
        """The editor now shows another document (another agenda item): check it, quietly
        as ``recheck`` does, unless it was checked with the same words before."""
        self._deferred = None
        underliner = self._underliner() or _Underliner(self._editor.document(), self)
        if underliner.checked_with != self._words:
            # A new highlighter queues a rehighlight that would announce an edit; doing it
            # now, quietly, cancels the queued one.
            self.recheck()

    def _underliner(self) -> _Underliner | None:
        """The underlines of the document the editor shows (None before it has any)."""
        document = self._editor.document()
        return next((found for found in document.findChildren(_Underliner)
                     if found.spelling is self), None)

    def recheck(self, block: QTextBlock | None = None) -> None:
        """Underline again (the whole document shown, or one block of it) without
        announcing an edit.

        Qt's ``rehighlight`` wraps its work in an edit block, so the document emits
        ``contentsChanged`` although no text changed: autosave and the undo mirror
        listen to that signal, and must not hear it for an underline.
        """
        underliner = self._underliner()
        if underliner is None:
            return
        document = underliner.document()
        was_blocked = document.blockSignals(True)
        try:
            if block is None:
                underliner.rehighlight()
                underliner.checked_with = self._words
            else:
                underliner.rehighlightBlock(block)
        finally:
            document.blockSignals(was_blocked)

    def typing_position(self, document: QTextDocument, block_number: int) -> int:
        """Where in ``block_number`` of ``document`` the clerk is typing, or -1; the
        block is being checked again, so a word deferred in it is decided afresh."""
        if document is not self._editor.document():
            return -1
        if self._deferred is not None and self._deferred[0] == block_number:
            self._deferred = None
        cursor = self._editor.textCursor()
        if cursor.hasSelection() or cursor.blockNumber() != block_number:
            return -1
        return cursor.positionInBlock()

    def defer(self, block_number: int, end: int) -> None:
        """The word ending at the typing position is not underlined until left."""
        self._deferred = (block_number, end)

    def _on_cursor_moved(self) -> None:
        if self._deferred is None:
            return
        cursor = self._editor.textCursor()
        if (cursor.blockNumber(), cursor.positionInBlock()) == self._deferred:
            return
        block = self._editor.document().findBlockByNumber(self._deferred[0])
        self._deferred = None
        if block.isValid():
            self.recheck(block)

    # The menu

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() != QEvent.Type.ContextMenu or not isinstance(event, QContextMenuEvent):
            return False
        editor = self._editor
        if watched is editor.viewport():
            menu = self.context_menu(editor.cursorForPosition(event.pos()))
            menu.popup(event.globalPos())
            return True
        if watched is editor:  # the Menu key or Shift+F10
            suggestions_menu_at_cursor(editor)
            return True
        return False

    def context_menu(self, cursor: QTextCursor, *, nearest_before: bool = False) -> QMenu:
        """The editor's own menu with the spelling choices for the word at ``cursor`` on top.

        With ``nearest_before`` the word may also be the last misspelt one before the
        cursor in its paragraph, so that the keyboard reaches a word just typed past.
        """
        menu = self._editor.createStandardContextMenu()
        menu.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        actions = self._spelling_actions(menu, cursor, nearest_before)
        first = menu.actions()[0] if menu.actions() else None
        for action in actions:
            # Qt takes a null "before" (append); the stub wants a QAction.
            menu.insertAction(first, action)  # type: ignore[arg-type]
        if actions and first is not None:
            menu.insertSeparator(first)
        return menu

    def word_at(self, cursor: QTextCursor, *, nearest_before: bool = False) -> _Word | None:
        """The misspelt word at ``cursor`` (touching it counts), if there is one."""
        if self._checker is None:
            return None
        block = cursor.block()
        text = block.text()
        position = from_utf16(text, cursor.positionInBlock())
        tokens = self._checker.misspelt(text)
        found = next((t for t in tokens if t.start <= position <= t.end), None)
        if found is None and nearest_before:
            found = next((t for t in reversed(tokens) if t.end <= position), None)
        return self._word(block.position(), text, found) if found else None

    def _word(self, block_start: int, text: str, token: Token) -> _Word:
        utf16 = to_utf16(text)
        return _Word(block_start + utf16(token.start), block_start + utf16(token.end),
                     token.text)

    def _spelling_actions(self, menu: QMenu, cursor: QTextCursor,
                          nearest_before: bool) -> list[QAction]:
        if self._editor.isReadOnly():
            return []
        if self._checker is None:
            loading = QAction("Spelling dictionary loading\u2026", menu)
            loading.setEnabled(False)
            return [loading]
        word = self.word_at(cursor, nearest_before=nearest_before)
        if word is None:
            return []
        actions: list[QAction] = []
        for suggestion in self._checker.suggestions(word.text):
            action = QAction(suggestion.replace("&", "&&"), menu)
            action.setObjectName("spellingSuggestion")
            action.triggered.connect(lambda _c=False, s=suggestion: self.replace(word, s))
            actions.append(action)
        if not actions:
            none = QAction("No suggestions", menu)
            none.setEnabled(False)
            actions.append(none)
        actions.append(_separator(menu))
        quoted = f"\u201c{word.text.replace('&', '&&')}\u201d"
        add = QAction(f"Add {quoted} to this book\u2019s dictionary", menu)
        add.setObjectName("spellingAddWord")
        add.triggered.connect(lambda _c=False: self.add_to_dictionary(word.text))
        ignore = QAction(f"Ignore {quoted} in this meeting", menu)
        ignore.setObjectName("spellingIgnoreWord")
        ignore.triggered.connect(lambda _c=False: self.ignore_word(word.text))
        return [*actions, add, ignore]

    def replace(self, word: _Word, replacement: str) -> None:
        """Put ``replacement`` in place of ``word``, keeping its formatting; one undo step."""
        cursor = QTextCursor(self._editor.document())
        cursor.setPosition(word.start)
        cursor.setPosition(word.end, QTextCursor.MoveMode.KeepAnchor)
        if cursor.selectedText() != word.text:
            return  # the text changed under the menu
        cursor.insertText(replacement, cursor.charFormat())


def _separator(parent: QObject) -> QAction:
    action = QAction(parent)
    action.setSeparator(True)
    return action


def install_spellcheck(editor: QTextEdit, book_words: BookWords,
                       add_word: Callable[[str], object]) -> SpellCheckHighlighter:
    """Check ``editor``'s spelling in British English and add the spelling menu.

    ``book_words`` returns the words to accept besides the dictionary (the book's own
    dictionary, people's names, the committee's abbreviations); it is read when the
    dictionary arrives and again on ``refresh_words()``. ``add_word`` stores a word
    in the book's dictionary ("Add to this book's dictionary").
    """
    return SpellCheckHighlighter(editor, book_words, add_word)


def suggestions_menu_at_cursor(editor: QTextEdit) -> QMenu | None:
    """Pop up the spelling menu for the word at (or last misspelt before) the text cursor.

    For a shortcut such as Ctrl+. : the first suggestion is active, so Enter takes it.
    Returns the menu, or None when the editor has no spell-checking installed.
    """
    highlighter = editor.findChild(SpellCheckHighlighter)
    if highlighter is None:
        return None
    cursor = editor.textCursor()
    menu = highlighter.context_menu(cursor, nearest_before=True)
    word = highlighter.word_at(cursor, nearest_before=True)
    anchor = QTextCursor(editor.document())
    anchor.setPosition(word.start if word else cursor.position())
    where = editor.viewport().mapToGlobal(editor.cursorRect(anchor).bottomLeft() + QPoint(0, 2))
    first = next((a for a in menu.actions() if a.objectName() == "spellingSuggestion"), None)
    menu.popup(where)
    if first is not None:
        menu.setActiveAction(first)
    return menu
