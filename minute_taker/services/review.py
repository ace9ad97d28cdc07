"""Review copies: the draft sent to the chair, and what the chair does with it.

A review copy is a minute book of its own holding just the one meeting (with its
attendance, actions and the people involved), marked as a review copy and
holding the same ``review_dispatch`` row (same uid) as the sending book. The
chair comments, suggests changes, and approves or returns it; none of that edits
the minutes themselves, so the sender can check on import that the content is
exactly what was sent (``review_import``).
"""

from __future__ import annotations

import datetime as dt
import json
import os
import platform
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain import canonical
from minute_taker.domain.decision_marks import passages
from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.suggestions import apply_suggestion, apply_to_plain, locate
from minute_taker.domain.workflow import Transition
from minute_taker.services import interchange, meetings
from minute_taker.services._common import (
    audit,
    editable_meeting,
    follow_passages,
    get,
    required_text,
)
from minute_taker.services.approval import canonical_content, current_approval_row
from minute_taker.store.book import MinuteBook, default_actor
from minute_taker.store.models import (
    AgendaItem,
    Approval,
    BookProperty,
    Meeting,
    Person,
    ReviewComment,
    ReviewDispatch,
    ReviewSuggestion,
    new_uid,
    utcnow,
)
from minute_taker.store.wal import book_files

KIND_PROPERTY = "kind"
REVIEW_COPY = "review copy"
DISPATCH_PROPERTY = "review_dispatch"
BOOK_UID_PROPERTY = "book_uid"
SOURCE_PROPERTY = "review_source_book"
REVIEWER_PROPERTY = "reviewer"  # the name the reviewer gave, signing what they do
# Still a minute book (the desktop opens it with Minute Taker), named so people can tell.
REVIEW_SUFFIX = ".review.minutebook"

TARGETS = ("minutes", "title")

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class ReviewCopyInfo:
    dispatch_uid: str
    meeting_id: int
    meeting_title: str
    meeting_date: dt.date
    committee_name: str
    sent_by: str
    sent_at: dt.datetime
    verdict: str | None = None  # "approved" | "returned"
    verdict_by: str | None = None
    verdict_at: dt.datetime | None = None
    verdict_reason: str | None = None
    round_number: int = 1
    sent_computer: str | None = None
    verdict_computer: str | None = None
    refused_by: str | None = None  # the sender did not accept the approval


@dataclass(frozen=True, slots=True)
class CommentRow:
    id: int
    uid: str
    meeting_id: int
    item_id: int | None
    item_label: str  # "Item 1.2 Professional Standards", or "The minutes as a whole"
    author: str
    created_at: dt.datetime
    quote: str | None
    body: str
    resolved: bool
    resolved_by: str | None = None
    earlier_round: bool = False  # in a review copy: made in a round before this one


@dataclass(frozen=True, slots=True)
class SuggestionRow:
    id: int
    uid: str
    meeting_id: int
    item_id: int | None
    item_label: str
    target: str
    original: str
    proposal: str
    author: str
    created_at: dt.datetime
    status: str  # "pending" | "accepted" | "rejected"
    applies: bool  # the original text is still there to be replaced
    earlier_round: bool = False  # in a review copy: made in a round before this one

    @property
    def pending(self) -> bool:
        return self.status == "pending"


# --- the sender -------------------------------------------------------------------------

def book_uid(session: Session) -> str:
    """This book's identity, created the first time it is asked for."""
    row = session.get(BookProperty, BOOK_UID_PROPERTY)
    if row is None:
        row = BookProperty(key=BOOK_UID_PROPERTY, value=new_uid())
        session.add(row)
        session.flush()
    return row.value


def computer_name() -> str:
    """This computer and login, as a verdict or a sending records them:
    "ws-clerk, login jo"."""
    host = platform.node() or "unknown host"  # the host name, read locally: no network
    return f"{host}, login {default_actor()}"


def next_round(book: MinuteBook, meeting_id: int) -> int:
    """The round the next copy of the meeting sent will be: 1 for the first."""
    with book.unit_of_work() as session:
        return _next_round(session, meeting_id)


def _next_round(session: Session, meeting_id: int) -> int:
    rounds = session.scalars(select(ReviewDispatch.round_number)
                             .where(ReviewDispatch.meeting_id == meeting_id)).all()
    return max((n or 0 for n in rounds), default=0) + 1


