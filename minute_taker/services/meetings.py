"""Meetings: create, list, edit the header, delete."""

from __future__ import annotations

import datetime as dt
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain.enums import NumberingScheme
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import MeetingHeader, MeetingSummary
from minute_taker.domain.workflow import RULES, Transition, check_transition
from minute_taker.services import agenda, approval, confirmation, leases
from minute_taker.services._common import (
    audit,
    check_version,
    editable_meeting,
    get,
    optional_text,
    required_text,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Committee, Meeting, Person

HEADER_FIELDS = {
    "committee_id", "title", "date", "start_time", "end_time", "venue", "chair_id",
    "minute_taker_id", "number_start", "next_meeting_date", "next_meeting_time",
    "next_meeting_venue", "contact_name", "contact_details",
}
_OPTIONAL_TEXT = {"venue", "next_meeting_venue", "contact_name", "contact_details"}


def create_meeting(
    book: MinuteBook,
    committee_id: int,
    title: str,
    date: dt.date,
    *,
    start_time: dt.time | None = None,
    end_time: dt.time | None = None,
    venue: str | None = None,
    chair_id: int | None = None,
    minute_taker_id: int | None = None,
    with_standing_items: bool = True,
    uid: str | None = None,
) -> MeetingHeader:
    """A new draft meeting, starting with the committee's standing items.

    Under continuous numbering the drafts dated after it renumber to follow it; if its
    date falls before minutes whose numbers stand, it skips past their numbers and the
    audit log records the note :func:`numbering_note` gives.
    """
    with book.unit_of_work() as session:
        committee = get(session, Committee, committee_id, "committee")
        for person_id in (chair_id, minute_taker_id):
            if person_id is not None:
                get(session, Person, person_id, "person")
        meeting = Meeting(committee_id=committee.id, title=required_text(title, "meeting title"),
                          date=date, start_time=start_time, end_time=end_time,
                          venue=optional_text(venue), chair_id=chair_id,
                          minute_taker_id=minute_taker_id,
                          # Whom to contact about the minutes: the committee's, to begin.
                          contact_name=committee.contact_name,
                          contact_details=committee.contact_details)
        if uid:
            meeting.uid = uid
        session.add(meeting)
        session.flush()
        if committee.numbering_scheme is NumberingScheme.CONTINUOUS:
            meeting.number_start = continuation_number(session, meeting)
        if with_standing_items:
            for position, standing in enumerate(committee.standing_items):
                session.add(AgendaItem(meeting_id=meeting.id, parent_id=None, position=position,
                                       title=standing.title, description=standing.description))
            session.flush()
            agenda.renumber(session, meeting)
            confirmation.link_previous_minutes(session, meeting)
        note = agenda.renumber_series(session, committee).notes.get(meeting.id)
        audit(session, book.actor, "meeting", "created", meeting_id=meeting.id,
              entity_uid=meeting.uid, detail={"title": meeting.title, "date": meeting.date})
        if note:
            audit(session, book.actor, "meeting", "numbered", meeting_id=meeting.id,
                  entity_uid=meeting.uid,
                  detail={"number_start": meeting.number_start, "note": note})
        session.flush()
        return header_record(meeting)


def continuation_number(session: Session, meeting: Meeting) -> int:
    """The first item number of ``meeting`` under continuous numbering: where the
    committee's series puts it (see :func:`agenda.renumber_series`), which is one past
    the last number of the meeting before it unless that would repeat a number."""
    return agenda.series_start(session, meeting)[0]


def numbering_note(book: MinuteBook, meeting_id: int) -> str | None:
    """Why the meeting's numbers do not carry on from the meeting before it, if they do
    not: "Numbered from 449: items 435–448 are used by the approved minutes of ..."."""
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        if (meeting.committee.numbering_scheme is not NumberingScheme.CONTINUOUS
                or meeting.status in agenda.NUMBERS_STAND):
            return None
        return agenda.series_start(session, meeting)[1]


def list_meetings(book: MinuteBook, committee_id: int | None = None) -> list[MeetingSummary]:
    """Newest first, as a minute-taker looks for the meeting in front of them."""
    with book.unit_of_work() as session:
        query = (select(Meeting, Committee.name)
                 .join(Committee, Committee.id == Meeting.committee_id)
                 .order_by(Meeting.date.desc(), Meeting.id.desc()))
        if committee_id is not None:
            query = query.where(Meeting.committee_id == committee_id)
        return [MeetingSummary(id=m.id, uid=m.uid, committee_id=m.committee_id,
                               committee_name=name, title=m.title, date=m.date, status=m.status)
                for m, name in session.execute(query)]


def get_header(book: MinuteBook, meeting_id: int) -> MeetingHeader:
    with book.unit_of_work() as session:
        return header_record(get(session, Meeting, meeting_id, "meeting"))


def update_header(book: MinuteBook, meeting_id: int, *, expected_version: int | None = None,
                  **changes: Any) -> MeetingHeader:
    """Change header fields; ``None`` clears an optional field.

    A ``number_start`` is the clerk's own choice: under continuous numbering it stays
    when earlier drafts change, and the drafts after it follow it, until it is set to
    ``None`` (carry on from the meeting before). One that would repeat a number
    already used is refused, saying whose it is. ``expected_version`` as
    ``agenda.update_item``'s.
    """
    unknown = set(changes) - HEADER_FIELDS
    if unknown:
        raise TypeError(f"unknown meeting header fields: {sorted(unknown)}")
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id, for_update=True)
        check_version(meeting, expected_version,
                      f"the details of \u201c{meeting.title}\u201d", changes)
        before = meeting.committee
        renumber = False
        for key, value in changes.items():
            if key == "title":
                value = required_text(value, "meeting title")
            elif key in _OPTIONAL_TEXT:
                value = optional_text(value)
            elif key == "date" and value is None:
                raise ValidationError("A meeting needs a date.")
            elif key in ("chair_id", "minute_taker_id") and value is not None:
                get(session, Person, value, "person")
            elif key == "committee_id":
                get(session, Committee, value, "committee")
                renumber = value != meeting.committee_id
            elif key == "number_start":
                if value is not None and value < 1:
                    raise ValidationError("Item numbers start at 1 or above.")
                renumber = True
                meeting.number_start_typed = value
                audit(session, book.actor, "meeting", agenda.NUMBERED_BY_HAND,
                      meeting_id=meeting.id, entity_uid=meeting.uid,
                      detail={"number_start": value})
            elif key == "date":
                renumber = renumber or value != meeting.date
            setattr(meeting, key, value)
        if meeting.next_meeting_date is None and (meeting.next_meeting_time is not None
                                                  or meeting.next_meeting_venue is not None):
            raise ValidationError("Give the date of the next meeting before its time or "
                                  "venue.")
        session.flush()
        if renumber:
            session.refresh(meeting, ["committee"])
            agenda.renumber(session, meeting)
            _renumber_series_around(session, meeting, before, changes.get("number_start"))
        session.flush()
        return header_record(meeting)


