"""SQLAlchemy 2 models of a minute book.

Portable SQL only (the same models run on PostgreSQL for teams): enums are
stored as short strings, rows that travel between books (review copies, JSON
interchange) carry a UUID ``uid`` beside their integer key.
"""

from __future__ import annotations

import datetime as dt
import uuid
from enum import StrEnum

from sqlalchemy import (
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Enum,
    ForeignKey,
    Integer,
    MetaData,
    String,
    Text,
    Time,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, declared_attr, mapped_column, relationship

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

NAMING_CONVENTION = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


def new_uid() -> str:
    return str(uuid.uuid4())


def utcnow() -> dt.datetime:
    """Naive UTC: SQLite has no time zones, and naive UTC means the same on PostgreSQL."""
    return dt.datetime.now(dt.UTC).replace(tzinfo=None)


def str_enum(enum_cls: type[StrEnum]) -> Enum:
    # Stored as VARCHAR holding the value (not a native enum, no CHECK), so adding
    # a member needs no table rebuild on SQLite; SQLAlchemy validates on write.
    return Enum(
        enum_cls,
        native_enum=False,
        create_constraint=False,
        validate_strings=True,
        length=32,
        values_callable=lambda cls: [m.value for m in cls],
    )


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING_CONVENTION)


class UidMixin:
    uid: Mapped[str] = mapped_column(String(36), unique=True, default=new_uid)


class Versioned:
    """A row a user edits, which several people may have open at once (issue 22).

    ``version`` counts the changes to what the row says; a user's edit carries the
    version it was made on, and one made on an older version is refused (services
    ``check_version``) rather than written over the newer words. It is SQLAlchemy's
    ``version_id_col``, so every UPDATE of the row also says ``WHERE version = <the
    version read>``, and a row changed by another transaction in between is not
    written. Its value is set by ``store/versioning.py`` (``version_id_generator`` off):
    only a change of what the row says moves it on, not a renumbering or a move, so a
    clerk adding an item does not turn every later item's open edit into a conflict.
    ``changed_by`` and ``changed_at`` (naive UTC) say whose change that was, and when.
    """

    version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    changed_by: Mapped[str | None] = mapped_column(String(200))
    changed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)

    @declared_attr.directive
    def __mapper_args__(cls) -> dict[str, object]:  # noqa: N805 - a class-level directive
        return {"version_id_col": cls.__table__.c.version,  # type: ignore[attr-defined]
                "version_id_generator": False}


class BookProperty(Base):
    """Facts about the book itself (its uid, the version that created it)."""

    __tablename__ = "book_property"
    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[str] = mapped_column(Text)


class Committee(UidMixin, Versioned, Base):
    __tablename__ = "committee"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    short_name: Mapped[str | None] = mapped_column(String(40))
    numbering_scheme: Mapped[NumberingScheme] = mapped_column(
        str_enum(NumberingScheme), default=NumberingScheme.DECIMAL
    )
    number_start: Mapped[int] = mapped_column(Integer, default=1)
    house_style: Mapped[HouseStyle] = mapped_column(
        str_enum(HouseStyle), default=HouseStyle.NARRATIVE
    )
    # How many voting members make a quorum: "3", or a share of them, "1/3".
    quorum: Mapped[str | None] = mapped_column(String(20))
    # The contact a new meeting of the committee starts with.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_details: Mapped[str | None] = mapped_column(String(300))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)

    standing_items: Mapped[list[StandingItemRow]] = relationship(
        order_by="StandingItemRow.position", cascade="all, delete-orphan",
        passive_deletes=True,
    )
    abbreviations: Mapped[list[AbbreviationRow]] = relationship(
        order_by="AbbreviationRow.short", cascade="all, delete-orphan", passive_deletes=True
    )


class StandingItemRow(Base):
    __tablename__ = "standing_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committee.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")


