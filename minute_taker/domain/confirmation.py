"""Confirming the previous minutes: which item does it, and what words record it.

At each meeting the committee confirms the minutes of its previous one, usually
under a standing item ("Confirmation of the minutes of the previous meeting"),
and the minutes say they were "agreed as a correct record and signed by the
Chair". These rules find that item and recognise those words.
"""

from __future__ import annotations

import datetime as dt
import re

from minute_taker.domain.dates import day_month_year

_CONFIRMATION_TITLES = re.compile(
    r"\b(confirm\w*|approv\w*|adopt\w*)\b.*\bminutes\b"
    r"|\bminutes\b.*\b(previous|last|prior)\s+meeting\b"
    r"|^\s*minutes\s*$",
    re.IGNORECASE,
)
_CORRECT_RECORD = re.compile(
    r"\b(agreed|approved|confirmed|accepted|signed)\b[^.]*\b(correct|true|accurate)\s+record\b"
    r"|\b(correct|true|accurate)\s+record\b[^.]*\b(agreed|approved|confirmed|signed)\b",
    re.IGNORECASE,
)


def is_confirmation_title(title: str) -> bool:
    """"Confirmation of the minutes", "Minutes of the previous meeting", "To approve the
    minutes of 12 June", "Minutes": not "Matters arising from the minutes"."""
    if "matters arising" in title.casefold():
        return False
    return bool(_CONFIRMATION_TITLES.search(title))


def is_confirmation_wording(text: str) -> bool:
    """Words that record the minutes as confirmed: "agreed as a correct record and signed
    by the Chair", "approved as a true record", "confirmed as a correct record"."""
    return bool(_CORRECT_RECORD.search(text))


def confirmation_resolution(meeting_date: dt.date) -> str:
    """The decision text the minute-taker records (RESOLVED that ...)."""
    return (f"that the minutes of the meeting held on {day_month_year(meeting_date, long=True)} "
            "be agreed as a correct record and signed by the Chair.")
