"""Time-keeping: items start and end as the meeting moves on; the meeting opens and closes."""

from __future__ import annotations

import datetime as dt

from minute_taker.domain.timekeeping import ItemTiming
from minute_taker.services import agenda, committees, meetings
from minute_taker.store.book import MinuteBook

T0 = dt.datetime(2017, 10, 31, 10, 30)


def make_meeting(book: MinuteBook) -> tuple[int, list[int]]:
    committee = committees.create_committee(book, "Monthly Assurance Meeting",
                                            standing_items=[])
    meeting = meetings.create_meeting(book, committee.id, "October", dt.date(2017, 10, 31))
    ids = [agenda.add_item(book, meeting.id, title).id for title in ("One", "Two", "Three")]
    return meeting.id, ids


def timings(book: MinuteBook, meeting_id: int) -> list[tuple[object, object]]:
    return [(n.started_at, n.ended_at) for n in agenda.list_items(book, meeting_id)]


def test_moving_on_ends_the_running_item_and_starts_the_next(book: MinuteBook) -> None:
    meeting_id, (one, two, three) = make_meeting(book)
    agenda.take_up_item(book, meeting_id, one, T0)
    agenda.take_up_item(book, meeting_id, two, T0 + dt.timedelta(minutes=12))
    assert timings(book, meeting_id) == [
        (T0, T0 + dt.timedelta(minutes=12)), (T0 + dt.timedelta(minutes=12), None),
        (None, None)]
    # Going back to item one keeps its first start and reopens it; two ends.
    agenda.take_up_item(book, meeting_id, one, T0 + dt.timedelta(minutes=20))
    assert timings(book, meeting_id)[:2] == [
        (T0, None), (T0 + dt.timedelta(minutes=12), T0 + dt.timedelta(minutes=20))]
    agenda.take_up_item(book, meeting_id, None, T0 + dt.timedelta(minutes=25))
    assert all(end is not None for start, end in timings(book, meeting_id) if start)
    assert three


def test_start_and_close_record_wall_clock_times(book: MinuteBook) -> None:
    meeting_id, (one, _two, _three) = make_meeting(book)
    header = meetings.record_start(book, meeting_id, T0 + dt.timedelta(seconds=42))
    assert header.start_time == dt.time(10, 30)
    agenda.take_up_item(book, meeting_id, one, T0)
    later = meetings.record_start(book, meeting_id, T0 + dt.timedelta(hours=1))
    assert later.start_time == dt.time(10, 30)  # a start already recorded is kept
    closed = meetings.record_close(book, meeting_id, T0 + dt.timedelta(hours=2),
                                   T0 + dt.timedelta(hours=2))
    assert closed.end_time == dt.time(12, 30)
    assert timings(book, meeting_id)[0] == (T0, T0 + dt.timedelta(hours=2))


def test_item_timing_elapsed_and_overrun() -> None:
    timing = ItemTiming(T0, None, planned_minutes=10)
    now = T0 + dt.timedelta(minutes=12, seconds=30)
    assert timing.elapsed_minutes(now) == 12
    assert timing.overrun_minutes(now) == 2
    assert timing.describe(now, lambda moment: moment) == "Started 10:30 \u00b7 12 of 10 min"
    finished = ItemTiming(T0, T0 + dt.timedelta(minutes=5), planned_minutes=None)
    assert finished.overrun_minutes(now) == 0
    assert finished.describe(now, lambda moment: moment) == "Started 10:30\u201310:35 \u00b7 5 min"
    assert ItemTiming(None, None, 5).describe(now, lambda m: m) == ""


def test_a_start_from_another_day_is_replaced_when_the_item_is_taken_up(
        book: MinuteBook) -> None:
    meeting_id, (one, _two, _three) = make_meeting(book)
    agenda.take_up_item(book, meeting_id, one, T0)
    next_day = T0 + dt.timedelta(days=1, hours=1)
    agenda.take_up_item(book, meeting_id, one, next_day)
    assert timings(book, meeting_id)[0] == (next_day, None)