def default_file_name(book: MinuteBook, meeting_id: int) -> str:
    """"Police and Crime Panel 2026-01-10 round 2.review.minutebook": a new name every
    round, so the chair's copy of one round is never taken for another's."""
    header = meetings.get_header(book, meeting_id)
    safe = "".join(c if c.isalnum() or c in " -_" else " " for c in header.committee_name)
    round_number = next_round(book, meeting_id)
    return (f"{' '.join(safe.split())} {header.date.isoformat()} round {round_number}"
            f"{REVIEW_SUFFIX}")


def send_for_review(book: MinuteBook, meeting_id: int,
                    path: str | os.PathLike[str]) -> ReviewCopyInfo:
    """Write a review copy of the meeting to ``path`` and record what was sent.

    Draft minutes move to "in review"; minutes already in review may be sent again
    (each copy is its own dispatch). The file is built under a temporary name and
    renamed into place, so a failure leaves no half-written copy.
    """
    target = Path(path).expanduser().absolute()
    if target == book.path or target.exists() and target.samefile(book.path):
        raise ValidationError("A review copy cannot replace the minute book itself.")
    document = interchange.export_meeting(book, meeting_id)
    with book.unit_of_work() as session:
        meeting = editable_meeting(session, meeting_id)
        if meeting.status not in (MeetingStatus.DRAFT, MeetingStatus.IN_REVIEW):
            raise ValidationError("Only draft minutes or minutes in review can be sent.")
        content = canonical_content(session, meeting)
        source = book_uid(session)
        round_number = _next_round(session, meeting_id)
        earlier = _earlier_notes(session, meeting_id)
    dispatch = ReviewDispatch(uid=new_uid(), sent_at=utcnow(), sent_by=book.actor,
                              file_name=target.name, digest=canonical.digest(content),
                              item_digests=json.dumps(canonical.item_digests(content)),
                              round_number=round_number, sent_computer=computer_name())
    _write_copy(target, document, dispatch, source, earlier)
    try:
        with book.unit_of_work() as session:
            meeting = get(session, Meeting, meeting_id, "meeting")
            dispatch.meeting_id = meeting.id
            session.add(dispatch)
            audit(session, book.actor, "meeting", "review sent", meeting_id=meeting.id,
                  entity_uid=dispatch.uid,
                  detail={"file": target.name, "digest": dispatch.digest})
        if meeting.status is MeetingStatus.DRAFT:
            meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    except Exception:
        target.unlink(missing_ok=True)
        raise
    return review_copy_info_for(book, dispatch.uid)


def _notes_of(session: Session, meeting_id: int) -> list[ReviewComment | ReviewSuggestion]:
    return [*session.scalars(select(ReviewComment).where(ReviewComment.meeting_id == meeting_id)),
            *session.scalars(select(ReviewSuggestion)
                             .where(ReviewSuggestion.meeting_id == meeting_id))]


def _earlier_notes(session: Session, meeting_id: int) -> list[Json]:
    """The comments and suggestions of the meeting's earlier rounds, with what became of
    them, as values for the next copy, which shows them to the chair."""
    found: list[Json] = []
    for row in _notes_of(session, meeting_id):
        values = {column.key: getattr(row, column.key)
                  for column in row.__table__.columns if column.key != "id"}
        values["item_uid"] = _item_uid(session, row.item_id)
        found.append(values)
    return found


def _write_copy(target: Path, document: Json, dispatch: ReviewDispatch,
                source: str, earlier: list[Json] | None = None) -> None:
    partial = target.with_name(f".{target.name}.{os.getpid()}.writing")
    for leftover in book_files(partial):
        leftover.unlink(missing_ok=True)
    try:
        with MinuteBook.open(partial) as copy:
            copy_id = interchange.import_meeting(copy, document)
            with copy.unit_of_work() as session:
                meeting = get(session, Meeting, copy_id, "meeting")
                meeting.status = MeetingStatus.IN_REVIEW
                session.add(ReviewDispatch(
                    uid=dispatch.uid, meeting_id=copy_id, sent_at=dispatch.sent_at,
                    sent_by=dispatch.sent_by, file_name=dispatch.file_name,
                    digest=dispatch.digest, item_digests=dispatch.item_digests,
                    round_number=dispatch.round_number,
                    sent_computer=dispatch.sent_computer))
                _copy_earlier_notes(session, copy_id, earlier or [])
                session.add_all([BookProperty(key=KIND_PROPERTY, value=REVIEW_COPY),
                                 BookProperty(key=DISPATCH_PROPERTY, value=dispatch.uid),
                                 BookProperty(key=SOURCE_PROPERTY, value=source)])
                session.flush()
                if canonical.digest(canonical_content(session, meeting)) != dispatch.digest:
                    raise ValidationError("The review copy did not come out identical to the "
                                          "minutes; nothing was sent.")
        with open(partial, "rb+") as handle:  # the copy is complete: make it durable
            os.fsync(handle.fileno())
        os.replace(partial, target)
    finally:
        for leftover in book_files(partial):
            leftover.unlink(missing_ok=True)


