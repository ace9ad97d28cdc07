"""Plain, immutable records that services hand to the UI and the CLI.

Widgets never see ORM objects or sessions; they get these and nothing lazy.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import Any

from minute_taker.domain.dates import day_month_year
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


def version_field() -> Any:
    """A record's ``version``: the row's when it was read (store/models.py Versioned).
    An edit of the row carries it and is refused if someone else has changed the row
    since. Left out of comparisons: two records saying the same are equal."""
    return field(default=1, compare=False)


@dataclass(frozen=True, slots=True)
class StandingItem:
    title: str
    description: str = ""


@dataclass(frozen=True, slots=True)
class Abbreviation:
    short: str
    expansion: str


@dataclass(frozen=True, slots=True)
class CommitteeInfo:
    id: int
    uid: str
    name: str
    short_name: str | None
    numbering_scheme: NumberingScheme
    number_start: int
    house_style: HouseStyle
    standing_items: tuple[StandingItem, ...] = ()
    abbreviations: tuple[Abbreviation, ...] = ()
    contact_name: str | None = None  # the contact a new meeting starts with
    contact_details: str | None = None
    quorum: str | None = None  # "3" voting members, or a share of them, "1/3"
    version: int = version_field()


@dataclass(frozen=True, slots=True)
class PersonInfo:
    id: int
    uid: str
    name: str
    title: str | None = None
    role: str | None = None
    abbreviation: str | None = None
    initials: str | None = None
    organisation: str | None = None
    email: str | None = None
    version: int = version_field()

    @property
    def display_name(self) -> str:
        return f"{self.title} {self.name}" if self.title else self.name

    @property
    def owner_label(self) -> str:
        """How minutes name this person as an action owner: DCC, JI, or the name."""
        return self.abbreviation or self.initials or self.name


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    id: int
    uid: str
    committee_id: int
    committee_name: str
    title: str
    date: dt.date
    status: MeetingStatus


@dataclass(frozen=True, slots=True)
class MeetingHeader:
    id: int
    uid: str
    committee_id: int
    committee_name: str
    title: str
    date: dt.date
    start_time: dt.time | None
    end_time: dt.time | None
    venue: str | None
    chair_id: int | None
    chair_name: str | None
    minute_taker_id: int | None
    minute_taker_name: str | None
    status: MeetingStatus
    next_meeting_date: dt.date | None
    number_start: int | None
    updated_at: dt.datetime | None = None
    next_meeting_time: dt.time | None = None
    next_meeting_venue: str | None = None
    contact_name: str | None = None
    contact_details: str | None = None
    version: int = version_field()

    @property
    def editable(self) -> bool:
        return self.status is not MeetingStatus.APPROVED


@dataclass(frozen=True, slots=True)
class ItemNode:
    """One agenda item without its minutes text (which is loaded on demand)."""

    id: int
    uid: str
    meeting_id: int
    parent_id: int | None
    position: int
    number: str
    title: str
    description: str = ""
    presenter: str | None = None
    confidential: bool = False
    started_at: dt.datetime | None = None
    ended_at: dt.datetime | None = None
    planned_minutes: int | None = None
    depth: int = 0
    version: int = version_field()
    notes_version: int = version_field()  # of the notes alone


@dataclass(frozen=True, slots=True)
class AttendanceRow:
    id: int
    meeting_id: int
    person_id: int
    person_name: str
    status: AttendanceStatus
    role: AttendanceRole
    capacity: str | None
    substitute_for_id: int | None = None
    substitute_for_name: str | None = None
    arrived_item_id: int | None = None
    arrived_at: dt.time | None = None
    left_item_id: int | None = None
    left_at: dt.time | None = None
    version: int = version_field()


@dataclass(frozen=True, slots=True)
class DeclarationRow:
    id: int
    meeting_id: int
    person_id: int
    person_name: str
    item_id: int | None
    interest: str
    nature: str | None
    made_at_item_id: int | None = None  # the item it was declared during
    version: int = version_field()


@dataclass(frozen=True, slots=True)
class DecisionRow:
    id: int
    uid: str
    item_id: int
    kind: DecisionKind
    text: str
    mover_id: int | None = None
    seconder_id: int | None = None
    votes_for: int | None = None
    votes_against: int | None = None
    votes_abstained: int | None = None
    not_voting: str | None = None
    # A recorded vote: (person id, how they voted), in the order the minutes list them.
    named_votes: tuple[tuple[int, VoteChoice], ...] = ()
    # A marked passage of the item's notes, printed there in the clerk's words.
    in_notes: bool = False
    version: int = version_field()

    @property
    def label(self) -> str:
        """How minutes print it: RESOLVED that ..., AGREED: ..., NOTED: ...; a passage of
        the notes as the clerk wrote it."""
        text = self.text
        if self.in_notes:
            return text
        if self.kind is DecisionKind.RESOLVED:
            return f"RESOLVED that {text[5:]}" if text.lower().startswith("that ") \
                else f"RESOLVED: {text}"
        return f"{self.kind.value.upper()}: {text}"


@dataclass(frozen=True, slots=True)
class ActionRow:
    id: int
    uid: str
    meeting_id: int
    item_id: int | None
    item_number: str | None
    text: str
    owner_text: str
    owner_ids: tuple[int, ...] = field(default=())
    due_date: dt.date | None = None
    due_text: str | None = None
    status: ActionStatus = ActionStatus.OPEN
    update: str | None = None
    origin: str | None = None  # for an earlier meeting's action: "25 Jul 2017, item 1.1"
    carried_from_id: int | None = None  # the earlier action this one continues
    carried_into: dt.date | None = None  # the later meeting that continues this one
    # Where the action was first raised, when it has been carried since: the one action
    # it is, whichever meeting's copy this is (a calendar's event uid, its age).
    series_uid: str | None = None
    raised_on: dt.date | None = None
    version: int = version_field()

    @property
    def due_label(self) -> str:
        if self.due_text:
            return self.due_text
        return self.due_date.strftime("%d %b %Y") if self.due_date else ""

    @property
    def status_label(self) -> str:
        """"Open, carried to 10 Feb 2026": what the minutes say, and where it went on."""
        if self.carried_into is None:
            return self.status.label
        return f"{self.status.label}, carried to {day_month_year(self.carried_into)}"


@dataclass(frozen=True, slots=True)
class ActionEvent:
    """One step in the life of an action, for its history: a meeting whose minutes record
    it (raised there, or carried into it), or progress recorded beside the minutes."""

    on: dt.date
    kind: str  # "raised", "carried forward" or "progress"
    where: str = ""  # the meeting and item, for the minutes' steps: "Panel 2, item 4"
    status: ActionStatus | None = None  # as the minutes say, or as the progress set it
    note: str | None = None  # the update given
    by: str | None = None  # who recorded the progress
    action_id: int | None = None  # the minutes' copy of the action this step is about


@dataclass(frozen=True, slots=True)
class CommitteeAction:
    """An action with the meeting it came from, for a committee-wide action list."""

    action: ActionRow
    committee_name: str
    meeting_date: dt.date
    meeting_title: str
    confidential: bool  # raised under a confidential item (or one inside it)


@dataclass(frozen=True, slots=True)
class AuditRow:
    id: int
    at: dt.datetime
    actor: str
    entity: str
    entity_uid: str | None
    action: str
    detail: str | None
    reason: str | None


@dataclass(frozen=True, slots=True)
class DocumentRef:
    """A supporting document: where it is, not what it says."""

    id: int
    uid: str
    item_id: int
    title: str
    location: str
    format: str | None = None  # "PDF"
    size_bytes: int | None = None

    @property
    def is_link(self) -> bool:
        return self.location.startswith(("http://", "https://"))


@dataclass(frozen=True, slots=True)
class SearchHit:
    """One entry found by a search (services/search.py): where it is and what matched.

    ``snippet`` is plain text with each match between ``search_query.MARK_START`` and
    ``MARK_END`` (``search_query.snippet_parts`` splits it). ``item_id`` is None for an
    attendance line and an action or declaration not minuted under an item. ``rank`` is
    FTS5's bm25: lower is a better match (0.0 when only filters were given).
    """

    meeting_id: int
    meeting_date: dt.date
    meeting_title: str
    committee: str
    item_id: int | None
    item_number: str
    item_title: str
    kind: str
    source_id: int
    snippet: str
    rank: float
