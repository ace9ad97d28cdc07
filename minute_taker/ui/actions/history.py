"""An action's history: where it was raised, each meeting it was carried into and what
those minutes said of it, and the progress recorded between meetings."""

from __future__ import annotations

import datetime as dt
from html import escape

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from minute_taker.domain.dates import day_month_year
from minute_taker.domain.records import ActionEvent, ActionRow
from minute_taker.ui.widgets import named

SEPARATOR = " \u00b7 "


def describe(event: ActionEvent) -> tuple[str, str]:
    """(where or who, what happened) for one line of the history."""
    if event.kind == "progress":
        what = event.status.label if event.status else "Update"
        who = f"Recorded by {event.by}" if event.by else "Recorded"
    else:
        what = event.kind.capitalize()
        if event.status is not None:
            what += f"; the minutes say {event.status.label.lower()}"
        who = event.where
    if event.note:
        what += f": \u201c{event.note}\u201d"
    return who, what


def history_html(action: ActionRow, events: list[ActionEvent], today: dt.date) -> str:
    first = events[0].on if events else today
    months = (today.year - first.year) * 12 + today.month - first.month
    facts = [f"Owner: {escape(action.owner_text)}" if action.owner_text else "No owner",
             f"Due: {escape(action.due_label)}" if action.due_label else "No due date",
             f"Raised {day_month_year(first)}"
             + (f", {months} month{'s' if months != 1 else ''} ago" if months >= 1 else "")]
    rows = "".join(
        f"<tr><td style='white-space:nowrap'>{day_month_year(event.on)}</td>"
        f"<td>{escape(who)}</td><td>{escape(what)}</td></tr>"
        for event in events for who, what in [describe(event)])
    return (f"<p><b>{escape(action.text)}</b><br>{SEPARATOR.join(facts)}</p>"
            "<table cellspacing='0' cellpadding='4' width='100%'>"
            "<tr><th align='left'>Date</th><th align='left'>Meeting or by</th>"
            f"<th align='left'>What</th></tr>{rows}</table>")


class ActionHistoryDialog(QDialog):
    """Read only: the history is the minutes' and the register's, changed where they are."""

    def __init__(self, action: ActionRow, events: list[ActionEvent],
                 parent: QWidget | None = None, *, today: dt.date | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("actionHistory")
        self.setWindowTitle("History of the action")
        self.browser = named(QTextBrowser(self), "actionHistoryText")
        self.browser.setAccessibleName("History of the action")
        self.browser.setHtml(history_html(action, events, today or dt.date.today()))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(
            "Oldest first. Record an update or mark it done in the Outstanding tab.", self))
        layout.addWidget(self.browser, 1)
        layout.addWidget(buttons)
        self.resize(620, 380)
        self.browser.setFocus()
