"""The link from a meeting's "Confirmation of the minutes" item to the minutes it
confirms, and marking those minutes confirmed when the meeting agrees them."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain.confirmation import (
    confirmation_resolution,
    is_confirmation_title,
    is_confirmation_wording,
)
from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.suggestions import plain_text
from minute_taker.services._common import audit, editable_meeting, get
from minute_taker.services.approval import current_approval_row
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Decision, Meeting, utcnow


@dataclass(frozen=True, slots=True)
class ConfirmationLink:
    item_id: int
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    status: MeetingStatus
    confirmed: bool  # this item records them agreed as a correct record

    @property
    def summary(self) -> str:
        when = f"{self.meeting_date.day} {self.meeting_date:%b %Y}"
        if self.confirmed:
            return f"Confirms the minutes of {when}: agreed as a correct record."
        if self.status is MeetingStatus.APPROVED:
            return (f"Confirms the minutes of {when} (approved). Record them agreed as a "
                    "correct record to mark them confirmed.")
        return (f"Confirms the minutes of {when}, which are {self.status.label.lower()}: "
                "they can be marked confirmed once approved.")


def link_previous_minutes(session: Session, meeting: Meeting) -> None:
    """On a new meeting, point its confirmation item at the committee's previous meeting."""
    previous = session.scalars(
        select(Meeting).where(Meeting.committee_id == meeting.committee_id,
                              Meeting.id != meeting.id, Meeting.date <= meeting.date)
        .order_by(Meeting.date.desc(), Meeting.id.desc()).limit(1)).first()
    if previous is None:
        return
    items = session.scalars(select(AgendaItem).where(AgendaItem.meeting_id == meeting.id)
                            .order_by(AgendaItem.position))
    for item in items:
        if item.parent_id is None and is_confirmation_title(item.title):
            item.confirms_meeting_id = previous.id
            return


def set_confirmed_meeting(book: MinuteBook, item_id: int,
                          meeting_id: int | None) -> ConfirmationLink | None:
    """Say which earlier minutes ``item_id`` confirms (``None``: none)."""
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        editable_meeting(session, item.meeting_id)
        if meeting_id is not None:
            confirmed = get(session, Meeting, meeting_id, "meeting")
            if confirmed.id == item.meeting_id:
                raise ValidationError("A meeting cannot confirm its own minutes.")
        _unmark(session, item)
        item.confirms_meeting_id = meeting_id
        session.flush()
        sync_confirmation(session, item, book.actor)
        return _link(session, item)


def get_link(book: MinuteBook, item_id: int) -> ConfirmationLink | None:
    with book.unit_of_work() as session:
        return _link(session, get(session, AgendaItem, item_id, "agenda item"))


def candidate_meetings(book: MinuteBook, item_id: int) -> list[tuple[int, str]]:
    """Earlier meetings of the same committee an item could confirm, newest first."""
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        own = get(session, Meeting, item.meeting_id, "meeting")
        rows = session.scalars(
            select(Meeting).where(Meeting.committee_id == own.committee_id,
                                  Meeting.id != own.id, Meeting.date <= own.date)
            .order_by(Meeting.date.desc(), Meeting.id.desc()))
        return [(m.id, f"{m.date.day} {m.date:%b %Y}: {m.title} ({m.status.label.lower()})")
                for m in rows]


def confirmation_text(book: MinuteBook, item_id: int) -> str:
    """The resolution that confirms the minutes ``item_id`` links to."""
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        if item.confirms_meeting_id is None:
            raise ValidationError(
                f"Item {item.number} does not say which minutes it confirms: choose them in "
                "the item's details first.")
        return confirmation_resolution(get(session, Meeting, item.confirms_meeting_id).date)


def sync_confirmation(session: Session, item: AgendaItem, actor: str) -> None:
    """Mark the linked minutes confirmed when this item records them agreed as a correct
    record (a decision or the minutes text), and unmark them when it no longer does."""
    if item.confirms_meeting_id is None:
        return
    approval = current_approval_row(session, item.confirms_meeting_id)
    if approval is None:
        return
    says_so = _records_confirmation(session, item)
    if says_so and approval.confirmed_item_id is None:
        approval.confirmed_item_id = item.id
        approval.confirmed_at = utcnow()
        audit(session, actor, "meeting", "confirmed", meeting_id=approval.meeting_id,
              detail={"item": item.uid, "meeting": item.meeting_id})
    elif not says_so and approval.confirmed_item_id == item.id:
        _unmark(session, item)


def _records_confirmation(session: Session, item: AgendaItem) -> bool:
    texts = list(session.scalars(select(Decision.text).where(Decision.item_id == item.id)))
    texts.append(plain_text(item.minutes_html))
    return any(is_confirmation_wording(text) for text in texts)


def _unmark(session: Session, item: AgendaItem) -> None:
    if item.confirms_meeting_id is None:
        return
    approval = current_approval_row(session, item.confirms_meeting_id)
    if approval is not None and approval.confirmed_item_id == item.id:
        approval.confirmed_item_id = None
        approval.confirmed_at = None


def _link(session: Session, item: AgendaItem) -> ConfirmationLink | None:
    if item.confirms_meeting_id is None:
        return None
    confirmed = get(session, Meeting, item.confirms_meeting_id, "meeting")
    approval = current_approval_row(session, confirmed.id)
    return ConfirmationLink(
        item_id=item.id, meeting_id=confirmed.id, meeting_title=confirmed.title,
        meeting_date=confirmed.date, status=confirmed.status,
        confirmed=approval is not None and approval.confirmed_item_id == item.id)
