"""A docked pane opened beside the panes (Search, Attendance) takes its width from them:
the notes keep their share, and the actions table keeps its Action column readable (it
was taken down to "\u2026", the other columns left as they were)."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_keys import key

from minute_taker.ui.actions.panel import ACTION_TEXT_CHARS
from minute_taker.ui.actions.qt_action_model import TEXT
from minute_taker.ui.main_window import NOTES_SHARE


@pytest.mark.parametrize("width", [1400, 1200])
def test_the_action_column_stays_readable_with_the_search_pane_open(
        qtbot, open_window, demo_path: Path, width: int) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    qtbot.waitExposed(window)
    window.showNormal()
    window.resize(width, 860)
    qtbot.waitUntil(lambda: window.width() == width)
    # Started on the test's small screen, then widened: the agenda has its width back.
    qtbot.waitUntil(lambda: window.agenda.width() >= 250)
    table = window.actions_panel.table
    assert window.actions_panel.model.rowCount() > 0  # the demo meeting's actions
    readable = table.fontMetrics().averageCharWidth() * ACTION_TEXT_CHARS

    window.notes.editor.setFocus()
    key(qtbot, window.notes.editor, "Ctrl+Shift+F")
    qtbot.waitUntil(lambda: window.search_dock.isVisible())
    qtbot.waitUntil(lambda: window.search_dock.width() > 200)
    qtbot.wait(50)  # the notes' share is taken on the next turn of the event loop
    sizes = window.splitter.sizes()
    assert table.columnWidth(TEXT) >= readable - 1, (table.columnWidth(TEXT), sizes)
    assert sizes[1] >= int(sum(sizes) * NOTES_SHARE) - 1, sizes
    assert window.agenda.width() >= 120, sizes  # not down to its least (79 here)
    assert window.search_pane.query.hasFocus()

    qtbot.keyClick(window.search_pane.query, Qt.Key.Key_Escape)  # put away: width back
    qtbot.waitUntil(lambda: not window.search_dock.isVisible())
    qtbot.waitUntil(lambda: window.agenda.width() >= 250)
    assert window.notes.editor.hasFocus()
