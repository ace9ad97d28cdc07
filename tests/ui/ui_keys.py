"""Pressing shortcuts in UI tests (imported by the tests beside it)."""

from __future__ import annotations

from PySide6.QtGui import QKeySequence


def key(qtbot, widget, sequence: str) -> None:  # type: ignore[no-untyped-def]
    """Press a shortcut such as "Ctrl+Shift+Return" on ``widget``."""
    combo = QKeySequence(sequence)[0]
    qtbot.keyClick(widget, combo.key(), combo.keyboardModifiers())
