"""An ordered list of rows edited in place, entirely from the keyboard.

The committee dialog keeps its standing items, abbreviations and people in
these until OK: Ctrl+Return (or Insert) adds a row and starts typing in it, F2
edits a cell, Delete removes the selected rows, Ctrl+Shift+PgUp/PgDown move a row
(the keys the agenda uses).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractItemDelegate,
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

RowDataRole = Qt.ItemDataRole.UserRole + 1


class ListEditor(QWidget):
    def __init__(self, headers: Sequence[str], noun: str, parent: QWidget | None = None, *,
                 movable: bool = True, stretch: int = 0, remove_verb: str = "Delete") -> None:
        super().__init__(parent)
        self.table = QTableWidget(0, len(headers), self)
        self.table.setHorizontalHeaderLabels(list(headers))
        self.table.setAccessibleName(noun.capitalize())
        self.table.verticalHeader().hide()
        self.table.setTabKeyNavigation(False)  # Tab leaves the list; in a cell it goes on
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked
                                   | QAbstractItemView.EditTrigger.EditKeyPressed
                                   | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)

        buttons = QHBoxLayout()
        specs: list[tuple[str, str, Sequence[str], Callable[[], None]]] = [
            ("add", f"Add {noun}", ("Ctrl+Return", "Ins"), self.add_new),
            ("delete", f"{remove_verb} {noun}", ("Del",), self.delete_selected),
        ]
        if movable:
            specs += [("up", "Move up", ("Ctrl+Shift+PgUp",), lambda: self.move_row(-1)),
                      ("down", "Move down", ("Ctrl+Shift+PgDown",), lambda: self.move_row(1))]
        self.buttons: dict[str, QPushButton] = {}
        for key, text, keys, slot in specs:
            button = QPushButton(text, self)
            button.setToolTip(f"{text} ({', '.join(keys)})")
            button.clicked.connect(slot)
            buttons.addWidget(button)
            self.buttons[key] = button
            for sequence in keys:
                shortcut = QShortcut(QKeySequence(sequence), self.table)
                shortcut.setContext(Qt.ShortcutContext.WidgetWithChildrenShortcut
                                    if key == "add" else Qt.ShortcutContext.WidgetShortcut)
                shortcut.activated.connect(slot)
        buttons.addStretch(1)
        hint = QLabel("Ctrl+Return adds a row, F2 or typing edits a cell (Tab: the next one), "
                      "the Delete key removes the selected rows"
                      + (", Ctrl+Shift+PgUp/PgDown moves one" if movable else "") + ".", self)
        hint.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table, 1)
        layout.addWidget(hint)
        layout.addLayout(buttons)

    # -- contents ------------------------------------------------------------
    def add_row(self, values: Sequence[str] = (), data: Any = None,
                at: int | None = None) -> int:
        row = self.table.rowCount() if at is None else at
        self.table.insertRow(row)
        for column in range(self.table.columnCount()):
            text = values[column] if column < len(values) else ""
            self.table.setItem(row, column, QTableWidgetItem(text or ""))
        self._item(row, 0).setData(RowDataRole, data)
        return row

    def rows(self) -> list[tuple[list[str], Any]]:
        """Each row's trimmed texts and the data it was added with, blank rows left out."""
        out = []
        for row in range(self.table.rowCount()):
            texts = [self.text(row, column) for column in range(self.table.columnCount())]
            if any(texts):
                out.append((texts, self._item(row, 0).data(RowDataRole)))
        return out

    def text(self, row: int, column: int) -> str:
        item = self.table.item(row, column)
        return item.text().strip() if item is not None else ""

    def _item(self, row: int, column: int) -> QTableWidgetItem:
        item = self.table.item(row, column)
        assert item is not None  # add_row gives every cell an item
        return item

    def set_text(self, row: int, column: int, text: str) -> None:
        self._item(row, column).setText(text)

    # -- editing -------------------------------------------------------------
    def commit_editing(self) -> None:
        """Keep what is typed in a cell still open, as leaving the cell would."""
        if self.table.state() != QAbstractItemView.State.EditingState:
            return
        editor = self.table.indexWidget(self.table.currentIndex())
        if editor is not None:
            self.table.commitData(editor)
            self.table.closeEditor(editor, QAbstractItemDelegate.EndEditHint.NoHint)

    def add_new(self) -> None:
        """A blank row after the current one, with the first cell open for typing."""
        self.commit_editing()
        current = self.table.currentRow()
        row = self.add_row(at=current + 1 if current >= 0 else self.table.rowCount())
        self.table.setCurrentCell(row, 0)
        self.table.setFocus()
        self.table.editItem(self._item(row, 0))

    def delete_selected(self) -> None:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()},
                      reverse=True)
        if not rows and self.table.currentRow() >= 0:
            rows = [self.table.currentRow()]
        for row in rows:
            self.table.removeRow(row)
        if self.table.rowCount():
            self.table.setCurrentCell(min(rows[-1] if rows else 0, self.table.rowCount() - 1), 0)

    def move_row(self, offset: int) -> None:
        row = self.table.currentRow()
        target = row + offset
        if row < 0 or not 0 <= target < self.table.rowCount():
            return
        column = self.table.currentColumn()
        taken = [self.table.takeItem(row, c) for c in range(self.table.columnCount())]
        self.table.removeRow(row)
        self.table.insertRow(target)
        for c, item in enumerate(taken):
            self.table.setItem(target, c, item)
        self.table.setCurrentCell(target, max(0, column))