class AbbreviationRow(Base):
    __tablename__ = "abbreviation"
    __table_args__ = (UniqueConstraint("committee_id", "short"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committee.id", ondelete="CASCADE"), index=True
    )
    short: Mapped[str] = mapped_column(String(40))
    expansion: Mapped[str] = mapped_column(String(300))


class Person(UidMixin, Versioned, Base):
    __tablename__ = "person"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(60))
    role: Mapped[str | None] = mapped_column(String(200))
    abbreviation: Mapped[str | None] = mapped_column(String(40))
    initials: Mapped[str | None] = mapped_column(String(12))
    organisation: Mapped[str | None] = mapped_column(String(200))
    email: Mapped[str | None] = mapped_column(String(320))


class CommitteeMember(Base):
    """The people a committee usually has: they pre-fill attendance and completion."""

    __tablename__ = "committee_member"
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committee.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    role: Mapped[AttendanceRole] = mapped_column(
        str_enum(AttendanceRole), default=AttendanceRole.MEMBER
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class Meeting(UidMixin, Versioned, Base):
    __tablename__ = "meeting"
    id: Mapped[int] = mapped_column(primary_key=True)
    committee_id: Mapped[int] = mapped_column(
        ForeignKey("committee.id", ondelete="RESTRICT"), index=True
    )
    title: Mapped[str] = mapped_column(String(300))
    date: Mapped[dt.date] = mapped_column(Date, index=True)
    start_time: Mapped[dt.time | None] = mapped_column(Time)
    end_time: Mapped[dt.time | None] = mapped_column(Time)
    venue: Mapped[str | None] = mapped_column(String(300))
    chair_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    minute_taker_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    status: Mapped[MeetingStatus] = mapped_column(
        str_enum(MeetingStatus), default=MeetingStatus.DRAFT
    )
    # The date of the next meeting, with a time and venue only when they were given.
    next_meeting_date: Mapped[dt.date | None] = mapped_column(Date)
    next_meeting_time: Mapped[dt.time | None] = mapped_column(Time)
    next_meeting_venue: Mapped[str | None] = mapped_column(String(300))
    # Who to contact about the minutes ("Sheena Jones"), and how, as published.
    contact_name: Mapped[str | None] = mapped_column(String(200))
    contact_details: Mapped[str | None] = mapped_column(String(300))
    number_start: Mapped[int | None] = mapped_column(Integer)
    # The first number the clerk typed, which later drafts follow (number_start moves on
    # from it only if earlier drafts grow into it); None: worked out from the meetings
    # before (services/agenda.py renumber_series).
    number_start_typed: Mapped[int | None] = mapped_column(Integer)
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    committee: Mapped[Committee] = relationship()
    chair: Mapped[Person | None] = relationship(foreign_keys=[chair_id])
    minute_taker: Mapped[Person | None] = relationship(foreign_keys=[minute_taker_id])


class AgendaItem(UidMixin, Versioned, Base):
    __tablename__ = "agenda_item"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer)
    number: Mapped[str] = mapped_column(String(40), default="")
    title: Mapped[str] = mapped_column(String(500))
    description: Mapped[str] = mapped_column(Text, default="")
    presenter: Mapped[str | None] = mapped_column(String(200))
    minutes_html: Mapped[str] = mapped_column(Text, default="")
    # The version of the notes alone (``minutes_html``): they are written every second
    # while a clerk types, and ``version`` is the item's other fields, so the notes
    # being typed never make an edit of the item's title a conflict, nor that edit the
    # notes'. Moved on by store/versioning.py.
    notes_version: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    confidential: Mapped[bool] = mapped_column(Boolean, default=False)
    started_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    ended_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    planned_minutes: Mapped[int | None] = mapped_column(Integer)
    # On a "Confirmation of the minutes" item: the earlier meeting it confirms.
    confirms_meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL")
    )
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)


