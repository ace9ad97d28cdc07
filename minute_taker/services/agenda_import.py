"""A published agenda into a meeting, in one transaction (issue 21).

``domain/agenda_import`` reads the agenda; this adds its items to a draft meeting, with
their agenda texts, presenters, planned minutes, confidentiality and papers, either after
the committee's standing items the meeting began with, or in place of an agenda that
has nothing minuted yet. The committee's numbering scheme then numbers them. All or
nothing: an item refused leaves the meeting as it was (and the window's undo takes the
whole import back in one step).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sqlalchemy import and_, or_, select
from sqlalchemy.orm import Session

from minute_taker.domain.agenda_import import AgendaLine, ReadAgenda, is_closing_item
from minute_taker.domain.enums import NumberingScheme
from minute_taker.domain.errors import ValidationError
from minute_taker.services._common import (
    audit,
    editable_meeting,
    optional_text,
    required_text,
)
from minute_taker.services.agenda import (
    NUMBERED_BY_HAND,
    children,
    renumber_with_series,
    reposition,
)
from minute_taker.services.history import ItemSnapshot, restore_in, snapshot_in
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    Action,
    AgendaItem,
    Attendance,
    Decision,
    Declaration,
    Meeting,
    SupportingDocument,
)


@dataclass(frozen=True)
class AgendaImported:
    added: int  # items made, sub-items included
    merged: tuple[str, ...]  # the agenda's items found in the meeting already (standing ones)
    papers: int
    undo: ImportUndo


@dataclass(frozen=True)
class ImportUndo:
    """What ``undo_import`` needs to take an import back: the items it made, the fields
    it filled in, the items it replaced."""

    meeting_id: int
    made: tuple[int, ...]  # top-level items made (their sub-items go with them)
    filled: tuple[tuple[int, dict[str, str | None]], ...]  # item id, its fields before
    replaced: tuple[ItemSnapshot, ...]
    # The first number set from the agenda's (continuous numbering): the one before.
    start_before: tuple[int | None, int | None] | None = None  # (typed, stored)


def import_agenda(book: MinuteBook, meeting_id: int, agenda: ReadAgenda, *,
                  replace: bool = False) -> AgendaImported:
    """Add ``agenda``'s items to the meeting: after its standing items (an item of the
    agenda that is one of them fills in its agenda text and presenter instead of coming
    twice), or, with ``replace``, in place of every item, which is refused if anything
    is minuted under them yet."""
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        top = children(session, meeting_id, None)
        replaced: list[ItemSnapshot] = []
        if replace:
            _refuse_if_minuted(session, meeting_id)
            replaced = [snapshot_in(session, row) for row in top]
            for row in top:
                session.delete(row)
            session.flush()
            session.expire_all()
            standing: list[AgendaItem] = []
            others: list[AgendaItem] = []
        else:
            standing = _standing_at_start(meeting, top)
            others = top[len(standing):]
        lines, merged, filled = _merge_existing(agenda.items, [*standing, *others])
        made, papers = _add(session, meeting_id, lines)
        order = [*standing, *made, *others]
        reposition(order)
        session.flush()
        start_before = _start_as_printed(session, book.actor, meeting, agenda, order,
                                         made, merged)
        renumber_with_series(session, meeting)
        undo = ImportUndo(meeting_id, tuple(row.id for row in made), tuple(filled),
                          tuple(replaced), start_before)
        return AgendaImported(added=len(lines), merged=tuple(merged), papers=papers,
                              undo=undo)


def undo_import(book: MinuteBook, undo: ImportUndo) -> None:
    """Take an import back, in one transaction: its items go (with anything added to
    them since), the fields it filled in are as they were, the items it replaced come
    back as they were."""
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, undo.meeting_id)
        for item_id in undo.made:
            row = session.get(AgendaItem, item_id)
            if row is not None:
                session.delete(row)
        session.flush()
        session.expire_all()
        for item_id, fields in undo.filled:
            row = session.get(AgendaItem, item_id)
            if row is not None:
                for name, value in fields.items():
                    setattr(row, name, value)
        reposition(children(session, undo.meeting_id, None))
        session.flush()
        for snapshot in undo.replaced:
            restore_in(session, snapshot)
        if undo.start_before is not None:
            meeting.number_start_typed, meeting.number_start = undo.start_before
            audit(session, book.actor, "meeting", NUMBERED_BY_HAND, meeting_id=meeting.id,
                  entity_uid=meeting.uid, detail={"number_start": undo.start_before[0]})
        renumber_with_series(session, meeting)


def _start_as_printed(session: Session, actor: str, meeting: Meeting, agenda: ReadAgenda,
                      order: list[AgendaItem], made: list[AgendaItem], merged: list[str]
                      ) -> tuple[int | None, int | None] | None:
    """An agenda numbered 233-239 for the first meeting of a continuously numbered
    committee in the book: its items start at 233 too, set as the clerk would set it by
    hand (it stays when earlier drafts change). Only when the agenda's first item is the
    meeting's first, so the printed numbers and the meeting's line up; returns the start
    before, for the undo, or None if nothing was set."""
    first = agenda.first_number
    committee = meeting.committee
    if first is None or committee.numbering_scheme is not NumberingScheme.CONTINUOUS \
            or not order:
        return None
    earlier = session.scalar(select(Meeting.id).where(
        Meeting.committee_id == committee.id, Meeting.id != meeting.id,
        or_(Meeting.date < meeting.date,
            and_(Meeting.date == meeting.date, Meeting.id < meeting.id))).limit(1))
    if earlier is not None:
        return None  # the series carries on from the meeting before
    opening = next((line for line in agenda.items if line.level == 0), None)
    first_row = order[0]
    lines_up = (made and first_row is made[0] and opening is not None
                and _key(opening.title) == _key(first_row.title)) \
        or (opening is not None and _key(first_row.title) == _key(opening.title)
            and first_row.title in merged)
    if not lines_up or first == (meeting.number_start_typed or meeting.number_start):
        return None
    before = (meeting.number_start_typed, meeting.number_start)
    meeting.number_start_typed = meeting.number_start = first
    audit(session, actor, "meeting", NUMBERED_BY_HAND, meeting_id=meeting.id,
          entity_uid=meeting.uid, detail={"number_start": first})
    session.flush()
    return before


def _key(title: str) -> str:
    return re.sub(r"[^\w]+", " ", title.casefold()).strip()


def _standing_at_start(meeting: Meeting, top: list[AgendaItem]) -> list[AgendaItem]:
    """The meeting's first items that are its committee's standing items, in order, up
    to the first that ends a meeting (any other business, the date of the next one):
    the agenda's own items go between."""
    wanted = [_key(item.title) for item in meeting.committee.standing_items]
    found = []
    for row, title in zip(top, wanted, strict=False):
        if _key(row.title) != title or is_closing_item(row.title):
            break
        found.append(row)
    return found


