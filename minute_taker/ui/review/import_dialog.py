"""What a returned review brings, and, for each item changed since sending, whose
version to keep: nothing is overwritten without the user choosing it."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from minute_taker.services.review_import import ChangeKind, Choice, ReviewPlan
from minute_taker.ui.widgets import named

KIND_TEXT = {
    ChangeKind.CHANGED: "changed since sending",
    ChangeKind.ADDED: "added since sending",
    ChangeKind.REMOVED: "deleted since sending",
    ChangeKind.MEETING: "changed since sending",
}
CHOICE_TEXT = {Choice.KEEP_MINE: "Keep my version", Choice.USE_REVIEWED: "Use the reviewed text"}


def plan_summary(plan: ReviewPlan) -> str:
    who = escape(plan.reviewer or "The reviewer")
    where = (f" (on {escape(plan.verdict_computer)})" if plan.verdict and plan.verdict_computer
             else "")
    if plan.verdict == "approved":
        verdict = f"{who} <b>approved</b> the minutes{where}."
    elif plan.verdict == "returned":
        verdict = (f"{who} <b>returned</b> the minutes{where}: "
                   f"\u201c{escape(plan.verdict_reason or '')}\u201d")
    else:
        verdict = "No verdict yet: the file holds comments only."
    counts = (f"{plan.new_comments} new comment(s) and {plan.new_suggestions} new suggested "
              "change(s) to import.")
    return f"<p>Review of <b>{plan.meeting_label}</b>.</p><p>{verdict}</p><p>{counts}</p>"


class ReviewImportDialog(QDialog):
    def __init__(self, plan: ReviewPlan, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("reviewImportDialog")
        self.setWindowTitle("Import review")
        self.plan = plan
        self.combos: dict[str, QComboBox] = {}
        layout = QVBoxLayout(self)
        summary = QLabel(plan_summary(plan), self, wordWrap=True)
        summary.setTextFormat(Qt.TextFormat.RichText)
        layout.addWidget(summary)
        self.refuse: QCheckBox | None = None
        if plan.warnings:
            lines = "".join(f"<li>{escape(w, quote=False)}</li>" for w in plan.warnings)
            warning = named(QLabel(
                f"<p><b>Check who gave this verdict:</b></p><ul>{lines}</ul><p>A name and a "
                "computer's name can be typed by anyone: they are evidence, not proof.</p>",
                self, wordWrap=True), "reviewWarnings")
            warning.setTextFormat(Qt.TextFormat.RichText)
            layout.addWidget(warning)
            if plan.verdict == "approved":
                self.refuse = named(QCheckBox(
                    "Re&fuse this approval: import the comments only; the minutes stay in "
                    "review", self), "refuseApproval")
                layout.addWidget(self.refuse)
        if plan.differences:
            layout.addWidget(QLabel(
                "You changed these after sending the copy. For each item, keep your version "
                "or put back the text the reviewer saw. An approval takes effect only if the "
                "minutes then say exactly what was approved.", self, wordWrap=True))
            layout.addWidget(self._table(), 1)
            layout.addLayout(self._comparison())
            self.table.setCurrentCell(0, 0)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok
                                   | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("&Import")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.resize(900, 620 if plan.differences else 240 + 80 * bool(plan.warnings))

    def _table(self) -> QTableWidget:
        self.table = named(QTableWidget(len(self.plan.differences), 3, self),
                           "reviewDifferences")
        self.table.setHorizontalHeaderLabels(["Item", "What happened", "Keep"])
        self.table.verticalHeader().hide()
        for row, difference in enumerate(self.plan.differences):
            self.table.setItem(row, 0, QTableWidgetItem(difference.label))
            self.table.setItem(row, 1, QTableWidgetItem(KIND_TEXT[difference.kind]))
            combo = QComboBox(self.table)
            combo.addItem(CHOICE_TEXT[Choice.KEEP_MINE], Choice.KEEP_MINE)
            if difference.can_use_reviewed:
                combo.addItem(CHOICE_TEXT[Choice.USE_REVIEWED], Choice.USE_REVIEWED)
            combo.setEnabled(difference.can_use_reviewed)
            self.table.setCellWidget(row, 2, combo)
            self.combos[difference.key] = combo
        self.table.resizeColumnsToContents()
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.currentCellChanged.connect(lambda row, *_: self._compare(row))
        return self.table

    def _comparison(self) -> QHBoxLayout:
        self.reviewed = named(QPlainTextEdit(self, readOnly=True), "reviewedText")
        self.current = named(QPlainTextEdit(self, readOnly=True), "currentText")
        row = QHBoxLayout()
        for title, edit in (("As the reviewer saw it", self.reviewed),
                            ("As it is now", self.current)):
            column = QVBoxLayout()
            column.addWidget(QLabel(f"<b>{title}</b>", self))
            column.addWidget(edit)
            row.addLayout(column)
        return row

    def _compare(self, row: int) -> None:
        if 0 <= row < len(self.plan.differences):
            difference = self.plan.differences[row]
            self.reviewed.setPlainText(difference.reviewed_text or "(not in the copy sent)")
            self.current.setPlainText(difference.current_text or "(no longer in the minutes)")

    def refuses_approval(self) -> bool:
        return self.refuse is not None and self.refuse.isChecked()

    def choices(self) -> dict[str, Choice]:
        return {key: Choice(combo.currentData()) for key, combo in self.combos.items()}
