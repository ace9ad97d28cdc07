"""The strip above the minutes that says what the user must know about the book:
that it is read-only here, that the latest changes are not yet written, or that an
edit was not saved over someone else's change (a book several people have open)."""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from minute_taker.services.leases import LEASE_SECONDS
from minute_taker.store.book import MinuteBook
from minute_taker.ui.colours import banner_style
from minute_taker.ui.widgets import named


class BookBanner(QFrame):
    retry_requested = Signal()
    save_elsewhere_requested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("bookBanner")
        # "read-only", "not-saved", "conflict", "notes-elsewhere" or None
        self.state: str | None = None
        self.text = named(QLabel(self, wordWrap=True), "bookBannerText")
        self.text.setTextFormat(Qt.TextFormat.RichText)
        self.retry_button = named(QPushButton("Try a&gain", self), "bannerRetry")
        self.save_button = named(QPushButton(self), "bannerSaveElsewhere")
        # No Alt+letter is free in the window for it; it also goes once the next edit
        # is saved (MainWindow._on_saved).
        self.dismiss_button = named(QPushButton("Dismiss", self), "bannerDismiss")
        self.dismiss_button.clicked.connect(self.clear)
        self.retry_button.clicked.connect(self.retry_requested)
        self.save_button.clicked.connect(self.save_elsewhere_requested)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(10, 6, 10, 6)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.retry_button)
        layout.addWidget(self.save_button)
        layout.addWidget(self.dismiss_button)
        self.hide()

    def show_book(self, book: MinuteBook) -> None:
        """Read-only, and why, or nothing to say (a book that opened for editing)."""
        if book.read_only:
            self.show_read_only(book.read_only, can_copy=not book.held_elsewhere)
        else:
            self.clear()

    def show_read_only(self, reason: str, *, can_copy: bool) -> None:
        self.state = "read-only"
        self._colour("read-only")
        after = ("To edit, close it there and choose Try again." if not can_copy else
                 "To edit, save a copy somewhere you can write to.")
        self.text.setText(f"<b>Read-only.</b> {html.escape(reason)} You can read and export "
                          f"the minutes. {after}")
        self.retry_button.setVisible(not can_copy)
        self.save_button.setText("Save a co&py to edit\u2026")
        self.save_button.setVisible(can_copy)
        self.dismiss_button.setVisible(False)
        self.show()

    def show_not_saved(self, message: str, *, team: bool = False) -> None:
        """``team``: a team book, which is copied to a file only while its server can
        still be read."""
        self.state = "not-saved"
        self._colour("not-saved")
        elsewhere = ("or, if its server can still be read, copy the team book to a file and "
                     "go on there" if team else "or save the book to another file")
        self.text.setText(
            f"<b>Not saved.</b> {html.escape(message)} Your text is kept in this window and "
            f"saving is tried again every 2 seconds; {elsewhere}.")
        self.retry_button.setVisible(True)
        self.save_button.setText("Save to another fi&le\u2026")
        self.save_button.setVisible(True)
        self.dismiss_button.setVisible(False)
        self.show()

    def show_notes_elsewhere(self, holder: str, *, let_go: bool = False) -> None:
        """A team book's meeting whose notes another window is taking (issue 22), or
        has just let go (``let_go``)."""
        if self.state == "read-only":
            return
        self.state = "notes-elsewhere"
        self._colour("read-only")
        if let_go:
            self.text.setText(
                f"<b>The notes are free.</b> {html.escape(holder)} has let the notes of "
                "this meeting go. Try again takes them, to write them here.")
        else:
            self.text.setText(
                f"<b>Notes taken elsewhere.</b> {html.escape(holder)} is taking the notes "
                "of this meeting, so they are read-only here; everything else can be "
                "edited. Try again takes them once they are let go, or after "
                f"{LEASE_SECONDS} seconds without an answer from that window.")
        self.retry_button.setVisible(True)
        self.save_button.setVisible(False)
        self.dismiss_button.setVisible(False)
        self.show()

    def show_conflict(self, message: str) -> None:
        """An edit refused because someone else changed the same words after this window
        read them: theirs are now on show, and the message says what the user wrote."""
        if self.state == "read-only":  # nothing can be edited here: that says more
            return
        self.state = "conflict"
        self._colour("not-saved")
        self.text.setText(f"<b>Changed by someone else.</b> {html.escape(message)}")
        self.retry_button.setVisible(False)
        self.save_button.setVisible(False)
        self.dismiss_button.setVisible(True)
        self.show()

    def _colour(self, kind: str) -> None:
        self.setStyleSheet(banner_style(kind, self.palette(), self.objectName()))

    def clear(self) -> None:
        self.state = None
        self.hide()