def _renumber_series_around(session: Session, meeting: Meeting, before: Committee,
                            hand_set: int | None) -> None:
    """Renumber the series the meeting left and the one it is in; refuse a hand-set start
    that the series cannot follow without repeating a number."""
    if before.id != meeting.committee_id:
        agenda.renumber_series(session, before)
    clash = agenda.renumber_series(session, meeting.committee).clashes.get(meeting.id)
    if hand_set is not None and clash:
        raise ValidationError(f"Items cannot be numbered from {hand_set}: {clash}.")


def delete_meeting(book: MinuteBook, meeting_id: int) -> None:
    """Delete a meeting that is not approved; later drafts close up the numbers it used."""
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        audit(session, book.actor, "meeting", "deleted", meeting_id=None,
              entity_uid=meeting.uid, detail={"title": meeting.title, "date": meeting.date})
        committee = meeting.committee
        session.delete(meeting)
        session.flush()
        agenda.renumber_series(session, committee)


def header_record(meeting: Meeting) -> MeetingHeader:
    return MeetingHeader(
        id=meeting.id, uid=meeting.uid, committee_id=meeting.committee_id,
        committee_name=meeting.committee.name, title=meeting.title, date=meeting.date,
        start_time=meeting.start_time, end_time=meeting.end_time, venue=meeting.venue,
        chair_id=meeting.chair_id,
        chair_name=meeting.chair.name if meeting.chair else None,
        minute_taker_id=meeting.minute_taker_id,
        minute_taker_name=meeting.minute_taker.name if meeting.minute_taker else None,
        status=meeting.status, next_meeting_date=meeting.next_meeting_date,
        next_meeting_time=meeting.next_meeting_time,
        next_meeting_venue=meeting.next_meeting_venue,
        contact_name=meeting.contact_name, contact_details=meeting.contact_details,
        number_start=meeting.number_start, updated_at=meeting.updated_at,
        version=meeting.version,
    )


