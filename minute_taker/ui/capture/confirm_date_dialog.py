"""Ask the date of the minutes being confirmed when the book does not hold them.

The first meeting minuted with the app confirms minutes kept before it: there is no
earlier meeting to link, so the clerk types the date those minutes are of ("26/9/2017",
"26 September 2017") and the decision names them by it.
"""

from __future__ import annotations

import datetime as dt

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QKeyEvent
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QLabel, QWidget

from minute_taker.domain.dates import day_month_year
from minute_taker.ui.meeting.date_field import DateField
from minute_taker.ui.widgets import named


class ConfirmDateDialog(QDialog):
    """Return (or OK) takes the date typed once it reads as one; Escape cancels."""

    def __init__(self, meeting_date: dt.date, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Minutes confirmed")
        intro = QLabel(
            "The minutes this meeting confirms are not in this book.\n"
            f"Of which meeting are they? (This meeting: {day_month_year(meeting_date)}.)",
            self)
        self.field = named(DateField(self, accessible_name="Date of the minutes confirmed"),
                           "confirmDate")
        # "26 Sep" and "yesterday" count from the meeting, not from the day of typing.
        self.field.today = lambda: meeting_date
        self.field.edit.clear()  # nothing guessed: the date is typed
        self.field.edit.installEventFilter(self)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(intro)
        form.addRow("Minutes of the meeting held &on", self.field)
        form.addRow(buttons)
        self.field.setFocus()

    def date(self) -> dt.date:
        return self.field.date()

    def accept(self) -> None:
        if self.field.commit():
            super().accept()
        else:
            self.field.setFocus()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        # The field's own Escape puts back its last date; here there is none to put back.
        if (watched is self.field.edit and event.type() == QEvent.Type.KeyPress
                and isinstance(event, QKeyEvent) and event.key() == Qt.Key.Key_Escape):
            self.reject()
            return True
        return super().eventFilter(watched, event)
