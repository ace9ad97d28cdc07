"""Meeting > Committee settings from the keyboard, and typing into a table's cells, for
the tests beside it."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView, QApplication, QWidget
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


def cell_editor(qtbot, table):  # type: ignore[no-untyped-def]
    """The editor open on the table's current cell, once it has the focus."""
    qtbot.waitUntil(lambda: table.indexWidget(table.currentIndex()) is not None
                    and table.indexWidget(table.currentIndex()) is focused())
    return focused()


def type_cell(qtbot, table, text: str, then: Qt.Key = Qt.Key.Key_Tab) -> None:  # type: ignore[no-untyped-def]
    """Type into the editor of the current cell, then Tab on (or Return)."""
    editor = cell_editor(qtbot, table)
    qtbot.keyClicks(editor, text)
    popup = QApplication.activePopupWidget()
    editing = QAbstractItemView.State.EditingState
    if popup is not None:
        # A completion list is open and has the keyboard: the key closes it first,
        # and a second Return then ends the edit.
        qtbot.keyClick(popup, then)
    if popup is None or (then == Qt.Key.Key_Return and table.state() == editing):
        qtbot.keyClick(editor, then)
    if then == Qt.Key.Key_Return:  # the view commits Return's edit from its event loop
        qtbot.waitUntil(lambda: table.state() != editing)
    if popup is not None:
        # The offscreen platform leaves no window active once a pop-up has gone.
        qtbot.wait(10)
        table.window().activateWindow()
        qtbot.waitUntil(table.window().isActiveWindow)
        table.setFocus()
