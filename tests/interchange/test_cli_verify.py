"""``minute-taker verify BOOK``: per approved meeting, does it still match its digest."""

from __future__ import annotations

import contextlib
import re
import sqlite3
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest

from minute_taker import cli
from minute_taker.domain.dates import day_month_year
from minute_taker.domain.workflow import Transition
from minute_taker.export.read_back import read_published
from minute_taker.services import approval, interchange, meetings
from minute_taker.store.book import MinuteBook


@pytest.fixture
def approved_book(tmp_path: Path) -> Path:
    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        meeting_id = interchange.load_demo(book)
        meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, meeting_id, Transition.APPROVE)
    return path


def test_verify_reports_ok_for_untouched_minutes(approved_book: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", str(approved_book)]) == 0
    out, err = capsys.readouterr()
    first, summary = out.splitlines()
    status, date, title, who, digest = first.split("\t")
    assert (status, date) == ("OK", "2017-10-31")
    assert title == "Monthly Assurance Meeting – October 2017"
    assert who.startswith("approved by Jackie Irvin on ")
    with MinuteBook.open(approved_book) as book:
        info = approval.current_approval(book, 1)
        assert info is not None and digest == f"sha256 {info.digest}"
    assert summary == "1 approved meeting(s) checked, 0 changed since approval."
    assert err == ""


def test_verify_reports_changed_minutes_and_exits_3(approved_book: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    with contextlib.closing(sqlite3.connect(approved_book)) as raw:
        raw.execute("UPDATE decision SET text = 'Nothing was decided.'")
        raw.commit()
    assert cli.main(["verify", str(approved_book)]) == cli.MISMATCH
    out, _ = capsys.readouterr()
    lines = out.splitlines()
    assert lines[0].startswith("CHANGED\t2017-10-31\t")
    assert lines[1].startswith("  differs from the approved text in: item ")
    assert lines[-1] == "1 approved meeting(s) checked, 1 changed since approval."


def test_verify_with_nothing_approved(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "drafts.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
    assert cli.main(["verify", str(path)]) == 0
    assert capsys.readouterr().out == "drafts.minutebook: no approved minutes to verify.\n"


def test_verify_refuses_a_missing_book(tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["verify", str(tmp_path / "none.minutebook")]) == 1
    assert "There is no minute book at" in capsys.readouterr().err


def test_minutes_approved_with_no_record_are_reported_unrecorded_not_changed(
        approved_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    # As a book approved before 0003 looks after upgrading: approved, no approval row,
    # and history that recorded the approval without a digest.
    with contextlib.closing(sqlite3.connect(approved_book)) as raw:
        raw.execute("DELETE FROM approval")
        raw.execute("UPDATE audit_entry SET detail = json_remove(detail, '$.digest') "
                    "WHERE action = 'status'")
        raw.commit()
    assert cli.main(["verify", str(approved_book)]) == 0
    out, _ = capsys.readouterr()
    first, summary = out.splitlines()
    assert first.startswith("UNRECORDED\t2017-10-31\tMonthly Assurance Meeting")
    assert "nothing to check against\tnow sha256 " in first
    assert summary == ("1 approved meeting(s) checked, 0 changed since approval, "
                       "1 approved with no record to check against.")


def tamper(path: Path, *statements: str) -> None:
    with contextlib.closing(sqlite3.connect(path)) as raw:
        for statement in statements:
            raw.execute(statement)
        raw.commit()


@pytest.mark.parametrize(("statement", "said"), [
    ("UPDATE meeting SET status = 'draft'",
     "its history says approved on {day} by Jackie Irvin, but it is now draft with no "
     "reopening recorded: the status was changed outside Minute Taker"),
    ("DELETE FROM approval",
     "its history records an approval on {day} by Jackie Irvin (sha256 {digest}), but that "
     "approval's record is missing from the book"),
])
def test_one_sql_statement_does_not_fool_verify(
        approved_book: Path, statement: str, said: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    with MinuteBook.open(approved_book) as book:
        info = approval.current_approval(book, 1)
        assert info is not None
    tamper(approved_book, statement)
    assert cli.main(["verify", str(approved_book)]) == cli.MISMATCH
    out, _ = capsys.readouterr()
    first = out.splitlines()[0]
    assert first.startswith("TAMPERED\t2017-10-31\tMonthly Assurance Meeting")
    assert first.endswith(said.format(day=day_month_year(info.approved_at.date()),
                                      digest=info.digest))


def test_a_draft_marked_approved_by_sql_is_caught(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "drafts.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
    tamper(path, "UPDATE meeting SET status = 'approved'")
    assert cli.main(["verify", str(path)]) == cli.MISMATCH
    out, _ = capsys.readouterr()
    assert out.splitlines()[0].endswith(
        "marked approved, but its history records no approval: the status was changed "
        "outside Minute Taker")
    assert out.splitlines()[-1].endswith("; 1 meeting(s) disagree with their history.")


def test_the_normal_life_of_minutes_verifies(approved_book: Path, tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    """Reopened with a reason, corrected, approved again; and moved to another book
    through the interchange: nothing is reported."""
    with MinuteBook.open(approved_book, actor="Jackie Irvin") as book:
        meetings.change_status(book, 1, Transition.REOPEN, "A name was misspelt.")
        meetings.change_status(book, 1, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, 1, Transition.APPROVE)
        document = interchange.export_meeting(book, 1)
    other = tmp_path / "other.minutebook"
    with MinuteBook.open(other, actor="Main Office") as book:
        interchange.import_meeting(book, document)
    for path in (approved_book, other):
        assert cli.main(["verify", str(path)]) == 0, path
        out, _ = capsys.readouterr()
        assert out.startswith("OK\t") and "TAMPERED" not in out


# -- a published file checked against the book (verify --file) ----------------------------

MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")


def publish(book_path: Path, folder: Path, fmt: str, *, version: str = "--public") -> Path:
    out = folder / f"minutes.{fmt}"
    assert cli.main(["export", str(book_path), "--meeting", "1", "--format", fmt, version,
                     "-o", str(out)]) == 0
    return out


def verify_file(book_path: Path, published: Path,
                capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    code = cli.main(["verify", str(book_path), "--file", str(published)])
    verdict, message = capsys.readouterr().out.rstrip("\n").split("\t")
    return code, verdict, message


def rewrite_zip_member(path: Path, member: str, change: Callable[[bytes], bytes]) -> None:
    with zipfile.ZipFile(path) as archive:
        entries = [(info, archive.read(info)) for info in archive.infolist()]
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for info, data in entries:
            archive.writestr(info, change(data) if info.filename == member else data)


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_a_published_file_carries_its_approval_and_is_verified(
        approved_book: Path, tmp_path: Path, fmt: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    published = publish(approved_book, tmp_path, fmt)
    with MinuteBook.open(approved_book) as book:
        info = approval.current_approval(book, 1)
    assert info is not None
    stamp = read_published(published.read_bytes()).stamp  # in the metadata
    assert stamp is not None and (stamp.digest, stamp.approved_by, stamp.public) == (
        info.digest, "Jackie Irvin", True)
    words = read_published(published.read_bytes()).words
    on = info.approved_at.date()
    assert stamp.text == (f"Approved by Jackie Irvin on {on.day} {MONTHS[on.month - 1]} "
                          f"{on.year}. Approval record SHA-256: {info.digest}")
    last = re.sub(r" Page \d+ of \d+$", "", words)  # the PDF's last footer follows
    assert last.endswith(stamp.text)  # the minutes' last line
    code, verdict, message = verify_file(approved_book, published, capsys)
    assert (code, verdict) == (0, "OK"), message
    assert message.startswith(f"minutes.{fmt} is the public version of the minutes approved "
                              "by Jackie Irvin on ")


def test_a_word_changed_in_the_published_file_is_found(
        approved_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    html = publish(approved_book, tmp_path, "html")
    page = html.read_text(encoding="utf-8")
    assert "Telford" in page
    html.write_text(page.replace("Telford", "Shrewsbury", 1), encoding="utf-8")
    docx = publish(approved_book, tmp_path, "docx")
    rewrite_zip_member(docx, "word/document.xml",
                       lambda xml: xml.replace(b"Telford", b"Shrewsbury", 1))
    for changed in (html, docx):
        code, verdict, message = verify_file(approved_book, changed, capsys)
        assert (code, verdict) == (cli.MISMATCH, "DIFFERS"), message
        assert "Shrewsbury" in message and "Telford" in message


def test_a_file_of_reopened_minutes_or_of_another_book(
        approved_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    pdf = publish(approved_book, tmp_path, "pdf")
    other = tmp_path / "other.minutebook"
    with MinuteBook.open(other) as book:
        interchange.load_demo(book)
    code, verdict, _ = verify_file(other, pdf, capsys)
    assert (code, verdict) == (cli.MISMATCH, "UNKNOWN")
    with MinuteBook.open(approved_book, actor="Jackie Irvin") as book:
        meetings.change_status(book, 1, Transition.REOPEN, "A name was misspelt.")
    code, verdict, message = verify_file(approved_book, pdf, capsys)
    assert (code, verdict) == (cli.MISMATCH, "WITHDRAWN")
    assert message.endswith("by Jackie Irvin: A name was misspelt.")
    draft = publish(approved_book, tmp_path, "html")
    code, verdict, _ = verify_file(approved_book, draft, capsys)
    assert (code, verdict) == (cli.MISMATCH, "UNSTAMPED")


@pytest.mark.parametrize("statement", ["UPDATE decision SET text = 'Nothing was decided.'",
                                       "UPDATE meeting SET status = 'draft'"])
def test_minutes_changed_in_the_book_after_publishing(
        approved_book: Path, tmp_path: Path, statement: str,
        capsys: pytest.CaptureFixture[str]) -> None:
    docx = publish(approved_book, tmp_path, "docx", version="--full")
    tamper(approved_book, statement)
    code, verdict, _ = verify_file(approved_book, docx, capsys)
    assert (code, verdict) == (cli.MISMATCH, "CHANGED")
