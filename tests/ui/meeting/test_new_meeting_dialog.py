"""New meeting: the date typed as a clerk types it, from the title by Tab or by Alt+D."""

from __future__ import annotations

import datetime as dt

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel
from ui_keys import key

from minute_taker.ui.meeting.new_meeting_dialog import NewMeetingDialog

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

TODAY = dt.date(2017, 11, 29)


@pytest.fixture
def dialog(qtbot) -> NewMeetingDialog:  # type: ignore[no-untyped-def]
    shown = NewMeetingDialog([])
    qtbot.addWidget(shown)
    shown.date.today = lambda: TODAY
    shown.show()
    qtbot.waitExposed(shown)
    shown.activateWindow()
    qtbot.waitUntil(shown.isActiveWindow)
    qtbot.keyClicks(shown.committee.lineEdit(), "Police and Crime Panel")
    shown.title.setFocus()
    return shown


def type_date(qtbot, dialog: NewMeetingDialog, text: str):  # type: ignore[no-untyped-def]
    """From the title, where the dialog starts, Tab to the date and type."""
    qtbot.keyClick(dialog.title, Qt.Key.Key_Tab)
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, text)
    return field


@pytest.mark.parametrize("typed", ["30/11/2017", "30 Nov 2017", "30nov", "tomorrow", "+1",
                                   "2017-11-30", "Thu 30 Nov 2017"])
def test_the_date_typed_then_tab(qtbot, dialog: NewMeetingDialog, typed: str) -> None:
    field = type_date(qtbot, dialog, typed)
    qtbot.keyClick(field, Qt.Key.Key_Tab)
    assert field.text() == "Thu 30 Nov 2017"
    assert QApplication.focusWidget() is dialog.standing
    assert dialog.values()["date"] == dt.date(2017, 11, 30)


def test_the_date_typed_then_return_makes_the_meeting(qtbot, dialog: NewMeetingDialog) -> None:
    field = type_date(qtbot, dialog, "+7")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.result() == NewMeetingDialog.DialogCode.Accepted
    assert dialog.values()["date"] == dt.date(2017, 12, 6)


def test_alt_d_goes_to_the_date_ready_to_type_over(qtbot, dialog: NewMeetingDialog) -> None:
    key(qtbot, dialog, "Alt+D")
    field = QApplication.focusWidget()
    qtbot.keyClicks(field, "8/1/2018")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.result() == NewMeetingDialog.DialogCode.Accepted
    assert dialog.values()["date"] == dt.date(2018, 1, 8)


def test_a_date_it_cannot_read_stops_ok_and_is_kept(qtbot, dialog: NewMeetingDialog) -> None:
    first = dialog.values()["date"]  # today, when the dialog opened
    field = type_date(qtbot, dialog, "31/11/2017")
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.isVisible() and dialog.result() != NewMeetingDialog.DialogCode.Accepted
    assert QApplication.focusWidget() is field
    assert field.text() == "31/11/2017"
    message = dialog.findChild(QLabel, "dateFieldMessage")
    assert message is not None and message.isVisible()
    assert message.text().startswith("Not a date I can read.")
    dialog.ok.click()  # OK by mouse is refused too
    assert dialog.isVisible() and field.text() == "31/11/2017"
    qtbot.keyClick(field, Qt.Key.Key_Escape)  # back to the date it had
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert dialog.result() == NewMeetingDialog.DialogCode.Accepted
    assert dialog.values()["date"] == first
