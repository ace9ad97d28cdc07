"""The link from a meeting's "Confirmation of the minutes" item to the minutes it
confirms, and marking those minutes confirmed when the meeting agrees them.

Whether minutes are confirmed follows the item: their current approval is marked
confirmed while a linked item records them agreed as a correct record. Either side can
change that: the item (:func:`sync_confirmation`, after each edit of its decisions or
text) or the minutes' approval (:func:`status_changed`, after approving or reopening
them). A meeting often confirms minutes still in review: the item then records the
confirmation, which takes effect when they are approved, even if by then the
confirming meeting is itself approved and can no longer be edited.
"""

from __future__ import annotations

import datetime as dt
import json
import re
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain.confirmation import (
    confirmation_resolution,
    is_confirmation_title,
    is_confirmation_wording,
)
from minute_taker.domain.dates import day_month_year, parse_date
from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.suggestions import plain_text
from minute_taker.domain.workflow import Transition
from minute_taker.services._common import audit, editable_meeting, get
from minute_taker.services.approval import current_approval_row
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    AgendaItem,
    Approval,
    AuditEntry,
    Decision,
    Meeting,
    utcnow,
)

# The confirming item's own history (entity "item", on the confirming meeting): a
# confirmation recorded before the minutes were approved, withdrawn, or taking effect.
PENDING = "confirmation pending"
WITHDRAWN = "confirmation withdrawn"
TOOK_EFFECT = "confirmation took effect"


@dataclass(frozen=True, slots=True)
class ConfirmationLink:
    item_id: int
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    status: MeetingStatus
    confirmed: bool  # this item records them agreed as a correct record
    # Agreed here while not yet approved: they are marked confirmed when approved.
    pending: bool = False

    @property
    def summary(self) -> str:
        when = f"{self.meeting_date.day} {self.meeting_date:%b %Y}"
        if self.confirmed:
            return f"Confirms the minutes of {when}: agreed as a correct record."
        if self.pending:
            return (f"Confirms the minutes of {when}, which are "
                    f"{self.status.label.lower()}: agreed as a correct record here, so they "
                    "are marked confirmed once approved.")
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


