"""Dates as people type them into a date field: the forms, which year is meant, and
properties any text must keep (every date reads back from its written forms; nonsense is
None, never an exception)."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import assume, example, given
from hypothesis import strategies as st

from minute_taker.domain.dates import parse_date, parse_due, parse_typed_date, weekday_date

TODAY = dt.date(2017, 11, 29)  # a Wednesday: the November panel meeting
THURSDAY = dt.date(2017, 11, 30)


FORMS_FOR_30_NOVEMBER = [
    # Written in full, as the minutes write dates (the old reader took the first eight).
    "30/11/2017", "30/11/17", "30.11.2017", "30-11-2017", "2017-11-30",
    "30 Nov 2017", "30 November 2017", "30th November 2017",
    "2017/11/30", "30th of November, 2017", "Thu 30 Nov 2017", "Thursday, 30 November 2017",
    "thu30nov2017", "Nov 30, 2017",
    # The year left out, as a clerk types in a hurry.
    "30nov", "30 Nov", "30 nov.", "30 NOVEMBER", "30/11", "Nov 30", "thurs 30 nov",
    # Counted from today.
    "tomorrow", "Tomorrow ", "+1", "+ 1", "+1d", "+1 day",
]


def test_forms_a_clerk_types() -> None:
    read = {typed: parse_typed_date(typed, TODAY) for typed in FORMS_FOR_30_NOVEMBER}
    assert read == dict.fromkeys(FORMS_FOR_30_NOVEMBER, THURSDAY)


@pytest.mark.parametrize(("typed", "meant"), [
    ("today", TODAY),
    ("yesterday", dt.date(2017, 11, 28)),
    ("+7", dt.date(2017, 12, 6)),
    ("-7", dt.date(2017, 11, 22)),
    ("+2w", dt.date(2017, 12, 13)),
    ("+4 weeks", dt.date(2017, 12, 27)),
    ("+0", TODAY),
])
def test_days_counted_from_today(typed: str, meant: dt.date) -> None:
    assert parse_typed_date(typed, TODAY) == meant


@pytest.mark.parametrize(("typed", "today", "meant"), [
    # Writing up the December meeting in the new year: last year's.
    ("30 dec", dt.date(2018, 1, 3), dt.date(2017, 12, 30)),
    ("30/12", dt.date(2018, 1, 3), dt.date(2017, 12, 30)),
    # Setting up January's meeting before Christmas: next year's.
    ("8 jan", dt.date(2017, 12, 20), dt.date(2018, 1, 8)),
    # Otherwise this year's, past or to come, whichever is within half a year.
    ("30nov", dt.date(2017, 6, 1), dt.date(2017, 11, 30)),
    ("1 jun", TODAY, dt.date(2017, 6, 1)),
    ("1 may", TODAY, dt.date(2018, 5, 1)),
])
def test_a_date_without_its_year_is_the_one_nearest_today(typed: str, today: dt.date,
                                                          meant: dt.date) -> None:
    assert parse_typed_date(typed, today) == meant


def test_29_february_without_its_year_only_when_one_is_near() -> None:
    assert parse_typed_date("29 feb", dt.date(2019, 12, 1)) == dt.date(2020, 2, 29)
    assert parse_typed_date("29 feb", dt.date(2020, 8, 1)) == dt.date(2020, 2, 29)
    assert parse_typed_date("29 feb", TODAY) is None  # 2016 and 2020 are too far: say which


def test_two_digit_years_are_within_fifty_years_of_today() -> None:
    assert parse_typed_date("30/11/97", TODAY) == dt.date(1997, 11, 30)
    assert parse_typed_date("30/11/45", TODAY) == dt.date(2045, 11, 30)
    assert parse_typed_date("30/11/45", dt.date(2110, 1, 1)) == dt.date(2145, 11, 30)


# Each is refused, and the form beside it, one slip away, is read.
@pytest.mark.parametrize(("refused", "read"), [
    ("", "today"), ("   ", "today"), ("30", "30nov"), ("2017", "30nov2017"), ("nov", "30nov"),
    ("30 Novvember", "30 Novem"), ("31/11/2017", "30/11"), ("30/13/2017", "30/11"),
    ("11/30/2017", "30/11"),  # American: the 11th of a thirtieth month
    ("Fri 30 Nov 2017", "Thu 30 Nov"),  # the 30th was a Thursday: which did they mean?
    ("next week", "+1w"), ("30 nov 20171", "30 nov 17"), ("+", "+1"), ("+7x", "+7d"),
    ("++7", "+7"), ("today 2017", "today"), ("30//11/2017", "30/11"), ("tomorrowish", "tomorrow"),
    ("1 jan 0000", "1 jan"), ("31 dec 10000", "31 dec"),
])
def test_what_is_not_a_date(refused: str, read: str) -> None:
    assert parse_typed_date(refused, TODAY) is None
    assert parse_typed_date(read, TODAY) is not None


def test_beyond_the_calendar_is_not_a_date() -> None:
    assert parse_typed_date("tomorrow", dt.date.max - dt.timedelta(days=1)) == dt.date.max
    assert parse_typed_date("tomorrow", dt.date.max) is None
    assert parse_typed_date("-1", dt.date.min) is None
    assert parse_typed_date("+9999", dt.date(9990, 1, 1)) is None


def test_shown_so_it_cannot_be_misread_and_reads_back() -> None:
    for date, shown in ((THURSDAY, "Thu 30 Nov 2017"), (dt.date(2018, 9, 3), "Mon 3 Sep 2018")):
        assert weekday_date(date) == shown
        assert parse_typed_date(shown, TODAY) == date


def test_parse_date_reads_full_dates_in_the_new_forms_but_counts_from_nothing() -> None:
    assert parse_date("Thu 30 Nov 2017") == parse_date("Nov 30, 2017") == THURSDAY
    assert parse_date("30nov2017") == THURSDAY
    for relative in ("today", "+7", "30 Nov", "30/11"):
        assert parse_date(relative) is None


def test_due_field_without_a_meeting_date_keeps_relative_words() -> None:
    assert parse_due("Thu 30 Nov 2017") == (THURSDAY, None)
    assert parse_due("tomorrow") == (None, "tomorrow")
    assert parse_due("+7") == (None, "+7")


def test_due_field_counts_from_the_meeting_and_looks_ahead() -> None:
    meeting = dt.date(2017, 12, 5)
    assert parse_due("+14", meeting_date=meeting) == (dt.date(2017, 12, 19), None)
    assert parse_due("tomorrow", meeting_date=meeting) == (dt.date(2017, 12, 6), None)
    # An action is not due before the meeting that set it: next year's 30 November.
    assert parse_due("30 nov", meeting_date=meeting) == (dt.date(2018, 11, 30), None)
    assert parse_due("end January 2018", meeting_date=meeting) == (None, "end January 2018")


# --- properties -----------------------------------------------------------------------------

_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December"]
_WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
_FOUR_DIGIT_YEARS = st.dates(min_value=dt.date(1000, 1, 1))
_ANY_TODAY = st.dates(min_value=dt.date(1000, 1, 1), max_value=dt.date(9998, 12, 31))


def _written_forms(d: dt.date) -> list[str]:
    month = _MONTHS[d.month - 1]
    return [
        d.isoformat(), f"{d.year}/{d.month}/{d.day}",
        f"{d.day}/{d.month}/{d.year}", f"{d.day:02}/{d.month:02}/{d.year}",
        f"{d.day}.{d.month}.{d.year}", f"{d.day}-{d.month}-{d.year}",
        f"{d.day} {month[:3]} {d.year}", f"{d.day} {month} {d.year}",
        f"{d.day}{month[:3].lower()}{d.year}", f"{month} {d.day}, {d.year}",
        f"{_WEEKDAYS[d.weekday()]}, {d.day} {month} {d.year}",
        weekday_date(d), weekday_date(d).upper(), f"  {weekday_date(d).lower()}  ",
    ]


@given(_FOUR_DIGIT_YEARS, _ANY_TODAY)
def test_every_date_reads_back_from_its_written_forms(d: dt.date, today: dt.date) -> None:
    for written in _written_forms(d):
        assert parse_typed_date(written, today) == d, written
        assert parse_date(written) == d, written


@given(_ANY_TODAY, st.integers(min_value=-182, max_value=182))
def test_a_date_near_today_reads_back_without_its_year(today: dt.date, days: int) -> None:
    d = today + dt.timedelta(days=days)
    assume(d.year >= 1000)  # years are written with four digits
    month = _MONTHS[d.month - 1]
    for written in (f"{d.day}{month[:3].lower()}", f"{d.day} {month}", f"{d.day}/{d.month}",
                    f"{month[:3]} {d.day}", f"{_WEEKDAYS[d.weekday()][:3]} {d.day} {month[:3]}"):
        assert parse_typed_date(written, today) == d, written


@given(_ANY_TODAY, st.integers(min_value=0, max_value=9999))
def test_days_and_weeks_from_today(today: dt.date, count: int) -> None:
    for written, days in ((f"+{count}", count), (f"-{count}", -count),
                          (f"+{count}w", 7 * count), (f"-{count} weeks", -7 * count)):
        try:
            meant: dt.date | None = today + dt.timedelta(days=days)
        except OverflowError:  # beyond the calendar
            meant = None
        if meant is not None and meant.year < 1000:  # years are written with four digits
            meant = None
        assert parse_typed_date(written, today) == meant, written


@given(st.dates(min_value=dt.date(1050, 1, 1), max_value=dt.date(9950, 12, 31)),
       st.integers(min_value=-50, max_value=49), st.integers(1, 12),
       st.integers(1, 28))
def test_two_digit_years_within_fifty_years(today: dt.date, years: int, month: int,
                                            day: int) -> None:
    d = dt.date(today.year + years, month, day)
    assert parse_typed_date(f"{d.day}/{d.month}/{d.year % 100:02}", today) == d


@given(st.text(max_size=40), st.dates())
def test_any_text_is_a_date_or_none_never_an_error(text: str, today: dt.date) -> None:
    result = parse_typed_date(text, today)
    assert result is None or isinstance(result, dt.date)
    due_date, due_text = parse_due(text, meeting_date=today)
    assert (due_date is None) != (due_text is None) or not text.strip()


_DATEISH = st.text(alphabet="0123456789/.-+, adehjlmnorstuvwyADNOT", max_size=30)


@given(_DATEISH, st.dates())
@example("30/11/2017", TODAY)
@example("+7", TODAY)
@example("-1", dt.date(1000, 1, 1))  # would be 999: shown, but not read back
def test_date_shaped_nonsense_never_raises(text: str, today: dt.date) -> None:
    result = parse_typed_date(text, today)
    assert result is None or isinstance(result, dt.date)
    if result is not None:  # what was read is shown, and what is shown reads the same
        assert parse_typed_date(weekday_date(result), today) == result


@given(st.text(alphabet=st.characters(exclude_categories=("Nd",)), max_size=40),
       # Years before 1000 are not read (four-digit years: domain/dates.py).
       st.dates(min_value=dt.date(1000, 1, 2), max_value=dt.date(9999, 12, 30)))
@example("Tomorrow", TODAY)
@example(" today ", TODAY)
def test_words_without_a_number_are_not_dates_but_today(text: str, today: dt.date) -> None:
    result = parse_typed_date(text, today)
    if " ".join(text.split()).casefold() in ("yesterday", "today", "tomorrow"):
        assert result is not None and abs((result - today).days) <= 1
    else:
        assert result is None
