"""Decisions taken under an item: RESOLVED, agreed, or noted, with any vote."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain import voting
from minute_taker.domain.enums import DecisionKind, VoteChoice
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import DecisionRow, PersonInfo
from minute_taker.services import confirmation, presence
from minute_taker.services._common import (
    check_version,
    editable_meeting,
    get,
    optional_text,
    person_record,
    required_text,
)
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Decision, DecisionVote, Person


def record_decision(book: MinuteBook, item_id: int, kind: DecisionKind, text: str, *,
                    mover_id: int | None = None, seconder_id: int | None = None,
                    votes_for: int | None = None, votes_against: int | None = None,
                    votes_abstained: int | None = None, not_voting: str | None = None,
                    uid: str | None = None, in_notes: bool = False) -> DecisionRow:
    """Record a decision under the item. ``in_notes``: the decision is a passage of the
    item's notes, marked there with its uid (see :mod:`minute_taker.domain.decision_marks`),
    and ``text`` its words as typed; otherwise it is printed after the notes with its
    label ("RESOLVED that ...")."""
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
            not_voting=optional_text(not_voting), in_notes=in_notes))
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


def eligible_voters(book: MinuteBook, item_id: int) -> list[PersonInfo]:
    """The members and substitutes there for the whole of the item, who can vote on it,
    in the attendance's order (see :mod:`minute_taker.domain.voting`)."""
    with book.unit_of_work() as session:
        item = get(session, AgendaItem, item_id, "agenda item")
        return [person_record(get(session, Person, person_id))
                for person_id in presence.voters_for(session, item)]


def record_named_vote(book: MinuteBook, decision_id: int,
                      votes: list[tuple[int, VoteChoice]], *,
                      expected_version: int | None = None) -> DecisionRow:
    """Record how each member voted on the decision (an empty list withdraws a recorded
    vote, and its counts). Only those there for the whole item can vote, once each; the
    decision's counts become those of the named vote. ``expected_version`` as
    ``agenda.update_item``'s."""
    with book.unit_of_work() as session:
        row = get(session, Decision, decision_id, "decision", for_update=True)
        item = get(session, AgendaItem, row.item_id)
        editable_meeting(session, item.meeting_id)
        check_version(row, expected_version, f"the vote on \u201c{row.text[:60]}\u201d",
                      {"votes": votes})
        chosen = [(person_id, VoteChoice(vote)) for person_id, vote in votes]
        if len({person_id for person_id, _ in chosen}) != len(chosen):
            raise ValidationError("Each member votes once.")
        there = set(presence.voters_for(session, item))
        strangers = [person_id for person_id, _ in chosen if person_id not in there]
        if strangers:
            who = get(session, Person, strangers[0], "person")
            raise ValidationError(
                f"{who.name} was not there as a member for the whole of item {item.number} "
                "(not present, not a member or substitute, arrived during it or left "
                "before it), so cannot vote on it.")
        had_named = bool(row.named_votes)
        row.named_votes = [DecisionVote(person_id=person_id, position=index, vote=vote)
                           for index, (person_id, vote) in enumerate(chosen)]
        if chosen:
            row.votes_for, row.votes_against, row.votes_abstained = voting.counts(
                [vote for _, vote in chosen])
        elif had_named:  # the recorded vote withdrawn: its counts go with it
            row.votes_for = row.votes_against = row.votes_abstained = None
        session.flush()
        return _record(row)


def _record(row: Decision) -> DecisionRow:
    return DecisionRow(id=row.id, uid=row.uid, item_id=row.item_id, kind=row.kind,
                       text=row.text, mover_id=row.mover_id, seconder_id=row.seconder_id,
                       votes_for=row.votes_for, votes_against=row.votes_against,
                       votes_abstained=row.votes_abstained, not_voting=row.not_voting,
                       named_votes=tuple((v.person_id, v.vote) for v in row.named_votes),
                       in_notes=bool(row.in_notes), version=row.version)
