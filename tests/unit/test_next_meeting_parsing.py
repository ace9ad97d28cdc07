"""The date of the next meeting read from a line typed in the minutes (issue 17, point 1):
the forms clerks write, a time only when one is given, the venue as typed, and nothing
read from a line that gives no date after this meeting."""

from __future__ import annotations

import datetime as dt

import pytest

from minute_taker.domain.capture import (
    NextMeetingDraft,
    is_next_meeting_title,
    parse_next_meeting_line,
)
from minute_taker.domain.dates import leading_date, leading_time, parse_time_of_day

MEETING = dt.date(2017, 10, 31)
SIXTH = dt.date(2018, 2, 6)


@pytest.mark.parametrize(("line", "title", "meant"), [
    ("Date of next meeting: Tuesday 6 February 2018 at 10.30am, Council Chamber", "",
     NextMeetingDraft(SIXTH, dt.time(10, 30), "Council Chamber")),
    ("6 February 2018 at 10:30", "Date of next meeting",
     NextMeetingDraft(SIXTH, dt.time(10, 30))),
    ("• 6 February 2018", "Date of Next Meeting", NextMeetingDraft(SIXTH)),
    ("The next meeting will be held on Tuesday 6 February 2018 in the Council Chamber.", "",
     NextMeetingDraft(SIXTH, None, "Council Chamber")),
    ("Date of Next Meeting - 6 Feb 2018, Room 1.38 – Hindlip, at 2pm", "",
     NextMeetingDraft(SIXTH, dt.time(14), "Room 1.38 – Hindlip")),
    ("Next meeting: 6/2/18 10:00 Council Chamber", "",
     NextMeetingDraft(SIXTH, dt.time(10), "Council Chamber")),
    ("The next meeting of the Panel would be held on 6 February at 10.30am at The Guildhall",
     "", NextMeetingDraft(SIXTH, dt.time(10, 30), "The Guildhall")),
    ("Next meeting: 6 Feb 2018 10 Downing Street", "",
     NextMeetingDraft(SIXTH, None, "10 Downing Street")),
])
def test_the_forms_clerks_type(line: str, title: str, meant: NextMeetingDraft) -> None:
    assert parse_next_meeting_line(line, meeting_date=MEETING, item_title=title) == meant


@pytest.mark.parametrize(("line", "title"), [
    ("6 February 2018 at 10:30", "Any other business"),  # a date alone elsewhere
    ("Date of next meeting: to be confirmed", ""),
    ("Members noted the date of the next meeting.", "Date of next meeting"),
    ("Date of next meeting: 31 October 2017", ""),  # not after this meeting
    ("Date of next meeting: 31 February 2018", ""),
    ("ACTION: DCC to report by 6 February 2018", ""),
])
def test_lines_that_give_no_next_meeting(line: str, title: str) -> None:
    assert parse_next_meeting_line(line, meeting_date=MEETING, item_title=title) is None


def test_a_date_without_its_year_is_the_next_one_after_the_meeting() -> None:
    draft = parse_next_meeting_line("Next meeting: 6 Feb", meeting_date=MEETING)
    assert draft == NextMeetingDraft(SIXTH)


@pytest.mark.parametrize(("title", "is_one"), [
    ("Date of next meeting", True), ("Date of Next Meeting", True), ("Next meeting", True),
    ("Date and time of the next meeting", True), ("Any other business", False),
    ("Minutes of the last meeting", False),
])
def test_next_meeting_titles(title: str, is_one: bool) -> None:
    assert is_next_meeting_title(title) is is_one


@pytest.mark.parametrize(("typed", "meant"), [
    ("10:30", dt.time(10, 30)), ("10.30", dt.time(10, 30)), ("1030", dt.time(10, 30)),
    ("930", dt.time(9, 30)), ("10.30am", dt.time(10, 30)), ("2 pm", dt.time(14)),
    ("12pm", dt.time(12)), ("12am", dt.time(0)), ("noon", dt.time(12)),
    ("25:00", None), ("13pm", None), ("", None), ("ten", None), ("10:61", None),
])
def test_times_of_day(typed: str, meant: dt.time | None) -> None:
    assert parse_time_of_day(typed) == meant


def test_a_time_or_date_at_the_start_of_a_text() -> None:
    assert leading_time("10.30am, Council Chamber") == (dt.time(10, 30), 7)
    assert leading_time("10 Downing Street") is None  # a bare number is not a time
    assert leading_date("Tuesday 6 February 2018 at 10.30am", after=MEETING) == (SIXTH, 23)
    assert leading_date("today", after=MEETING) is None  # not counted from anything
