"""Action lists for the people who must do them: CSV for a spreadsheet, iCalendar for
their diaries. One meeting's actions, or every outstanding action of a committee.

An action carried from meeting to meeting is one action to the people doing it: the
lists say where it was first raised, and (outstanding) the latest update given on it,
which the book holds on the earlier copies (``carried_history``).

CSV cells that a spreadsheet would read as a formula (starting with = + - @ or a
tab) are prefixed with an apostrophe: an action typed as "=HYPERLINK(...)" must
stay text when an officer opens the file.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Final, TypedDict

from minute_taker import __version__
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import CommitteeAction
from minute_taker.export.content import ActionOrigin, day_month_year, due_phrase

Json = Mapping[str, Any]

CSV_COLUMNS = ("Committee", "Meeting date", "Meeting", "Item", "Action", "Owner", "Due date",
               "Due (as minuted)", "Status", "Update", "Raised on", "Raised at item")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
NO_DATED_ACTIONS: Final = ("None of these actions has a due date, and a calendar needs at least "
                           "one: no iCalendar file was written. Give the actions due dates, or "
                           "export the action list as CSV.")


@dataclass(frozen=True, slots=True)
class ActionLine:
    """An action as an action list shows it, whichever meeting it came from."""

    uid: str
    committee: str
    meeting_date: dt.date
    meeting_title: str
    item_number: str
    text: str
    owner: str
    due_date: dt.date | None
    due_text: str
    status: str
    update: str
    raised_on: dt.date | None = None  # the meeting that first recorded it, if carried since
    raised_item: str = ""

    @property
    def raised(self) -> ActionOrigin:
        """Where the action was first raised: its own meeting unless it was carried."""
        if self.raised_on is None:
            return ActionOrigin(self.meeting_date, self.item_number)
        return ActionOrigin(self.raised_on, self.raised_item)


def lines_from_document(document: Json, *, public: bool,
                        origins: Mapping[str, ActionOrigin] | None = None) -> list[ActionLine]:
    """One meeting's actions, in item order; a public list leaves out confidential items'.
    ``origins``: where each carried action was first raised, by uid."""
    origins = origins or {}
    numbers: dict[str, str] = {}
    secret: set[str] = set()

    def walk(items: Sequence[Json], inherited: bool) -> None:
        for item in items:
            hidden = inherited or bool(item["confidential"])
            numbers[item["uid"]] = item["number"]
            if hidden:
                secret.add(item["uid"])
            walk(item["children"], hidden)

    walk(document["items"], False)
    meeting = document["meeting"]
    lines = []
    for action in document["actions"]:
        if public and action["item"] in secret:
            continue
        origin = origins.get(action["uid"])
        lines.append(ActionLine(
            # One action, one calendar event: a carried copy keeps the first one's uid.
            uid=origin.series_uid if origin and origin.series_uid else action["uid"],
            committee=document["committee"]["name"],
            meeting_date=dt.date.fromisoformat(meeting["date"]), meeting_title=meeting["title"],
            item_number=numbers.get(action["item"] or "", ""), text=action["text"],
            owner=action["owner_text"],
            due_date=dt.date.fromisoformat(action["due_date"]) if action["due_date"] else None,
            due_text=due_phrase(action), status=action["status"].replace("_", " "),
            update=action["update"] or "", **_raised(origin)))
    return lines


class _Raised(TypedDict, total=False):
    raised_on: dt.date
    raised_item: str


def _raised(origin: ActionOrigin | None) -> _Raised:
    return {} if origin is None else {"raised_on": origin.meeting_date,
                                      "raised_item": origin.item_number}


def _cell(value: str) -> str:
    return f"'{value}" if value.startswith(_FORMULA_START) else value


def actions_csv(lines: Iterable[ActionLine]) -> str:
    """UTF-8 text with a header row; dates as YYYY-MM-DD so any spreadsheet sorts them."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(CSV_COLUMNS)
    for line in lines:
        writer.writerow([_cell(v) for v in (
            line.committee, line.meeting_date.isoformat(), line.meeting_title,
            line.item_number, line.text, line.owner,
            line.due_date.isoformat() if line.due_date else "", line.due_text, line.status,
            line.update, line.raised.meeting_date.isoformat(), line.raised.item_number)])
    return out.getvalue()


# --- iCalendar (RFC 5545) ----------------------------------------------------------------

_ICS_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def _escape_ics(text: str) -> str:
    """TEXT as RFC 5545 (3.3.11) has it: line breaks as \\n, no other control characters
    (a pasted vertical tab or escape would make calendars refuse the file)."""
    text = _ICS_CONTROL.sub("", text)
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def _fold(line: str) -> list[str]:
    """Content lines longer than 75 octets continue on lines starting with a space,
    split between characters, never inside one (RFC 5545 3.1)."""
    parts: list[str] = []
    current, size = "", 0
    for char in line:
        width = len(char.encode("utf-8"))
        limit = 75 if not parts else 74
        if size + width > limit:
            parts.append(current)
            current, size = "", 0
        current += char
        size += width
    parts.append(current)
    return [parts[0], *(" " + p for p in parts[1:])]


