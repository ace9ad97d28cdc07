"""One export through the rules every format obeys, from the book and the command line."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest
from calendar_check import read_calendar

from minute_taker import cli
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.workflow import Transition
from minute_taker.export import formats
from minute_taker.services import actions, agenda, interchange, meetings, publishing
from minute_taker.store.book import MinuteBook

ERROR = "minute-taker: error: "


@pytest.fixture
def demo_book(tmp_path: Path) -> Path:
    path = tmp_path / "panel.minutebook"
    with MinuteBook.open(path, actor="Jackie Irvin") as book:
        interchange.load_demo(book)
    return path


def request(fmt: str, public: bool | None = True, **kw: object) -> formats.ExportRequest:
    return formats.ExportRequest(meeting_id=1, fmt=fmt, public=public, **kw)  # type: ignore[arg-type]


def test_cli_formats_match_the_exporters() -> None:
    assert tuple(formats.FORMATS) == cli.FORMAT_NAMES


def test_a_meeting_with_confidential_items_needs_the_choice(demo_book: Path,
                                                            tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book, \
            pytest.raises(ValidationError, match="choose the public version"):
        publishing.export(book, request("html", None), tmp_path / "x.html")
    assert not (tmp_path / "x.html").exists()


def test_without_confidential_items_no_choice_is_needed(demo_book: Path,
                                                        tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book:
        for item in agenda.list_items(book, 1):
            if item.confidential:
                agenda.update_item(book, item.id, confidential=False)
        result = publishing.export(book, request("md", None), tmp_path / "x.md")
    assert result.public and result.draft
    assert "NOT FOR PUBLICATION" not in (tmp_path / "x.md").read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", list(formats.FORMATS))
def test_every_format_replaces_the_file_whole_and_owner_only(
        qapp, demo_book: Path, tmp_path: Path, fmt: str,  # type: ignore[no-untyped-def]
        monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    monkeypatch.setattr(os, "umask", os.umask)  # restored after the test
    os.umask(0o022)
    target = tmp_path / "out" / f"minutes.{fmt}"
    target.parent.mkdir()
    target.write_bytes(b"the earlier export")
    with MinuteBook.open(demo_book) as book:
        publishing.export(book, request(fmt), target)
    assert target.read_bytes() != b"the earlier export"
    assert target.stat().st_mode & 0o777 == 0o600  # minutes are private until published
    assert [p.name for p in target.parent.iterdir()] == [target.name]


def test_html_export_is_one_self_contained_safe_page(demo_book: Path, tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book:
        item = agenda.list_items(book, 1)[0]
        agenda.set_item_minutes(book, item.id, '<p><script>alert(1)</script>'
                                '<img src=x onerror="alert(2)">Hello</p>')
        agenda.update_item(book, item.id, title="<script>alert(3)</script>")
        publishing.export(book, request("html"), tmp_path / "m.html")
    page = (tmp_path / "m.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>")
    assert "<script" not in page and "onerror" not in page
    assert "&lt;script&gt;alert(3)&lt;/script&gt;" in page
    assert "<link" not in page and 'src="http' not in page  # nothing fetched from outside


def test_drafts_stay_drafts_and_approved_minutes_do_not(demo_book: Path,
                                                        tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book:
        assert publishing.export(book, request("txt"), tmp_path / "d.txt").draft
        meetings.change_status(book, 1, Transition.SEND_FOR_REVIEW)
        meetings.change_status(book, 1, Transition.APPROVE)
        assert not publishing.export(book, request("txt"), tmp_path / "a.txt").draft
    assert "DRAFT" in (tmp_path / "d.txt").read_text(encoding="utf-8")
    assert "DRAFT" not in (tmp_path / "a.txt").read_text(encoding="utf-8")


def test_outstanding_actions_across_the_committee(demo_book: Path, tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book:
        publishing.export(book, request("csv", outstanding=True), tmp_path / "o.csv")
        publishing.export(book, request("ics", outstanding=True), tmp_path / "o.ics")
    data = (tmp_path / "o.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows[0][0] == "Committee" and len(rows) > 5
    assert (tmp_path / "o.ics").read_text(encoding="utf-8").startswith("BEGIN:VCALENDAR")
    with MinuteBook.open(demo_book) as book:
        rows = actions.list_committee_actions(book, 1, outstanding_only=True)
    events = read_calendar((tmp_path / "o.ics").read_bytes())
    assert sorted(e.uid for e in events) == \
        sorted(f"{r.action.uid}@minute-taker" for r in rows if r.action.due_date)
    assert {e.uid: e.start for e in events} == \
        {f"{r.action.uid}@minute-taker": r.action.due_date for r in rows if r.action.due_date}


def _undated(book: MinuteBook) -> None:
    for action in actions.list_actions(book, 1):
        actions.update_action(book, action.id, due_date=None)


def test_a_calendar_of_no_dated_action_is_refused_and_nothing_written(
        demo_book: Path, tmp_path: Path) -> None:
    target = tmp_path / "actions.ics"
    target.write_bytes(b"the earlier export")
    with MinuteBook.open(demo_book) as book:
        _undated(book)
        # Refused when the export is prepared: the dialog says so before Export is pressed.
        with pytest.raises(ValidationError, match="None of these actions has a due date"):
            publishing.prepare(book, request("ics"))
        with pytest.raises(ValidationError, match="no iCalendar file was written"):
            publishing.export(book, request("ics"), target)
        assert publishing.export(book, request("csv"), tmp_path / "a.csv").path.exists()
    assert target.read_bytes() == b"the earlier export"
    assert [p.name for p in tmp_path.iterdir() if "actions" in p.name] == ["actions.ics"]


def test_outstanding_only_for_action_formats(demo_book: Path, tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book, pytest.raises(ValidationError, match="csv or ics"):
        publishing.export(book, request("pdf", outstanding=True), tmp_path / "x.pdf")


def test_unknown_style_is_refused_with_the_known_ones(demo_book: Path,
                                                      tmp_path: Path) -> None:
    with MinuteBook.open(demo_book) as book, \
            pytest.raises(ValidationError, match="known: action-notes, committee-minutes"):
        publishing.export(book, request("html", style="fancy"), tmp_path / "x.html")


def test_suggested_names_say_what_the_file_is(demo_book: Path) -> None:
    with MinuteBook.open(demo_book) as book:
        document = interchange.export_meeting(book, 1)
    assert formats.suggested_name(document, request("pdf")) == \
        "Monthly Assurance Meeting 2017-10-31 minutes (public, DRAFT).pdf"
    assert formats.suggested_name(document, request("csv", outstanding=True)) == \
        "Monthly Assurance Meeting 2017-10-31 outstanding actions.csv"


# --- command line ---------------------------------------------------------------------------

def test_cli_export_writes_the_file(demo_book: Path, tmp_path: Path,
                                    capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "minutes.md"
    code = cli.main(["export", str(demo_book), "--meeting", "1", "--format", "md", "--public",
                     "-o", str(out)])
    assert code == 0, capsys.readouterr().err
    assert capsys.readouterr().out.strip() == f"{out} (action-notes, draft, public)"
    assert out.read_text(encoding="utf-8").startswith("**DRAFT")


@pytest.mark.parametrize(("args", "message"), [
    (["--format", "md", "-o", "OUT"], "choose the public version"),
    (["--format", "md", "--public", "--style", "fancy", "-o", "OUT"], "no house style"),
    (["--format", "md", "--public", "-o", "FOLDER"], "is a folder"),
    (["--format", "md", "--public", "-o", "MISSING/x.md"], "cannot write"),
])
def test_cli_export_refusals(demo_book: Path, tmp_path: Path, args: list[str], message: str,
                             capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "blocked").write_text("a file where a folder should be")
    args = [a.replace("OUT", str(tmp_path / "x.md")).replace("FOLDER", str(tmp_path))
            .replace("MISSING", str(tmp_path / "blocked")) for a in args]
    assert cli.main(["export", str(demo_book), "--meeting", "1", *args]) == 1
    assert message in capsys.readouterr().err


def test_cli_export_says_why_no_calendar_was_written(
        demo_book: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with MinuteBook.open(demo_book) as book:
        _undated(book)
    out = tmp_path / "actions.ics"
    assert cli.main(["export", str(demo_book), "--meeting", "1", "--format", "ics",
                     "--public", "-o", str(out)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(ERROR + "None of these actions has a due date")
    assert "no iCalendar file was written" in err and not out.exists()


def test_cli_export_bad_arguments_exit_2(demo_book: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    assert cli.main(["export", str(demo_book), "--meeting", "1", "--format", "odt",
                     "-o", "x"]) == 2
    assert "invalid choice: 'odt'" in capsys.readouterr().err
    assert cli.main(["export", str(demo_book), "--meeting", "1", "--format", "md",
                     "--public", "--full", "-o", "x"]) == 2