def _copy_earlier_notes(session: Session, meeting_id: int, earlier: list[Json]) -> None:
    items = dict(session.execute(select(AgendaItem.uid, AgendaItem.id)
                                 .where(AgendaItem.meeting_id == meeting_id)).all())
    for values in earlier:
        values = dict(values)
        item_uid = values.pop("item_uid")
        values.update(meeting_id=meeting_id, item_id=items.get(item_uid))
        model = ReviewSuggestion if "proposal" in values else ReviewComment
        session.add(model(**values))


def review_copy_info_for(book: MinuteBook, dispatch_uid: str) -> ReviewCopyInfo:
    with book.unit_of_work() as session:
        row = session.scalars(select(ReviewDispatch)
                              .where(ReviewDispatch.uid == dispatch_uid)).one()
        return _info(session, row)


def list_dispatches(book: MinuteBook, meeting_id: int) -> list[ReviewCopyInfo]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(ReviewDispatch)
                               .where(ReviewDispatch.meeting_id == meeting_id)
                               .order_by(ReviewDispatch.sent_at, ReviewDispatch.id))
        return [_info(session, row) for row in rows]


def _info(session: Session, row: ReviewDispatch) -> ReviewCopyInfo:
    meeting = get(session, Meeting, row.meeting_id, "meeting")
    return ReviewCopyInfo(
        dispatch_uid=row.uid, meeting_id=meeting.id, meeting_title=meeting.title,
        meeting_date=meeting.date, committee_name=meeting.committee.name,
        sent_by=row.sent_by, sent_at=row.sent_at, verdict=row.verdict,
        verdict_by=row.verdict_by, verdict_at=row.verdict_at,
        verdict_reason=row.verdict_reason, round_number=row.round_number or 1,
        sent_computer=row.sent_computer, verdict_computer=row.verdict_computer,
        refused_by=row.verdict_refused_by)


# --- the reviewer -------------------------------------------------------------------------

def review_copy_info(book: MinuteBook) -> ReviewCopyInfo | None:
    """What review this book is a copy for, or ``None`` for an ordinary minute book."""
    with book.unit_of_work() as session:
        kind = session.get(BookProperty, KIND_PROPERTY)
        if kind is None or kind.value != REVIEW_COPY:
            return None
        dispatch = session.get(BookProperty, DISPATCH_PROPERTY)
        row = None if dispatch is None else session.scalars(
            select(ReviewDispatch).where(ReviewDispatch.uid == dispatch.value)).first()
        if row is None:
            raise ValidationError(f"{book.path.name} is marked as a review copy but does not "
                                  "say what was sent; it cannot be reviewed.")
        return _info(session, row)


def start_reviewing(book: MinuteBook) -> str | None:
    """The reviewer's window is open on ``book``, a review copy: it is a file people
    e-mail, so every comment, suggestion and verdict goes into the file at once, and the
    file attached with the window still open is the file as the reviewer left it.

    Returns the reviewer's name if they gave it before (what they do is signed with it
    from now on), or None: ask them (:func:`suggested_reviewer`, :func:`set_reviewer`).
    """
    book.write_each_change_through()
    name = reviewer_name(book)
    if name is not None:
        book.actor = name
    return name


def reviewer_name(book: MinuteBook) -> str | None:
    """The name the reviewer gave in this copy, or None if they have not been asked."""
    with book.unit_of_work() as session:
        row = session.get(BookProperty, REVIEWER_PROPERTY)
        return row.value if row is not None else None


