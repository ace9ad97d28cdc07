"""Actions: who is to do what by when, captured in the meeting and tracked after it."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from sqlalchemy import literal, select
from sqlalchemy.orm import Session, aliased

from minute_taker.domain.enums import ActionStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.owners import resolve_owners
from minute_taker.domain.records import ActionEvent, ActionRow, CommitteeAction, PersonInfo
from minute_taker.services._common import (
    action_record,
    audit,
    check_version,
    editable_meeting,
    get,
    optional_text,
    people_by_nearness,
    person_record,
    required_text,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    Action,
    ActionOwner,
    ActionProgress,
    AgendaItem,
    Committee,
    Meeting,
    Person,
)

ACTION_FIELDS = {"text", "owner_text", "due_date", "due_text", "status", "update", "item_id"}
CLOSING = (ActionStatus.DONE, ActionStatus.DROPPED)
MAX_CARRIES = 1000  # more than eighty years of monthly meetings


def capture_action(book: MinuteBook, meeting_id: int, text: str, *, owner_text: str = "",
                   due_date: dt.date | None = None, due_text: str | None = None,
                   item_id: int | None = None, status: ActionStatus = ActionStatus.OPEN,
                   update: str | None = None, owner_ids: list[int] | None = None,
                   uid: str | None = None) -> ActionRow:
    """Record an action. Owners are linked to people by name, initials or abbreviation
    (people at the meeting first) unless ``owner_ids`` says exactly who."""
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        _check_item(session, item_id, meeting_id)
        count = len(session.scalars(select(Action.id)
                                    .where(Action.meeting_id == meeting_id)).all())
        row = Action(meeting_id=meeting_id, item_id=item_id, position=count,
                     text=required_text(text, "action text"),
                     owner_text=(owner_text or "").strip(), due_date=due_date,
                     due_text=optional_text(due_text), status=ActionStatus(status),
                     update_text=optional_text(update))
        if uid:
            row.uid = uid
        session.add(row)
        session.flush()
        _link_owners(session, row, meeting, owner_ids)
        session.flush()
        return action_record(row, _item_number(session, row.item_id))


def update_action(book: MinuteBook, action_id: int, *, expected_version: int | None = None,
                  **changes: Any) -> ActionRow:
    """Change the action's fields; ``expected_version`` as ``agenda.update_item``'s."""
    unknown = set(changes) - ACTION_FIELDS
    if unknown:
        raise TypeError(f"unknown action fields: {sorted(unknown)}")
    with book.unit_of_work() as session:
        row = get(session, Action, action_id, "action", for_update=True)
        meeting = editable_meeting(session, row.meeting_id)
        check_version(row, expected_version, f"the action \u201c{row.text[:60]}\u201d",
                      changes)
        for key, value in changes.items():
            if key == "text":
                row.text = required_text(value, "action text")
            elif key == "owner_text":
                row.owner_text = (value or "").strip()
                _link_owners(session, row, meeting, None)
            elif key == "due_text":
                row.due_text = optional_text(value)
            elif key == "update":
                row.update_text = optional_text(value)
            elif key == "status":
                status = ActionStatus(value)
                if status is not row.status:
                    audit(session, book.actor, "action", "status", meeting_id=meeting.id,
                          entity_uid=row.uid,
                          detail={"from": row.status.value, "to": status.value})
                row.status = status
            elif key == "item_id":
                _check_item(session, value, meeting.id)
                row.item_id = value
            else:
                setattr(row, key, value)
        session.flush()
        return action_record(row, _item_number(session, row.item_id))


def delete_action(book: MinuteBook, action_id: int) -> None:
    with book.unit_of_work() as session:
        row = get(session, Action, action_id, "action")
        editable_meeting(session, row.meeting_id)
        session.delete(row)


def list_actions(book: MinuteBook, meeting_id: int) -> list[ActionRow]:
    with book.unit_of_work() as session:
        get(session, Meeting, meeting_id, "meeting")
        rows = session.scalars(select(Action).where(Action.meeting_id == meeting_id)
                               .order_by(Action.position, Action.id)).all()
        numbers = dict(session.execute(select(AgendaItem.id, AgendaItem.number)
                                       .where(AgendaItem.meeting_id == meeting_id)).all())
        carried = _carried_into(session, [r.id for r in rows])
        return [replace(action_record(r, numbers.get(r.item_id) if r.item_id else None),
                        carried_into=carried.get(r.id)) for r in rows]


def _carried_into(session: Session, action_ids: list[int]) -> dict[int, dt.date]:
    """For each action continued in a later meeting, that meeting's date (the first, if
    it was carried twice)."""
    rows = session.execute(
        select(Action.carried_from_id, Meeting.date)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .where(Action.carried_from_id.in_(action_ids))
        .order_by(Meeting.date.desc())).all()
    return {from_id: date for from_id, date in rows if from_id is not None}


def get_action(book: MinuteBook, action_id: int) -> ActionRow:
    with book.unit_of_work() as session:
        row = get(session, Action, action_id, "action")
        return action_record(row, _item_number(session, row.item_id))


def _check_item(session: Session, item_id: int | None, meeting_id: int) -> None:
    if item_id is not None and get(session, AgendaItem, item_id).meeting_id != meeting_id:
        raise ValidationError("That item belongs to another meeting.")


def _item_number(session: Session, item_id: int | None) -> str | None:
    if item_id is None:
        return None
    return session.scalar(select(AgendaItem.number).where(AgendaItem.id == item_id))


def _link_owners(session: Session, row: Action, meeting: Meeting,
                 owner_ids: list[int] | None) -> None:
    if owner_ids is None:
        owner_ids = [p.id for p in resolve_owners(row.owner_text, _candidates(session, meeting))]
    owner_ids = list(dict.fromkeys(owner_ids))
    for person_id in owner_ids:
        get(session, Person, person_id, "person")
    row.owners = [ActionOwner(person_id=pid, position=i) for i, pid in enumerate(owner_ids)]


def _candidates(session: Session, meeting: Meeting) -> list[PersonInfo]:
    """People at the meeting, then the committee's people, then everyone in the book."""
    near, rest = people_by_nearness(session, meeting)
    return [person_record(p) for p in [*near, *rest]]


