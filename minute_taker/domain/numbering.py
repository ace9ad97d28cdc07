"""Agenda numbering: the numbers a committee's scheme gives to an item tree."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TypeVar

from minute_taker.domain.enums import NumberingScheme

K = TypeVar("K", bound=Hashable)

_ROMAN = [(10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i")]


def roman(n: int) -> str:
    """Lower-case roman numeral, as used for third-level items: 5a(iii)."""
    if n < 1:
        raise ValueError("roman numerals start at 1")
    out = []
    for value, glyphs in ((1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"),
                          (90, "xc"), (50, "l"), (40, "xl"), *_ROMAN):
        while n >= value:
            out.append(glyphs)
            n -= value
    return "".join(out)


def letters(n: int) -> str:
    """a..z, then aa, ab ... like spreadsheet columns, for the 27th sub-item and beyond."""
    if n < 1:
        raise ValueError("letters start at 1")
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(ord("a") + rem) + out
    return out


def child_number(scheme: NumberingScheme, parent: str, depth: int, index: int) -> str:
    """The number of the index-th (1-based) child at depth (1 = top level's children)."""
    if scheme is NumberingScheme.DECIMAL:
        return f"{parent}.{index}"
    if depth == 1:
        return f"{parent}({letters(index)})" if scheme is NumberingScheme.CONTINUOUS \
            else f"{parent}{letters(index)}"
    if depth == 2:
        return f"{parent}({roman(index)})"
    return f"{parent}.{index}"


def compute_numbers(
    scheme: NumberingScheme,
    children_of: Mapping[K | None, Sequence[K]],
    start: int = 1,
) -> dict[K, str]:
    """Number every item reachable from the roots (``children_of[None]``), in order.

    ``start`` is the first top-level number: 1 for decimal and number-and-letter
    schemes, the continuation of the previous meeting for continuous numbering.
    """
    numbers: dict[K, str] = {}

    def walk(parent_key: K, parent_number: str, depth: int) -> None:
        for index, key in enumerate(children_of.get(parent_key, ()), start=1):
            numbers[key] = child_number(scheme, parent_number, depth, index)
            walk(key, numbers[key], depth + 1)

    for offset, key in enumerate(children_of.get(None, ())):
        numbers[key] = str(start + offset)
        walk(key, numbers[key], 1)
    return numbers


@dataclass(frozen=True, slots=True)
class SeriesMeeting:
    """One meeting of a continuously numbered committee, as the series planner sees it.

    ``fixed_start`` is set for minutes whose numbers stand (approved, or out with the
    chair for review): the planner never moves them. ``pinned_start`` is a draft's first
    number set by hand, followed unless it would repeat a number. ``label`` names the
    minutes in a note: "the approved minutes of 10 March 2026".
    """

    key: int
    count: int  # top-level items: the numbers the meeting uses
    label: str
    fixed_start: int | None = None
    pinned_start: int | None = None


@dataclass(frozen=True, slots=True)
class SeriesPlan:
    """Where each meeting's numbers start, and a note for every draft that could not
    take the next number in date order (saying what it took instead, and why)."""

    starts: dict[int, int] = field(default_factory=dict)
    notes: dict[int, str] = field(default_factory=dict)
    # What the wanted numbers themselves clash with: why a hand-set start is refused.
    clashes: dict[int, str] = field(default_factory=dict)


def plan_series(first: int, meetings: Sequence[SeriesMeeting]) -> SeriesPlan:
    """The first number of every meeting of a continuous series, given in date order.

    Fixed minutes keep their numbers and reserve them, wherever they fall. Each draft
    carries on from the meeting before it (or from its hand-set start), so drafts run
    without gaps or repeats; a draft whose numbers would repeat ones already used (it is
    dated before fixed minutes, or earlier drafts grew into its hand-set start) skips
    forward past them, and its note says so. A repeated number is never planned.
    """
    taken: list[tuple[int, int, SeriesMeeting]] = [
        (m.fixed_start, m.fixed_start + m.count - 1, m) for m in meetings
        if m.fixed_start is not None and m.count]
    plan = SeriesPlan()
    cursor = first
    for meeting in meetings:
        if meeting.fixed_start is not None:
            plan.starts[meeting.key] = meeting.fixed_start
            cursor = meeting.fixed_start + meeting.count  # a clash is skipped below
            continue
        wanted = meeting.pinned_start if meeting.pinned_start is not None else cursor
        start, skipped = _first_free(wanted, meeting.count, taken)
        plan.starts[meeting.key] = start
        by_hand = meeting.pinned_start is not None
        # Following a draft that skipped ahead is the series running on: worth no note.
        if skipped and (by_hand or any(r[2].fixed_start is not None
                                       for step in skipped for r in step)):
            plan.clashes[meeting.key] = _clash(skipped[0])
            instead = f", not {wanted} as set by hand" if by_hand else ""
            everything = _clash([r for step in skipped for r in step])
            plan.notes[meeting.key] = f"Numbered from {start}{instead}: {everything}."
        if meeting.count:
            taken.append((start, start + meeting.count - 1, meeting))
        cursor = start + meeting.count
    return plan


def _first_free(start: int, count: int, taken: Sequence[tuple[int, int, SeriesMeeting]]
                ) -> tuple[int, list[list[tuple[int, int, SeriesMeeting]]]]:
    """The first start at or after ``start`` whose ``count`` numbers are all free, with the
    ranges skipped to reach it, step by step."""
    skipped: list[list[tuple[int, int, SeriesMeeting]]] = []
    while count:
        clashes = [r for r in taken if r[0] <= start + count - 1 and start <= r[1]]
        if not clashes:
            break
        skipped.append(clashes)
        start = max(high for _low, high, _m in clashes) + 1
    return start, skipped


def _clash(blockers: Sequence[tuple[int, int, SeriesMeeting]]) -> str:
    """The clash in words: items 435–448 are used by the approved minutes of 10 March 2026."""
    low = min(r[0] for r in blockers)
    high = max(r[1] for r in blockers)
    used = f"item {low} is" if low == high else f"items {low}\u2013{high} are"
    labels: list[str] = []
    for _low, _high, other in sorted(blockers, key=lambda r: r[0]):
        if other.label not in labels:
            labels.append(other.label)
    whose = " and ".join(labels) if len(labels) <= 2 else f"{labels[0]} to {labels[-1]}"
    return f"{used} used by {whose}"