def _merge_existing(lines: tuple[AgendaLine, ...], existing: list[AgendaItem]
                    ) -> tuple[list[AgendaLine], list[str],
                               list[tuple[int, dict[str, str | None]]]]:
    """The agenda's items less those the meeting has already (its standing items, or
    any with the same title; not one with sub-items in the agenda): their agenda text
    and presenter fill in the meeting's where those are empty."""
    by_key = {_key(row.title): row for row in existing}
    kept: list[AgendaLine] = []
    merged: list[str] = []
    filled: list[tuple[int, dict[str, str | None]]] = []
    skipping_below: int | None = None
    for index, line in enumerate(lines):
        if skipping_below is not None and line.level > skipping_below:
            continue
        skipping_below = None
        row = by_key.get(_key(line.title)) if line.level == 0 else None
        has_children = index + 1 < len(lines) and lines[index + 1].level > line.level
        if row is not None and not has_children:
            filled.append((row.id, {"description": row.description,
                                    "presenter": row.presenter}))
            if line.description and not row.description:
                row.description = line.description
            if line.presenter and not row.presenter:
                row.presenter = optional_text(line.presenter)
            merged.append(row.title)
            continue
        kept.append(line)
    return kept, merged, filled


def _add(session: Session, meeting_id: int, lines: list[AgendaLine]
         ) -> tuple[list[AgendaItem], int]:
    """The items, nested by level; returns the top-level ones made and the papers."""
    made: list[AgendaItem] = []
    parents: list[AgendaItem] = []  # the last item made at each level
    counts: dict[int | None, int] = {}
    papers = 0
    for line in lines:
        level = min(line.level, len(parents))
        parent = parents[level - 1] if level else None
        parent_id = parent.id if parent is not None else None
        position = counts.get(parent_id, 0)
        counts[parent_id] = position + 1
        row = AgendaItem(meeting_id=meeting_id, parent_id=parent_id, position=position,
                         title=required_text(line.title, "item title"),
                         description=line.description.strip(),
                         presenter=optional_text(line.presenter),
                         confidential=line.confidential,
                         planned_minutes=line.planned_minutes)
        session.add(row)
        session.flush()
        for number, paper in enumerate(line.papers):
            session.add(SupportingDocument(item_id=row.id, position=number,
                                           title=required_text(paper.title, "paper title"),
                                           location="", format=paper.format,
                                           size_bytes=paper.size_bytes))
            papers += 1
        del parents[level:]
        parents.append(row)
        if level == 0:
            made.append(row)
    return made, papers


def _refuse_if_minuted(session: Session, meeting_id: int) -> None:
    """Replacing the agenda deletes its items (and their papers, which come with an
    agenda): not while anything is minuted under one."""
    items = select(AgendaItem.id).where(AgendaItem.meeting_id == meeting_id)
    minuted = session.scalar(select(AgendaItem.number).where(
        AgendaItem.meeting_id == meeting_id,
        or_(AgendaItem.minutes_html != "", AgendaItem.started_at.is_not(None))).limit(1))
    if minuted is not None:
        raise ValidationError(f"Item {minuted} has minutes already: the agenda cannot be "
                              "replaced. Add the imported items after the standing items "
                              "instead.")
    for model, column, what in (
            (Decision, Decision.item_id, "a decision"),
            (Action, Action.item_id, "an action"),
            (Declaration, Declaration.item_id, "a declaration of interest"),
            (Attendance, Attendance.left_item_id, "someone leaving"),
            (Attendance, Attendance.arrived_item_id, "someone arriving")):
        found = session.scalar(select(AgendaItem.number).join(model, column == AgendaItem.id)
                               .where(column.in_(items)).limit(1))
        if found is not None:
            raise ValidationError(f"Item {found} has {what} recorded: the agenda cannot be "
                                  "replaced. Add the imported items after the standing "
                                  "items instead.")
