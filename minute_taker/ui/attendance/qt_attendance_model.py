"""A meeting's attendance and declarations of interest as Qt table models.

Both adapt lists of plain records; an edit calls the ``update`` callback (a
service through the meeting context) and shows the record it returns. A person's
organisation (the council a member sits for) is the person's, not the meeting's: the
attendance model shows it from ``set_organisations`` and an edit of it calls
``update_organisation``.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.records import AttendanceRow, DeclarationRow

PersonIdRole = Qt.ItemDataRole.UserRole + 1
DeclarationIdRole = Qt.ItemDataRole.UserRole + 2
Index = QModelIndex | QPersistentModelIndex
NONE_ID = 0  # "nobody" / "no item" in an id column's edit role: real ids start at 1

COLUMNS = ("Name", "Status", "Role", "Capacity", "Organisation", "Substitute for",
           "Arrived during", "Left after")
NAME, STATUS, ROLE, CAPACITY, ORGANISATION, SUBSTITUTE, ARRIVED, LEFT = range(len(COLUMNS))

DECLARATION_COLUMNS = ("Who", "About item", "Interest", "Nature", "Declared during")
WHO, ITEM, INTEREST, NATURE, MADE_AT = range(len(DECLARATION_COLUMNS))

STATUS_LABELS = {AttendanceStatus.PRESENT: "Present", AttendanceStatus.APOLOGIES: "Apologies",
                 AttendanceStatus.ABSENT: "Absent"}
# "In attendance": before the committee, not of it (the Commissioner before a panel);
# officers are printed as "Officers in attendance", guests as "Also present".
ROLE_LABELS = {AttendanceRole.MEMBER: "Member", AttendanceRole.SUBSTITUTE: "Substitute",
               AttendanceRole.IN_ATTENDANCE: "In attendance",
               AttendanceRole.OFFICER: "Officer", AttendanceRole.GUEST: "Guest"}

AttendanceUpdater = Callable[..., AttendanceRow | None]
# (person id, organisation) -> the organisation the book now holds, None when refused
OrganisationUpdater = Callable[[int, str], str | None]
DeclarationUpdater = Callable[..., DeclarationRow | None]


def movement_label(item_number: str | None, at: dt.time | None) -> str:
    """"1.2 at 11:05": where in the agenda, and when by the clock, either may be missing."""
    parts = [item_number or "", f"at {at:%H:%M}" if at else ""]
    return " ".join(p for p in parts if p)


Row = TypeVar("Row", AttendanceRow, DeclarationRow)


class _RecordTableModel(QAbstractTableModel, Generic[Row]):
    """Rows of records with ids; a new list becomes the smallest honest signal."""

    columns: tuple[str, ...] = ()

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._rows: list[Row] = []
        self._editable = True

    def _set_rows(self, rows: Sequence[Row]) -> None:
        rows = list(rows)
        old_ids = [r.id for r in self._rows]
        if [r.id for r in rows] == old_ids:
            self._rows = rows
            self._changed_all()
            return
        if rows and [r.id for r in rows[:-1]] == old_ids:
            self.beginInsertRows(QModelIndex(), len(rows) - 1, len(rows) - 1)
            self._rows = rows
            self.endInsertRows()
            return
        self.beginResetModel()
        self._rows = rows
        self.endResetModel()

    def _changed_all(self) -> None:
        if self._rows:
            self.dataChanged.emit(self.index(0, 0),
                                  self.index(len(self._rows) - 1, len(self.columns) - 1))

    def _replace(self, row: int, record: Any) -> None:
        self._rows[row] = record
        self.dataChanged.emit(self.index(row, 0), self.index(row, len(self.columns) - 1))

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def row_of(self, record_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.id == record_id), -1)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self.columns)

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        if orientation == Qt.Orientation.Horizontal and 0 <= section < len(self.columns):
            return self.columns[section]
        return None

    def _valid(self, index: Index) -> bool:
        return index.isValid() and 0 <= index.row() < len(self._rows)


class AttendanceTableModel(_RecordTableModel[AttendanceRow]):
    columns = COLUMNS

    def __init__(self, update: AttendanceUpdater | None = None, parent: Any = None, *,
                 update_organisation: OrganisationUpdater | None = None) -> None:
        super().__init__(parent)
        self._update = update
        self._update_organisation = update_organisation
        self._numbers: dict[int, str] = {}
        self._organisations: dict[int, str] = {}

    def set_rows(self, rows: Sequence[AttendanceRow]) -> None:
        self._set_rows(rows)

    def set_organisations(self, organisations: Mapping[int, str | None]) -> None:
        """Each person's organisation by person id, as the "Organisation" column shows it."""
        self._organisations = {k: v for k, v in organisations.items() if v}
        if self._rows:
            self.dataChanged.emit(self.index(0, ORGANISATION),
                                  self.index(len(self._rows) - 1, ORGANISATION))

    def set_item_numbers(self, numbers: Mapping[int, str]) -> None:
        """The agenda's numbers by item id, as "Arrived during" and "Left after" show them."""
        self._numbers = dict(numbers)
        if self._rows:
            self.dataChanged.emit(self.index(0, ARRIVED), self.index(len(self._rows) - 1, LEFT))

    def attendee(self, row: int) -> AttendanceRow:
        return self._rows[row]

    def row_of_person(self, person_id: int) -> int:
        return next((i for i, r in enumerate(self._rows) if r.person_id == person_id), -1)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: AttendanceRow = self._rows[index.row()]
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            return self._display(row, index.column())
        if role == Qt.ItemDataRole.EditRole:
            return self._edit_value(row, index.column())
        if role == PersonIdRole:
            return row.person_id
        return None

    def _display(self, row: AttendanceRow, column: int) -> str:
        if column == ARRIVED:
            return movement_label(self._numbers.get(row.arrived_item_id or NONE_ID),
                                  row.arrived_at)
        if column == LEFT:
            return movement_label(self._numbers.get(row.left_item_id or NONE_ID), row.left_at)
        if column == ORGANISATION:
            return self._organisations.get(row.person_id, "")
        return (row.person_name, STATUS_LABELS[row.status], ROLE_LABELS[row.role],
                row.capacity or "", "", row.substitute_for_name or "")[column]

    def _edit_value(self, row: AttendanceRow, column: int) -> Any:
        if column == STATUS:
            return row.status.value
        if column == ROLE:
            return row.role.value
        if column == SUBSTITUTE:
            return row.substitute_for_id or NONE_ID
        if column == ARRIVED:
            return row.arrived_item_id or NONE_ID
        if column == LEFT:
            return row.left_item_id or NONE_ID
        return self._display(row, column)

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or role != Qt.ItemDataRole.EditRole:
            return False
        if index.column() == ORGANISATION:
            return self._set_organisation(index, str(value or ""))
        if self._update is None:
            return False
        changes = self._changes(index.column(), value)
        if changes is None:
            return False
        row: AttendanceRow = self._rows[index.row()]
        updated = self._update(row.person_id, **changes)
        if updated is None:
            return False
        self._replace(index.row(), updated)
        return True

    def _set_organisation(self, index: Index, organisation: str) -> bool:
        if self._update_organisation is None:
            return False
        person_id = self._rows[index.row()].person_id
        saved = self._update_organisation(person_id, organisation)
        if saved is None:
            return False
        if saved:
            self._organisations[person_id] = saved
        else:
            self._organisations.pop(person_id, None)
        self.dataChanged.emit(index, index)
        return True

    @staticmethod
    def _changes(column: int, value: Any) -> dict[str, Any] | None:
        if column == STATUS:
            return {"status": AttendanceStatus(value)}
        if column == ROLE:
            return {"role": AttendanceRole(value)}
        if column == CAPACITY:
            return {"capacity": str(value or "")}
        if column == SUBSTITUTE:
            return {"substitute_for_id": int(value or NONE_ID) or None}
        if column in (ARRIVED, LEFT):
            kind = "arrived" if column == ARRIVED else "left"
            item_id = int(value or NONE_ID) or None
            changes: dict[str, Any] = {f"{kind}_item_id": item_id}
            if item_id is None:
                changes[f"{kind}_at"] = None  # "not recorded" clears the time too
            return changes
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        editor = (self._update_organisation if index.column() == ORGANISATION
                  else self._update)
        if self._editable and index.column() != NAME and editor is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags


