"""Approving minutes: the approval record, its digest, and checking it later.

The canonical content is derived from the interchange document (which keeps uids),
so a meeting exported as JSON and imported elsewhere still matches its approval.
What the minutes say is in it; how they were produced (status, audit, times items
were taken up, planned durations) is not.
"""

from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain import canonical
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.enums import MeetingStatus
from minute_taker.services._common import get, optional_text
from minute_taker.services._interchange_export import export_document
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem, Approval, AuditEntry, Meeting, utcnow

Json = dict[str, Any]

# Not what the minutes say: when items were taken up, planned durations, the tree (kept
# as "parent"), and which earlier meeting a confirmation item points at (its decision's
# words say so).
_VOLATILE_ITEM_KEYS = {"started_at", "ended_at", "planned_minutes", "children", "confirms"}
_BESIDE_ACTION = {"item", "carried_from", "progress"}
# Fields added after the first approvals were given: part of the content only when they
# say something, so minutes approved before they existed keep their digest.
_LATER_MEETING_KEYS = {"next_meeting_venue", "contact_name", "contact_details"}
_LATER_PAPER_KEYS = {"format", "size_bytes"}
_LATER_DECISION_KEYS = {"named_votes", "in_notes"}
_LATER_DECLARATION_KEYS = {"made_at_item"}
# What the minutes show of a person, and so what an approval covers of them.
PERSON_FIELDS = ("name", "title", "role", "abbreviation")


@dataclass(frozen=True, slots=True)
class ApprovalInfo:
    uid: str
    meeting_id: int
    approved_by: str
    approved_at: dt.datetime
    digest: str
    confirmed_at: dt.datetime | None = None
    confirmed_in: str | None = None  # "item 2 of 30 Nov 2017" when confirmed

    @property
    def short_digest(self) -> str:
        return canonical.short_digest(self.digest)


@dataclass(frozen=True, slots=True)
class VerifyResult:
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    # None: approved by a version before 0003, which kept no record to check against.
    approval: ApprovalInfo | None
    current_digest: str
    differing: tuple[str, ...]  # item numbers (or "meeting details") that changed

    @property
    def matches(self) -> bool:
        return self.approval is not None and self.current_digest == self.approval.digest

    @property
    def changed(self) -> bool:
        return self.approval is not None and self.current_digest != self.approval.digest


def canonical_content(session: Session, meeting: Meeting) -> Json:
    """What the minutes of ``meeting`` say, in the shape the digest is taken of."""
    document = export_document(session, meeting)
    people = {p["uid"]: {key: p[key] for key in PERSON_FIELDS} for p in document["people"]}
    actions_by_item: dict[str | None, list[Json]] = {}
    for action in document["actions"]:
        # What the minutes said of the action; not the link to the action it continues
        # nor what became of it since (the register beside them).
        actions_by_item.setdefault(action["item"], []).append(
            {key: value for key, value in action.items() if key not in _BESIDE_ACTION})
    items: list[Json] = []

    def walk(nodes: list[Json], parent: str | None) -> None:
        for node in nodes:
            items.append({**{k: v for k, v in node.items() if k not in _VOLATILE_ITEM_KEYS},
                          "documents": [_said(paper, _LATER_PAPER_KEYS)
                                        for paper in node.get("documents", [])],
                          "decisions": [_said(decision, _LATER_DECISION_KEYS)
                                        for decision in node.get("decisions", [])],
                          "parent": parent, "actions": actions_by_item.get(node["uid"], [])})
            walk(node["children"], node["uid"])

    walk(document["items"], None)
    header = _said({k: v for k, v in document["meeting"].items()
                    if k not in ("status", "number_start")}, _LATER_MEETING_KEYS)
    if header.get("next_meeting_at") and "T" not in header["next_meeting_at"]:
        # A date given without a time, as the date-times before it were written.
        header["next_meeting_at"] += "T00:00"
    return {
        "committee": document["committee"]["name"],
        "meeting": header,
        "people": people,
        "attendance": document["attendance"],
        "declarations": [_said(row, _LATER_DECLARATION_KEYS)
                         for row in document["declarations"]],
        "items": items,
        "actions": actions_by_item.get(None, []),
    }


