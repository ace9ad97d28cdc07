"""The notes editor for the current item: rich text typed at the speed of speech."""

from __future__ import annotations

import html
import logging
from collections.abc import Callable
from time import monotonic

from PySide6.QtCore import QMimeData, QPoint, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QFont,
    QKeyEvent,
    QKeySequence,
    QPalette,
    QTextCursor,
    QTextDocument,
    QTextListFormat,
)
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMenu,
    QStackedWidget,
    QTextEdit,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.completion import build_entries
from minute_taker.domain.decision_marks import passages
from minute_taker.domain.errors import EditConflictError, NotFoundError
from minute_taker.domain.limits import NOTES_LIMIT_BYTES, beyond_notes_limit, notes_size
from minute_taker.domain.notes_merge import keep_both
from minute_taker.domain.paste import clean_pasted_html
from minute_taker.domain.records import Abbreviation, DecisionRow, ItemNode, PersonInfo
from minute_taker.domain.spelling import meeting_words
from minute_taker.domain.timekeeping import utc_to_local
from minute_taker.services import agenda, committees, decisions, people, presence, vocabulary
from minute_taker.services.presence import QuorumState
from minute_taker.ui.agenda.item_details import ItemDetailsPanel
from minute_taker.ui.agenda.qt_agenda_model import timing_of
from minute_taker.ui.capture.completion import install_completion
from minute_taker.ui.capture.named_vote_dialog import NamedVoteDialog
from minute_taker.ui.capture.notes_conflict import NotesConflictBar
from minute_taker.ui.capture.richtext_qt import (
    document_to_html,
    leaving_passage,
    load_document,
    replace_contents,
    unmark_decision,
)
from minute_taker.ui.capture.spellcheck import install_spellcheck, suggestions_menu_at_cursor
from minute_taker.ui.colours import ERROR, OVERRUN
from minute_taker.ui.context import MeetingContext, utc_now
from minute_taker.ui.shortcuts import bind, name_tool_buttons
from minute_taker.ui.undo import DecisionDeleted, NamedVoteChanged, TextEdited
from minute_taker.ui.widgets import named

log = logging.getLogger(__name__)

BULLET_STYLES = (QTextListFormat.Style.ListDisc, QTextListFormat.Style.ListCircle,
                 QTextListFormat.Style.ListSquare)
PLACEHOLDER = "Minutes for this item\u2026"
# Keys that change the text whatever is typed (typed characters are told by their text).
EDITING_KEYS = (
    QKeySequence.StandardKey.Paste, QKeySequence.StandardKey.Cut,
    QKeySequence.StandardKey.Delete, QKeySequence.StandardKey.Backspace,
    QKeySequence.StandardKey.DeleteEndOfWord, QKeySequence.StandardKey.DeleteStartOfWord,
    QKeySequence.StandardKey.DeleteEndOfLine, QKeySequence.StandardKey.DeleteCompleteLine,
    QKeySequence.StandardKey.InsertParagraphSeparator,
    QKeySequence.StandardKey.InsertLineSeparator,
)
APPROVED_READ_ONLY = "Approved minutes are read-only until reopened (Meeting \u203a Reopen\u2026)."
BOOK_READ_ONLY = "This book is open read-only: the minutes cannot be changed here."


def notes_elsewhere(holder: str, *, let_go: bool = False) -> str:
    """Why a team book's notes cannot be typed here: another window is taking them, or
    has let them go and they are not taken here yet."""
    if let_go:
        return f"{holder} has let the notes go: Try again (Alt+G) takes them."
    return f"{holder} is taking the notes of this meeting: read-only here."

SAY_AGAIN_AFTER_S = 5.0  # the read-only message, repeated while typing goes on
# Qt lays a document out again whenever an editor is given it (``setPageSize`` in
# ``QTextEditPrivate::relayoutDocument``): 75 ms for 100,000 words with the caret at
# the end. An item this long (about 25,000 words) keeps an editor of its own, laid out
# once, so that going back to it is a page of a stack shown again.
OWN_EDITOR_CHARS = 150_000


def would_edit(event: QKeyEvent) -> bool:
    """The key would change the text of an editable editor: a typed character, Enter,
    Backspace, Delete, Paste or Cut; not a move, a selection, a copy or a shortcut."""
    if any(event.matches(standard) for standard in EDITING_KEYS):
        return True
    if event.key() in (Qt.Key.Key_Backspace, Qt.Key.Key_Delete, Qt.Key.Key_Return,
                       Qt.Key.Key_Enter) and not (
            event.modifiers() & Qt.KeyboardModifier.ControlModifier):
        return True
    text = event.text()
    control = event.modifiers() & (Qt.KeyboardModifier.ControlModifier
                                   | Qt.KeyboardModifier.MetaModifier)
    return bool(text) and text[0].isprintable() and not control


