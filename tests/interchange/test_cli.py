"""``minute-taker import | export-json | list``: in-process, and once as a real process."""

from __future__ import annotations

import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from interchange_support import snapshot, without_volatile

from minute_taker import cli
from minute_taker.services import interchange, meetings
from minute_taker.store.book import MinuteBook

Document = dict[str, Any]
ERROR = "minute-taker: error: "


@pytest.fixture
def demo_file(tmp_path: Path, demo: Document) -> Path:
    path = tmp_path / "demo.json"
    path.write_text(json.dumps(demo, ensure_ascii=False), encoding="utf-8")
    return path


def book_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if ".minutebook" in p.name)


def test_subcommands_are_exposed_for_the_entry_point() -> None:
    assert cli.SUBCOMMANDS == ("import", "export-json", "list", "verify", "export", "search",
                               "reindex", "import-agenda", "copy-book")


# --- import -------------------------------------------------------------------------------

def test_import_creates_the_book_and_prints_the_id(tmp_path: Path, demo_file: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    book_path = tmp_path / "new.minutebook"

    assert cli.main(["import", str(book_path), str(demo_file)]) == 0

    out, err = capsys.readouterr()
    assert (out, err) == ("1\n", "")
    with MinuteBook.open(book_path) as book:
        assert [m.title for m in meetings.list_meetings(book)] == [
            "Monthly Assurance Meeting – October 2017"]


def test_refused_file_creates_no_book(tmp_path: Path, demo: Document,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    demo["items"][2]["title"] = ""
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps(demo), encoding="utf-8")
    book_path = tmp_path / "never.minutebook"

    assert cli.main(["import", str(book_path), str(bad)]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err == (f"{ERROR}bad.json cannot be imported: "
                   "$.items[2].title: '' should be non-empty\n")
    assert book_files(tmp_path) == []


@pytest.mark.parametrize(("content", "message"), [
    (b"{not json", "bad.json is not valid JSON: Expecting property name enclosed in double "
                   "quotes at line 1, column 2."),
    (b'{"format": "minute-taker.meeting", "format_version": 7}',
     "bad.json cannot be imported: The file was written by a newer version of Minute Taker"),
    (b"\xff\xfe{}", "bad.json is not UTF-8 text"),
], ids=["syntax", "newer", "encoding"])
def test_unreadable_file_creates_no_book(tmp_path: Path, content: bytes, message: str,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / "bad.json"
    bad.write_bytes(content)

    assert cli.main(["import", str(tmp_path / "never.minutebook"), str(bad)]) == 1

    assert capsys.readouterr().err.startswith(ERROR + message)
    assert book_files(tmp_path) == []


def test_missing_file_creates_no_book(tmp_path: Path,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["import", str(tmp_path / "never.minutebook"),
                     str(tmp_path / "absent.json")]) == 1
    assert capsys.readouterr().err.startswith(f"{ERROR}There is no file ")
    assert book_files(tmp_path) == []


def test_importing_twice_is_refused_and_changes_nothing(
        book: MinuteBook, book_path: Path, demo_file: Path,
        capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["import", str(book_path), str(demo_file)]) == 0
    capsys.readouterr()
    before = snapshot(book)

    assert cli.main(["import", str(book_path), str(demo_file)]) == 1

    out, err = capsys.readouterr()
    assert out == ""
    assert err.startswith(f"{ERROR}This meeting is already in test.minutebook as meeting 1")
    assert snapshot(book) == before


def test_import_into_a_book_open_in_the_app_is_refused(
        book_path: Path, demo_file: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with MinuteBook.open(book_path, actor="Jackie Irvin", claim=True) as app_book:
        before = snapshot(app_book)
        assert cli.main(["import", str(book_path), str(demo_file)]) == 1
        err = capsys.readouterr().err
        assert err.startswith(f"{ERROR}test.minutebook is open read-only here")
        assert "open for editing by Jackie Irvin on this computer" in err
        assert snapshot(app_book) == before


def test_import_into_something_that_is_not_a_book(tmp_path: Path, demo_file: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("shopping list", encoding="utf-8")

    assert cli.main(["import", str(notes), str(demo_file)]) == 1

    assert "not a minute book" in capsys.readouterr().err
    assert notes.read_text(encoding="utf-8") == "shopping list"


def test_import_into_a_newer_book_is_refused(book_path: Path, demo_file: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    MinuteBook.open(book_path).close()
    with sqlite3.connect(book_path) as connection:
        connection.execute("UPDATE alembic_version SET version_num = 'from_the_future'")
    connection.close()

    assert cli.main(["import", str(book_path), str(demo_file)]) == 1

    assert "written by a newer version of Minute Taker" in capsys.readouterr().err
    assert book_path.exists()


# --- export-json --------------------------------------------------------------------------

def test_export_to_a_file(book: MinuteBook, book_path: Path, tmp_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    meeting_id = interchange.load_demo(book)
    out_path = tmp_path / "out.json"

    assert cli.main(["export-json", str(book_path), "--meeting", str(meeting_id),
                     "-o", str(out_path)]) == 0

    assert capsys.readouterr() == ("", "")
    written = json.loads(out_path.read_text(encoding="utf-8"))
    assert without_volatile(written) == without_volatile(
        interchange.export_meeting(book, meeting_id))


def test_export_to_stdout(book: MinuteBook, book_path: Path,
                          capsys: pytest.CaptureFixture[str]) -> None:
    meeting_id = interchange.load_demo(book)

    assert cli.main(["export-json", str(book_path), "--meeting", str(meeting_id),
                     "-o", "-"]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert "Monthly Assurance Meeting – October 2017" in out
    document = json.loads(out)
    assert without_volatile(document) == without_volatile(
        interchange.export_meeting(book, meeting_id))


def test_export_of_an_unknown_meeting_writes_nothing(book: MinuteBook, book_path: Path,
                                                     tmp_path: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    out_path = tmp_path / "out.json"

    assert cli.main(["export-json", str(book_path), "--meeting", "99",
                     "-o", str(out_path)]) == 1

    assert capsys.readouterr() == ("", f"{ERROR}No meeting with id 99.\n")
    assert not out_path.exists()


def test_export_from_a_missing_book_creates_nothing(tmp_path: Path,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export-json", str(tmp_path / "absent.minutebook"), "--meeting", "1",
                     "-o", str(tmp_path / "out.json")]) == 1

    assert capsys.readouterr().err.startswith(f"{ERROR}There is no minute book at ")
    assert sorted(os.listdir(tmp_path)) == []


# --- list ---------------------------------------------------------------------------------

def test_list_prints_one_tab_separated_line_a_meeting(book: MinuteBook, book_path: Path,
                                                     demo: Document,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    interchange.load_demo(book)
    demo["meeting"] |= {"uid": "11111111-2222-4333-8444-555555555555", "date": "2017-11-29",
                        "title": "November\tmeeting\nwith odd whitespace", "status": "in_review"}
    interchange.import_meeting(book, demo)

    assert cli.main(["list", str(book_path)]) == 0

    out, err = capsys.readouterr()
    assert err == ""
    assert out.splitlines() == [
        "2\t2017-11-29\tin_review\tMonthly Assurance Meeting\tNovember meeting with odd "
        "whitespace",
        "1\t2017-10-31\tdraft\tMonthly Assurance Meeting\t"
        "Monthly Assurance Meeting – October 2017",
    ]


def test_list_of_an_empty_file_is_refused_and_leaves_it_alone(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.minutebook"
    empty.touch()

    assert cli.main(["list", str(empty)]) == 1

    assert capsys.readouterr().err == f"{ERROR}empty.minutebook is an empty file, not a " \
                                      "minute book.\n"
    assert empty.stat().st_size == 0


# --- the command line itself --------------------------------------------------------------

@pytest.mark.parametrize("argv", [
    [],
    ["export-json", "book.minutebook"],
    ["export-json", "book.minutebook", "--meeting", "one"],
    ["import", "book.minutebook"],
    ["frobnicate"],
], ids=["nothing", "no-meeting", "bad-id", "no-file", "unknown"])
def test_bad_command_lines_exit_2(tmp_path: Path, argv: list[str],
                                  monkeypatch: pytest.MonkeyPatch,
                                  capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.chdir(tmp_path)

    assert cli.main(argv) == 2

    assert "usage: minute-taker" in capsys.readouterr().err
    assert os.listdir(tmp_path) == []


def test_help_exits_0(capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["import", "--help"]) == 0
    help_text = " ".join(capsys.readouterr().out.split())
    assert "usage: minute-taker import [-h] BOOK FILE.json" in help_text
    assert "Nothing is written unless the whole file is accepted" in help_text


# --- a real process -----------------------------------------------------------------------

def test_python_m_minute_taker_import_runs_without_a_window(tmp_path: Path,
                                                           demo_file: Path) -> None:
    """Through ``minute_taker/__main__.py``, as a user (or a script) runs it."""
    book_path = tmp_path / "real.minutebook"
    env = {**os.environ, "MINUTE_TAKER_HOME": str(tmp_path / "home"),
           "QT_QPA_PLATFORM": "offscreen", "PYTHONIOENCODING": "utf-8"}

    done = subprocess.run([sys.executable, "-m", "minute_taker", "import", str(book_path),
                           str(demo_file)], capture_output=True, text=True, env=env,
                          timeout=120, check=False)

    assert (done.returncode, done.stdout, done.stderr) == (0, "1\n", "")
    again = subprocess.run([sys.executable, "-m", "minute_taker", "import", str(book_path),
                            str(demo_file)], capture_output=True, text=True, env=env,
                           timeout=120, check=False)
    assert again.returncode == 1
    assert again.stderr.startswith(ERROR)
    assert "PySide6" not in again.stderr