def _said(row: Json, later: set[str]) -> Json:
    """``row`` without the later fields that say nothing (null, an empty list, false)."""
    return {key: value for key, value in row.items()
            if key not in later or (value not in (None, []) and value is not False)}


def meeting_content(book: MinuteBook, meeting_id: int) -> Json:
    with book.unit_of_work() as session:
        return canonical_content(session, get(session, Meeting, meeting_id, "meeting"))


def content_digest(book: MinuteBook, meeting_id: int) -> str:
    return canonical.digest(meeting_content(book, meeting_id))


def record_approval(session: Session, meeting: Meeting, approved_by: str, *,
                    uid: str | None = None, at: dt.datetime | None = None,
                    content: Json | None = None) -> Approval:
    """The approval of ``meeting`` as it stands, or of ``content`` when the approver
    approved it subject to changes they suggested."""
    if content is None:
        content = canonical_content(session, meeting)
    row = Approval(meeting_id=meeting.id, approved_by=approved_by,
                   approved_at=at or utcnow(), digest=canonical.digest(content),
                   canonical_version=canonical.CANONICAL_VERSION,
                   canonical=canonical.canonical_bytes(content).decode("utf-8"))
    if uid:
        row.uid = uid
    session.add(row)
    session.flush()
    return row


def clear_approval(session: Session, meeting: Meeting, actor: str,
                   reason: str | None) -> Approval | None:
    """Reopened minutes are no longer approved; the record stays, marked cleared."""
    current = current_approval_row(session, meeting.id)
    if current is not None:
        current.cleared_at = utcnow()
        current.cleared_by = actor
        current.cleared_reason = optional_text(reason)
    return current


def current_approval_row(session: Session, meeting_id: int) -> Approval | None:
    return session.scalars(
        select(Approval).where(Approval.meeting_id == meeting_id, Approval.cleared_at.is_(None))
        .order_by(Approval.approved_at.desc(), Approval.id.desc()).limit(1)).first()


def current_approval(book: MinuteBook, meeting_id: int) -> ApprovalInfo | None:
    with book.unit_of_work() as session:
        row = current_approval_row(session, meeting_id)
        return None if row is None else approval_info(session, row)


def approval_info(session: Session, row: Approval) -> ApprovalInfo:
    confirmed_in = None
    if row.confirmed_item_id is not None:
        item = session.get(AgendaItem, row.confirmed_item_id)
        if item is not None:
            held = session.get(Meeting, item.meeting_id)
            assert held is not None
            confirmed_in = f"item {item.number} of {day_month_year(held.date)}"
    return ApprovalInfo(uid=row.uid, meeting_id=row.meeting_id, approved_by=row.approved_by,
                        approved_at=row.approved_at, digest=row.digest,
                        confirmed_at=row.confirmed_at, confirmed_in=confirmed_in)


@dataclass(frozen=True, slots=True)
class HistoryProblem:
    """A meeting whose status or approval disagrees with its own history: something
    changed the book without going through Minute Taker."""

    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    problem: str


def check_history(book: MinuteBook) -> list[HistoryProblem]:
    """Meetings, approvals and the audit trail, checked against each other.

    Every change of status goes through :func:`meetings.apply_transition`, which writes
    an audit entry ("from", "to", and for an approval its digest and approver), and
    approval rows are never deleted (reopening marks one cleared). So, per meeting:
    history that ends in an approval needs the meeting approved and that approval's row
    there; an approved meeting needs history that ends in an approval. One SQL
    statement (``update meeting set status='draft'``, ``delete from approval``) breaks
    one of these. What someone who rewrites the history too can still do is in
    docs/review.md.
    """
    problems = []
    with book.unit_of_work() as session:
        last_status: dict[int, tuple[AuditEntry, Json]] = {}
        entries = session.scalars(
            select(AuditEntry).where(AuditEntry.entity == "meeting",
                                     AuditEntry.action == "status",
                                     AuditEntry.meeting_id.is_not(None))
            .order_by(AuditEntry.at, AuditEntry.id))
        for entry in entries:
            assert entry.meeting_id is not None
            last_status[entry.meeting_id] = (entry, _detail(entry))
        for meeting in session.scalars(select(Meeting).order_by(Meeting.date, Meeting.id)):
            if problem := _history_problem(session, meeting, last_status.get(meeting.id)):
                problems.append(HistoryProblem(meeting.id, meeting.title, meeting.date,
                                               problem))
    return problems


