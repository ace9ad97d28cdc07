"""Matters arising: actions carried from an earlier meeting come out, in every format and
both house styles, with the update the meeting heard and their status, and where they were
first raised; a done action no longer reads as an open ``ACTION:``, a dropped one says so.
The committee's outstanding list carries each one's latest update and origin.

The meetings are built through the services, as the clerk builds them: actions raised on
10 January 2026 (item 2), carried into 7 February 2026 under "Matters arising" and
reported on there (one done, one still open, one dropped), the open one carried again
into 7 March 2026 with nothing said of it yet.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from pathlib import Path
from typing import Final

import pytest
from calendar_check import read_calendar
from nothing_lost_support import docx_blocks, html_blocks, markdown_blocks, pdf_pages, txt_blocks

from minute_taker.domain.enums import ActionStatus
from minute_taker.export import formats
from minute_taker.export.action_lists import CSV_COLUMNS
from minute_taker.services import actions, agenda, committees, meetings, publishing
from minute_taker.store.book import MinuteBook

SHARE: Final = "Share the Telford plan with the PCC's office"
REMODEL: Final = "Report the complaints remodelling via AGG"
REVIEW: Final = "Review CSP analyst support"
SHARED: Final = "Shared on 2 February & acknowledged."
UNDER_WAY: Final = "Remodelling under way; report due in March."
WITHDRAWN: Final = "No longer needed: the review was withdrawn."
ORIGIN: Final = "Arising from the meeting of 10 January 2026, item 2."
STYLES: Final = ("committee-minutes", "action-notes")
MINUTES_FORMATS: Final = ("html", "md", "txt", "docx", "pdf")


def _build(folder: Path) -> tuple[Path, int, int]:
    """The book, the February meeting (that reports the actions) and the March one."""
    path = folder / "assurance.minutebook"
    with MinuteBook.open(path, actor="Policy Officer") as book:
        committee = committees.create_committee(book, "Monthly Assurance Meeting",
                                                standing_items=[])
        january = meetings.create_meeting(book, committee.id, "Assurance meeting",
                                          dt.date(2026, 1, 10))
        agenda.add_item(book, january.id, "Apologies")
        held = agenda.add_item(book, january.id, "Holding to account")
        raised = [actions.capture_action(book, january.id, f"{text}.", owner_text=owner,
                                         item_id=held.id, due_date=due)
                  for text, owner, due in ((SHARE, "DCC", dt.date(2026, 1, 31)),
                                           (REMODEL, "DCC", None), (REVIEW, "ACC", None))]
        february = meetings.create_meeting(book, committee.id, "Assurance meeting",
                                           dt.date(2026, 2, 7))
        arising = agenda.add_item(book, february.id, "Matters arising")
        carried = actions.carry_forward(book, february.id, [a.id for a in raised], arising.id)
        for row, status, update in ((carried[0], ActionStatus.DONE, SHARED),
                                    (carried[1], ActionStatus.OPEN, UNDER_WAY),
                                    (carried[2], ActionStatus.DROPPED, WITHDRAWN)):
            actions.update_action(book, row.id, status=status, update=update)
        march = meetings.create_meeting(book, committee.id, "Assurance meeting",
                                        dt.date(2026, 3, 7))
        again = agenda.add_item(book, march.id, "Matters arising")
        actions.carry_forward(book, march.id, [carried[1].id], again.id)
    return path, february.id, march.id


@pytest.fixture(scope="module")
def book(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, int]:
    return _build(tmp_path_factory.mktemp("matters-arising"))


def _export(path: Path, meeting_id: int, fmt: str, out: Path, *, style: str | None = None,
            outstanding: bool = False) -> Path:
    with MinuteBook.open(path) as book:
        request = formats.ExportRequest(meeting_id=meeting_id, fmt=fmt, public=True,
                                        style=style, outstanding=outstanding)
        name = f"{style or 'actions'}{'-outstanding' if outstanding else ''}.{fmt}"
        return publishing.export(book, request, out / name).path


def _read(path: Path, fmt: str) -> str:
    """The file's text as a reader sees it, white space as one space (none in a PDF,
    whose lines break where they will)."""
    if fmt == "pdf":
        return "".join("".join(pdf_pages(path)).split())
    if fmt == "docx":
        blocks = docx_blocks(path.read_bytes())
    else:
        text = path.read_text(encoding="utf-8")
        blocks = {"html": html_blocks, "md": markdown_blocks, "txt": txt_blocks}[fmt](text)
    return " ".join(" ".join(blocks).split())


def _has(text: str, fmt: str, words: str) -> bool:
    return ("".join(words.split()) if fmt == "pdf" else words) in text


NARRATIVE: Final = (
    f"DONE: DCC \u2013 {SHARE} (due 31 January 2026). {ORIGIN} Update: {SHARED}",
    f"ACTION: DCC \u2013 {REMODEL}. {ORIGIN} Update: {UNDER_WAY}",
    f"DROPPED: ACC \u2013 {REVIEW}. {ORIGIN} Update: {WITHDRAWN}",
)
ACTION_NOTES: Final = (  # the list under the item, then the actions log's Update column
    f"{SHARE} (due 31 January 2026). {ORIGIN} Update: {SHARED} Done.",
    f"{REMODEL}. {ORIGIN} Update: {UNDER_WAY}",
    f"{REVIEW}. {ORIGIN} Update: {WITHDRAWN} Dropped.",
    f"Done: {SHARED}", f"Open: {UNDER_WAY}", f"Dropped: {WITHDRAWN}",
)


@pytest.mark.parametrize("fmt", MINUTES_FORMATS)
@pytest.mark.parametrize("style", STYLES)
def test_the_meeting_reports_each_carried_action(book: tuple[Path, int, int], fmt: str,
                                                 style: str, tmp_path: Path) -> None:
    path, february, _ = book
    text = _read(_export(path, february, fmt, tmp_path, style=style), fmt)
    # Plain text and Markdown lay both styles out as narrative minutes.
    narrative = style == "committee-minutes" or fmt in ("md", "txt")
    for words in NARRATIVE if narrative else ACTION_NOTES:
        assert _has(text, fmt, words), f"{words!r} not in {text[-1500:]!r}"
    # Only the open one is still owed.
    owed = re.findall(r"ACTION:(?:\*\*)?DCC" if fmt == "pdf" else
                      r"ACTION:(?:\*\*)? [A-Z]+ \u2013 (\w+)", text)
    assert len(owed) == (1 if narrative else 0), owed


def test_the_actions_log_has_an_update_column_only_when_an_action_is_reported_on(
        book: tuple[Path, int, int], tmp_path: Path) -> None:
    path, february, march = book
    pages = {}
    for name, meeting_id in (("january", february - 1), ("february", february),
                             ("march", march)):
        (tmp_path / name).mkdir()
        pages[name] = _export(path, meeting_id, "html", tmp_path / name,
                              style="action-notes").read_text("utf-8")
    # January raised the actions and said nothing more of them: the log is as it was.
    assert ">Update</th>" not in pages["january"] and "Arising from" not in pages["january"]
    assert ">Update</th>" in pages["february"]
    # March has the carried action, nothing yet said of it: it still says where it arose.
    assert ">Update</th>" in pages["march"] and ORIGIN in pages["march"]


def test_the_outstanding_list_gives_the_latest_update_and_where_it_was_raised(
        book: tuple[Path, int, int], tmp_path: Path) -> None:
    path, _, march = book
    (tmp_path / "march").mkdir()
    data = _export(path, march, "csv", tmp_path / "march", outstanding=True).read_bytes()
    rows = [dict(zip(CSV_COLUMNS, row, strict=True))
            for row in list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]]
    # The done and dropped actions are not outstanding; the open one is listed once, as
    # its March copy, with February's update (dated, as March has heard none yet).
    assert [(r["Action"], r["Meeting date"], r["Status"], r["Update"], r["Raised on"],
             r["Raised at item"]) for r in rows] == [
        (f"{REMODEL}.", "2026-03-07", "open", f"7 February 2026: {UNDER_WAY}", "2026-01-10",
         "2")]


def test_the_calendar_says_where_a_carried_action_was_raised(
        book: tuple[Path, int, int], tmp_path: Path) -> None:
    path, february, _ = book
    events = read_calendar(_export(path, february, "ics", tmp_path).read_text("utf-8"))
    [event] = events  # only the Telford plan has a due date
    description = event.description
    assert "Raised at the meeting of 10 January 2026, item 2." in description
    assert "Status: done." in description and f"Update: {SHARED}" in description


def test_the_meetings_own_action_list_says_where_each_was_raised(
        book: tuple[Path, int, int], tmp_path: Path) -> None:
    path, february, _ = book
    data = _export(path, february, "csv", tmp_path).read_bytes()
    rows = [dict(zip(CSV_COLUMNS, row, strict=True))
            for row in list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))[1:]]
    assert [(r["Status"], r["Update"], r["Raised on"], r["Raised at item"]) for r in rows] == [
        ("done", SHARED, "2026-01-10", "2"), ("open", UNDER_WAY, "2026-01-10", "2"),
        ("dropped", WITHDRAWN, "2026-01-10", "2")]
