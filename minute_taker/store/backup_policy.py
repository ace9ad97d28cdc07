"""Which backups to keep: tiers by age, then a size budget.

A pure function of the backups' times and sizes and the time now (no files, no clock), so
a whole year of backups can be pruned in a test in milliseconds, exactly as the app
prunes them one backup at a time.

Tiers: every backup of the last 24 hours (an edit undone by mistake an hour ago), the
newest of each day for 31 days, of each ISO week for 52 weeks, of each month before
that. A backup is placed in a tier by its own age and kept if it is the newest in its
period, so the one kept for a day is also the one kept for its week once it is old
enough: ageing never leaves a period without a backup while it had one.

The budget comes after the tiers. Over it, first go the backups of the last 24 hours
that are not the newest of their day, oldest first: the tiers drop them within a day
anyway, and a long meeting day (some 30 backups) must not push out the year behind it
for their sake. Then the oldest kept backups go (the far past matters least), but never
the newest, one younger than a few minutes (it may be the one just made, or one another
window is making), or the newest of each of the last seven days. Those are the floor;
if they alone are over the budget they stay, and the caller is told by how much.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from typing import Generic, Protocol, TypeVar

MB = 1024 * 1024
DEFAULT_BUDGET = 200 * MB
YOUNG = dt.timedelta(minutes=5)
ALL_WITHIN = dt.timedelta(hours=24)
DAILY_WITHIN = dt.timedelta(days=31)
WEEKLY_WITHIN = dt.timedelta(weeks=52)
FLOOR_DAYS = 7

POLICY = ("Kept: every backup of the last day, then one a day for a month, one a week for "
          "a year and one a month before that; over the budget, the oldest go first.")


class Dated(Protocol):
    @property
    def taken_at(self) -> dt.datetime: ...

    @property
    def size(self) -> int: ...


B = TypeVar("B", bound=Dated)


@dataclass(frozen=True, slots=True)
class Pruning(Generic[B]):
    keep: list[B]  # newest first
    expired: list[B]  # past their tier: a newer backup stands for their period
    over_budget: list[B]  # kept by age, dropped for the budget, in that order
    kept_size: int
    floor_over_budget: int  # bytes the floor alone is over the budget (0: within it)


def _period(taken_at: dt.datetime, now: dt.datetime) -> Hashable:
    """The period a backup stands for at its age; the newest in each period is kept."""
    age = now - taken_at
    if age < ALL_WITHIN:
        return ("moment", taken_at)
    if age < DAILY_WITHIN:
        return ("day", taken_at.date())
    if age < WEEKLY_WITHIN:
        year, week, _ = taken_at.isocalendar()
        return ("week", year, week)
    return ("month", taken_at.year, taken_at.month)


def _floor(newest_first: Sequence[B], now: dt.datetime) -> set[int]:
    """Indexes of what the budget never removes: the newest, the young, and the newest of
    each of the last ``FLOOR_DAYS`` calendar days."""
    protected = {0} if newest_first else set()
    first_day = now.date() - dt.timedelta(days=FLOOR_DAYS - 1)
    seen_days: set[dt.date] = set()
    for index, backup in enumerate(newest_first):
        if now - backup.taken_at < YOUNG:
            protected.add(index)
        day = backup.taken_at.date()
        if day >= first_day and day not in seen_days:
            seen_days.add(day)
            protected.add(index)
    return protected


def _budget_order(newest_first: Sequence[B], now: dt.datetime) -> list[int]:
    """Indexes in the order the budget removes them: the last day's backups that will
    expire tomorrow, then all, oldest first."""
    oldest_first = list(range(len(newest_first) - 1, -1, -1))
    newest_of_day = {b.taken_at.date(): i for i, b in reversed(list(enumerate(newest_first)))}
    soon_gone = [i for i in oldest_first if now - newest_first[i].taken_at < ALL_WITHIN
                 and newest_of_day[newest_first[i].taken_at.date()] != i]
    return soon_gone + [i for i in oldest_first if i not in set(soon_gone)]


def prune(backups: Sequence[B], now: dt.datetime, budget: int | None = DEFAULT_BUDGET
          ) -> Pruning[B]:
    """Split ``backups`` into those to keep and those to delete (see the module's text).

    ``budget`` is in bytes; None keeps whatever the tiers keep.
    """
    newest_first = sorted(backups, key=lambda b: b.taken_at, reverse=True)
    kept: list[B] = []
    expired: list[B] = []
    periods: set[Hashable] = set()
    for index, backup in enumerate(newest_first):
        period = _period(backup.taken_at, now)
        if index == 0 or now - backup.taken_at < YOUNG or period not in periods:
            kept.append(backup)
        else:
            expired.append(backup)
        periods.add(period)
    size = sum(b.size for b in kept)
    floor = _floor(kept, now)
    dropped: list[int] = []
    if budget is not None:
        for index in _budget_order(kept, now):
            if size <= budget:
                break
            if index not in floor:
                dropped.append(index)
                size -= kept[index].size
    over = max(0, size - budget) if budget is not None else 0
    return Pruning(keep=[b for i, b in enumerate(kept) if i not in set(dropped)],
                   expired=expired, over_budget=[kept[i] for i in dropped],
                   kept_size=size, floor_over_budget=over)
