"""Quick phrases: the formulae of minutes, inserted at the cursor from the keyboard."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMenu,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from minute_taker.services import vocabulary
from minute_taker.ui.capture.notes_editor import NotesEditor, NotesPane
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.shortcuts import bind
from minute_taker.ui.widgets import named

DIRECT_KEYS = 9  # Alt+1 ... Alt+9 by default


class QuickPhrases:
    """Owns the phrase actions for one editor: a menu at the cursor and Alt+1..9."""

    def __init__(self, context: MeetingContext, notes: NotesPane, parent: QWidget) -> None:
        self.context = context
        self._notes = notes
        self.parent = parent
        self.menu_action = bind(QAction("Insert &quick phrase\u2026", parent),
                                "notes.quick_phrase")
        self.menu_action.triggered.connect(self.pop_up)
        self.edit_action = QAction("&Edit quick phrases\u2026", parent)
        self.edit_action.triggered.connect(self.edit_phrases)
        self.direct_actions: list[QAction] = []
        for number in range(1, DIRECT_KEYS + 1):
            action = bind(QAction(f"Quick phrase {number}", parent),
                          f"notes.quick_phrase_{number}")
            action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
            action.triggered.connect(lambda _checked=False, n=number: self.insert_number(n))
            notes.add_editor_action(action)
            self.direct_actions.append(action)

    @property
    def editor(self) -> NotesEditor:
        """The notes editor on show (a long item has its own)."""
        return self._notes.editor

    def phrases(self) -> list[str]:
        return self.context.run(vocabulary.list_phrases) or []

    def insert(self, phrase: str) -> None:
        if not self.editor.isEnabled():
            return
        if self.editor.isReadOnly():
            self.editor.edit_refused.emit()  # say why, as for a key typed there
            return
        self.editor.textCursor().insertText(phrase)
        self.editor.setFocus()

    def insert_number(self, number: int) -> None:
        phrases = self.phrases()
        if 0 < number <= len(phrases):
            self.insert(phrases[number - 1])

    def build_menu(self) -> QMenu:
        menu = QMenu(self.parent)
        for number, phrase in enumerate(self.phrases(), start=1):
            label = phrase.strip().replace("&", "&&")
            if number <= DIRECT_KEYS:
                label = f"&{number}  {label}"
            action = menu.addAction(label)
            action.triggered.connect(lambda _checked=False, p=phrase: self.insert(p))
        menu.addSeparator()
        menu.addAction(self.edit_action)
        return menu

    def pop_up(self) -> None:
        """Show the phrases at the text cursor; a digit or the arrows pick one."""
        menu = self.build_menu()
        where = self.editor.viewport().mapToGlobal(self.editor.cursorRect().bottomLeft())
        menu.exec(where)

    def edit_phrases(self) -> None:
        dialog = PhrasesDialog(self.phrases(), self.parent)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.context.apply(vocabulary.set_phrases, dialog.phrases())


class PhrasesDialog(QDialog):
    def __init__(self, phrases: list[str], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Quick phrases")
        self.text = named(QPlainTextEdit(self), "phrasesText")
        self.text.setPlainText("\n".join(phrases))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("One phrase a line. The first nine are also on Alt+1 \u2026 "
                                "Alt+9 in the notes; a phrase may end with a space.", self))
        layout.addWidget(self.text)
        layout.addWidget(buttons)
        self.resize(560, 360)

    def phrases(self) -> list[str]:
        return self.text.toPlainText().split("\n")
