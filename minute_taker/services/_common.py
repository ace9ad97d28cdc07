"""Lookups and conversions shared by the service modules."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any, TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minute_taker.domain import records
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.decision_marks import passages
from minute_taker.domain.enums import AttendanceRole
from minute_taker.domain.errors import EditConflictError, NotFoundError, ValidationError
from minute_taker.domain.rules import ensure_editable
from minute_taker.domain.timekeeping import utc_to_local
from minute_taker.store.models import (
    Action,
    AgendaItem,
    Attendance,
    AuditEntry,
    Base,
    Committee,
    CommitteeMember,
    Decision,
    Meeting,
    Person,
    Versioned,
)

M = TypeVar("M", bound=Base)


def get(session: Session, model: type[M], key: int, what: str | None = None, *,
        for_update: bool = False) -> M:
    """The row, or NotFoundError. ``for_update``: locked until the transaction ends, so
    an edit checked against its version (``check_version``) is the only one writing it
    (PostgreSQL's SELECT ... FOR UPDATE; SQLite, which has no row locks and ignores it,
    lets one transaction write at a time and refuses a write on a stale read)."""
    row = session.get(model, key, with_for_update=for_update or None)
    if row is None:
        raise NotFoundError(f"No {what or model.__tablename__.replace('_', ' ')} with id {key}.")
    return row


def editable_meeting(session: Session, meeting_id: int, *, for_update: bool = False
                     ) -> Meeting:
    meeting = get(session, Meeting, meeting_id, "meeting", for_update=for_update)
    ensure_editable(meeting.status, f"“{meeting.title}”")
    return meeting


def check_version(row: Versioned, expected: int | None, what: str, kept: dict[str, Any],
                  *, notes: bool = False) -> None:
    """Refuse an edit made on an older version of the row than the book now holds:
    someone else changed it after the user read it, and writing would lose their change
    unseen. ``expected``: the version the user's edit was made on (None: not checked,
    for imports and the command line); ``what`` names the row as a sentence's object
    ("item 5 “Budget”"); ``notes``: the item's notes' version. ``kept`` is
    the refused change, carried by the error so the user's words are not lost."""
    current = row.notes_version if notes else row.version  # type: ignore[attr-defined]
    if expected is None or expected == current:
        return
    who = row.changed_by or "Someone else"
    when = ""
    if row.changed_at is not None:
        moment = utc_to_local(row.changed_at)
        when = f"at {moment:%H:%M}" if moment.date() == dt.date.today() \
            else f"on {day_month_year(moment.date())} at {moment:%H:%M}"
    raise EditConflictError(
        f"{who} changed {what}{' ' if when else ''}{when}, after you began this edit, so "
        f"your change was not saved over theirs.{_what_you_wrote(kept)} Look at their "
        "change and make yours again.", kept=kept, who=who, when=when)


def _what_you_wrote(kept: dict[str, Any]) -> str:
    """The words of a refused edit, to say again in its message (where a pane shows the
    book's words once more); the notes' are kept in the editor, and not said here."""
    words = [f"\u201c{value}\u201d" for key, value in kept.items()
             if isinstance(value, str) and value.strip() and key != "minutes_html"]
    return f" You wrote {', '.join(words)}." if words else ""