def resolution_for(session: Session, item: AgendaItem,
                   minutes_of: dt.date | None = None) -> str:
    """The resolution confirming the minutes ``item`` links to or, given ``minutes_of``,
    those of that date: linked if a meeting of the committee held then is in the book,
    otherwise named by their date alone (the first meeting minuted here confirms minutes
    kept elsewhere). Unlinked, the words themselves carry the date: approving a meeting
    of that date later links them (:func:`status_changed`). The caller records the
    decision and then calls :func:`sync_confirmation`."""
    if minutes_of is None:
        if item.confirms_meeting_id is None:
            raise ValidationError(
                f"Item {item.number} does not say which minutes it confirms: give their "
                "date, or choose them in the item's details.")
        return confirmation_resolution(get(session, Meeting, item.confirms_meeting_id).date)
    own = get(session, Meeting, item.meeting_id)
    if item.confirms_meeting_id is not None:
        linked = get(session, Meeting, item.confirms_meeting_id)
        if linked.date != minutes_of:
            raise ValidationError(
                f"Item {item.number} confirms the minutes of {day_month_year(linked.date)}, "
                f"not {day_month_year(minutes_of)}: change that in the item's details.")
        return confirmation_resolution(minutes_of)
    held = _meeting_held_on(session, own, minutes_of)
    if held is None and minutes_of >= own.date:
        raise ValidationError(
            f"The minutes confirmed are of an earlier meeting: {day_month_year(minutes_of)} "
            f"is not before this meeting ({day_month_year(own.date)}).")
    if held is not None:
        item.confirms_meeting_id = held.id
        session.flush()
    return confirmation_resolution(minutes_of)


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
        _unmark(session, item, book.actor)
        _note_pending(session, item, book.actor, False)
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
    record (a decision or the minutes text), and unmark them when it no longer does.

    Minutes not yet approved cannot be marked: the item's history notes the confirmation
    as pending instead, and :func:`status_changed` completes it when they are approved.
    """
    if item.confirms_meeting_id is None:
        return
    says_so = _records_confirmation(session, item)
    approval = current_approval_row(session, item.confirms_meeting_id)
    if approval is None:
        _note_pending(session, item, actor, says_so)
    elif says_so and approval.confirmed_item_id is None:
        _mark(session, approval, item, actor, on_approval=False)
    elif not says_so and approval.confirmed_item_id == item.id:
        _unmark(session, item, actor)


def status_changed(session: Session, actor: str, meeting: Meeting,
                   transition: Transition) -> None:
    """Called by :func:`meetings.apply_transition` after every change of status (approving
    in the app, a chair's approval imported or taking effect when the last suggestion is
    accepted): approved minutes that an item records agreed as a correct record are marked
    confirmed, and reopened minutes lose the mark with the approval it was on.

    Only the approval row and the audit trail change, never the confirming meeting, so a
    confirming meeting approved in the meantime keeps its digest.
    """
    if transition is Transition.APPROVE:
        adopt_unlinked(session, meeting)
        approval = current_approval_row(session, meeting.id)
        if approval is None or approval.confirmed_item_id is not None:
            return
        for item in _confirming_items(session, meeting.id):
            _mark(session, approval, item, actor, on_approval=True)
            return
    elif transition is Transition.REOPEN:
        cleared = session.scalars(
            select(Approval).where(Approval.meeting_id == meeting.id,
                                   Approval.cleared_at.is_not(None))
            .order_by(Approval.cleared_at.desc(), Approval.id.desc()).limit(1)).first()
        held = (None if cleared is None or cleared.confirmed_item_id is None
                else session.get(AgendaItem, cleared.confirmed_item_id))
        if held is not None:
            audit(session, actor, "meeting", "confirmation cleared", meeting_id=meeting.id,
                  detail={"item": held.uid, "meeting": held.meeting_id},
                  reason=(f"Reopening cleared the confirmation at {_where(session, held)} "
                          "with the approval. While that item records these minutes agreed "
                          "as a correct record, approving them again marks them confirmed "
                          "again."))


# "the minutes of the meeting held on 26 September 2017" (confirmation_resolution's words).
_MINUTES_OF = re.compile(r"\bminutes\b[^.]*?\bheld\s+on\s+((?:\w+,?\s+)?\d{1,2}\w*\s+\w+\s+\d{4})",
                         re.IGNORECASE)


def _meeting_held_on(session: Session, own: Meeting, date: dt.date) -> Meeting | None:
    return session.scalars(
        select(Meeting).where(Meeting.committee_id == own.committee_id,
                              Meeting.id != own.id, Meeting.date == date)
        .order_by(Meeting.id.desc()).limit(1)).first()


def adopt_unlinked(session: Session, meeting: Meeting) -> list[AgendaItem]:
    """Link to ``meeting`` the committee's later confirmation items that are linked to
    nothing and whose decisions confirm, by date, the minutes of the day it was held:
    the confirmation was recorded before those minutes were in the book."""
    # One query: the decisions of the later meetings' unlinked items.
    found = session.execute(
        select(AgendaItem, Decision.text)
        .join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .join(Decision, Decision.item_id == AgendaItem.id)
        .where(Meeting.committee_id == meeting.committee_id, Meeting.date > meeting.date,
               AgendaItem.confirms_meeting_id.is_(None))).all()
    adopted: list[AgendaItem] = []
    for item, text in found:
        if is_confirmation_wording(text) and _minutes_date(text) == meeting.date \
                and item not in adopted:
            item.confirms_meeting_id = meeting.id
            adopted.append(item)
    session.flush()
    return adopted


def _minutes_date(text: str) -> dt.date | None:
    found = _MINUTES_OF.search(text)
    return parse_date(found.group(1)) if found else None


def _confirming_items(session: Session, meeting_id: int) -> list[AgendaItem]:
    """Items linked to ``meeting_id``'s minutes that record them agreed, first held first."""
    items = session.scalars(
        select(AgendaItem).join(Meeting, Meeting.id == AgendaItem.meeting_id)
        .where(AgendaItem.confirms_meeting_id == meeting_id)
        .order_by(Meeting.date, Meeting.id, AgendaItem.position, AgendaItem.id))
    return [item for item in items if _records_confirmation(session, item)]


def _mark(session: Session, approval: Approval, item: AgendaItem, actor: str, *,
          on_approval: bool) -> None:
    """Mark ``approval`` confirmed by ``item``. When that happens ``on_approval`` (the item
    recorded it earlier) both meetings' histories say so, the minutes' with when the
    confirmation was recorded if the item's history has it."""
    approval.confirmed_item_id = item.id
    approval.confirmed_at = utcnow()
    where = _where(session, item)
    note = _last_note(session, item) if on_approval else None
    detail: dict[str, object] = {"item": item.uid, "meeting": item.meeting_id}
    reason = f"Confirmed at {where}."
    if on_approval:
        reason = (f"Confirmed at {where} on approval: that item records these minutes "
                  "agreed as a correct record.")
    if note is not None and note.action == PENDING:
        was = _note_detail(note).get("status") or MeetingStatus.IN_REVIEW.value
        detail["recorded_at"] = note.at
        reason = (f"Confirmed at {where} (confirmation recorded on "
                  f"{day_month_year(note.at.date())} while these minutes were "
                  f"{_status_words(MeetingStatus(str(was)))}).")
    audit(session, actor, "meeting", "confirmed", meeting_id=approval.meeting_id,
          detail=detail, reason=reason)
    if on_approval:
        minutes = get(session, Meeting, approval.meeting_id)
        audit(session, actor, "item", TOOK_EFFECT, meeting_id=item.meeting_id,
              entity_uid=item.uid, detail={"minutes": minutes.uid, "approval": approval.uid},
              reason=(f"The confirmation of the {day_month_year(minutes.date)} minutes took "
                      "effect when they were approved on "
                      f"{day_month_year(approval.approved_at.date())}."))


