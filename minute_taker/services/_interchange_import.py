"""Writing an interchange document into the book, in the caller's unit of work.

Approval cannot be carried in by a file: minutes the file says are approved stay approved
only when the file's approval is of exactly what was imported, checked as ``verify``
checks it, and that approval is recorded; otherwise they are imported as a draft and the
result says so.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from minute_taker.domain import canonical
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.decision_marks import rename_marks
from minute_taker.domain.enums import (
    ActionStatus,
    AttendanceRole,
    AttendanceStatus,
    DecisionKind,
    HouseStyle,
    MeetingStatus,
    NumberingScheme,
    VoteChoice,
)
from minute_taker.domain.richtext import sanitise_html
from minute_taker.services import confirmation, presence
from minute_taker.services._common import audit
from minute_taker.services._interchange_check import (
    InterchangeError,
    Json,
    document_uids,
    parse_date,
    parse_datetime,
    parse_integer,
    parse_next_meeting,
    parse_time,
)
from minute_taker.services.agenda import renumber, renumber_series, repeated_numbers
from minute_taker.services.approval import PERSON_FIELDS, canonical_content, record_approval
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    AbbreviationRow,
    Action,
    ActionOwner,
    ActionProgress,
    AgendaItem,
    Approval,
    Attendance,
    AuditEntry,
    Committee,
    Decision,
    DecisionVote,
    Declaration,
    Meeting,
    Person,
    StandingItemRow,
    SupportingDocument,
    new_uid,
)

NOT_APPROVED = ("Imported as a draft: the file says the minutes were approved, but carries "
                "no approval matching their content.")


@dataclass(frozen=True, slots=True)
class ImportResult:
    """The meeting an import added, and what the user must be told about it."""

    meeting_id: int
    status: MeetingStatus
    notes: tuple[str, ...] = ()


def add_document(session: Session, book: MinuteBook, data: Json) -> ImportResult:
    """Add a checked document's meeting. The caller commits or rolls back."""
    return _Importer(session, book, data).run()