class SupportingDocument(UidMixin, Base):
    """A paper an item refers to: a title and where it is (a path or a link).

    Only the reference is kept; nothing is copied into the book.
    """

    __tablename__ = "supporting_document"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    title: Mapped[str] = mapped_column(String(500))
    location: Mapped[str] = mapped_column(Text, default="")
    format: Mapped[str | None] = mapped_column(String(20))  # "PDF", as published
    size_bytes: Mapped[int | None] = mapped_column(BigInteger)


class DictionaryWord(Base):
    """A word the book's spell-checker accepts: names, places, abbreviations."""

    __tablename__ = "dictionary_word"
    id: Mapped[int] = mapped_column(primary_key=True)
    word: Mapped[str] = mapped_column(String(100), unique=True)


class QuickPhrase(Base):
    """A formula the minute-taker inserts with a keystroke ("The report was noted.")."""

    __tablename__ = "quick_phrase"
    id: Mapped[int] = mapped_column(primary_key=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)


class Attendance(Versioned, Base):
    __tablename__ = "attendance"
    __table_args__ = (UniqueConstraint("meeting_id", "person_id"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    position: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[AttendanceStatus] = mapped_column(
        str_enum(AttendanceStatus), default=AttendanceStatus.PRESENT
    )
    role: Mapped[AttendanceRole] = mapped_column(
        str_enum(AttendanceRole), default=AttendanceRole.MEMBER
    )
    substitute_for_id: Mapped[int | None] = mapped_column(
        ForeignKey("person.id", ondelete="SET NULL")
    )
    capacity: Mapped[str | None] = mapped_column(String(300))
    arrived_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    arrived_at: Mapped[dt.time | None] = mapped_column(Time)
    left_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    left_at: Mapped[dt.time | None] = mapped_column(Time)

    person: Mapped[Person] = relationship(foreign_keys=[person_id])
    substitute_for: Mapped[Person | None] = relationship(foreign_keys=[substitute_for_id])


class Declaration(Versioned, Base):
    __tablename__ = "declaration"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="RESTRICT"))
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL")
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    interest: Mapped[str] = mapped_column(Text)
    nature: Mapped[str | None] = mapped_column(String(200))
    # The item during which it was declared (item_id is the item the interest is in):
    # the minutes print it there. None: where the house style puts declarations.
    made_at_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL")
    )

    person: Mapped[Person] = relationship()


class Decision(UidMixin, Versioned, Base):
    __tablename__ = "decision"
    id: Mapped[int] = mapped_column(primary_key=True)
    item_id: Mapped[int] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="CASCADE"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    kind: Mapped[DecisionKind] = mapped_column(str_enum(DecisionKind))
    text: Mapped[str] = mapped_column(Text)
    mover_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    seconder_id: Mapped[int | None] = mapped_column(ForeignKey("person.id", ondelete="SET NULL"))
    votes_for: Mapped[int | None] = mapped_column(Integer)
    votes_against: Mapped[int | None] = mapped_column(Integer)
    votes_abstained: Mapped[int | None] = mapped_column(Integer)
    not_voting: Mapped[str | None] = mapped_column(Text)  # who was absent or did not vote
    # The decision is a marked passage of the item's notes (<a href="decision:UID">, see
    # domain/decision_marks.py), printed there in the clerk's words; ``text`` follows the
    # passage. False: printed after the notes with its label, as every decision was before.
    in_notes: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    # How each member voted, when a recorded vote was asked for (its counts come from it).
    named_votes: Mapped[list[DecisionVote]] = relationship(
        order_by="DecisionVote.position", cascade="all, delete-orphan", passive_deletes=True)


