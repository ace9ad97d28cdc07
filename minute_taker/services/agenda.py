"""The agenda tree of a meeting: items, their order, nesting, numbers and minutes text."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minute_taker.domain.dates import day_month_year
from minute_taker.domain.enums import MeetingStatus, NumberingScheme
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.numbering import SeriesMeeting, SeriesPlan, compute_numbers, plan_series
from minute_taker.domain.records import ItemNode
from minute_taker.domain.richtext import sanitise_html
from minute_taker.services import confirmation
from minute_taker.services._common import (
    check_version,
    editable_meeting,
    follow_passages,
    get,
    item_record,
    optional_text,
    required_text,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Committee, Meeting

ITEM_FIELDS = {"title", "description", "presenter", "confidential", "planned_minutes",
               "started_at", "ended_at"}

# The audit action that records a first number set by hand (detail: {"number_start": n}).
NUMBERED_BY_HAND = "numbered by hand"
# Minutes whose numbers stand: approved ones are the record, and minutes out for review
# carry their numbers in the copy the chair is reading.
NUMBERS_STAND = (MeetingStatus.APPROVED, MeetingStatus.IN_REVIEW)


def list_items(book: MinuteBook, meeting_id: int) -> list[ItemNode]:
    """Every item of the meeting in reading order (depth-first), with its depth."""
    with book.unit_of_work() as session:
        get(session, Meeting, meeting_id, "meeting")
        return _ordered(session, meeting_id)


def get_item(book: MinuteBook, item_id: int) -> ItemNode:
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item")
        return item_record(row, _depth(session, row))


def add_item(book: MinuteBook, meeting_id: int, title: str, *, parent_id: int | None = None,
             after_id: int | None = None, description: str = "",
             presenter: str | None = None, confidential: bool = False,
             uid: str | None = None) -> ItemNode:
    """Add an item under ``parent_id``: after sibling ``after_id``, or last."""
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        if parent_id is not None:
            _item_of(session, parent_id, meeting_id)
        siblings = children(session, meeting_id, parent_id)
        position = len(siblings)
        if after_id is not None:
            after = _item_of(session, after_id, meeting_id)
            if after.parent_id != parent_id:
                raise ValidationError("An item can only be added after one of its siblings.")
            position = siblings.index(after) + 1
        row = AgendaItem(meeting_id=meeting_id, parent_id=parent_id, position=position,
                         title=required_text(title, "item title"), description=description,
                         presenter=optional_text(presenter), confidential=confidential)
        if uid:
            row.uid = uid
        siblings.insert(position, row)
        session.add(row)
        reposition(siblings)
        session.flush()
        renumber_with_series(session, meeting)
        return item_record(row, _depth(session, row))


def update_item(book: MinuteBook, item_id: int, *, expected_version: int | None = None,
                **changes: Any) -> ItemNode:
    """Change the item's fields; ``expected_version``: the item's version the change was
    made on (refused with EditConflictError if someone has changed it since)."""
    unknown = set(changes) - ITEM_FIELDS
    if unknown:
        raise TypeError(f"unknown agenda item fields: {sorted(unknown)}")
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item", for_update=True)
        editable_meeting(session, row.meeting_id)
        check_version(row, expected_version, f"item {row.number} \u201c{row.title}\u201d",
                      changes)
        for key, value in changes.items():
            if key == "title":
                value = required_text(value, "item title")
            elif key == "presenter":
                value = optional_text(value)
            elif key == "description":
                value = value or ""
            elif key == "planned_minutes" and value is not None and value < 0:
                raise ValidationError("A planned duration cannot be negative.")
            setattr(row, key, value)
        session.flush()
        return item_record(row, _depth(session, row))


def get_item_minutes(book: MinuteBook, item_id: int) -> str:
    with book.unit_of_work() as session:
        return get(session, AgendaItem, item_id, "agenda item").minutes_html


def get_item_notes(book: MinuteBook, item_id: int) -> tuple[str, int]:
    """The item's notes and their version (``set_item_minutes``'s ``expected_version``)."""
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item")
        return row.minutes_html, row.notes_version


def set_item_minutes(book: MinuteBook, item_id: int, html: str, *,
                     expected_version: int | None = None) -> int:
    """Store the item's minutes text, reduced to the safe rich-text subset; returns the
    notes' version now. ``expected_version``: the notes' version the text was typed on;
    if someone else has written the notes since, EditConflictError (the text not
    written, and carried by the error as ``kept["minutes_html"]``)."""
    clean = sanitise_html(html)
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item", for_update=True)
        if row.minutes_html == clean:
            return row.notes_version
        editable_meeting(session, row.meeting_id)
        check_version(row, expected_version,
                      f"the notes of item {row.number} \u201c{row.title}\u201d",
                      {"minutes_html": html}, notes=True)
        row.minutes_html = clean
        follow_passages(session, row)
        confirmation.sync_confirmation(session, row, book.actor)
        session.flush()
        return row.notes_version


def delete_item(book: MinuteBook, item_id: int) -> None:
    """Delete an item with its sub-items, decisions and minutes text."""
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item")
        meeting = editable_meeting(session, row.meeting_id)
        siblings = [s for s in children(session, row.meeting_id, row.parent_id) if s is not row]
        session.delete(row)
        reposition(siblings)
        session.flush()
        session.expire_all()
        renumber_with_series(session, meeting)


Place = tuple[int | None, int]  # (parent id, position among its children)


def move_item(book: MinuteBook, item_id: int, parent_id: int | None, position: int) -> ItemNode:
    """Move an item (with its sub-items) to ``position`` among ``parent_id``'s children."""
    return _relocate(book, item_id, lambda _session, _row: (parent_id, position))


