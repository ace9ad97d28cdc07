"""The book's meetings as a list model, for the meeting switcher."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from PySide6.QtCore import QAbstractListModel, QModelIndex, QPersistentModelIndex, Qt

from minute_taker.domain.records import MeetingSummary

MeetingIdRole = Qt.ItemDataRole.UserRole + 1
Index = QModelIndex | QPersistentModelIndex


class MeetingListModel(QAbstractListModel):
    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[MeetingSummary] = []

    def set_meetings(self, rows: Sequence[MeetingSummary]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row_of(self, meeting_id: int | None) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == meeting_id), -1)

    def meeting(self, row: int) -> MeetingSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        row = self._rows[index.row()]
        if role == Qt.ItemDataRole.DisplayRole:
            return (f"{row.date.strftime('%d %b %Y')} \u2013 {row.committee_name}: "
                    f"{row.title} ({row.status.label})")
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{row.title}\n{row.committee_name}\n{row.date:%A %d %B %Y}"
        if role == MeetingIdRole:
            return row.id
        return None
