"""Starting the GUI: the QApplication, the book to open, the main window."""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

from minute_taker import APP_ID, APP_NAME, __version__
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.paths import default_book_path
from minute_taker.services import review
from minute_taker.store.book import MinuteBook
from minute_taker.ui.book.crash import install_excepthook
from minute_taker.ui.book.opening import open_book
from minute_taker.ui.book.settings import user_name
from minute_taker.ui.main_window import MainWindow
from minute_taker.ui.qt_messages import route_qt_messages
from minute_taker.ui.review.window import ReviewWindow

log = logging.getLogger(__name__)
SHOWN_MARKER = "MINUTE_TAKER_SHOWN"
# Hidden, for tests: end the event loop this many milliseconds after the application is
# made, without asking the windows to close (so without waiting for anything), whatever
# start-up is doing then: the dictionary load and the first backup may still be running.
QUIT_AFTER_ENV = "MINUTE_TAKER_QUIT_AFTER_MS"


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)  # nothing here makes a mere QCoreApplication
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Minute Taker")
    app.setDesktopFileName(APP_ID)
    return app


def open_demo_book(folder: Path) -> MinuteBook:
    from minute_taker.services import interchange

    book = MinuteBook.open(folder / "Demo.minutebook", actor=user_name(), claim=True)
    interchange.load_demo(book)
    return book


def run_gui(book_path: Path | None, *, demo: bool = False, exit_when_shown: bool = False,
            log_file: Path | None = None) -> int:
    if log_file is not None:
        # Only for the app itself, started with its log (__main__, which has also kept
        # native crashes): tests call run_gui without one, and pytest-qt keeps Qt's
        # messages for its checks.
        route_qt_messages()  # first, so the application's own warnings are logged too
    app = make_application(sys.argv[:1])
    install_excepthook(log_file)
    quit_after = os.environ.get(QUIT_AFTER_ENV)
    if quit_after:
        # Fires on the event loop's first turn at the earliest: the start-up before it
        # (opening the book, building the window) is one piece of work.
        QTimer.singleShot(int(quit_after), lambda: app.exit(0))
    with tempfile.TemporaryDirectory(prefix="minute-taker-demo-") as demo_dir:
        if demo:
            try:
                book: MinuteBook | None = open_demo_book(Path(demo_dir))
            except MinuteTakerError as exc:  # a temporary folder that cannot be written
                log.error("cannot make the demo book: %s", exc)
                QMessageBox.critical(None, "Cannot open the sample book", str(exc))
                return 1
        else:
            book = open_book(book_path or default_book_path())
        if book is None:
            return 1
        window = make_window(book, temporary=demo)
        if window is None:
            return 1
        window.show()
        if exit_when_shown:
            state = "read-only" if book.read_only else "editing"
            QTimer.singleShot(0, lambda: (print(SHOWN_MARKER, window.objectName(), state,
                                                flush=True), window.close()))
        try:
            return app.exec()
        finally:
            (window.context.book if isinstance(window, MainWindow) else book).close()


def make_window(book: MinuteBook, *, temporary: bool = False) -> QMainWindow | None:
    """The main window, or review mode when the file is a review copy sent to the user."""
    try:
        copy = review.review_copy_info(book)
    except MinuteTakerError as exc:
        QMessageBox.critical(None, "Cannot open minute book", str(exc))
        book.close()
        return None
    if copy is not None:
        return ReviewWindow(book, copy)
    return MainWindow(book, temporary=temporary)
