"""The same meeting exports the same bytes: twice, after reopening the book, after unrelated
changes, and from an archive copy made by importing the meetings into another book.

People are added in an order unlike their names' and shared between meetings, so an order
taken from the book's ids differs from the order by name, and an archive copy, which adds
each person when the first meeting naming them is imported, gives them other ids.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from interchange_support import build_rich_meeting, without_volatile

from minute_taker.domain.enums import AttendanceStatus
from minute_taker.services import actions, attendance, committees, interchange, meetings, people
from minute_taker.store.book import MinuteBook

# Added in this order; ids follow it, names do not.
NAMES = ("Zoe Young", "Bea Hart", "Mia Cole", "Al Dunn", "bea hart", "Bea Hart", "Ed Ash")


def build_year(book: MinuteBook) -> None:
    """The rich meeting and its earlier one, then six meetings of two committees sharing
    people, each naming a different subset, with namesakes (one differing only in case)."""
    build_rich_meeting(book)
    ids = [people.create_person(book, name).id for name in NAMES]
    board = committees.create_committee(book, "Board")
    audit_committee = committees.create_committee(book, "Audit")
    for month in range(1, 7):
        committee = board if month % 2 else audit_committee
        meeting = meetings.create_meeting(
            book, committee.id, f"Meeting {month}", dt.date(2025, month, 9),
            chair_id=ids[-month % len(ids)], minute_taker_id=ids[month % len(ids)])
        for person_id in dict.fromkeys(ids[month - 1::2] + ids[:month:3]):
            attendance.record_attendance(book, meeting.id, person_id)
        attendance.record_attendance(book, meeting.id, ids[(month + 3) % len(ids)],
                                     status=AttendanceStatus.APOLOGIES)
        actions.capture_action(book, meeting.id, f"Report back {month}.", owner_text="",
                               owner_ids=[ids[(month * 5) % len(ids)], ids[month % 3]])


def export_all_files(book: MinuteBook, folder: Path) -> dict[str, bytes]:
    """Each meeting's file as written by export_meeting_file, keyed by meeting uid, less the
    ``exported_at`` line (the time of writing, different on purpose)."""
    folder.mkdir()
    files: dict[str, bytes] = {}
    for meeting in meetings.list_meetings(book):
        path = folder / f"{meeting.id}.json"
        interchange.export_meeting_file(book, meeting.id, path)
        text = path.read_bytes()
        lines = [line for line in text.splitlines(keepends=True)
                 if not line.startswith(b'  "exported_at": ')]
        assert len(lines) == len(text.splitlines()) - 1
        files[json.loads(text)["meeting"]["uid"]] = b"".join(lines)
    return files


def export_all(book: MinuteBook) -> dict[str, str]:
    """Each meeting as ``json.dumps(..., sort_keys=True)`` of its document, by meeting uid."""
    texts: dict[str, str] = {}
    for meeting in meetings.list_meetings(book):
        document = without_volatile(interchange.export_meeting(book, meeting.id))
        texts[document["meeting"]["uid"]] = json.dumps(document, sort_keys=True)
    return texts


def test_every_meeting_exports_the_same_bytes_again(book_path: Path, tmp_path: Path) -> None:
    with MinuteBook.open(book_path) as book:
        build_year(book)
        first = export_all_files(book, tmp_path / "first")
        assert len(first) == 8
        assert export_all_files(book, tmp_path / "second") == first
    with MinuteBook.open(book_path) as book:
        assert export_all_files(book, tmp_path / "reopened") == first
        newcomer = people.create_person(book, "Aaron Aardvark")
        audit_committee = next(c for c in committees.list_committees(book)
                               if c.name == "Audit")
        committees.add_member(book, audit_committee.id, newcomer.id)
        assert export_all_files(book, tmp_path / "after-change") == first


def test_an_archive_copy_exports_the_same_documents(book_path: Path, tmp_path: Path) -> None:
    """The archive is made meeting by meeting, oldest first, so its people get ids in the
    order they first appear, not the order they were added to the original book."""
    with MinuteBook.open(book_path) as book:
        build_year(book)
        original = export_all(book)
        documents = [interchange.export_meeting(book, m.id)
                     for m in reversed(meetings.list_meetings(book))]
    with MinuteBook.open(tmp_path / "archive.minutebook") as archive:
        for document in documents:
            interchange.import_document(archive, document)
        copied = export_all(archive)

    assert copied.keys() == original.keys()
    differing = [json.loads(copied[uid])["meeting"]["title"] for uid in original
                 if copied[uid] != original[uid]]
    assert differing == []


def test_people_are_listed_by_name_then_uid(book: MinuteBook) -> None:
    """By name, ignoring case, as a reader looks someone up; namesakes by uid, which
    travels with them, rather than by the book's ids."""
    build_year(book)
    for meeting in meetings.list_meetings(book):
        listed = interchange.export_meeting(book, meeting.id)["people"]
        keys = [(p["name"].casefold(), p["name"], p["uid"]) for p in listed]
        assert keys == sorted(keys), meeting.title


def test_abbreviations_are_in_code_point_order(book: MinuteBook) -> None:
    meeting_id = build_rich_meeting(book)
    listed = interchange.export_meeting(book, meeting_id)["committee"]["abbreviations"]
    assert [a["short"] for a in listed] == ["ACC", "DCC", "PCC"]
