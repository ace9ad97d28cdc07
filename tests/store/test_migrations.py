"""Alembic migrations: they reach the ORM's schema, run both ways, and restore on failure."""

from __future__ import annotations

import contextlib
import datetime as dt
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest
from alembic import command
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import func, inspect, select, text

from minute_taker.domain.enums import (
    ActionStatus,
    AttendanceRole,
    DecisionKind,
    NumberingScheme,
    VoteChoice,
)
from minute_taker.domain.records import Abbreviation
from minute_taker.domain.workflow import Transition
from minute_taker.export.formats import ExportRequest
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    committees,
    confirmation,
    decisions,
    documents,
    interchange,
    leases,
    meetings,
    publishing,
    review,
    vocabulary,
)
from minute_taker.services import people as people_service
from minute_taker.store import migrate, search_index
from minute_taker.store.book import MinuteBook
from minute_taker.store.engine import create_book_engine
from minute_taker.store.errors import BookError
from minute_taker.store.models import Base, BookProperty, ReviewComment, ReviewSuggestion

TABLES = {t.name for t in Base.metadata.sorted_tables}


def run_alembic(path: Path, step: Callable[..., None], target: str) -> None:
    """Run an Alembic command on ``path`` the way ``migrate.upgrade_book`` does."""
    cfg = migrate.alembic_config()
    engine = create_book_engine(path, foreign_keys=False)
    try:
        with engine.begin() as connection:
            cfg.attributes["connection"] = connection
            step(cfg, target)
    finally:
        engine.dispose()


def not_search_index(name: str | None, type_: str, _parents: object = None) -> bool:
    """The full-text index (revision 0012) is SQL the models cannot declare (FTS5 tables,
    triggers), so it is not in their metadata: tests/store/test_search_index.py and
    test_new_book_from_models.py check it instead."""
    return not (type_ == "table" and (name or "").startswith(search_index.PREFIX))


def schema_diff(path: Path) -> list[object]:
    engine = create_book_engine(path)
    try:
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={
                "compare_type": True, "include_name": not_search_index})
            return compare_metadata(context, Base.metadata)
    finally:
        engine.dispose()


def table_names(path: Path) -> set[str]:
    engine = create_book_engine(path, foreign_keys=False)
    try:
        with engine.connect() as connection:
            return {name for name in inspect(connection).get_table_names()
                    if not_search_index(name, "table")}
    finally:
        engine.dispose()


def row_counts(book: MinuteBook) -> dict[str, int]:
    with book.unit_of_work() as session:
        return {name: session.scalar(select(func.count()).select_from(table))
                for name, table in Base.metadata.tables.items()}


