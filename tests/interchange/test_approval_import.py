"""Approval cannot be carried in by a file: approved minutes travel with their approval and
arrive approved only if it is of exactly what was imported; otherwise they arrive as a draft
and the import says so."""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from interchange_support import without_volatile

from minute_taker import cli
from minute_taker.domain import canonical
from minute_taker.domain.enums import MeetingStatus
from minute_taker.domain.workflow import Transition
from minute_taker.services import approval, audit_log, interchange, meetings, people
from minute_taker.services.interchange import NOT_APPROVED, InterchangeError
from minute_taker.store.book import MinuteBook

Document = dict[str, Any]
WARNING = "minute-taker: warning: "


@pytest.fixture
def approved(book: MinuteBook) -> int:
    """The sample meeting, sent for review and approved by the chair."""
    meeting_id = interchange.load_demo(book)
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting_id, Transition.APPROVE, approved_by="John Campion")
    return meeting_id


@pytest.fixture
def exported(book: MinuteBook, approved: int) -> Document:
    return interchange.export_meeting(book, approved)


@pytest.fixture
def other(tmp_path: Path) -> Iterator[MinuteBook]:
    opened = MinuteBook.open(tmp_path / "main.minutebook", actor="Main Clerk")
    yield opened
    opened.close()


def assert_valid(document: Document) -> None:
    jsonschema.Draft202012Validator(interchange.meeting_schema(),
                                    format_checker=jsonschema.FormatChecker()
                                    ).validate(document)


def assert_imported_as_draft(book: MinuteBook, result: interchange.ImportResult) -> None:
    assert result.status is MeetingStatus.DRAFT
    assert meetings.get_header(book, result.meeting_id).status is MeetingStatus.DRAFT
    assert approval.current_approval(book, result.meeting_id) is None
    assert approval.verify_book(book) == []
    assert "approval" not in interchange.export_meeting(book, result.meeting_id)


# --- export -------------------------------------------------------------------------------

def test_approved_minutes_are_exported_with_their_approval(book: MinuteBook, approved: int,
                                                           exported: Document) -> None:
    info = approval.current_approval(book, approved)
    assert info is not None
    assert exported["meeting"]["status"] == "approved"
    assert exported["approval"] == {
        "uid": info.uid, "approved_by": "John Campion",
        "approved_at": info.approved_at.isoformat() + "+00:00",
        "canonical_version": canonical.CANONICAL_VERSION, "digest": info.digest}
    assert_valid(exported)


def test_minutes_not_approved_are_exported_without_an_approval(book: MinuteBook,
                                                              approved: int) -> None:
    meetings.change_status(book, approved, Transition.REOPEN, "Wrong date in item 3")
    document = interchange.export_meeting(book, approved)
    assert document["meeting"]["status"] == "draft"
    assert "approval" not in document


# --- the round trip -----------------------------------------------------------------------

def test_approved_minutes_move_to_another_book_approved(book: MinuteBook, approved: int,
                                                        exported: Document,
                                                        other: MinuteBook) -> None:
    result = interchange.import_document(other, copy.deepcopy(exported))

    assert (result.status, result.notes) == (MeetingStatus.APPROVED, ())
    assert meetings.get_header(other, result.meeting_id).status is MeetingStatus.APPROVED
    moved = approval.current_approval(other, result.meeting_id)
    original = approval.current_approval(book, approved)
    assert moved is not None and original is not None
    assert (moved.uid, moved.approved_by, moved.approved_at, moved.digest) == (
        original.uid, original.approved_by, original.approved_at, original.digest)
    [verified] = approval.verify_book(other)
    assert verified.matches and verified.differing == ()
    # And on again: the file the second book writes is the file it read.
    assert without_volatile(interchange.export_meeting(other, result.meeting_id)) == \
        without_volatile(exported)


def test_minutes_moved_approved_are_locked_and_can_be_reopened(exported: Document,
                                                               other: MinuteBook) -> None:
    meeting_id = interchange.import_meeting(other, exported)
    meetings.change_status(other, meeting_id, Transition.REOPEN, "A name is misspelt")
    assert approval.current_approval(other, meeting_id) is None
    assert approval.verify_book(other) == []


# --- what arrives as a draft --------------------------------------------------------------

def test_one_word_changed_imports_as_a_draft(exported: Document, other: MinuteBook) -> None:
    assert exported["items"][2]["minutes_html"] == "<p>No items were raised.</p>"
    exported["items"][2]["minutes_html"] = "<p>No items were discussed.</p>"

    result = interchange.import_document(other, exported)

    assert result.notes == (NOT_APPROVED,)
    assert NOT_APPROVED == ("Imported as a draft: the file says the minutes were approved, "
                            "but carries no approval matching their content.")
    assert_imported_as_draft(other, result)
    last = audit_log.list_audit(other, result.meeting_id)[-1]
    assert (last.action, last.actor, last.reason) == ("status", "Main Clerk", NOT_APPROVED)
    assert '"from": "approved", "to": "draft"' in (last.detail or "")


@pytest.mark.parametrize("forge", [
    lambda d: d["approval"].update(digest="0" * 64),
    lambda d: d["approval"].update(digest=d["approval"]["digest"][::-1]),
    lambda d: d["approval"].update(canonical_version=2),
    lambda d: d.pop("approval"),
], ids=["made-up digest", "another digest", "unknown canonical version", "no approval"])
def test_a_forged_or_missing_approval_imports_as_a_draft(exported: Document,
                                                         other: MinuteBook, forge: Any) -> None:
    forge(exported)
    result = interchange.import_document(other, exported)
    assert result.notes == (NOT_APPROVED,)
    assert_imported_as_draft(other, result)


