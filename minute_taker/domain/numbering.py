"""Agenda numbering: the numbers a committee's scheme gives to an item tree."""

from __future__ import annotations

from collections.abc import Hashable, Mapping, Sequence
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