def _detail(entry: AuditEntry) -> Json:
    try:
        detail = json.loads(entry.detail or "{}")
    except ValueError:
        return {}
    return detail if isinstance(detail, dict) else {}


def _history_problem(session: Session, meeting: Meeting,
                     last: tuple[AuditEntry, Json] | None) -> str | None:
    approved_in_history = last is not None and last[1].get("to") == MeetingStatus.APPROVED.value
    if meeting.status is MeetingStatus.APPROVED and not approved_in_history:
        return ("marked approved, but its history records no approval: the status was "
                "changed outside Minute Taker")
    if last is None or not approved_in_history:
        return None
    entry, detail = last
    when = f"{day_month_year(entry.at.date())} by {detail.get('approved_by') or entry.actor}"
    if meeting.status is not MeetingStatus.APPROVED:
        return (f"its history says approved on {when}, but it is now "
                f"{meeting.status.label.lower()} with no reopening recorded: the status "
                "was changed outside Minute Taker")
    digest = detail.get("digest")
    if digest and session.scalar(select(Approval.id).where(
            Approval.meeting_id == meeting.id, Approval.digest == digest).limit(1)) is None:
        return (f"its history records an approval on {when} (sha256 {digest}), but that "
                "approval's record is missing from the book")
    return None


def verify_book(book: MinuteBook) -> list[VerifyResult]:
    """Every approved meeting, checked against the digest recorded when it was approved."""
    results = []
    with book.unit_of_work() as session:
        approved = session.scalars(select(Meeting).where(Meeting.status == MeetingStatus.APPROVED)
                                   .order_by(Meeting.date, Meeting.id))
        for meeting in approved:
            results.append(_verify(session, meeting))
    return results


def verify_meeting(book: MinuteBook, meeting_id: int) -> VerifyResult | None:
    """One meeting checked as :func:`verify_book` checks each; None when its minutes
    are not approved (there is nothing to check)."""
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        return _verify(session, meeting) if meeting.status is MeetingStatus.APPROVED else None


def _verify(session: Session, meeting: Meeting) -> VerifyResult:
    row = current_approval_row(session, meeting.id)
    content = canonical_content(session, meeting)
    current = canonical.digest(content)
    if row is None:
        return VerifyResult(meeting_id=meeting.id, meeting_title=meeting.title,
                            meeting_date=meeting.date, approval=None, current_digest=current,
                            differing=())
    differing: tuple[str, ...] = ()
    if current != row.digest:
        differing = _differences(json.loads(row.canonical), content)
    return VerifyResult(meeting_id=meeting.id, meeting_title=meeting.title,
                        meeting_date=meeting.date, approval=approval_info(session, row),
                        current_digest=current, differing=differing)


def _differences(approved: Json, current: Json) -> tuple[str, ...]:
    """Which parts differ, named as a clerk would: item numbers, or meeting details."""
    names = {item["uid"]: f"item {item['number']}" for item in approved.get("items", [])}
    names.update({item["uid"]: f"item {item['number']}" for item in current.get("items", [])})
    names["meeting"] = "meeting details or attendance"
    parts = canonical.differing_parts(canonical.item_digests(approved),
                                      canonical.item_digests(current))
    return tuple(names.get(part, part) for part in parts)

