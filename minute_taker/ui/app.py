"""Starting the GUI: the QApplication, the book to open, the main window.

A start paints a small window first (``ui/splash.py``), before the rest of the app is
imported and the book opened, so that something answers the click at once; the main
window follows, with the keyboard in the notes of the meeting last open. Only Qt and
light modules are imported here at the top: the window, the services and the store
(SQLAlchemy) come in ``run_gui`` after the splash is painted.
"""

from __future__ import annotations

import logging
import os
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox, QWidget

from minute_taker import APP_NAME, __version__
from minute_taker.domain.errors import MinuteTakerError
from minute_taker.paths import default_book_path
from minute_taker.ui.book.crash import install_excepthook
from minute_taker.ui.identity import apply_identity
from minute_taker.ui.qt_messages import route_qt_messages
from minute_taker.ui.splash import StartSplash, dismiss_splashes, out_of_the_way, show_splash
from minute_taker.ui.workers import share_the_interpreter

if TYPE_CHECKING:
    from minute_taker.store.book import MinuteBook

log = logging.getLogger(__name__)
# Printed on stdout under --exit-when-shown (tests, benchmarks/run.py): the first window
# (the splash, or the main window when there is none) has been painted; then the main
# window is shown, painted and ready to type: the keyboard is in the notes of the
# current item (or, with no item to write in, the window is the active one).
PAINTED_MARKER = "MINUTE_TAKER_PAINTED"
SHOWN_MARKER = "MINUTE_TAKER_SHOWN"
# Hidden, for tests: end the event loop this many milliseconds after the application is
# made, without asking the windows to close (so without waiting for anything), whatever
# start-up is doing then: the dictionary load and the first backup may still be running.
QUIT_AFTER_ENV = "MINUTE_TAKER_QUIT_AFTER_MS"
# At most this long after the main window is shown, the splash goes and --exit-when-shown
# announces the window, even if the window system never painted it or gave it the keyboard.
READY_WAIT_MS = 5000


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)  # nothing here makes a mere QCoreApplication
    app.setApplicationName(APP_NAME)
    app.setApplicationVersion(__version__)
    app.setOrganizationName("Minute Taker")
    apply_identity(app)  # the desktop id and the window icon, the splash's too
    share_the_interpreter()
    return app


def open_demo_book(folder: Path) -> MinuteBook:
    from minute_taker.services import interchange
    from minute_taker.store.book import MinuteBook
    from minute_taker.ui.book.settings import user_name

    book = MinuteBook.open(folder / "Demo.minutebook", actor=user_name(), claim=True)
    interchange.load_demo(book)
    return book


def run_gui(book_path: Path | str | None, *, demo: bool = False,
            exit_when_shown: bool = False,
            log_file: Path | None = None, splash: bool = False) -> int:
    """Start the app and run it until it quits. ``book_path``: a file, or a team book's
    URL. ``splash``: paint the small start window first (the app itself does; tests that
    call this do not, unless they ask)."""
    if log_file is not None:
        # Only for the app itself, started with its log (__main__, which has also kept
        # native crashes): tests call run_gui without one, and pytest-qt keeps Qt's
        # messages for its checks.
        route_qt_messages()  # first, so the application's own warnings are logged too
    app = make_application(sys.argv[:1])
    install_excepthook(log_file)
    quit_after = os.environ.get(QUIT_AFTER_ENV)
    quitting: list[bool] = []
    if quit_after:
        # Fires on the event loop's first turn at the earliest, or while the splash is
        # being painted: the start-up after that (opening the book, building the
        # window) is one piece of work, and the event loop is then not entered at all.
        def quit_now() -> None:
            quitting.append(True)
            app.exit(0)

        QTimer.singleShot(int(quit_after), quit_now)
    path = None if demo else (book_path or default_book_path())
    first: StartSplash | None = None
    if splash:
        first = show_splash("Opening the sample book\u2026" if path is None else
                            "Opening the team book\u2026" if isinstance(path, str) else
                            f"Opening {path.name}\u2026")
        if exit_when_shown and first.painted:
            print(PAINTED_MARKER, flush=True)
    try:
        return _open_and_run(app, path, first, exit_when_shown=exit_when_shown,
                             quitting=quitting)
    finally:
        dismiss_splashes()  # on every way out, an error's included
        if first is not None:
            first.deleteLater()


# The Qt-free modules the windows need (SQLAlchemy, the store, the services, the
# export layout the review window shows): imported first, past PySide6's feature hook.
QT_FREE_LAYERS = (
    "minute_taker.services.review_import", "minute_taker.services.publishing",
    "minute_taker.services.attendance", "minute_taker.services.committees",
    "minute_taker.services.decisions", "minute_taker.services.documents",
    "minute_taker.services.history", "minute_taker.services.people",
    "minute_taker.services.roll_call", "minute_taker.services.vocabulary",
    "minute_taker.store.book", "minute_taker.store.backups", "minute_taker.export.layout",
    "minute_taker.domain.capture", "minute_taker.domain.completion",
    "minute_taker.domain.paste", "minute_taker.domain.timekeeping",
)