def record_start(book: MinuteBook, meeting_id: int, now: dt.datetime) -> MeetingHeader:
    """The meeting has begun (``now`` local): keep a start time already entered."""
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        if meeting.start_time is None:
            meeting.start_time = now.time().replace(second=0, microsecond=0)
        meeting.end_time = None
        session.flush()
        audit(session, book.actor, "meeting", "started", meeting_id=meeting.id,
              entity_uid=meeting.uid, detail={"at": now.isoformat(timespec="minutes")})
        return header_record(meeting)


def record_close(book: MinuteBook, meeting_id: int, now: dt.datetime,
                 now_utc: dt.datetime) -> MeetingHeader:
    """The meeting has closed (``now`` local): the close time, and the item running ends."""
    agenda.take_up_item(book, meeting_id, None, now_utc)
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        meeting.end_time = now.time().replace(second=0, microsecond=0)
        session.flush()
        audit(session, book.actor, "meeting", "closed", meeting_id=meeting.id,
              entity_uid=meeting.uid, detail={"at": now.isoformat(timespec="minutes")})
        return header_record(meeting)


def change_status(book: MinuteBook, meeting_id: int, transition: Transition,
                  reason: str | None = None, *, approved_by: str | None = None,
                  approval_uid: str | None = None,
                  approved_at: dt.datetime | None = None) -> MeetingHeader:
    """Move the minutes along their workflow; the audit log records who, when and why.

    Approving records the digest of the approved content (``approved_by`` defaults to
    the user); reopening clears that approval. Not refused on approved minutes:
    reopening them is the one way back to editing.
    """
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        apply_transition(session, book.actor, meeting, Transition(transition), reason,
                         approved_by=approved_by, approval_uid=approval_uid,
                         approved_at=approved_at)
        return header_record(meeting)


def apply_transition(session: Session, actor: str, meeting: Meeting, transition: Transition,
                     reason: str | None, *, approved_by: str | None = None,
                     approval_uid: str | None = None,
                     approved_at: dt.datetime | None = None,
                     approved_content: dict[str, Any] | None = None) -> None:
    """:func:`change_status` inside a unit of work the caller already holds."""
    before = meeting.status
    target = check_transition(before, transition, reason)
    if transition in (Transition.APPROVE, Transition.SEND_FOR_REVIEW):
        # Not while another window takes the notes (a team book): its next words would
        # be refused, and the chair would see the minutes without them.
        leases.refuse_while_taken(session, meeting.id, meeting.title,
                                  RULES[transition].label)
    meeting.status = target
    detail: dict[str, Any] = {"transition": str(transition), "from": before.value,
                              "to": meeting.status.value}
    if transition is Transition.APPROVE:
        row = approval.record_approval(session, meeting, approved_by or actor,
                                       uid=approval_uid, at=approved_at,
                                       content=approved_content)
        detail.update(digest=row.digest, approved_by=row.approved_by)
    elif transition is Transition.REOPEN:
        cleared = approval.clear_approval(session, meeting, actor, reason)
        detail["cleared_approval"] = cleared.uid if cleared else None
    audit(session, actor, "meeting", "status", meeting_id=meeting.id,
          entity_uid=meeting.uid, detail=detail, reason=optional_text(reason))
    # Every route to approval comes here, so a confirmation recorded at a later meeting
    # while these minutes were in review takes effect now, whichever route it was.
    confirmation.status_changed(session, actor, meeting, transition)
    session.flush()