class _Importer:
    def __init__(self, session: Session, book: MinuteBook, data: Json) -> None:
        self.session = session
        self.book = book
        self.data = data
        self.person_ids: dict[str, int] = {}
        self.item_ids: dict[str, int] = {}
        self.taken: set[str] = set()
        self.kept: list[str] = []  # the book's own committee or people, unlike the file's
        self.notes: list[str] = []
        self.confirming: list[tuple[AgendaItem, str]] = []  # item, uid of what it confirms

    def run(self) -> ImportResult:
        self._refuse_duplicate_meeting()
        committee = self._committee()
        self._people()
        meeting = self._meeting(committee)
        self._find_taken_uids()
        self._items(meeting, None, self.data["items"])
        renumber(self.session, meeting)
        self._attendance(meeting)
        self._check_named_votes(meeting)
        self._declarations(meeting)
        self._actions(meeting)
        self._audit(meeting)
        self._approval(meeting)
        self._confirmations(meeting)
        self._confirmed_here(meeting)
        self._numbers(meeting)
        # Kept out of the meeting's own trail, which stays as the file has it.
        audit(self.session, self.book.actor, "meeting", "imported", meeting_id=None,
              entity_uid=meeting.uid,
              detail={"meeting_id": meeting.id, "title": meeting.title,
                      "date": meeting.date, "status": meeting.status.value,
                      "generator": self.data.get("generator")})
        self.session.flush()
        return ImportResult(meeting.id, meeting.status, tuple(self.notes))

    def _refuse_duplicate_meeting(self) -> None:
        uid = self.data["meeting"]["uid"]
        found = self.session.execute(select(Meeting.id, Meeting.title)
                                     .where(Meeting.uid == uid)).first()
        if found is not None:
            raise InterchangeError(
                f"This meeting is already in {self.book.name} as meeting {found.id} "
                f"(“{found.title}”, uid {uid}); nothing was imported. To import a copy, "
                "give the meeting in the file a new uid first.")

    def _fresh(self, uid: str) -> str:
        return new_uid() if uid in self.taken else uid

    def _find_taken_uids(self) -> None:
        wanted = [uid for path, uid in document_uids(self.data)
                  if path.startswith(("$.items", "$.actions"))]
        wanted += [entry["uid"] for action in self.data["actions"]
                   for entry in action.get("progress", ())]
        for model in (AgendaItem, Decision, SupportingDocument, Action, ActionProgress):
            for start in range(0, len(wanted), 500):
                chunk = wanted[start:start + 500]
                self.taken.update(self.session.scalars(select(model.uid)
                                                       .where(model.uid.in_(chunk))))

    def _person(self, uid: str | None) -> int | None:
        return None if uid is None else self.person_ids[uid]

    def _item(self, uid: str | None) -> int | None:
        return None if uid is None else self.item_ids[uid]

    def _committee(self) -> Committee:
        data = self.data["committee"]
        row = self.session.scalar(select(Committee).where(Committee.uid == data["uid"]))
        if row is not None:
            if row.name != data["name"]:
                self.kept.append(f"the committee “{row.name}”")
            return row
        row = Committee(uid=data["uid"], name=data["name"], short_name=data["short_name"],
                        numbering_scheme=NumberingScheme(data["numbering_scheme"]),
                        number_start=parse_integer(data["number_start"]),
                        house_style=HouseStyle(data["house_style"]),
                        contact_name=data.get("contact_name"),
                        contact_details=data.get("contact_details"),
                        quorum=data.get("quorum"))
        row.standing_items = [StandingItemRow(position=i, title=s["title"],
                                              description=s["description"])
                              for i, s in enumerate(data["standing_items"])]
        row.abbreviations = [AbbreviationRow(short=a["short"], expansion=a["expansion"])
                             for a in data["abbreviations"]]
        self.session.add(row)
        self.session.flush()
        return row

    def _people(self) -> None:
        people = self.data["people"]
        existing: dict[str, Person] = {}
        for start in range(0, len(people), 500):
            uids = [p["uid"] for p in people[start:start + 500]]
            existing.update((row.uid, row) for row in
                            self.session.scalars(select(Person).where(Person.uid.in_(uids))))
        for data in people:
            if data["uid"] in existing:
                person = existing[data["uid"]]
                self.person_ids[data["uid"]] = person.id
                if any(getattr(person, key) != data[key] for key in PERSON_FIELDS):
                    self.kept.append(person.name)
                continue
            row = Person(**{key: data[key] for key in (
                "uid", "name", "title", "role", "abbreviation", "initials", "organisation",
                "email")})
            self.session.add(row)
            self.session.flush()
            self.person_ids[row.uid] = row.id

    def _meeting(self, committee: Committee) -> Meeting:
        data = self.data["meeting"]
        # Approved only once the approval is found to be of what was imported (_approval).
        status = MeetingStatus(data["status"])
        if status is MeetingStatus.APPROVED:
            status = MeetingStatus.DRAFT
        row = Meeting(uid=data["uid"], committee=committee, title=data["title"],
                      date=parse_date(data["date"]), start_time=parse_time(data["start_time"]),
                      end_time=parse_time(data["end_time"]), venue=data["venue"],
                      chair_id=self._person(data["chair"]),
                      minute_taker_id=self._person(data["minute_taker"]),
                      status=status,
                      number_start=parse_integer(data["number_start"]),
                      next_meeting_venue=data.get("next_meeting_venue"),
                      contact_name=data.get("contact_name"),
                      contact_details=data.get("contact_details"))
        row.next_meeting_date, row.next_meeting_time = parse_next_meeting(
            data["next_meeting_at"], self.data["format_version"])
        self.session.add(row)
        self.session.flush()
        return row

    def _items(self, meeting: Meeting, parent_id: int | None, items: list[Json]) -> None:
        for position, data in enumerate(items):
            row = AgendaItem(
                uid=self._fresh(data["uid"]), meeting_id=meeting.id, parent_id=parent_id,
                position=position, number=data["number"], title=data["title"],
                description=data["description"], presenter=data["presenter"],
                minutes_html=sanitise_html(data["minutes_html"]),
                confidential=data["confidential"],
                started_at=parse_datetime(data["started_at"]),
                ended_at=parse_datetime(data["ended_at"]),
                planned_minutes=parse_integer(data["planned_minutes"]))
            self.session.add(row)
            self.session.flush()
            self.item_ids[data["uid"]] = row.id
            if data.get("confirms"):
                self.confirming.append((row, data["confirms"]))
            renamed: dict[str, str] = {}
            for index, decision in enumerate(data["decisions"]):
                uid = renamed[decision["uid"]] = self._fresh(decision["uid"])
                self.session.add(Decision(
                    uid=uid, item_id=row.id, position=index, in_notes=bool(
                        decision.get("in_notes")),
                    kind=DecisionKind(decision["kind"]), text=decision["text"],
                    mover_id=self._person(decision["mover"]),
                    seconder_id=self._person(decision["seconder"]),
                    votes_for=parse_integer(decision["votes_for"]),
                    votes_against=parse_integer(decision["votes_against"]),
                    votes_abstained=parse_integer(decision["votes_abstained"]),
                    not_voting=decision.get("not_voting"),
                    named_votes=[DecisionVote(person_id=self.person_ids[vote["person"]],
                                              position=place, vote=VoteChoice(vote["vote"]))
                                 for place, vote in enumerate(decision.get("named_votes", ()))]))
            # A decision given a fresh uid (the book has its own) keeps its passage.
            row.minutes_html = rename_marks(row.minutes_html, renamed)
            for index, paper in enumerate(data.get("documents", ())):
                self.session.add(SupportingDocument(
                    uid=self._fresh(paper["uid"]), item_id=row.id, position=index,
                    title=paper["title"], location=paper["location"],
                    format=paper.get("format"), size_bytes=paper.get("size_bytes")))
            self._items(meeting, row.id, data["children"])

    def _attendance(self, meeting: Meeting) -> None:
        for position, data in enumerate(self.data["attendance"]):
            self.session.add(Attendance(
                meeting_id=meeting.id, person_id=self._person(data["person"]),
                position=position, status=AttendanceStatus(data["status"]),
                role=AttendanceRole(data["role"]),
                substitute_for_id=self._person(data["substitute_for"]),
                capacity=data["capacity"],
                arrived_item_id=self._item(data["arrived_during_item"]),
                arrived_at=parse_time(data["arrived_at"]),
                left_item_id=self._item(data["left_after_item"]),
                left_at=parse_time(data["left_at"])))

    def _check_named_votes(self, meeting: Meeting) -> None:
        """Say which recorded votes name someone the file's attendance does not have
        there as a member for the whole item (absent, arrived during it, left before
        it, or in attendance only). Imported as the file has them: the file is the
        record, and the clerk is told where it and the attendance disagree."""
        self.session.flush()
        items = {row.id: row for row in self.session.scalars(
            select(AgendaItem).where(AgendaItem.meeting_id == meeting.id))}
        votes = self.session.execute(
            select(Decision.item_id, DecisionVote.person_id)
            .join(DecisionVote, DecisionVote.decision_id == Decision.id)
            .where(Decision.item_id.in_(items))).all()
        voters: dict[int, set[int]] = {}
        for item_id, person_id in votes:
            there = voters.setdefault(item_id, set(presence.voters_for(
                self.session, items[item_id])))
            if person_id not in there:
                name = self.session.get_one(Person, person_id).name
                self.notes.append(
                    f"Item {items[item_id].number}: the recorded vote names {name}, who "
                    "the attendance does not have there as a member for the whole item; "
                    "imported as the file has it.")

    def _declarations(self, meeting: Meeting) -> None:
        for position, data in enumerate(self.data["declarations"]):
            self.session.add(Declaration(
                meeting_id=meeting.id, person_id=self._person(data["person"]),
                item_id=self._item(data["item"]), position=position,
                interest=data["interest"], nature=data["nature"],
                made_at_item_id=self._item(data.get("made_at_item"))))

    def _actions(self, meeting: Meeting) -> None:
        earlier_uids = {d["carried_from"] for d in self.data["actions"] if d.get("carried_from")}
        earlier = dict(self.session.execute(
            select(Action.uid, Action.id).join(Meeting, Meeting.id == Action.meeting_id)
            .where(Action.uid.in_(earlier_uids),
                   Meeting.committee_id == meeting.committee_id)).all())
        self._refuse_second_carry(meeting, earlier)
        unlinked = 0
        for position, data in enumerate(self.data["actions"]):
            row = Action(uid=self._fresh(data["uid"]), meeting_id=meeting.id,
                         item_id=self._item(data["item"]), position=position,
                         text=data["text"], owner_text=data["owner_text"],
                         due_date=parse_date(data["due_date"]), due_text=data["due_text"],
                         status=ActionStatus(data["status"]), update_text=data["update"])
            row.owners = [ActionOwner(person_id=self.person_ids[uid], position=index)
                          for index, uid in enumerate(data["owners"])]
            if data.get("carried_from"):
                row.carried_from_id = earlier.get(data["carried_from"])
                unlinked += row.carried_from_id is None
            row.progress = [ActionProgress(uid=self._fresh(entry["uid"]),
                                           at=parse_datetime(entry["at"]),
                                           recorded_by=entry["by"],
                                           status=ActionStatus(entry["status"])
                                           if entry["status"] else None,
                                           note=entry["note"])
                            for entry in data.get("progress", ())]
            self.session.add(row)
        if unlinked:
            self.notes.append(
                f"{unlinked} action(s) continue actions of earlier meetings that are not in "
                "this book: they were imported without that link (import the earlier "
                "meetings first to keep it).")

    def _refuse_second_carry(self, meeting: Meeting, earlier: dict[str, int]) -> None:
        """An action the book already continues in another meeting cannot be continued
        again: the register would list it twice, each copy going its own way."""
        taken = self.session.execute(
            select(Action.text, Meeting.title, Meeting.date)
            .join(Meeting, Meeting.id == Action.meeting_id)
            .where(Action.carried_from_id.in_(set(earlier.values())),
                   Action.meeting_id != meeting.id)
            .order_by(Meeting.date, Action.position)).all()
        if not taken:
            return
        text, title, date = taken[0]
        raise InterchangeError(
            f"{len(taken)} action(s) in this file continue actions that this book already "
            f"carried forward into another meeting (the first: “{_shortened(text)}”, "
            f"carried into “{title}” of {day_month_year(date, long=True)}): importing it "
            "would list them twice. Nothing was imported. Delete that meeting's copy of "
            "the actions first, or import the meeting into a new book.")

    def _confirmed_here(self, meeting: Meeting) -> None:
        """Approved minutes that a meeting already in the book confirmed by their date
        (recorded before they were here): link that item, and mark them confirmed."""
        if meeting.status is not MeetingStatus.APPROVED:
            return
        for item in confirmation.adopt_unlinked(self.session, meeting):
            confirmation.sync_confirmation(self.session, item, self.book.actor)

    def _numbers(self, meeting: Meeting) -> None:
        """A draft takes its place in the committee's continuous series, as one made here
        would; minutes whose numbers stand keep them, and the result says if they repeat
        numbers already used in this book."""
        before = meeting.number_start
        plan = renumber_series(self.session, meeting.committee)
        if meeting.id in plan.notes:
            self.notes.append(plan.notes[meeting.id])
        elif before is not None and meeting.number_start != before:
            self.notes.append(
                f"Numbered on from this book's earlier minutes: the items start at "
                f"{meeting.number_start} here, {before} in the file.")
        repeat = repeated_numbers(self.session, meeting)
        if repeat is not None:
            first, other = repeat
            self.notes.append(
                f"Item {first} of these minutes is also used by {other} in this book. "
                "Their numbers stand, so both keep them: reopen the minutes that should "
                "move to renumber them.")

    def _confirmations(self, meeting: Meeting) -> None:
        """Link each confirmation item to the earlier meeting it names, if that is in the
        book, and mark those minutes confirmed as the app would (confirmation.py)."""
        if not self.confirming:
            return
        found = dict(self.session.execute(
            select(Meeting.uid, Meeting.id).where(
                Meeting.uid.in_([uid for _item, uid in self.confirming]),
                Meeting.committee_id == meeting.committee_id)).all())
        for item, uid in self.confirming:
            if uid in found:
                item.confirms_meeting_id = found[uid]
                self.session.flush()
                confirmation.sync_confirmation(self.session, item, self.book.actor)

    def _audit(self, meeting: Meeting) -> None:
        for data in self.data.get("audit", ()):
            self.session.add(AuditEntry(
                at=parse_datetime(data["at"]), actor=data["actor"], meeting_id=meeting.id,
                entity="meeting", entity_uid=meeting.uid, action=data["action"],
                detail=data["detail"], reason=data["reason"]))

    def _history_ends_approved(self, digest: str) -> bool:
        """The file's own history ends in the approval of ``digest``."""
        changes = [_status_detail(e) for e in self.data.get("audit", ())
                   if e.get("action") == "status"]
        return bool(changes) and changes[-1].get("to") == MeetingStatus.APPROVED.value \
            and changes[-1].get("digest") == digest

    def _approval(self, meeting: Meeting) -> None:
        """Checked as ``verify`` checks: the digest of the minutes as this book now has them
        (its own committee and people included), not of the file's text."""
        claimed = MeetingStatus(self.data["meeting"]["status"])
        record = self.data.get("approval")
        if claimed is not MeetingStatus.APPROVED:
            if record is not None:
                self.notes.append(f"The file carries an approval, but says the minutes are "
                                  f"{claimed.label.lower()}: they were imported as that, "
                                  "without the approval.")
            return
        self.session.flush()
        content = canonical_content(self.session, meeting)
        if (record is not None and record["canonical_version"] == canonical.CANONICAL_VERSION
                and record["digest"] == canonical.digest(content)):
            meeting.status = MeetingStatus.APPROVED
            clash = self.session.scalar(select(Approval.id)
                                        .where(Approval.uid == record["uid"]))
            row = record_approval(self.session, meeting, record["approved_by"],
                                  uid=None if clash is not None else record["uid"],
                                  at=parse_datetime(record["approved_at"]), content=content)
            if not self._history_ends_approved(row.digest):
                # ``verify`` looks for an approval in the history (approval.check_history):
                # a file without one gets an entry saying how it came to be approved here.
                audit(self.session, self.book.actor, "meeting", "status",
                      meeting_id=meeting.id, entity_uid=meeting.uid,
                      detail={"transition": "import", "from": claimed.value,
                              "to": meeting.status.value, "digest": row.digest,
                              "approved_by": row.approved_by})
            return
        note = NOT_APPROVED
        if self.kept:
            note += (f" This book's own details of {_listed(self.kept)} differ from the "
                     "file's and were kept, so the minutes here are not exactly those in "
                     "the file.")
        self.notes.append(note)
        audit(self.session, self.book.actor, "meeting", "status", meeting_id=meeting.id,
              entity_uid=meeting.uid,
              detail={"transition": "import", "from": claimed.value,
                      "to": meeting.status.value},
              reason=note)


def _status_detail(entry: Json) -> Json:
    try:
        detail = json.loads(entry.get("detail") or "{}")
    except (TypeError, ValueError):
        return {}
    return detail if isinstance(detail, dict) else {}


def _shortened(text: str, limit: int = 60) -> str:
    return text if len(text) <= limit else text[:limit - 1].rstrip() + "…"


def _listed(names: list[str]) -> str:
    """“A”, “A and B”, “A, B and C”, “A, B, C and 4 others”."""
    if len(names) > 4:
        names = [*names[:3], f"{len(names) - 3} others"]
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"
