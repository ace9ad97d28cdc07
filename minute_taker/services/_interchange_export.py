"""Reading one meeting out of the book as an interchange document."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping
from typing import Any

from sqlalchemy import ColumnElement, select
from sqlalchemy.orm import Session

from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.numbering import compute_numbers
from minute_taker.services._interchange_check import FORMAT, FORMAT_VERSION, GENERATOR, Json
from minute_taker.store.models import (
    AbbreviationRow,
    Action,
    ActionProgress,
    AgendaItem,
    Approval,
    Attendance,
    AuditEntry,
    Decision,
    Declaration,
    Meeting,
    Person,
    StandingItemRow,
    SupportingDocument,
)


def export_document(session: Session, meeting: Meeting, *,
                    approval: Approval | None = None) -> Json:
    """The meeting as a document, in a stable order, valid against the schema.

    ``approval`` is written only for approved minutes: it is what lets an importer keep
    them approved (the canonical content, built from this document, never includes it).
    """
    document = _Exporter(session, meeting).document()
    if approval is not None and meeting.status is MeetingStatus.APPROVED:
        document["approval"] = approval_json(approval)
    return document


def approval_json(row: Approval) -> Json:
    """Enough for an importer to check the minutes against and record the same approval;
    the canonical text is not written, as on a match it is the imported content's own."""
    return {"uid": row.uid, "approved_by": row.approved_by,
            "approved_at": _datetime_text(row.approved_at),
            "canonical_version": row.canonical_version, "digest": row.digest}


def _time_text(value: dt.time | None) -> str | None:
    if value is None:
        return None
    text = f"{value.hour:02d}:{value.minute:02d}"
    return f"{text}:{value.second:02d}" if value.second else text


def _datetime_text(value: dt.datetime | None) -> str | None:
    """A stored naive-UTC date-time, with its offset written out."""
    return None if value is None else value.replace(tzinfo=dt.UTC).isoformat()


def _next_meeting_text(day: dt.date | None, time: dt.time | None) -> str | None:
    """"2018-02-06", or "2018-02-06T10:30" when a time was given."""
    if day is None:
        return None
    return day.isoformat() + ("" if time is None else f"T{time.hour:02d}:{time.minute:02d}")


def _ordered(session: Session, model: Any, where: ColumnElement[bool]) -> list[Any]:
    return list(session.scalars(select(model).where(where).order_by(model.position, model.id)))


