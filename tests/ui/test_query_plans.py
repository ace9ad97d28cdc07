"""Every query the window runs finds its rows through an index, not by reading a whole
table that grows with the years (issue 15, point 4).

The outstanding-action lookup scanned the action table once per candidate action
(``carried_from_id`` had no index): 4.8 ms for a year, 1.1 s for sixteen. Here the real
window opens meetings of a book holding two years of two committees and walks their
items, every statement it sends is captured, and SQLite's ``EXPLAIN QUERY PLAN`` of each
must not SCAN a table that grows with the book. benchmarks/year_book_bench.py times the
same at 1, 4 and 16 years.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from typing import Any

from sqlalchemy import event

from minute_taker.domain.rules import matters_arising_item
from minute_taker.services import actions, agenda, attendance, committees, meetings, people
from minute_taker.store.book import MinuteBook

# Tables with rows for every meeting, item or action: a full scan costs more each year.
GROWING = ("action", "action_owner", "agenda_item", "attendance", "decision", "declaration",
           "supporting_document", "audit_entry", "approval", "review_dispatch")
# "SCAN action", or an alias SQLAlchemy gave it: "SCAN action_1".
FULL_SCAN = re.compile(rf"^SCAN ({'|'.join(GROWING)})(_\d+)?(\s|$)")


def two_years(path: Path) -> list[int]:
    """Two committees meeting monthly for two years, with people, items, attendance and
    actions carried forward from meeting to meeting; the meeting ids."""
    ids = []
    with MinuteBook.open(path, actor="Clerk") as book:
        members = [people.create_person(book, f"Member {n}", abbreviation=f"M{n}")
                   for n in range(8)]
        for name in ("Police and Crime Panel", "Audit Committee"):
            committee = committees.create_committee(book, name)
            for month in range(24):
                date = dt.date(2025 + month // 12, month % 12 + 1, 12)
                meeting = meetings.create_meeting(book, committee.id, f"{name} {date}", date)
                ids.append(meeting.id)
                for person in members:
                    attendance.record_attendance(book, meeting.id, person.id)
                for n in range(4):
                    agenda.add_item(book, meeting.id, f"Report {n}")
                outstanding = actions.list_outstanding(book, meeting.id)
                item = matters_arising_item(agenda.list_items(book, meeting.id))
                assert item is not None
                actions.carry_forward(book, meeting.id, [a.id for a in outstanding], item.id)
                for n in range(3):
                    actions.capture_action(book, meeting.id, f"Action {n}", owner_text="M1")
    return ids


def test_the_window_reads_a_grown_book_through_indexes(  # type: ignore[no-untyped-def]
        qtbot, open_window, tmp_path: Path) -> None:
    path = tmp_path / "two-years.minutebook"
    ids = two_years(path)
    window = open_window(path)
    statements: dict[str, Any] = {}

    def capture(_conn, _cursor, statement, parameters, _context, _many) -> None:  # type: ignore[no-untyped-def]
        if statement.lstrip().upper().startswith("SELECT"):
            statements.setdefault(statement, parameters)

    engine = window.context.book.engine
    event.listen(engine, "before_cursor_execute", capture)
    try:
        for meeting_id in (ids[0], ids[23], ids[-1]):  # first, middle, last
            window.context.open_meeting(meeting_id)
            for item in agenda.list_items(window.context.book, meeting_id):
                window.context.set_current_item(item.id)
                qtbot.wait(1)
        window.actions_panel.tabs.setCurrentIndex(1)  # the outstanding actions
        qtbot.wait(10)
    finally:
        event.remove(engine, "before_cursor_execute", capture)
    assert len(statements) > 20

    scans = {}
    with engine.connect() as connection:
        for statement, parameters in statements.items():
            plan = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}",
                                              parameters).all()
            found = [row[-1] for row in plan if FULL_SCAN.match(row[-1])]
            if found:
                scans[" ".join(statement.split())[:160]] = found
    assert scans == {}
