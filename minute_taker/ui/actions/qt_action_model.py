"""A meeting's actions as a Qt table model over ActionRow records."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from minute_taker.domain.dates import parse_due
from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.records import ActionRow

ActionIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex

COLUMNS = ("Item", "Action", "Owner", "Due", "Status", "Update")
ITEM, TEXT, OWNER, DUE, STATUS, UPDATE = range(len(COLUMNS))

Updater = Callable[..., ActionRow | None]


class ActionTableModel(QAbstractTableModel):
    def __init__(self, update: Updater | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[ActionRow] = []
        self._update = update
        self._editable = True
        # The meeting the actions were set at: due dates typed as "+14" count from it.
        self.meeting_date: dt.date | None = None

    def set_actions(self, rows: Sequence[ActionRow]) -> None:
        rows = list(rows)
        if [r.id for r in rows] == [r.id for r in self._rows]:
            self._rows = rows
            if rows:
                self.dataChanged.emit(self.index(0, 0), self.index(len(rows) - 1, UPDATE))
            return
        if [r.id for r in rows[:-1]] == [r.id for r in self._rows] and rows:
            self.beginInsertRows(QModelIndex(), len(rows) - 1, len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def action(self, row: int) -> ActionRow:
        return self._rows[row]

    def row_of(self, action_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == action_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row, column = self._rows[index.row()], index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, column)
        if role == Qt.ItemDataRole.EditRole:
            return row.status.value if column == STATUS else self._display(row, column)
        if role == ActionIdRole:
            return row.id
        if role == Qt.ItemDataRole.TextAlignmentRole and column == ITEM:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignTop)
        return None

    @staticmethod
    def _display(row: ActionRow, column: int) -> str:
        item = row.origin or row.item_number or ""
        return (item, row.text, row.owner_text, row.due_label, row.status_label,
                row.update or "")[column]

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not index.isValid() or role != Qt.ItemDataRole.EditRole or self._update is None:
            return False
        row, column = self._rows[index.row()], index.column()
        value = str(value)
        if column == TEXT:
            changes: dict[str, Any] = {"text": value}
        elif column == OWNER:
            changes = {"owner_text": value}
        elif column == DUE:
            due_date, due_text = parse_due(value, meeting_date=self.meeting_date)
            changes = {"due_date": due_date, "due_text": due_text}
        elif column == STATUS:
            changes = {"status": ActionStatus(value)}
        elif column == UPDATE:
            changes = {"update": value}
        else:
            return False
        updated = self._update(row.id, **changes)
        if updated is None:
            return False
        if self.row_of(row.id) != index.row():
            return True  # the callback reloaded the rows already
        self._rows[index.row()] = updated
        self.dataChanged.emit(self.index(index.row(), 0), self.index(index.row(), UPDATE))
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and index.column() != ITEM and self._update is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(COLUMNS):
            return COLUMNS[section]
        return None
