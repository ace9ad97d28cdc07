"""What an empty minute book shows instead of empty panes: the ways to begin."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QPushButton, QVBoxLayout, QWidget

from minute_taker.ui.widgets import named


class WelcomePage(QWidget):
    new_meeting_requested = Signal()
    open_book_requested = Signal()
    sample_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("welcomePage")
        self.book_label = named(QLabel(self), "welcomeBook")
        self.book_label.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.book_label.setWordWrap(True)
        heading = QLabel("<h1>This minute book has no meetings yet</h1>", self)
        heading.setAlignment(Qt.AlignmentFlag.AlignCenter)
        intro = QLabel(
            "Create a meeting to start taking minutes. It begins with your committee\u2019s "
            "standing items; everything you type is saved as you type it.", self)
        intro.setWordWrap(True)
        intro.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.new_button = named(QPushButton("New meeting\u2026  (Ctrl+Shift+N)", self),
                                "welcomeNewMeeting")
        self.new_button.setDefault(True)
        self.open_button = QPushButton("Open another minute book\u2026  (Ctrl+O)", self)
        self.sample_button = named(QPushButton("Add a sample meeting to explore", self),
                                   "welcomeSample")
        self.sample_button.setToolTip("A monthly assurance meeting with numbered items, "
                                      "findings and actions; delete it when you are done.")
        self.new_button.clicked.connect(self.new_meeting_requested)
        self.open_button.clicked.connect(self.open_book_requested)
        self.sample_button.clicked.connect(self.sample_requested)

        column = QVBoxLayout()
        column.addWidget(heading)
        column.addWidget(intro)
        column.addSpacing(16)
        for button in (self.new_button, self.open_button, self.sample_button):
            button.setMinimumHeight(36)
            column.addWidget(button)
        column.addSpacing(16)
        column.addWidget(self.book_label)
        holder = QWidget(self)
        holder.setLayout(column)
        holder.setMaximumWidth(560)
        layout = QVBoxLayout(self)
        layout.addStretch(1)
        layout.addWidget(holder, 0, Qt.AlignmentFlag.AlignHCenter)
        layout.addStretch(2)

    def show_book(self, path_text: str) -> None:
        self.book_label.setText(f"<small>Book: {path_text}</small>")
