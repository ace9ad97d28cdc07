"""A date field that reads dates as people type them: "30/11/2017", "30nov", "today", "+7".

A plain line edit, so typed digits go where the cursor is and Tab leaves the field in one
key (a QDateEdit selects the weekday first, ignores digits typed there, and spends Tab on
its sections). What it reads is shown back as "Thu 30 Nov 2017", which cannot be misread;
the reading itself is ``domain.dates.parse_typed_date``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from PySide6.QtCore import QDate, QPoint, QSize, Qt, Signal
from PySide6.QtGui import QFocusEvent, QGuiApplication, QKeyEvent, QPalette
from PySide6.QtWidgets import (
    QCalendarWidget,
    QGridLayout,
    QLabel,
    QLineEdit,
    QToolButton,
    QWidget,
)

from minute_taker.domain.dates import parse_typed_date, weekday_date
from minute_taker.ui.colours import ERROR
from minute_taker.ui.widgets import named

EXAMPLES = "30/11/2017, 30 Nov, today or +7"
HELP = ("Type a date as you would write it: 30/11/2017, 30 Nov 2017, 30nov, today, tomorrow, "
        "+7 (days from today) or 2017-11-30. Up and Down: a day earlier or later. "
        "Alt+Down: a calendar.")
# Focus leaving for these reasons is not the user finishing with the field: a popup (the
# calendar, a context menu) or another window.
_STILL_EDITING = (Qt.FocusReason.PopupFocusReason, Qt.FocusReason.ActiveWindowFocusReason)


class DateField(QWidget):
    """A meeting's date, typed; ``date_chosen`` says when the user settles on a new one.

    Return, Tab or clicking away reads what was typed. What cannot be read is refused:
    the text stays as typed, a message below says so, Tab and Return stay in the field,
    and ``date()`` keeps the last good date. Escape puts that date back.
    """

    date_chosen = Signal(object)  # dt.date (or None, if optional), typed, stepped or picked

    def __init__(self, parent: QWidget | None = None, *, accessible_name: str = "Date",
                 optional: bool = False) -> None:
        super().__init__(parent)
        self.today: Callable[[], dt.date] = dt.date.today  # tests fix the day
        # Optional: emptying the field is a choice (no date), not a refusal.
        self.optional = optional
        self._date: dt.date | None = None if optional else self.today()
        self.edit = named(_DateLineEdit(self), "dateFieldText")
        self.edit.setAccessibleName(accessible_name)
        self.edit.setAccessibleDescription(HELP)
        self.edit.setToolTip(HELP)
        self.edit.setPlaceholderText(EXAMPLES)
        self.edit.textEdited.connect(self._on_typed)
        # For the mouse: the keyboard has Alt+Down, and Tab should not stop here.
        self.calendar_button = named(QToolButton(self), "dateFieldCalendar")
        self.calendar_button.setArrowType(Qt.ArrowType.DownArrow)
        self.calendar_button.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.calendar_button.setToolTip("Choose from a calendar (Alt+Down)")
        self.calendar_button.setAccessibleName(f"{accessible_name}: calendar")
        self.calendar_button.clicked.connect(self.open_calendar)
        # Not word-wrapped: a window's minimum height ignores wrapped labels, and a dialog
        # must grow to show the message rather than paint it over the next row.
        self.message = named(QLabel(self), "dateFieldMessage")
        self.message.hide()
        self._calendar: QCalendarWidget | None = None
        self._refused = False  # the message below says what was typed cannot be read

        layout = QGridLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setHorizontalSpacing(2)
        layout.setVerticalSpacing(1)
        layout.addWidget(self.edit, 0, 0)
        layout.addWidget(self.calendar_button, 0, 1)
        layout.setColumnStretch(2, 1)  # the field keeps its width; a message may be wider
        layout.addWidget(self.message, 1, 0, 1, 3)
        self.setFocusProxy(self.edit)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)  # a label's mnemonic needs one
        self.edit.setText(_shown(self._date))

    # -- the date --------------------------------------------------------------------
    def date(self) -> dt.date:
        """The last date shown or settled on; never a guess at text still being typed."""
        assert self._date is not None, "an optional field's date is value()"
        return self._date

    def value(self) -> dt.date | None:
        """``date()``, or None when an optional field is empty."""
        return self._date

    def set_date(self, value: dt.date | None) -> None:
        """Show ``value`` (None: empty, if optional), replacing whatever was typed. Emits
        nothing."""
        self._date = value
        self.edit.setText(_shown(value))
        self._say("")

    def is_unsettled(self) -> bool:
        """Something typed has not been read yet (or could not be)."""
        return self.edit.text() != _shown(self._date)

    def commit(self) -> bool:
        """Read what is typed; True if it is a date (now shown in full), False if refused."""
        if not self.is_unsettled():
            self._say("")
            return True
        if self.optional and not self.edit.text().strip():
            self._choose(None)
            return True
        value = parse_typed_date(self.edit.text(), self.today())
        if value is None:
            self._refuse()
            return False
        self._choose(value)
        return True

    def revert(self) -> None:
        self.set_date(self._date)

    def step(self, days: int) -> None:
        """A day earlier or later than the date typed (or refuse, if it cannot be read)."""
        if self.commit():
            self._choose((self._date or self.today()) + dt.timedelta(days=days))
            self.edit.selectAll()

    # -- the calendar ----------------------------------------------------------------
    def open_calendar(self) -> None:
        """A calendar below the field, on the date typed (or the last good one)."""
        calendar = self._calendar or self._make_calendar()
        shown = parse_typed_date(self.edit.text(), self.today()) or self._date or self.today()
        calendar.setSelectedDate(QDate(shown.year, shown.month, shown.day))
        calendar.adjustSize()
        below = self.edit.mapToGlobal(QPoint(0, self.edit.height()))
        screen = QGuiApplication.screenAt(below) or QGuiApplication.primaryScreen()
        area = screen.availableGeometry()
        x = max(area.left(), min(below.x(), area.right() - calendar.width()))
        fits_below = below.y() + calendar.height() <= area.bottom()
        y = below.y() if fits_below else self.edit.mapToGlobal(QPoint(0, 0)).y() - calendar.height()
        calendar.move(x, y)
        calendar.show()
        calendar.setFocus(Qt.FocusReason.PopupFocusReason)

    def _make_calendar(self) -> QCalendarWidget:
        calendar = named(QCalendarWidget(self), "dateFieldCalendarPopup")
        calendar.setWindowFlags(Qt.WindowType.Popup)
        calendar.setVerticalHeaderFormat(QCalendarWidget.VerticalHeaderFormat.NoVerticalHeader)
        calendar.setGridVisible(True)
        calendar.activated.connect(self._picked)  # Return, or a double click
        calendar.clicked.connect(self._picked)
        self._calendar = calendar
        return calendar

    def _picked(self, value: QDate) -> None:
        if self._calendar is not None:
            self._calendar.hide()
        self._choose(dt.date(value.year(), value.month(), value.day()))
        self.edit.setFocus(Qt.FocusReason.PopupFocusReason)

    # -- showing ---------------------------------------------------------------------
    def _choose(self, value: dt.date | None) -> None:
        changed = value != self._date
        self.set_date(value)
        if changed:
            self.date_chosen.emit(value)

    def _on_typed(self, text: str) -> None:
        """Say what the text reads as, so "30nov" or "+7" is seen before Return."""
        value = parse_typed_date(text, self.today())
        if value is not None and text != weekday_date(value):
            self._say(f"Reads as {weekday_date(value)}")
        elif value is not None or not self._refused:
            self._say("")

    def _refuse(self) -> None:
        what = "Not a date I can read." if self.edit.text().strip() else "No date typed."
        self._say(f"{what}\nTry {EXAMPLES}.", error=True)

    def _say(self, text: str, *, error: bool = False) -> None:
        self._refused = error
        self.message.setText(text)
        self.message.setVisible(bool(text))
        self.edit.setAccessibleDescription(text if error else HELP)
        palette = self.palette()
        if error:
            palette.setColor(QPalette.ColorRole.WindowText, ERROR.on(palette))
        self.message.setPalette(palette)
        font = self.message.font()
        font.setBold(error)
        self.message.setFont(font)


def _shown(value: dt.date | None) -> str:
    return weekday_date(value) if value is not None else ""


class _DateLineEdit(QLineEdit):
    """The typing surface of a ``DateField``: its keys, and reading on the way out."""

    def __init__(self, field: DateField) -> None:
        super().__init__(field)
        self.field = field

    def keyPressEvent(self, event: QKeyEvent) -> None:
        key, modifiers = event.key(), event.modifiers()
        alt = modifiers & Qt.KeyboardModifier.AltModifier
        if key in (Qt.Key.Key_Return, Qt.Key.Key_Enter) and not self.field.commit():
            event.accept()  # refused: a dialog must not take Return as OK
            return
        if key in (Qt.Key.Key_Up, Qt.Key.Key_Down) and not alt:
            self.field.step(1 if key == Qt.Key.Key_Up else -1)
            return
        if key == Qt.Key.Key_F4 or (key == Qt.Key.Key_Down and alt):
            self.field.open_calendar()
            return
        if key == Qt.Key.Key_Escape and self.field.is_unsettled():
            self.field.revert()
            return
        super().keyPressEvent(event)

    def focusNextPrevChild(self, forward: bool) -> bool:
        if not self.field.commit():
            return True  # Tab stays until the date is read, or Escape puts it back
        return super().focusNextPrevChild(forward)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        if event.reason() not in _STILL_EDITING:
            self.field.commit()

    def sizeHint(self) -> QSize:
        hint = super().sizeHint()
        widest = self.fontMetrics().horizontalAdvance("Wed 30 Sep 2017")
        return QSize(max(hint.width(), widest + self.fontMetrics().averageCharWidth() * 4),
                     hint.height())

    def minimumSizeHint(self) -> QSize:
        return self.sizeHint()
