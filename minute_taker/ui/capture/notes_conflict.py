"""The strip above the notes that says another clerk wrote this item's notes after this
window last read them (issue 22), and offers to keep both.

Typing goes on while it shows: the words stay in this window and are not saved until
the clerk keeps both (Alt+K, or the button): the other's notes, then what only this
window's hold (domain/notes_merge.py), which saving then writes on the other's version.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from minute_taker.ui.colours import banner_style
from minute_taker.ui.widgets import named


class NotesConflictBar(QFrame):
    keep_both_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("notesConflict")
        self.text = named(QLabel(self, wordWrap=True), "notesConflictText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.keep_button = named(QPushButton("&Keep both", self), "notesConflictKeepBoth")
        self.keep_button.setToolTip("Their notes, then the words only yours hold "
                                    "(Alt+K); then saving goes on")
        self.keep_button.clicked.connect(self.keep_both_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.keep_button)
        self.hide()

    def show_conflict(self, who: str, when: str) -> None:
        self.setStyleSheet(banner_style("not-saved", self.palette(), self.objectName()))
        self.text.setText(
            f"<b>Not saved.</b> {html.escape(who)} changed these notes"
            f"{' ' if when else ''}{html.escape(when)}, after this window last saved them, "
            "so your words were not saved over theirs. They are still here: keep typing. "
            "<b>Keep both</b> (Alt+K) puts their notes first and yours after them, and "
            "saves.")
        self.show()
