"""Action lists: CSV for spreadsheets (formula-safe) and iCalendar for diaries."""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
from typing import Any

import pytest
from calendar_check import read_calendar

from minute_taker.domain.errors import ValidationError
from minute_taker.export.action_lists import (
    CSV_COLUMNS,
    actions_csv,
    actions_ics,
    lines_from_document,
)
from minute_taker.services import interchange


@pytest.fixture
def demo() -> dict[str, Any]:
    return copy.deepcopy(interchange.demo_document())


def test_csv_has_a_header_and_one_row_per_action(demo: dict[str, Any]) -> None:
    lines = lines_from_document(demo, public=False)
    rows = list(csv.reader(io.StringIO(actions_csv(lines))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert len(rows) == 1 + len(demo["actions"])
    first = dict(zip(CSV_COLUMNS, rows[1], strict=True))
    assert first["Committee"] == "Monthly Assurance Meeting"
    assert first["Meeting date"] == "2017-10-31"
    assert first["Item"] == "1.1" and first["Owner"] == "DCC"
    assert first["Due (as minuted)"] == "in two months"


def test_csv_cells_that_look_like_formulas_stay_text(demo: dict[str, Any]) -> None:
    demo["actions"][0]["text"] = '=HYPERLINK("http://evil","click")'
    demo["actions"][0]["owner_text"] = "@SUM(A1)"
    rows = list(csv.reader(io.StringIO(actions_csv(lines_from_document(demo, public=False)))))
    assert rows[1][4] == "'=HYPERLINK(\"http://evil\",\"click\")"
    assert rows[1][5] == "'@SUM(A1)"


def test_public_lists_leave_out_confidential_items_actions(demo: dict[str, Any]) -> None:
    first = demo["actions"][0]
    item = next(i for i in demo["items"][0]["children"] if i["uid"] == first["item"])
    item["confidential"] = True
    public = lines_from_document(demo, public=True)
    assert first["uid"] not in {line.uid for line in public}
    assert len(public) == len(demo["actions"]) - 1
    assert len(lines_from_document(demo, public=False)) == len(demo["actions"])


def test_ics_is_valid_rfc5545_with_an_all_day_event_per_dated_action(
        demo: dict[str, Any]) -> None:
    demo["actions"][0]["due_date"] = "2018-01-31"
    demo["actions"][0]["text"] = "Share the briefing, with notes; long " + "x" * 120
    text = actions_ics(lines_from_document(demo, public=False), "Panel actions",
                       now=dt.datetime(2026, 11, 23, 12, 0, tzinfo=dt.UTC))
    assert text.startswith("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n")
    assert text.endswith("END:VCALENDAR\r\n")
    raw_lines = text.split("\r\n")[:-1]
    assert all(len(line.encode()) <= 75 for line in raw_lines)
    unfolded = text.replace("\r\n ", "")
    assert "DTSTART;VALUE=DATE:20180131" in unfolded
    assert "DTEND;VALUE=DATE:20180201" in unfolded
    assert "SUMMARY:Action – DCC: Share the briefing\\, with notes\\; long" in unfolded
    assert f"UID:{demo['actions'][0]['uid']}@minute-taker" in unfolded
    dated = [a for a in demo["actions"] if a["due_date"]]
    assert unfolded.count("BEGIN:VEVENT") == len(dated)
    # What a diary reads: one all-day event per dated action, on its date, by its uid.
    events = read_calendar(text)
    assert [(e.uid, e.start) for e in events] == \
        [(f"{a['uid']}@minute-taker", dt.date.fromisoformat(a["due_date"])) for a in dated]
    assert events[0].summary == "Action – DCC: Share the briefing, with notes; long " + "x" * 120
    assert events[0].description.startswith("From item 1.1 of Monthly Assurance Meeting, ")


def test_no_dated_action_is_no_calendar(demo: dict[str, Any]) -> None:
    """A calendar with no event is not valid iCalendar (RFC 5545 3.6): refused, and said."""
    for action in demo["actions"]:
        action["due_date"] = None
    lines = lines_from_document(demo, public=False)
    assert lines  # the actions are there; none has a date
    with pytest.raises(ValidationError, match="None of these actions has a due date") as refused:
        actions_ics(lines, "Panel actions")
    assert "no iCalendar file was written" in str(refused.value)
    with pytest.raises(ValidationError):
        actions_ics([], "Panel actions")


def test_folding_never_splits_a_character() -> None:
    from minute_taker.export.action_lists import _fold

    parts = _fold("SUMMARY:" + "é" * 100)
    assert "".join(p.removeprefix(" ") for p in parts) == "SUMMARY:" + "é" * 100
    assert all(len(p.encode()) <= 75 for p in parts)
