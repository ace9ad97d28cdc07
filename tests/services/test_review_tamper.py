"""Returned review files that must be refused, with a clear message and nothing changed."""

from __future__ import annotations

import contextlib
import datetime as dt
import shutil
import sqlite3
from pathlib import Path

import pytest
from sqlalchemy import select

from minute_taker.services import (
    approval,
    committees,
    interchange,
    meetings,
    review,
    review_import,
)
from minute_taker.services.review_import import ReviewFileError
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AgendaItem


@pytest.fixture
def october(book: MinuteBook) -> int:
    return interchange.load_demo(book)


@pytest.fixture
def returned(book: MinuteBook, october: int, tmp_path: Path) -> Path:
    """A review copy the chair has commented on and approved."""
    path = tmp_path / "review.minutes"
    review.send_for_review(book, october, path)
    with MinuteBook.open(path, actor="John Campion") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        review.add_comment(copy, info.meeting_id, "Fine.")
        review.approve_review(copy, info.meeting_id)
    return path


def dump(path: Path) -> list[str]:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        return list(connection.iterdump())


def edit(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as connection:
        connection.execute("PRAGMA foreign_keys = ON")
        for statement in statements:
            connection.execute(statement)
        connection.commit()


def refused(book: MinuteBook, book_path: Path, path: Path, match: str) -> None:
    before = dump(book_path)
    with pytest.raises(ReviewFileError, match=match) as plan_error:
        review_import.plan_import(book, path)
    with pytest.raises(ReviewFileError, match=match):
        review_import.import_review(book, path)
    assert "Nothing was imported" in str(plan_error.value) or "not" in str(plan_error.value)
    assert dump(book_path) == before


def test_items_removed_from_the_copy(book: MinuteBook, book_path: Path,
                                     returned: Path) -> None:
    edit(returned, "DELETE FROM agenda_item WHERE number = '2'")
    refused(book, book_path, returned, r"altered: 1 item\(s\) sent for review are missing")


def test_text_edited_in_the_copy(book: MinuteBook, book_path: Path, returned: Path) -> None:
    edit(returned, "UPDATE agenda_item SET minutes_html = '<p>Forged</p>' WHERE number = '1.2'")
    refused(book, book_path, returned, r"altered: the minutes in it differ .*Item 1\.2")


def test_digest_altered_in_the_copy(book: MinuteBook, book_path: Path,
                                    returned: Path) -> None:
    edit(returned, "UPDATE review_dispatch SET digest = '" + "0" * 64 + "'")
    refused(book, book_path, returned, "record of what was sent does not match")


def test_approval_digest_altered_in_the_copy(book: MinuteBook, book_path: Path,
                                             returned: Path) -> None:
    edit(returned, "UPDATE approval SET digest = '" + "f" * 64 + "'")
    refused(book, book_path, returned, "approval is not of the minutes as sent")


def test_text_and_every_digest_forged_together(book: MinuteBook, book_path: Path,
                                               returned: Path) -> None:
    # Even recomputing the digests in the file cannot help: the book keeps its own record.
    with MinuteBook.open(returned, actor="forger") as copy:
        info = review.review_copy_info(copy)
        assert info is not None
        with copy.unit_of_work() as session:
            row = session.scalars(select(AgendaItem).where(AgendaItem.number == "1.2")).one()
            row.minutes_html = "<p>Forged</p>"
        forged = approval.content_digest(copy, info.meeting_id)
    edit(returned, f"UPDATE review_dispatch SET digest = '{forged}'",
         f"UPDATE approval SET digest = '{forged}'")
    refused(book, book_path, returned, "altered")


def test_review_of_a_meeting_not_in_this_book(returned: Path, tmp_path: Path) -> None:
    with MinuteBook.open(tmp_path / "other.minutes", actor="x") as other:
        committee = committees.create_committee(other, "Audit Panel")
        meetings.create_meeting(other, committee.id, "Audit", dt.date(2018, 1, 4))
        other_path = other.path
        before = dump(other_path)
        with pytest.raises(ReviewFileError, match="not in this minute book"):
            review_import.import_review(other, returned)
        assert dump(other_path) == before


@pytest.mark.file_book_only("a review made from another copy of the book's file")
def test_review_sent_from_another_copy_of_the_book(book: MinuteBook, book_path: Path,
                                                   returned: Path, tmp_path: Path) -> None:
    twin_path = tmp_path / "twin.minutes"
    book.close()
    shutil.copyfile(book_path, twin_path)
    with MinuteBook.open(twin_path) as twin:
        edit(twin_path, "DELETE FROM review_dispatch")
        with pytest.raises(ReviewFileError, match="no record of sending it"):
            review_import.plan_import(twin, returned)


def test_dispatch_pointing_at_another_meeting(book: MinuteBook, book_path: Path,
                                              returned: Path, october: int) -> None:
    committee = committees.create_committee(book, "Audit Panel")
    other = meetings.create_meeting(book, committee.id, "Audit", dt.date(2018, 1, 4))
    edit(returned, f"UPDATE meeting SET uid = '{other.uid}'")
    refused(book, book_path, returned, "not in this minute book")


@pytest.mark.parametrize(("content", "match"), [
    (b"", "not a review copy"),
    (b"\x89PNG\r\n\x1a\n" + bytes(200), "not a review copy"),
    (b'{"format": "minute-taker-meeting"}', "not a review copy"),
    (b"SQLite format 3\x00" + bytes(100), "not a review copy"),
])
def test_files_that_are_not_review_copies(book: MinuteBook, book_path: Path, tmp_path: Path,
                                          content: bytes, match: str) -> None:
    path = tmp_path / "not-a-review.minutes"
    path.write_bytes(content)
    refused(book, book_path, path, match)
    assert path.read_bytes() == content


def test_an_ordinary_minute_book_is_not_a_review(book: MinuteBook, book_path: Path,
                                                 tmp_path: Path) -> None:
    with MinuteBook.open(tmp_path / "plain.minutes") as plain:
        interchange.load_demo(plain)
    refused(book, book_path, tmp_path / "plain.minutes", "a minute book, not a review copy")


def test_a_missing_file(book: MinuteBook, book_path: Path, tmp_path: Path) -> None:
    refused(book, book_path, tmp_path / "nowhere.minutes", "does not exist")


def test_importing_never_writes_to_the_returned_file(book: MinuteBook,
                                                     returned: Path) -> None:
    before = returned.read_bytes()
    review_import.import_review(book, returned)
    assert returned.read_bytes() == before


