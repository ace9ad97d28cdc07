"""A recorded (named) vote, taken from the keyboard as the chair reads the names out:
the members there for the item, one a row; F, A, S or N sets how the member voted
and moves to the next, Delete clears, Ctrl+Enter saves."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeyEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QDialogButtonBox,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minute_taker.domain.enums import VoteChoice
from minute_taker.domain.records import PersonInfo
from minute_taker.domain.voting import counts
from minute_taker.ui.widgets import named

KEYS = {Qt.Key.Key_F: VoteChoice.FOR, Qt.Key.Key_A: VoteChoice.AGAINST,
        Qt.Key.Key_S: VoteChoice.ABSTAINED, Qt.Key.Key_N: VoteChoice.DID_NOT_VOTE}
HINT = ("F for, A against, S abstained, N did not vote (each moves to the next name); "
        "Delete clears; Ctrl+Enter saves.")


class VoteTable(QTableWidget):
    """The members and their votes; the letter keys set the vote of the current row."""

    def __init__(self, voters: Sequence[PersonInfo], parent: QWidget) -> None:
        super().__init__(len(voters), 2, parent)
        self.voters = list(voters)
        self.choices: dict[int, VoteChoice] = {}
        self.setHorizontalHeaderLabels(["Member", "Vote"])
        self.verticalHeader().hide()
        self.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setTabKeyNavigation(False)
        header = self.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        for row, person in enumerate(self.voters):
            label = f"{person.title} {person.name}" if person.title else person.name
            self.setItem(row, 0, QTableWidgetItem(label))
            self.setItem(row, 1, QTableWidgetItem(""))
        if self.voters:
            self.setCurrentCell(0, 0)

    def set_vote(self, row: int, vote: VoteChoice | None) -> None:
        person = self.voters[row].id
        if vote is None:
            self.choices.pop(person, None)
        else:
            self.choices[person] = vote
        cell = self.item(row, 1)
        assert cell is not None
        cell.setText(vote.label if vote else "")

    def keyPressEvent(self, event: QKeyEvent) -> None:
        row = self.currentRow()
        plain = not event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier
        if row >= 0 and plain and event.key() in KEYS:
            self.set_vote(row, KEYS[Qt.Key(event.key())])
            self.setCurrentCell(min(row + 1, self.rowCount() - 1), 0)
            return
        if row >= 0 and event.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace):
            self.set_vote(row, None)
            return
        super().keyPressEvent(event)


class NamedVoteDialog(QDialog):
    """How each member there for the item voted; ``votes()`` in the members' order."""

    def __init__(self, voters: Sequence[PersonInfo],
                 current: Sequence[tuple[int, VoteChoice]] = (),
                 parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("namedVoteDialog")
        self.setWindowTitle("Recorded vote")
        self.table = named(VoteTable(voters, self), "namedVoteTable")
        self.table.setAccessibleName("Members and how they voted")
        rows = {person.id: row for row, person in enumerate(voters)}
        for person_id, vote in current:
            if person_id in rows:
                self.table.set_vote(rows[person_id], vote)
        self.tally = named(QLabel(self), "namedVoteTally")
        self.table.itemChanged.connect(lambda *_: self._show_tally())
        explanation = QLabel(
            "The members there for the whole of this item (not those who arrived during "
            "it or had left). " + HINT if voters else
            "Nobody is recorded as present as a member or substitute for the whole of this "
            "item: record the attendance first (Ctrl+Shift+T).", self, wordWrap=True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        ok = buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText("Save vote (Ctrl+Enter)")
        ok.setEnabled(bool(voters))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        for sequence in ("Ctrl+Return", "Ctrl+Enter"):
            QShortcut(QKeySequence(sequence), self).activated.connect(self._save)
        layout = QVBoxLayout(self)
        layout.addWidget(explanation)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.tally)
        layout.addWidget(buttons)
        self._show_tally()
        self.resize(460, min(640, 160 + 30 * max(len(voters), 4)))
        self.table.setFocus()

    def _save(self) -> None:
        if self.table.voters:
            self.accept()

    def _show_tally(self) -> None:
        votes_for, against, abstained = counts(list(self.table.choices.values()))
        waiting = len(self.table.voters) - len(self.table.choices)
        self.tally.setText(f"For {votes_for} \u00b7 Against {against} \u00b7 Abstained "
                           f"{abstained}" + (f" \u00b7 {waiting} not yet given" if waiting
                                             else ""))

    def votes(self) -> list[tuple[int, VoteChoice]]:
        """The votes given, in the members' order (members left blank are left out)."""
        return [(person.id, self.table.choices[person.id]) for person in self.table.voters
                if person.id in self.table.choices]