def check_dated(lines: Iterable[ActionLine]) -> None:
    """Refuse a calendar with no event: RFC 5545 (3.6) wants at least one component,
    and a diary would reject the file or import nothing and say nothing."""
    if not any(line.due_date is not None for line in lines):
        raise ValidationError(NO_DATED_ACTIONS)


def actions_ics(lines: Iterable[ActionLine], calendar_name: str,
                now: dt.datetime | None = None) -> str:
    """Each action with a due date as an all-day event on that date; ValidationError
    when none has one (``check_dated``)."""
    lines = list(lines)
    check_dated(lines)
    stamp = (now or dt.datetime.now(dt.UTC)).strftime("%Y%m%dT%H%M%SZ")
    content = ["BEGIN:VCALENDAR", "VERSION:2.0",
               f"PRODID:-//Minute Taker//Minute Taker {__version__}//EN", "CALSCALE:GREGORIAN",
               "METHOD:PUBLISH", f"X-WR-CALNAME:{_escape_ics(calendar_name)}"]
    for line in lines:
        if line.due_date is None:
            continue
        owner = f"{line.owner}: " if line.owner else ""
        where = f"item {line.item_number} of " if line.item_number else ""
        description = (f"From {where}{line.committee}, {line.meeting_title} "
                       f"({line.meeting_date.isoformat()}).")
        if line.raised_on is not None:
            description += f" Raised at {line.raised.words()}."
        description += f" Due {line.due_text}."
        if line.status != "open":
            description += f" Status: {line.status}."
        if line.update:
            description += f" Update: {line.update}"
        content += ["BEGIN:VEVENT", f"UID:{line.uid}@minute-taker", f"DTSTAMP:{stamp}",
                    f"DTSTART;VALUE=DATE:{line.due_date:%Y%m%d}",
                    f"DTEND;VALUE=DATE:{line.due_date + dt.timedelta(days=1):%Y%m%d}",
                    f"SUMMARY:{_escape_ics(f'Action – {owner}{line.text}')}",
                    f"DESCRIPTION:{_escape_ics(description)}",
                    "TRANSP:TRANSPARENT", "END:VEVENT"]
    content.append("END:VCALENDAR")
    return "".join(folded + "\r\n" for entry in content for folded in _fold(entry))


def lines_from_committee(rows: Iterable[CommitteeAction], *, public: bool,
                         history: Iterable[CommitteeAction] = ()) -> list[ActionLine]:
    """A committee's actions across meetings; a public list leaves out confidential ones.

    ``history``: every action of the committee (``list_committee_actions`` with
    ``outstanding_only=False``), from which a carried action gets where it was first
    raised and, if it has none of its own yet, the last update given on an earlier copy.
    """
    carried = carried_history(history)
    return [_committee_line(row, carried.get(row.action.uid))
            for row in rows if not (public and row.confidential)]


@dataclass(frozen=True, slots=True)
class Carried:
    """What the earlier copies of a carried action say of it."""

    origin: ActionOrigin
    latest_update: str  # the newest update along the chain; an earlier one says its date


def carried_history(history: Iterable[CommitteeAction]) -> dict[str, Carried]:
    """For each carried action, by uid: where it was first raised and its latest update,
    following ``carried_from_id`` back through the committee's actions."""
    by_id = {row.action.id: row for row in history}
    found: dict[str, Carried] = {}
    for row in by_id.values():
        chain, seen = [row], {row.action.id}
        while (earlier := chain[-1].action.carried_from_id) in by_id and earlier not in seen:
            seen.add(earlier)
            chain.append(by_id[earlier])
        if len(chain) == 1:
            continue
        first = chain[-1]
        given = next((r for r in chain if (r.action.update or "").strip()), None)
        update = "" if given is None else str(given.action.update).strip()
        if given is not None and given is not row:  # not said at this copy's meeting
            update = f"{day_month_year(given.meeting_date)}: {update}"
        found[row.action.uid] = Carried(
            ActionOrigin(first.meeting_date, first.action.item_number or "",
                         first.action.uid), update)
    return found


def action_origins(history: Iterable[CommitteeAction]) -> dict[str, ActionOrigin]:
    """Where each carried action was first raised, by uid, for the minutes to print."""
    return {uid: carried.origin for uid, carried in carried_history(history).items()}


def _committee_line(row: CommitteeAction, carried: Carried | None) -> ActionLine:
    return ActionLine(
        uid=row.action.series_uid or row.action.uid, committee=row.committee_name,
        meeting_date=row.meeting_date,
        meeting_title=row.meeting_title, item_number=row.action.item_number or "",
        text=row.action.text, owner=row.action.owner_text, due_date=row.action.due_date,
        due_text=due_phrase({"due_text": row.action.due_text,
                             "due_date": row.action.due_date.isoformat()
                             if row.action.due_date else None}),
        status=row.action.status.label.lower(),
        update=carried.latest_update if carried else (row.action.update or ""),
        **_raised(carried.origin if carried else None))
