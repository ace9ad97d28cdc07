"""Who attended, in what capacity, who sent apologies, who came late or left early."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain.attendance_notes import (
    Movement,
    capacity_label,
    movement_sentence,
    movement_subject,
)
from minute_taker.domain.attendance_wording import listed_organisation, substitute_listing
from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import AttendanceRow, DeclarationRow
from minute_taker.services import agenda
from minute_taker.services._common import (
    check_version,
    editable_meeting,
    find_attendance,
    get,
    new_attendance_row,
    optional_text,
    plain_role,
    required_text,
)
from minute_taker.services.people import derive_initials, person_named
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    AgendaItem,
    Attendance,
    CommitteeMember,
    Declaration,
    Meeting,
    Person,
)

ATTENDANCE_FIELDS = {"status", "role", "capacity", "substitute_for_id", "arrived_item_id",
                     "arrived_at", "left_item_id", "left_at"}
DECLARATION_FIELDS = {"person_id", "item_id", "interest", "nature", "made_at_item_id"}


def record_attendance(book: MinuteBook, meeting_id: int, person_id: int, *,
                      status: AttendanceStatus = AttendanceStatus.PRESENT,
                      role: AttendanceRole = AttendanceRole.MEMBER,
                      capacity: str | None = None,
                      substitute_for_id: int | None = None) -> AttendanceRow:
    """Add or update one person's attendance at a meeting."""
    role = AttendanceRole(role)
    _check_substitute(role, person_id, substitute_for_id)
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        get(session, Person, person_id, "person")
        if substitute_for_id is not None:
            get(session, Person, substitute_for_id, "person")
        row = find_attendance(session, meeting_id, person_id)
        if row is None:
            row = new_attendance_row(session, meeting_id, person_id)
        row.status = AttendanceStatus(status)
        row.role = role
        row.capacity = optional_text(capacity)
        row.substitute_for_id = substitute_for_id if role is AttendanceRole.SUBSTITUTE else None
        session.flush()
        return _record(row)


def update_attendance(book: MinuteBook, meeting_id: int, person_id: int, *,
                      expected_version: int | None = None, **changes: Any) -> AttendanceRow:
    """Change some of a recorded person's attendance and keep the rest.

    Naming whom someone substitutes for makes them a substitute; clearing it
    makes a substitute a member again. ``expected_version`` as
    ``agenda.update_item``'s.
    """
    unknown = set(changes) - ATTENDANCE_FIELDS
    if unknown:
        raise TypeError(f"unknown attendance fields: {sorted(unknown)}")
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        row = find_attendance(session, meeting_id, person_id)
        if row is None:
            raise NotFoundError("That person is not recorded at this meeting.")
        check_version(row, expected_version, f"{row.person.name}'s attendance", changes)
        if "substitute_for_id" in changes and "role" not in changes:
            if changes["substitute_for_id"] is not None:
                changes["role"] = AttendanceRole.SUBSTITUTE
            elif row.role is AttendanceRole.SUBSTITUTE:
                changes["role"] = AttendanceRole.MEMBER
        role = AttendanceRole(changes.get("role", row.role))
        substitute_for_id = changes.get("substitute_for_id", row.substitute_for_id)
        if role is not AttendanceRole.SUBSTITUTE:
            substitute_for_id = None
        _check_substitute(role, person_id, substitute_for_id)
        if substitute_for_id is not None:
            get(session, Person, substitute_for_id, "person")
        row.status = AttendanceStatus(changes.get("status", row.status))
        row.role, row.substitute_for_id = role, substitute_for_id
        if "capacity" in changes:
            row.capacity = optional_text(changes["capacity"])
        _apply_movements(session, row, changes)
        session.flush()
        return _record(row)


def add_attendee(book: MinuteBook, meeting_id: int, name: str, *,
                 capacity: str | None = None, abbreviation: str | None = None,
                 status: AttendanceStatus = AttendanceStatus.PRESENT,
                 role: AttendanceRole = AttendanceRole.MEMBER) -> AttendanceRow:
    """Record someone by name: a person already in the book, or a new one.

    A new person keeps the capacity as their role and the abbreviation (DCC) by
    which minutes name them. Someone already recorded keeps their status; a
    capacity typed now replaces theirs.
    """
    name = required_text(name, "person's name")
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        person = person_named(session, name)
        if person is None:
            person = Person(name=name, role=optional_text(capacity),
                            abbreviation=optional_text(abbreviation),
                            initials=derive_initials(name))
            session.add(person)
            session.flush()
        label = capacity_label(capacity or person.role, abbreviation or person.abbreviation)
        row = find_attendance(session, meeting_id, person.id)
        if row is None:
            row = new_attendance_row(session, meeting_id, person.id)
            row.status, row.role = AttendanceStatus(status), plain_role(role)
            row.capacity = label
        elif optional_text(capacity):
            row.capacity = label
        session.flush()
        return _record(row)


