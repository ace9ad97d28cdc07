"""Meeting > Committee settings from the keyboard, for the tests beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QApplication, QWidget
from ui_keys import key, when_dialog_has_focus

from minute_taker.ui.attendance.committee_dialog import CommitteeDialog


def focused() -> QWidget | None:
    return QApplication.focusWidget()


def committee_settings(qtbot, window, fill) -> None:  # type: ignore[no-untyped-def]
    """Meeting > Committee settings (Alt+M, O) from the notes, the dialog filled by
    ``fill``; back in the notes after it."""
    window.notes.editor.setFocus()
    qtbot.waitUntil(window.notes.editor.hasFocus)
    key(qtbot, window.notes.editor, "Alt+M")
    menu = QApplication.activePopupWidget()
    assert menu is not None and menu.title() == "&Meeting"
    done: list[bool] = []

    def checked(dialog: QWidget) -> None:
        assert isinstance(dialog, CommitteeDialog)
        assert dialog.name.hasFocus()
        fill(dialog)
        qtbot.waitUntil(lambda: not dialog.isVisible())
        done.append(True)

    when_dialog_has_focus(checked)
    qtbot.keyClick(menu, "o")
    assert done == [True]
    window.activateWindow()  # the offscreen platform hands activation back late
    qtbot.waitUntil(lambda: window.isActiveWindow() and focused() is not None)
    assert window.notes.editor.hasFocus()


def reopen(open_window, window, path: Path):  # type: ignore[no-untyped-def]
    window.close()
    window.context.book.close()
    return open_window(path)