def required_text(value: str | None, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise ValidationError(f"The {what} cannot be empty.")
    return text


def optional_text(value: str | None) -> str | None:
    text = (value or "").strip()
    return text or None


def audit(session: Session, actor: str, entity: str, action: str, *,
          meeting_id: int | None = None, entity_uid: str | None = None,
          detail: dict[str, Any] | str | None = None, reason: str | None = None) -> None:
    if isinstance(detail, dict):
        detail = json.dumps(detail, sort_keys=True, default=str)
    session.add(AuditEntry(actor=actor, entity=entity, action=action, meeting_id=meeting_id,
                           entity_uid=entity_uid, detail=detail, reason=reason))


def committee_record(row: Committee) -> records.CommitteeInfo:
    return records.CommitteeInfo(
        id=row.id, uid=row.uid, name=row.name, short_name=row.short_name,
        numbering_scheme=row.numbering_scheme, number_start=row.number_start,
        house_style=row.house_style,
        standing_items=tuple(records.StandingItem(s.title, s.description)
                             for s in row.standing_items),
        abbreviations=tuple(records.Abbreviation(a.short, a.expansion)
                            for a in row.abbreviations),
        contact_name=row.contact_name, contact_details=row.contact_details,
        quorum=row.quorum, version=row.version,
    )


def person_record(row: Person) -> records.PersonInfo:
    return records.PersonInfo(
        id=row.id, uid=row.uid, name=row.name, title=row.title, role=row.role,
        abbreviation=row.abbreviation, initials=row.initials,
        organisation=row.organisation, email=row.email, version=row.version,
    )


def item_record(row: AgendaItem, depth: int = 0) -> records.ItemNode:
    return records.ItemNode(
        id=row.id, uid=row.uid, meeting_id=row.meeting_id, parent_id=row.parent_id,
        position=row.position, number=row.number, title=row.title,
        description=row.description, presenter=row.presenter,
        confidential=row.confidential, started_at=row.started_at, ended_at=row.ended_at,
        planned_minutes=row.planned_minutes, depth=depth, version=row.version,
        notes_version=row.notes_version,
    )


def action_record(row: Action, item_number: str | None) -> records.ActionRow:
    return records.ActionRow(
        id=row.id, uid=row.uid, meeting_id=row.meeting_id, item_id=row.item_id,
        item_number=item_number, text=row.text, owner_text=row.owner_text,
        owner_ids=tuple(o.person_id for o in row.owners), due_date=row.due_date,
        due_text=row.due_text, status=row.status, update=row.update_text,
        carried_from_id=row.carried_from_id, version=row.version,
    )


# --- attendance rows (services/attendance.py and services/roll_call.py) ----------------

def find_attendance(session: Session, meeting_id: int, person_id: int) -> Attendance | None:
    """The person's attendance row at the meeting, if they have one."""
    return session.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                   Attendance.person_id == person_id))


def new_attendance_row(session: Session, meeting_id: int, person_id: int) -> Attendance:
    """A new attendance row for the person, after the meeting's last."""
    last = session.scalar(select(func.max(Attendance.position))
                          .where(Attendance.meeting_id == meeting_id))
    row = Attendance(meeting_id=meeting_id, person_id=person_id,
                     position=0 if last is None else last + 1)
    session.add(row)
    return row


def plain_role(role: AttendanceRole) -> AttendanceRole:
    """A role that needs no more detail: a substitute must be named one by one."""
    role = AttendanceRole(role)
    return AttendanceRole.MEMBER if role is AttendanceRole.SUBSTITUTE else role


def people_by_nearness(session: Session, meeting: Meeting) -> tuple[list[Person], list[Person]]:
    """Where a name typed in the minutes is looked for: those at the meeting and the
    committee's members first (in their order, each once), then everyone else in the
    book (an ACTION line's owners, a roll line's names)."""
    attending = session.scalars(select(Person).join(Attendance, Attendance.person_id == Person.id)
                                .where(Attendance.meeting_id == meeting.id)
                                .order_by(Attendance.position)).all()
    members = session.scalars(select(Person)
                              .join(CommitteeMember, CommitteeMember.person_id == Person.id)
                              .where(CommitteeMember.committee_id == meeting.committee_id)
                              .order_by(CommitteeMember.position)).all()
    near = list(dict.fromkeys([*attending, *members]))
    rest = [p for p in session.scalars(select(Person).order_by(Person.id)) if p not in near]
    return near, rest


def follow_passages(session: Session, item: AgendaItem) -> None:
    """Each decision kept in the item's notes takes the words its passage has now (a
    list and a search show them). A decision whose passage is gone from the notes keeps
    its last words and is printed after the notes: nothing decided is lost by an edit."""
    found = passages(item.minutes_html)
    if not found:
        return
    for decision in session.scalars(select(Decision).where(Decision.item_id == item.id,
                                                           Decision.in_notes)):
        words = found.get(decision.uid)
        if words and words != decision.text:
            decision.text = words
