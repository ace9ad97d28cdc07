"""``minute-taker import-agenda BOOK --meeting ID AGENDA`` (issue 21): an agenda file into
a draft meeting; --dry-run changes nothing; a damaged Word or PDF file, a missing file
and a file with no agenda are refused with a reason and nothing written."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker import cli
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook

AGENDA = ("233.\tApologies\n234.\tBudget monitoring report\n\tPresenter: CEX\n"
          "\tReport PDF 182 KB\n235.\tWork programme\n\ta) Panel work programme 2018\n")


@pytest.fixture
def book_with_meeting(tmp_path: Path) -> tuple[Path, int]:
    path = tmp_path / "Panel.minutebook"
    with MinuteBook.open(path) as book:
        committee = committees.create_committee(book, "Panel", standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "February", dt.date(2018, 2, 6))
    return path, meeting.id


def titles(path: Path, meeting_id: int) -> list[str]:
    with MinuteBook.open(path) as book:
        return [f"{node.number} {node.title}" for node in agenda.list_items(book, meeting_id)]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_a_text_agenda_is_imported_and_printed(
        book_with_meeting: tuple[Path, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, meeting_id = book_with_meeting
    agenda_file = tmp_path / "agenda.txt"
    agenda_file.write_text(AGENDA, encoding="utf-8")
    status, out, _ = run(capsys, "import-agenda", str(path), str(agenda_file), "--meeting",
                         str(meeting_id), "--dry-run")
    assert status == 0
    assert out.splitlines() == ["233\tApologies",
                                "234\tBudget monitoring report\t(presenter CEX; 1 paper)",
                                "235\tWork programme", "    a\tPanel work programme 2018"]
    assert titles(path, meeting_id) == []  # a dry run changes nothing

    status, _, err = run(capsys, "import-agenda", str(path), str(agenda_file), "--meeting",
                         str(meeting_id))
    assert status == 0 and "4 items and 1 papers added" in err
    assert titles(path, meeting_id) == ["1 Apologies", "2 Budget monitoring report",
                                        "3 Work programme", "3.1 Panel work programme 2018"]


def test_a_csv_agenda_in_the_windows_code_page(
        book_with_meeting: tuple[Path, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    path, meeting_id = book_with_meeting
    agenda_file = tmp_path / "agenda.csv"
    agenda_file.write_bytes("Number,Title\n1,Caf\u00e9 licensing \u2013 review\n"
                            .encode("cp1252"))
    status, _, _ = run(capsys, "import-agenda", str(path), str(agenda_file), "--meeting",
                       str(meeting_id))
    assert status == 0
    assert titles(path, meeting_id) == ["1 Caf\u00e9 licensing \u2013 review"]


@pytest.mark.parametrize(("content", "says"), [
    (b"%PDF-1.7\n...", "could not be read as a PDF"),
    (b"PK\x03\x04\x14\x00", "could not be read as a Word document"),
    (b"Dear all,\nplease find the papers attached.\n", "No agenda items"),
    (None, "There is no file"),
])
def test_what_cannot_be_imported_is_refused_and_nothing_written(
        book_with_meeting: tuple[Path, int], tmp_path: Path,
        capsys: pytest.CaptureFixture[str], content: bytes | None, says: str) -> None:
    path, meeting_id = book_with_meeting
    agenda_file = tmp_path / "agenda.docx"
    if content is not None:
        agenda_file.write_bytes(content)
    status, out, err = run(capsys, "import-agenda", str(path), str(agenda_file), "--meeting",
                           str(meeting_id))
    assert status == 1 and says in err and "Traceback" not in err
    assert out == ""
    assert titles(path, meeting_id) == []
