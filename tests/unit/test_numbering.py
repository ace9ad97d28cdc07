"""Agenda numbering: every scheme, deep trees, and the properties any tree must keep."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from minute_taker.domain.enums import NumberingScheme
from minute_taker.domain.numbering import (
    SeriesMeeting,
    child_number,
    compute_numbers,
    letters,
    plan_series,
    roman,
)

DECIMAL = NumberingScheme.DECIMAL
NUMBER_LETTER = NumberingScheme.NUMBER_LETTER
CONTINUOUS = NumberingScheme.CONTINUOUS


def chain(depth: int) -> dict[str | None, list[str]]:
    """One item at each level: a, then b under a, c under b..."""
    names = [chr(ord("a") + i) for i in range(depth)]
    tree: dict[str | None, list[str]] = {None: [names[0]]}
    for parent, child in zip(names, names[1:], strict=False):
        tree[parent] = [child]
    return tree


@pytest.mark.parametrize(("n", "expected"), [
    (1, "i"), (2, "ii"), (3, "iii"), (4, "iv"), (5, "v"), (6, "vi"), (9, "ix"), (10, "x"),
    (14, "xiv"), (19, "xix"), (40, "xl"), (49, "xlix"), (90, "xc"), (400, "cd"),
    (1994, "mcmxciv"), (2024, "mmxxiv"),
])
def test_roman_numerals(n: int, expected: str) -> None:
    assert roman(n) == expected


@pytest.mark.parametrize("n", [0, -1])
def test_roman_numerals_start_at_one(n: int) -> None:
    with pytest.raises(ValueError, match="start at 1"):
        roman(n)


@pytest.mark.parametrize(("n", "expected"), [
    (1, "a"), (2, "b"), (26, "z"), (27, "aa"), (28, "ab"), (52, "az"), (53, "ba"),
    (702, "zz"), (703, "aaa"),
])
def test_letters_run_on_past_z_like_spreadsheet_columns(n: int, expected: str) -> None:
    assert letters(n) == expected


@pytest.mark.parametrize("n", [0, -5])
def test_letters_start_at_one(n: int) -> None:
    with pytest.raises(ValueError, match="start at 1"):
        letters(n)


@pytest.mark.parametrize(("scheme", "parent", "depth", "index", "expected"), [
    (DECIMAL, "1", 1, 1, "1.1"),
    (DECIMAL, "1.2", 2, 3, "1.2.3"),
    (DECIMAL, "1.2.3", 3, 10, "1.2.3.10"),
    (NUMBER_LETTER, "5", 1, 1, "5a"),
    (NUMBER_LETTER, "5", 1, 27, "5aa"),
    (NUMBER_LETTER, "5a", 2, 1, "5a(i)"),
    (NUMBER_LETTER, "5a", 2, 4, "5a(iv)"),
    (NUMBER_LETTER, "5a(iv)", 3, 2, "5a(iv).2"),
    (CONTINUOUS, "233", 1, 1, "233(a)"),
    (CONTINUOUS, "233", 1, 26, "233(z)"),
    (CONTINUOUS, "233(b)", 2, 9, "233(b)(ix)"),
    (CONTINUOUS, "233(b)(ix)", 3, 1, "233(b)(ix).1"),
])
def test_child_number(scheme: NumberingScheme, parent: str, depth: int, index: int,
                      expected: str) -> None:
    assert child_number(scheme, parent, depth, index) == expected


def test_decimal_numbers_a_flat_agenda_from_one() -> None:
    tree = {None: ["welcome", "apologies", "minutes"]}
    assert compute_numbers(DECIMAL, tree) == {"welcome": "1", "apologies": "2", "minutes": "3"}


def test_decimal_numbers_outstanding_matters_as_in_the_assurance_notes() -> None:
    tree = {None: ["outstanding", "risks"], "outstanding": ["psd", "telford"]}
    assert compute_numbers(DECIMAL, tree) == {
        "outstanding": "1", "psd": "1.1", "telford": "1.2", "risks": "2",
    }


def test_number_letter_numbers_holding_to_account_as_5a_5b_5c() -> None:
    tree = {None: ["aob1", "aob2", "aob3", "aob4", "hta"], "hta": ["perf", "strategic", "hmic"],
            "perf": ["dvpn", "hate"]}
    numbers = compute_numbers(NUMBER_LETTER, tree)
    assert numbers["hta"] == "5"
    assert [numbers[k] for k in ("perf", "strategic", "hmic")] == ["5a", "5b", "5c"]
    assert [numbers[k] for k in ("dvpn", "hate")] == ["5a(i)", "5a(ii)"]


def test_continuous_numbering_starts_where_the_previous_meeting_ended() -> None:
    tree = {None: ["apologies", "minutes", "report"], "report": ["finance", "people"]}
    assert compute_numbers(CONTINUOUS, tree, start=233) == {
        "apologies": "233", "minutes": "234", "report": "235",
        "finance": "235(a)", "people": "235(b)",
    }


@pytest.mark.parametrize(("scheme", "expected"), [
    (DECIMAL, ["1", "1.1", "1.1.1", "1.1.1.1", "1.1.1.1.1", "1.1.1.1.1.1"]),
    (NUMBER_LETTER, ["1", "1a", "1a(i)", "1a(i).1", "1a(i).1.1", "1a(i).1.1.1"]),
    (CONTINUOUS, ["1", "1(a)", "1(a)(i)", "1(a)(i).1", "1(a)(i).1.1", "1(a)(i).1.1.1"]),
])
def test_deep_nesting(scheme: NumberingScheme, expected: list[str]) -> None:
    numbers = compute_numbers(scheme, chain(6))
    assert [numbers[k] for k in "abcdef"] == expected


@pytest.mark.parametrize(("scheme", "twenty_sixth", "twenty_seventh", "thirtieth"), [
    (NUMBER_LETTER, "4z", "4aa", "4ad"),
    (CONTINUOUS, "4(z)", "4(aa)", "4(ad)"),
    (DECIMAL, "4.26", "4.27", "4.30"),
])
def test_sub_items_past_z(scheme: NumberingScheme, twenty_sixth: str, twenty_seventh: str,
                          thirtieth: str) -> None:
    subs = [f"s{i}" for i in range(1, 31)]
    numbers = compute_numbers(scheme, {None: ["top"], "top": subs}, start=4)
    assert (numbers["s26"], numbers["s27"], numbers["s30"]) == (
        twenty_sixth, twenty_seventh, thirtieth)


def test_third_level_roman_numerals_past_ten() -> None:
    subs = [f"r{i}" for i in range(1, 15)]
    numbers = compute_numbers(NUMBER_LETTER, {None: ["p"], "p": ["q"], "q": subs}, start=7)
    assert [numbers[s] for s in ("r1", "r4", "r9", "r10", "r14")] == [
        "7a(i)", "7a(iv)", "7a(ix)", "7a(x)", "7a(xiv)"]


@pytest.mark.parametrize("scheme", list(NumberingScheme))
def test_start_offset_moves_top_level_numbers_only(scheme: NumberingScheme) -> None:
    tree = {None: ["a", "b"], "b": ["c"]}
    from_one = compute_numbers(scheme, tree)
    from_ten = compute_numbers(scheme, tree, start=10)
    assert (from_ten["a"], from_ten["b"]) == ("10", "11")
    assert from_ten["c"] == "11" + from_one["c"][1:]


@pytest.mark.parametrize("scheme", list(NumberingScheme))
def test_empty_agenda_has_no_numbers(scheme: NumberingScheme) -> None:
    assert compute_numbers(scheme, {}) == {}
    assert compute_numbers(scheme, {None: []}, start=99) == {}


def test_items_not_reachable_from_the_roots_get_no_number() -> None:
    tree = {None: ["a"], "orphan-parent": ["orphan"]}
    assert compute_numbers(DECIMAL, tree) == {"a": "1"}


def test_integer_keys_are_numbered_in_the_given_order_not_sorted() -> None:
    tree: dict[int | None, list[int]] = {None: [30, 10, 20], 10: [5, 1]}
    assert compute_numbers(DECIMAL, tree) == {30: "1", 10: "2", 20: "3", 5: "2.1", 1: "2.2"}


# --- properties over random trees -------------------------------------------------------

_ROMAN_VALUES = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100, "d": 500, "m": 1000}


def from_roman(text: str) -> int:
    total = 0
    for here, after in zip(text, [*text[1:], ""], strict=True):
        value = _ROMAN_VALUES[here]
        total += -value if after and _ROMAN_VALUES[after] > value else value
    return total


def from_letters(text: str) -> int:
    total = 0
    for ch in text:
        total = total * 26 + ord(ch) - ord("a") + 1
    return total


def ordinal(scheme: NumberingScheme, depth: int, suffix: str) -> int:
    """Read back the 1-based index a child's number suffix encodes (an independent parser)."""
    if match := re.fullmatch(r"\.(\d+)", suffix):
        assert scheme is DECIMAL or depth >= 3, suffix
        return int(match.group(1))
    if match := re.fullmatch(r"\(([a-z]+)\)", suffix):
        if depth == 2:
            assert scheme is not DECIMAL, suffix
            return from_roman(match.group(1))
        assert scheme is CONTINUOUS and depth == 1, suffix
        return from_letters(match.group(1))
    match = re.fullmatch(r"[a-z]+", suffix)
    assert match and scheme is NUMBER_LETTER and depth == 1, suffix
    return from_letters(suffix)


@st.composite
def trees(draw: st.DrawFn) -> dict[int | None, list[int]]:
    """A random forest: each node's parent is None or an earlier node."""
    size = draw(st.integers(min_value=0, max_value=60))
    children: dict[int | None, list[int]] = {None: []}
    for node in range(size):
        parent = draw(st.one_of(st.none(), st.integers(0, node - 1))) if node else None
        children.setdefault(parent, []).append(node)
    return children


@settings(max_examples=150, deadline=None)
@given(scheme=st.sampled_from(NumberingScheme), tree=trees(),
       start=st.integers(min_value=1, max_value=1000))
def test_numbers_are_unique_and_siblings_are_in_order(
        scheme: NumberingScheme, tree: dict[int | None, list[int]], start: int) -> None:
    numbers = compute_numbers(scheme, tree, start)
    every_node = [n for kids in tree.values() for n in kids]
    assert sorted(numbers) == sorted(every_node)
    assert len(set(numbers.values())) == len(numbers)

    assert [int(numbers[k]) for k in tree[None]] == list(range(start, start + len(tree[None])))

    def check(parent: int, depth: int) -> None:
        prefix = numbers[parent]
        kids = tree.get(parent, [])
        for kid in kids:
            assert numbers[kid].startswith(prefix)
        indices = [ordinal(scheme, depth, numbers[k][len(prefix):]) for k in kids]
        assert indices == list(range(1, len(kids) + 1))
        for kid in kids:
            check(kid, depth + 1)

    for root in tree[None]:
        check(root, 1)


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=3999))
def test_roman_round_trips(n: int) -> None:
    assert from_roman(roman(n)) == n