def indent_item(book: MinuteBook, item_id: int) -> ItemNode:
    """Make the item the last sub-item of the sibling above it (Tab in the agenda)."""

    def place(session: Session, row: AgendaItem) -> Place:
        siblings = children(session, row.meeting_id, row.parent_id)
        index = siblings.index(row)
        if index == 0:
            raise ValidationError("The first item at a level cannot be indented.")
        new_parent = siblings[index - 1]
        return new_parent.id, len(children(session, row.meeting_id, new_parent.id))

    return _relocate(book, item_id, place)


def outdent_item(book: MinuteBook, item_id: int) -> ItemNode:
    """Make the item the next sibling of its parent (Shift+Tab in the agenda)."""

    def place(session: Session, row: AgendaItem) -> Place:
        if row.parent_id is None:
            raise ValidationError("A top-level item cannot be outdented.")
        parent = get(session, AgendaItem, row.parent_id)
        uncles = children(session, row.meeting_id, parent.parent_id)
        return parent.parent_id, uncles.index(parent) + 1

    return _relocate(book, item_id, place)


def shift_item(book: MinuteBook, item_id: int, offset: int) -> ItemNode:
    """Move an item up (-1) or down (+1) among its siblings."""

    def place(session: Session, row: AgendaItem) -> Place:
        siblings = children(session, row.meeting_id, row.parent_id)
        target = siblings.index(row) + offset
        if not 0 <= target < len(siblings):
            raise ValidationError("The item is already at the edge of its level.")
        return row.parent_id, target

    return _relocate(book, item_id, place)


def _relocate(book: MinuteBook, item_id: int,
              place: Callable[[Session, AgendaItem], Place]) -> ItemNode:
    """Move an item to where ``place`` says, renumber, and return it as it now is."""
    with book.unit_of_work() as session:
        row = get(session, AgendaItem, item_id, "agenda item")
        meeting = editable_meeting(session, row.meeting_id)
        _move(session, row, *place(session, row))
        renumber_with_series(session, meeting)
        return item_record(row, _depth(session, row))


def renumber(session: Session, meeting: Meeting) -> None:
    """Store the numbers the committee's scheme gives the meeting's items now."""
    rows = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                           .order_by(AgendaItem.position, AgendaItem.id)).all()
    children: dict[int | None, list[int]] = defaultdict(list)
    by_id = {}
    for row in rows:
        children[row.parent_id].append(row.id)
        by_id[row.id] = row
    start = meeting.number_start or meeting.committee.number_start
    for item_id, number in compute_numbers(meeting.committee.numbering_scheme, children,
                                           start).items():
        if by_id[item_id].number != number:
            by_id[item_id].number = number
    session.flush()


def renumber_with_series(session: Session, meeting: Meeting) -> SeriesPlan:
    """Renumber ``meeting``, then the drafts of its committee that follow on from it.

    Returns the committee's series plan (see :func:`renumber_series`).
    """
    renumber(session, meeting)
    _refuse_repeats(session, meeting)
    return renumber_series(session, meeting.committee)


