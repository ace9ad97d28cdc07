"""A few lines of text from the chair (a comment, new wording, why the minutes go back),
confirmed as people expect: Enter starts a new line, Ctrl+Enter confirms, Escape cancels,
Tab moves on. Blank lines and spaces left at either end are not kept."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from minute_taker.ui.widgets import named

CONFIRM_KEYS = ("Ctrl+Return", "Ctrl+Enter")
HINT = "Enter starts a new line; Ctrl+Enter confirms; Esc cancels."


def cleaned(text: str) -> str:
    """``text`` without trailing spaces on its lines or blank lines at either end; the
    line breaks inside it stay."""
    return "\n".join(line.rstrip() for line in text.splitlines()).strip()


class NoteDialog(QDialog):
    """Ask for a few lines of text; ``text()`` is what was typed, cleaned."""

    def __init__(self, parent: QWidget | None, title: str, prompt: str, confirm: str, *,
                 text: str = "", select_all: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("noteDialog")
        self.setWindowTitle(title)
        self.editor = named(QPlainTextEdit(self), "noteText")
        self.editor.setTabChangesFocus(True)
        self.editor.setPlainText(text)
        self.editor.setAccessibleName(title)
        self.prompt = named(QLabel(prompt, self, wordWrap=True), "notePrompt")
        self.prompt.setTextFormat(Qt.TextFormat.PlainText)
        self.prompt.setBuddy(self.editor)
        hint = named(QLabel(HINT, self, wordWrap=True), "noteHint")
        buttons = QDialogButtonBox(self)
        self.ok: QPushButton = named(
            buttons.addButton(f"{confirm} (Ctrl+Enter)", QDialogButtonBox.ButtonRole.AcceptRole),
            "noteConfirm")
        self.ok.setDefault(True)
        self.ok.setToolTip(f"{confirm} (Ctrl+Enter)")
        cancel = buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        cancel.setToolTip("Close without saving anything (Esc)")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for sequence in CONFIRM_KEYS:
            QShortcut(QKeySequence(sequence), self).activated.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(self.prompt)
        layout.addWidget(self.editor, 1)
        layout.addWidget(hint)
        layout.addWidget(buttons)
        self.editor.setFocus()
        if select_all:
            self.editor.selectAll()  # type over it to retype, or an arrow key to edit in place
        else:
            self.editor.moveCursor(self.editor.textCursor().MoveOperation.End)
        self.resize(520, 280)

    def text(self) -> str:
        return cleaned(self.editor.toPlainText())


def ask(parent: QWidget | None, title: str, prompt: str, confirm: str, *, text: str = "",
        select_all: bool = False) -> str | None:
    """The text confirmed in a ``NoteDialog``, or None if it was cancelled."""
    dialog = NoteDialog(parent, title, prompt, confirm, text=text, select_all=select_all)
    try:
        return dialog.text() if dialog.exec() == QDialog.DialogCode.Accepted else None
    finally:
        dialog.deleteLater()
