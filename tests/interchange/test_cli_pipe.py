"""A reader that stops early (``minute-taker list BOOK | head``) ends the command quietly,
with status 141 (128 + SIGPIPE) and nothing on standard error, for every subcommand that
writes to standard output. Real processes and real pipes: the fault only shows when the
interpreter writes to a pipe whose reader has gone."""

from __future__ import annotations

import datetime as dt
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from interchange_support import build_rich_meeting

from minute_taker import cli
from minute_taker.services import committees, interchange
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import Meeting

# Far more than a pipe holds (64 KiB on Linux), so the command is still writing when the
# reader closes its end, however the scheduler runs the two processes.
MEETINGS = 4000
TITLE = "Monthly Assurance Meeting of the Overview and Scrutiny Committee " * 3


def environment(tmp_path: Path) -> dict[str, str]:
    return {**os.environ, "MINUTE_TAKER_HOME": str(tmp_path / "home"),
            "PYTHONIOENCODING": "utf-8"}


def command(*argv: str) -> list[str]:
    return [sys.executable, "-m", "minute_taker", *argv]


@pytest.fixture
def big_book(book_path: Path) -> Path:
    """A book with thousands of meetings, and the rich one with every part of the format."""
    with MinuteBook.open(book_path) as book:
        build_rich_meeting(book)
        board = committees.create_committee(book, "Board")
        with book.unit_of_work() as session:
            session.add_all(Meeting(committee_id=board.id, title=f"{TITLE}{n}",
                                    date=dt.date(2000, 1, 1) + dt.timedelta(days=n))
                            for n in range(MEETINGS))
    return book_path


def test_list_into_a_reader_that_takes_one_line(big_book: Path, tmp_path: Path) -> None:
    with subprocess.Popen(command("list", str(big_book)), stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE, env=environment(tmp_path)) as child:
        assert child.stdout is not None and child.stderr is not None
        first = child.stdout.readline()
        child.stdout.close()
        stderr = child.stderr.read()
        status = child.wait(timeout=120)

    assert first.count(b"\t") == 4  # one whole line of the list
    assert (status, stderr.decode()) == (cli.STDOUT_CLOSED, "")


@pytest.mark.parametrize("argv", [
    ["list", "{book}"],
    ["export-json", "{book}", "--meeting", "2"],
    ["verify", "{book}"],
    ["export", "{book}", "--meeting", "2", "--format", "md", "--full", "-o", "{out}"],
    ["import", "{new}", "{file}"],
])
def test_every_subcommand_into_a_pipe_already_closed(big_book: Path, tmp_path: Path,
                                                     argv: list[str]) -> None:
    """The reader is gone before the command writes a byte: its first write fails."""
    meeting_file = tmp_path / "meeting.json"
    with MinuteBook.open(big_book) as book:
        interchange.export_meeting_file(book, 2, meeting_file)
    names = {"book": str(big_book), "out": str(tmp_path / "minutes.md"),
             "new": str(tmp_path / "new.minutebook"), "file": str(meeting_file)}
    read_end, write_end = os.pipe()
    os.close(read_end)
    try:
        done = subprocess.run(command(*(arg.format(**names) for arg in argv)),
                              stdout=write_end, stderr=subprocess.PIPE,
                              env=environment(tmp_path), timeout=120, check=False)
    finally:
        os.close(write_end)

    assert (done.returncode, done.stderr.decode()) == (cli.STDOUT_CLOSED, "")


def test_output_still_complete_when_the_reader_reads_it_all(big_book: Path,
                                                           tmp_path: Path) -> None:
    done = subprocess.run(command("export-json", str(big_book), "--meeting", "2"),
                          capture_output=True, env=environment(tmp_path), timeout=120,
                          check=False)

    assert (done.returncode, done.stderr) == (0, b"")
    assert json.loads(done.stdout)["meeting"]["title"] == "Overview and Scrutiny – March 2024"