def list_outstanding(book: MinuteBook, meeting_id: int) -> list[ActionRow]:
    """Open actions of the committee's earlier meetings not yet carried into this one.

    Oldest meeting first, then in each meeting's order: the list a chair goes through
    under "Matters arising".
    """
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        # An action carried forward lives on in its successor: list that one instead.
        successor = aliased(Action)
        has_successor = select(successor.id).where(successor.carried_from_id == Action.id)
        rows = session.execute(
            select(Action, Meeting.date)
            .join(Meeting, Meeting.id == Action.meeting_id)
            .where(Meeting.committee_id == meeting.committee_id, Meeting.id != meeting_id,
                   (Meeting.date < meeting.date)
                   | ((Meeting.date == meeting.date) & (Meeting.id < meeting.id)),
                   Action.status.in_([ActionStatus.OPEN, ActionStatus.CARRIED_FORWARD]),
                   ~has_successor.exists())
            .order_by(Meeting.date, Meeting.id, Action.position, Action.id)).all()
        numbers = dict(session.execute(
            select(AgendaItem.id, AgendaItem.number)
            .where(AgendaItem.id.in_([a.item_id for a, _ in rows if a.item_id]))).all())
        records = [action_record(row, numbers.get(row.item_id) if row.item_id else None)
                   for row, _date in rows]
        return [r for r in _as_registered(session, records, today=meeting.date)
                if r.status not in CLOSING]


def list_committee_actions(book: MinuteBook, committee_id: int, *,
                           outstanding_only: bool = True) -> list[CommitteeAction]:
    """Every action of the committee's meetings, oldest meeting first; outstanding only:
    still open and not carried forward into a later meeting (the later copy is listed)."""
    with book.unit_of_work() as session:
        committee = get(session, Committee, committee_id, "committee")
        successor = aliased(Action)
        query = (select(Action, Meeting)
                 .join(Meeting, Meeting.id == Action.meeting_id)
                 .where(Meeting.committee_id == committee.id)
                 .order_by(Meeting.date, Meeting.id, Action.position, Action.id))
        if outstanding_only:
            has_successor = select(successor.id).where(successor.carried_from_id == Action.id)
            query = query.where(
                Action.status.in_([ActionStatus.OPEN, ActionStatus.CARRIED_FORWARD]),
                ~has_successor.exists())
        rows = session.execute(query).all()
        items = {row.id: row for row in session.scalars(
            select(AgendaItem).where(AgendaItem.id.in_([a.item_id for a, _ in rows
                                                        if a.item_id])))}
        records = _as_registered(session, [
            action_record(action, items[action.item_id].number
                          if action.item_id in items else None)
            for action, _meeting in rows], today=dt.date.today())
        out = []
        for record, (action, meeting) in zip(records, rows, strict=True):
            if outstanding_only and record.status in CLOSING:
                continue  # reported done or dropped since its meeting
            item = items.get(action.item_id) if action.item_id else None
            out.append(CommitteeAction(
                action=record, committee_name=committee.name, meeting_date=meeting.date,
                meeting_title=meeting.title, confidential=_confidential(session, item)))
        return out


