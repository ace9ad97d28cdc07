"""Committees: the bodies that meet, with their numbering scheme and standing items."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain.dates import day_month_year
from minute_taker.domain.enums import (
    AttendanceRole,
    HouseStyle,
    MeetingStatus,
    NumberingScheme,
)
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import Abbreviation, CommitteeInfo, PersonInfo, StandingItem
from minute_taker.domain.rules import DEFAULT_STANDING_ITEMS
from minute_taker.domain.voting import parse_quorum
from minute_taker.services import agenda, meetings
from minute_taker.services._common import (
    audit,
    check_version,
    committee_record,
    get,
    optional_text,
    person_record,
    required_text,
)
from minute_taker.services.people import derive_initials, person_named
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    AbbreviationRow,
    AgendaItem,
    Committee,
    CommitteeMember,
    Meeting,
    Person,
    StandingItemRow,
)

# A committee's people: its members, those regularly before it without being of it (the
# Commissioner before a police and crime panel: "In attendance"), and its officers.
# Substitutes and guests are named at each meeting.
MEMBER_ROLES = (AttendanceRole.MEMBER, AttendanceRole.IN_ATTENDANCE, AttendanceRole.OFFICER)


@dataclass(frozen=True, slots=True)
class MemberEntry:
    """One of a committee's people as the committee dialog edits them.

    ``person_id`` is None for someone typed in: the person of that name in the
    book, or a new one. ``capacity`` is the person's role ("Deputy Chief
    Constable"), ``role`` their place on the committee.
    """

    person_id: int | None
    name: str
    role: AttendanceRole = AttendanceRole.MEMBER
    capacity: str | None = None
    abbreviation: str | None = None
    initials: str | None = None


def create_committee(
    book: MinuteBook,
    name: str,
    *,
    short_name: str | None = None,
    numbering_scheme: NumberingScheme = NumberingScheme.DECIMAL,
    number_start: int = 1,
    house_style: HouseStyle = HouseStyle.NARRATIVE,
    standing_items: Iterable[StandingItem] | None = None,
    abbreviations: Iterable[Abbreviation] = (),
    uid: str | None = None,
) -> CommitteeInfo:
    if number_start < 1:
        raise ValidationError("Item numbers start at 1 or above.")
    if standing_items is None:
        standing_items = [StandingItem(t, d) for t, d in DEFAULT_STANDING_ITEMS]
    with book.unit_of_work() as session:
        row = Committee(name=required_text(name, "committee name"),
                        short_name=optional_text(short_name),
                        numbering_scheme=NumberingScheme(numbering_scheme),
                        number_start=number_start, house_style=HouseStyle(house_style))
        if uid:
            row.uid = uid
        row.standing_items = _standing_rows(standing_items)
        row.abbreviations = _abbreviation_rows(abbreviations)
        session.add(row)
        session.flush()
        return committee_record(row)


def list_committees(book: MinuteBook) -> list[CommitteeInfo]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(Committee).order_by(Committee.name)).all()
        return [committee_record(r) for r in rows]


def get_committee(book: MinuteBook, committee_id: int) -> CommitteeInfo:
    with book.unit_of_work() as session:
        return committee_record(get(session, Committee, committee_id, "committee"))


def update_committee(book: MinuteBook, committee_id: int, *, name: str | None = None,
                     short_name: str | None = None,
                     numbering_scheme: NumberingScheme | None = None,
                     number_start: int | None = None,
                     house_style: HouseStyle | None = None,
                     contact_name: str | None = None,
                     contact_details: str | None = None,
                     quorum: str | None = None,
                     expected_version: int | None = None) -> CommitteeInfo:
    """Change what is given (``""`` clears a contact). The contact is the one each new
    meeting starts with; meetings already made keep theirs. ``expected_version`` as
    ``agenda.update_item``'s."""
    with book.unit_of_work() as session:
        row = get(session, Committee, committee_id, "committee", for_update=True)
        check_version(row, expected_version, f"the committee \u201c{row.name}\u201d", {
            key: value for key, value in (
                ("name", name), ("short_name", short_name), ("contact_name", contact_name),
                ("contact_details", contact_details), ("quorum", quorum)) if value is not None})
        if name is not None:
            row.name = required_text(name, "committee name")
        if short_name is not None:
            row.short_name = optional_text(short_name)
        if numbering_scheme is not None:
            row.numbering_scheme = NumberingScheme(numbering_scheme)
        if number_start is not None:
            if number_start < 1:
                raise ValidationError("Item numbers start at 1 or above.")
            row.number_start = number_start
        if house_style is not None:
            row.house_style = HouseStyle(house_style)
        if contact_name is not None:
            row.contact_name = optional_text(contact_name)
        if contact_details is not None:
            row.contact_details = optional_text(contact_details)
        if quorum is not None:
            parse_quorum(quorum)  # refused, with the reason, if it is not one
            row.quorum = optional_text(quorum)
        session.flush()
        return committee_record(row)


