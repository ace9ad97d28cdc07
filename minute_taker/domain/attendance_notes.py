"""How minutes word attendance: capacities, comings and goings, named substitutes.

Printed minutes name a senior officer by role ("The ACC left the meeting after
item 1.2") and anyone else by name ("Cllr Tony Miller arrived during item 5").
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

Movement = Literal["arrived", "left"]


def capacity_label(role: str | None, abbreviation: str | None) -> str | None:
    """"Deputy Chief Constable (DCC)", as an attendance list prints a capacity."""
    role = (role or "").strip()
    abbreviation = (abbreviation or "").strip()
    if role and abbreviation and not role.endswith(f"({abbreviation})"):
        return f"{role} ({abbreviation})"
    return role or abbreviation or None


def movement_subject(name: str, abbreviation: str | None) -> str:
    """"The ACC" when the person has an abbreviation, else their name."""
    abbreviation = (abbreviation or "").strip()
    return f"The {abbreviation}" if abbreviation else name


def movement_sentence(subject: str, kind: Movement, item_number: str | None,
                      at: dt.time | None) -> str | None:
    """The sentence for one arrival or departure; None when nothing was recorded.

    The item is what minutes print; the clock time only stands in when no item
    was recorded.
    """
    if kind == "arrived":
        if item_number:
            return f"{subject} arrived during item {item_number}."
        return f"{subject} arrived at {at:%H:%M}." if at else None
    if item_number:
        return f"{subject} left the meeting after item {item_number}."
    return f"{subject} left the meeting at {at:%H:%M}." if at else None


def substitution_sentence(substitute: str, member: str) -> str:
    """"Cllr Tony Miller for Cllr Stephen Mackay", as the named-substitutes item lists them."""
    return f"{substitute} for {member}"