def prefill_from_committee(book: MinuteBook, meeting_id: int) -> list[AttendanceRow]:
    """Record every member of the meeting's committee not yet recorded, as present.

    Returns the rows added (none when everyone is already there); each gets the
    capacity the person is known by, "Deputy Chief Constable (DCC)".
    """
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        recorded = set(session.scalars(select(Attendance.person_id)
                                       .where(Attendance.meeting_id == meeting_id)))
        members = session.scalars(select(CommitteeMember)
                                  .where(CommitteeMember.committee_id == meeting.committee_id)
                                  .order_by(CommitteeMember.position)).all()
        added = []
        for member in members:
            if member.person_id in recorded:
                continue
            person = get(session, Person, member.person_id, "person")
            row = new_attendance_row(session, meeting_id, person.id)
            row.status, row.role = AttendanceStatus.PRESENT, plain_role(member.role)
            row.capacity = capacity_label(person.role, person.abbreviation)
            added.append(row)
        session.flush()
        return [_record(r) for r in added]


def record_arrival(book: MinuteBook, meeting_id: int, person_id: int, *,
                   during_item_id: int | None, at: dt.time | None) -> AttendanceRow:
    """The person arrived during ``during_item_id`` (shown as "arrived during item 5")."""
    return _record_movement(book, meeting_id, person_id, "arrived", during_item_id, at)


def record_departure(book: MinuteBook, meeting_id: int, person_id: int, *,
                     after_item_id: int | None, at: dt.time | None) -> AttendanceRow:
    """The person left after ``after_item_id`` ("The ACC left the meeting after item 1.2")."""
    return _record_movement(book, meeting_id, person_id, "left", after_item_id, at)


def _record_movement(book: MinuteBook, meeting_id: int, person_id: int, kind: str,
                     item_id: int | None, at: dt.time | None) -> AttendanceRow:
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        row = find_attendance(session, meeting_id, person_id)
        if row is None or row.status is not AttendanceStatus.PRESENT:
            raise ValidationError("Only someone recorded as present can arrive or leave.")
        if item_id is not None:
            _check_item(session, meeting_id, item_id)
        setattr(row, f"{kind}_item_id", item_id)
        setattr(row, f"{kind}_at", at)
        session.flush()
        return _record(row)


def remove_attendance(book: MinuteBook, meeting_id: int, person_id: int) -> None:
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        row = find_attendance(session, meeting_id, person_id)
        if row is not None:
            session.delete(row)


def list_attendance(book: MinuteBook, meeting_id: int) -> list[AttendanceRow]:
    with book.unit_of_work() as session:
        get(session, Meeting, meeting_id, "meeting")
        rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)
                               .order_by(Attendance.position, Attendance.id))
        return [_record(r) for r in rows]


def movement_notes(book: MinuteBook, meeting_id: int) -> list[str]:
    """The sentences minutes print about comings and goings, in the order they happened:
    "The ACC left the meeting after item 1.2.", "Cllr Tony Miller arrived during item 5."
    """
    items = agenda.list_items(book, meeting_id)
    numbers = {item.id: item.number for item in items}
    order = {item.id: index for index, item in enumerate(items)}
    notes: list[tuple[tuple[int, int, dt.time, int], str]] = []
    with book.unit_of_work() as session:
        rows = session.scalars(select(Attendance).where(
            Attendance.meeting_id == meeting_id,
            Attendance.status == AttendanceStatus.PRESENT)
            .order_by(Attendance.position, Attendance.id)).all()
        for position, row in enumerate(rows):
            subject = movement_subject(_display_name(row.person), row.person.abbreviation)
            for rank, kind in enumerate(("arrived", "left")):
                item_id: int | None = getattr(row, f"{kind}_item_id")
                at: dt.time | None = getattr(row, f"{kind}_at")
                sentence = movement_sentence(subject, _movement(kind),
                                             numbers.get(item_id or 0), at)
                if sentence:
                    key = (order.get(item_id or 0, len(order)), rank, at or dt.time.max,
                           position)
                    notes.append((key, sentence))
    return [sentence for _key, sentence in sorted(notes)]


def substitution_notes(book: MinuteBook, meeting_id: int) -> list[str]:
    """The named substitutes as minutes list them: "Cllr Tony Miller for Cllr Stephen Mackay
    (Worcestershire County Council)", the council both sit for as the exports print it."""
    with book.unit_of_work() as session:
        get(session, Meeting, meeting_id, "meeting")
        rows = session.scalars(select(Attendance).where(
            Attendance.meeting_id == meeting_id, Attendance.role == AttendanceRole.SUBSTITUTE,
            Attendance.substitute_for_id.is_not(None))
            .order_by(Attendance.position, Attendance.id)).all()
        return [substitute_listing(
                    _display_name(r.person), _display_name(r.substitute_for),
                    listed_organisation(typed_capacity=r.capacity, own=r.person.organisation,
                                        represented=r.substitute_for.organisation))
                for r in rows if r.substitute_for is not None]