def suggested_reviewer(book: MinuteBook) -> str | None:
    """Who the copy expects to review it: the meeting's chair, as the minutes name them."""
    with book.unit_of_work() as session:
        meeting = session.scalars(select(Meeting)).first()
        chair = None if meeting is None or meeting.chair_id is None else session.get(
            Person, meeting.chair_id)
        return chair.name if chair is not None else None


def set_reviewer(book: MinuteBook, name: str) -> str:
    """Sign this review as ``name`` from now on: the comments and suggestions of this
    round signed with the name given before are signed with this one, and the audit
    records what the reviewer does under it. Not once the verdict is given: it is
    signed."""
    name = required_text(name, "reviewer's name")
    with book.unit_of_work() as session:
        dispatch = _dispatch_uid(session)
        if dispatch is None:
            raise ValidationError("Only a review copy has a reviewer.")
        if session.scalar(select(ReviewDispatch.verdict)
                          .where(ReviewDispatch.uid == dispatch)) is not None:
            raise ValidationError("The verdict is given and signed: the name cannot change.")
        row = session.get(BookProperty, REVIEWER_PROPERTY)
        before = row.value if row is not None else book.actor
        if row is None:
            session.add(BookProperty(key=REVIEWER_PROPERTY, value=name))
        else:
            row.value = name
        meeting_id = session.scalar(select(ReviewDispatch.meeting_id)
                                    .where(ReviewDispatch.uid == dispatch))
        for note in _notes_of(session, meeting_id or 0):
            if note.dispatch_uid == dispatch and note.author == before:
                note.author = name
        if before != name:
            audit(session, name, "review", "reviewer named", entity_uid=dispatch,
                  detail={"name": name, "before": before, "computer": computer_name()})
    book.actor = name
    return name


def is_review_copy(book: MinuteBook) -> bool:
    with book.unit_of_work() as session:
        kind = session.get(BookProperty, KIND_PROPERTY)
        return kind is not None and kind.value == REVIEW_COPY


def add_comment(book: MinuteBook, meeting_id: int, body: str, *, item_id: int | None = None,
                quote: str | None = None) -> CommentRow:
    """A comment on the minutes as a whole, on an item, or on a passage (``quote``)."""
    with book.unit_of_work() as session:
        meeting = _reviewable(session, meeting_id)
        if item_id is not None:
            _item_in(session, item_id, meeting.id)
        row = ReviewComment(meeting_id=meeting.id, item_id=item_id,
                            dispatch_uid=_dispatch_uid(session), author=book.actor,
                            quote=(quote or "").strip() or None,
                            body=required_text(body, "comment"))
        session.add(row)
        session.flush()
        return _comment_record(session, row)


def add_suggestion(book: MinuteBook, meeting_id: int, item_id: int, original: str,
                   proposal: str, *, target: str = "minutes",
                   occurrence: int = 0) -> SuggestionRow:
    """A proposed change: ``original`` (text as shown) to be replaced by ``proposal``."""
    if target not in TARGETS:
        raise ValidationError(f"A suggestion changes an item's {' or '.join(TARGETS)}.")
    if not original.strip():
        raise ValidationError("Select the text you want changed first.")
    if original == proposal:
        raise ValidationError("The proposed text is the same as the original.")
    with book.unit_of_work() as session:
        meeting = _reviewable(session, meeting_id)
        item = _item_in(session, item_id, meeting.id)
        if locate(_target_text(item, target), original) <= occurrence:
            raise ValidationError(f"“{original}” is not in item {item.number}'s {target}.")
        row = ReviewSuggestion(meeting_id=meeting.id, item_id=item.id,
                               dispatch_uid=_dispatch_uid(session), target=target,
                               original=original, proposal=proposal, occurrence=occurrence,
                               author=book.actor)
        session.add(row)
        session.flush()
        return _suggestion_record(session, row)


def delete_comment(book: MinuteBook, comment_id: int) -> None:
    with book.unit_of_work() as session:
        row = get(session, ReviewComment, comment_id, "comment")
        _reviewable(session, row.meeting_id)
        _this_round(session, row)
        session.delete(row)


def delete_suggestion(book: MinuteBook, suggestion_id: int) -> None:
    with book.unit_of_work() as session:
        row = get(session, ReviewSuggestion, suggestion_id, "suggestion")
        _reviewable(session, row.meeting_id)
        _this_round(session, row)
        session.delete(row)


