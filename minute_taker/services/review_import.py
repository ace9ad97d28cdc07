"""Bringing a returned review copy back into the minute book.

The returned file is checked against the book's own record of what was sent
(the ``review_dispatch`` row): a file that is not a review copy, is of another
meeting, was not sent from this book, or whose content or digests differ from
what was sent is refused before anything is written. Then comments and
suggestions are added (once: rows keep their uids, so a second import adds
nothing), items the minute-taker changed since sending are settled item by item
as the user chose, and an approval is applied only if the minutes now say
exactly what the chair approved.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import json
import os
import shutil
import tempfile
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain import canonical
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.enums import ActionStatus, DecisionKind, MeetingStatus, VoteChoice
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.richtext import sanitise_html
from minute_taker.domain.suggestions import plain_text
from minute_taker.domain.workflow import Transition
from minute_taker.services import meetings, review
from minute_taker.services._common import audit
from minute_taker.services._interchange_export import export_document
from minute_taker.services.approval import canonical_content, current_approval_row
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookError
from minute_taker.store.models import (
    Action,
    ActionOwner,
    AgendaItem,
    BookProperty,
    Decision,
    DecisionVote,
    Meeting,
    Person,
    ReviewComment,
    ReviewDispatch,
    ReviewSuggestion,
    SupportingDocument,
    utcnow,
)

Json = dict[str, Any]


class ReviewFileError(ValidationError):
    """A file refused as a returned review: the message says why; nothing was changed."""


class Choice(StrEnum):
    KEEP_MINE = "keep_mine"  # keep the minute-taker's later edits
    USE_REVIEWED = "use_reviewed"  # put the item back as the reviewer saw it


class ChangeKind(StrEnum):
    CHANGED = "changed"
    ADDED = "added"  # added since the copy was sent
    REMOVED = "removed"  # deleted since the copy was sent
    MEETING = "meeting"  # header or attendance changed


@dataclass(frozen=True, slots=True)
class Difference:
    """An item the minute-taker changed after sending the copy the reviewer saw."""

    key: str  # item uid, or "meeting"
    kind: ChangeKind
    label: str  # "Item 1.2 Professional Standards"
    reviewed_text: str  # as the reviewer saw it (plain text)
    current_text: str  # as it is now

    @property
    def can_use_reviewed(self) -> bool:
        return self.kind is ChangeKind.CHANGED


@dataclass(frozen=True, slots=True)
class ReviewPlan:
    """What importing the file would do; nothing has been written yet."""

    meeting_id: int
    meeting_label: str
    reviewer: str | None
    verdict: str | None
    verdict_reason: str | None
    new_comments: int
    new_suggestions: int
    differences: tuple[Difference, ...]
    already_imported: bool
    # What the sender should weigh before accepting the verdict: a signature not the
    # chair's, a verdict given on the computer that sent the copy, a clock behind.
    warnings: tuple[str, ...] = ()
    verdict_computer: str | None = None

    @property
    def nothing_new(self) -> bool:
        return self.already_imported and not self.new_comments and not self.new_suggestions


@dataclass(frozen=True, slots=True)
class ReviewResult:
    meeting_id: int
    added_comments: int
    added_suggestions: int
    restored_items: tuple[str, ...]
    approval_applied: bool
    status: MeetingStatus
    messages: tuple[str, ...] = field(default=())

    returned: bool = False

    @property
    def changed_anything(self) -> bool:
        return bool(self.added_comments or self.added_suggestions or self.restored_items
                    or self.approval_applied or self.returned)


@dataclass(frozen=True, slots=True)
class _Returned:
    """Everything read from the returned file, checked, with its file closed."""

    dispatch: Json
    document: Json  # the reviewed meeting as an interchange document
    content: Json  # and in canonical form
    comments: list[Json]
    suggestions: list[Json]
    approval: Json | None


# --- reading and checking the file --------------------------------------------------------

def plan_import(book: MinuteBook, path: str | os.PathLike[str]) -> ReviewPlan:
    """Check the returned file and say what importing it would do."""
    returned = _read_returned(Path(path))
    with book.unit_of_work() as session:
        dispatch, meeting = _check_against_book(session, returned, Path(path).name)
        return _plan(session, returned, dispatch, meeting)


def import_review(book: MinuteBook, path: str | os.PathLike[str],
                  choices: Mapping[str, Choice] | None = None, *,
                  refuse_approval: bool = False) -> ReviewResult:
    """Import the returned file in one transaction. ``choices`` settles each item changed
    since sending (by item uid); unlisted items keep the minute-taker's version.
    ``refuse_approval``: the sender does not accept the approval in the file (see the
    plan's warnings): the comments and suggestions come in, the minutes stay in review,
    and the refusal is recorded."""
    returned = _read_returned(Path(path))
    with book.unit_of_work() as session:
        dispatch, meeting = _check_against_book(session, returned, Path(path).name)
        return _Applier(session, book, returned, dispatch, meeting).run(
            choices or {}, refuse_approval=refuse_approval)


def _read_returned(path: Path) -> _Returned:
    """Read a copy of the file (opening a book may upgrade it; the user's file is never
    touched), refusing anything that is not a review copy."""
    if not path.is_file():
        raise ReviewFileError(f"{path.name} does not exist or is not a file.")
    with _private_copy(path) as copy:
        try:
            book = MinuteBook.open(copy, actor="import")
        except BookError as exc:
            raise ReviewFileError(f"{path.name} is not a review copy: {exc}") from exc
        try:
            return _read_copy(book, path.name)
        finally:
            book.close()


@contextlib.contextmanager
def _private_copy(path: Path) -> Iterator[Path]:
    with tempfile.TemporaryDirectory(prefix="minute-taker-review-") as folder:
        # Named as the user's file: a message about the copy names the file they know.
        copy = Path(folder) / path.name
        try:
            shutil.copyfile(path, copy)
        except OSError as exc:
            raise ReviewFileError(f"Cannot read {path.name}: {exc.strerror or exc}.") from exc
        yield copy


def _read_copy(book: MinuteBook, name: str) -> _Returned:
    with book.unit_of_work() as session:
        kind = session.get(BookProperty, review.KIND_PROPERTY)
        marker = session.get(BookProperty, review.DISPATCH_PROPERTY)
        if kind is None or kind.value != review.REVIEW_COPY or marker is None:
            raise ReviewFileError(f"{name} is a minute book, not a review copy: only a file "
                                  "made with Send for review can be imported as a review.")
        rows = list(session.scalars(select(ReviewDispatch)))
        found = list(session.scalars(select(Meeting)))
        if len(rows) != 1 or len(found) != 1 or rows[0].uid != marker.value \
                or rows[0].meeting_id != found[0].id:
            raise ReviewFileError(f"{name} is not a well-formed review copy (it should hold "
                                  "one meeting and the record of its sending).")
        meeting = found[0]
        approval = current_approval_row(session, meeting.id)
        return _Returned(
            dispatch=_columns(rows[0]) | {"meeting_uid": meeting.uid,
                                          "meeting_status": meeting.status.value},
            document=export_document(session, meeting),
            content=canonical_content(session, meeting),
            comments=[_columns(r) | {"item_uid": _uid_of(session, r.item_id)}
                      for r in session.scalars(select(ReviewComment))],
            suggestions=[_columns(r) | {"item_uid": _uid_of(session, r.item_id)}
                         for r in session.scalars(select(ReviewSuggestion))],
            approval=None if approval is None else _columns(approval))


def _columns(row: Any) -> Json:
    return {column.key: getattr(row, column.key) for column in row.__table__.columns}


def _uid_of(session: Session, item_id: int | None) -> str | None:
    item = None if item_id is None else session.get(AgendaItem, item_id)
    return None if item is None else item.uid


def _check_against_book(session: Session, returned: _Returned,
                        name: str) -> tuple[ReviewDispatch, Meeting]:
    sent = returned.dispatch
    dispatch = session.scalars(select(ReviewDispatch)
                               .where(ReviewDispatch.uid == sent["uid"])).first()
    mine = session.scalars(select(Meeting).where(Meeting.uid == sent["meeting_uid"])).first()
    if dispatch is None or mine is None or dispatch.meeting_id != mine.id:
        header = returned.document["meeting"]
        what = f"“{header['title']}” of {header['date']}"
        if mine is None or (dispatch is not None and dispatch.meeting_id != mine.id):
            raise ReviewFileError(f"{name} is a review of {what}, a meeting that is not in this "
                                  "minute book: open the book it was sent from.")
        raise ReviewFileError(f"{name} is a review of {what}, but this book has no record of "
                              "sending it: it was sent from another copy of the book.")
    if sent["digest"] != dispatch.digest or sent["item_digests"] != dispatch.item_digests:
        raise ReviewFileError(f"{name} has been altered: its record of what was sent does not "
                              "match this book's. Nothing was imported.")
    _check_content(returned, dispatch, name)
    approval = returned.approval
    if returned.dispatch["verdict"] == "approved" and (
            approval is None or approval["digest"] != _approvable_digest(returned)
            or approval["uid"] != returned.dispatch["verdict_uid"]):
        raise ReviewFileError(f"{name} has been altered: its approval is not of the minutes "
                              "as sent (with the reviewer's suggestions). Nothing was imported.")
    return dispatch, mine


def _this_round(returned: _Returned, notes: list[Json]) -> list[Json]:
    """The file's points made in its own round (it also shows the earlier rounds')."""
    return [note for note in notes if note["dispatch_uid"] == returned.dispatch["uid"]]


def _approvable_digest(returned: _Returned) -> str | None:
    ordered = sorted(_this_round(returned, returned.suggestions),
                     key=lambda s: (s["created_at"], s["id"]))
    try:
        return canonical.digest(review.amended_content(returned.content, ordered))
    except ValidationError:
        return None


def _check_content(returned: _Returned, dispatch: ReviewDispatch, name: str) -> None:
    if canonical.digest(returned.content) == dispatch.digest:
        return
    sent = json.loads(dispatch.item_digests)
    now = canonical.item_digests(returned.content)
    missing = [key for key in sent if key not in now and key != "meeting"]
    if missing:
        raise ReviewFileError(
            f"{name} has been altered: {len(missing)} item(s) sent for review are missing "
            "from it. Nothing was imported.")
    changed = canonical.differing_parts(sent, now)
    labels = _labels(returned.content)
    raise ReviewFileError(
        f"{name} has been altered: the minutes in it differ from those sent "
        f"({', '.join(labels.get(key, 'an item') for key in changed)}). A review copy carries "
        "comments and suggestions, never edits. Nothing was imported.")


def _labels(content: Json) -> dict[str, str]:
    labels = {item["uid"]: f"Item {item['number']} {item['title']}".strip()
              for item in content["items"]}
    labels["meeting"] = "Meeting details and attendance"
    return labels


# --- what would change --------------------------------------------------------------------

def _plan(session: Session, returned: _Returned, dispatch: ReviewDispatch,
          meeting: Meeting) -> ReviewPlan:
    have_comments = set(session.scalars(select(ReviewComment.uid)
                                        .where(ReviewComment.meeting_id == meeting.id)))
    have_suggestions = set(session.scalars(select(ReviewSuggestion.uid)
                                           .where(ReviewSuggestion.meeting_id == meeting.id)))
    verdict = returned.dispatch["verdict"]
    return ReviewPlan(
        meeting_id=meeting.id,
        meeting_label=f"{meeting.title}, {day_month_year(meeting.date)}",
        reviewer=returned.dispatch["verdict_by"], verdict=verdict,
        verdict_reason=returned.dispatch["verdict_reason"],
        new_comments=sum(c["uid"] not in have_comments for c in returned.comments),
        new_suggestions=sum(s["uid"] not in have_suggestions for s in returned.suggestions),
        differences=tuple(_differences(session, returned, dispatch, meeting)),
        already_imported=dispatch.imported_at is not None
        and dispatch.verdict_uid == returned.dispatch["verdict_uid"],
        warnings=tuple(_verdict_warnings(session, returned, dispatch, meeting)),
        verdict_computer=returned.dispatch.get("verdict_computer"))


def _verdict_warnings(session: Session, returned: _Returned, dispatch: ReviewDispatch,
                      meeting: Meeting) -> list[str]:
    """What does not fit a verdict given by the meeting's chair on their own computer.
    Evidence, not proof: without a signature key a name and a host name can be typed."""
    sent = returned.dispatch
    if sent["verdict"] is None:
        return []
    who, done = sent["verdict_by"] or "Nobody", sent["verdict"]
    warnings = []
    chair = None if meeting.chair_id is None else session.get(Person, meeting.chair_id)
    if chair is None:
        warnings.append(f"The minutes name no chair, so whether {who}, who {done} them, "
                        "chaired the meeting cannot be checked.")
    elif not _same_person(who, chair):
        warnings.append(f"The minutes were {done} by {who}, who is not the meeting's chair "
                        f"({chair.name}).")
    computer = sent.get("verdict_computer")
    if computer is None:
        warnings.append("The file does not say which computer the verdict was given on "
                        "(made by an earlier version of Minute Taker, or altered).")
    elif computer == dispatch.sent_computer:
        warnings.append(f"The verdict was given on the computer and login the copy was sent "
                        f"from ({computer}), not on the reviewer's own.")
    if sent["verdict_at"] is not None and sent["verdict_at"] < dispatch.sent_at:
        minutes = round((dispatch.sent_at - sent["verdict_at"]).total_seconds() / 60)
        warnings.append(f"The verdict is dated {minutes} minute(s) before the copy was sent: "
                        "the reviewer's clock is wrong, or the file was altered.")
    return warnings


def _same_person(name: str, person: Person) -> bool:
    wanted = " ".join(name.casefold().split())
    return wanted in {" ".join(str(value).casefold().split())
                      for value in (person.name, f"{person.title or ''} {person.name}",
                                    person.abbreviation)
                      if value}


def _differences(session: Session, returned: _Returned, dispatch: ReviewDispatch,
                 meeting: Meeting) -> list[Difference]:
    current = canonical_content(session, meeting)
    sent = json.loads(dispatch.item_digests)
    keys = canonical.differing_parts(sent, canonical.item_digests(current))
    reviewed_items = {item["uid"]: item for item in returned.content["items"]}
    current_items = {item["uid"]: item for item in current["items"]}
    result = []
    for key in keys:
        if key == "meeting":
            result.append(Difference(key, ChangeKind.MEETING, "Meeting details and attendance",
                                     "", ""))
            continue
        before, now = reviewed_items.get(key), current_items.get(key)
        kind = (ChangeKind.ADDED if before is None else
                ChangeKind.REMOVED if now is None else ChangeKind.CHANGED)
        shown = now or before
        assert shown is not None
        result.append(Difference(key, kind, f"Item {shown['number']} {shown['title']}".strip(),
                                 _item_text(before), _item_text(now)))
    return result


def _item_text(item: Json | None) -> str:
    """An item as plain text for side-by-side comparison."""
    if item is None:
        return ""
    lines = [f"{item['number']} {item['title']}".strip(), plain_text(item["minutes_html"])]
    lines += [f"{d['kind'].upper()}: {d['text']}" for d in item["decisions"]]
    lines += [f"ACTION: {a['owner_text']}: {a['text']}".replace(": :", ":")
              for a in item["actions"]]
    return "\n".join(line for line in lines if line)


# --- writing ------------------------------------------------------------------------------

class _Applier:
    def __init__(self, session: Session, book: MinuteBook, returned: _Returned,
                 dispatch: ReviewDispatch, meeting: Meeting) -> None:
        self.session, self.book, self.returned = session, book, returned
        self.dispatch, self.meeting = dispatch, meeting
        self.items = {row.uid: row for row in session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))}
        self.messages: list[str] = []
        self.sent_back = False

    def run(self, choices: Mapping[str, Choice], *, refuse_approval: bool = False
            ) -> ReviewResult:
        differences = _differences(self.session, self.returned, self.dispatch, self.meeting)
        if self.meeting.status is MeetingStatus.APPROVED:
            return self._result(0, 0, (), False, ["The minutes are already approved: the "
                                                  "review was not imported."])
        comments = self._add_comments()
        suggestions = self._add_suggestions()
        restored = tuple(self._restore(d) for d in differences
                         if d.can_use_reviewed and choices.get(d.key) is Choice.USE_REVIEWED)
        first = self._first_import()
        refused = refuse_approval and first and self.returned.dispatch["verdict"] == "approved"
        approved = self._refuse() if refused else self._verdict()
        if restored and not approved:
            approved = review.complete_pending_approval(self.session, self.book.actor,
                                                        self.meeting) is not None
        if comments or suggestions or restored or approved or first:
            audit(self.session, self.book.actor, "meeting", "review imported",
                  meeting_id=self.meeting.id, entity_uid=self.dispatch.uid,
                  detail={"comments": comments, "suggestions": suggestions,
                          "restored": list(restored),
                          "kept": [d.label for d in differences if d.label not in restored],
                          "verdict": self.returned.dispatch["verdict"],
                          "verdict_by": self.returned.dispatch["verdict_by"],
                          "verdict_computer": self.returned.dispatch.get("verdict_computer"),
                          "refused": refused})
            self.dispatch.imported_at = self.dispatch.imported_at or utcnow()
        self.session.flush()
        return self._result(comments, suggestions, restored, approved, self.messages)

    def _result(self, comments: int, suggestions: int, restored: tuple[str, ...],
                approved: bool, messages: list[str]) -> ReviewResult:
        return ReviewResult(meeting_id=self.meeting.id, added_comments=comments,
                            added_suggestions=suggestions, restored_items=restored,
                            approval_applied=approved, status=self.meeting.status,
                            messages=tuple(messages), returned=self.sent_back)

    def _first_import(self) -> bool:
        return bool(self.dispatch.verdict_uid != self.returned.dispatch["verdict_uid"])

    def _item_id(self, uid: str | None) -> int | None:
        row = None if uid is None else self.items.get(uid)
        return None if row is None else row.id

    def _add_comments(self) -> int:
        have = set(self.session.scalars(select(ReviewComment.uid)))
        added = 0
        for data in self.returned.comments:
            if data["uid"] in have:
                continue
            quote = data["quote"]
            if data["item_uid"] and data["item_uid"] not in self.items:
                quote = f"(on an item since deleted) {quote or ''}".strip()
            self.session.add(ReviewComment(
                uid=data["uid"], meeting_id=self.meeting.id,
                item_id=self._item_id(data["item_uid"]), dispatch_uid=data["dispatch_uid"],
                author=data["author"], created_at=data["created_at"], quote=quote,
                body=data["body"]))
            added += 1
        return added

    def _add_suggestions(self) -> int:
        have = set(self.session.scalars(select(ReviewSuggestion.uid)))
        added = 0
        for data in self.returned.suggestions:
            if data["uid"] in have:
                continue
            self.session.add(ReviewSuggestion(
                uid=data["uid"], meeting_id=self.meeting.id,
                item_id=self._item_id(data["item_uid"]), dispatch_uid=data["dispatch_uid"],
                target=data["target"], original=data["original"], proposal=data["proposal"],
                occurrence=data["occurrence"], author=data["author"],
                created_at=data["created_at"]))
            added += 1
        return added

    def _refuse(self) -> bool:
        """Keep the record of the approval that came back, refused: the minutes stay in
        review, and the file counts as imported."""
        sent = self.returned.dispatch
        self._copy_verdict(sent)
        self.dispatch.verdict_refused_by = self.book.actor
        self.dispatch.verdict_refused_at = utcnow()
        warnings = _verdict_warnings(self.session, self.returned, self.dispatch, self.meeting)
        audit(self.session, self.book.actor, "meeting", "approval refused",
              meeting_id=self.meeting.id, entity_uid=self.dispatch.uid,
              detail={"approved_by": sent["verdict_by"],
                      "computer": sent.get("verdict_computer"), "warnings": warnings})
        self.messages.append(f"You refused the approval signed by {sent['verdict_by']}: the "
                             "minutes stay in review. Send them for review again to ask the "
                             "chair.")
        return False

    def _copy_verdict(self, sent: Json) -> None:
        for key in ("verdict", "verdict_uid", "verdict_digest", "verdict_by", "verdict_at",
                    "verdict_reason", "verdict_computer"):
            setattr(self.dispatch, key, sent.get(key))
        self.dispatch.imported_at = self.dispatch.imported_at or utcnow()
        self.session.flush()

    def _verdict(self) -> bool:
        sent = self.returned.dispatch
        if sent["verdict"] is None or not self._first_import():
            return False
        self._copy_verdict(sent)
        if sent["verdict"] == "returned":
            self._apply_return(sent)
            return False
        return self._apply_approval(sent)

    def _apply_return(self, sent: Json) -> None:
        self.sent_back = True
        reason = f"Returned by {sent['verdict_by']}: {sent['verdict_reason']}"
        self.messages.append(reason)
        if self.meeting.status is MeetingStatus.IN_REVIEW:
            meetings.apply_transition(self.session, self.book.actor, self.meeting,
                                      Transition.RETURN_TO_DRAFT, reason)

    def _apply_approval(self, sent: Json) -> bool:
        if review.complete_pending_approval(self.session, self.book.actor, self.meeting):
            return True
        pending = sum(s["status"] == "pending"
                      for s in _this_round(self.returned, self.returned.suggestions))
        if pending:
            self.messages.append(
                f"{sent['verdict_by']} approved the minutes subject to {pending} suggested "
                "change(s): the approval takes effect when you have accepted them.")
        else:
            self.messages.append(
                f"{sent['verdict_by']} approved the minutes as sent, but they have changed "
                "since, so the approval was not applied: put the items back as reviewed, or "
                "send the minutes for review again.")
        return False

    def _restore(self, difference: Difference) -> str:
        """Put an item back as the reviewer saw it: its text, decisions, papers, actions."""
        row = self.items[difference.key]
        node = _find_node(self.returned.document["items"], difference.key)
        assert node is not None
        row.title, row.description = node["title"], node["description"]
        row.presenter, row.confidential = node["presenter"], node["confidential"]
        row.minutes_html = sanitise_html(node["minutes_html"])
        people = {p.uid: p.id for p in self.session.scalars(select(Person))}
        self._replace_decisions(row, node["decisions"], people)
        self._replace_documents(row, node["documents"])
        self._replace_actions(row, [a for a in self.returned.document["actions"]
                                    if a["item"] == row.uid], people)
        audit(self.session, self.book.actor, "item", "restored as reviewed",
              meeting_id=self.meeting.id, entity_uid=row.uid)
        return difference.label

    def _replace_decisions(self, row: AgendaItem, decisions: list[Json],
                           people: dict[str, int]) -> None:
        for old in self.session.scalars(select(Decision).where(Decision.item_id == row.id)):
            self.session.delete(old)
        self.session.flush()
        for position, data in enumerate(decisions):
            self.session.add(Decision(
                uid=data["uid"], item_id=row.id, position=position,
                kind=DecisionKind(data["kind"]), text=data["text"],
                mover_id=people.get(data["mover"] or ""),
                seconder_id=people.get(data["seconder"] or ""),
                votes_for=data["votes_for"], votes_against=data["votes_against"],
                votes_abstained=data["votes_abstained"], not_voting=data["not_voting"],
                in_notes=bool(data.get("in_notes")),
                named_votes=[DecisionVote(person_id=people[vote["person"]], position=place,
                                          vote=VoteChoice(vote["vote"]))
                             for place, vote in enumerate(data.get("named_votes", ()))
                             if vote["person"] in people]))

    def _replace_documents(self, row: AgendaItem, papers: list[Json]) -> None:
        for old in self.session.scalars(select(SupportingDocument)
                                        .where(SupportingDocument.item_id == row.id)):
            self.session.delete(old)
        self.session.flush()
        for position, data in enumerate(papers):
            self.session.add(SupportingDocument(uid=data["uid"], item_id=row.id,
                                                position=position, title=data["title"],
                                                location=data["location"],
                                                format=data.get("format"),
                                                size_bytes=data.get("size_bytes")))

    def _replace_actions(self, row: AgendaItem, reviewed: list[Json],
                         people: dict[str, int]) -> None:
        current = {a.uid: a for a in self.session.scalars(
            select(Action).where(Action.item_id == row.id))}
        wanted = {data["uid"] for data in reviewed}
        for uid, old in current.items():
            if uid not in wanted:
                self.session.delete(old)
        self.session.flush()
        for position, data in enumerate(reviewed):
            action = current.get(data["uid"]) or self.session.scalars(
                select(Action).where(Action.uid == data["uid"])).first()
            if action is None:
                action = Action(uid=data["uid"], meeting_id=self.meeting.id, item_id=row.id)
                self.session.add(action)
            action.item_id, action.position = row.id, position
            action.text, action.owner_text = data["text"], data["owner_text"]
            action.due_date = dt.date.fromisoformat(data["due_date"]) if data["due_date"] \
                else None
            action.due_text, action.update_text = data["due_text"], data["update"]
            action.status = ActionStatus(data["status"])
            self.session.flush()
            for owner in list(action.owners):
                self.session.delete(owner)
            self.session.flush()
            action.owners = [ActionOwner(person_id=people[uid], position=index)
                             for index, uid in enumerate(data["owners"]) if uid in people]


def _find_node(nodes: list[Json], uid: str) -> Json | None:
    for node in nodes:
        if node["uid"] == uid:
            return node
        found = _find_node(node["children"], uid)
        if found is not None:
            return found
    return None

