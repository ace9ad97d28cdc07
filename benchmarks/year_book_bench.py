"""Years of a committee's actions: the outstanding lookup and opening a meeting in books
of 1, 4 and 16 years, each compared with the 1-year book (issue 15, point 4).

Each book holds one committee meeting monthly; every meeting raises 30 actions and
carries the open ones into the next, where three in four are reported done and the rest
go on (about 800 actions a year, some open for many months). Measured on the last
meeting: ``actions.list_outstanding`` (what the
Outstanding tab and the carry-forward offer read) and opening the meeting the way the
window's panes read it (header, items, this meeting's actions, outstanding actions,
attendance). Linear growth, or better, is the goal: ``growth_16y`` is the 16-year time
over the 1-year time, and sixteen times as many actions would make 16.0 linear. Before
``carried_from_id`` had an index the lookup grew quadratically (1 year 4.8 ms, 16 years
1.1 s).
"""

from __future__ import annotations

import datetime as dt
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

YEARS = (1, 4, 16)
RAISED = 30  # actions raised at each monthly meeting; each open one is carried into the
DONE_EVERY = 4  # next meeting, where three in four are reported done: the rest go on


def _build(path: Path, years: int) -> tuple[int, int]:
    """The book, and (the last meeting's id, the number of actions)."""
    from minute_taker.domain.enums import ActionStatus
    from minute_taker.services import committees, meetings
    from minute_taker.store.book import MinuteBook
    from minute_taker.store.models import Action

    with MinuteBook.open(path, actor="Clerk") as book:
        committee = committees.create_committee(book, "Police and Crime Panel",
                                                standing_items=[])
        open_actions: list[Action] = []
        total = 0
        meeting_id = 0
        for month in range(12 * years):
            date = dt.date(2010 + month // 12, month % 12 + 1, 10)
            meeting_id = meetings.create_meeting(book, committee.id, f"Panel {date}",
                                                 date).id
            with book.unit_of_work() as session:
                carried = [Action(meeting_id=meeting_id, position=n, text=old.text,
                                  owner_text=old.owner_text, carried_from_id=old.id,
                                  status=ActionStatus.OPEN if n % DONE_EVERY == 0
                                  else ActionStatus.DONE)
                           for n, old in enumerate(open_actions)]
                raised = [Action(meeting_id=meeting_id, position=len(carried) + n,
                                 text=f"Action {n} of {date}", owner_text="DCC")
                          for n in range(RAISED)]
                session.add_all([*carried, *raised])
                session.flush()
                open_actions = [a for a in [*carried, *raised] if a.status is ActionStatus.OPEN]
                session.expunge_all()
                total += len(carried) + len(raised)
        return meeting_id, total


def _median_ms(work: Any, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        work()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def bench_year_book(runs: int = 5) -> dict[str, Any]:
    from minute_taker.services import actions, agenda, attendance, meetings
    from minute_taker.store.book import MinuteBook

    figures: dict[str, Any] = {}
    with tempfile.TemporaryDirectory(prefix="minute-taker-years-") as folder:
        for years in YEARS:
            path = Path(folder) / f"{years}y.minutebook"
            last, total = _build(path, years)
            with MinuteBook.open(path) as book:
                def outstanding(book: MinuteBook = book, last: int = last) -> None:
                    actions.list_outstanding(book, last)

                def open_meeting(book: MinuteBook = book, last: int = last) -> None:
                    meetings.get_header(book, last)
                    agenda.list_items(book, last)
                    actions.list_actions(book, last)
                    actions.list_outstanding(book, last)
                    attendance.list_attendance(book, last)

                figures[f"{years}y"] = {
                    "actions": total,
                    "outstanding_ms": round(_median_ms(outstanding, runs), 2),
                    "open_meeting_ms": round(_median_ms(open_meeting, runs), 2),
                }
    base = figures[f"{YEARS[0]}y"]
    for key in ("outstanding_ms", "open_meeting_ms"):
        figures[f"growth_16y_{key[:-3]}"] = round(figures["16y"][key] / base[key], 2)
    figures["actions_growth_16y"] = round(figures["16y"]["actions"] / base["actions"], 2)
    return figures


if __name__ == "__main__":
    import json

    print(json.dumps(bench_year_book(), indent=2))
