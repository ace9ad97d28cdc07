"""The agenda tree as a Qt item model, adapting the service layer's ItemNode list.

The model holds plain records only. Structural edits go to the services; the
model then receives the new list through ``set_items``, which turns the
difference into the smallest honest Qt signal: dataChanged when only numbers or
titles changed, an insert when one item was added, a reset otherwise.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QMimeData,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    QTimer,
)
from PySide6.QtGui import QBrush, QFont, QGuiApplication

from minute_taker.domain.records import ItemNode
from minute_taker.domain.timekeeping import ItemTiming, utc_to_local
from minute_taker.ui.colours import OVERRUN
from minute_taker.ui.context import utc_now

ITEM_MIME = "application/x-minute-taker-agenda-item"
ItemIdRole = Qt.ItemDataRole.UserRole + 1
NumberRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def timing_of(node: ItemNode) -> ItemTiming:
    return ItemTiming(node.started_at, node.ended_at, node.planned_minutes)


class AgendaTreeModel(QAbstractItemModel):
    def __init__(self, rename: Callable[[int, str], ItemNode | None] | None = None,
                 parent: Any = None,
                 move: Callable[[int, int | None, int], None] | None = None) -> None:
        super().__init__(parent)
        self._rename = rename
        self._move = move
        self._editable = True
        self._live = False
        self._current_id: int | None = None
        self._nodes: dict[int, ItemNode] = {}
        self._children: dict[int | None, list[int]] = {None: []}

    # -- loading -------------------------------------------------------------
    def set_items(self, nodes: Sequence[ItemNode]) -> None:
        children: dict[int | None, list[int]] = {None: []}
        for node in nodes:
            children.setdefault(node.id, [])
            children.setdefault(node.parent_id, []).append(node.id)
        new_nodes = {n.id: n for n in nodes}
        if children == self._children:
            self._nodes = new_nodes
            self._emit_all_changed(None)
            return
        added = set(new_nodes) - set(self._nodes)
        if len(added) == 1 and self._is_single_insert(children, added.pop()):
            return self._insert(children, new_nodes)
        self.beginResetModel()
        self._nodes, self._children = new_nodes, children
        self.endResetModel()

    def _is_single_insert(self, children: dict[int | None, list[int]], new_id: int) -> bool:
        without = {k: [c for c in v if c != new_id] for k, v in children.items() if k != new_id}
        return without == self._children

    def _insert(self, children: dict[int | None, list[int]], nodes: dict[int, ItemNode]) -> None:
        new_id = next(iter(set(nodes) - set(self._nodes)))
        parent_id = nodes[new_id].parent_id
        row = children[parent_id].index(new_id)
        self.beginInsertRows(self._index_of(parent_id), row, row)
        self._nodes, self._children = nodes, children
        self.endInsertRows()
        self._emit_all_changed(None)

    def _emit_all_changed(self, parent_id: int | None) -> None:
        ids = self._children.get(parent_id, [])
        if not ids:
            return
        parent = self._index_of(parent_id)
        self.dataChanged.emit(self.index(0, 0, parent), self.index(len(ids) - 1, 0, parent))
        for child in ids:
            self._emit_all_changed(child)

    def set_editable(self, editable: bool) -> None:
        self._editable = editable

    def set_live(self, live: bool) -> None:
        """While the meeting is live the current item is the one under discussion."""
        self._live = live
        self.refresh_timings()

    def refresh_timings(self) -> None:
        """Elapsed times and overruns change with the clock: repaint every item."""
        self._emit_all_changed(None)

    def set_current_item(self, item_id: int | None) -> None:
        """Mark the item being minuted now (shown in bold)."""
        previous, self._current_id = self._current_id, item_id
        for changed in (previous, item_id):
            if changed in self._nodes:
                index = self.index_for_id(changed)
                self.dataChanged.emit(index, index, [Qt.ItemDataRole.FontRole])

    # -- lookups -------------------------------------------------------------
    def node(self, index: Index) -> ItemNode | None:
        return self._nodes.get(index.internalId()) if index.isValid() else None

    def index_for_id(self, item_id: int | None) -> QModelIndex:
        return self._index_of(item_id) if item_id in self._nodes else QModelIndex()

    def item_ids(self) -> list[int]:
        out: list[int] = []

        def walk(parent_id: int | None) -> None:
            for child in self._children.get(parent_id, []):
                out.append(child)
                walk(child)

        walk(None)
        return out

    def _index_of(self, item_id: int | None) -> QModelIndex:
        if item_id is None:
            return QModelIndex()
        parent_id = self._nodes[item_id].parent_id
        row = self._children[parent_id].index(item_id)
        return self.createIndex(row, 0, item_id)

    # -- QAbstractItemModel --------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        parent_id = parent.internalId() if parent.isValid() else None
        ids = self._children.get(parent_id, [])
        if row >= len(ids):
            return QModelIndex()
        return self.createIndex(row, 0, ids[row])

    # The stubs merge QObject.parent() (no argument) into this overload set, so any
    # signature for the model's parent(index) "overrides" it incompatibly.
    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._nodes.get(index.internalId())
        if node is None or node.parent_id is None:
            return QModelIndex()
        return self._index_of(node.parent_id)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if parent.isValid() and parent.column() != 0:
            return 0
        parent_id = parent.internalId() if parent.isValid() else None
        return len(self._children.get(parent_id, []))

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        node = self.node(index)
        if node is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            lock = "  \N{LOCK}" if node.confidential else ""
            running = "\u25b6 " if self._live and node.id == self._current_id else ""
            return f"{running}{node.number}\u2003{node.title}{lock}"
        if role == Qt.ItemDataRole.EditRole:
            return node.title
        if role == Qt.ItemDataRole.ToolTipRole:
            lines = [node.description or node.title]
            if node.confidential:
                lines.append("(Confidential: left out of the public minutes)")
            timing = timing_of(node).describe(utc_now(), utc_to_local)
            if timing:
                lines.append(timing)
            return "\n".join(lines)
        if role == Qt.ItemDataRole.ForegroundRole and timing_of(node).overrun_minutes(utc_now()):
            # Chosen against the theme: fixed red on a dark tree read at 2.3:1.
            return QBrush(OVERRUN.on(QGuiApplication.palette()))
        if role == Qt.ItemDataRole.FontRole and node.id == self._current_id:
            font = QFont()
            font.setBold(True)
            return font
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Item {node.number}: {node.title}"
        if role == ItemIdRole:
            return node.id
        if role == NumberRole:
            return node.number
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        node = self.node(index)
        if node is None or role != Qt.ItemDataRole.EditRole or self._rename is None:
            return False
        title = str(value).strip()
        if not title or title == node.title:
            return False
        updated = self._rename(node.id, title)
        if updated is None:
            return False
        self._nodes[node.id] = updated
        self.dataChanged.emit(index, index)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        movable = self._editable and self._move is not None
        if not index.isValid():
            return Qt.ItemFlag.ItemIsDropEnabled if movable else Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self._editable and self._rename is not None:
            flags |= Qt.ItemFlag.ItemIsEditable
        if movable:
            flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsDropEnabled
        return flags

    # -- drag and drop: the model only says where to; the move goes to the services --
    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:
        return [ITEM_MIME]

    def mimeData(self, indexes: Sequence[QModelIndex]) -> QMimeData:
        data = QMimeData()
        node = self.node(indexes[0]) if indexes else None
        if node is not None:
            data.setData(ITEM_MIME, QByteArray(str(node.id).encode()))
        return data

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                        parent: Index) -> bool:
        item_id = self._dragged_id(data)
        if item_id is None or action != Qt.DropAction.MoveAction or not self._editable:
            return False
        ancestor = self.node(parent)
        while ancestor is not None:  # not into itself or its own sub-items
            if ancestor.id == item_id:
                return False
            ancestor = self._nodes.get(ancestor.parent_id) if ancestor.parent_id else None
        return True

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,
                     parent: Index) -> bool:
        if self._move is None or not self.canDropMimeData(data, action, row, column, parent):
            return False
        item_id = self._dragged_id(data)
        assert item_id is not None
        target = self.node(parent)
        parent_id = target.id if target else None
        siblings = self._children.get(parent_id, [])
        position = len(siblings) if row < 0 else row
        if item_id in siblings and siblings.index(item_id) < position:
            position -= 1  # Qt counts the dragged item among the rows it is dropped between
        move, args = self._move, (item_id, parent_id, position)
        # After the view has finished with the drop: the move reloads this model.
        QTimer.singleShot(0, lambda: move(*args))
        return True

    def _dragged_id(self, data: QMimeData) -> int | None:
        if not data.hasFormat(ITEM_MIME):
            return None
        try:
            item_id = int(bytes(data.data(ITEM_MIME).data()).decode())
        except ValueError:
            return None
        return item_id if item_id in self._nodes else None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return "Agenda"
        return None