def _refuse_repeats(session: Session, meeting: Meeting) -> None:
    """Minutes whose numbers stand (out for review) cannot move on when they grow: refuse
    a change that would make them reuse a number of other minutes whose numbers stand."""
    repeat = repeated_numbers(session, meeting)
    if repeat is not None:
        first, other = repeat
        raise ValidationError(
            f"Item {first} is used by {other}, and these minutes are out for review, so "
            "their numbers cannot move on: the change was not made. Take out an item, or "
            "reopen the later minutes.")


def repeated_numbers(session: Session, meeting: Meeting) -> tuple[int, str] | None:
    """For minutes of a continuous series whose numbers stand: the first number they share
    with other minutes whose numbers stand, and how to name those minutes. None when their
    numbers are their own (or can still move)."""
    committee = meeting.committee
    if committee.numbering_scheme is not NumberingScheme.CONTINUOUS \
            or meeting.status not in NUMBERS_STAND or meeting.number_start is None:
        return None
    session.flush()
    others = [m for m in session.scalars(select(Meeting).where(
        Meeting.committee_id == committee.id, Meeting.id != meeting.id,
        Meeting.status.in_(NUMBERS_STAND), Meeting.number_start.is_not(None)))]
    counts = _top_level_counts(session, [meeting.id, *(m.id for m in others)])
    mine = range(meeting.number_start, meeting.number_start + counts.get(meeting.id, 0))
    for other in sorted(others, key=lambda m: m.number_start or 0):
        assert other.number_start is not None
        theirs = range(other.number_start, other.number_start + counts.get(other.id, 0))
        first = max(mine.start, theirs.start)
        if first < min(mine.stop, theirs.stop):
            return first, _minutes_label(other)
    return None


def _top_level_counts(session: Session, meeting_ids: list[int]) -> dict[int, int]:
    return {meeting_id: count for meeting_id, count in session.execute(
        select(AgendaItem.meeting_id, func.count()).where(
            AgendaItem.meeting_id.in_(meeting_ids), AgendaItem.parent_id.is_(None))
        .group_by(AgendaItem.meeting_id))}


def renumber_series(session: Session, committee: Committee) -> SeriesPlan:
    """Give each draft of a continuously numbered committee the start the series plans.

    Drafts run on in date order without gaps or repeats; minutes whose numbers stand
    are never touched. Returns the plan, whose notes name each draft that had to skip
    numbers already used. Other schemes restart every meeting: nothing to do.
    """
    if committee.numbering_scheme is not NumberingScheme.CONTINUOUS:
        return SeriesPlan()
    rows, plan = _series_plan(session, committee)
    for meeting in rows:
        start = plan.starts.get(meeting.id)
        if meeting.status in NUMBERS_STAND or start is None or start == meeting.number_start:
            continue
        meeting.number_start = start
        renumber(session, meeting)
    return plan


def series_start(session: Session, meeting: Meeting) -> tuple[int, str | None]:
    """Where ``meeting``'s numbers start in its committee's series, and the note saying
    why that skips numbers, if it does."""
    _rows, plan = _series_plan(session, meeting.committee)
    return (plan.starts.get(meeting.id, meeting.committee.number_start),
            plan.notes.get(meeting.id))


def _series_plan(session: Session, committee: Committee) -> tuple[list[Meeting], SeriesPlan]:
    session.flush()
    rows = list(session.scalars(select(Meeting).where(Meeting.committee_id == committee.id)
                                .order_by(Meeting.date, Meeting.id)))
    counts = _top_level_counts(session, [m.id for m in rows])
    pins = _hand_set_starts(session, [m.id for m in rows])
    series = []
    for meeting in rows:
        stands = meeting.status in NUMBERS_STAND
        if stands and meeting.number_start is None:
            continue  # numbered under another scheme before the committee changed to this
        series.append(SeriesMeeting(
            key=meeting.id, count=counts.get(meeting.id, 0),
            label=_minutes_label(meeting),
            fixed_start=meeting.number_start if stands else None,
            pinned_start=None if stands else pins.get(meeting.id)))
    return rows, plan_series(committee.number_start, series)


def _minutes_label(meeting: Meeting) -> str:
    """How a note names the minutes: the approved minutes of 10 March 2026."""
    date = day_month_year(meeting.date, long=True)
    if meeting.status is MeetingStatus.IN_REVIEW:
        return f"the minutes of {date} (out for review)"
    return f"the {meeting.status.label.lower()} minutes of {date}"