def record_progress(book: MinuteBook, action_id: int, *, status: ActionStatus | str | None = None,
                    note: str | None = None) -> ActionRow:
    """What became of an action after its meeting: an update given, done, dropped or open
    again, recorded beside the minutes, which stay as they were (their approval covers
    them). For the committee's register: an open action of approved minutes can be marked
    done without carrying it into a later meeting."""
    new_status = ActionStatus(status) if status else None
    if new_status is ActionStatus.CARRIED_FORWARD:
        raise ValidationError("An action is carried forward by bringing it into a later "
                              "meeting (Carry forward), not by its status.")
    text = optional_text(note)
    if new_status is None and text is None:
        raise ValidationError("Say what became of the action: an update, or done, dropped "
                              "or open.")
    with book.unit_of_work() as session:
        row = get(session, Action, action_id, "action")
        session.add(ActionProgress(action_id=row.id, recorded_by=book.actor,
                                   status=new_status, note=text))
        audit(session, book.actor, "action", "progress", meeting_id=row.meeting_id,
              entity_uid=row.uid,
              detail={"status": new_status.value if new_status else None, "note": text})
        session.flush()
        [record] = _as_registered(session, [action_record(row, _item_number(
            session, row.item_id))], today=dt.date.today())
        return record


def action_history(book: MinuteBook, action_id: int) -> list[ActionEvent]:
    """The whole life of an action, oldest first: the meeting that raised it, each meeting
    it was carried into (with what those minutes say of it) and the progress recorded
    between meetings, whichever copy of it ``action_id`` is."""
    with book.unit_of_work() as session:
        get(session, Action, action_id, "action")
        chain = _series_chain(session, action_id)
        rows = {action.id: (action, meeting, number) for action, meeting, number in
                session.execute(select(Action, Meeting, AgendaItem.number)
                                .join(Meeting, Meeting.id == Action.meeting_id)
                                .outerjoin(AgendaItem, AgendaItem.id == Action.item_id)
                                .where(Action.id.in_(chain)))}
        progress = session.scalars(select(ActionProgress)
                                   .where(ActionProgress.action_id.in_(chain))
                                   .order_by(ActionProgress.at, ActionProgress.id)).all()
        events = []
        for index, link in enumerate(chain):
            action, meeting, number = rows[link]
            events.append(ActionEvent(
                on=meeting.date, kind="carried forward" if index else "raised",
                where=meeting.title + (f", item {number}" if number else ""),
                status=action.status, note=action.update_text, action_id=action.id))
        for entry in progress:
            local = entry.at.replace(tzinfo=dt.UTC).astimezone()
            events.append(ActionEvent(on=local.date(), kind="progress", status=entry.status,
                                      note=entry.note, by=entry.recorded_by,
                                      action_id=entry.action_id))
        # A stable sort: on one day, the meeting's record before progress recorded that day.
        return sorted(events, key=lambda event: event.on)


def _series_chain(session: Session, action_id: int) -> list[int]:
    """The copies of one action, first raised to latest: the links back from ``action_id``,
    then forward through the meeting each was next carried into (the earliest, if an action
    was carried twice)."""
    chain = [action_id]
    while len(chain) < MAX_CARRIES:
        earlier = session.scalar(select(Action.carried_from_id).where(Action.id == chain[0]))
        if earlier is None or earlier in chain:
            break
        chain.insert(0, earlier)
    while len(chain) < MAX_CARRIES:
        later = session.scalar(
            select(Action.id).join(Meeting, Meeting.id == Action.meeting_id)
            .where(Action.carried_from_id == chain[-1])
            .order_by(Meeting.date, Action.id).limit(1))
        if later is None or later in chain:
            break
        chain.append(later)
    return chain


