"""``minute-taker search BOOK QUERY`` and ``minute-taker reindex BOOK`` (issue 20)."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest

from minute_taker import cli
from minute_taker.services import interchange
from minute_taker.store.book import MinuteBook
from minute_taker.store.search_index import ENTRY_TABLE


@pytest.fixture
def demo_book(tmp_path: Path) -> Path:
    path = tmp_path / "Demo.minutebook"
    with MinuteBook.open(path) as book:
        interchange.load_demo(book)
    return path


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    status = cli.main(list(argv))
    out, err = capsys.readouterr()
    return status, out, err


def test_one_result_a_line(demo_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", str(demo_book), "HMICFRS")
    assert status == 0
    lines = out.splitlines()
    assert len(lines) == 2
    for line in lines:
        date, number, kind, snippet = line.split("\t")
        assert date == "2017-10-31" and number and kind == "notes"
        assert "[HMICFRS]" in snippet


def test_json_for_scripts(demo_book: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run(capsys, "search", str(demo_book), "owner:DCC", "--status", "open",
                         "--json")
    assert status == 0
    results = json.loads(out)
    assert results and {r["kind"] for r in results} == {"actions"}
    first = results[0]
    assert set(first) >= {"meeting_id", "meeting_date", "committee", "item_id", "item_number",
                          "item_title", "kind", "snippet", "matches", "rank"}
    assert "\x02" not in first["snippet"]


def test_filters_on_the_command_line(demo_book: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    book = str(demo_book)
    everything = run(capsys, "search", book, "DCC")[1].splitlines()
    decisions = run(capsys, "search", book, "DCC", "--kind", "decisions")[1].splitlines()
    assert decisions and len(decisions) < len(everything)
    assert all(line.split("\t")[2] == "decisions" for line in decisions)
    assert run(capsys, "search", book, "DCC", "--from", "2018-01-01")[1] == ""
    assert run(capsys, "search", book, "DCC", "--to", "2017-10-31")[1] != ""
    assert run(capsys, "search", book, "DCC", "--committee", "no such")[1] == ""


@pytest.mark.parametrize("query", ['"unbalanced', "-", "NEAR(", "a AND OR", "^x:{y}", ""])
def test_a_malformed_query_is_no_error(demo_book: Path, capsys: pytest.CaptureFixture[str],
                                       query: str) -> None:
    status, _, err = run(capsys, "search", str(demo_book), query)
    assert status == 0 and err == ""


def test_a_bad_date_is_a_usage_error(demo_book: Path,
                                     capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "search", str(demo_book), "x", "--from", "31/01/2018")
    assert status == 2 and "not a date" in err


def test_search_never_changes_the_book(demo_book: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    before = demo_book.read_bytes()
    run(capsys, "search", str(demo_book), "DCC")
    assert demo_book.read_bytes() == before


def test_reindex_rebuilds_the_index(demo_book: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    with sqlite3.connect(demo_book) as db:
        db.execute(f"DELETE FROM {ENTRY_TABLE}")
    db.close()
    assert run(capsys, "search", str(demo_book), "HMICFRS")[1] == ""
    status, out, _ = run(capsys, "reindex", str(demo_book))
    assert status == 0 and "entries indexed" in out
    assert run(capsys, "search", str(demo_book), "HMICFRS")[1].count("\n") == 2


def test_reindex_refuses_a_missing_book(tmp_path: Path,
                                        capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run(capsys, "reindex", str(tmp_path / "none.minutebook"))
    assert status == 1 and "no minute book" in err
    assert not (tmp_path / "none.minutebook").exists()
