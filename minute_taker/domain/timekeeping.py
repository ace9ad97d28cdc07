"""Time-keeping rules: how long an item ran, and whether it overran its plan."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class ItemTiming:
    started_at: dt.datetime | None  # naive UTC
    ended_at: dt.datetime | None  # naive UTC
    planned_minutes: int | None

    def elapsed_minutes(self, now: dt.datetime) -> int | None:
        """Whole minutes spent on the item (so far, if it is still running)."""
        if self.started_at is None:
            return None
        end = self.ended_at or now
        return max(0, int((end - self.started_at).total_seconds() // 60))

    def overrun_minutes(self, now: dt.datetime) -> int:
        """Minutes beyond the planned duration; 0 when on time or unplanned."""
        elapsed = self.elapsed_minutes(now)
        if elapsed is None or self.planned_minutes is None:
            return 0
        return max(0, elapsed - self.planned_minutes)

    def describe(self, now: dt.datetime,
                 to_local: Callable[[dt.datetime], dt.datetime]) -> str:
        """'Started 10:42 · 12 of 10 min' for the notes heading; '' if never started."""
        if self.started_at is None:
            return ""
        parts = [f"Started {to_local(self.started_at):%H:%M}"]
        if self.ended_at is not None:
            parts[0] += f"\u2013{to_local(self.ended_at):%H:%M}"
        elapsed = self.elapsed_minutes(now)
        if self.planned_minutes is not None:
            parts.append(f"{elapsed} of {self.planned_minutes} min")
        else:
            parts.append(f"{elapsed} min")
        return " \u00b7 ".join(parts)


def utc_to_local(moment: dt.datetime) -> dt.datetime:
    """A stored naive-UTC instant as this computer's local wall-clock time."""
    return moment.replace(tzinfo=dt.UTC).astimezone().replace(tzinfo=None)