def _note_pending(session: Session, item: AgendaItem, actor: str, says_so: bool) -> None:
    """Say in both histories when this item starts or stops recording unapproved minutes
    agreed as a correct record (once each time: the item is synced after every edit)."""
    if item.confirms_meeting_id is None:
        return
    minutes = get(session, Meeting, item.confirms_meeting_id)
    note = _last_note(session, item)
    noted = (note is not None and note.action == PENDING
             and _note_detail(note).get("minutes") == minutes.uid)
    if says_so == noted or minutes.status is MeetingStatus.APPROVED:
        return
    held = get(session, Meeting, item.meeting_id)
    when = day_month_year(minutes.date)
    if says_so:
        item_reason = (f"Agreed the {when} minutes as a correct record while they are "
                       f"{_status_words(minutes.status)}: they are marked confirmed when "
                       "approved.")
        minutes_reason = (f"Agreed as a correct record at {_where(session, item)} while "
                          f"{_status_words(minutes.status)}: marked confirmed when approved.")
    else:
        item_reason = (f"No longer records the {when} minutes agreed as a correct record: "
                       "approving them will not mark them confirmed.")
        minutes_reason = (f"Item {item.number} of {day_month_year(held.date)} no longer "
                          "records these minutes agreed as a correct record.")
    audit(session, actor, "item", PENDING if says_so else WITHDRAWN, meeting_id=held.id,
          entity_uid=item.uid, detail={"minutes": minutes.uid, "status": minutes.status.value},
          reason=item_reason)
    audit(session, actor, "meeting", PENDING if says_so else WITHDRAWN, meeting_id=minutes.id,
          detail={"item": item.uid, "meeting": held.id}, reason=minutes_reason)


def _last_note(session: Session, item: AgendaItem) -> AuditEntry | None:
    session.flush()
    return session.scalars(
        select(AuditEntry).where(AuditEntry.meeting_id == item.meeting_id,
                                 AuditEntry.entity == "item",
                                 AuditEntry.entity_uid == item.uid,
                                 AuditEntry.action.in_((PENDING, WITHDRAWN, TOOK_EFFECT)))
        .order_by(AuditEntry.at.desc(), AuditEntry.id.desc()).limit(1)).first()


def _note_detail(entry: AuditEntry) -> dict[str, object]:
    try:
        detail = json.loads(entry.detail or "{}")
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


def _status_words(status: MeetingStatus) -> str:
    return "a draft" if status is MeetingStatus.DRAFT else status.label.lower()


def _where(session: Session, item: AgendaItem) -> str:
    held = get(session, Meeting, item.meeting_id)
    return f"item {item.number} of {day_month_year(held.date)}"


def _records_confirmation(session: Session, item: AgendaItem) -> bool:
    texts = list(session.scalars(select(Decision.text).where(Decision.item_id == item.id)))
    texts.append(plain_text(item.minutes_html))
    return any(is_confirmation_wording(text) for text in texts)


def _unmark(session: Session, item: AgendaItem, actor: str) -> None:
    if item.confirms_meeting_id is None:
        return
    approval = current_approval_row(session, item.confirms_meeting_id)
    if approval is not None and approval.confirmed_item_id == item.id:
        approval.confirmed_item_id = None
        approval.confirmed_at = None
        audit(session, actor, "meeting", "unconfirmed", meeting_id=approval.meeting_id,
              detail={"item": item.uid, "meeting": item.meeting_id},
              reason=(f"No longer confirmed: {_where(session, item)} no longer records "
                      "these minutes agreed as a correct record."))


def _link(session: Session, item: AgendaItem) -> ConfirmationLink | None:
    if item.confirms_meeting_id is None:
        return None
    confirmed = get(session, Meeting, item.confirms_meeting_id, "meeting")
    approval = current_approval_row(session, confirmed.id)
    return ConfirmationLink(
        item_id=item.id, meeting_id=confirmed.id, meeting_title=confirmed.title,
        meeting_date=confirmed.date, status=confirmed.status,
        confirmed=approval is not None and approval.confirmed_item_id == item.id,
        pending=(approval is None and confirmed.status is not MeetingStatus.APPROVED
                 and _records_confirmation(session, item)))