def fill_every_table(book: MinuteBook) -> None:
    chair = people_service.create_person(book, "John Campion", role="Police and Crime "
                                         "Commissioner", abbreviation="PCC")
    dcc = people_service.create_person(book, "Amanda Blakeman", abbreviation="DCC")
    acc = people_service.create_person(book, "Martin Evans", abbreviation="ACC")
    clerk = people_service.create_person(book, "Jackie Irvin", role="Policy Officer")
    committee = committees.create_committee(
        book, "Monthly Assurance Meeting", numbering_scheme=NumberingScheme.DECIMAL,
        abbreviations=[Abbreviation("AGG", "Alliance Governance Group")])
    committees.add_member(book, committee.id, dcc.id)
    meeting = meetings.create_meeting(book, committee.id, "October 2017",
                                      dt.date(2017, 10, 31), chair_id=chair.id,
                                      minute_taker_id=clerk.id, venue="Meeting Room 1.38")
    item = agenda.add_item(book, meeting.id, "Outstanding matters")
    sub = agenda.add_item(book, meeting.id, "Professional Standards", parent_id=item.id)
    agenda.set_item_minutes(book, sub.id, "<p>Findings:</p><ul><li>An uplift in staff</li></ul>")
    attendance.record_attendance(book, meeting.id, dcc.id, capacity="Deputy Chief Constable")
    attendance.record_attendance(book, meeting.id, acc.id, role=AttendanceRole.SUBSTITUTE,
                                 substitute_for_id=dcc.id)
    attendance.record_departure(book, meeting.id, acc.id, after_item_id=sub.id, at=None)
    attendance.add_declaration(book, meeting.id, dcc.id, "Member of the AGG", item_id=sub.id)
    noted = decisions.record_decision(book, sub.id, DecisionKind.NOTED,
                                      "The update was noted.", mover_id=chair.id,
                                      seconder_id=dcc.id)
    decisions.record_named_vote(book, noted.id, [(dcc.id, VoteChoice.FOR),
                                                 (acc.id, VoteChoice.ABSTAINED)])
    action = actions.capture_action(book, meeting.id, "Report back via AGG in two months.",
                                    owner_text="DCC", item_id=sub.id)
    actions.update_action(book, action.id, status=ActionStatus.CARRIED_FORWARD)
    actions.record_progress(book, action.id, status=ActionStatus.DONE, note="Reported in May.")
    documents.add_document(book, sub.id, "Complaints remodelling report", "reports/psd.pdf")
    vocabulary.add_word(book, "Hindlip")
    review.send_for_review(book, meeting.id, book.path.with_name(f"{book.path.stem}.review"))
    with book.unit_of_work() as session:
        session.add(BookProperty(key="created_by", value="Minute Taker test"))
        session.add(ReviewComment(meeting_id=meeting.id, item_id=sub.id, author="PCC",
                                  body="Which report?"))
        session.add(ReviewSuggestion(meeting_id=meeting.id, item_id=sub.id, target="minutes",
                                     original="uplift", proposal="increase", author="PCC"))
    meetings.change_status(book, meeting.id, Transition.APPROVE)
    later = meetings.create_meeting(book, committee.id, "November 2017", dt.date(2017, 11, 28))
    leases.take_notes(book, later.id, "window-1", "Jackie Irvin", "OPCC-LT-17")
    confirming = agenda.add_item(book, later.id, "Confirmation of the minutes")
    confirmation.set_confirmed_meeting(book, confirming.id, meeting.id)
    decisions.record_confirmation(book, confirming.id)


# --- tests --------------------------------------------------------------------------------

def test_upgrade_from_an_empty_file_reaches_head(tmp_path: Path) -> None:
    path = tmp_path / "new.minutebook"
    path.touch()
    migrate.upgrade_book(path)
    assert migrate.current_revision(path) == migrate.head_revision()
    assert table_names(path) == TABLES | {"alembic_version"}


def test_orm_metadata_matches_the_migrated_schema(book: MinuteBook, book_path: Path) -> None:
    assert schema_diff(book_path) == []


def test_schema_diff_would_notice_a_difference(book: MinuteBook, book_path: Path) -> None:
    # The comparison above means something only if a real difference shows up.
    with book.engine.begin() as connection:
        connection.execute(text("DROP INDEX ix_meeting_date"))
    assert [d[0] for d in schema_diff(book_path)] == ["add_index"]


def test_migration_history_has_a_single_head_and_base() -> None:
    script = ScriptDirectory.from_config(migrate.alembic_config())
    assert script.get_heads() == [migrate.head_revision()]
    assert len(script.get_bases()) == 1
    revisions = list(script.walk_revisions())
    assert [r.revision for r in revisions][0] == migrate.head_revision()
    assert revisions[-1].down_revision is None
    for newer, older in zip(revisions, revisions[1:], strict=False):
        assert newer.down_revision == older.revision


def test_downgrade_to_base_and_upgrade_again_on_a_full_book(book: MinuteBook,
                                                            book_path: Path) -> None:
    fill_every_table(book)
    counts = row_counts(book)
    assert {name for name, count in counts.items() if count == 0} == set()
    book.close()

    run_alembic(book_path, command.downgrade, "base")
    assert table_names(book_path) <= {"alembic_version"}
    assert migrate.current_revision(book_path) is None

    run_alembic(book_path, command.upgrade, "head")
    assert migrate.current_revision(book_path) == migrate.head_revision()
    assert schema_diff(book_path) == []
    with MinuteBook.open(book_path) as reopened:
        seeded = {name for name, count in row_counts(reopened).items() if count}
        assert seeded == {"quick_phrase"}  # 0002 gives every book the default phrases
        fill_every_table(reopened)
        assert 0 not in row_counts(reopened).values()