class DeclarationTableModel(_RecordTableModel[DeclarationRow]):
    columns = DECLARATION_COLUMNS

    def __init__(self, update: DeclarationUpdater | None = None, parent: Any = None) -> None:
        super().__init__(parent)
        self._update = update
        self._items: dict[int, str] = {}

    def set_rows(self, rows: Sequence[DeclarationRow]) -> None:
        self._set_rows(rows)

    def set_item_labels(self, labels: Mapping[int, str]) -> None:
        self._items = dict(labels)
        if self._rows:
            self.dataChanged.emit(self.index(0, ITEM), self.index(len(self._rows) - 1, MADE_AT))

    def declaration(self, row: int) -> DeclarationRow:
        return self._rows[row]

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not self._valid(index):
            return None
        row: DeclarationRow = self._rows[index.row()]
        column = index.column()
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
            item = self._items.get(row.item_id, "") if row.item_id else ""
            made_at = self._items.get(row.made_at_item_id, "") if row.made_at_item_id else ""
            return (row.person_name, item, row.interest, row.nature or "", made_at)[column]
        if role == Qt.ItemDataRole.EditRole:
            return (row.person_id, row.item_id or NONE_ID, row.interest,
                    row.nature or "", row.made_at_item_id or NONE_ID)[column]
        if role == DeclarationIdRole:
            return row.id
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if not self._valid(index) or role != Qt.ItemDataRole.EditRole or self._update is None:
            return False
        column = index.column()
        if column == WHO:
            if not value:
                return False
            changes: dict[str, Any] = {"person_id": int(value)}
        elif column in (ITEM, MADE_AT):
            field = "item_id" if column == ITEM else "made_at_item_id"
            changes = {field: int(value or NONE_ID) or None}
        else:
            changes = {"interest" if column == INTEREST else "nature": str(value or "")}
        updated = self._update(self._rows[index.row()].id, **changes)
        if updated is None:
            return False
        self._replace(index.row(), updated)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and self._update is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags
