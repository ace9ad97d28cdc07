"""Recorded votes and the quorum: who was there for an item, how a named vote prints
(issue 17, points 7 and 11)."""

from __future__ import annotations

from fractions import Fraction

import pytest

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, VoteChoice
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.voting import (
    Presence,
    Quorum,
    Voter,
    named_vote_text,
    parse_quorum,
    present_for,
)

ORDER = [10, 11, 12, 20, 30]  # items 1, 1.1, 1.2, 2, 3
PRESENT, MEMBER = AttendanceStatus.PRESENT, AttendanceRole.MEMBER


def test_who_was_there_for_an_item() -> None:
    people = [
        Presence(1, PRESENT, MEMBER),
        Presence(2, PRESENT, MEMBER, left_item_id=12),  # left after item 1.2
        Presence(3, PRESENT, MEMBER, arrived_item_id=20),  # arrived during item 2
        Presence(4, PRESENT, AttendanceRole.SUBSTITUTE),
        Presence(5, PRESENT, AttendanceRole.OFFICER),
        Presence(6, PRESENT, AttendanceRole.IN_ATTENDANCE),
        Presence(7, AttendanceStatus.APOLOGIES, MEMBER),
    ]
    assert present_for(people, ORDER, 12) == [1, 2, 4]
    assert present_for(people, ORDER, 20) == [1, 4]  # 3 heard only part of item 2
    assert present_for(people, ORDER, 30) == [1, 3, 4]
    assert present_for(people, ORDER, 30, voting_only=False) == [1, 3, 4, 5, 6]


def test_a_named_vote_prints_as_councils_print_it() -> None:
    voters = [Voter("Amos", "Cllr", VoteChoice.FOR), Voter("Baker", "Cllr", VoteChoice.FOR),
              Voter("Cole", "Cllr", VoteChoice.AGAINST)]
    assert named_vote_text(voters) == (
        "For: Cllrs Amos, Baker (2). Against: Cllr Cole (1). Abstained: none.")
    mixed = [Voter("Ward", "Colonel", VoteChoice.ABSTAINED), Voter("Amos", "Cllr", VoteChoice.FOR),
             Voter("Jo Smith", None, VoteChoice.ABSTAINED),
             Voter("Dee", "Cllr", VoteChoice.DID_NOT_VOTE)]
    assert named_vote_text(mixed) == (
        "For: Cllr Amos (1). Against: none. Abstained: Colonel Ward, Jo Smith (2). "
        "Did not vote: Cllr Dee (1).")


@pytest.mark.parametrize(("text", "quorum"), [
    ("3", Quorum(at_least=3)), ("3 members", Quorum(at_least=3)),
    ("1/3", Quorum(Fraction(1, 3))), (" 1 / 4 ", Quorum(Fraction(1, 4))),
    ("one third", Quorum(Fraction(1, 3))),
    ("1/4, not less than 3", Quorum(Fraction(1, 4), 3)),
    ("One quarter but not less than 3 voting members", Quorum(Fraction(1, 4), 3)),
    ("one quarter of the members, but no fewer than 3", Quorum(Fraction(1, 4), 3)),
    ("1/4 (minimum 3)", Quorum(Fraction(1, 4), 3)),
    ("a third, at least 4.", Quorum(Fraction(1, 3), 4)),
    ("", None), (None, None)])
def test_a_quorum_as_committees_state_it(text: str | None, quorum: object) -> None:
    assert parse_quorum(text) == quorum


@pytest.mark.parametrize("text", ["0", "4/3", "most", "-2", "1/4, not less than 0",
                                  "3, not less than 3", "1/4 not less than"])
def test_a_quorum_that_is_not_one_is_refused(text: str) -> None:
    with pytest.raises(ValidationError, match="not a quorum"):
        parse_quorum(text)


def test_a_share_of_the_members_rounds_up() -> None:
    assert Quorum(Fraction(1, 3)).needed(10) == 4
    assert Quorum(Fraction(1, 3)).needed(9) == 3
    assert Quorum(at_least=3).needed(10) == 3
    assert Quorum(Fraction(1, 4)).needed(0) == 1


def test_a_share_is_never_fewer_than_its_floor() -> None:
    """A panel of ten, "one quarter, but not less than 3": three, not 2.5 rounded up;
    of twenty, five."""
    quorum = Quorum(Fraction(1, 4), 3)
    assert (quorum.needed(10), quorum.needed(20), quorum.needed(4)) \
        == (3, 5, 3)
