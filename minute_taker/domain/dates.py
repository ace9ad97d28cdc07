"""Reading dates as people type them in minutes and date fields.

"31/01/2018", "31 January 2018", "Wed 31 Jan 2018", "2018-01-31"; and, where there is a
day to count from, "today", "+7" or "31jan" with its year left out.
"""

from __future__ import annotations

import calendar
import contextlib
import datetime as dt
import re
from collections.abc import Callable, Iterable
from typing import NamedTuple

_MONTH_NAMES = ["january", "february", "march", "april", "may", "june", "july", "august",
                "september", "october", "november", "december"]
_WEEKDAY_NAMES = ["monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
                  "sunday"]
_MONTHS = {name: i for i, name in enumerate(_MONTH_NAMES, start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9


def _spellings(names: list[str], start: int) -> dict[str, int]:
    """Every name shortened to no fewer than three letters: "nov", "novem", "november".
    Three letters are enough to tell any two months, or any two weekdays, apart."""
    return {name[:length]: i for i, name in enumerate(names, start=start)
            for length in range(3, len(name) + 1)}


_MONTH_SPELLINGS = _spellings(_MONTH_NAMES, 1)
_WEEKDAY_SPELLINGS = _spellings(_WEEKDAY_NAMES, 0) | {"weds": 2}


def _alternatives(words: Iterable[str]) -> str:
    return "|".join(sorted(words, key=len, reverse=True))


# A date as written, its parts checked later. The weekday is optional but must agree.
_DAY_NAME = rf"(?:(?P<weekday>{_alternatives(_WEEKDAY_SPELLINGS)})\.?,?\s*)?"
_DAY = r"(?P<day>\d{1,2})"
_MONTH_NAME = rf"(?P<month_name>{_alternatives(_MONTH_SPELLINGS)})\.?"
_ORDINAL = r"(?:st|nd|rd|th)?"
_WRITTEN_FORMS = tuple(re.compile(rf"{_DAY_NAME}{body}\Z", re.ASCII | re.IGNORECASE) for body in (
    # 30/11/2017, 30.11.17, 30-11: day first
    rf"{_DAY}[/.\-](?P<month>\d{{1,2}})(?:[/.\-](?P<year>\d{{4}}|\d{{2}}))?",
    # 2017-11-30, 2017/11/30
    rf"(?P<year>\d{{4}})[/.\-](?P<month>\d{{1,2}})[/.\-]{_DAY}",
    # 30 Nov 2017, 30th of November, 30nov
    rf"{_DAY}{_ORDINAL}\s*(?:of\s+)?{_MONTH_NAME}(?:,?\s*(?P<year>\d{{4}}|\d{{2}}))?",
    # Nov 30, 2017
    rf"{_MONTH_NAME}\s*{_DAY}{_ORDINAL}(?:,?\s*(?P<year>\d{{4}}))?",
))
# Counted from a given day: +7, -3, +2w, today, tomorrow.
_OFFSET = re.compile(r"(?P<sign>[+-])\s*(?P<count>\d{1,4})\s*(?P<unit>d|days?|w|weeks?)?\Z",
                     re.ASCII | re.IGNORECASE)
_DAYS_FROM = {"today": 0, "tomorrow": 1, "yesterday": -1}

# Where the year is left out: given the day counted from, the month and the day, which date.
_Yearless = Callable[[dt.date, int, int], dt.date | None]


def parse_date(text: str) -> dt.date | None:
    """A date written in full, day first as the British write it, or None if it is not one.

    "31/01/2018", "31.1.18", "31 January 2018", "Wed 31 Jan 2018", "Jan 31, 2018" and
    "2018-01-31"; a two-digit year is this century's. Without a day to count from,
    "today", "+7" and "31 Jan" are not dates: see ``parse_typed_date``.
    """
    return _read(text, None)


def parse_typed_date(text: str, today: dt.date) -> dt.date | None:
    """The date meant by what was typed into a date field, or None if it is not one.

    Besides every form of ``parse_date``: "today", "tomorrow", "yesterday"; "+7" or
    "-3" days and "+2w" weeks from today; and a date with its year left out ("30nov",
    "30 Nov", "30/11"), which is the one nearest today: a clerk writing up the December
    meeting on 3 January means last year's, one setting up the next meeting in late
    December means next year's January. A two-digit year is the one within fifty years
    of today ("30/11/97" is 1997). A weekday typed with a date must be that date's.
    """
    return _read(text, today)


def parse_due(text: str, *, meeting_date: dt.date | None = None
              ) -> tuple[dt.date | None, str | None]:
    """Split what was typed as a due date into (date, free text).

    A plain date becomes a date; anything else ("end January 2018", "next
    meeting") is kept as the words typed, since that is what the minutes say.
    Given the meeting's date, "+14", "tomorrow" and "31 Jan" are dates too, counted
    from the meeting, and a date without its year is the next one on or after it
    (an action is not due before the meeting that set it).
    """
    text = " ".join(text.split())
    if not text:
        return None, None
    date = _read(text, meeting_date, _next_on_or_after)
    return (date, None) if date else (None, text)


def weekday_date(value: dt.date) -> str:
    """``Thu 30 Nov 2017``: a date shown so that it cannot be misread, and read back."""
    return (f"{_WEEKDAY_NAMES[value.weekday()][:3].title()} {value.day} "
            f"{_MONTH_NAMES[value.month - 1][:3].title()} {value.year}")


def _read(text: str, today: dt.date | None, yearless: _Yearless | None = None
          ) -> dt.date | None:
    text = " ".join(text.split()).casefold()
    date = None
    try:
        if today is not None and (days := _days_from_today(text)) is not None:
            date = today + dt.timedelta(days=days)
        else:
            for form in _WRITTEN_FORMS:
                if m := form.match(text):
                    date = _written_date(m, today, yearless or _nearest)
                    break
    except (ValueError, OverflowError):  # no such day, or beyond the calendar
        return None
    # Years are written with four digits: a date before 1000 ("-1" on 1 January 1000)
    # could be shown but not read back, so it is not a date here.
    return date if date is not None and date.year >= 1000 else None


def _days_from_today(text: str) -> int | None:
    if text in _DAYS_FROM:
        return _DAYS_FROM[text]
    if m := _OFFSET.match(text):
        days = int(m["count"]) * (7 if (m["unit"] or "d").startswith("w") else 1)
        return -days if m["sign"] == "-" else days
    return None


def _written_date(m: re.Match[str], today: dt.date | None,
                  yearless: _Yearless) -> dt.date | None:
    parts = m.groupdict()  # each form names only the parts it has
    day = int(parts["day"])
    month = (_MONTH_SPELLINGS[parts["month_name"]] if parts.get("month_name")
             else int(parts["month"]))
    year = parts["year"]
    if year is None:
        date = yearless(today, month, day) if today is not None else None
    elif len(year) == 2:
        date = dt.date(_century(today, int(year)), month, day)
    else:
        date = dt.date(int(year), month, day)
    if date is None or (m["weekday"] and _WEEKDAY_SPELLINGS[m["weekday"]] != date.weekday()):
        return None
    return date


def _century(today: dt.date | None, two_digits: int) -> int:
    """The year ending in ``two_digits`` within fifty years of today (or this century's)."""
    if today is None:
        return 2000 + two_digits
    earliest = today.year - 50
    return earliest + (two_digits - earliest) % 100


def _nearest(today: dt.date, month: int, day: int) -> dt.date | None:
    """The ``day`` of ``month`` within half a year of ``today``; the later one on a tie.

    Only 29 February can be further away: that is not guessed, the year must be typed.
    """
    candidates = []
    for year in (today.year - 1, today.year, today.year + 1):
        with contextlib.suppress(ValueError):
            if abs(((date := dt.date(year, month, day)) - today).days) <= 183:
                candidates.append(date)
    return min(candidates, key=lambda date: (abs((date - today).days), date < today),
               default=None)


def end_of_month(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


def add_months(date: dt.date, months: int) -> dt.date:
    """The same day ``months`` later, or the month's last if it is shorter (31 Dec + 2: 28 Feb)."""
    year, index = divmod(date.year * 12 + date.month - 1 + months, 12)
    return dt.date(year, index + 1, min(date.day, calendar.monthrange(year, index + 1)[1]))


# --- due phrases ("by end January 2018", "in two months", "when complete") ----------------

class DueSplit(NamedTuple):
    rest: str
    due_text: str | None
    due_date: dt.date | None


_WEEKDAYS = {name: i for i, name in enumerate(_WEEKDAY_NAMES)}
_NUMBER_WORDS = {name: i for i, name in enumerate(
    ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
     "eleven", "twelve"], start=1)} | {"a": 1, "an": 1}
_UNIT_DAYS = {"day": 1, "week": 7, "fortnight": 14}



_MONTH = _alternatives(_MONTHS)
_WEEKDAY = _alternatives(_WEEKDAYS)
_NUMBER = rf"[0-9]{{1,3}}|(?:a\s+)?couple\s+of|{_alternatives(_NUMBER_WORDS)}"
# What introduces a deadline: "by 31/01/2018", "no later than 31 January".
_BY = r"(?:by|before|until|no\s+later\s+than|on\s+or\s+before|due(?:\s+by)?)"
_WEEKDAY_PREFIX = rf"(?:(?:{_WEEKDAY})\.?,?\s+)?"  # "by Wednesday 31 January"


def _phrase(body: str) -> re.Pattern[str]:
    """A due phrase at the very end of a text, perhaps in brackets or before a full stop."""
    return re.compile(rf"(?<!\w)\(?(?P<due>{body})\)?[\s.,;!]*\Z", re.IGNORECASE | re.VERBOSE)


_WORD_DATE = _phrase(rf"""
    {_BY}\s+{_WEEKDAY_PREFIX}(?:the\s+)?
    (?P<day>[0-9]{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?     # 31st (of)
    (?P<month>{_MONTH})\.?                                   # January, Jan.
    (?:,?\s+(?P<year>[0-9]{{4}}))?                           # 2018, or the next one
""")
_NUMERIC_DATE = _phrase(rf"""
    {_BY}\s+{_WEEKDAY_PREFIX}
    (?:(?P<iso>[0-9]{{4}}-[0-9]{{2}}-[0-9]{{2}})             # 2018-01-31
      |(?P<day>[0-9]{{1,2}})[/.\-](?P<month>[0-9]{{1,2}})    # 31/01, day first
       (?:[/.\-](?P<year>[0-9]{{4}}|[0-9]{{2}}))?)           # /2018 or /18
""")
_END_OF = _phrase(rf"""
    (?:(?:{_BY}|at|for)\s+)?(?:the\s+)?end\s+(?:of\s+)?(?:(?:the|this)\s+)?
    (?:(?P<period>month|year)                                # end of the month
      |(?P<next>next\s+month)
      |(?P<month>{_MONTH})\.?(?:,?\s+(?P<year>[0-9]{{4}}))?) # end (of) January (2018)
""")
_WITHIN = _phrase(rf"""
    (?:in|within)\s+(?:the\s+next\s+)?
    (?P<count>{_NUMBER})\s+
    (?P<unit>day|week|fortnight|month|year)s?
    (?:['’]s?\s+time)?                                       # in two weeks' time
""")
_WEEKDAY_DUE = _phrase(rf"""
    (?:{_BY}|on|for)\s+(?:(?:this|next|the\s+coming)\s+)?(?P<weekday>{_WEEKDAY})
""")
_NEXT_MEETING = _phrase(r"""
    (?:(?:by|before|for|at|ahead\s+of|in\s+time\s+for)\s+)?(?:the\s+)?
    (?:next|following)\s+(?:[\w'’]+\s+)?meeting              # the next Panel meeting
""")
_OPEN_ENDED = _phrase(r"""
    asap|a\.s\.a\.p\.?|as\s+soon\s+as\s+possible|tbc|tba|in\s+due\s+course
    |(?:when|once|as\s+soon\s+as)\s+
     (?:(?:it|this|that|they)\s+(?:is|are|has\s+been|have\s+been)\s+)?
     (?:complete|completed|drafted|finali[sz]ed|available|agreed|approved|received|ready
       |published|known|signed\s+off)
""")


def _lookup(table: dict[str, int], word: str) -> int:
    # casefold, not lower: re.IGNORECASE also lets "ſept" stand for "sept".
    return table[" ".join(word.casefold().split())]


def _next_on_or_after(meeting: dt.date, month: int, day: int) -> dt.date | None:
    for year in range(meeting.year, meeting.year + 9):  # 29 February comes round
        with contextlib.suppress(ValueError):
            if (date := dt.date(year, month, day)) >= meeting:
                return date
    return None


def _day_month_year(meeting: dt.date, day: int, month: int, year: str | None) -> dt.date | None:
    if year is None:
        return _next_on_or_after(meeting, month, day)
    return dt.date(int(year) + (2000 if len(year) == 2 else 0), month, day)


def _word_date(m: re.Match[str], meeting: dt.date) -> dt.date | None:
    return _day_month_year(meeting, int(m["day"]), _lookup(_MONTHS, m["month"]), m["year"])


def _numeric_date(m: re.Match[str], meeting: dt.date) -> dt.date | None:
    if m["iso"]:
        return dt.date.fromisoformat(m["iso"])
    return _day_month_year(meeting, int(m["day"]), int(m["month"]), m["year"])


def _end_of(m: re.Match[str], meeting: dt.date) -> dt.date | None:
    if m["period"]:
        period = m["period"].casefold()
        if period == "year":
            return dt.date(meeting.year, 12, 31)
        return end_of_month(meeting.year, meeting.month)
    if m["next"]:
        later = add_months(meeting, 1)
        return end_of_month(later.year, later.month)
    month = _lookup(_MONTHS, m["month"])
    if m["year"]:
        return end_of_month(int(m["year"]), month)
    return end_of_month(meeting.year + (month < meeting.month), month)


def _within(m: re.Match[str], meeting: dt.date) -> dt.date | None:
    count = m["count"].casefold()
    if "couple" in count:
        count = "2"
    n = int(count) if count.isdigit() else _lookup(_NUMBER_WORDS, count)
    unit = m["unit"].casefold()
    if unit in _UNIT_DAYS:
        return meeting + dt.timedelta(days=n * _UNIT_DAYS[unit])
    return add_months(meeting, n * (12 if unit == "year" else 1))


def _weekday(m: re.Match[str], meeting: dt.date) -> dt.date | None:
    """The first such day after the meeting: "by Friday" said on a Friday means next week's."""
    ahead = (_lookup(_WEEKDAYS, m["weekday"]) - meeting.weekday() - 1) % 7 + 1
    return meeting + dt.timedelta(days=ahead)


def _no_date(m: re.Match[str], meeting: dt.date) -> dt.date | None:
    return None


_Resolve = Callable[[re.Match[str], dt.date], dt.date | None]
_DUE_FORMS: tuple[tuple[re.Pattern[str], _Resolve], ...] = (
    (_WORD_DATE, _word_date),
    (_NUMERIC_DATE, _numeric_date),
    (_END_OF, _end_of),
    (_WITHIN, _within),
    (_WEEKDAY_DUE, _weekday),
    (_NEXT_MEETING, _no_date),
    (_OPEN_ENDED, _no_date),
)


def split_due(text: str, *, meeting_date: dt.date) -> DueSplit:
    """Take the due phrase off the end of ``text``: what is left, the phrase, its date.

    The phrase is kept as written ("By end January 2018"); the date is worked out
    from the meeting for relative phrases ("in two months", "by Friday", "by the
    end of January") and is None for those without one ("by the next meeting",
    "when complete") or for a date the calendar lacks ("by 30/02/2018").
    Dates are British, day first. A phrase is only recognised at the end.
    """
    best: tuple[re.Match[str], _Resolve] | None = None
    for pattern, resolve in _DUE_FORMS:
        found = pattern.search(text)
        if found and (best is None or found.start() < best[0].start()):
            best = found, resolve
    if best is None:
        return DueSplit(text, None, None)
    found, resolve = best
    try:
        date = resolve(found, meeting_date)
    except (ValueError, OverflowError, KeyError):
        date = None
    return DueSplit(text[:found.start()], found["due"], date)


def day_month_year(value: dt.date, *, long: bool = False) -> str:
    """``7 Nov 2017`` (or ``7 November 2017``) on every platform: ``%-d`` is not portable."""
    return f"{value.day} {value:%B %Y}" if long else f"{value.day} {value:%b %Y}"


# --- times of day ("10:30", "10.30am", "2 pm", "noon") and dates that begin a line -------

_CLOCK = re.compile(r"""
    (?:(?P<hour>[0-9]{1,2})(?:(?:[:.]|(?=[0-9]{2}\b))(?P<minute>[0-9]{2}))?
       \s*(?P<half>a\.?m\.?|p\.?m\.?)?
     |(?P<noon>noon|midday|12\s+noon))
""", re.IGNORECASE | re.VERBOSE)


def _clock(m: re.Match[str], *, needs_mark: bool) -> dt.time | None:
    if m["noon"]:
        return dt.time(12, 0)
    half = (m["half"] or "").replace(".", "").casefold()
    if needs_mark and not half and m["minute"] is None:
        return None  # "at 10" alone is a number, not a time
    hour, minute = int(m["hour"]), int(m["minute"] or 0)
    if half:
        if not 1 <= hour <= 12:
            return None
        hour = hour % 12 + (12 if half == "pm" else 0)
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def parse_time_of_day(text: str) -> dt.time | None:
    """The time typed: "10:30", "10.30", "1030", "930", "10.30am", "2 pm", "noon"; None
    for anything else (and for nothing typed)."""
    m = _CLOCK.fullmatch(" ".join(text.split()))
    if m is None or (m["minute"] is None and not m["half"] and not m["noon"]
                     and len(m["hour"] or "") > 2):
        return None
    return _clock(m, needs_mark=False) if m["noon"] or m["hour"] else None


def leading_time(text: str) -> tuple[dt.time, int] | None:
    """The time at the start of ``text`` and where it ends: "10.30am, Council Chamber".
    A bare hour ("10") is not taken for a time; "10am" and "10:00" are."""
    m = _CLOCK.match(text)
    end = m.start() + len(m.group(0).rstrip()) if m else 0
    if m is None or not end or (end < len(text) and text[end].isalnum()):
        return None
    value = _clock(m, needs_mark=True)
    return (value, end) if value is not None else None


def leading_date(text: str, *, after: dt.date) -> tuple[dt.date, int] | None:
    """The date written at the start of ``text`` and where it ends, or None.

    Any form ``parse_date`` reads ("Tuesday 6 February 2018", "6/2/18"); a date with its
    year left out ("6 February") is the next one on or after ``after`` (the next meeting
    comes after this one). The longest run of words that is a date wins."""
    words = list(re.finditer(r"\S+", text))
    for count in range(min(len(words), 6), 0, -1):
        end = words[count - 1].end()
        candidate = text[:end].rstrip(",.;:")
        date = _read(candidate, after, _next_on_or_after) if candidate else None
        if date is not None and _days_from_today(" ".join(candidate.split()).casefold()) is None:
            return date, len(candidate)
    return None