def test_upgrade_of_a_current_book_does_nothing(book: MinuteBook, book_path: Path) -> None:
    fill_every_table(book)
    book.close()
    before = book_path.read_bytes()
    migrate.upgrade_book(book_path)
    assert book_path.read_bytes() == before


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


def test_failed_migration_restores_the_book_and_removes_its_backup(
        book: MinuteBook, book_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    fill_every_table(book)
    book.close()
    run_alembic(book_path, command.downgrade, "0001")  # a book from the previous release
    before = dump(book_path)

    def broken_upgrade(cfg: object, target: str) -> None:
        # Damage committed outside the migration's transaction, as non-transactional DDL
        # would leave it, then fail.
        with contextlib.closing(sqlite3.connect(book_path)) as other:
            other.execute("DROP TABLE action_owner")
            other.commit()
        raise RuntimeError("migration 0002 failed")

    monkeypatch.setattr(command, "upgrade", broken_upgrade)
    with pytest.raises(BookError, match="restored") as failed:
        migrate.upgrade_book(book_path, target="0002")
    assert "migration 0002 failed" in str(failed.value)
    assert dump(book_path) == before
    assert sorted(p.name for p in book_path.parent.iterdir()
                  if "before-upgrade" in p.name) == []


def test_head_revision_constant_matches_alembic_head() -> None:
    """Books at HEAD_REVISION skip Alembic on open, so the constant must be the real head."""
    assert migrate.head_revision() == migrate.HEAD_REVISION


def test_0002_gives_a_book_from_0001_the_default_quick_phrases(book_path: Path) -> None:
    book_path.touch(mode=0o600)
    migrate.upgrade_book(book_path, target="0001")
    assert migrate.current_revision(book_path) == "0001"
    with MinuteBook.open(book_path) as book:
        phrases = vocabulary.list_phrases(book)
    assert phrases[:3] == ["The report was noted.", "RESOLVED that ", "It was agreed that "]


def test_0003_keeps_every_row_of_a_book_from_0002(book: MinuteBook, book_path: Path) -> None:
    fill_every_table(book)
    new_tables = {"approval", "review_dispatch", "review_comment", "review_suggestion",
                  # 0005, 0009 and 0015, gone with the downgrade below 0003 too
                  "action_progress", "decision_vote", "notes_lease"}
    before = {name: count for name, count in row_counts(book).items() if name not in new_tables}
    book.close()
    run_alembic(book_path, command.downgrade, "0002")  # a book from the previous release
    assert not new_tables & table_names(book_path)

    migrate.upgrade_book(book_path)
    assert schema_diff(book_path) == []
    with contextlib.closing(sqlite3.connect(book_path)) as raw:
        assert raw.execute("PRAGMA foreign_key_check").fetchall() == []
        assert raw.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    with MinuteBook.open(book_path) as reopened:
        after = row_counts(reopened)
        assert {name: after[name] for name in before} == before
        assert all(after[name] == 0 for name in new_tables)
        [meeting] = [m for m in meetings.list_meetings(reopened) if m.title == "October 2017"]
        items = agenda.list_items(reopened, meeting.id)
        assert [i.title for i in items][-2:] == ["Outstanding matters", "Professional Standards"]
        assert meeting.status.value == "approved"


def test_0007_numbers_the_rounds_of_copies_sent_before(book: MinuteBook, book_path: Path,
                                                        tmp_path: Path) -> None:
    first = interchange.load_demo(book)
    second = meetings.create_meeting(book, meetings.get_header(book, first).committee_id,
                                     "November 2017", dt.date(2017, 11, 28)).id
    for n, meeting_id in enumerate((first, second, first)):
        review.send_for_review(book, meeting_id, tmp_path / f"copy{n}.review.minutebook")
    book.close()
    run_alembic(book_path, command.downgrade, "0006")  # a book from the previous release

    migrate.upgrade_book(book_path)

    assert schema_diff(book_path) == []
    with contextlib.closing(sqlite3.connect(book_path)) as raw:
        rounds = raw.execute("SELECT meeting_id, round_number, sent_computer FROM "
                             "review_dispatch ORDER BY id").fetchall()
    assert rounds == [(first, 1, None), (second, 1, None), (first, 2, None)]
    with MinuteBook.open(book_path) as reopened:
        assert review.next_round(reopened, first) == 3


def test_0008_keeps_the_next_meetings_date_and_a_time_that_was_given(
        book: MinuteBook, book_path: Path) -> None:
    committee = committees.create_committee(book, "Panel")
    timed = meetings.create_meeting(book, committee.id, "September", dt.date(2017, 9, 26)).id
    dated = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31)).id
    book.close()
    run_alembic(book_path, command.downgrade, "0007")  # a book from the previous release
    with contextlib.closing(sqlite3.connect(book_path)) as raw:
        raw.execute("UPDATE meeting SET next_meeting_at = '2017-10-31 10:30:00.000000' "
                    "WHERE id = ?", (timed,))
        raw.execute("UPDATE meeting SET next_meeting_at = '2017-11-29 00:00:00.000000' "
                    "WHERE id = ?", (dated,))
        raw.commit()

    migrate.upgrade_book(book_path)

    assert schema_diff(book_path) == []
    with MinuteBook.open(book_path) as reopened:
        first, second = (meetings.get_header(reopened, i) for i in (timed, dated))
    assert (first.next_meeting_date, first.next_meeting_time) == (
        dt.date(2017, 10, 31), dt.time(10, 30))
    assert (second.next_meeting_date, second.next_meeting_time) == (dt.date(2017, 11, 29), None)


