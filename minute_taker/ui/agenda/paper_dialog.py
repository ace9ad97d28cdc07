"""A supporting paper typed in: its title, where it is, and the format and size the
published minutes print after it ("Report PDF 182 KB").

For a link or a paper not at hand the clerk types the format and size; for a local file
left without them the service reads them from the file.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.errors import ValidationError
from minute_taker.domain.papers import MAX_FORMAT, parse_size, size_label
from minute_taker.domain.records import DocumentRef
from minute_taker.ui.colours import ERROR
from minute_taker.ui.widgets import named


class PaperDialog(QDialog):
    """Add a link or a paper, or change one (``paper`` given)."""

    def __init__(self, parent: QWidget | None = None, paper: DocumentRef | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("paperDialog")
        self.setWindowTitle("Supporting paper" if paper else "Add a link or paper")
        self.title = named(QLineEdit(self, placeholderText="Report"), "paperTitle")
        self.location = named(QLineEdit(
            self, placeholderText="https://\u2026 or a file; empty for a paper not at hand"),
            "paperLocation")
        self.paper_format = named(QLineEdit(self, placeholderText="PDF"), "paperFormat")
        self.paper_format.setMaxLength(MAX_FORMAT)
        self.paper_size = named(QLineEdit(self, placeholderText="182 KB"), "paperSize")
        self.message = named(QLabel(self), "paperMessage")
        self.message.hide()
        if paper is not None:
            self.title.setText(paper.title)
            self.location.setText(paper.location)
            self.paper_format.setText(paper.format or "")
            self.paper_size.setText(size_label(paper.size_bytes))
        self._size_bytes: int | None = None

        form = QFormLayout()
        form.addRow("&Title", self.title)
        form.addRow("&Link or file", self.location)
        form.addRow("&Format", self.paper_format)
        form.addRow("&Size", self.paper_size)
        note = QLabel("A file on this computer gives its own format and size when they "
                      "are left empty.", self, wordWrap=True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel,
            self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(note)
        layout.addWidget(self.message)
        layout.addWidget(buttons)
        self.setMinimumWidth(460)
        (self.title if paper else self.location).setFocus()

    def accept(self) -> None:
        """Only a size that reads as one, and a paper with a title or a place, close it."""
        try:
            self._size_bytes = parse_size(self.paper_size.text())
        except ValidationError as exc:
            self._say(str(exc), self.paper_size)
            return
        if not (self.title.text().strip() or self.location.text().strip()):
            self._say("Give the paper a title.", self.title)
            return
        super().accept()

    def values(self) -> dict[str, Any]:
        """For ``documents.add_document``/``update_document``: the title (the link's own
        when none is typed), the location, and the format and size (None: none typed)."""
        location = self.location.text().strip()
        return {"title": self.title.text().strip() or location, "location": location,
                "format": self.paper_format.text().strip() or None,
                "size_bytes": self._size_bytes}

    def _say(self, text: str, field: QLineEdit) -> None:
        palette = self.message.palette()
        palette.setColor(self.message.foregroundRole(), ERROR.on(palette))
        self.message.setPalette(palette)
        self.message.setText(text)
        self.message.show()
        self.message.setAccessibleName(text)
        field.setFocus()
        field.selectAll()
