"""Unexpected exceptions: written to the log and shown in a dialog, never a silent exit."""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QApplication, QMessageBox

from minute_taker.domain.errors import MinuteTakerError

log = logging.getLogger("minute_taker.crash")


def install_excepthook(log_file: Path | None) -> None:
    def hook(kind: type[BaseException], value: BaseException,
             tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            QApplication.quit()
            return
        if isinstance(value, MinuteTakerError):
            log.warning("refused: %s", value)
            QMessageBox.warning(QApplication.activeWindow(), "Minute Taker", str(value))
            return
        details = "".join(traceback.format_exception(kind, value, tb))
        log.critical("unexpected error\n%s", details)
        show_crash_dialog(details, log_file)

    sys.excepthook = hook


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
