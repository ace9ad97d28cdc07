"""Which book the main window works in: new, open, recent, restored from a backup,
reopened for editing once another window lets it go, or copied to another file when
it cannot be written where it is."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMenu, QMessageBox, QStatusBar, QWidget

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.paths import BOOK_SUFFIX
from minute_taker.services import review
from minute_taker.store import backups
from minute_taker.store.book import MinuteBook
from minute_taker.store.server import describe as describe_server
from minute_taker.store.server import server_url
from minute_taker.ui.book.backups import RestoreDialog
from minute_taker.ui.book.banner import BookBanner
from minute_taker.ui.book.opening import (
    ask_new_book_path,
    copy_book_to_new_file,
    open_book,
    open_team_book,
)
from minute_taker.ui.book.settings import (
    last_team_book,
    recent_books,
    recent_team_books,
)
from minute_taker.ui.book.team_book_dialog import TeamBookDialog
from minute_taker.ui.capture.notes_editor import NotesPane
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.review.window import ReviewWindow


def _named(location: str) -> str:
    """A team book's address as ``MinuteBook.server`` names it: its database and server."""
    return describe_server(server_url(location))


BOOK_FILTER = f"Minute books and review copies (*{BOOK_SUFFIX});;All files (*)"


class BookWindow(Protocol):
    """What BookControl needs of the window whose book it changes (the main window).

    Said here rather than by importing MainWindow, which imports this module.
    """

    context: MeetingContext
    notes: NotesPane
    banner: BookBanner
    temporary: bool  # the demo's throw-away book: not remembered among recent books

    def window(self) -> QWidget: ...  # QWidget's own: the parent for dialogs
    def statusBar(self) -> QStatusBar: ...  # noqa: N802 (Qt's name)
    def flush_or_ask(self) -> bool: ...
    def load_book_view(self, meeting_id: int | None = None) -> None: ...


class BookControl(QObject):
    def __init__(self, window: BookWindow) -> None:
        self.widget = window.window()
        super().__init__(self.widget)
        self.host = window
        self.review_windows: list[ReviewWindow] = []

    @property
    def book(self) -> MinuteBook:
        return self.host.context.book

    def switch_book(self, path: Path) -> None:
        if path.absolute() == self.book.path:
            return  # already open here; opening it again would find it "in use"
        if not self.host.flush_or_ask():
            return
        book = open_book(path, self.widget)
        if book is None:
            return
        try:
            copy = review.review_copy_info(book)
        except MinuteTakerError as exc:
            book.close()
            QMessageBox.warning(self.widget, "Cannot open book", str(exc))
            return
        if copy is not None:
            # A review copy opens in review mode beside this book, which stays open.
            reviewing = ReviewWindow(book, copy)
            self.review_windows.append(reviewing)
            reviewing.destroyed.connect(lambda *_: self.review_windows.remove(reviewing))
            reviewing.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
            reviewing.show()
            return
        self.use_book(book)

    def open_team_book(self) -> None:
        """File › Open team book…: the team's book on its server, in this window."""
        dialog = TeamBookDialog(last_team_book(), self.widget)
        dialog.setObjectName("teamBookDialog")
        if dialog.exec() != TeamBookDialog.DialogCode.Accepted:
            return
        self.open_team_book_at(dialog.location())

    def open_team_book_at(self, location: str) -> None:
        """The team book at ``location`` (no password: asked if the server wants one),
        in this window, remembered among the recent team books."""
        if _named(location) == self.book.server:
            return  # already open here
        if not self.host.flush_or_ask():
            return
        book = open_team_book(location, self.widget)
        if book is None:
            return
        self.use_book(book)  # remembered among the recent team books as it is shown
        self.host.statusBar().showMessage(f"Opened the team book {book.server}.", 10000)

    def use_book(self, book: MinuteBook, *, same_place: bool = False) -> None:
        """Work in ``book`` from now on; edits still pending are written to it.

        ``same_place``: the book is the same minutes (reopened, or a copy), so stay at
        the meeting, item and place in the text in front of the user.
        """
        window, context = self.host, self.host.context
        old = context.book
        meeting_id, item_id = context.meeting_id, context.current_item_id
        position = window.notes.editor.textCursor().position()
        context.leave_book()
        context.book = book
        context.undo_stack.clear()
        old.close()
        window.temporary = False
        window.load_book_view(meeting_id if same_place else None)
        if same_place and item_id is not None:
            context.show_item_request.emit(item_id)
            window.notes.place_cursor(position)

    def retry(self) -> None:
        """The banner's Try again: write what is pending, or reopen a read-only book."""
        if self.host.banner.state == "not-saved":
            self.host.context.autosave.flush()
        elif self.host.banner.state == "notes-elsewhere":
            self.host.context.notes_lease.take()
        elif self.book.read_only:
            self.reopen_for_editing()

    def reopen_for_editing(self) -> None:
        """A read-only book, once the other window has closed it: edit it here."""
        book = open_book(self.book.path, self.widget)
        if book is None:
            return
        status = self.host.statusBar()
        if book.read_only:
            book.close()
            self.host.banner.show_book(book)  # the holder may have changed
            status.showMessage(f"Still read-only. {book.read_only}", 10000)
            return
        self.use_book(book, same_place=True)
        status.showMessage(f"{book.path.name} is open for editing.", 10000)

    def save_to_another_file(self) -> None:
        """The book cannot be written where it is: copy it elsewhere and carry on there,
        with every change still pending written into the copy."""
        copy = copy_book_to_new_file(self.book, self.widget)
        if copy is None:
            return
        previous = self.book.name
        # Opening the meeting again flushes the pending edits into the copy.
        self.use_book(copy, same_place=True)
        if self.host.context.autosave.flush():
            self.host.statusBar().showMessage(
                f"Now working in {copy.path}. {previous} does not have the changes "
                "made since it could last be written.", 30000)

    def new_book(self) -> None:
        target = ask_new_book_path(self.widget, "New minute book", Path.home())
        if target is not None:
            self.switch_book(target)

    def open_book_dialog(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self.widget, "Open minute book",
                                              str(Path.home()), BOOK_FILTER)
        if path:
            self.switch_book(Path(path))

    def fill_recent(self, menu: QMenu) -> None:
        menu.clear()
        books = [p for p in recent_books() if p != self.book.path]
        for path in books:
            action = menu.addAction(f"{path.name}  \u2014  {path.parent}")
            action.triggered.connect(lambda _checked=False, p=path: self.switch_book(p))
        teams = [(location, name) for location in recent_team_books()
                 if (name := _named(location)) != self.book.server]
        if books and teams:
            menu.addSeparator()
        for location, name in teams:
            action = menu.addAction(f"{name}  \u2014  team book")
            action.triggered.connect(
                lambda _checked=False, where=location: self.open_team_book_at(where))
        if not (books or teams):
            menu.addAction("No other recent books").setEnabled(False)

    def restore_from_backup(self) -> None:
        team = self.book.server
        dialog = RestoreDialog(backups.backup_key(self.book), self.widget,
                               name=f"the team book {team}" if team else None)
        if dialog.exec() == RestoreDialog.DialogCode.Accepted and dialog.restored is not None:
            self.switch_book(dialog.restored)
