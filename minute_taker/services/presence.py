"""Who was there for an item: those who may vote on it, and whether the meeting was
quorate (the rules are in :mod:`minute_taker.domain.voting`)."""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from minute_taker.domain import voting
from minute_taker.domain.enums import AttendanceRole
from minute_taker.services._common import get
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Attendance, CommitteeMember, Meeting


@dataclass(frozen=True, slots=True)
class QuorumState:
    """At one item: the voting members there, how many the quorum needs."""

    present: int
    needed: int

    @property
    def quorate(self) -> bool:
        return self.present >= self.needed


def agenda_order(session: Session, meeting_id: int) -> list[int]:
    """The meeting's item ids in agenda order (each item, then its sub-items)."""
    rows = session.execute(select(AgendaItem.id, AgendaItem.parent_id)
                           .where(AgendaItem.meeting_id == meeting_id)
                           .order_by(AgendaItem.position, AgendaItem.id)).all()
    children: dict[int | None, list[int]] = {}
    for item_id, parent_id in rows:
        children.setdefault(parent_id, []).append(item_id)
    order: list[int] = []

    def walk(parent: int | None) -> None:
        for child in children.get(parent, []):
            order.append(child)
            walk(child)

    walk(None)
    return order


def _presence(session: Session, meeting_id: int) -> list[voting.Presence]:
    rows = session.scalars(select(Attendance).where(Attendance.meeting_id == meeting_id)
                           .order_by(Attendance.position, Attendance.id)).all()
    return [voting.Presence(person_id=row.person_id, status=row.status, role=row.role,
                            arrived_item_id=row.arrived_item_id, left_item_id=row.left_item_id)
            for row in rows]


def voters_for(session: Session, item: AgendaItem) -> list[int]:
    """The members and substitutes there for the whole of ``item``."""
    return voting.present_for(_presence(session, item.meeting_id),
                              agenda_order(session, item.meeting_id), item.id)


def _membership(session: Session, meeting: Meeting) -> int:
    """The committee's voting membership: its listed members, or failing a list, the
    members and substitutes the meeting's attendance names."""
    listed = session.scalar(select(func.count()).select_from(CommitteeMember).where(
        CommitteeMember.committee_id == meeting.committee_id,
        CommitteeMember.role == AttendanceRole.MEMBER))
    if listed:
        return int(listed)
    return sum(1 for row in _presence(session, meeting.id)
               if row.role is AttendanceRole.MEMBER)


def _needed(session: Session, meeting: Meeting) -> int | None:
    """How many voting members the meeting's quorum needs; None when none is stated."""
    quorum = voting.parse_quorum(meeting.committee.quorum)
    return None if quorum is None else quorum.needed(_membership(session, meeting))


def quorum_at(book: MinuteBook, item_id: int) -> QuorumState | None:
    """Whether the meeting was quorate for the item; None when the committee states no
    quorum."""
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        needed = _needed(session, get(session, Meeting, item.meeting_id))
        if needed is None:
            return None
        return QuorumState(present=len(voters_for(session, item)), needed=needed)


def inquorate_from(book: MinuteBook, meeting_id: int) -> str | None:
    """The number of the first item at which the meeting was not quorate, or None."""
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        needed = _needed(session, meeting)
        if needed is None:
            return None
        people = _presence(session, meeting_id)
        order = agenda_order(session, meeting_id)
        numbers = dict(session.execute(select(AgendaItem.id, AgendaItem.number)
                                       .where(AgendaItem.meeting_id == meeting_id)).all())
        first = voting.first_inquorate(people, order, needed)
        return None if first is None else numbers[first]