def _hand_set_starts(session: Session, meeting_ids: list[int]) -> dict[int, int]:
    """The first numbers a clerk set by hand and has not cleared since."""
    rows = session.execute(select(Meeting.id, Meeting.number_start_typed)
                           .where(Meeting.id.in_(meeting_ids),
                                  Meeting.number_start_typed.is_not(None)))
    return {meeting_id: start for meeting_id, start in rows if start is not None}


def _move(session: Session, row: AgendaItem, parent_id: int | None, position: int) -> None:
    if parent_id is not None:
        ancestor: AgendaItem | None = _item_of(session, parent_id, row.meeting_id)
        while ancestor is not None:
            if ancestor.id == row.id:
                raise ValidationError("An item cannot be moved under itself.")
            ancestor = session.get(AgendaItem, ancestor.parent_id) if ancestor.parent_id else None
    old_siblings = [s for s in children(session, row.meeting_id, row.parent_id) if s is not row]
    reposition(old_siblings)
    new_siblings = [s for s in children(session, row.meeting_id, parent_id) if s is not row]
    position = max(0, min(position, len(new_siblings)))
    new_siblings.insert(position, row)
    row.parent_id = parent_id
    reposition(new_siblings)
    session.flush()


def children(session: Session, meeting_id: int, parent_id: int | None) -> list[AgendaItem]:
    """The items under ``parent_id`` (None: the top level), in the agenda's order."""
    parent_clause = (AgendaItem.parent_id.is_(None) if parent_id is None
                     else AgendaItem.parent_id == parent_id)
    return list(session.scalars(
        select(AgendaItem).where(AgendaItem.meeting_id == meeting_id, parent_clause)
        .order_by(AgendaItem.position, AgendaItem.id)))


def reposition(siblings: list[AgendaItem]) -> None:
    """Positions 0, 1, 2 ... in the order given (after one is added, moved or deleted)."""
    for index, sibling in enumerate(siblings):
        if sibling.position != index:
            sibling.position = index


def _item_of(session: Session, item_id: int, meeting_id: int) -> AgendaItem:
    row = get(session, AgendaItem, item_id, "agenda item")
    if row.meeting_id != meeting_id:
        raise ValidationError("That item belongs to another meeting.")
    return row


def _depth(session: Session, row: AgendaItem) -> int:
    depth, parent_id, seen = 0, row.parent_id, {row.id}
    while parent_id is not None:
        if parent_id in seen:  # a cycle would be corrupt data: fail, never hang
            raise ValidationError("The agenda's nesting is damaged (an item is its own parent).")
        seen.add(parent_id)
        depth += 1
        parent_id = session.scalar(select(AgendaItem.parent_id)
                                   .where(AgendaItem.id == parent_id))
    return depth


def _ordered(session: Session, meeting_id: int) -> list[ItemNode]:
    rows = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting_id)
                           .order_by(AgendaItem.position, AgendaItem.id)).all()
    children: dict[int | None, list[AgendaItem]] = defaultdict(list)
    for row in rows:
        children[row.parent_id].append(row)
    out: list[ItemNode] = []

    def walk(parent_id: int | None, depth: int) -> None:
        for row in children.get(parent_id, ()):
            out.append(item_record(row, depth))
            walk(row.id, depth + 1)

    walk(None, 0)
    return out


def take_up_item(book: MinuteBook, meeting_id: int, item_id: int | None,
                 at: dt.datetime) -> list[ItemNode]:
    """The meeting moves on to ``item_id`` at ``at`` (naive UTC): the item under
    discussion until now ends, and the new one starts (its first start is kept
    when the meeting comes back to it). ``None`` ends the current item only."""
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        running = session.scalars(select(AgendaItem).where(
            AgendaItem.meeting_id == meeting_id, AgendaItem.started_at.is_not(None),
            AgendaItem.ended_at.is_(None), AgendaItem.id != (item_id or 0)))
        for row in running:
            row.ended_at = at
        if item_id is not None:
            row = _item_of(session, item_id, meeting_id)
            # Coming back to an item in the same sitting keeps its first start; a start
            # from another day belongs to an earlier sitting (or an import) and is replaced.
            if row.started_at is None or row.started_at.date() != at.date():
                row.started_at = at
            row.ended_at = None
        session.flush()
        return _ordered(session, meeting_id)