class DecisionVote(Base):
    """One member's vote on a decision, in a recorded (named) vote."""

    __tablename__ = "decision_vote"
    decision_id: Mapped[int] = mapped_column(
        ForeignKey("decision.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    vote: Mapped[VoteChoice] = mapped_column(str_enum(VoteChoice))


class Action(UidMixin, Versioned, Base):
    __tablename__ = "action"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)
    text: Mapped[str] = mapped_column(Text)
    owner_text: Mapped[str] = mapped_column(String(300), default="")
    due_date: Mapped[dt.date | None] = mapped_column(Date)
    due_text: Mapped[str | None] = mapped_column(String(200))
    status: Mapped[ActionStatus] = mapped_column(
        str_enum(ActionStatus), default=ActionStatus.OPEN
    )
    update_text: Mapped[str | None] = mapped_column(Text)
    carried_from_id: Mapped[int | None] = mapped_column(
        ForeignKey("action.id", ondelete="SET NULL"), index=True
    )
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, onupdate=utcnow)

    # Loaded with the actions, in one query for a whole list (a lazy load was one query
    # per action: 1,000 of them to open a meeting of 1,000 actions).
    owners: Mapped[list[ActionOwner]] = relationship(
        order_by="ActionOwner.position", cascade="all, delete-orphan", passive_deletes=True,
        lazy="selectin",
    )
    progress: Mapped[list[ActionProgress]] = relationship(
        order_by="ActionProgress.at", cascade="all, delete-orphan", passive_deletes=True
    )


class ActionProgress(UidMixin, Base):
    """What became of an action after the meeting that minuted it: an update given, done,
    dropped, reopened. Kept beside the minutes, never in them, so approved minutes stay
    what was approved while the action register goes on (an open action of approved
    minutes can be marked done without carrying it into a later meeting)."""

    __tablename__ = "action_progress"
    id: Mapped[int] = mapped_column(primary_key=True)
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), index=True
    )
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    recorded_by: Mapped[str] = mapped_column(String(200))
    status: Mapped[ActionStatus | None] = mapped_column(str_enum(ActionStatus))
    note: Mapped[str | None] = mapped_column(Text)


class ActionOwner(Base):
    __tablename__ = "action_owner"
    action_id: Mapped[int] = mapped_column(
        ForeignKey("action.id", ondelete="CASCADE"), primary_key=True
    )
    person_id: Mapped[int] = mapped_column(
        ForeignKey("person.id", ondelete="CASCADE"), primary_key=True, index=True
    )
    position: Mapped[int] = mapped_column(Integer, default=0)


class AuditEntry(Base):
    """An append-only record of state changes: who did what, when, and why."""

    __tablename__ = "audit_entry"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow, index=True)
    actor: Mapped[str] = mapped_column(String(200))
    meeting_id: Mapped[int | None] = mapped_column(
        ForeignKey("meeting.id", ondelete="SET NULL"), index=True
    )
    entity: Mapped[str] = mapped_column(String(40))
    entity_uid: Mapped[str | None] = mapped_column(String(36))
    action: Mapped[str] = mapped_column(String(60))
    detail: Mapped[str | None] = mapped_column(Text)
    reason: Mapped[str | None] = mapped_column(Text)


class Approval(UidMixin, Base):
    """Who approved a meeting's minutes, when, and the digest of exactly what they approved.

    Rows are never deleted: reopening the minutes clears the approval (``cleared_*``) and
    a later approval adds a new row, so the history of approvals stays readable.
    """

    __tablename__ = "approval"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    approved_by: Mapped[str] = mapped_column(String(200))
    approved_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    digest: Mapped[str] = mapped_column(String(64))
    canonical_version: Mapped[int] = mapped_column(Integer)
    canonical: Mapped[str] = mapped_column(Text)  # the approved content itself, as hashed
    cleared_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    cleared_by: Mapped[str | None] = mapped_column(String(200))
    cleared_reason: Mapped[str | None] = mapped_column(Text)
    confirmed_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    confirmed_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL")
    )


