"""The roll call typed in the minutes, recorded as attendance.

``record_roll_line`` reads a line such as "Apologies: Cllrs Dakin, Mackay and
Turley" (the grammar is in domain/roll_call.py) against the meeting's and the
committee's people, then everyone in the book, and records it in one transaction.
What it changed comes back as a ``RollSnapshot``, which ``undo_roll`` and
``redo_roll`` replay exactly, as history.py does for items and actions.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from minute_taker.domain.attendance_notes import capacity_label
from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.records import Abbreviation
from minute_taker.domain.roll_call import (
    Directory,
    Found,
    Report,
    RollKind,
    RollMark,
    Who,
    identity,
    parse_roll_line,
    plan_roll,
)
from minute_taker.services._common import (
    editable_meeting,
    find_attendance,
    get,
    new_attendance_row,
    people_by_nearness,
    person_record,
    plain_role,
)
from minute_taker.services.people import derive_initials
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    ActionOwner,
    Attendance,
    Base,
    CommitteeMember,
    Decision,
    Declaration,
    Meeting,
    Person,
)

Row = dict[str, Any]
States = tuple[tuple[int, Row | None], ...]  # person id, attendance columns (None: not listed)


@dataclass(frozen=True)
class RollSnapshot:
    """What a roll line changed: the people it added, and each person's attendance
    before and after."""

    meeting_id: int
    people: tuple[Row, ...]
    before: States
    after: States

    @property
    def changed(self) -> bool:
        return bool(self.people) or self.before != self.after


@dataclass(frozen=True)
class RollRecorded:
    kind: RollKind
    recorded: tuple[str, ...]  # as the book names them, in the order the line did
    new_people: tuple[str, ...]
    reports: tuple[Report, ...]
    snapshot: RollSnapshot


def record_roll_line(book: MinuteBook, meeting_id: int, line: str) -> RollRecorded | None:
    """Record the attendance ``line`` states; None when it is not a roll line.

    Names nobody in the book has become new people (with the title and capacity
    typed); names that match two people, abbreviations and roles nobody holds, and
    words that are not names are reported, not guessed.
    """
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        directory = _directory(session, meeting)
        parsed = parse_roll_line(line, keep_whole=directory.phrases())
        if parsed is None:
            return None
        plan = plan_roll(parsed, directory)
        writer = _RollWriter(session, meeting)
        recorded = [writer.mark(mark) for mark in plan.marks]
        session.flush()
        after = tuple((pid, _columns(find_attendance(session, meeting_id, pid)))
                      for pid in writer.before)
        snapshot = RollSnapshot(meeting_id, tuple(_columns(p) or {} for p in writer.created),
                                tuple(writer.before.items()), after)
        return RollRecorded(
            kind=plan.kind, recorded=tuple(dict.fromkeys(n for n in recorded if n)),
            new_people=tuple(_display_name(p) for p in writer.created),
            reports=plan.reports, snapshot=snapshot)


def undo_roll(book: MinuteBook, snapshot: RollSnapshot) -> None:
    """Put everyone's attendance back as it was, and take out the people the line added
    (unless something else now refers to them)."""
    with book.unit_of_work() as session:
        editable_meeting(session, snapshot.meeting_id)
        for person_id, state in snapshot.before:
            _set_row(session, snapshot.meeting_id, person_id, state)
        session.flush()
        for row in snapshot.people:
            person = session.get(Person, row["id"])
            if person is not None and not _referenced(session, person.id):
                session.delete(person)


def redo_roll(book: MinuteBook, snapshot: RollSnapshot) -> RollSnapshot:
    """Record the line again, exactly; returns the snapshot to undo it by (a person
    added again gets a new id only if theirs was taken meanwhile)."""
    with book.unit_of_work() as session:
        editable_meeting(session, snapshot.meeting_id)
        new_ids: dict[int, int] = {}
        people = []
        for row in snapshot.people:
            person = session.scalar(select(Person).where(Person.uid == row["uid"]))
            if person is None:
                values = dict(row)
                if session.get(Person, values["id"]) is not None:
                    del values["id"]
                person = Person(**values)
                session.add(person)
                session.flush()
            new_ids[row["id"]] = person.id
            people.append(_columns(person) or {})
        before = _renumbered(snapshot.before, new_ids)
        after = _renumbered(snapshot.after, new_ids)
        for person_id, state in after:
            _set_row(session, snapshot.meeting_id, person_id, state)
        return RollSnapshot(snapshot.meeting_id, tuple(people), before, after)


class _RollWriter:
    """Applies a plan's marks, noting each person's attendance before the first."""

    def __init__(self, session: Session, meeting: Meeting) -> None:
        self.session, self.meeting = session, meeting
        self.created: list[Person] = []
        self.before: dict[int, Row | None] = {}
        self._new: dict[tuple[str, ...], Person] = {}
        self._committee_roles = {member.person_id: member.role for member in session.scalars(
            select(CommitteeMember).where(CommitteeMember.committee_id == meeting.committee_id))}

    def person(self, who: Who) -> Person:
        if isinstance(who, Found):
            return get(self.session, Person, who.person.id, "person")
        key = identity(who)
        if key not in self._new:
            person = Person(name=who.ref.name, title=who.ref.title, role=who.role,
                            abbreviation=who.abbreviation, initials=derive_initials(who.ref.name))
            self.session.add(person)
            self.session.flush()
            self._new[key] = person
            self.created.append(person)
        return self._new[key]

    def mark(self, mark: RollMark) -> str | None:
        """Record one mark; the name recorded, or None when there was nothing to change."""
        person = self.person(mark.who)
        whom = self.person(mark.substitute_for) if mark.substitute_for else None
        row = find_attendance(self.session, self.meeting.id, person.id)
        self.before.setdefault(person.id, _columns(row))
        if mark.implied and row is not None and row.status in (AttendanceStatus.ABSENT,
                                                               AttendanceStatus.APOLOGIES):
            return None
        if row is None:
            row = new_attendance_row(self.session, self.meeting.id, person.id)
            row.role = plain_role(self._committee_roles.get(person.id, AttendanceRole.MEMBER))
            row.capacity = capacity_label(person.role, person.abbreviation)
        row.status = mark.status
        if mark.role is not None:
            row.role = mark.role
        if whom is not None:
            row.substitute_for_id = whom.id
        elif row.role is not AttendanceRole.SUBSTITUTE:
            row.substitute_for_id = None
        if typed := mark.who.ref.capacity:
            same = typed.casefold() == (person.abbreviation or "").casefold()
            row.capacity = capacity_label(person.role, person.abbreviation) if same else typed
        return _display_name(person)


def _directory(session: Session, meeting: Meeting) -> Directory:
    """Those at the meeting and the committee's people first, then everyone else."""
    near, rest = people_by_nearness(session, meeting)
    glossary = tuple(Abbreviation(a.short, a.expansion) for a in meeting.committee.abbreviations)
    return Directory(tiers=(tuple(map(person_record, near)), tuple(map(person_record, rest))),
                     abbreviations=glossary)