def _this_round(session: Session, row: ReviewComment | ReviewSuggestion) -> None:
    if row.dispatch_uid != _dispatch_uid(session):
        raise ValidationError("That point was made in an earlier round and has been dealt "
                              "with by the minute-taker: it is shown for reference, and "
                              "stays.")


def approve_review(book: MinuteBook, meeting_id: int) -> ReviewCopyInfo:
    """The reviewer approves the minutes as sent or, if they suggested changes, subject to
    those changes: the approval's digest is of the minutes with the suggestions applied,
    so it takes effect for the sender once every suggestion has been accepted."""
    with book.unit_of_work() as session:
        meeting = _reviewable(session, meeting_id)
        amended = amended_content(canonical_content(session, meeting),
                                  _suggestion_dicts(session, meeting.id,
                                                    _dispatch_uid(session)))
        meetings.apply_transition(session, book.actor, meeting, Transition.APPROVE, None,
                                  approved_content=amended)
    return _record_verdict(book, meeting_id, "approved", None)


def amended_content(content: Json, suggestions: list[Json]) -> Json:
    """``content`` (canonical form) with ``suggestions`` applied in the order given."""
    items = {item["uid"]: dict(item) for item in content["items"]}
    for suggestion in suggestions:
        item = items.get(suggestion["item_uid"] or "")
        if item is None:
            continue
        try:
            if suggestion["target"] == "title":
                item["title"] = apply_to_plain(item["title"], suggestion["original"],
                                               suggestion["proposal"], suggestion["occurrence"])
            else:
                item["minutes_html"] = apply_suggestion(
                    item["minutes_html"], suggestion["original"], suggestion["proposal"],
                    suggestion["occurrence"])
                # As the book does on accepting it: a decision follows its passage.
                found = passages(item["minutes_html"])
                item["decisions"] = [
                    {**d, "text": found[d["uid"]]} if d.get("in_notes") and found.get(d["uid"])
                    else d for d in item["decisions"]]
        except ValidationError as exc:
            raise ValidationError(f"Two suggestions on item {item['number']} overlap, so they "
                                  f"cannot both be applied: {exc}") from exc
    return {**content, "items": [items[item["uid"]] for item in content["items"]]}


def _suggestion_dicts(session: Session, meeting_id: int,
                      dispatch_uid: str | None = None) -> list[Json]:
    query = select(ReviewSuggestion).where(ReviewSuggestion.meeting_id == meeting_id)
    if dispatch_uid is not None:
        query = query.where(ReviewSuggestion.dispatch_uid == dispatch_uid)
    rows = session.scalars(query.order_by(ReviewSuggestion.created_at, ReviewSuggestion.id))
    return [{"uid": r.uid, "item_uid": _item_uid(session, r.item_id), "target": r.target,
             "original": r.original, "proposal": r.proposal, "occurrence": r.occurrence,
             "status": r.status} for r in rows]


def _item_uid(session: Session, item_id: int | None) -> str | None:
    item = None if item_id is None else session.get(AgendaItem, item_id)
    return None if item is None else item.uid


def complete_pending_approval(session: Session, actor: str, meeting: Meeting) -> str | None:
    """Apply an imported approval that was waiting, once nothing stands in its way.

    An approval given subject to suggestions waits until each is accepted; one given
    on minutes changed since sending waits until they say what was approved again.
    Returns who approved when it took effect now.
    """
    if meeting.status is MeetingStatus.APPROVED:
        return None
    waiting = session.scalars(
        select(ReviewDispatch).where(ReviewDispatch.meeting_id == meeting.id,
                                     ReviewDispatch.verdict == "approved",
                                     ReviewDispatch.imported_at.is_not(None))
        .order_by(ReviewDispatch.sent_at.desc())).all()
    digest = canonical.digest(canonical_content(session, meeting))
    for dispatch in waiting:
        if dispatch.verdict_digest != digest or session.scalars(
                select(Approval).where(Approval.uid == dispatch.verdict_uid)).first():
            continue
        if meeting.status is MeetingStatus.DRAFT:
            meetings.apply_transition(session, actor, meeting, Transition.SEND_FOR_REVIEW,
                                      None)
        meetings.apply_transition(session, actor, meeting, Transition.APPROVE, None,
                                  approved_by=dispatch.verdict_by,
                                  approval_uid=dispatch.verdict_uid,
                                  approved_at=dispatch.verdict_at)
        return dispatch.verdict_by
    return None