def test_0010_changes_no_printed_word_of_a_book_from_0009(book: MinuteBook, book_path: Path,
                                                           tmp_path: Path) -> None:
    """Every decision of a book from before marked passages is printed after its notes
    with its label, as it was: the upgrade marks none of them as kept in the notes."""
    meeting = interchange.load_demo(book)
    printed = {}
    for fmt in ("txt", "md", "html"):
        request = ExportRequest(meeting_id=meeting, fmt=fmt, public=False)
        printed[fmt] = publishing.export(book, request, tmp_path / f"before.{fmt}") \
            .path.read_text(encoding="utf-8")
    book.close()
    run_alembic(book_path, command.downgrade, "0009")  # a book from the previous release

    migrate.upgrade_book(book_path)

    assert schema_diff(book_path) == []
    with MinuteBook.open(book_path) as reopened:
        items = agenda.list_items(reopened, meeting)
        rows = [d for item in items for d in decisions.list_decisions(reopened, item.id)]
        assert rows and not any(d.in_notes for d in rows)
        for fmt, before in printed.items():
            request = ExportRequest(meeting_id=meeting, fmt=fmt, public=False)
            after = publishing.export(reopened, request, tmp_path / f"after.{fmt}").path
            assert after.read_text(encoding="utf-8") == before


def test_0016_starts_every_row_of_a_book_from_0015_at_version_1(
        book: MinuteBook, book_path: Path, tmp_path: Path) -> None:
    """A book from before row versions: every row a user edits starts at version 1
    (its notes too), changed by nobody known; what it prints is unchanged, and the
    first edit on version 1 goes in and moves it on."""
    meeting = interchange.load_demo(book)
    request = ExportRequest(meeting_id=meeting, fmt="txt", public=False)
    before = publishing.export(book, request, tmp_path / "before.txt").path.read_text("utf-8")
    book.close()
    run_alembic(book_path, command.downgrade, "0015")  # a book from the previous release

    migrate.upgrade_book(book_path)

    assert schema_diff(book_path) == []
    with contextlib.closing(sqlite3.connect(book_path)) as raw:
        for table in ("committee", "person", "meeting", "agenda_item", "attendance",
                      "declaration", "decision", "action"):
            versions = raw.execute(f"SELECT DISTINCT version, changed_by, changed_at "
                                   f"FROM {table}").fetchall()
            assert versions in ([(1, None, None)], []), table
        assert raw.execute("SELECT DISTINCT notes_version FROM agenda_item").fetchall() == [(1,)]
    with MinuteBook.open(book_path) as reopened:
        after = publishing.export(reopened, request, tmp_path / "after.txt").path
        assert after.read_text(encoding="utf-8") == before
        item = agenda.list_items(reopened, meeting)[0]
        edited = agenda.update_item(reopened, item.id, expected_version=1, title="Apologies")
        assert edited.version == 2
