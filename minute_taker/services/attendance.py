"""Who attended, in what capacity, who sent apologies, who came late or left early."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import AttendanceRow, DeclarationRow
from minute_taker.services._common import editable_meeting, get, optional_text, required_text
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Attendance, Declaration, Meeting, Person


def record_attendance(book: MinuteBook, meeting_id: int, person_id: int, *,
                      status: AttendanceStatus = AttendanceStatus.PRESENT,
                      role: AttendanceRole = AttendanceRole.MEMBER,
                      capacity: str | None = None,
                      substitute_for_id: int | None = None) -> AttendanceRow:
    """Add or update one person's attendance at a meeting."""
    role = AttendanceRole(role)
    if role is AttendanceRole.SUBSTITUTE and substitute_for_id is None:
        raise ValidationError("A named substitute must say whom they substitute for.")
    if substitute_for_id == person_id:
        raise ValidationError("Nobody can substitute for themselves.")
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        get(session, Person, person_id, "person")
        if substitute_for_id is not None:
            get(session, Person, substitute_for_id, "person")
        row = session.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                      Attendance.person_id == person_id))
        if row is None:
            count = len(session.scalars(select(Attendance.id)
                                        .where(Attendance.meeting_id == meeting_id)).all())
            row = Attendance(meeting_id=meeting_id, person_id=person_id, position=count)
            session.add(row)
        row.status = AttendanceStatus(status)
        row.role = role
        row.capacity = optional_text(capacity)
        row.substitute_for_id = substitute_for_id if role is AttendanceRole.SUBSTITUTE else None
        session.flush()
        return _record(row)


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
        row = session.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                      Attendance.person_id == person_id))
        if row is None or row.status is not AttendanceStatus.PRESENT:
            raise ValidationError("Only someone recorded as present can arrive or leave.")
        if item_id is not None:
            item = get(session, AgendaItem, item_id, "agenda item")
            if item.meeting_id != meeting_id:
                raise ValidationError("That item belongs to another meeting.")
        setattr(row, f"{kind}_item_id", item_id)
        setattr(row, f"{kind}_at", at)
        session.flush()
        return _record(row)


def remove_attendance(book: MinuteBook, meeting_id: int, person_id: int) -> None:
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        row = session.scalar(select(Attendance).where(Attendance.meeting_id == meeting_id,
                                                      Attendance.person_id == person_id))
        if row is not None:
            session.delete(row)


def list_attendance(book: MinuteBook, meeting_id: int) -> list[AttendanceRow]:
    with book.unit_of_work() as session:
        get(session, Meeting, meeting_id, "meeting")
        rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)
                               .order_by(Attendance.position, Attendance.id))
        return [_record(r) for r in rows]


def add_declaration(book: MinuteBook, meeting_id: int, person_id: int, interest: str, *,
                    item_id: int | None = None, nature: str | None = None) -> DeclarationRow:
    with book.unit_of_work() as session:
        editable_meeting(session, meeting_id)
        get(session, Person, person_id, "person")
        if item_id is not None and get(session, AgendaItem, item_id).meeting_id != meeting_id:
            raise ValidationError("That item belongs to another meeting.")
        count = len(session.scalars(select(Declaration.id)
                                    .where(Declaration.meeting_id == meeting_id)).all())
        row = Declaration(meeting_id=meeting_id, person_id=person_id, item_id=item_id,
                          interest=required_text(interest, "interest"),
                          nature=optional_text(nature), position=count)
        session.add(row)
        session.flush()
        return _declaration_record(row)


def list_declarations(book: MinuteBook, meeting_id: int) -> list[DeclarationRow]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(Declaration).where(Declaration.meeting_id == meeting_id)
                               .order_by(Declaration.position, Declaration.id))
        return [_declaration_record(r) for r in rows]


def _record(row: Attendance) -> AttendanceRow:
    return AttendanceRow(
        id=row.id, meeting_id=row.meeting_id, person_id=row.person_id,
        person_name=row.person.name, status=row.status, role=row.role, capacity=row.capacity,
        substitute_for_id=row.substitute_for_id,
        substitute_for_name=row.substitute_for.name if row.substitute_for else None,
        arrived_item_id=row.arrived_item_id, arrived_at=row.arrived_at,
        left_item_id=row.left_item_id, left_at=row.left_at,
    )


def _declaration_record(row: Declaration) -> DeclarationRow:
    return DeclarationRow(id=row.id, meeting_id=row.meeting_id, person_id=row.person_id,
                          person_name=row.person.name, item_id=row.item_id,
                          interest=row.interest, nature=row.nature)
