"""The command line on a team book (issue 22): BOOK may be a PostgreSQL URL. The same
meeting imported into a file and into a team book lists, exports (JSON and every text
format of the minutes, byte for byte; PDF and DOCX, which are stamped when made, as
files), verifies and searches the same; reading commands change nothing (the server
holds them to read-only transactions); no message ever holds the password."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect

from minute_taker import cli
from minute_taker.domain.workflow import Transition
from minute_taker.services import interchange, meetings
from minute_taker.store.book import MinuteBook

pytestmark = pytest.mark.postgresql

TEXT_FORMATS = ("md", "txt", "html", "csv", "ics")


def approved_sample(tmp_path: Path) -> Path:
    """The sample meeting, approved, as an interchange file."""
    with MinuteBook.open(tmp_path / "made.minutebook") as book:
        interchange.load_demo(book)
        [meeting] = meetings.list_meetings(book)
        for transition in (Transition.SEND_FOR_REVIEW, Transition.APPROVE):
            meetings.change_status(book, meeting.id, transition)
        path = tmp_path / "sample.json"
        path.write_text(interchange.dumps(interchange.export_meeting(book, meeting.id)),
                        encoding="utf-8")
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_a_team_book_answers_the_commands_as_a_file_does(
        tmp_path: Path, team_location: str, capsys: pytest.CaptureFixture[str]) -> None:
    sample = approved_sample(tmp_path)
    file_book = str(tmp_path / "Panel.minutebook")
    books = {"file": file_book, "team": team_location}
    ids = {}
    for name, book in books.items():
        code, out, err = run(capsys, "import", book, str(sample))
        assert code == 0, err
        ids[name] = out.strip()
    listed = {name: run(capsys, "list", book)[1] for name, book in books.items()}
    assert listed["file"] == listed["team"] and "approved" in listed["team"]

    exported = {}
    for name, book in books.items():
        target = tmp_path / f"{name}.json"
        assert run(capsys, "export-json", book, "--meeting", ids[name], "-o", str(target))[0] == 0
        document = json.loads(target.read_text(encoding="utf-8"))
        document.pop("exported_at")
        exported[name] = document
    assert exported["file"] == exported["team"]

    for fmt in TEXT_FORMATS:
        written = {}
        for name, book in books.items():
            target = tmp_path / f"{name}.{fmt}"
            code, _out, err = run(capsys, "export", book, "--meeting", ids[name], "--format",
                                  fmt, "--public", "-o", str(target))
            assert code == 0, (fmt, err)
            # A calendar's DTSTAMP is when it was written: the one thing allowed to differ.
            written[name] = re.sub(rb"DTSTAMP:\d{8}T\d{6}Z", b"DTSTAMP:-", target.read_bytes())
        assert written["file"] == written["team"], fmt

    for fmt, magic in (("pdf", b"%PDF-"), ("docx", b"PK")):  # stamped when made: as files
        target = tmp_path / f"team.{fmt}"
        code, _out, err = run(capsys, "export", team_location, "--meeting", ids["team"],
                              "--format", fmt, "--public", "-o", str(target))
        assert code == 0 and target.read_bytes().startswith(magic), (fmt, err)

    for name, book in books.items():
        code, out, _err = run(capsys, "verify", book)
        assert code == 0 and out.startswith("OK"), (name, out)


def test_a_team_book_is_searched_as_a_file_is(
        tmp_path: Path, team_location: str, capsys: pytest.CaptureFixture[str]) -> None:
    """The same meeting in a file and a team book: every query finds the same entries,
    in the same order (their snippets are each index's own); reindex rebuilds the team
    book's index, which then finds them still."""
    sample = approved_sample(tmp_path)
    books = {"file": str(tmp_path / "Panel.minutebook"), "team": team_location}
    for book in books.values():
        assert run(capsys, "import", book, str(sample))[0] == 0
    assert run(capsys, "reindex", team_location)[0] == 0
    for query in ("DCC", "burglary outcomes", '"hate crime"', "polic*", "owner:DCC",
                  "report -burglary", "kind:decisions", "Telford after:2017-10-01"):
        found = {}
        for name, book in books.items():
            code, out, err = run(capsys, "search", book, query, "--json")
            assert code == 0, (query, err)
            found[name] = [(hit["kind"], hit["item_number"], hit["item_title"])
                           for hit in json.loads(out)]
        # The same entries; within a meeting, best match first by each index's own rank.
        assert sorted(found["file"]) == sorted(found["team"]), query
        assert found["team"] or query == "kind:decisions", query


def test_a_team_books_password_is_never_said(
        team_location: str, capsys: pytest.CaptureFixture[str]) -> None:
    secret = team_location.replace("minute_taker@", "minute_taker:s3cret@")
    missing = re.sub(r"/book_\d+", "/no_such_book", secret)
    for argv in (["search", missing, "budget"], ["reindex", missing], ["reindex", secret]):
        code, _out, err = run(capsys, *argv)
        assert code == 1 and ("Cannot open the team book" in err
                              or "There is no minute book in" in err), err
        assert "s3cret" not in err


def test_a_command_that_changes_a_book_leaves_an_empty_database_empty(
        team_location: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """import-agenda and reindex need a book there; only import starts one."""
    agenda_file = tmp_path / "agenda.txt"
    agenda_file.write_text("1. Apologies\n2. Budget\n", encoding="utf-8")
    for argv in (["import-agenda", team_location, str(agenda_file), "--meeting", "1"],
                 ["reindex", team_location]):
        code, _out, err = run(capsys, *argv)
        assert code == 1 and "There is no minute book in" in err, err
    engine = create_engine(team_location.replace("postgresql://", "postgresql+psycopg://"))
    try:
        with engine.connect() as connection:
            assert not inspect(connection).get_table_names()
    finally:
        engine.dispose()