class NotesEditor(QTextEdit):
    """A QTextEdit where Tab and Shift+Tab nest list items, as in a word processor."""

    undo_requested = Signal()
    redo_requested = Signal()
    edit_refused = Signal()  # a key that would change the text, pressed while read-only

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        # Asked on Enter whether the line just typed was captured as structure
        # (an ACTION: line); if so the key is used up.
        self.line_finished: Callable[[], bool] | None = None
        self.setObjectName("notesEditor")
        self.setAcceptRichText(True)
        self.setTabChangesFocus(False)
        self.setAccessibleName("Minutes text")
        self.setPlaceholderText(PLACEHOLDER)

    def show_read_only(self, read_only: bool, why: str = "") -> None:
        """Read-only and looking it (the page's background, not the paper's), the caret
        still moving and selecting from the keyboard, saying ``why`` where it can."""
        self.setReadOnly(read_only)
        if read_only:
            self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByKeyboard
                                         | Qt.TextInteractionFlag.TextSelectableByMouse)
        viewport = self.viewport()
        if viewport is not None:
            viewport.setBackgroundRole(QPalette.ColorRole.Window if read_only
                                       else QPalette.ColorRole.Base)
        self.setPlaceholderText(why if read_only and why else PLACEHOLDER)
        self.setToolTip(why if read_only else "")
        self.setAccessibleDescription(why if read_only else "")

    def createStandardContextMenu(self, *args: QPoint) -> QMenu:
        """Qt's menu, with its Undo and Redo sent to the meeting's history too."""
        menu = super().createStandardContextMenu(*args)
        for action in menu.actions():
            name = action.objectName()
            if name in ("edit-undo", "edit-redo"):
                action.triggered.disconnect()
                action.triggered.connect(self.undo_requested if name == "edit-undo"
                                         else self.redo_requested)
        return menu

    def keyPressEvent(self, event: QKeyEvent) -> None:
        # Undo and redo go to the meeting's history, which holds this document's steps
        # among the agenda's and the actions', in the order they were done.
        if event.matches(QKeySequence.StandardKey.Undo):
            self.undo_requested.emit()
            return
        if event.matches(QKeySequence.StandardKey.Redo) or (
                event.key() == Qt.Key.Key_Y
                and event.modifiers() == Qt.KeyboardModifier.ControlModifier):
            self.redo_requested.emit()
            return
        if self.isReadOnly() and would_edit(event):
            self.edit_refused.emit()  # said, not silently swallowed
            return
        key = event.key()
        enter = key in (Qt.Key.Key_Return, Qt.Key.Key_Enter)
        if enter or (event.text().isprintable() and event.text()):
            narrative = leaving_passage(self.textCursor(), new_paragraph=enter)
            if narrative is not None:
                self.setCurrentCharFormat(narrative)
        if (enter and event.modifiers() in (Qt.KeyboardModifier.NoModifier,
                                            Qt.KeyboardModifier.KeypadModifier)
                and self.line_finished is not None and self.line_finished()):
            return
        if (key in (Qt.Key.Key_Tab, Qt.Key.Key_Backtab) and not self.isReadOnly()
                and self.textCursor().currentList()):
            # Shift+Tab arrives as Backtab from keyboards, as Shift+Tab from some tools.
            outdent = key == Qt.Key.Key_Backtab or bool(
                event.modifiers() & Qt.KeyboardModifier.ShiftModifier)
            self.change_list_level(-1 if outdent else 1)
            return
        super().keyPressEvent(event)

    def insertFromMimeData(self, source: QMimeData) -> None:
        # Pasted text keeps its words, lists and emphasis (from Word, Google Docs,
        # LibreOffice or a web page), not foreign fonts, colours, sizes or scripts.
        if source.hasHtml():
            self.textCursor().insertHtml(clean_pasted_html(source.html()))
        else:
            super().insertFromMimeData(source)

    def toggle_list(self, style: QTextListFormat.Style) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        cursor.beginEditBlock()
        if current is not None and current.format().style() == style:
            current.remove(cursor.block())
            block_format = cursor.blockFormat()  # read after leaving the list, not before
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
        else:
            list_format = QTextListFormat()
            list_format.setStyle(style)
            list_format.setIndent(1)
            cursor.createList(list_format)
        cursor.endEditBlock()

    def change_list_level(self, delta: int) -> None:
        cursor = self.textCursor()
        current = cursor.currentList()
        if current is None:
            return
        list_format = QTextListFormat(current.format())
        level = max(1, list_format.indent() + delta)
        if delta < 0 and list_format.indent() == 1:
            cursor.beginEditBlock()
            current.remove(cursor.block())
            block_format = cursor.blockFormat()
            block_format.setIndent(0)
            cursor.setBlockFormat(block_format)
            cursor.endEditBlock()
            return
        list_format.setIndent(level)
        if list_format.style() in BULLET_STYLES:
            list_format.setStyle(BULLET_STYLES[(level - 1) % len(BULLET_STYLES)])
        cursor.beginEditBlock()
        cursor.createList(list_format)
        cursor.endEditBlock()

    def toggle_bold(self) -> None:
        bold = self.fontWeight() < QFont.Weight.DemiBold
        self.setFontWeight(QFont.Weight.Bold if bold else QFont.Weight.Normal)

    def toggle_italic(self) -> None:
        self.setFontItalic(not self.fontItalic())

    def toggle_underline(self) -> None:
        self.setFontUnderline(not self.fontUnderline())


