"""Record a decision: RESOLVED, agreed or noted, with mover, seconder and any vote."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from minute_taker.domain.enums import DecisionKind, VoteChoice
from minute_taker.domain.records import PersonInfo
from minute_taker.domain.voting import counts
from minute_taker.ui.capture.named_vote_dialog import NamedVoteDialog
from minute_taker.ui.widgets import named

KIND_LABELS = {DecisionKind.RESOLVED: "RESOLVED", DecisionKind.AGREED: "Agreed",
               DecisionKind.NOTED: "Noted"}
NOT_RECORDED = -1


class DecisionDialog(QDialog):
    def __init__(self, people: list[PersonInfo], kind: DecisionKind, text: str,
                 parent: QWidget | None = None, *,
                 voters: list[PersonInfo] | None = None) -> None:
        super().__init__(parent)
        self.voters = voters or []  # those who may vote on the item, for a recorded vote
        self.named_votes: list[tuple[int, VoteChoice]] = []
        self.setWindowTitle("Record a decision")
        self.kind = named(QComboBox(self), "decisionKind")
        for value, label in KIND_LABELS.items():
            self.kind.addItem(label, value.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        self.text = named(QPlainTextEdit(self), "decisionText")
        self.text.setPlainText(text)
        self.text.setTabChangesFocus(True)
        self.mover = self._person_box("decisionMover", people)
        self.seconder = self._person_box("decisionSeconder", people)
        self.votes = [self._vote_box(name) for name in ("votesFor", "votesAgainst",
                                                         "votesAbstained")]
        self.not_voting = named(QLineEdit(
            self, placeholderText="Names of those absent or not voting"), "decisionNotVoting")
        self._people = {p.name.casefold(): p.id for p in people}
        votes = QHBoxLayout()
        for caption, box in zip(("For", "Against", "Abstained"), self.votes, strict=True):
            box.setToolTip(f"Votes {caption.lower()}; leave at \u2014 if no vote was taken")
            box.setPrefix(f"{caption}: ")
            votes.addWidget(box)
        self.named_button = named(QPushButton("&Recorded vote\u2026", self), "namedVoteButton")
        self.named_button.setToolTip("How each member voted, when a recorded vote is asked "
                                     "for: the counts follow it")
        self.named_button.clicked.connect(self.take_named_vote)
        votes.addWidget(self.named_button)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        QShortcut(QKeySequence("Ctrl+Return"), self).activated.connect(self.accept)
        form = QFormLayout(self)
        form.addRow("&Kind", self.kind)
        form.addRow("&Decision", self.text)
        form.addRow("&Moved by", self.mover)
        form.addRow("&Seconded by", self.seconder)
        form.addRow("&Votes", votes)
        form.addRow("Absent / &not voting", self.not_voting)
        form.addRow(buttons)
        self.text.setFocus()
        self.text.moveCursor(self.text.textCursor().MoveOperation.End)
        self.resize(560, 360)

    def take_named_vote(self) -> None:
        dialog = NamedVoteDialog(self.voters, self.named_votes, self)
        accepted = dialog.exec() == QDialog.DialogCode.Accepted
        self.activateWindow()  # back to this dialog, where the keyboard was
        self.named_button.setFocus()
        if not accepted:
            return
        self.named_votes = dialog.votes()
        for box, count in zip(self.votes, counts([v for _, v in self.named_votes]),
                              strict=True):
            box.setValue(count if self.named_votes else NOT_RECORDED)
            box.setEnabled(not self.named_votes)  # the counts are the named vote's
        self.named_button.setText(f"&Recorded vote ({len(self.named_votes)})\u2026"
                                  if self.named_votes else "&Recorded vote\u2026")

    def _person_box(self, name: str, people: list[PersonInfo]) -> QComboBox:
        box = named(QComboBox(self, editable=True), name)
        box.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        box.addItem("", None)
        for person in people:
            box.addItem(person.name, person.id)
        completer = box.completer()
        assert completer is not None  # an editable combo box has one
        completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        return box

    def _vote_box(self, name: str) -> QSpinBox:
        box = named(QSpinBox(self, minimum=NOT_RECORDED, maximum=9999), name)
        box.setSpecialValueText("\u2014")
        box.setValue(NOT_RECORDED)
        return box

    def _person_id(self, box: QComboBox) -> int | None:
        return self._people.get(box.currentText().strip().casefold())

    def values(self) -> dict[str, object]:
        def count(box: QSpinBox) -> int | None:
            return None if box.value() == NOT_RECORDED else box.value()

        return {
            "kind": DecisionKind(self.kind.currentData()),
            "text": self.text.toPlainText().strip(),
            "mover_id": self._person_id(self.mover),
            "seconder_id": self._person_id(self.seconder),
            "votes_for": count(self.votes[0]),
            "votes_against": count(self.votes[1]),
            "votes_abstained": count(self.votes[2]),
            "not_voting": self.not_voting.text().strip() or None,
        }

    def recorded_vote(self) -> list[tuple[int, VoteChoice]]:
        """The named vote taken in the dialog, to record once the decision is."""
        return list(self.named_votes)