def return_review(book: MinuteBook, meeting_id: int, reason: str) -> ReviewCopyInfo:
    """The reviewer sends the draft back, saying why; the comments go with it."""
    with book.unit_of_work() as session:
        _reviewable(session, meeting_id)
    meetings.change_status(book, meeting_id, Transition.RETURN_TO_DRAFT, reason)
    return _record_verdict(book, meeting_id, "returned", reason.strip())


def _record_verdict(book: MinuteBook, meeting_id: int, verdict: str,
                    reason: str | None) -> ReviewCopyInfo:
    with book.unit_of_work() as session:
        row = session.scalars(select(ReviewDispatch)
                              .where(ReviewDispatch.meeting_id == meeting_id)).one()
        approval = current_approval_row(session, meeting_id)
        row.verdict = verdict
        row.verdict_uid = approval.uid if approval else new_uid()
        row.verdict_digest = approval.digest if approval else None
        row.verdict_by, row.verdict_at, row.verdict_reason = book.actor, utcnow(), reason
        row.verdict_computer = computer_name()
        session.flush()
        return _info(session, row)


def _reviewable(session: Session, meeting_id: int) -> Meeting:
    """Comments and verdicts belong in a review copy, before its verdict is given."""
    kind = session.get(BookProperty, KIND_PROPERTY)
    if kind is None or kind.value != REVIEW_COPY:
        raise ValidationError("Comments, suggestions and verdicts are given in a review copy: "
                              "use Send for review to make one.")
    meeting = get(session, Meeting, meeting_id, "meeting")
    verdict = session.scalar(select(ReviewDispatch.verdict)
                             .where(ReviewDispatch.meeting_id == meeting_id))
    if verdict is not None or meeting.status is not MeetingStatus.IN_REVIEW:
        raise ValidationError(f"This review is finished (the minutes were {verdict or 'closed'}"
                              "); send the file back to the minute-taker.")
    return meeting


def _dispatch_uid(session: Session) -> str | None:
    row = session.get(BookProperty, DISPATCH_PROPERTY)
    return None if row is None else row.value


# --- both sides ---------------------------------------------------------------------------

def list_comments(book: MinuteBook, meeting_id: int) -> list[CommentRow]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(ReviewComment).where(ReviewComment.meeting_id == meeting_id)
                               .order_by(ReviewComment.created_at, ReviewComment.id))
        return [_comment_record(session, row) for row in rows]


def list_suggestions(book: MinuteBook, meeting_id: int) -> list[SuggestionRow]:
    with book.unit_of_work() as session:
        rows = session.scalars(select(ReviewSuggestion)
                               .where(ReviewSuggestion.meeting_id == meeting_id)
                               .order_by(ReviewSuggestion.created_at, ReviewSuggestion.id))
        return [_suggestion_record(session, row) for row in rows]


def accept_suggestion(book: MinuteBook, suggestion_id: int) -> SuggestionRow:
    """Apply the proposal to the item's text (the minutes must still be editable)."""
    with book.unit_of_work() as session:
        row = _pending(session, suggestion_id)
        editable_meeting(session, row.meeting_id)
        if row.item_id is None:
            raise ValidationError("The item this suggestion was made on has been deleted; "
                                  "apply it by hand or reject it.")
        item = get(session, AgendaItem, row.item_id, "agenda item")
        if row.target == "title":
            item.title = required_text(apply_to_plain(item.title, row.original, row.proposal,
                                                      row.occurrence), "item title")
        else:
            item.minutes_html = apply_suggestion(item.minutes_html, row.original, row.proposal,
                                                 row.occurrence)
            follow_passages(session, item)
        _decide(session, book, row, "accepted")
        complete_pending_approval(session, book.actor, get(session, Meeting, row.meeting_id))
        return _suggestion_record(session, row)


def reject_suggestion(book: MinuteBook, suggestion_id: int) -> SuggestionRow:
    with book.unit_of_work() as session:
        row = _pending(session, suggestion_id)
        editable_meeting(session, row.meeting_id)
        _decide(session, book, row, "rejected")
        return _suggestion_record(session, row)


