"""``minute-taker verify BOOK``: per approved meeting, does it still match its digest."""

from __future__ import annotations

import contextlib
import sqlite3
from pathlib import Path

import pytest

from minute_taker import cli
from minute_taker.domain.workflow import Transition
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
    # As a book approved before 0003 looks after upgrading: approved, no approval row.
    with contextlib.closing(sqlite3.connect(approved_book)) as raw:
        raw.execute("DELETE FROM approval")
        raw.commit()
    assert cli.main(["verify", str(approved_book)]) == 0
    out, _ = capsys.readouterr()
    first, summary = out.splitlines()
    assert first.startswith("UNRECORDED\t2017-10-31\tMonthly Assurance Meeting")
    assert "nothing to check against\tnow sha256 " in first
    assert summary == ("1 approved meeting(s) checked, 0 changed since approval, "
                       "1 approved with no record to check against.")
