"""One action, one calendar event, however often it is carried forward (issue 15,
point 3): every carry used to give an action a new calendar UID (15 of 15), so a calendar
importing the committee's outstanding list each month gained a duplicate every month."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import icalendar

from minute_taker.domain.rules import matters_arising_item
from minute_taker.export.formats import ExportRequest
from minute_taker.services import actions, agenda, committees, meetings, publishing
from minute_taker.store.book import MinuteBook


def event_uids(path: Path) -> dict[str, str]:
    calendar = icalendar.Calendar.from_ical(path.read_bytes())
    return {str(event["SUMMARY"]): str(event["UID"]) for event in calendar.walk("VEVENT")}


def test_the_calendar_uid_of_an_action_survives_every_carry(book: MinuteBook,
                                                            tmp_path: Path) -> None:
    panel = committees.create_committee(book, "Police and Crime Panel")
    seen: list[dict[str, str]] = []
    for month in range(1, 5):
        meeting = meetings.create_meeting(book, panel.id, f"Panel {month}",
                                          dt.date(2026, month, 10))
        if month == 1:
            actions.capture_action(book, meeting.id, "Share the Telford plan",
                                   owner_text="ACC", due_date=dt.date(2026, 6, 30))
        else:
            outstanding = actions.list_outstanding(book, meeting.id)
            item = matters_arising_item(agenda.list_items(book, meeting.id))
            assert item is not None
            actions.carry_forward(book, meeting.id, [a.id for a in outstanding], item.id)
        register = tmp_path / f"outstanding-{month}.ics"
        publishing.export(book, ExportRequest(meeting.id, "ics", public=True,
                                              outstanding=True), register)
        minutes = tmp_path / f"actions-{month}.ics"
        publishing.export(book, ExportRequest(meeting.id, "ics", public=True), minutes)
        seen += [event_uids(register), event_uids(minutes)]
    uids = {uid for found in seen for summary, uid in found.items() if "Telford" in summary}
    assert len(uids) == 1, uids
    assert all(any("Telford" in summary for summary in found) for found in seen)