def set_standing_items(book: MinuteBook, committee_id: int,
                       items: Iterable[StandingItem]) -> CommitteeInfo:
    with book.unit_of_work() as session:
        row = get(session, Committee, committee_id, "committee")
        row.standing_items = _standing_rows(items)
        session.flush()
        return committee_record(row)


def standing_items_from_meeting(book: MinuteBook, meeting_id: int) -> list[StandingItem]:
    """What :func:`use_agenda_as_standing_items` would make the committee's standing items.

    Standing items are one level, so the meeting's top-level items only, in order, with
    their titles exactly as typed. A meeting's agenda text is its own, so it is not taken:
    a title the committee already has keeps that standing item's description."""
    with book.unit_of_work() as session:
        return _from_meeting(session, get(session, Meeting, meeting_id, "meeting"))


def use_agenda_as_standing_items(book: MinuteBook, meeting_id: int) -> CommitteeInfo:
    """Make a meeting's agenda its committee's standing items (see
    :func:`standing_items_from_meeting`), for the meetings created after it; the committee's
    history keeps the titles before and after."""
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        committee = get(session, Committee, meeting.committee_id, "committee")
        items = _from_meeting(session, meeting)
        if not items:
            raise ValidationError(f"“{meeting.title}” has no agenda items to take.")
        before = [s.title for s in committee.standing_items]
        committee.standing_items = _standing_rows(items)
        session.flush()
        audit(session, book.actor, "committee", "standing items", entity_uid=committee.uid,
              detail={"from_meeting": meeting.uid, "before": before,
                      "after": [s.title for s in items]},
              reason=(f"Standing items taken from the agenda of {meeting.title} "
                      f"({day_month_year(meeting.date)})."))
        session.flush()
        return committee_record(committee)


def _from_meeting(session: Session, meeting: Meeting) -> list[StandingItem]:
    committee = get(session, Committee, meeting.committee_id, "committee")
    kept = {s.title.casefold(): s.description for s in committee.standing_items}
    titles = session.scalars(select(AgendaItem.title).where(
        AgendaItem.meeting_id == meeting.id, AgendaItem.parent_id.is_(None))
        .order_by(AgendaItem.position, AgendaItem.id))
    return [StandingItem(t, kept.get(t.casefold(), "")) for t in titles if t.strip()]


def set_abbreviations(book: MinuteBook, committee_id: int,
                      abbreviations: Iterable[Abbreviation]) -> CommitteeInfo:
    with book.unit_of_work() as session:
        row = get(session, Committee, committee_id, "committee")
        row.abbreviations = []
        session.flush()
        row.abbreviations = _abbreviation_rows(abbreviations)
        session.flush()
        return committee_record(row)


def add_member(book: MinuteBook, committee_id: int, person_id: int,
               role: AttendanceRole = AttendanceRole.MEMBER) -> None:
    with book.unit_of_work() as session:
        get(session, Committee, committee_id, "committee")
        get(session, Person, person_id, "person")
        existing = session.get(CommitteeMember, (committee_id, person_id))
        if existing is not None:
            existing.role = role
            return
        count = len(session.scalars(select(CommitteeMember.person_id).where(
            CommitteeMember.committee_id == committee_id)).all())
        session.add(CommitteeMember(committee_id=committee_id, person_id=person_id,
                                    role=role, position=count))


def list_members(book: MinuteBook, committee_id: int) -> list[tuple[PersonInfo, AttendanceRole]]:
    with book.unit_of_work() as session:
        rows = session.execute(
            select(Person, CommitteeMember.role)
            .join(CommitteeMember, CommitteeMember.person_id == Person.id)
            .where(CommitteeMember.committee_id == committee_id)
            .order_by(CommitteeMember.position)
        ).all()
        return [(person_record(p), role) for p, role in rows]


