"""Unexpected exceptions: written to the log and shown in a dialog, never a silent exit."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import QCoreApplication, QThread, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from minute_taker.domain.errors import MinuteTakerError

log = logging.getLogger("minute_taker.crash")


def install_excepthook(log_file: Path | None) -> None:
    """Every unexpected error is logged; one dialog at a time tells the user.

    The dialog runs an event loop of its own, in which timers and repaints go on: if
    they fail too, each would open a dialog inside the last. Errors that arrive while
    it is open are in the log only.

    Widgets exist only on the GUI thread of a living application. An error on a worker
    thread is logged there and its dialog is shown by the GUI thread; an error with no
    application, or while it is being torn down at exit, is logged only (the log's
    console handler writes it to stderr too): building a widget then aborts the process.
    """
    showing = False

    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        nonlocal showing
        app = _living_application()
        if issubclass(kind, KeyboardInterrupt):
            if app is not None:
                app.quit()
            return
        if isinstance(value, MinuteTakerError):
            log.warning("refused: %s", value)
            if app is not None:
                _on_gui_thread(app, lambda: QMessageBox.warning(
                    QApplication.activeWindow(), "Minute Taker", str(value)))
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.critical("unexpected error\n%s", details)
        if app is None:
            return

        def tell() -> None:
            nonlocal showing
            if showing:
                return
            showing = True
            try:
                show_crash_dialog(details, log_file)
            except Exception:
                # Raised out of the hook, it would go to stderr, which a GUI app may not have.
                log.exception("could not show the unexpected error dialog")
            finally:
                showing = False

        _on_gui_thread(app, tell)

    sys.excepthook = hook


def _living_application() -> QApplication | None:
    """The application, if there is one that can still show a widget."""
    app = QApplication.instance()
    if not isinstance(app, QApplication) or QCoreApplication.closingDown():
        return None
    return app


def _on_gui_thread(app: QApplication, show: Callable[[], object]) -> None:
    """Run ``show`` now if this is the GUI thread, else soon on the GUI thread."""
    if QThread.currentThread() is app.thread():
        show()
    else:
        # A zero timer with a context object runs its function on that object's thread.
        QTimer.singleShot(0, app, show)


def show_crash_dialog(details: str, log_file: Path | None) -> None:
    box = QMessageBox(QApplication.activeWindow())
    box.setIcon(QMessageBox.Icon.Critical)
    box.setWindowTitle("Minute Taker: unexpected error")
    where = f" The details are in {log_file}." if log_file else ""
    box.setText("Something went wrong inside Minute Taker. Everything saved before this "
                f"moment is safe in the book, and you can keep working.{where}")
    box.setDetailedText(details)
    copy = box.addButton("Copy details", QMessageBox.ButtonRole.ActionRole)
    box.addButton(QMessageBox.StandardButton.Ok)
    box.exec()
    if box.clickedButton() is copy:
        QGuiApplication.clipboard().setText(details)
