"""Between Python's string indices (code points) and Qt's (UTF-16 code units).

They differ only after a character outside the Basic Multilingual Plane (an emoji
pasted from an e-mail), but then every later underline or completion would land one
character off.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate

_ASTRAL = re.compile("[\U00010000-\U0010ffff]")


def to_utf16(text: str) -> Callable[[int], int]:
    """A function from an index into ``text`` to the same place in Qt's counting."""
    if _ASTRAL.search(text) is None:
        return _same
    offsets = [0, *accumulate(2 if ord(ch) > 0xFFFF else 1 for ch in text)]
    return offsets.__getitem__


def from_utf16(text: str, position: int) -> int:
    """The index into ``text`` of Qt's ``position`` (a cursor's ``positionInBlock``)."""
    if _ASTRAL.search(text) is None:
        return position
    units = 0
    for index, ch in enumerate(text):
        if units >= position:
            return index
        units += 2 if ord(ch) > 0xFFFF else 1
    return len(text)


def _same(index: int) -> int:
    return index
