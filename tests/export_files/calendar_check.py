"""Reading an exported calendar back with the ``icalendar`` package, as a diary would."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import icalendar


@dataclass(frozen=True)
class Event:
    uid: str
    summary: str
    start: dt.date
    end: dt.date
    description: str


def read_calendar(data: str | bytes) -> list[Event]:
    """The events of an iCalendar file, after the checks every calendar must pass: one
    VCALENDAR with VERSION 2.0 and a PRODID, at least one component (RFC 5545 3.6), each
    event an all-day one with a unique UID."""
    calendar = icalendar.Calendar.from_ical(data)
    assert calendar.name == "VCALENDAR"
    assert str(calendar["VERSION"]) == "2.0" and str(calendar["PRODID"])
    events = []
    for event in calendar.walk("VEVENT"):
        start, end = event.decoded("DTSTART"), event.decoded("DTEND")
        assert type(start) is dt.date and type(end) is dt.date, "an all-day event"
        assert end == start + dt.timedelta(days=1)
        assert event.decoded("DTSTAMP")
        events.append(Event(str(event["UID"]), str(event["SUMMARY"]), start, end,
                            str(event["DESCRIPTION"])))
    assert calendar.subcomponents, "a calendar with no component is not valid"
    uids = [e.uid for e in events]
    assert len(uids) == len(set(uids)), "every UID unique"
    return events
