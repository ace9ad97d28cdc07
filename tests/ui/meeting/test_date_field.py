"""The date field by keyboard alone: what each key does, what is refused, and that what
was typed is never lost."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit, QVBoxLayout, QWidget
from ui_keys import key

from minute_taker.ui.meeting.date_field import DateField

pytestmark = pytest.mark.qt_log_ignore(
    "This plugin does not support (propagateSizeHints|raise|grabbing the keyboard)")

TODAY = dt.date(2017, 11, 29)  # a Wednesday


@pytest.fixture
def form(qtbot) -> SimpleNamespace:  # type: ignore[no-untyped-def]
    """A line edit, the date field (showing today) and another line edit, in Tab order."""
    window = QWidget()
    qtbot.addWidget(window)
    layout = QVBoxLayout(window)
    before = QLineEdit(window)
    field = DateField(window, accessible_name="Meeting date")
    after = QLineEdit(window)
    field.today = lambda: TODAY
    field.set_date(TODAY)
    for widget in (before, field, after):
        layout.addWidget(widget)
    chosen: list[dt.date] = []
    field.date_chosen.connect(chosen.append)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    before.setFocus()
    return SimpleNamespace(window=window, before=before, field=field, after=after,
                           chosen=chosen)


def tab_in_and_type(qtbot, form, text: str) -> QLineEdit:  # type: ignore[no-untyped-def]
    qtbot.keyClick(form.before, Qt.Key.Key_Tab)
    typing = QApplication.focusWidget()
    assert typing is form.field.edit
    assert typing.selectedText() == "Wed 29 Nov 2017"  # so what is typed replaces it
    qtbot.keyClicks(typing, text)
    return typing


@pytest.mark.parametrize(("typed", "shown"), [
    ("30/11/2017", "Thu 30 Nov 2017"),
    ("30 Nov 2017", "Thu 30 Nov 2017"),
    ("30nov", "Thu 30 Nov 2017"),
    ("today", "Wed 29 Nov 2017"),
    ("tomorrow", "Thu 30 Nov 2017"),
    ("+7", "Wed 6 Dec 2017"),
    ("2017-11-30", "Thu 30 Nov 2017"),
    ("8 jan", "Mon 8 Jan 2018"),
])
def test_typed_then_tab_shows_the_date_in_full_and_moves_on(qtbot, form, typed: str,
                                                            shown: str) -> None:
    typing = tab_in_and_type(qtbot, form, typed)
    qtbot.keyClick(typing, Qt.Key.Key_Tab)
    assert typing.text() == shown
    assert QApplication.focusWidget() is form.after
    assert not form.field.message.isVisible()
    expected = dt.datetime.strptime(shown, "%a %d %b %Y").date()
    assert form.field.date() == expected
    assert form.chosen == ([] if expected == TODAY else [expected])


def test_what_it_reads_is_said_before_return_then_return_settles_it(qtbot, form) -> None:
    typing = tab_in_and_type(qtbot, form, "+7")
    assert form.field.message.isVisible()
    assert form.field.message.text() == "Reads as Wed 6 Dec 2017"
    assert form.field.date() == TODAY  # nothing settled until Return or Tab
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    assert (typing.text(), form.chosen) == ("Wed 6 Dec 2017", [dt.date(2017, 12, 6)])
    assert QApplication.focusWidget() is typing
    assert not form.field.message.isVisible()


@pytest.mark.parametrize("typed", ["31/11/2017", "Fri 30 Nov 2017", "next week", "30"])
def test_what_cannot_be_read_is_refused_and_kept(qtbot, form, typed: str) -> None:
    typing = tab_in_and_type(qtbot, form, typed)
    qtbot.keyClick(typing, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is typing  # Tab stays until it is a date
    assert typing.text() == typed
    assert form.field.message.isVisible()
    assert form.field.message.text().startswith("Not a date I can read.")
    assert "30/11/2017" in form.field.message.text()  # with what would do
    assert typing.accessibleDescription() == form.field.message.text()
    qtbot.keyClick(typing, Qt.Key.Key_Return)
    assert (typing.text(), form.field.date(), form.chosen) == (typed, TODAY, [])
    key(qtbot, typing, "Shift+Tab")
    assert QApplication.focusWidget() is typing


def test_a_refused_date_mended_is_taken(qtbot, form) -> None:
    typing = tab_in_and_type(qtbot, form, "31/11/2017")
    qtbot.keyClick(typing, Qt.Key.Key_Tab)
    for _ in range(len("1/11/2017")):
        qtbot.keyClick(typing, Qt.Key.Key_Backspace)
    qtbot.keyClicks(typing, "0/11/2017")
    assert form.field.message.text() == "Reads as Thu 30 Nov 2017"
    qtbot.keyClick(typing, Qt.Key.Key_Tab)
    assert form.field.date() == dt.date(2017, 11, 30)
    assert QApplication.focusWidget() is form.after


def test_an_emptied_field_asks_for_a_date(qtbot, form) -> None:
    typing = tab_in_and_type(qtbot, form, "")
    qtbot.keyClick(typing, Qt.Key.Key_Delete)
    qtbot.keyClick(typing, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is typing
    assert form.field.message.text().startswith("No date typed.")
    assert form.field.date() == TODAY


def test_escape_puts_back_the_date_shown_before_typing(qtbot, form) -> None:
    typing = tab_in_and_type(qtbot, form, "31/11/2017")
    qtbot.keyClick(typing, Qt.Key.Key_Tab)  # refused
    qtbot.keyClick(typing, Qt.Key.Key_Escape)
    assert typing.text() == "Wed 29 Nov 2017"
    assert not form.field.message.isVisible()
    qtbot.keyClick(typing, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is form.after
    assert form.chosen == []


def test_up_and_down_step_a_day_from_what_is_typed(qtbot, form) -> None:
    typing = tab_in_and_type(qtbot, form, "30nov")
    qtbot.keyClick(typing, Qt.Key.Key_Up)
    assert typing.text() == "Fri 1 Dec 2017"
    qtbot.keyClick(typing, Qt.Key.Key_Down)
    qtbot.keyClick(typing, Qt.Key.Key_Down)
    assert typing.text() == "Wed 29 Nov 2017"
    assert form.chosen == [dt.date(2017, 11, 30), dt.date(2017, 12, 1),
                           dt.date(2017, 11, 30), TODAY]
    qtbot.keyClicks(typing, "nonsense")
    qtbot.keyClick(typing, Qt.Key.Key_Up)  # nothing to step from: refused, kept
    assert typing.text() == "nonsense"
    assert form.field.message.isVisible()


def test_alt_down_opens_a_calendar_that_the_keys_drive(qtbot, form) -> None:
    typing = tab_in_and_type(qtbot, form, "30nov")
    key(qtbot, typing, "Alt+Down")
    calendar = QApplication.activePopupWidget()
    assert calendar is not None and calendar.objectName() == "dateFieldCalendarPopup"
    assert calendar.selectedDate().toPython() == dt.date(2017, 11, 30)  # what was typed
    days = calendar.focusProxy() or calendar
    qtbot.keyClick(days, Qt.Key.Key_Right)
    qtbot.keyClick(days, Qt.Key.Key_Return)
    assert not calendar.isVisible()
    assert typing.text() == "Fri 1 Dec 2017"
    assert form.chosen == [dt.date(2017, 12, 1)]
    assert form.window.focusWidget() is typing


def test_escape_in_the_calendar_keeps_what_was_typed(qtbot, form) -> None:
    typing = tab_in_and_type(qtbot, form, "30nov")
    qtbot.keyClick(typing, Qt.Key.Key_F4)
    calendar = QApplication.activePopupWidget()
    assert calendar is not None
    qtbot.keyClick(calendar.focusProxy() or calendar, Qt.Key.Key_Escape)
    assert not calendar.isVisible()
    assert (typing.text(), form.field.date(), form.chosen) == ("30nov", TODAY, [])


def test_set_date_shows_a_date_and_says_nothing(form) -> None:
    form.field.set_date(dt.date(2018, 2, 5))
    assert form.field.edit.text() == "Mon 5 Feb 2018"
    assert (form.field.date(), form.chosen) == (dt.date(2018, 2, 5), [])


def test_named_for_screen_readers_and_one_tab_stop(form) -> None:
    assert form.field.edit.accessibleName() == "Meeting date"
    assert form.field.calendar_button.focusPolicy() == Qt.FocusPolicy.NoFocus
    assert form.field.focusProxy() is form.field.edit
    assert "today" in form.field.edit.placeholderText()
