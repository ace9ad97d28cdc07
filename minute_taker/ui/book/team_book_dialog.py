"""File › Open team book…: where a team's book is, as IT tells a clerk (issue 22).

The server's name (or the folder of its socket), the database, and the clerk's own user
name; the password is asked when the server wants it, and never kept
(ui/book/opening.py ``open_team_book``). The form is filled with the team book opened
last, from settings, which hold its address without a password.
"""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.errors import MinuteTakerError
from minute_taker.store.server import location_parts, team_location
from minute_taker.ui.widgets import named


class TeamBookDialog(QDialog):
    def __init__(self, last: str | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Open team book")
        self.server = named(QLineEdit(self), "teamBookServer")
        self.server.setPlaceholderText("db.council.local")
        self.database = named(QLineEdit(self), "teamBookDatabase")
        self.database.setPlaceholderText("committee_minutes")
        self.user = named(QLineEdit(self), "teamBookUser")
        self.user.setPlaceholderText("Your user name on the server")
        self.port = named(QSpinBox(self, minimum=0, maximum=65535), "teamBookPort")
        self.port.setSpecialValueText("the usual (5432)")
        self.port.setAccessibleName("Port")
        if last:
            try:
                server, database, user, port = location_parts(last)
            except MinuteTakerError:  # settings edited by hand: start from nothing
                server, database, user, port = "", "", "", None
            self.server.setText(server)
            self.database.setText(database)
            self.user.setText(user)
            self.port.setValue(port or 0)
        self.error = named(QLabel(self, wordWrap=True), "teamBookError")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Open
                                        | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self._accept_if_complete)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout()
        form.addRow("&Server", self.server)
        form.addRow("&Database", self.database)
        form.addRow("&User name", self.user)
        form.addRow("Por&t", self.port)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("A minute book the team shares, on the database server "
                                "your IT department runs. The password is asked for "
                                "when the server wants it, and is not kept.",
                                self, wordWrap=True))
        layout.addLayout(form)
        layout.addWidget(self.error)
        layout.addWidget(self.buttons)
        (self.database if self.server.text() and not self.database.text()
         else self.server).setFocus()

    def location(self) -> str:
        """The team book's address (no password)."""
        return team_location(self.server.text(), self.database.text(), self.user.text(),
                             self.port.value() or None)

    def _accept_if_complete(self) -> None:
        try:
            self.location()
        except MinuteTakerError as exc:
            self.error.setText(str(exc))
            (self.database if self.server.text().strip() else self.server).setFocus()
            return
        self.accept()