def test_an_approved_file_from_before_approvals_travelled_imports_as_a_draft(
        book: MinuteBook, demo: Document) -> None:
    """A format version 1 file written before approvals were exported: the sample meeting
    marked approved by hand, as such a file would say."""
    demo["meeting"]["status"] = "approved"
    result = interchange.import_document(book, demo)
    assert result.notes == (NOT_APPROVED,)
    assert_imported_as_draft(book, result)


def test_a_copy_under_a_new_meeting_uid_is_a_draft(book: MinuteBook, approved: int,
                                                   exported: Document) -> None:
    """The meeting's uid is part of what was approved: a copy is other minutes."""
    exported["meeting"]["uid"] = "11111111-2222-4333-8444-555555555555"
    result = interchange.import_document(book, exported)
    assert result.notes == (NOT_APPROVED,)
    assert meetings.get_header(book, result.meeting_id).status is MeetingStatus.DRAFT
    assert [r.meeting_id for r in approval.verify_book(book)] == [approved]


def test_people_the_book_knows_differently_make_a_draft_and_are_named(
        exported: Document, other: MinuteBook) -> None:
    chair = next(p for p in exported["people"] if p["name"] == "John Campion")
    people.create_person(other, "John Campion", role="Chair of the Panel", uid=chair["uid"])

    result = interchange.import_document(other, exported)

    [note] = result.notes
    assert note == (f"{NOT_APPROVED} This book's own details of John Campion differ from the "
                    "file's and were kept, so the minutes here are not exactly those in the "
                    "file.")
    assert_imported_as_draft(other, result)


def test_people_the_book_knows_alike_keep_the_minutes_approved(exported: Document,
                                                               other: MinuteBook) -> None:
    chair = next(p for p in exported["people"] if p["name"] == "John Campion")
    people.create_person(other, "John Campion", role=chair["role"],
                         abbreviation=chair["abbreviation"], email="jc@example.org",
                         uid=chair["uid"])  # what the minutes do not show may differ
    assert interchange.import_document(other, exported).status is MeetingStatus.APPROVED


def test_minutes_in_review_stay_in_review(demo: Document, book: MinuteBook) -> None:
    demo["meeting"]["status"] = "in_review"
    result = interchange.import_document(book, demo)
    assert (result.status, result.notes) == (MeetingStatus.IN_REVIEW, ())


def test_an_approval_on_draft_minutes_is_not_kept(exported: Document,
                                                  other: MinuteBook) -> None:
    exported["meeting"]["status"] = "draft"
    result = interchange.import_document(other, exported)
    assert result.notes == ("The file carries an approval, but says the minutes are draft: "
                            "they were imported as that, without the approval.",)
    assert_imported_as_draft(other, result)


# --- approvals the file cannot hold -------------------------------------------------------

@pytest.mark.parametrize(("spoil", "message"), [
    (lambda a: a.update(digest="ABC"), r"^\$\.approval\.digest: 'ABC' does not match "),
    (lambda a: a.pop("approved_by"), r"^\$\.approval: 'approved_by' is a required property"),
    (lambda a: a.update(signed=True), r"^\$\.approval: Additional properties are not allowed"),
    (lambda a: a.update(approved_at="2017-02-30T10:30"),
     r"^\$\.approval\.approved_at: '2017-02-30T10:30' is not a real date and time$"),
    (lambda a: a.update(uid="375601ec-20d8-47a0-b89b-a7c5ce1a03df"),
     r"^\$\.approval\.uid: the uid '375601ec-[-0-9a-f]+' is also used at \$\.meeting\.uid"),
], ids=["digest", "missing", "unknown field", "no such day", "uid twice"])
def test_a_malformed_approval_is_refused(exported: Document, other: MinuteBook,
                                         spoil: Any, message: str) -> None:
    spoil(exported["approval"])
    with pytest.raises(InterchangeError, match=message):
        interchange.import_document(other, exported)
    assert meetings.list_meetings(other) == []


# --- the command line ---------------------------------------------------------------------

def test_export_import_verify_on_the_command_line(book_path: Path, approved: int,
                                                  tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    file, main = tmp_path / "october.json", tmp_path / "main.minutebook"
    assert cli.main(["export-json", str(book_path), "--meeting", str(approved),
                     "-o", str(file)]) == 0
    assert cli.main(["import", str(main), str(file)]) == 0
    assert capsys.readouterr() == ("1\n", "")

    assert cli.main(["verify", str(main)]) == 0

    first, summary = capsys.readouterr().out.splitlines()
    assert first.startswith("OK\t2017-10-31\tMonthly Assurance Meeting – October 2017\t"
                            "approved by John Campion on ")
    assert summary == "1 approved meeting(s) checked, 0 changed since approval."


def test_a_changed_file_is_imported_as_a_draft_with_a_warning(
        exported: Document, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    exported["items"][2]["minutes_html"] = "<p>No items were discussed.</p>"
    file, main = tmp_path / "october.json", tmp_path / "main.minutebook"
    file.write_text(json.dumps(exported, ensure_ascii=False), encoding="utf-8")

    assert cli.main(["import", str(main), str(file)]) == 0
    assert capsys.readouterr() == ("1\n", f"{WARNING}{NOT_APPROVED}\n")

    assert cli.main(["list", str(main)]) == 0
    assert capsys.readouterr().out.split("\t")[:3] == ["1", "2017-10-31", "draft"]
    assert cli.main(["verify", str(main)]) == 0
    assert capsys.readouterr().out == "main.minutebook: no approved minutes to verify.\n"
    out = tmp_path / "october.md"
    assert cli.main(["export", str(main), "--meeting", "1", "--format", "md", "--full",
                     "-o", str(out)]) == 0
    assert "draft" in capsys.readouterr().out
    assert "DRAFT" in out.read_text(encoding="utf-8")
