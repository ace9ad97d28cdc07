"""One meeting as a JSON document: out of a minute book, and back into any book.

The format is a public contract (docs/interchange.md, data/meeting.schema.json),
so the file, not the database, decides what round-trips. Import checks all it
can before it writes, then writes the whole meeting in one unit of work: a
refused or failed import leaves the book exactly as it was.

Date-times are stored naive UTC (see ``store.models.utcnow``) and written with
an explicit ``+00:00``; a file's date-time without an offset is the meeting's
local time, taken to be this computer's.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import functools
import json
import os
import tempfile
from collections import defaultdict
from collections.abc import Iterator
from importlib import resources
from importlib.resources.abc import Traversable
from pathlib import Path
from typing import Any

import jsonschema
from sqlalchemy import ColumnElement, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from minute_taker import __version__
from minute_taker.domain.enums import (
    ActionStatus,
    AttendanceRole,
    AttendanceStatus,
    DecisionKind,
    HouseStyle,
    MeetingStatus,
    NumberingScheme,
)
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.numbering import compute_numbers
from minute_taker.domain.richtext import sanitise_html
from minute_taker.services._common import audit, get
from minute_taker.services.agenda import renumber
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import (
    AbbreviationRow,
    Action,
    ActionOwner,
    AgendaItem,
    Attendance,
    AuditEntry,
    Committee,
    Decision,
    Declaration,
    Meeting,
    Person,
    StandingItemRow,
    new_uid,
)

FORMAT = "minute-taker.meeting"
FORMAT_VERSION = 1
GENERATOR = f"Minute Taker {__version__}"

Json = dict[str, Any]

_MAX_INTEGER = 2**63 - 1  # what SQLite's INTEGER holds
_MAX_MESSAGE = 300


class InterchangeError(ValidationError):
    """A meeting file that cannot be read, written or imported; the book is unchanged."""


# --- resources ----------------------------------------------------------------------------


def _data_file(name: str) -> Traversable:
    return resources.files("minute_taker") / "data" / name


@functools.cache
def meeting_schema() -> Json:
    """The JSON Schema of format version 1, as shipped in the package."""
    schema: Json = json.loads(_data_file("meeting.schema.json").read_text(encoding="utf-8"))
    return schema


@functools.cache
def _validator() -> jsonschema.Draft202012Validator:
    return jsonschema.Draft202012Validator(meeting_schema(),
                                           format_checker=jsonschema.FormatChecker())


# --- values -------------------------------------------------------------------------------


def _time_text(value: dt.time | None) -> str | None:
    if value is None:
        return None
    text = f"{value.hour:02d}:{value.minute:02d}"
    return f"{text}:{value.second:02d}" if value.second else text


def _datetime_text(value: dt.datetime | None) -> str | None:
    """A stored naive-UTC date-time, with its offset written out."""
    return None if value is None else value.replace(tzinfo=dt.UTC).isoformat()


def _local_datetime_text(value: dt.datetime | None) -> str | None:
    if value is None:
        return None
    return f"{value.date().isoformat()}T{value.hour:02d}:{value.minute:02d}"


def _time(text: str | None) -> dt.time | None:
    return None if text is None else dt.time.fromisoformat(text)


def _date(text: str | None) -> dt.date | None:
    return None if text is None else dt.date.fromisoformat(text)


def _datetime(text: str | None) -> dt.datetime | None:
    """Naive UTC, as stored; raises ValueError or OverflowError for impossible values."""
    if text is None:
        return None
    value = dt.datetime.fromisoformat(text)
    # astimezone() reads a naive value as this computer's local time.
    return value.astimezone(dt.UTC).replace(tzinfo=None)


def _local_datetime(text: str | None) -> dt.datetime | None:
    return None if text is None else dt.datetime.fromisoformat(text)


def dumps(document: Json) -> str:
    """The text of a meeting file: UTF-8 characters as themselves, two-space indents."""
    return json.dumps(document, indent=2, ensure_ascii=False) + "\n"


# --- export -------------------------------------------------------------------------------


def export_meeting(book: MinuteBook, meeting_id: int) -> Json:
    """The meeting as an interchange document, in a stable order, valid against the schema."""
    with book.unit_of_work() as session:
        meeting = get(session, Meeting, meeting_id, "meeting")
        return _Exporter(session, meeting).document()


def export_meeting_file(book: MinuteBook, meeting_id: int,
                        path: str | os.PathLike[str]) -> None:
    """Write the meeting to ``path``; a failed write leaves no partial file behind."""
    write_text_atomically(Path(path), dumps(export_meeting(book, meeting_id)))


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
        self.item_uid = {row.id: row.uid for row in self.items}
        self.people = list(session.scalars(select(Person).where(Person.id.in_(self._people_ids()))
                                           .order_by(Person.id)))
        self.person_uid = {row.id: row.uid for row in self.people}

    def _people_ids(self) -> set[int]:
        ids = {self.meeting.chair_id, self.meeting.minute_taker_id}
        ids.update(row.person_id for row in self.attendance)
        ids.update(row.substitute_for_id for row in self.attendance)
        ids.update(row.person_id for row in self.declarations)
        for decisions in self.decisions.values():
            ids.update(d.mover_id for d in decisions)
            ids.update(d.seconder_id for d in decisions)
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
        # By id, not by short: set_abbreviations keeps the order the user gave.
        abbreviations = self.session.scalars(
            select(AbbreviationRow).where(AbbreviationRow.committee_id == committee.id)
            .order_by(AbbreviationRow.id))
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
            "next_meeting_at": _local_datetime_text(m.next_meeting_at),
            "number_start": m.number_start,
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
                "interest": row.interest, "nature": row.nature}

    def _item_tree(self) -> list[Json]:
        children: dict[int | None, list[AgendaItem]] = defaultdict(list)
        for row in self.items:
            children[row.parent_id].append(row)
        # Numbers are derived: compute them rather than trust what is stored.
        committee = self.meeting.committee
        numbers = compute_numbers(committee.numbering_scheme,
                                  {key: [r.id for r in rows] for key, rows in children.items()},
                                  self.meeting.number_start or committee.number_start)

        def node(row: AgendaItem) -> Json:
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
                "children": [node(child) for child in children.get(row.id, ())],
            }

        return [node(row) for row in children.get(None, ())]

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
        }

    def _audit(self) -> list[Json]:
        rows = self.session.scalars(select(AuditEntry)
                                    .where(AuditEntry.meeting_id == self.meeting.id)
                                    .order_by(AuditEntry.at, AuditEntry.id))
        return [{"at": _datetime_text(r.at), "actor": r.actor, "action": r.action,
                 "detail": r.detail, "reason": r.reason} for r in rows]


def _person_json(row: Person) -> Json:
    return {"uid": row.uid, "name": row.name, "title": row.title, "role": row.role,
            "abbreviation": row.abbreviation, "initials": row.initials,
            "organisation": row.organisation, "email": row.email}


# --- checking -----------------------------------------------------------------------------


def check_meeting(data: object) -> None:
    """Refuse, with the reason, any document ``import_meeting`` would not take as it is.

    In order: not a meeting file at all; a newer format version; the first field
    (in document order) the schema rejects; then what the schema cannot check:
    uids used twice, references to people or items not in the file, impossible
    date-times, values too large to store.
    """
    _check_kind(data)
    assert isinstance(data, dict)
    try:
        _check_schema(data)
        _check_values(data)
        _check_uids(data)
        _check_references(data)
        _check_repeats(data)
        _check_datetimes(data)
    except RecursionError as exc:
        raise InterchangeError("The agenda is nested too deeply to import.") from exc


def _check_kind(data: object) -> None:
    if not isinstance(data, dict):
        kind = {list: "a list", str: "a string", type(None): "null"}.get(type(data), "a value")
        raise InterchangeError("This is not a Minute Taker meeting file: it holds "
                               f"{kind}, not a JSON object.")
    if data.get("format") != FORMAT:
        raise InterchangeError(f'This is not a Minute Taker meeting file: its "format" is '
                               f'{json.dumps(data.get("format"))}, not "{FORMAT}".')
    version = data.get("format_version")
    if isinstance(version, int) and not isinstance(version, bool) and version > FORMAT_VERSION:
        raise InterchangeError(
            f"The file was written by a newer version of Minute Taker: it uses meeting "
            f"format version {version}, and this version of Minute Taker ({__version__}) "
            f"reads format version {FORMAT_VERSION} only. Update Minute Taker to import it.")


def json_path(parts: Any) -> str:
    """``$.items[2].children[0].title`` for the path ["items", 2, "children", 0, "title"]."""
    out = "$"
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        elif str(part).isidentifier():
            out += f".{part}"
        else:
            out += f"[{json.dumps(part, ensure_ascii=False)}]"
    return out


def _document_position(data: object, parts: Any) -> tuple[int, ...]:
    """Where a path falls in reading order, so the first bad field is reported."""
    position: list[int] = []
    node = data
    for part in parts:
        if isinstance(node, dict):
            keys = list(node)
            position.append(keys.index(part) if part in node else len(keys))
        else:
            position.append(part)
        node = node[part]
    return tuple(position)


def _check_schema(data: Json) -> None:
    errors = list(_validator().iter_errors(data))
    if not errors:
        return
    # min() keeps the first of equals, so at one place the schema's own order decides
    # (format before pattern: "is not a 'date'" rather than a regular expression).
    first = min(errors, key=lambda e: _document_position(data, e.absolute_path))
    message = first.message
    if len(message) > _MAX_MESSAGE:
        message = message[:_MAX_MESSAGE - 1] + "…"
    raise InterchangeError(f"{json_path(first.absolute_path)}: {message}")


def _check_values(data: Json) -> None:
    """Text must be real text, and numbers must fit in the book."""
    stack: list[tuple[object, tuple[Any, ...]]] = [(data, ())]
    while stack:
        value, parts = stack.pop()
        if isinstance(value, str):
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as exc:
                raise InterchangeError(f"{json_path(parts)}: contains {value[exc.start]!r}, "
                                       "half of a UTF-16 pair, which is not text") from exc
        elif isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > _MAX_INTEGER:
                raise InterchangeError(f"{json_path(parts)}: {value} is too large")
        elif isinstance(value, dict):
            stack.extend((v, (*parts, k)) for k, v in reversed(value.items()))
        elif isinstance(value, list):
            stack.extend((v, (*parts, i)) for i, v in reversed(list(enumerate(value))))


def _walk_items(items: list[Json], path: str = "$.items") -> Iterator[tuple[str, Json]]:
    """Every item of the tree in reading order, with its JSON path."""
    for index, item in enumerate(items):
        here = f"{path}[{index}]"
        yield here, item
        yield from _walk_items(item["children"], f"{here}.children")


def _uids(data: Json) -> Iterator[tuple[str, str]]:
    yield "$.committee.uid", data["committee"]["uid"]
    for i, person in enumerate(data["people"]):
        yield f"$.people[{i}].uid", person["uid"]
    yield "$.meeting.uid", data["meeting"]["uid"]
    for path, item in _walk_items(data["items"]):
        yield f"{path}.uid", item["uid"]
        for j, decision in enumerate(item["decisions"]):
            yield f"{path}.decisions[{j}].uid", decision["uid"]
    for i, action in enumerate(data["actions"]):
        yield f"$.actions[{i}].uid", action["uid"]


def _check_uids(data: Json) -> None:
    seen: dict[str, str] = {}
    for path, uid in _uids(data):
        if uid in seen:
            raise InterchangeError(f"{path}: the uid {uid!r} is also used at {seen[uid]}; "
                                   "every uid in a file must be unique")
        seen[uid] = path


def _references(data: Json) -> Iterator[tuple[str, str | None, str]]:
    """(path, uid, "person" or "item") for every reference, in reading order."""
    meeting = data["meeting"]
    yield "$.meeting.chair", meeting["chair"], "person"
    yield "$.meeting.minute_taker", meeting["minute_taker"], "person"
    for i, row in enumerate(data["attendance"]):
        yield f"$.attendance[{i}].person", row["person"], "person"
        yield f"$.attendance[{i}].substitute_for", row["substitute_for"], "person"
        yield f"$.attendance[{i}].arrived_during_item", row["arrived_during_item"], "item"
        yield f"$.attendance[{i}].left_after_item", row["left_after_item"], "item"
    for i, row in enumerate(data["declarations"]):
        yield f"$.declarations[{i}].person", row["person"], "person"
        yield f"$.declarations[{i}].item", row["item"], "item"
    for path, item in _walk_items(data["items"]):
        for j, decision in enumerate(item["decisions"]):
            yield f"{path}.decisions[{j}].mover", decision["mover"], "person"
            yield f"{path}.decisions[{j}].seconder", decision["seconder"], "person"
    for i, action in enumerate(data["actions"]):
        yield f"$.actions[{i}].item", action["item"], "item"
        for j, owner in enumerate(action["owners"]):
            yield f"$.actions[{i}].owners[{j}]", owner, "person"


def _check_references(data: Json) -> None:
    known = {"person": {p["uid"] for p in data["people"]},
             "item": {item["uid"] for _, item in _walk_items(data["items"])}}
    where = {"person": 'a person in "people"', "item": 'an item in "items"'}
    for path, uid, kind in _references(data):
        if uid is not None and uid not in known[kind]:
            raise InterchangeError(f"{path}: {uid!r} is not the uid of {where[kind]}")


def _check_repeats(data: Json) -> None:
    """What the book stores once: a person's attendance, a committee's abbreviation."""
    attending: dict[str, int] = {}
    for i, row in enumerate(data["attendance"]):
        if row["person"] in attending:
            raise InterchangeError(f"$.attendance[{i}].person: {row['person']!r} is already "
                                   f"listed at $.attendance[{attending[row['person']]}]")
        attending[row["person"]] = i
    shorts: dict[str, int] = {}
    for i, row in enumerate(data["committee"]["abbreviations"]):
        if row["short"] in shorts:
            raise InterchangeError(f"$.committee.abbreviations[{i}].short: {row['short']!r} "
                                   f"is already listed at $.committee.abbreviations"
                                   f"[{shorts[row['short']]}]")
        shorts[row["short"]] = i


def _datetimes(data: Json) -> Iterator[tuple[str, str | None]]:
    for path, item in _walk_items(data["items"]):
        yield f"{path}.started_at", item["started_at"]
        yield f"{path}.ended_at", item["ended_at"]
    for i, entry in enumerate(data.get("audit", ())):
        yield f"$.audit[{i}].at", entry["at"]


def _check_datetimes(data: Json) -> None:
    """The schema checks the form of a date-time; the calendar decides if it exists."""
    checks = [("$.meeting.next_meeting_at", data["meeting"]["next_meeting_at"], _local_datetime)]
    checks += [(path, text, _datetime) for path, text in _datetimes(data)]
    for path, text, convert in checks:
        try:
            convert(text)
        except (ValueError, OverflowError, OSError) as exc:
            raise InterchangeError(f"{path}: {text!r} is not a real date and time") from exc


# --- import -------------------------------------------------------------------------------


def import_meeting(book: MinuteBook, data: object) -> int:
    """Add the meeting in ``data`` to the book and return its id; all or nothing.

    The committee and people are matched by uid and created if the book lacks
    them (existing ones are left as they are). Items, decisions and actions whose
    uid the book already uses (a deliberate copy under a new meeting uid) get
    new uids. Item numbers are recomputed; minutes are sanitised.
    """
    check_meeting(data)
    assert isinstance(data, dict)
    try:
        with book.unit_of_work() as session:
            return _Importer(session, book, data).run()
    except IntegrityError as exc:
        raise InterchangeError(f"The meeting could not be added to {book.path.name} "
                               f"({exc.orig}); nothing was imported.") from exc


class _Importer:
    def __init__(self, session: Session, book: MinuteBook, data: Json) -> None:
        self.session = session
        self.book = book
        self.data = data
        self.person_ids: dict[str, int] = {}
        self.item_ids: dict[str, int] = {}
        self.taken: set[str] = set()

    def run(self) -> int:
        self._refuse_duplicate_meeting()
        committee = self._committee()
        self._people()
        meeting = self._meeting(committee)
        self._find_taken_uids()
        self._items(meeting, None, self.data["items"])
        renumber(self.session, meeting)
        self._attendance(meeting)
        self._declarations(meeting)
        self._actions(meeting)
        self._audit(meeting)
        # Kept out of the meeting's own trail, which stays as the file has it.
        audit(self.session, self.book.actor, "meeting", "imported", meeting_id=None,
              entity_uid=meeting.uid,
              detail={"meeting_id": meeting.id, "title": meeting.title,
                      "date": meeting.date, "generator": self.data.get("generator")})
        self.session.flush()
        return meeting.id

    def _refuse_duplicate_meeting(self) -> None:
        uid = self.data["meeting"]["uid"]
        found = self.session.execute(select(Meeting.id, Meeting.title)
                                     .where(Meeting.uid == uid)).first()
        if found is not None:
            raise InterchangeError(
                f"This meeting is already in {self.book.path.name} as meeting {found.id} "
                f"(“{found.title}”, uid {uid}); nothing was imported. To import a copy, "
                "give the meeting in the file a new uid first.")

    def _fresh(self, uid: str) -> str:
        return new_uid() if uid in self.taken else uid

    def _find_taken_uids(self) -> None:
        wanted = [uid for path, uid in _uids(self.data)
                  if path.startswith(("$.items", "$.actions"))]
        for model in (AgendaItem, Decision, Action):
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
            return row
        row = Committee(uid=data["uid"], name=data["name"], short_name=data["short_name"],
                        numbering_scheme=NumberingScheme(data["numbering_scheme"]),
                        number_start=data["number_start"],
                        house_style=HouseStyle(data["house_style"]))
        row.standing_items = [StandingItemRow(position=i, title=s["title"],
                                              description=s["description"])
                              for i, s in enumerate(data["standing_items"])]
        self.session.add(row)
        self.session.flush()
        # One at a time so ids keep the file's order (see _Exporter._committee).
        for abbreviation in data["abbreviations"]:
            self.session.add(AbbreviationRow(committee_id=row.id, short=abbreviation["short"],
                                             expansion=abbreviation["expansion"]))
            self.session.flush()
        return row

    def _people(self) -> None:
        people = self.data["people"]
        existing = {}
        for start in range(0, len(people), 500):
            uids = [p["uid"] for p in people[start:start + 500]]
            existing.update((row.uid, row.id) for row in
                            self.session.scalars(select(Person).where(Person.uid.in_(uids))))
        for data in people:
            if data["uid"] in existing:
                self.person_ids[data["uid"]] = existing[data["uid"]]
                continue
            row = Person(**{key: data[key] for key in (
                "uid", "name", "title", "role", "abbreviation", "initials", "organisation",
                "email")})
            self.session.add(row)
            self.session.flush()
            self.person_ids[row.uid] = row.id

    def _meeting(self, committee: Committee) -> Meeting:
        data = self.data["meeting"]
        row = Meeting(uid=data["uid"], committee=committee, title=data["title"],
                      date=_date(data["date"]), start_time=_time(data["start_time"]),
                      end_time=_time(data["end_time"]), venue=data["venue"],
                      chair_id=self._person(data["chair"]),
                      minute_taker_id=self._person(data["minute_taker"]),
                      status=MeetingStatus(data["status"]),
                      next_meeting_at=_local_datetime(data["next_meeting_at"]),
                      number_start=data["number_start"])
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
                confidential=data["confidential"], started_at=_datetime(data["started_at"]),
                ended_at=_datetime(data["ended_at"]), planned_minutes=data["planned_minutes"])
            self.session.add(row)
            self.session.flush()
            self.item_ids[data["uid"]] = row.id
            for index, decision in enumerate(data["decisions"]):
                self.session.add(Decision(
                    uid=self._fresh(decision["uid"]), item_id=row.id, position=index,
                    kind=DecisionKind(decision["kind"]), text=decision["text"],
                    mover_id=self._person(decision["mover"]),
                    seconder_id=self._person(decision["seconder"]),
                    votes_for=decision["votes_for"], votes_against=decision["votes_against"],
                    votes_abstained=decision["votes_abstained"]))
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
                arrived_at=_time(data["arrived_at"]),
                left_item_id=self._item(data["left_after_item"]),
                left_at=_time(data["left_at"])))

    def _declarations(self, meeting: Meeting) -> None:
        for position, data in enumerate(self.data["declarations"]):
            self.session.add(Declaration(
                meeting_id=meeting.id, person_id=self._person(data["person"]),
                item_id=self._item(data["item"]), position=position,
                interest=data["interest"], nature=data["nature"]))

    def _actions(self, meeting: Meeting) -> None:
        for position, data in enumerate(self.data["actions"]):
            row = Action(uid=self._fresh(data["uid"]), meeting_id=meeting.id,
                         item_id=self._item(data["item"]), position=position,
                         text=data["text"], owner_text=data["owner_text"],
                         due_date=_date(data["due_date"]), due_text=data["due_text"],
                         status=ActionStatus(data["status"]), update_text=data["update"])
            row.owners = [ActionOwner(person_id=self.person_ids[uid], position=index)
                          for index, uid in enumerate(data["owners"])]
            self.session.add(row)

    def _audit(self, meeting: Meeting) -> None:
        for data in self.data.get("audit", ()):
            self.session.add(AuditEntry(
                at=_datetime(data["at"]), actor=data["actor"], meeting_id=meeting.id,
                entity="meeting", entity_uid=meeting.uid, action=data["action"],
                detail=data["detail"], reason=data["reason"]))


# --- files --------------------------------------------------------------------------------


def read_meeting_file(path: str | os.PathLike[str]) -> object:
    """The JSON value in ``path`` (not yet checked as a meeting)."""
    path = Path(path)
    try:
        raw = path.read_bytes()
    except FileNotFoundError as exc:
        raise InterchangeError(f"There is no file {path}.") from exc
    except IsADirectoryError as exc:
        raise InterchangeError(f"{path} is a folder, not a meeting file.") from exc
    except OSError as exc:
        raise InterchangeError(f"Cannot read {path}: {exc.strerror or exc}.") from exc
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        offset = exc.start + (3 if raw.startswith(b"\xef\xbb\xbf") else 0)
        line = raw[:offset].count(b"\n") + 1
        raise InterchangeError(
            f"{path.name} is not UTF-8 text (byte 0x{raw[offset]:02x} on line {line}); "
            "meeting files are UTF-8 JSON.") from exc
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InterchangeError(f"{path.name} is not valid JSON: {exc.msg} at line "
                               f"{exc.lineno}, column {exc.colno}.") from exc
    except RecursionError as exc:
        raise InterchangeError(f"{path.name} is nested too deeply to read.") from exc


def load_meeting_file(path: str | os.PathLike[str]) -> Json:
    """Read and check a meeting file without touching any book."""
    path = Path(path)
    data = read_meeting_file(path)
    try:
        check_meeting(data)
    except InterchangeError as exc:
        raise InterchangeError(f"{path.name} cannot be imported: {exc}") from exc
    assert isinstance(data, dict)
    return data


def import_meeting_file(book: MinuteBook, path: str | os.PathLike[str]) -> int:
    """Import the meeting in ``path`` into the book; returns the new meeting's id."""
    return import_meeting(book, load_meeting_file(path))


def write_text_atomically(path: Path, text: str) -> None:
    """Replace ``path`` with ``text`` (UTF-8) in one step: readers see old or new, never half.

    The temporary file is created owner-only, like a book: minutes are often confidential.
    """
    try:
        handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".part",
                                             dir=path.parent)
    except OSError as exc:
        raise InterchangeError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(text.encode("utf-8"))
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        if isinstance(exc, OSError):
            raise InterchangeError(f"Cannot write {path}: {exc.strerror or exc}.") from exc
        raise


# --- demo ---------------------------------------------------------------------------------


def demo_document() -> Json:
    """The sample meeting shipped with the package."""
    data: Json = json.loads(_data_file("demo_meeting.json").read_text(encoding="utf-8"))
    return data


def load_demo(book: MinuteBook) -> int:
    """The id of the demo meeting in the book, importing it first if it is not there yet."""
    data = demo_document()
    with book.unit_of_work() as session:
        existing = session.scalar(select(Meeting.id)
                                  .where(Meeting.uid == data["meeting"]["uid"]))
    return existing if existing is not None else import_meeting(book, data)
