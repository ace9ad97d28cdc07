"""Search results as a two-level tree: a row per meeting (newest first, as the service
returns them), and under it a row per entry found. Only an adapter of ``SearchHit``s."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)

from minute_taker.domain.records import SearchHit
from minute_taker.domain.search_query import snippet_parts, snippet_text

HitRole = Qt.ItemDataRole.UserRole + 1  # the SearchHit of a row (None on a meeting's row)
HtmlRole = Qt.ItemDataRole.UserRole + 2  # what the delegate draws: the matches in bold
_NO_PARENT = 0xFFFFFFFF  # internalId of a meeting's row (a hit's is its meeting's row)

KIND_NAMES = {
    "titles": "item title", "agenda": "agenda text", "notes": "notes",
    "decisions": "decision", "actions": "action", "declarations": "declaration",
    "attendance": "attendance", "papers": "paper",
}

Index = QModelIndex | QPersistentModelIndex


@dataclass
class MeetingGroup:
    meeting_id: int
    heading: str
    hits: list[SearchHit] = field(default_factory=list)


def group_by_meeting(hits: list[SearchHit]) -> list[MeetingGroup]:
    """Hits grouped under their meeting, meetings in the order they first come."""
    groups: dict[int, MeetingGroup] = {}
    for hit in hits:
        group = groups.get(hit.meeting_id)
        if group is None:
            heading = f"{hit.meeting_date:%d %B %Y} \u2014 {hit.meeting_title}"
            group = groups[hit.meeting_id] = MeetingGroup(hit.meeting_id, heading)
        group.hits.append(hit)
    return list(groups.values())


def where(hit: SearchHit) -> str:
    """The item a hit is under ("2.1 Police and Crime Plan"), or the meeting itself."""
    if hit.item_id is None:
        return "The meeting"
    return f"{hit.item_number} {hit.item_title}".strip()


def hit_text(hit: SearchHit) -> str:
    """What a screen reader says of a hit: where, what kind, and the words around it."""
    return f"{where(hit)} ({KIND_NAMES.get(hit.kind, hit.kind)}): {snippet_text(hit.snippet)[0]}"


def hit_html(hit: SearchHit) -> str:
    """The same as rich text: the item in bold, the kind in grey, each match in bold."""
    snippet = "".join(f"<b>{html.escape(text)}</b>" if matched else html.escape(text)
                      for text, matched in snippet_parts(hit.snippet))
    kind = html.escape(KIND_NAMES.get(hit.kind, hit.kind))
    return (f"<b>{html.escape(where(hit))}</b> <span style='color:palette(mid)'>"
            f"\u00b7 {kind}</span><br>{snippet}")


class SearchResultsModel(QAbstractItemModel):
    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.groups: list[MeetingGroup] = []

    def set_hits(self, hits: list[SearchHit]) -> None:
        self.beginResetModel()
        self.groups = group_by_meeting(hits)
        self.endResetModel()

    def hit_count(self) -> int:
        return sum(len(group.hits) for group in self.groups)

    def hit(self, index: Index) -> SearchHit | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self.groups[index.internalId()].hits[index.row()]

    # -- QAbstractItemModel ----------------------------------------------------
    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if column != 0 or row < 0:
            return QModelIndex()
        if not parent.isValid():
            if row < len(self.groups):
                return self.createIndex(row, 0, _NO_PARENT)
            return QModelIndex()
        if parent.internalId() != _NO_PARENT or parent.row() >= len(self.groups):
            return QModelIndex()
        if row < len(self.groups[parent.row()].hits):
            return self.createIndex(row, 0, parent.row())
        return QModelIndex()

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId(), 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self.groups)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self.groups[parent.row()].hits)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return 1

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if not index.isValid():
            return None
        hit = self.hit(index)
        if hit is None:
            group = self.groups[index.row()]
            count = len(group.hits)
            heading = f"{group.heading} ({count} found)"
            if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return heading
            if role == HtmlRole:
                return f"<b>{html.escape(group.heading)}</b> \u00b7 {count} found"
            return None
        if role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
            return hit_text(hit)
        if role == HtmlRole:
            return hit_html(hit)
        if role == HitRole:
            return hit
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
