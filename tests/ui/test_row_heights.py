"""Rows as tall as their wrapped text, measured only in view (ui/row_heights.py): the
rows a reader sees show their whole text, a row scrolled to by the keyboard is measured
when it comes into view, an edit re-measures its row, and a table of 1,000 long rows is
shown without asking the model about every cell (the cost that made a meeting of 1,000
actions slow to open)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtWidgets import QHeaderView, QTableView

from minute_taker.ui.row_heights import VisibleRowHeights

LONG = ("Share the Principal Analyst's interim analysis of the drivers of crime in Telford "
        "with the PCC's office, with the partners' data, before the next meeting")


class Counting(QAbstractTableModel):
    def __init__(self, rows: list[str]) -> None:
        super().__init__()
        self.rows = rows
        self.asked = 0

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:
        return 0 if parent.isValid() else 2

    def data(self, index: QModelIndex | QPersistentModelIndex,
             role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        self.asked += 1
        if role == Qt.ItemDataRole.DisplayRole:
            return self.rows[index.row()] if index.column() else str(index.row())
        return None

    def set_row(self, row: int, text: str) -> None:
        self.rows[row] = text
        self.dataChanged.emit(self.index(row, 0), self.index(row, 1))


def _table(qtbot, model: Counting) -> QTableView:  # type: ignore[no-untyped-def]
    table = QTableView()
    qtbot.addWidget(table)
    table.setModel(model)
    table.setWordWrap(True)
    table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
    VisibleRowHeights(table)
    table.resize(320, 400)
    table.show()
    qtbot.waitExposed(table)
    return table


def test_rows_in_view_show_their_whole_text_and_rows_come_into_view_measured(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = Counting([LONG] * 1000)
    table = _table(qtbot, model)
    unmeasured = table.verticalHeader().defaultSectionSize()
    tall = table.sizeHintForRow(0)
    assert tall > 3 * table.fontMetrics().height()  # the text wraps over several lines
    qtbot.waitUntil(lambda: table.rowHeight(0) == tall)  # wrapped, all of it
    assert model.asked < 20_000  # not every cell of every row, on every pass
    table.setFocus()
    table.setCurrentIndex(model.index(0, 1))
    qtbot.keyClick(table, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: table.rowHeight(999) == tall)
    assert table.rowHeight(500) == unmeasured  # never in view: never measured


def test_an_edit_or_a_narrower_table_measures_the_row_again(qtbot) -> None:  # type: ignore[no-untyped-def]
    model = Counting(["Short"] * 5)
    table = _table(qtbot, model)
    qtbot.waitUntil(lambda: table.rowHeight(2) > 0)
    short = table.rowHeight(2)
    model.set_row(2, LONG)
    qtbot.waitUntil(lambda: table.rowHeight(2) > short)
    tall = table.rowHeight(2)
    table.resize(200, 400)
    qtbot.waitUntil(lambda: table.rowHeight(2) > tall)