class ReviewDispatch(UidMixin, Base):
    """One review copy sent to the chair, and the verdict that came back.

    The sending book and the review file each hold the same row (same uid): the
    sender's copy is the record of what was sent, against which a returned file
    is checked; the chair's verdict is written into the file's copy.
    """

    __tablename__ = "review_dispatch"
    id: Mapped[int] = mapped_column(primary_key=True)
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    sent_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)
    sent_by: Mapped[str] = mapped_column(String(200))
    file_name: Mapped[str] = mapped_column(Text)
    digest: Mapped[str] = mapped_column(String(64))
    item_digests: Mapped[str] = mapped_column(Text)  # JSON: item uid -> digest
    verdict: Mapped[str | None] = mapped_column(String(20))  # "approved" | "returned"
    verdict_uid: Mapped[str | None] = mapped_column(String(36))  # the approval's uid
    verdict_digest: Mapped[str | None] = mapped_column(String(64))  # what was approved
    verdict_by: Mapped[str | None] = mapped_column(String(200))
    verdict_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    verdict_reason: Mapped[str | None] = mapped_column(Text)
    imported_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    # 1 for the meeting's first copy sent, 2 for the next (names the file, and tells the
    # chair which points shown were made in earlier rounds).
    round_number: Mapped[int | None] = mapped_column(Integer)
    # Evidence beside the names typed (not proof: there is no signature key): the host
    # name and login the copy was sent from, and those the verdict was given on.
    sent_computer: Mapped[str | None] = mapped_column(String(200))
    verdict_computer: Mapped[str | None] = mapped_column(String(200))
    # The sender did not accept the approval that came back (who, when).
    verdict_refused_by: Mapped[str | None] = mapped_column(String(200))
    verdict_refused_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class ReviewNoteMixin(UidMixin):
    """What comments and suggestions share: where they are, who made them, in which review."""

    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), index=True
    )
    item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_item.id", ondelete="SET NULL"), index=True
    )
    dispatch_uid: Mapped[str | None] = mapped_column(String(36))
    author: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[dt.datetime] = mapped_column(DateTime, default=utcnow)


class ReviewComment(ReviewNoteMixin, Base):
    """A reviewer's comment on the minutes, an item, or a passage of an item."""

    __tablename__ = "review_comment"
    id: Mapped[int] = mapped_column(primary_key=True)
    quote: Mapped[str | None] = mapped_column(Text)  # the selected text commented on
    body: Mapped[str] = mapped_column(Text)
    resolved_at: Mapped[dt.datetime | None] = mapped_column(DateTime)
    resolved_by: Mapped[str | None] = mapped_column(String(200))


class ReviewSuggestion(ReviewNoteMixin, Base):
    """A reviewer's proposed change to an item's text: the original and the proposal."""

    __tablename__ = "review_suggestion"
    id: Mapped[int] = mapped_column(primary_key=True)
    target: Mapped[str] = mapped_column(String(20))  # "minutes" | "title"
    original: Mapped[str] = mapped_column(Text)
    proposal: Mapped[str] = mapped_column(Text)
    occurrence: Mapped[int] = mapped_column(Integer, default=0)
    status: Mapped[str] = mapped_column(String(20), default="pending")
    decided_by: Mapped[str | None] = mapped_column(String(200))
    decided_at: Mapped[dt.datetime | None] = mapped_column(DateTime)


class NotesLease(Base):
    """Who is taking a meeting's notes live, on a book several people have open (a team
    book, issue 22): one holder at a time, who renews it every few seconds
    (``heartbeat_at``); one not renewed for ``services.leases.LEASE_SECONDS`` may be
    taken over. ``token`` is the holding window's own, so the same person in two windows
    is two holders. Times are naive UTC, of the database's clock (services/leases.py)."""

    __tablename__ = "notes_lease"
    meeting_id: Mapped[int] = mapped_column(
        ForeignKey("meeting.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    token: Mapped[str] = mapped_column(String(36))
    holder: Mapped[str] = mapped_column(String(200))
    computer: Mapped[str | None] = mapped_column(String(200))
    taken_at: Mapped[dt.datetime] = mapped_column(DateTime)
    heartbeat_at: Mapped[dt.datetime] = mapped_column(DateTime)