def reopen_suggestion(book: MinuteBook, suggestion_id: int) -> SuggestionRow:
    """Undo a rejection (an accepted change is undone by editing the text back)."""
    with book.unit_of_work() as session:
        row = get(session, ReviewSuggestion, suggestion_id, "suggestion")
        editable_meeting(session, row.meeting_id)
        _not_a_review_copy(session)
        row.status, row.decided_by, row.decided_at = "pending", None, None
        session.flush()
        return _suggestion_record(session, row)


def resolve_comment(book: MinuteBook, comment_id: int, resolved: bool = True) -> CommentRow:
    """Mark a comment dealt with (or not). Comments are not part of the minutes, so one
    that came back with the approval can be resolved once the minutes are approved."""
    with book.unit_of_work() as session:
        row = get(session, ReviewComment, comment_id, "comment")
        _not_a_review_copy(session)
        row.resolved_at = utcnow() if resolved else None
        row.resolved_by = book.actor if resolved else None
        audit(session, book.actor, "comment", "resolved" if resolved else "reopened",
              meeting_id=row.meeting_id, entity_uid=row.uid,
              detail={"author": row.author, "body": row.body})
        session.flush()
        return _comment_record(session, row)


def _pending(session: Session, suggestion_id: int) -> ReviewSuggestion:
    row = get(session, ReviewSuggestion, suggestion_id, "suggestion")
    _not_a_review_copy(session)
    if row.status != "pending":
        raise ValidationError(f"This suggestion was already {row.status}.")
    return row


def _not_a_review_copy(session: Session) -> None:
    """Suggestions are taken up in the minute book: a review copy's text must stay exactly
    as it was sent, or its return would be refused as altered."""
    kind = session.get(BookProperty, KIND_PROPERTY)
    if kind is not None and kind.value == REVIEW_COPY:
        raise ValidationError("Suggestions are accepted or rejected by the minute-taker, after "
                              "importing the review into the minute book.")


def _decide(session: Session, book: MinuteBook, row: ReviewSuggestion, status: str) -> None:
    row.status, row.decided_by, row.decided_at = status, book.actor, utcnow()
    session.flush()
    audit(session, book.actor, "suggestion", status, meeting_id=row.meeting_id,
          entity_uid=row.uid, detail={"original": row.original, "proposal": row.proposal})


def _item_in(session: Session, item_id: int, meeting_id: int) -> AgendaItem:
    item = get(session, AgendaItem, item_id, "agenda item")
    if item.meeting_id != meeting_id:
        raise ValidationError("That item belongs to another meeting.")
    return item


def _target_text(item: AgendaItem, target: str) -> str:
    return item.title if target == "title" else item.minutes_html


def _item_label(session: Session, item_id: int | None) -> str:
    item = None if item_id is None else session.get(AgendaItem, item_id)
    if item is None:
        return "The minutes as a whole"
    return f"Item {item.number} {item.title}".strip()


def _comment_record(session: Session, row: ReviewComment) -> CommentRow:
    return CommentRow(id=row.id, uid=row.uid, meeting_id=row.meeting_id, item_id=row.item_id,
                      item_label=_item_label(session, row.item_id), author=row.author,
                      created_at=row.created_at, quote=row.quote, body=row.body,
                      resolved=row.resolved_at is not None, resolved_by=row.resolved_by,
                      earlier_round=_earlier(session, row))


def _earlier(session: Session, row: ReviewComment | ReviewSuggestion) -> bool:
    """In a review copy, a point brought along from an earlier round."""
    current = _dispatch_uid(session)
    return current is not None and row.dispatch_uid != current


def _suggestion_record(session: Session, row: ReviewSuggestion) -> SuggestionRow:
    item = None if row.item_id is None else session.get(AgendaItem, row.item_id)
    applies = item is not None and row.status == "pending" and locate(
        _target_text(item, row.target), row.original) > row.occurrence
    return SuggestionRow(id=row.id, uid=row.uid, meeting_id=row.meeting_id,
                         item_id=row.item_id, item_label=_item_label(session, row.item_id),
                         target=row.target, original=row.original, proposal=row.proposal,
                         author=row.author, created_at=row.created_at, status=row.status,
                         applies=applies, earlier_round=_earlier(session, row))