def _as_registered(session: Session, records: list[ActionRow], *,
                   today: dt.date) -> list[ActionRow]:
    """The actions as the committee's register knows them now: the status and update of
    their latest progress (if any) over what their minutes said, and where each was first
    raised (its series: the action it continues, back to the first)."""
    ids = [r.id for r in records]
    if not ids:
        return records
    progress: dict[int, tuple[ActionStatus | None, str | None]] = {}
    for action_id, status, note in session.execute(
            select(ActionProgress.action_id, ActionProgress.status, ActionProgress.note)
            .where(ActionProgress.action_id.in_(ids))
            .order_by(ActionProgress.at, ActionProgress.id)):
        last_status, last_note = progress.get(action_id, (None, None))
        progress[action_id] = (status or last_status, note or last_note)
    roots = _series_roots(session, ids)
    raised = {action_id: (uid, date, number) for action_id, uid, date, number in session.execute(
        select(Action.id, Action.uid, Meeting.date, AgendaItem.number)
        .join(Meeting, Meeting.id == Action.meeting_id)
        .outerjoin(AgendaItem, AgendaItem.id == Action.item_id)
        .where(Action.id.in_(set(roots.values()))))}
    out = []
    for record in records:
        status, note = progress.get(record.id, (None, None))
        uid, date, number = raised[roots[record.id]]
        origin = f"{date:%d %b %Y}" + (f", item {number}" if number else "")
        months = (today.year - date.year) * 12 + today.month - date.month
        if months >= 1:
            origin += f"; open {months} month{'s' if months != 1 else ''}"
        out.append(replace(record, status=status or record.status,
                           update=note or record.update, series_uid=uid, raised_on=date,
                           origin=origin))
    return out


def _series_roots(session: Session, ids: list[int]) -> dict[int, int]:
    """Each action's first action: the one it continues, and that one's, back to the
    action first raised. One recursive query walking up the links by primary key (the
    same on SQLite and PostgreSQL)."""
    start = (select(Action.id.label("start"), Action.id.label("at"),
                    Action.carried_from_id.label("up"), literal(0).label("hops"))
             .where(Action.id.in_(ids)).cte("series", recursive=True))
    earlier = aliased(Action)
    series = start.union_all(
        select(start.c.start, earlier.id, earlier.carried_from_id, start.c.hops + 1)
        .join(earlier, earlier.id == start.c.up)
        .where(start.c.hops < MAX_CARRIES))  # a link looping back cannot run for ever
    roots = {first: first for first in ids}  # a series cut short ends where it is cut
    for first, at, _hops in session.execute(
            select(series.c.start, series.c.at, series.c.hops)
            .where(series.c.up.is_(None) | (series.c.hops == MAX_CARRIES))):
        roots[first] = at
    return roots


def _confidential(session: Session, item: AgendaItem | None) -> bool:
    while item is not None:
        if item.confidential:
            return True
        item = session.get(AgendaItem, item.parent_id) if item.parent_id else None
    return False


def carry_forward(book: MinuteBook, meeting_id: int, action_ids: list[int],
                  item_id: int | None) -> list[ActionRow]:
    """Bring earlier actions into this meeting (under ``item_id``, usually "Matters
    arising"), each as a new open action linked to the one it continues. Owners, due
    dates and wording come along; the earlier meeting is not changed."""
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        _check_item(session, item_id, meeting_id)
        count = len(session.scalars(select(Action.id)
                                    .where(Action.meeting_id == meeting_id)).all())
        created = []
        for offset, action_id in enumerate(action_ids):
            old = get(session, Action, action_id, "action")
            source = session.get(Meeting, old.meeting_id)
            if source is None or source.committee_id != meeting.committee_id:
                raise ValidationError("Only a committee's own actions can be carried forward.")
            new = Action(meeting_id=meeting_id, item_id=item_id, position=count + offset,
                         text=old.text, owner_text=old.owner_text, due_date=old.due_date,
                         due_text=old.due_text, status=ActionStatus.OPEN,
                         carried_from_id=old.id)
            new.owners = [ActionOwner(person_id=o.person_id, position=o.position)
                          for o in old.owners]
            session.add(new)
            # The earlier minutes keep what they said of the action (their approval covers
            # it): that it went on is the later action's link back, and the history's.
            audit(session, book.actor, "action", "carried forward", meeting_id=old.meeting_id,
                  entity_uid=old.uid,
                  detail={"into_meeting": meeting.uid, "into_action": new.uid})
            created.append(new)
        session.flush()
        return [action_record(a, _item_number(session, a.item_id)) for a in created]