class _Exporter:
    def __init__(self, session: Session, meeting: Meeting) -> None:
        self.session = session
        self.meeting = meeting
        self.items = _ordered(session, AgendaItem, AgendaItem.meeting_id == meeting.id)
        self.attendance = _ordered(session, Attendance, Attendance.meeting_id == meeting.id)
        self.declarations = _ordered(session, Declaration, Declaration.meeting_id == meeting.id)
        self.actions = _ordered(session, Action, Action.meeting_id == meeting.id)
        self.decisions: dict[int, list[Decision]] = defaultdict(list)
        for decision in session.scalars(
                select(Decision).join(AgendaItem, AgendaItem.id == Decision.item_id)
                .where(AgendaItem.meeting_id == meeting.id)
                .order_by(Decision.position, Decision.id)):
            self.decisions[decision.item_id].append(decision)
        self.documents: dict[int, list[SupportingDocument]] = defaultdict(list)
        for paper in session.scalars(
                select(SupportingDocument)
                .join(AgendaItem, AgendaItem.id == SupportingDocument.item_id)
                .where(AgendaItem.meeting_id == meeting.id)
                .order_by(SupportingDocument.position, SupportingDocument.id)):
            self.documents[paper.item_id].append(paper)
        self.item_uid = {row.id: row.uid for row in self.items}
        confirmed = {i.confirms_meeting_id for i in self.items if i.confirms_meeting_id}
        self.confirms_uid = dict(session.execute(
            select(Meeting.id, Meeting.uid).where(Meeting.id.in_(confirmed))).all())
        # What each action continues, and what became of it since: the register beside
        # the minutes, carried so that a meeting moved to another book keeps both.
        earlier_ids = {a.carried_from_id for a in self.actions if a.carried_from_id}
        self.earlier_uid = dict(session.execute(
            select(Action.id, Action.uid).where(Action.id.in_(earlier_ids))).all())
        self.progress: dict[int, list[ActionProgress]] = defaultdict(list)
        for entry in session.scalars(
                select(ActionProgress)
                .where(ActionProgress.action_id.in_([a.id for a in self.actions]))
                .order_by(ActionProgress.at, ActionProgress.id)):
            self.progress[entry.action_id].append(entry)
        self.people = sorted(
            session.scalars(select(Person).where(Person.id.in_(self._people_ids()))),
            key=_person_order)
        self.person_uid = {row.id: row.uid for row in self.people}

    def _people_ids(self) -> set[int]:
        ids = {self.meeting.chair_id, self.meeting.minute_taker_id}
        ids.update(row.person_id for row in self.attendance)
        ids.update(row.substitute_for_id for row in self.attendance)
        ids.update(row.person_id for row in self.declarations)
        for decisions in self.decisions.values():
            ids.update(d.mover_id for d in decisions)
            ids.update(d.seconder_id for d in decisions)
            ids.update(v.person_id for d in decisions for v in d.named_votes)
        for action in self.actions:
            ids.update(owner.person_id for owner in action.owners)
        return {i for i in ids if i is not None}

    def _person(self, person_id: int | None) -> str | None:
        return None if person_id is None else self.person_uid[person_id]

    def _item(self, item_id: int | None) -> str | None:
        return None if item_id is None else self.item_uid.get(item_id)

    def document(self) -> Json:
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "generator": GENERATOR,
            "exported_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "committee": self._committee(),
            "people": [_person_json(p) for p in self.people],
            "meeting": self._meeting(),
            "attendance": [self._attendance(row) for row in self.attendance],
            "declarations": [self._declaration(row) for row in self.declarations],
            "items": self._item_tree(),
            "actions": [self._action(row) for row in self.actions],
            "audit": self._audit(),
        }

    def _committee(self) -> Json:
        committee = self.meeting.committee
        standing = self.session.scalars(
            select(StandingItemRow).where(StandingItemRow.committee_id == committee.id)
            .order_by(StandingItemRow.position, StandingItemRow.id))
        # Sorted here, by code point, not by the database: PostgreSQL's collation would
        # order them by locale, and the same meeting must export the same bytes anywhere.
        abbreviations = sorted(
            self.session.scalars(
                select(AbbreviationRow).where(AbbreviationRow.committee_id == committee.id)),
            key=lambda row: row.short)
        return {
            "uid": committee.uid,
            "name": committee.name,
            "short_name": committee.short_name,
            "numbering_scheme": committee.numbering_scheme.value,
            "number_start": committee.number_start,
            "house_style": committee.house_style.value,
            "standing_items": [{"title": s.title, "description": s.description}
                               for s in standing],
            "abbreviations": [{"short": a.short, "expansion": a.expansion}
                              for a in abbreviations],
            "quorum": committee.quorum,
            "contact_name": committee.contact_name,
            "contact_details": committee.contact_details,
        }

    def _meeting(self) -> Json:
        m = self.meeting
        return {
            "uid": m.uid,
            "title": m.title,
            "date": m.date.isoformat(),
            "start_time": _time_text(m.start_time),
            "end_time": _time_text(m.end_time),
            "venue": m.venue,
            "chair": self._person(m.chair_id),
            "minute_taker": self._person(m.minute_taker_id),
            "status": m.status.value,
            "next_meeting_at": _next_meeting_text(m.next_meeting_date, m.next_meeting_time),
            "number_start": m.number_start,
            "next_meeting_venue": m.next_meeting_venue,
            "contact_name": m.contact_name,
            "contact_details": m.contact_details,
        }

    def _attendance(self, row: Attendance) -> Json:
        return {
            "person": self._person(row.person_id),
            "status": row.status.value,
            "role": row.role.value,
            "substitute_for": self._person(row.substitute_for_id),
            "capacity": row.capacity,
            "arrived_during_item": self._item(row.arrived_item_id),
            "arrived_at": _time_text(row.arrived_at),
            "left_after_item": self._item(row.left_item_id),
            "left_at": _time_text(row.left_at),
        }

    def _declaration(self, row: Declaration) -> Json:
        return {"person": self._person(row.person_id), "item": self._item(row.item_id),
                "interest": row.interest, "nature": row.nature,
                "made_at_item": self._item(row.made_at_item_id)}

    def _item_tree(self) -> list[Json]:
        children: dict[int | None, list[AgendaItem]] = defaultdict(list)
        for row in self.items:
            children[row.parent_id].append(row)
        # Numbers are derived: compute them rather than trust what is stored.
        committee = self.meeting.committee
        numbers = compute_numbers(committee.numbering_scheme,
                                  {key: [r.id for r in rows] for key, rows in children.items()},
                                  self.meeting.number_start or committee.number_start)

        return [self._node(row, children, numbers) for row in children.get(None, ())]

    def _node(self, row: AgendaItem, children: Mapping[int | None, list[AgendaItem]],
              numbers: Mapping[int, str]) -> Json:
        """One item and its sub-items. A method, not a closure in ``_item_tree``: a closure
        that calls itself is a reference cycle, which kept this exporter and every row it
        read alive until the cycle collector ran; SQLAlchemy's clean-up inside that
        collection crashed CPython 3.11 when another thread ran Python (the dictionary
        loading, an export being written)."""
        return {
            "uid": row.uid,
            "number": numbers[row.id],
            "title": row.title,
            "description": row.description,
            "presenter": row.presenter,
            "minutes_html": row.minutes_html,
            "confidential": bool(row.confidential),
            "started_at": _datetime_text(row.started_at),
            "ended_at": _datetime_text(row.ended_at),
            "planned_minutes": row.planned_minutes,
            "decisions": [self._decision(d) for d in self.decisions.get(row.id, ())],
            "documents": [{"uid": d.uid, "title": d.title, "location": d.location,
                           "format": d.format, "size_bytes": d.size_bytes}
                          for d in self.documents.get(row.id, ())],
            "confirms": self.confirms_uid.get(row.confirms_meeting_id)
            if row.confirms_meeting_id else None,
            "children": [self._node(child, children, numbers)
                         for child in children.get(row.id, ())],
        }

    def _decision(self, row: Decision) -> Json:
        return {
            "uid": row.uid,
            "kind": row.kind.value,
            "text": row.text,
            "mover": self._person(row.mover_id),
            "seconder": self._person(row.seconder_id),
            "votes_for": row.votes_for,
            "votes_against": row.votes_against,
            "votes_abstained": row.votes_abstained,
            "not_voting": row.not_voting,
            "named_votes": [{"person": self._person(v.person_id), "vote": v.vote.value}
                            for v in row.named_votes],
            "in_notes": bool(row.in_notes),
        }

    def _action(self, row: Action) -> Json:
        return {
            "uid": row.uid,
            "item": self._item(row.item_id),
            "text": row.text,
            "owners": [self.person_uid[o.person_id] for o in row.owners],
            "owner_text": row.owner_text,
            "due_date": row.due_date.isoformat() if row.due_date else None,
            "due_text": row.due_text,
            "status": row.status.value,
            "update": row.update_text,
            "carried_from": self.earlier_uid.get(row.carried_from_id)
            if row.carried_from_id else None,
            "progress": [{"uid": p.uid, "at": _datetime_text(p.at), "by": p.recorded_by,
                          "status": p.status.value if p.status else None, "note": p.note}
                         for p in self.progress.get(row.id, ())],
        }

    def _audit(self) -> list[Json]:
        rows = self.session.scalars(select(AuditEntry)
                                    .where(AuditEntry.meeting_id == self.meeting.id)
                                    .order_by(AuditEntry.at, AuditEntry.id))
        return [{"at": _datetime_text(r.at), "actor": r.actor, "action": r.action,
                 "detail": r.detail, "reason": r.reason} for r in rows]


def _person_order(row: Person) -> tuple[str, str, str]:
    """People by name, as a reader looks someone up, then by uid for namesakes.

    Not by id: ids are the book's own and follow the order people were first added to
    it, so the same meeting exported from an archive copy (imported meeting by meeting
    into another book) listed them differently and no checksum of the two files agreed.
    Name and uid travel with the meeting. The people list feeds the approval digest
    only as a mapping by uid, so this order does not change any digest.
    """
    return row.name.casefold(), row.name, row.uid


def _person_json(row: Person) -> Json:
    return {"uid": row.uid, "name": row.name, "title": row.title, "role": row.role,
            "abbreviation": row.abbreviation, "initials": row.initials,
            "organisation": row.organisation, "email": row.email}
