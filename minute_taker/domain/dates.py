"""Reading dates as people type them in minutes ("31/01/2018", "31 January 2018")."""

from __future__ import annotations

import datetime as dt
import re

_MONTHS = {name: i for i, name in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], start=1)}
_MONTHS.update({name[:3]: i for name, i in list(_MONTHS.items())})
_MONTHS["sept"] = 9

_NUMERIC = re.compile(r"^(\d{1,2})[/.\-](\d{1,2})[/.\-](\d{2}|\d{4})$")
_ISO = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
_WORDS = re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+([a-z]+)\.?,?\s+(\d{4})$", re.IGNORECASE)


def parse_date(text: str) -> dt.date | None:
    """A calendar date written in a British way, or None if ``text`` is not one."""
    text = text.strip()
    try:
        if m := _ISO.match(text):
            return dt.date(int(m[1]), int(m[2]), int(m[3]))
        if m := _NUMERIC.match(text):
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return dt.date(year, int(m[2]), int(m[1]))
        if (m := _WORDS.match(text)) and m[2].lower() in _MONTHS:
            return dt.date(int(m[3]), _MONTHS[m[2].lower()], int(m[1]))
    except ValueError:
        return None
    return None


def parse_due(text: str) -> tuple[dt.date | None, str | None]:
    """Split what was typed as a due date into (date, free text).

    A plain date becomes a date; anything else ("end January 2018", "next
    meeting") is kept as the words typed, since that is what the minutes say.
    """
    text = " ".join(text.split())
    if not text:
        return None, None
    date = parse_date(text)
    return (date, None) if date else (None, text)
