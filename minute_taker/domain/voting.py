"""Recorded (named) votes and the quorum: who could vote on an item, how the minutes
print a named vote, and whether the meeting was quorate.

Who was there for an item follows the attendance: present from the start, or from the
item after the one during which they arrived (they did not hear all of its debate), up
to and including the item after which they left. Only members and named substitutes
vote; officers, guests and those in attendance do not.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from fractions import Fraction

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, VoteChoice
from minute_taker.domain.errors import ValidationError

VOTING_ROLES = (AttendanceRole.MEMBER, AttendanceRole.SUBSTITUTE)
COUNCILLOR = "Cllr"


@dataclass(frozen=True, slots=True)
class Presence:
    """One person's attendance, as far as being there for an item goes."""

    person_id: int
    status: AttendanceStatus
    role: AttendanceRole
    arrived_item_id: int | None = None
    left_item_id: int | None = None


def present_for(people: Sequence[Presence], order: Sequence[int], item_id: int, *,
                voting_only: bool = True) -> list[int]:
    """The people there for the whole of ``item_id`` (``order``: the meeting's items in
    agenda order), members and substitutes only unless ``voting_only`` is False."""
    place = {item: index for index, item in enumerate(order)}
    return [person.person_id for person in people
            if _there(person, place, place[item_id], voting_only=voting_only)]


def _there(person: Presence, place: Mapping[int, int], here: int, *,
           voting_only: bool = True) -> bool:
    """Whether ``person`` was there for the whole of the item at index ``here``."""
    if person.status is not AttendanceStatus.PRESENT:
        return False
    if voting_only and person.role not in VOTING_ROLES:
        return False
    if person.arrived_item_id is not None and place.get(person.arrived_item_id, -1) >= here:
        return False
    return person.left_item_id is None or place.get(person.left_item_id, here) >= here


def first_inquorate(people: Sequence[Presence], order: Sequence[int],
                    needed: int) -> int | None:
    """The first item (of ``order``) for which fewer than ``needed`` voting members were
    there, or None when the meeting was quorate throughout."""
    place = {item: index for index, item in enumerate(order)}  # once, not once an item
    for item_id in order:
        here = place[item_id]
        if sum(_there(person, place, here) for person in people) < needed:
            return item_id
    return None


@dataclass(frozen=True, slots=True)
class Voter:
    """A named vote's line: who (as the minutes name them) and how they voted."""

    name: str
    title: str | None
    vote: VoteChoice


def named_vote_text(voters: Sequence[Voter]) -> str:
    """"For: Cllrs A, B (2). Against: Cllr C (1). Abstained: none." as councils print a
    recorded vote; "Did not vote" only when someone did not."""
    parts = []
    for choice in VoteChoice:
        group = [v for v in voters if v.vote is choice]
        if choice is VoteChoice.DID_NOT_VOTE and not group:
            continue
        parts.append(f"{choice.label}: {_names(group)}.")
    return " ".join(parts)


def _names(group: Sequence[Voter]) -> str:
    if not group:
        return "none"
    if len(group) > 1 and all(v.title == COUNCILLOR for v in group):
        listed = f"{COUNCILLOR}s " + ", ".join(v.name for v in group)
    else:
        listed = ", ".join(f"{v.title} {v.name}" if v.title else v.name for v in group)
    return f"{listed} ({len(group)})"


def counts(votes: Sequence[VoteChoice]) -> tuple[int, int, int]:
    """For, against and abstained, as the decision's counts."""
    return (sum(v is VoteChoice.FOR for v in votes),
            sum(v is VoteChoice.AGAINST for v in votes),
            sum(v is VoteChoice.ABSTAINED for v in votes))


_SHARE = re.compile(r"^(\d+)\s*/\s*(\d+)$")
_OF_MEMBERS = re.compile(r"\s+of\s+(?:the\s+|its\s+)?(?:voting\s+)?members")
_MEMBERS = re.compile(r"\s+(?:of\s+the\s+)?(?:voting\s+)?members?\.?$")
_WORDS = {"a half": Fraction(1, 2), "one half": Fraction(1, 2), "half": Fraction(1, 2),
          "a third": Fraction(1, 3), "one third": Fraction(1, 3),
          "a quarter": Fraction(1, 4), "one quarter": Fraction(1, 4),
          "two thirds": Fraction(2, 3)}
# A share with a floor, as standing orders put it: "one quarter, but not less than 3",
# "1/4 (minimum 3)", "1/4, at least 3".
_FLOOR = re.compile(r"^(?P<share>.+?)[\s,;(]+(?:but\s+|and\s+)?(?:not\s+(?:less|fewer)\s+than"
                    r"|no\s+(?:less|fewer)\s+than|at\s+least|minimum(?:\s+of)?|min\.?)"
                    r"\s+(?P<floor>\d+)(?:\s+(?:voting\s+)?members?)?\s*\)?\.?$")


@dataclass(frozen=True, slots=True)
class Quorum:
    """How many voting members must be there: a number, a share of the membership
    (rounded up), or a share with a floor ("one quarter, but not less than three", the
    common rule of council standing orders)."""

    share: Fraction | None = None
    at_least: int = 1

    def needed(self, members: int) -> int:
        """How many voting members of ``members`` must be present: a share rounds up,
        and is never fewer than the floor."""
        by_share = math.ceil(self.share * members) if self.share is not None else 0
        return max(1, self.at_least, by_share)


def parse_quorum(text: str | None) -> Quorum | None:
    """A quorum as a committee states it: a number of voting members ("3"), a share of
    them ("1/3", "one third"), or a share with a floor ("1/4, not less than 3"); None
    when none is stated."""
    if text is None or not text.strip():
        return None
    cleaned = _MEMBERS.sub("", " ".join(text.strip().casefold().split()))
    if floor := _FLOOR.match(cleaned):
        share = _share(floor["share"])
        if share is not None and int(floor["floor"]) > 0:
            return Quorum(share, int(floor["floor"]))
    elif cleaned.isdigit() and int(cleaned) > 0:
        return Quorum(at_least=int(cleaned))
    elif (share := _share(cleaned)) is not None:
        return Quorum(share)
    raise ValidationError(f"“{text.strip()}” is not a quorum: give a number of voting "
                          "members (3), a share of them (1/3), or a share and the fewest "
                          "it may be (1/4, not less than 3).")


def _share(text: str) -> Fraction | None:
    text = _OF_MEMBERS.sub("", text)  # "one quarter of the voting members"
    if found := _SHARE.match(text.strip()):
        top, bottom = int(found[1]), int(found[2])
        return Fraction(top, bottom) if 0 < top <= bottom else None
    return _WORDS.get(text.strip())