def remove_member(book: MinuteBook, committee_id: int, person_id: int) -> None:
    """The person no longer belongs to the committee (they stay in the book)."""
    with book.unit_of_work() as session:
        get(session, Committee, committee_id, "committee")
        row = session.get(CommitteeMember, (committee_id, person_id))
        if row is not None:
            session.delete(row)
            session.flush()
            rest = session.scalars(select(CommitteeMember)
                                   .where(CommitteeMember.committee_id == committee_id)
                                   .order_by(CommitteeMember.position)).all()
            for position, member in enumerate(rest):
                member.position = position


def set_members(book: MinuteBook, committee_id: int, entries: Sequence[MemberEntry]
                ) -> list[tuple[PersonInfo, AttendanceRole]]:
    """Make the committee's people exactly ``entries``, in that order, in one step.

    Each person's details (name, capacity, abbreviation, initials) are updated
    in the book; a name typed without a person becomes the person of that name,
    or a new one. Blank initials are derived from the name.
    """
    with book.unit_of_work() as session:
        get(session, Committee, committee_id, "committee")
        people: list[tuple[Person, AttendanceRole]] = []
        for entry in entries:
            person = _member_person(session, entry)
            if any(p is person for p, _role in people):
                raise ValidationError(f"{person.name} is listed twice.")
            people.append((person, entry.role))
        existing = {m.person_id: m for m in session.scalars(
            select(CommitteeMember).where(CommitteeMember.committee_id == committee_id))}
        wanted = {person.id for person, _role in people}
        for person_id, member in existing.items():
            if person_id not in wanted:
                session.delete(member)
        for position, (person, role) in enumerate(people):
            if role not in MEMBER_ROLES:
                raise ValidationError("A committee's people are members or officers, or "
                                      "in attendance; a substitute is named at each meeting.")
            member = existing.get(person.id) or CommitteeMember(committee_id=committee_id,
                                                                person_id=person.id)
            member.role, member.position = role, position
            session.add(member)
        session.flush()
        return [(person_record(p), role) for p, role in people]


def renumber_meetings(book: MinuteBook, committee_id: int) -> list[int]:
    """Renumber the committee's meetings after a change of scheme or first number.

    Approved meetings are the record and keep their numbers. Under continuous
    numbering each other meeting carries on from the one before it; under the
    other schemes they start again from the committee's first number. Returns
    the ids of the meetings renumbered, oldest first.
    """
    with book.unit_of_work() as session:
        committee = get(session, Committee, committee_id, "committee")
        rows = session.scalars(select(Meeting).where(Meeting.committee_id == committee_id)
                               .order_by(Meeting.date, Meeting.id)).all()
        renumbered = []
        for meeting in rows:
            if meeting.status is MeetingStatus.APPROVED:
                continue
            if committee.numbering_scheme is NumberingScheme.CONTINUOUS:
                meeting.number_start = meetings.continuation_number(session, meeting)
            else:
                meeting.number_start = None
            session.flush()
            agenda.renumber(session, meeting)
            renumbered.append(meeting.id)
        return renumbered


def _member_person(session: Session, entry: MemberEntry) -> Person:
    name = required_text(entry.name, "person's name")
    if entry.person_id is not None:
        person = get(session, Person, entry.person_id, "person")
        person.name = name
    else:
        # A typed name means the person of that name, spelt as the book spells it.
        person = person_named(session, name) or Person(name=name)
        session.add(person)
    person.role = optional_text(entry.capacity)
    person.abbreviation = optional_text(entry.abbreviation)
    person.initials = optional_text(entry.initials) or derive_initials(name)
    session.flush()
    return person


def _standing_rows(items: Iterable[StandingItem]) -> list[StandingItemRow]:
    return [StandingItemRow(position=i, title=required_text(s.title, "standing item title"),
                            description=s.description or "")
            for i, s in enumerate(items)]


def _abbreviation_rows(abbreviations: Iterable[Abbreviation]) -> list[AbbreviationRow]:
    seen: dict[str, AbbreviationRow] = {}
    for a in abbreviations:
        short = required_text(a.short, "abbreviation")
        if short in seen:
            raise ValidationError(f"The abbreviation {short} is listed twice.")
        seen[short] = AbbreviationRow(short=short,
                                      expansion=required_text(a.expansion, "expansion"))
    # In the order the relationship loads them, so a fresh record matches a reloaded one.
    return sorted(seen.values(), key=lambda row: row.short)
