"""Backups kept in tiers by age within a size budget, over a simulated year of use."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from minute_taker.store.backup_policy import ALL_WITHIN, MB, YOUNG, prune


@dataclass(frozen=True)
class Made:
    taken_at: dt.datetime
    size: int


def meeting_days(year: int) -> set[dt.date]:
    """The 2nd and 4th Tuesday of every month."""
    days = set()
    for month in range(1, 13):
        tuesdays = [dt.date(year, month, d) for d in range(1, 29)
                    if dt.date(year, month, d).weekday() == 1]
        days |= {tuesdays[1], tuesdays[3]}
    return days


def sessions(year: int) -> list[tuple[dt.datetime, int]]:
    """(opened, minutes of editing) as the clerk works: a meeting day is a whole day of
    typing (the meeting, then the minutes); on Mondays and Thursdays the book is opened
    for half an hour (actions, the next agenda); some days not at all."""
    found = []
    day = dt.date(year, 1, 1)
    meetings = meeting_days(year)
    while day.year == year:
        if day in meetings:
            found.append((dt.datetime.combine(day, dt.time(9, 0)), 7 * 60))
        elif day.weekday() in (0, 3):
            found.append((dt.datetime.combine(day, dt.time(14, 0)), 30))
        day += dt.timedelta(days=1)
    return found


def backup_times(year: int) -> list[dt.datetime]:
    """One backup on opening and one after each 15 minutes with edits, as the app does."""
    times = []
    for opened, minutes in sessions(year):
        times.append(opened)
        times += [opened + dt.timedelta(minutes=m) for m in range(15, minutes + 1, 15)]
    return times


def simulate(budget: int | None) -> tuple[list[Made], int]:
    """A year of backups of a book growing from 50 KB to 1.3 MB compressed (xz of a year
    of meetings, benchmarks/backup_bench.py), pruned as each one is made; the backups
    left at year end and the most ever kept at once."""
    kept: list[Made] = []
    times = backup_times(2026)
    most = 0
    for number, when in enumerate(times):
        made = Made(when, 50_000 + int(1.25 * MB * number / len(times)))
        verdict = prune([*kept, made], when, budget)
        assert verdict.keep[0] == made, "the newest backup is always kept"
        assert all(b in verdict.keep for b in kept if when - b.taken_at < YOUNG)
        # Past the last day's copies (which the tiers drop tomorrow), the budget takes
        # the oldest first: nothing it kept from before the last week is older.
        taken = [b.taken_at for b in verdict.over_budget if when - b.taken_at >= ALL_WITHIN]
        if taken:
            last_week = when.date() - dt.timedelta(days=6)
            older = [b.taken_at for b in verdict.keep if b.taken_at.date() < last_week]
            assert all(max(taken) < t for t in older), "the budget takes the oldest first"
        kept = verdict.keep
        most = max(most, sum(b.size for b in kept))
    return kept, most


def ages(kept: list[Made], now: dt.datetime) -> list[dt.timedelta]:
    return [now - b.taken_at for b in kept]


def any_between(kept: list[Made], now: dt.datetime, low: int, high: int) -> bool:
    return any(dt.timedelta(days=low) <= age <= dt.timedelta(days=high)
               for age in ages(kept, now))


def test_a_year_of_backups_keeps_each_tier() -> None:
    kept, most = simulate(budget=None)
    times = backup_times(2026)
    now = times[-1]
    assert len(times) > 1000  # a year of use, not a handful
    in_last_day = [t for t in times if now - t < dt.timedelta(hours=24)]
    assert [b.taken_at for b in kept[:len(in_last_day)]] == sorted(in_last_day, reverse=True)
    for tier_start, tier_end, key in (
            (dt.timedelta(hours=24), dt.timedelta(days=31), lambda t: t.date()),
            (dt.timedelta(days=31), dt.timedelta(weeks=52),
             lambda t: t.isocalendar()[:2])):
        made = {key(t) for t in times if tier_start <= now - t < tier_end}
        left = [key(b.taken_at) for b in kept if tier_start <= now - b.taken_at < tier_end]
        assert len(left) == len(set(left)), "one backup a period"
        # The backup a period keeps can be one whose period is at the tier's edge.
        assert len(made - set(left)) <= 1, "every period that had a backup still has one"
    assert any_between(kept, now, 6, 8) and any_between(kept, now, 28, 33)
    assert any_between(kept, now, 170, 200) and any_between(kept, now, 330, 365)
    # What the old rule (the newest 20) could not do: reach back a month.
    assert not any_between([Made(t, 0) for t in times[-20:]], now, 28, 365)
    assert len(kept) < 120 and most < 200 * MB


def test_a_tight_budget_takes_the_far_past_and_keeps_the_last_week() -> None:
    """40 MB: below the 47 MB the tiers keep at year end (78 MB after a meeting day)."""
    budget = 40 * MB
    kept, most = simulate(budget)
    now = backup_times(2026)[-1]
    assert sum(b.size for b in kept) <= budget and most <= budget
    assert any_between(kept, now, 6, 8) and any_between(kept, now, 28, 33)
    assert any_between(kept, now, 170, 200)  # meeting days did not push out the year
    assert not any_between(kept, now, 250, 365)  # the far past went for the budget


def test_a_budget_too_small_for_a_month_still_keeps_each_day_of_the_last_week() -> None:
    kept, _ = simulate(10 * MB)
    now = backup_times(2026)[-1]
    made_days = {t.date() for t in backup_times(2026) if (now.date() - t.date()).days < 7}
    assert made_days <= {b.taken_at.date() for b in kept}
    assert not any_between(kept, now, 60, 365)


def test_nothing_to_prune() -> None:
    verdict = prune([], dt.datetime(2026, 12, 5), 10 * MB)
    assert verdict.keep == [] and verdict.kept_size == 0 and verdict.floor_over_budget == 0


NOW = dt.datetime(2026, 12, 5, 12, 0)


def made(*hours_ago: float, size: int = MB) -> list[Made]:
    return [Made(NOW - dt.timedelta(hours=h), size) for h in hours_ago]


def test_the_newest_stays_even_alone_over_the_budget() -> None:
    [only] = made(30 * 24)
    verdict = prune([only], NOW, budget=1)
    assert verdict.keep == [only] and verdict.floor_over_budget == MB - 1


def test_backups_of_the_last_minutes_stay_whatever_the_budget() -> None:
    young = made(0.01, 0.02, 0.03)  # minutes old: one may be being made by another window
    old = made(0.5, 1, 2)
    verdict = prune(young + old, NOW, budget=2 * MB)
    assert verdict.keep == young and verdict.over_budget == old[::-1]
    assert verdict.floor_over_budget == MB


def test_a_clock_set_back_keeps_backups_from_the_future() -> None:
    ahead = made(-48, -24)
    assert prune([*ahead, *made(1, 2)], NOW, budget=None).keep[:2] == ahead


def test_the_budget_takes_the_oldest_first_down_to_one_a_day_for_a_week() -> None:
    week = made(*(24 * d + h for d in range(7) for h in (1, 3)))
    month = made(*(24 * d for d in range(10, 30)))
    verdict = prune(week + month, NOW, budget=10 * MB)
    # First the copy of this morning the tiers would drop tomorrow, then the oldest.
    assert verdict.over_budget[0] == week[1]
    assert verdict.over_budget[1:] == month[::-1][:len(verdict.over_budget) - 1]
    assert verdict.kept_size == 10 * MB
    verdict = prune(week + month, NOW, budget=3 * MB)
    # The floor: the newest of each of the last seven days, 7 MB.
    days = {b.taken_at.date() for b in verdict.keep}
    assert len(days) == 7 and verdict.kept_size == 7 * MB
    assert verdict.floor_over_budget == 4 * MB


def test_exactly_at_the_budget_nothing_goes() -> None:
    backups = made(1, 24 * 10, 24 * 20)
    assert prune(backups, NOW, budget=3 * MB).over_budget == []
    assert len(prune(backups, NOW, budget=3 * MB - 1).over_budget) == 1


@pytest.mark.parametrize("days_later", range(0, 60))
def test_a_period_never_loses_its_last_backup_as_it_ages(days_later: int) -> None:
    """The backup kept for a day is the one kept for its week, and for its month."""
    backups = made(*(24 * d + h for d in range(0, 40) for h in (2, 5)))
    kept = prune(backups, NOW, None).keep
    later = NOW + dt.timedelta(days=days_later)
    again = prune(kept, later, None).keep
    weeks = {b.taken_at.isocalendar()[:2] for b in backups}
    assert weeks == {b.taken_at.isocalendar()[:2] for b in again}