def add_declaration(book: MinuteBook, meeting_id: int, person_id: int, interest: str, *,
                    item_id: int | None = None, nature: str | None = None,
                    made_at_item_id: int | None = None) -> DeclarationRow:
    """Record a declaration of an interest (in ``item_id``, or a general one), made
    during ``made_at_item_id`` (or where the house style puts declarations)."""
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        get(session, Person, person_id, "person")
        for linked in (item_id, made_at_item_id):
            if linked is not None and get(session, AgendaItem, linked).meeting_id != meeting_id:
                raise ValidationError("That item belongs to another meeting.")
        count = len(session.scalars(select(Declaration.id)
                                    .where(Declaration.meeting_id == meeting_id)).all())
        row = Declaration(meeting_id=meeting_id, person_id=person_id, item_id=item_id,
                          interest=required_text(interest, "interest"),
                          nature=optional_text(nature), position=count,
                          made_at_item_id=made_at_item_id)
        session.add(row)
        session.flush()
        return _declaration_record(row)


def update_declaration(book: MinuteBook, declaration_id: int, *,
                       expected_version: int | None = None, **changes: Any) -> DeclarationRow:
    """Change who declared, for which item, the interest, its nature or where it was
    made. ``expected_version`` as ``agenda.update_item``'s."""
    unknown = set(changes) - DECLARATION_FIELDS
    if unknown:
        raise TypeError(f"unknown declaration fields: {sorted(unknown)}")
    with book.unit_of_work() as session:
        row = get(session, Declaration, declaration_id, "declaration", for_update=True)
        editable_meeting(session, row.meeting_id)
        check_version(row, expected_version, f"{row.person.name}'s declaration", changes)
        if "person_id" in changes:
            row.person = get(session, Person, changes["person_id"], "person")
        if "item_id" in changes:
            if changes["item_id"] is not None:
                _check_item(session, row.meeting_id, changes["item_id"])
            row.item_id = changes["item_id"]
        if "made_at_item_id" in changes:
            if changes["made_at_item_id"] is not None:
                _check_item(session, row.meeting_id, changes["made_at_item_id"])
            row.made_at_item_id = changes["made_at_item_id"]
        if "interest" in changes:
            row.interest = required_text(changes["interest"], "interest")
        if "nature" in changes:
            row.nature = optional_text(changes["nature"])
        session.flush()
        return _declaration_record(row)


def remove_declaration(book: MinuteBook, declaration_id: int) -> None:
    with book.unit_of_work() as session:
        row = get(session, Declaration, declaration_id, "declaration")
        editable_meeting(session, row.meeting_id)
        session.delete(row)


def list_declarations(book: MinuteBook, meeting_id: int) -> list[DeclarationRow]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(Declaration).where(Declaration.meeting_id == meeting_id)
                               .order_by(Declaration.position, Declaration.id))
        return [_declaration_record(r) for r in rows]


def _apply_movements(session: Session, row: Attendance, changes: dict[str, Any]) -> None:
    for kind in ("arrived", "left"):
        item_key, at_key = f"{kind}_item_id", f"{kind}_at"
        if changes.get(item_key) is not None:
            _check_item(session, row.meeting_id, changes[item_key])
        if (changes.get(item_key) is not None or changes.get(at_key) is not None) \
                and row.status is not AttendanceStatus.PRESENT:
            raise ValidationError("Only someone recorded as present can arrive or leave.")
        for key in (item_key, at_key):
            if key in changes:
                setattr(row, key, changes[key])


def _check_substitute(role: AttendanceRole, person_id: int,
                      substitute_for_id: int | None) -> None:
    if role is AttendanceRole.SUBSTITUTE and substitute_for_id is None:
        raise ValidationError("A named substitute must say whom they substitute for.")
    if substitute_for_id == person_id:
        raise ValidationError("Nobody can substitute for themselves.")


def _check_item(session: Session, meeting_id: int, item_id: int) -> None:
    if get(session, AgendaItem, item_id, "agenda item").meeting_id != meeting_id:
        raise ValidationError("That item belongs to another meeting.")


def _movement(kind: str) -> Movement:
    return "arrived" if kind == "arrived" else "left"


def _display_name(person: Person) -> str:
    return f"{person.title} {person.name}" if person.title else person.name


def _record(row: Attendance) -> AttendanceRow:
    return AttendanceRow(
        id=row.id, meeting_id=row.meeting_id, person_id=row.person_id,
        person_name=row.person.name, status=row.status, role=row.role, capacity=row.capacity,
        substitute_for_id=row.substitute_for_id,
        substitute_for_name=row.substitute_for.name if row.substitute_for else None,
        arrived_item_id=row.arrived_item_id, arrived_at=row.arrived_at,
        left_item_id=row.left_item_id, left_at=row.left_at, version=row.version,
    )


def _declaration_record(row: Declaration) -> DeclarationRow:
    return DeclarationRow(id=row.id, meeting_id=row.meeting_id, person_id=row.person_id,
                          person_name=row.person.name, item_id=row.item_id,
                          interest=row.interest, nature=row.nature,
                          made_at_item_id=row.made_at_item_id, version=row.version)