def _set_row(session: Session, meeting_id: int, person_id: int, state: Row | None) -> None:
    row = find_attendance(session, meeting_id, person_id)
    if state is None:
        if row is not None:
            session.delete(row)
        return
    if row is None:
        row = Attendance(meeting_id=meeting_id, person_id=person_id)
        session.add(row)
    for key, value in state.items():
        if key not in ("id", "meeting_id", "person_id"):
            setattr(row, key, value)


def _referenced(session: Session, person_id: int) -> bool:
    """Whether anything in the book still names the person."""
    checks = (
        select(Attendance.id).where(or_(Attendance.person_id == person_id,
                                        Attendance.substitute_for_id == person_id)),
        select(Declaration.id).where(Declaration.person_id == person_id),
        select(ActionOwner.action_id).where(ActionOwner.person_id == person_id),
        select(CommitteeMember.committee_id).where(CommitteeMember.person_id == person_id),
        select(Meeting.id).where(or_(Meeting.chair_id == person_id,
                                     Meeting.minute_taker_id == person_id)),
        select(Decision.id).where(or_(Decision.mover_id == person_id,
                                      Decision.seconder_id == person_id)),
    )
    return any(session.scalar(check.limit(1)) is not None for check in checks)


def _renumbered(states: States, new_ids: dict[int, int]) -> States:
    renumbered = []
    for person_id, state in states:
        if state is not None:
            sub = state.get("substitute_for_id")
            state = {**state, "person_id": new_ids.get(person_id, person_id),
                     "substitute_for_id": new_ids.get(sub, sub) if sub is not None else None}
        renumbered.append((new_ids.get(person_id, person_id), state))
    return tuple(renumbered)


def _columns(row: Base | None) -> Row | None:
    if row is None:
        return None
    return {attr.key: getattr(row, attr.key) for attr in row.__mapper__.column_attrs}


def _display_name(person: Person) -> str:
    return f"{person.title} {person.name}" if person.title else person.name
