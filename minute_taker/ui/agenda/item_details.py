"""The current item's fields beside its minutes: agenda text, presenter, plan, papers."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.confirmation import is_confirmation_title
from minute_taker.domain.papers import paper_label
from minute_taker.domain.records import DocumentRef, ItemNode
from minute_taker.services import agenda, confirmation, documents
from minute_taker.ui.agenda.paper_dialog import PaperDialog
from minute_taker.ui.context import MeetingContext
from minute_taker.ui.widgets import named

DocumentIdRole = Qt.ItemDataRole.UserRole + 1


class ItemDetailsPanel(QWidget):
    """Hidden until asked for (Ctrl+Shift+D): the minutes text is what a clerk types into."""

    def __init__(self, context: MeetingContext, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("itemDetails")
        self.context = context
        self._node: ItemNode | None = None
        self._filling = False
        self.description = named(QLineEdit(self), "itemDescription")
        self.description.setPlaceholderText(
            "Agenda text, e.g. \u201cTo confirm the minutes of the meeting held on \u2026\u201d")
        self.presenter = named(QLineEdit(self, placeholderText="Who presents it"),
                               "itemPresenter")
        self.planned = named(QSpinBox(self, minimum=0, maximum=600, suffix=" min"),
                             "itemPlanned")
        self.planned.setSpecialValueText("not planned")
        self.confidential = named(
            QCheckBox("Confidential (exempt): left out of the public minutes", self),
            "itemConfidential")
        self.confirms = named(QComboBox(self), "itemConfirms")
        self.confirms.setAccessibleName("Minutes this item confirms")
        self.confirms.activated.connect(self._on_confirms)
        self.confirms_note = named(QLabel(self, wordWrap=True), "itemConfirmsNote")
        self.papers = named(QListWidget(self), "itemDocuments")
        self.papers.setMaximumHeight(80)
        self.papers.itemActivated.connect(self._open_document)
        self.add_file = QPushButton("Add file\u2026", self)
        self.add_link = QPushButton("Add link or paper\u2026", self)
        self.edit_paper = QPushButton("Format, size\u2026", self)
        self.edit_paper.setToolTip("The chosen paper's title, place, format and size")
        self.remove_paper = QPushButton("Remove", self)
        self.add_file.clicked.connect(self._add_file)
        self.add_link.clicked.connect(self._add_link)
        self.edit_paper.clicked.connect(self._edit_document)
        self.remove_paper.clicked.connect(self._remove_document)

        # Alt+letters unique in the main window (tests/ui/test_mnemonics.py): the menus,
        # header and action form hold most, so the confirmation and papers take none.
        form = self._form = QFormLayout()
        form.addRow("Agenda te&xt", self.description)
        row = QHBoxLayout()
        row.addWidget(self.presenter, 2)
        row.addWidget(self.planned, 1)
        presenter = QLabel("Pre&senter / planned", self)
        presenter.setBuddy(self.presenter)  # a label of a layout gets no buddy of itself
        form.addRow(presenter, row)
        form.addRow("", self.confidential)
        confirms = QVBoxLayout()
        confirms.addWidget(self.confirms)
        confirms.addWidget(self.confirms_note)
        self.confirms_row = QWidget(self)
        self.confirms_row.setLayout(confirms)
        confirms.setContentsMargins(0, 0, 0, 0)
        form.addRow("Confirms the minutes of", self.confirms_row)
        buttons = QHBoxLayout()
        for button in (self.add_file, self.add_link, self.edit_paper, self.remove_paper):
            buttons.addWidget(button)
        buttons.addStretch(1)
        papers = QVBoxLayout()
        papers.addWidget(self.papers)
        papers.addLayout(buttons)
        form.addRow("Papers", papers)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 4)
        layout.addLayout(form)

        self.description.textEdited.connect(lambda text: self._schedule("description", text))
        self.presenter.textEdited.connect(lambda text: self._schedule("presenter", text))
        self.planned.valueChanged.connect(
            lambda value: self._update(planned_minutes=value or None))
        self.confidential.toggled.connect(lambda on: self._update(confidential=on))
        self.setVisible(False)

    def follow(self, node: ItemNode) -> None:
        """The item as the book now holds it (after an edit here or elsewhere in the
        window): its version is what the next edit is made on; the fields keep what is
        typed in them."""
        if self._node is not None and node.id == self._node.id:
            self._node = node

    def show_item(self, node: ItemNode | None) -> None:
        self._node = node
        self._filling = True
        try:
            editable = node is not None and self.context.editable
            for widget in (self.description, self.presenter, self.planned, self.confidential,
                           self.add_file, self.add_link, self.edit_paper,
                           self.remove_paper):
                widget.setEnabled(editable)
            self.description.setText(node.description if node else "")
            self.presenter.setText(node.presenter or "" if node else "")
            self.planned.setValue(node.planned_minutes or 0 if node else 0)
            self.confidential.setChecked(bool(node and node.confidential))
            self.confirms.setEnabled(editable)
            self.show_confirmation()
            self._show_documents()
        finally:
            self._filling = False

    def show_confirmation(self) -> None:
        """Only on a "Confirmation of the minutes" item, or one already linked."""
        link = self.context.run(confirmation.get_link, self._node.id) if self._node else None
        shown = self._node is not None and (link is not None
                                            or is_confirmation_title(self._node.title))
        self._form.setRowVisible(self.confirms_row, shown)  # its label with it
        self.confirms.clear()
        if not shown or self._node is None:
            return
        self.confirms.addItem("(none)", None)
        for meeting_id, label in self.context.run(confirmation.candidate_meetings,
                                                  self._node.id) or []:
            self.confirms.addItem(label, meeting_id)
        self.confirms.setCurrentIndex(max(0, self.confirms.findData(
            link.meeting_id if link else None)))
        self.confirms_note.setText(link.summary + " (Ctrl+Shift+C records it.)" if link and
                                   not link.confirmed else link.summary if link else "")

    def _on_confirms(self, index: int) -> None:
        if self._filling or self._node is None:
            return
        self.context.apply(confirmation.set_confirmed_meeting, self._node.id,
                           self.confirms.itemData(index))
        self.show_confirmation()

    def _show_documents(self) -> None:
        self.papers.clear()
        if self._node is None:
            return
        for doc in self.context.run(documents.list_documents, self._node.id) or []:
            # "Report (PDF 182 KB) — https://…": the facts before a long link cuts them off.
            text = doc.title
            if label := paper_label(doc.format, doc.size_bytes):
                text += f" ({label})"
            if doc.location:
                text += f" \u2014 {doc.location}"
            entry = QListWidgetItem(text)
            entry.setData(DocumentIdRole, doc)
            entry.setToolTip("Enter opens it" if doc.location else "No location recorded")
            self.papers.addItem(entry)

    # -- editing -------------------------------------------------------------
    def _schedule(self, field: str, value: str) -> None:
        if self._filling or self._node is None:
            return
        item_id = self._node.id
        self.context.autosave.schedule(("item", item_id, field),
                                       lambda: self._write(item_id, field, value))

    def _write(self, item_id: int, field: str, value: str) -> None:
        # Run by the autosave scheduler: a failure keeps the edit pending.
        # On the item as this panel last read or wrote it: another clerk's change since
        # is not written over (EditConflictError reaches the window's banner).
        made_on = self._node.version if self._node is not None and self._node.id == item_id \
            else None
        node = agenda.update_item(self.context.book, item_id, expected_version=made_on,
                                  **{field: value})
        if self._node is not None and self._node.id == item_id:
            self._node = node
        self.context.publish_items(agenda.list_items(self.context.book, node.meeting_id))

    def _update(self, **changes: Any) -> None:
        if self._filling or self._node is None:
            return
        node = self.context.apply(agenda.update_item, self._node.id,
                                  expected_version=self._node.version, **changes)
        if node is not None:
            self._node = node
            self.context.refresh_items()

    def _add_file(self) -> None:
        if self._node is None:
            return
        path, _ = QFileDialog.getOpenFileName(self, "Supporting document", str(Path.home()))
        if path:
            self._add(Path(path).stem.replace("_", " "), path)

    def _add_link(self) -> None:
        """A link, or a paper not at hand: its format and size typed with it."""
        if self._node is None:
            return
        dialog = PaperDialog(self)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            values = dialog.values()
            self._add(values.pop("title"), values.pop("location"), **values)

    def _add(self, title: str, location: str, **facts: Any) -> None:
        assert self._node is not None
        if self.context.apply(documents.add_document, self._node.id, title, location,
                              **facts):
            self._show_documents()
            self.papers.setCurrentRow(self.papers.count() - 1)

    def _edit_document(self) -> None:
        entry = self.papers.currentItem()
        if entry is None or not self.context.editable:
            return
        doc: DocumentRef = entry.data(DocumentIdRole)
        row = self.papers.currentRow()
        dialog = PaperDialog(self, doc)
        if dialog.exec() == QDialog.DialogCode.Accepted:
            changed = self.context.apply(documents.update_document, doc.id, **dialog.values())
            if changed is not None:
                self._show_documents()
                self.papers.setCurrentRow(row)

    def _remove_document(self) -> None:
        entry = self.papers.currentItem()
        if entry is not None:
            doc: DocumentRef = entry.data(DocumentIdRole)
            self.context.apply(documents.remove_document, doc.id)
            self._show_documents()

    def _open_document(self, entry: QListWidgetItem) -> None:
        """Only ever on the user's own Enter or double-click: the app opens nothing by itself."""
        doc: DocumentRef = entry.data(DocumentIdRole)
        if not doc.location:
            return
        if doc.is_link:
            url = QUrl(doc.location)
        else:
            # A relative path ("papers/report.pdf") is relative to the book's folder (a
            # team book has none: to the clerk's home folder).
            path = Path(doc.location).expanduser()
            if not path.is_absolute():
                path = (self.context.book.folder or Path.home()) / path
            url = QUrl.fromLocalFile(str(path))
        QDesktopServices.openUrl(url)
