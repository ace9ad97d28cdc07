"""Create a meeting: for an existing committee, or a new one with its numbering scheme."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QSpinBox,
    QWidget,
)

from minute_taker.domain.enums import NumberingScheme
from minute_taker.domain.records import CommitteeInfo
from minute_taker.ui.meeting.date_field import DateField
from minute_taker.ui.widgets import named

SCHEME_LABELS = {
    NumberingScheme.DECIMAL: "Decimal: 1, 1.1, 1.2",
    NumberingScheme.NUMBER_LETTER: "Number and letter: 5, 5a, 5b",
    NumberingScheme.CONTINUOUS: "Continuous across meetings: 233, 234, \u2026",
}


class NewMeetingDialog(QDialog):
    def __init__(self, known: list[CommitteeInfo], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("New meeting")
        self.committee = named(QComboBox(self, editable=True), "newMeetingCommittee")
        self.committee.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        for committee in known:
            self.committee.addItem(committee.name, committee.id)
        committee_edit = self.committee.lineEdit()
        assert committee_edit is not None  # an editable combo has one
        committee_edit.setPlaceholderText("Committee or board that meets")
        self.scheme = named(QComboBox(self), "newMeetingScheme")
        for scheme, label in SCHEME_LABELS.items():
            self.scheme.addItem(label, scheme.value)
        self.first_number = QSpinBox(self, minimum=1, maximum=999999, value=1)
        self.title = named(QLineEdit(self), "newMeetingTitle")
        self.date = named(DateField(self, accessible_name="Meeting date"), "newMeetingDate")
        self.standing = QCheckBox("Start with the committee\u2019s standing items", self)
        self.standing.setChecked(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self.ok = buttons.button(QDialogButtonBox.StandardButton.Ok)

        form = QFormLayout(self)
        form.addRow("&Committee", self.committee)
        form.addRow("&Numbering (new committee)", self.scheme)
        form.addRow("&First item number (new committee)", self.first_number)
        form.addRow("&Title", self.title)
        form.addRow("&Date", self.date)
        form.addRow("", self.standing)
        form.addRow(buttons)
        self.committee.currentTextChanged.connect(self._refresh)
        self.title.textChanged.connect(self._refresh)
        self.scheme.currentIndexChanged.connect(self._refresh)
        self._refresh()
        self.title.setFocus()

    def accept(self) -> None:
        if not self.date.commit():  # the text stays, and the field says what is wrong
            self.date.setFocus()
            return
        super().accept()

    def existing_committee_id(self) -> int | None:
        index = self.committee.findText(self.committee.currentText().strip())
        return self.committee.itemData(index) if index >= 0 else None

    def _refresh(self) -> None:
        is_new = self.existing_committee_id() is None
        self.scheme.setEnabled(is_new)
        self.first_number.setEnabled(
            is_new and self.scheme.currentData() == NumberingScheme.CONTINUOUS.value)
        if not self.title.isModified() and not self.title.text():
            self.title.setPlaceholderText(self.committee.currentText().strip() or "Meeting")
        self.ok.setEnabled(bool(self.committee.currentText().strip()))

    def values(self) -> dict[str, object]:
        committee_name = self.committee.currentText().strip()
        return {
            "committee_id": self.existing_committee_id(),
            "committee_name": committee_name,
            "numbering_scheme": NumberingScheme(self.scheme.currentData()),
            "number_start": self.first_number.value(),
            "title": self.title.text().strip() or committee_name,
            "date": self.date.date(),
            "with_standing_items": self.standing.isChecked(),
        }
