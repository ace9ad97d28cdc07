"""Decisions taken under an item: RESOLVED, agreed, or noted, with any vote."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain.enums import DecisionKind
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import DecisionRow
from minute_taker.services import confirmation
from minute_taker.services._common import editable_meeting, get, optional_text, required_text
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Decision, Person


def record_decision(book: MinuteBook, item_id: int, kind: DecisionKind, text: str, *,
                    mover_id: int | None = None, seconder_id: int | None = None,
                    votes_for: int | None = None, votes_against: int | None = None,
                    votes_abstained: int | None = None, not_voting: str | None = None,
                    uid: str | None = None) -> DecisionRow:
    if any(v is not None and v < 0 for v in (votes_for, votes_against, votes_abstained)):
        raise ValidationError("Vote counts cannot be negative.")
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        editable_meeting(session, item.meeting_id)
        for person_id in (mover_id, seconder_id):
            if person_id is not None:
                get(session, Person, person_id, "person")
        row = _append(session, Decision(
            item_id=item_id, kind=DecisionKind(kind), text=required_text(text, "decision text"),
            mover_id=mover_id, seconder_id=seconder_id, votes_for=votes_for,
            votes_against=votes_against, votes_abstained=votes_abstained,
            not_voting=optional_text(not_voting)))
        if uid:
            row.uid = uid
        session.flush()
        confirmation.sync_confirmation(session, item, book.actor)
        return _record(row)


def _append(session: Session, row: Decision) -> Decision:
    """``row`` as the last decision of its item."""
    row.position = len(session.scalars(select(Decision.id)
                                       .where(Decision.item_id == row.item_id)).all())
    session.add(row)
    session.flush()
    return row


def list_decisions(book: MinuteBook, item_id: int) -> list[DecisionRow]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(Decision).where(Decision.item_id == item_id)
                               .order_by(Decision.position, Decision.id))
        return [_record(r) for r in rows]


def delete_decision(book: MinuteBook, decision_id: int) -> None:
    with book.unit_of_work() as session:
        row = get(session, Decision, decision_id, "decision")
        item = get(session, AgendaItem, row.item_id)
        editable_meeting(session, item.meeting_id)
        session.delete(row)
        session.flush()
        confirmation.sync_confirmation(session, item, book.actor)


def record_confirmation(book: MinuteBook, item_id: int, *,
                        minutes_of: dt.date | None = None) -> DecisionRow:
    """Record "RESOLVED that the minutes of ... be agreed as a correct record and signed
    by the Chair" under ``item_id``; the minutes it links to are marked confirmed, at once
    if approved, otherwise when they are approved (see :mod:`confirmation`).

    ``minutes_of`` names the minutes by date when the item links to none: those of the
    committee's meeting of that day if it is in the book (now linked), otherwise minutes
    kept before this book, recorded by their date alone."""
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        editable_meeting(session, item.meeting_id)
        text = confirmation.resolution_for(session, item, minutes_of)
        row = _append(session, Decision(item_id=item.id, kind=DecisionKind.RESOLVED,
                                        text=text))
        confirmation.sync_confirmation(session, item, book.actor)
        return _record(row)


def _record(row: Decision) -> DecisionRow:
    return DecisionRow(id=row.id, uid=row.uid, item_id=row.item_id, kind=row.kind,
                       text=row.text, mover_id=row.mover_id, seconder_id=row.seconder_id,
                       votes_for=row.votes_for, votes_against=row.votes_against,
                       votes_abstained=row.votes_abstained, not_voting=row.not_voting)