@contextmanager
def past_feature_hook() -> Iterator[None]:
    """Imports in the block are made as if PySide6 had not been imported yet.

    Once PySide6 is imported, its ``__feature__`` import hook (``builtins.__import__``)
    reads the source of every module imported after it, to see whether it mentions
    PySide6 (measured here: 70-80 ms of the ~400 ms the layers below Qt take to import,
    and 19 MiB of resident memory that stays).
    The splash needs Qt first, so Qt-free work that imports much (``QT_FREE_LAYERS``,
    making the demo book: Alembic, jsonschema) runs with the import the hook wraps
    (``builtins.__orig_import__``). That leaves those modules unregistered with the
    hook, exactly as they were when __main__ imported them before PySide6: the app
    selects no ``__feature__``, and no module below ui uses Qt (tests/test_architecture).
    With a PySide6 that has no ``__orig_import__``, imports go the usual way.
    """
    import builtins

    hooked = builtins.__import__
    plain = getattr(builtins, "__orig_import__", None)
    if plain is not None:
        builtins.__import__ = plain
    try:
        yield
    finally:
        builtins.__import__ = hooked


def import_qt_free_layers() -> None:
    """``QT_FREE_LAYERS``, past the feature hook; a module missing from the list is
    imported later the usual way, a little slower."""
    import importlib

    with past_feature_hook():
        for name in QT_FREE_LAYERS:
            importlib.import_module(name)


def _open_and_run(app: QApplication, path: Path | str | None, first: StartSplash | None, *,
                  exit_when_shown: bool, quitting: list[bool]) -> int:
    import_qt_free_layers()
    from minute_taker.ui.book.opening import open_book
    from minute_taker.ui.main_window import MainWindow

    with tempfile.TemporaryDirectory(prefix="minute-taker-demo-") as demo_dir:
        if path is None:
            try:
                with past_feature_hook():  # Qt-free, and imports Alembic and jsonschema
                    book: MinuteBook | None = open_demo_book(Path(demo_dir))
            except MinuteTakerError as exc:  # a temporary folder that cannot be written
                log.error("cannot make the demo book: %s", exc)
                dismiss_splashes()
                QMessageBox.critical(None, "Cannot open the sample book", str(exc))
                return 1
        else:
            with out_of_the_way(first):  # open_book's messages close the splash
                book = open_book(path)
        if book is None:
            return 1
        window = make_window(book, temporary=path is None)
        if window is None:
            return 1
        try:
            target = typing_target(window)
            if target is not None:
                target.setFocus()  # given to it when the window is activated
            watch = StartWatch(window, target, first, exit_when_shown=exit_when_shown,
                               state="read-only" if book.read_only else "editing")
            window.show()
            # What a window manager does for a new window anyway; with none (a bare X
            # server) the window would never be given the keyboard.
            window.activateWindow()
            watch.started()
            if quitting:
                return 0
            return app.exec()
        finally:
            (window.context.book if isinstance(window, MainWindow) else book).close()


def typing_target(window: QWidget) -> QWidget | None:
    """Where the keyboard goes at start: the notes of the current item of the meeting
    that opened (the one last open), if it has an item."""
    from minute_taker.ui.main_window import MainWindow

    if isinstance(window, MainWindow) and window.context.current_item_id is not None \
            and window.pages.currentIndex() == 1:
        return window.notes.editor
    return None


class StartWatch(QObject):
    """Watches the main window's first moments: closes the splash once the window has
    been painted, and under --exit-when-shown prints the markers, then closes it once
    it is ready to type (painted, and the keyboard in ``target``)."""

    def __init__(self, window: QWidget, target: QWidget | None, splash: StartSplash | None,
                 *, exit_when_shown: bool, state: str) -> None:
        super().__init__(window)
        self.state = state
        self.window, self.target, self.splash = window, target, splash
        self.exit_when_shown = exit_when_shown
        self.announce_paint = exit_when_shown and (splash is None or not splash.painted)
        self.painted = self.done = False
        for watched in (window, target):
            if watched is not None:
                watched.installEventFilter(self)

    def started(self) -> None:
        QTimer.singleShot(READY_WAIT_MS, self._give_up_waiting)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802
        kind = event.type()
        if kind == QEvent.Type.Paint and watched is self.window and not self.painted:
            # Once the whole window has been painted and flushed to the screen.
            QTimer.singleShot(0, self._window_painted)
        elif kind in (QEvent.Type.FocusIn, QEvent.Type.WindowActivate):
            QTimer.singleShot(0, self._check_ready)
        return False

    def _window_painted(self) -> None:
        if self.painted:
            return
        self.painted = True
        if self.splash is not None:
            self.splash.close()
        if self.announce_paint:
            print(PAINTED_MARKER, flush=True)
        self._check_ready()

    def _check_ready(self) -> None:
        if self.done or not self.painted:
            return
        if self.target.hasFocus() if self.target is not None else self.window.isActiveWindow():
            self._ready()

    def _give_up_waiting(self) -> None:
        if not self.done:
            log.warning("the main window was not painted and given the keyboard within "
                        "%d ms (painted: %s)", READY_WAIT_MS, self.painted)
            if not self.painted:
                self._window_painted()
            self._ready()

    def _ready(self) -> None:
        self.done = True
        for watched in (self.window, self.target):
            if watched is not None:
                watched.removeEventFilter(self)
        if self.splash is not None:
            self.splash.close()
        if self.exit_when_shown:
            print(SHOWN_MARKER, self.window.objectName(), self.state, flush=True)
            self.window.close()


def make_window(book: MinuteBook, *, temporary: bool = False) -> QMainWindow | None:
    """The main window, or review mode when the file is a review copy sent to the user."""
    from minute_taker.services import review
    from minute_taker.ui.main_window import MainWindow
    from minute_taker.ui.review.window import ReviewWindow

    try:
        copy = review.review_copy_info(book)
    except MinuteTakerError as exc:
        dismiss_splashes()
        QMessageBox.critical(None, "Cannot open minute book", str(exc))
        book.close()
        return None
    if copy is not None:
        return ReviewWindow(book, copy)
    return MainWindow(book, temporary=temporary)
