"""Pressing shortcuts in UI tests (imported by the tests beside it)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from PySide6.QtCore import QTimer
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QApplication, QWidget


def key(qtbot, widget, sequence: str) -> None:  # type: ignore[no-untyped-def]
    """Press a shortcut such as "Ctrl+Shift+Return" on ``widget``."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())


def when_dialog_has_focus(fill: Callable[[QWidget], None], *,
                          kind: type[QWidget] | None = None) -> None:
    """Run ``fill`` once the modal dialog is up and holds the focus, then make sure it
    is closed: under load a dialog shows before it has the focus, and typing then would
    go to the window behind it; a dialog left open would block the test. ``kind``: wait
    for a dialog of that class (one opened from another dialog, after its button's
    letter has clicked it)."""
    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        focus = QApplication.focusWidget()
        if dialog is None or not dialog.isActiveWindow() or focus is None \
                or not dialog.isAncestorOf(focus) \
                or (kind is not None and not isinstance(dialog, kind)):
            if dialog is not None:
                dialog.activateWindow()
            QTimer.singleShot(10, answer)
            return
        try:
            fill(dialog)
        finally:
            if dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)


class Writer(Protocol):
    """Whoever types in the tests: presses keys, types lines ending in Enter."""

    def keys(self, sequence: str) -> None: ...

    def lines(self, *lines: str) -> None: ...


def type_bullets(writer: Writer, *points: str | tuple[str, ...]) -> None:
    """A bulleted list (Ctrl+Shift+L); a tuple is a point followed by its nested points
    (Tab in, Shift+Tab out); the list ends with Ctrl+Shift+L, back to paragraphs."""
    writer.keys("Ctrl+Shift+L")
    for point in points:
        head, *nested = (point,) if isinstance(point, str) else point
        writer.lines(head)
        if nested:
            writer.keys("Tab")
            writer.lines(*nested)
            writer.keys("Shift+Tab")
    writer.keys("Ctrl+Shift+L")