def large_item_warning(size: int) -> str:
    """What the clerk is told about an item too large for the one-second promise."""
    return (f"This item's notes are very large ({size / 1_000_000:.1f} MB; up to "
            f"{NOTES_LIMIT_BYTES / 1_000_000:g} MB is saved within a second). Every word is "
            "still saved, but saving may take longer than a second after you type. "
            "Consider splitting it into sub-items.")


def quorum_warning(state: QuorumState | None) -> str:
    """What the heading says of the quorum: nothing unless the meeting is inquorate."""
    if state is None or state.quorate:
        return ""
    members = "voting member" if state.needed == 1 else "voting members"
    verb = "is" if state.present == 1 else "are"
    return f"Inquorate: {state.present} of the {state.needed} {members} needed {verb} here"


def decision_summary(row: DecisionRow) -> str:
    """The decision as the minutes print it, with the vote when one was taken."""
    votes = [f"{n} {word}" for n, word in ((row.votes_for, "for"),
                                           (row.votes_against, "against"),
                                           (row.votes_abstained, "abstaining"))
             if n is not None]
    recorded = ", a recorded vote" if row.named_votes else ""
    return row.label + (f"  ({', '.join(votes)}{recorded})" if votes else "")


class NotesPane(QWidget):
    # Whether any item's notes wait, unsaved, for the clerk to keep both (issue 22).
    conflicts_changed = Signal(bool)

    """The current item's heading, a formatting bar and the editor, autosaved."""

    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.context = context
        self._item_id: int | None = None
        self._node: ItemNode | None = None
        self._quorum: QuorumState | None = None  # at the current item, as last asked
        self._item_order: list[int] = []
        self._loading = False
        self.heading = QLabel(self)
        self.heading.setObjectName("itemHeading")
        self.heading.setWordWrap(True)
        self.heading.setTextFormat(Qt.TextFormat.RichText)
        # The editor on show is the current page: the shared one, or a long item's own.
        self._editors = named(QStackedWidget(self), "notesEditors")
        self._shared_editor = NotesEditor(self._editors)
        self._editors.addWidget(self._shared_editor)
        self._own_editors: dict[int, NotesEditor] = {}  # by id() of the item's document
        self._editor_actions: list[QAction] = []  # on every editor, made or to be made
        # Asked on Enter in any of the editors (see ``NotesEditor.line_finished``).
        self.line_finished: Callable[[], bool] | None = None
        # Said once per item and session, in the window and without stopping the typist.
        self.large_warning = named(QLabel(self), "largeItemWarning")
        self.large_warning.setWordWrap(True)
        self.large_warning.setAccessibleName("Large item warning")
        self.large_warning.setVisible(False)
        self._warned_large: set[int] = set()
        # Another clerk wrote an item's notes after this window read them (issue 22).
        self.conflict_bar = NotesConflictBar(self)
        self.conflict_bar.keep_both_requested.connect(self._keep_both)
        self._conflicts: dict[int, EditConflictError] = {}  # items whose words wait
        # Each item's notes' version as this window last read or wrote them: a save
        # carries it, and is refused if another clerk has written the notes since.
        self._notes_versions: dict[int, int] = {}
        self.details = ItemDetailsPanel(context, self)
        self.decisions = named(QListWidget(self), "decisionsList")
        self.decisions.setAccessibleName("Decisions on this item")
        self.decisions.setWordWrap(True)
        self.decisions.setMaximumHeight(110)
        self.decisions.setVisible(False)
        delete = QAction("Delete decision", self.decisions)
        delete.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        delete.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        delete.triggered.connect(self._delete_decision)
        self.decisions.addAction(delete)
        self.decisions.setToolTip("Enter: how each member voted (a recorded vote); "
                                  "Delete: delete the decision")
        self.decisions.itemActivated.connect(self._take_named_vote)
        def decisions_changed(item_id: int) -> None:
            if item_id == self._item_id:
                self._show_decisions()

        context.decisions_changed.connect(decisions_changed)
        self.format_actions = self._make_format_actions()
        toolbar = QToolBar("Formatting", self)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        for action in self.format_actions.values():
            toolbar.addAction(action)
        name_tool_buttons(toolbar)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.details)
        layout.addWidget(toolbar)
        layout.addWidget(self.large_warning)
        layout.addWidget(self.conflict_bar)
        layout.addWidget(self._editors, 1)
        layout.addWidget(self.decisions)
        self._documents: dict[int, QTextDocument] = {}
        self._cursors: dict[int, QTextCursor] = {}  # where each item's text was left
        self._sizes: dict[int, int] = {}  # each item's notes as last loaded or saved
        # The same meeting opened again (approved, reopened): where each item's caret
        # and selection were, as (anchor, position), put back in its new document.
        self._meeting: tuple[str, int | None] = ("", None)  # the book's path, the meeting
        self._left_at: dict[int, tuple[int, int]] = {}
        self._said_read_only_at: float | None = None
        # The typist was in the notes as the meeting was opened again: there they stay.
        self._had_focus = False
        self._give_focus_back = False
        # While the window is torn down the context goes first; the spell-checker's
        # cleanup still touches the documents afterwards, and must find nobody listening.
        self._closing = False
        context.destroyed.connect(self._stop_listening)
        self._blank = QTextDocument(self)
        self._shared_editor.setDocument(self._blank)
        self._fit_out(self._shared_editor)
        self.spelling = install_spellcheck(
            self.editor, self._accepted_words,
            lambda word: self.context.apply(vocabulary.add_word, word))
        self.completer = install_completion(
            self.editor, lambda: build_entries(*self._people_and_abbreviations()))
        spelling_action = bind(QAction("Spelling suggestions", self), "notes.spelling")
        spelling_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        spelling_action.triggered.connect(lambda: suggestions_menu_at_cursor(self.editor))
        self.add_editor_action(spelling_action)
        self.spelling_action = spelling_action
        context.people_changed.connect(self._vocabulary_changed)
        context.current_item_changed.connect(self.show_item)
        context.items_changed.connect(self._refresh_heading)
        # Another window took this meeting's notes, or let them go, or wrote them.
        context.notes_lease.changed.connect(lambda: self.show_item(self._item_id))
        context.notes_changed_elsewhere.connect(self._follow_elsewhere)
        # Refused over another's change: the item's fields show theirs again.
        context.conflict.connect(lambda _message: self.details.show_item(
            self.context.run(agenda.get_item, self._item_id) if self._item_id else None))
        context.meeting_changed.connect(self._on_meeting_changed)
        context.clock_tick.connect(lambda: self._show_heading(self._node))
        # Who is there (or the quorum, or the membership it is a share of) changed.
        context.attendance_changed.connect(self._refresh_quorum)
        context.header_changed.connect(self._refresh_quorum)
        context.people_changed.connect(self._refresh_quorum)
        self.show_item(None)

    @property
    def editor(self) -> NotesEditor:
        """The editor on show: the current item's (see ``OWN_EDITOR_CHARS``)."""
        shown = self._editors.currentWidget()
        assert isinstance(shown, NotesEditor)
        return shown

    def add_editor_action(self, action: QAction) -> None:
        """``action`` on every notes editor, for its shortcut wherever the notes are typed."""
        self._editor_actions.append(action)
        for editor in (self._shared_editor, *self._own_editors.values()):
            editor.addAction(action)

    def _fit_out(self, editor: NotesEditor) -> None:
        """What every notes editor does besides typing: undo through the meeting's
        history, the read-only notice, the line capture, the editor's actions."""
        editor.undo_requested.connect(self.context.undo_stack.undo)
        editor.redo_requested.connect(self.context.undo_stack.redo)
        editor.edit_refused.connect(self.say_why_read_only)
        editor.line_finished = lambda: self.line_finished is not None and self.line_finished()
        editor.addActions(self._editor_actions)

    def _make_format_actions(self) -> dict[str, QAction]:
        specs: dict[str, tuple[str, str, Callable[[], None]]] = {
            "bold": ("Bold", "B", lambda: self.editor.toggle_bold()),
            "italic": ("Italic", "I", lambda: self.editor.toggle_italic()),
            "underline": ("Underline", "U", lambda: self.editor.toggle_underline()),
            "bullets": ("Bulleted list", "\u2022 List",
                        lambda: self.editor.toggle_list(QTextListFormat.Style.ListDisc)),
            "numbers": ("Numbered list", "1. List",
                        lambda: self.editor.toggle_list(QTextListFormat.Style.ListDecimal)),
            "indent": ("Nest list item", "\u21e5", lambda: self.editor.change_list_level(1)),
            "outdent": ("Un-nest list item", "\u21e4",
                        lambda: self.editor.change_list_level(-1)),
        }
        made = {}
        for key, (text, short, slot) in specs.items():
            action = bind(QAction(text, self), f"notes.{key}")
            action.setIconText(short)
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(slot)
            made[key] = action
        return made

    @property
    def has_conflicts(self) -> bool:
        """Some item's words wait here, not saved over another clerk's notes."""
        return bool(self._conflicts)

    @property
    def item_id(self) -> int | None:
        """The item whose minutes the editor holds (the context's current item)."""
        return self._item_id

    def show_item(self, item_id: int | None) -> None:
        if self._item_id in self._documents:
            self._cursors[self._item_id] = self.editor.textCursor()
        self._item_id = item_id
        node = self.context.run(agenda.get_item, item_id) if item_id is not None else None
        document = self._document_for(node)
        cursor = self._cursors.get(item_id) if item_id is not None else None
        if cursor is None and item_id is not None and item_id in self._left_at:
            cursor = self._cursor_at(document, *self._left_at.pop(item_id))
        self._show_document(document, cursor)
        self._quorum = self._quorum_at(node)
        self._show_heading(node)
        self.details.show_item(node)
        self._show_decisions()
        self.large_warning.setVisible(False)
        self._show_conflict(item_id)
        if item_id is not None:
            self._warn_if_large(item_id, self._sizes.get(item_id, 0))
        editable = node is not None and self.context.notes_writable
        self.editor.show_read_only(not editable, self._read_only_reason() if node else "")
        if node is None:
            self._had_focus = self._had_focus or self.editor.hasFocus()
        self.editor.setEnabled(node is not None)
        if node is not None:
            if self._give_focus_back:
                self.editor.setFocus()
            self._had_focus = self._give_focus_back = False
        for action in self.format_actions.values():
            action.setEnabled(editable)

    def _read_only_reason(self) -> str:
        """Why the open meeting's minutes cannot be changed (empty if they can)."""
        if self.context.notes_writable:
            return ""
        elsewhere = self.context.notes_lease.elsewhere
        if self.context.editable and elsewhere is not None:
            return notes_elsewhere(elsewhere.describe(),
                                   let_go=self.context.notes_lease.let_go)
        header = self.context.header
        return APPROVED_READ_ONLY if header is not None and not header.editable \
            else BOOK_READ_ONLY

    def say_why_read_only(self) -> None:
        """A key that would have changed read-only minutes: say why in the status bar,
        once, and again only after a pause or in another meeting, not at every key."""
        reason = self._read_only_reason()
        if not reason or self._item_id is None:
            return
        now = monotonic()
        if self._said_read_only_at is not None \
                and now - self._said_read_only_at < SAY_AGAIN_AFTER_S:
            return
        self._said_read_only_at = now
        self.context.notice.emit(reason)

    @staticmethod
    def _cursor_at(document: QTextDocument, anchor: int, position: int) -> QTextCursor:
        last = document.characterCount() - 1
        cursor = QTextCursor(document)
        cursor.setPosition(min(anchor, last))
        cursor.setPosition(min(position, last), QTextCursor.MoveMode.KeepAnchor)
        return cursor

    def _document_for(self, node: ItemNode | None) -> QTextDocument:
        """Each item keeps its own document while its meeting is open, and with it
        its own undo steps; they are mirrored into the meeting's history."""
        if node is None:
            return self._blank
        document = self._documents.get(node.id)
        if document is None:
            document = QTextDocument(self)
            document.setDefaultFont(self.editor.font())
            stored, version = (self.context.run(agenda.get_item_notes, node.id)
                               or ("", node.notes_version))
            self._sizes[node.id] = notes_size(stored) if beyond_notes_limit(stored) else 0
            self._load(node.id, document, stored, version)
            document.contentsChanged.connect(
                lambda item_id=node.id, doc=document: self._on_edited(item_id, doc))
            document.undoCommandAdded.connect(
                lambda item_id=node.id, doc=document, number=node.number:
                self._mirror_undo_step(item_id, doc, number))
            self._documents[node.id] = document
        return document

    def _stop_listening(self) -> None:
        self._closing = True

    def _mirror_undo_step(self, item_id: int, document: QTextDocument, number: str) -> None:
        if not self._closing:
            self.context.undo_stack.push(TextEdited(self.context, item_id, document, number))

    def _show_document(self, document: QTextDocument, cursor: QTextCursor | None = None) -> None:
        """Show the document with the cursor where the clerk left it (a cursor follows
        the document's edits), or at the end of the text: words typed on coming back to
        an item follow what is there, never land before it."""
        shown = self.editor
        editor = self._editor_for(document)
        if editor is shown and editor.document() is document:
            return
        laid_out = editor.document() is document  # a long item's own editor, shown again
        if not laid_out:
            editor.setDocument(document)
            if cursor is None:
                cursor = QTextCursor(document)
                cursor.movePosition(QTextCursor.MoveOperation.End)
        if cursor is not None and cursor != editor.textCursor():
            editor.setTextCursor(cursor)
        if editor is not shown:
            had_focus = shown.hasFocus()
            self._editors.setCurrentWidget(editor)
            if had_focus:
                editor.setFocus()
            self.spelling.follow_editor(editor)
            self.completer.follow_editor(editor)
        else:
            self.spelling.follow_document()
            self.completer.follow_document()

    def _editor_for(self, document: QTextDocument) -> NotesEditor:
        """The shared editor, or the document's own if it is long (made now if need be)."""
        own = self._own_editors.get(id(document))
        if own is not None or document.characterCount() < OWN_EDITOR_CHARS:
            return own or self._shared_editor
        own = NotesEditor(self._editors)
        own.setFont(self._shared_editor.font())
        self._fit_out(own)
        self._editors.addWidget(own)
        self._own_editors[id(document)] = own
        if self._shared_editor.document() is document:  # one editor a document
            self._shared_editor.setDocument(self._blank)
        return own

    def place_cursor(self, position: int) -> None:
        """Back to where the typist was (the same text, reopened from another file)."""
        cursor = self.editor.textCursor()
        cursor.setPosition(min(position, self.editor.document().characterCount() - 1))
        self.editor.setTextCursor(cursor)
        self.editor.setFocus()

    def continue_typing(self, event: QKeyEvent) -> None:
        """Text typed where it has no use (the agenda tree) is meant for the minutes: the
        key goes to the editor, which keeps the focus, so no word typed is lost."""
        if self.editor.isEnabled():
            self.editor.setFocus()
            QApplication.sendEvent(self.editor, event)

    def reload_item(self, item_id: int) -> None:
        """The item's minutes were rewritten outside the editor (an accepted suggestion):
        show the stored text. Its old undo steps would now undo the wrong text, so the
        meeting's history starts again from here."""
        document = self._documents.get(item_id)
        if document is None:
            return
        stored, version = (self.context.run(agenda.get_item_notes, item_id)
                           or ("", self._notes_versions.get(item_id, 1)))
        self._load(item_id, document, stored, version)
        document.clearUndoRedoStacks()
        self.context.undo_stack.clear()

    def _load(self, item_id: int, document: QTextDocument, stored: str, version: int) -> None:
        """The item's stored notes into its document (no edit of the clerk's: nothing is
        saved for it), and the notes' version they are, for the next save to carry."""
        self._loading = True
        try:
            load_document(document, stored)
        finally:
            self._loading = False
        self._notes_versions[item_id] = version

    def _follow_elsewhere(self, item_ids: set[int]) -> None:
        """Another window wrote these items' notes (a team book): show them as written,
        keeping the reader's place. Words of this window's own not yet saved are never
        replaced: their save says whether they were written on the other's words."""
        for item_id in item_ids:
            document = self._documents.get(item_id)
            if document is None or item_id in self._conflicts \
                    or self.context.autosave.is_pending(("notes", item_id)):
                continue  # not loaded here yet (it will be read when shown), or owed
            found = self.context.run(agenda.get_item_notes, item_id)
            if found is None or found[1] == self._notes_versions.get(item_id):
                continue
            editor = self._editor_for(document) if item_id == self._item_id else None
            place = self._cursors.get(item_id) if editor is None else editor.textCursor()
            anchor, position = (place.anchor(), place.position()) if place else (0, 0)
            scrolled = editor.verticalScrollBar().value() if editor is not None else 0
            self._load(item_id, document, *found)
            document.clearUndoRedoStacks()  # its steps were of words no longer there
            cursor = self._cursor_at(document, anchor, position)
            if editor is None:
                self._cursors[item_id] = cursor
            else:
                editor.setTextCursor(cursor)
                editor.verticalScrollBar().setValue(scrolled)
            if item_id == self._item_id:
                self._show_decisions()

    def forget_documents(self) -> None:
        """A new meeting (or book): its items' documents start afresh."""
        self._show_document(self._blank)
        for editor in self._own_editors.values():
            self._editors.removeWidget(editor)
            editor.deleteLater()
        self._own_editors.clear()
        for document in self._documents.values():
            document.deleteLater()
        self._documents.clear()
        self._cursors.clear()
        self._notes_versions.clear()
        if self._conflicts:
            self._conflicts.clear()
            self.conflicts_changed.emit(False)
        self.conflict_bar.hide()
        self._sizes.clear()

    def _refresh_heading(self, items: list[ItemNode]) -> None:
        node = next((n for n in items if n.id == self._item_id), None)
        order, self._item_order = self._item_order, [n.id for n in items]
        if node is not None:
            self.details.follow(node)
            if order != self._item_order:  # moved past an arrival or a departure
                self._quorum = self._quorum_at(node)
            self._show_heading(node)

    def _quorum_at(self, node: ItemNode | None) -> QuorumState | None:
        return self.context.run(presence.quorum_at, node.id) if node is not None else None

    def _refresh_quorum(self) -> None:
        self._quorum = self._quorum_at(self._node)
        self._show_heading(self._node)

    def _show_decisions(self) -> None:
        self.decisions.clear()
        rows = self.context.run(decisions.list_decisions, self._item_id) \
            if self._item_id is not None else []
        for row in rows or []:
            entry = QListWidgetItem(decision_summary(row))
            entry.setData(Qt.ItemDataRole.UserRole, row)
            self.decisions.addItem(entry)
        self.decisions.setVisible(bool(rows))

    def _take_named_vote(self, entry: QListWidgetItem) -> None:
        """Enter on a decision: how each member there for the item voted."""
        row: DecisionRow = entry.data(Qt.ItemDataRole.UserRole)
        if not self.context.editable:
            self.say_why_read_only()
            return
        voters = self.context.run(decisions.eligible_voters, row.item_id) or []
        dialog = NamedVoteDialog(voters, row.named_votes, self)
        accepted = dialog.exec() == NamedVoteDialog.DialogCode.Accepted
        self.decisions.setFocus()
        votes = dialog.votes()
        if not accepted or (not votes and not row.named_votes):
            return
        updated = self.context.apply(decisions.record_named_vote, row.id, votes)
        if updated is None:
            return
        self.context.undo_stack.push(NamedVoteChanged(self.context, row, updated))
        self._show_decisions()
        self.decisions.setCurrentRow(self._decision_row(row.id))

    def _decision_row(self, decision_id: int) -> int:
        for index in range(self.decisions.count()):
            entry = self.decisions.item(index)
            if entry is not None and entry.data(Qt.ItemDataRole.UserRole).id == decision_id:
                return index
        return 0

    def _delete_decision(self) -> None:
        entry = self.decisions.currentItem()
        if entry is None or not self.context.editable:
            return
        row: DecisionRow = entry.data(Qt.ItemDataRole.UserRole)
        if not self.context.attempt(decisions.delete_decision, row.id):
            return
        stack = self.context.undo_stack
        stack.beginMacro(f"Delete decision \u201c{row.text[:40]}\u201d")
        try:
            # Its passage stays in the notes as words, no longer a decision.
            kept = row.in_notes and unmark_decision(self.editor.document(), row.uid)
            stack.push(DecisionDeleted(self.context, row))
        finally:
            stack.endMacro()
        self._show_decisions()
        if kept:
            self.context.error.emit("Decision deleted; its words stay in the notes "
                                    "\u2013 Ctrl+Z to undo.")

    def _people_and_abbreviations(self) -> tuple[list[PersonInfo], tuple[Abbreviation, ...]]:
        everyone = self.context.run(people.list_people) or []
        header = self.context.header
        committee = self.context.run(committees.get_committee, header.committee_id) \
            if header else None
        return everyone, (committee.abbreviations if committee else ())

    def _accepted_words(self) -> list[str]:
        everyone, abbreviations = self._people_and_abbreviations()
        return [*(self.context.run(vocabulary.list_words) or []),
                *meeting_words(everyone, abbreviations)]

    def _vocabulary_changed(self) -> None:
        self.spelling.refresh_words()
        self.completer.invalidate()

    def _on_meeting_changed(self, _header: object) -> None:
        self.spelling.clear_ignored()
        self._vocabulary_changed()
        self._said_read_only_at = None
        meeting = (self.context.book.location, self.context.meeting_id)
        same_meeting, self._meeting = meeting == self._meeting, meeting
        self._give_focus_back = same_meeting and self._had_focus
        if self._item_id in self._documents:
            self._cursors[self._item_id] = self.editor.textCursor()
        self._left_at = {item_id: (cursor.anchor(), cursor.position())
                         for item_id, cursor in self._cursors.items()} if same_meeting else {}
        self.forget_documents()
        self.show_item(self.context.current_item_id)

    def toggle_details(self) -> None:
        """Show the item's fields and go to them; hide them and go back to the notes."""
        showing = not self.details.isVisible()
        self.details.setVisible(showing)
        (self.details.description if showing else self.editor).setFocus()

    def _show_heading(self, node: ItemNode | None) -> None:
        self._node = node
        if node is None:
            message = ("No meeting open: create one with Meeting \u203a New meeting."
                       if self.context.meeting_id is None
                       else "Choose an agenda item, or add one with Ctrl+Return.")
            self.heading.setText(f"<span style='color:palette(mid)'>{message}</span>")
            return
        title = (f"<p style='font-size:large; font-weight:bold; margin:0'>"
                 f"{html.escape(node.number)}&emsp;{html.escape(node.title)}</p>")
        if node.confidential:
            red = ERROR.on(self.heading.palette()).name()
            title += f"<b style='color:{red}'>Confidential \u2013 not for publication</b>"
        if node.description:
            title += f"<p style='margin:2px 0'><i>{html.escape(node.description)}</i></p>"
        timing = timing_of(node)
        line = timing.describe(utc_now(), utc_to_local)
        if line:
            colour = (OVERRUN.on(self.heading.palette()).name()
                      if timing.overrun_minutes(utc_now()) else "palette(mid)")
            title += f"<p style='margin:0; color:{colour}'>{html.escape(line)}</p>"
        if warning := quorum_warning(self._quorum):
            red = ERROR.on(self.heading.palette()).name()
            title += f"<p style='margin:0; color:{red}'><b>{html.escape(warning)}</b></p>"
        self.heading.setText(title)

    def _on_edited(self, item_id: int, document: QTextDocument) -> None:
        if self._closing or self._loading or not self.context.notes_writable \
                or item_id in self._conflicts:  # kept here until the clerk keeps both
            return
        self.context.autosave.schedule_off_thread(
            ("notes", item_id), lambda: self._take(item_id, document_to_html(document)),
            lambda written: self._written(item_id, written))

    def _warn_if_large(self, item_id: int, size: int) -> None:
        if (size > NOTES_LIMIT_BYTES and item_id == self._item_id
                and item_id not in self._warned_large):
            self._warned_large.add(item_id)
            log.warning("item %s holds %d bytes of notes, over the %d-byte limit",
                        item_id, size, NOTES_LIMIT_BYTES)
            self.large_warning.setText(large_item_warning(size))
            self.large_warning.setVisible(True)

    def _take(self, item_id: int, stored_html: str
              ) -> Callable[[], tuple[str, int] | EditConflictError | None]:
        """The item's words as they are now, and the job that writes them (run by the
        autosave's worker, so it touches nothing of Qt): returns them with the notes' new
        version, None when the item is gone, or the refusal if another clerk wrote them
        first. Warned first, before the save, which is the slow part the warning is
        about."""
        self._sizes[item_id] = notes_size(stored_html) if beyond_notes_limit(stored_html) else 0
        self._warn_if_large(item_id, self._sizes[item_id])
        book = self.context.book
        expected = self._notes_versions.get(item_id)

        def write() -> tuple[str, int] | EditConflictError | None:
            try:
                return stored_html, agenda.set_item_minutes(book, item_id, stored_html,
                                                            expected_version=expected)
            except NotFoundError:
                # The item was deleted after this was typed; its text went into the undo
                # snapshot taken when it was deleted, so there is nothing left to write.
                log.info("dropped a write for deleted item %s", item_id)
                return None
            except EditConflictError as conflict:
                # Another clerk wrote these notes since: trying again cannot succeed, so
                # the words wait in the window for the clerk to keep both.
                return conflict

        return write

    def _written(self, item_id: int,
                 result: tuple[str, int] | EditConflictError | None) -> None:
        if isinstance(result, EditConflictError):
            log.warning("notes of item %s not saved over another's: %s", item_id, result)
            self.context.autosave.cancel(("notes", item_id))
            self._conflicts[item_id] = result
            self._show_conflict(self._item_id)
            self.conflicts_changed.emit(bool(self._conflicts))
            return
        if result is None:
            return
        stored_html, self._notes_versions[item_id] = result
        if item_id == self._item_id:
            self._follow_passages(stored_html)

    def _show_conflict(self, item_id: int | None) -> None:
        refused = self._conflicts.get(item_id) if item_id is not None else None
        if refused is None:
            self.conflict_bar.hide()
        else:
            self.conflict_bar.show_conflict(refused.who, refused.when)

    def _keep_both(self) -> None:
        """The other clerk's notes, then what only this window's hold, in the editor and
        saved on their version: the clerk tidies it from there (Ctrl+Z undoes it)."""
        item_id = self._item_id
        document = self._documents.get(item_id) if item_id is not None else None
        if item_id is None or document is None or item_id not in self._conflicts:
            return
        found = self.context.run(agenda.get_item_notes, item_id)
        if found is None:
            return
        theirs, version = found
        refused = self._conflicts.pop(item_id)
        when = f" {refused.when}" if refused.when else ""
        merged = keep_both(theirs, document_to_html(document),
                           f"Not saved over {refused.who}'s change{when}, these were "
                           "written here:")
        self._notes_versions[item_id] = version
        replace_contents(document, merged)  # an edit like any other: saved, undone by Ctrl+Z
        self._show_conflict(item_id)
        self.conflicts_changed.emit(bool(self._conflicts))
        self.editor.setFocus()

    def _follow_passages(self, stored_html: str) -> None:
        """The list under the notes shows a decision kept in them in its words as now
        saved (the book has just taken them); listed again only when they changed."""
        found = passages(stored_html)
        for index in range(self.decisions.count()):
            entry = self.decisions.item(index)
            row: DecisionRow | None = entry.data(Qt.ItemDataRole.UserRole) if entry else None
            if row is not None and row.in_notes and found.get(row.uid, row.text) != row.text:
                current = self.decisions.currentRow()
                self._show_decisions()
                self.decisions.setCurrentRow(current)
                return
