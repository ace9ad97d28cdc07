"""Exact snapshots for undo: a deleted item or action comes back as it was.

Undo is linear, so when a deletion is undone everything done after it has
been undone first and the book is as it was right after the deletion: the
rows can be put back with their own primary keys, and every other undo step
that refers to them by id stays valid. References from rows that survive
(actions made under an item, attendance "left after item 1.2", declarations)
are SET NULL by the deletion and re-pointed on restore.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from minute_taker.services._common import editable_meeting, get
from minute_taker.services.agenda import children, renumber_with_series, reposition
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    Base,
    Decision,
    Declaration,
    Meeting,
    SupportingDocument,
)

Row = dict[str, Any]


def _columns(row: Base) -> Row:
    return {attr.key: getattr(row, attr.key) for attr in row.__mapper__.column_attrs}


@dataclass(frozen=True)
class ItemSnapshot:
    meeting_id: int
    items: list[Row]  # parents before children
    decisions: list[Row]
    documents: list[Row]
    places: dict[int, tuple[int | None, int]]  # every item of the meeting: parent, position
    links: list[tuple[str, str, int, int]] = field(default_factory=list)
    # (table, column, row id, item id) of references the deletion set to NULL


@dataclass(frozen=True)
class ActionSnapshot:
    action: Row
    owners: list[Row]
    positions: dict[int, int]  # every action of the meeting: position


def delete_item(book: MinuteBook, item_id: int) -> ItemSnapshot:
    """Delete an item with its sub-items, returning what puts it back exactly."""
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item")
        meeting = editable_meeting(session, row.meeting_id)
        snapshot = _snapshot_item(session, row)
        session.delete(row)
        session.flush()
        reposition(children(session, meeting.id, row.parent_id))
        session.flush()
        session.expire_all()
        renumber_with_series(session, meeting)  # later drafts close up too
        return snapshot


def restore_item(book: MinuteBook, snapshot: ItemSnapshot) -> None:
    with book.unit_of_work() as session:
        restore_in(session, snapshot)


def snapshot_in(session: Session, row: AgendaItem) -> ItemSnapshot:
    """What puts ``row`` and its sub-items back exactly, for a service about to delete
    them in its own transaction (``restore_in`` puts them back in another)."""
    return _snapshot_item(session, row)


def restore_in(session: Session, snapshot: ItemSnapshot) -> None:
    """``restore_item`` inside a transaction already open."""
    meeting = editable_meeting(session, snapshot.meeting_id)
    session.add_all(AgendaItem(**data) for data in snapshot.items)
    session.flush()
    session.add_all(Decision(**data) for data in snapshot.decisions)
    session.add_all(SupportingDocument(**data) for data in snapshot.documents)
    for table, column, row_id, item_id in snapshot.links:
        model = _LINKED[table]
        session.execute(update(model).where(model.id == row_id).values({column: item_id}))
    for row in session.scalars(select(AgendaItem)
                               .where(AgendaItem.meeting_id == meeting.id)):
        if row.id in snapshot.places:
            row.parent_id, row.position = snapshot.places[row.id]
    session.flush()
    renumber_with_series(session, meeting)


def delete_action(book: MinuteBook, action_id: int) -> ActionSnapshot:
    with book.unit_of_work() as session:
        row = get(session, Action, action_id, "action")
        editable_meeting(session, row.meeting_id)
        snapshot = ActionSnapshot(
            action=_columns(row), owners=[_columns(o) for o in row.owners],
            positions={a.id: a.position for a in session.scalars(
                select(Action).where(Action.meeting_id == row.meeting_id))})
        session.delete(row)
        return snapshot


def restore_action(book: MinuteBook, snapshot: ActionSnapshot) -> None:
    with book.unit_of_work() as session:
        editable_meeting(session, snapshot.action["meeting_id"])
        session.add(Action(**snapshot.action))
        session.flush()
        session.add_all(ActionOwner(**data) for data in snapshot.owners)
        for row in session.scalars(select(Action).where(
                Action.meeting_id == snapshot.action["meeting_id"])):
            row.position = snapshot.positions.get(row.id, row.position)


def item_place(book: MinuteBook, item_id: int) -> tuple[int | None, int]:
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item")
        return row.parent_id, row.position


_LINKED: dict[str, type[Action] | type[Attendance] | type[Declaration]] = {
    "action": Action, "attendance": Attendance, "declaration": Declaration,
}
_LINK_COLUMNS = (("action", "item_id"), ("attendance", "arrived_item_id"),
                 ("attendance", "left_item_id"), ("declaration", "item_id"),
                 ("declaration", "made_at_item_id"))


def _snapshot_item(session: Session, root: AgendaItem) -> ItemSnapshot:
    meeting_rows = session.scalars(select(AgendaItem)
                                   .where(AgendaItem.meeting_id == root.meeting_id)).all()
    children: dict[int | None, list[AgendaItem]] = {}
    for row in meeting_rows:
        children.setdefault(row.parent_id, []).append(row)
    subtree, queue = [], [root]
    while queue:
        row = queue.pop(0)
        subtree.append(row)
        queue.extend(children.get(row.id, []))
    ids = [row.id for row in subtree]
    links = []
    for table, column in _LINK_COLUMNS:
        model = _LINKED[table]
        ref = getattr(model, column)
        for row_id, item_id in session.execute(select(model.id, ref).where(ref.in_(ids))):
            links.append((table, column, row_id, item_id))
    meeting = session.get(Meeting, root.meeting_id)
    assert meeting is not None
    return ItemSnapshot(
        meeting_id=meeting.id,
        items=[_columns(row) for row in subtree],
        decisions=[_columns(d) for d in session.scalars(
            select(Decision).where(Decision.item_id.in_(ids)))],
        documents=[_columns(d) for d in session.scalars(
            select(SupportingDocument).where(SupportingDocument.item_id.in_(ids)))],
        places={row.id: (row.parent_id, row.position) for row in meeting_rows},
        links=links,
    )
