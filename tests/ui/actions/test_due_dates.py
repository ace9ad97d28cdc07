"""Due dates typed as people type them, in the action form and the actions table:
"+14", "tomorrow" and "31 Jan" count from the meeting that set the action."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from ui_keys import key

from minute_taker.services import actions
from minute_taker.ui.actions.qt_action_model import DUE

MEETING_DATE = dt.date(2017, 10, 31)  # the demo meeting


@pytest.mark.parametrize(("typed", "due"), [
    ("+14", MEETING_DATE + dt.timedelta(days=14)),
    ("tomorrow", MEETING_DATE + dt.timedelta(days=1)),
    ("31 Jan", dt.date(2018, 1, 31)),  # the next 31 January after the meeting
    ("Thu 30 Nov 2017", dt.date(2017, 11, 30)),
])
def test_the_form_counts_a_due_date_from_the_meeting(  # type: ignore[no-untyped-def]
        qtbot, open_window, demo_path: Path, typed: str, due: dt.date) -> None:
    window = open_window(demo_path)
    assert window.context.header.date == MEETING_DATE
    key(qtbot, window, "Ctrl+Shift+A")
    panel = window.actions_panel
    qtbot.keyClicks(panel.text_edit, "Report back on the complaints function")
    qtbot.keyClick(panel.text_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.owner_edit, "DCC")
    qtbot.keyClick(panel.owner_edit, Qt.Key.Key_Tab)
    qtbot.keyClicks(panel.due_edit, typed)
    qtbot.keyClick(panel.due_edit, Qt.Key.Key_Return)

    added = actions.list_actions(window.context.book, window.context.meeting_id)[-1]
    assert added.text == "Report back on the complaints function"
    assert (added.due_date, added.due_text) == (due, None)


def test_words_stay_words(qtbot, open_window, demo_path: Path) -> None:  # type: ignore[no-untyped-def]
    window = open_window(demo_path)
    panel = window.actions_panel
    row = panel.model.rowCount() - 1
    index = panel.model.index(row, DUE)
    assert panel.model.setData(index, "+7")
    assert panel.model.action(row).due_date == MEETING_DATE + dt.timedelta(days=7)
    assert panel.model.setData(index, "When the review is complete")
    assert (panel.model.action(row).due_date, panel.model.action(row).due_text) == \
        (None, "When the review is complete")