@settings(max_examples=50, deadline=None)
@given(st.integers(min_value=1, max_value=100_000))
def test_letters_round_trip(n: int) -> None:
    text = letters(n)
    assert text.isalpha() and text.islower()
    assert from_letters(text) == n


def draft(key: int, count: int, pinned: int | None = None) -> SeriesMeeting:
    return SeriesMeeting(key, count, f"the draft minutes of meeting {key}", pinned_start=pinned)


def approved(key: int, count: int, start: int) -> SeriesMeeting:
    return SeriesMeeting(key, count, f"the approved minutes of meeting {key}", fixed_start=start)


def test_series_drafts_run_on_after_the_approved_minutes() -> None:
    plan = plan_series(233, [approved(1, 9, 233), draft(2, 11), draft(3, 0), draft(4, 5)])
    assert plan.starts == {1: 233, 2: 242, 3: 253, 4: 253}
    assert plan.notes == {}


def test_series_draft_before_approved_minutes_skips_their_numbers_and_says_so() -> None:
    plan = plan_series(435, [draft(1, 4), approved(2, 14, 435), draft(3, 6)])
    assert plan.starts == {1: 449, 2: 435, 3: 453}
    assert plan.notes == {1: "Numbered from 449: items 435\u2013448 are used by the approved "
                             "minutes of meeting 2."}
    assert plan.clashes == {1: "items 435\u2013448 are used by the approved minutes of meeting 2"}


def test_series_fits_a_draft_into_room_left_before_approved_minutes() -> None:
    plan = plan_series(1, [approved(1, 3, 1), draft(2, 2), approved(3, 4, 10)])
    assert plan.starts[2] == 4 and plan.notes == {}


def test_series_follows_a_start_set_by_hand_until_it_would_repeat_a_number() -> None:
    assert plan_series(1, [draft(1, 3), draft(2, 2, pinned=10), draft(3, 1)]).starts == {
        1: 1, 2: 10, 3: 12}
    grown = plan_series(1, [draft(1, 11), draft(2, 2, pinned=10), draft(3, 1)])
    assert grown.starts == {1: 1, 2: 12, 3: 14}
    assert grown.notes[2] == ("Numbered from 12, not 10 as set by hand: items 1\u201311 are "
                              "used by the draft minutes of meeting 1.")


@st.composite
def series(draw: st.DrawFn) -> tuple[int, list[SeriesMeeting]]:
    """Meetings in date order: approved ones on numbers that never overlap, drafts anywhere,
    some with a start set by hand."""
    first = draw(st.integers(1, 50))
    out, next_free = [], first
    for key in range(draw(st.integers(0, 12))):
        count = draw(st.integers(0, 8))
        if draw(st.booleans()):
            start = next_free + draw(st.integers(0, 5))
            out.append(approved(key, count, start))
            next_free = start + count
        else:
            out.append(draft(key, count, draw(st.none() | st.integers(1, 120))))
    return first, out


@settings(max_examples=300, deadline=None)
@given(series())
def test_series_never_plans_a_number_twice(case: tuple[int, list[SeriesMeeting]]) -> None:
    first, meetings = case
    plan = plan_series(first, meetings)
    used: list[int] = []
    for meeting in meetings:
        used.extend(range(plan.starts[meeting.key], plan.starts[meeting.key] + meeting.count))
        if meeting.fixed_start is not None:
            assert plan.starts[meeting.key] == meeting.fixed_start
    assert len(used) == len(set(used))


@settings(max_examples=300, deadline=None)
@given(st.integers(1, 500), st.lists(st.integers(0, 9), max_size=12))
def test_series_of_drafts_alone_has_no_gaps(first: int, counts: list[int]) -> None:
    plan = plan_series(first, [draft(key, count) for key, count in enumerate(counts)])
    used = sorted(n for key, count in enumerate(counts)
                  for n in range(plan.starts[key], plan.starts[key] + count))
    assert used == list(range(first, first + sum(counts)))
    assert plan.notes == {}
