"""The agenda tree: adding, indenting, moving and deleting items, and their numbers."""

from __future__ import annotations

import datetime as dt
import tempfile
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minute_taker.domain.enums import DecisionKind, NumberingScheme
from minute_taker.domain.errors import MinuteTakerError, NotFoundError, ValidationError
from minute_taker.domain.numbering import compute_numbers
from minute_taker.domain.records import CommitteeInfo, MeetingHeader
from minute_taker.services import actions, agenda, attendance, committees, decisions, meetings
from minute_taker.store.book import MinuteBook

DECIMAL = NumberingScheme.DECIMAL
NUMBER_LETTER = NumberingScheme.NUMBER_LETTER
CONTINUOUS = NumberingScheme.CONTINUOUS
Outline = Callable[[int], list[tuple[str, str]]]
MakeCommittee = Callable[..., CommitteeInfo]
MakeMeeting = Callable[..., MeetingHeader]

# The assurance meeting of October 2017, by short names.
TREE = [
    ("OM", None), ("PSD", "OM"), ("Telford", "OM"), ("Risks", None), ("COM", None),
    ("HTA", None), ("Perf", "HTA"), ("DVPN", "Perf"), ("Hate", "Perf"), ("Strat", "HTA"),
    ("AOB", None),
]
READING_ORDER = [name for name, _ in TREE]


def build(book: MinuteBook, make_committee: MakeCommittee,
          scheme: NumberingScheme) -> tuple[int, dict[str, int]]:
    committee = make_committee(scheme, number_start=233 if scheme is CONTINUOUS else 1)
    meeting = meetings.create_meeting(book, committee.id, "October 2017", dt.date(2017, 10, 31))
    ids: dict[str, int] = {}
    for name, parent in TREE:
        parent_id = ids[parent] if parent else None
        ids[name] = agenda.add_item(book, meeting.id, name, parent_id=parent_id).id
    return meeting.id, ids


@pytest.fixture(params=list(NumberingScheme), ids=lambda s: s.value)
def scheme(request: pytest.FixtureRequest) -> NumberingScheme:
    return request.param


def split(numbers: str) -> list[str]:
    return numbers.split()


EXPECTED: dict[str, dict[NumberingScheme, tuple[list[str], list[str]]]] = {
    "initial": {
        DECIMAL: (READING_ORDER, split("1 1.1 1.2 2 3 4 4.1 4.1.1 4.1.2 4.2 5")),
        NUMBER_LETTER: (READING_ORDER, split("1 1a 1b 2 3 4 4a 4a(i) 4a(ii) 4b 5")),
        CONTINUOUS: (READING_ORDER, split(
            "233 233(a) 233(b) 234 235 236 236(a) 236(a)(i) 236(a)(ii) 236(b) 237")),
    },
    "indent Risks": {
        DECIMAL: (READING_ORDER, split("1 1.1 1.2 1.3 2 3 3.1 3.1.1 3.1.2 3.2 4")),
        NUMBER_LETTER: (READING_ORDER, split("1 1a 1b 1c 2 3 3a 3a(i) 3a(ii) 3b 4")),
        CONTINUOUS: (READING_ORDER, split(
            "233 233(a) 233(b) 233(c) 234 235 235(a) 235(a)(i) 235(a)(ii) 235(b) 236")),
    },
    "outdent Telford": {
        DECIMAL: (READING_ORDER, split("1 1.1 2 3 4 5 5.1 5.1.1 5.1.2 5.2 6")),
        NUMBER_LETTER: (READING_ORDER, split("1 1a 2 3 4 5 5a 5a(i) 5a(ii) 5b 6")),
        CONTINUOUS: (READING_ORDER, split(
            "233 233(a) 234 235 236 237 237(a) 237(a)(i) 237(a)(ii) 237(b) 238")),
    },
    "shift Telford up": {
        scheme: (["OM", "Telford", "PSD", *READING_ORDER[3:]], numbers)
        for scheme, (_, numbers) in {
            DECIMAL: (None, split("1 1.1 1.2 2 3 4 4.1 4.1.1 4.1.2 4.2 5")),
            NUMBER_LETTER: (None, split("1 1a 1b 2 3 4 4a 4a(i) 4a(ii) 4b 5")),
            CONTINUOUS: (None, split(
                "233 233(a) 233(b) 234 235 236 236(a) 236(a)(i) 236(a)(ii) 236(b) 237")),
        }.items()
    },
    "shift Perf down": {
        scheme: (["OM", "PSD", "Telford", "Risks", "COM", "HTA", "Strat", "Perf", "DVPN",
                  "Hate", "AOB"], numbers)
        for scheme, numbers in {
            DECIMAL: split("1 1.1 1.2 2 3 4 4.1 4.2 4.2.1 4.2.2 5"),
            NUMBER_LETTER: split("1 1a 1b 2 3 4 4a 4b 4b(i) 4b(ii) 5"),
            CONTINUOUS: split(
                "233 233(a) 233(b) 234 235 236 236(a) 236(b) 236(b)(i) 236(b)(ii) 237"),
        }.items()
    },
    "move Hate to the top of OM": {
        scheme: (["OM", "Hate", "PSD", "Telford", "Risks", "COM", "HTA", "Perf", "DVPN",
                  "Strat", "AOB"], numbers)
        for scheme, numbers in {
            DECIMAL: split("1 1.1 1.2 1.3 2 3 4 4.1 4.1.1 4.2 5"),
            NUMBER_LETTER: split("1 1a 1b 1c 2 3 4 4a 4a(i) 4b 5"),
            CONTINUOUS: split(
                "233 233(a) 233(b) 233(c) 234 235 236 236(a) 236(a)(i) 236(b) 237"),
        }.items()
    },
    "move HTA under Risks": {
        scheme: (["OM", "PSD", "Telford", "Risks", "HTA", "Perf", "DVPN", "Hate", "Strat",
                  "COM", "AOB"], numbers)
        for scheme, numbers in {
            DECIMAL: split("1 1.1 1.2 2 2.1 2.1.1 2.1.1.1 2.1.1.2 2.1.2 3 4"),
            NUMBER_LETTER: split("1 1a 1b 2 2a 2a(i) 2a(i).1 2a(i).2 2a(ii) 3 4"),
            CONTINUOUS: split(
                "233 233(a) 233(b) 234 234(a) 234(a)(i) 234(a)(i).1 234(a)(i).2 234(a)(ii) "
                "235 236"),
        }.items()
    },
    "move AOB first": {
        scheme: (["AOB", *READING_ORDER[:-1]], numbers)
        for scheme, numbers in {
            DECIMAL: split("1 2 2.1 2.2 3 4 5 5.1 5.1.1 5.1.2 5.2"),
            NUMBER_LETTER: split("1 2 2a 2b 3 4 5 5a 5a(i) 5a(ii) 5b"),
            CONTINUOUS: split(
                "233 234 234(a) 234(b) 235 236 237 237(a) 237(a)(i) 237(a)(ii) 237(b)"),
        }.items()
    },
    "delete HTA": {
        DECIMAL: (["OM", "PSD", "Telford", "Risks", "COM", "AOB"], split("1 1.1 1.2 2 3 4")),
        NUMBER_LETTER: (["OM", "PSD", "Telford", "Risks", "COM", "AOB"],
                        split("1 1a 1b 2 3 4")),
        CONTINUOUS: (["OM", "PSD", "Telford", "Risks", "COM", "AOB"],
                     split("233 233(a) 233(b) 234 235 236")),
    },
}

OPERATIONS: dict[str, Callable[[MinuteBook, dict[str, int]], object]] = {
    "initial": lambda book, ids: None,
    "indent Risks": lambda book, ids: agenda.indent_item(book, ids["Risks"]),
    "outdent Telford": lambda book, ids: agenda.outdent_item(book, ids["Telford"]),
    "shift Telford up": lambda book, ids: agenda.shift_item(book, ids["Telford"], -1),
    "shift Perf down": lambda book, ids: agenda.shift_item(book, ids["Perf"], +1),
    "move Hate to the top of OM": lambda book, ids: agenda.move_item(book, ids["Hate"],
                                                                     ids["OM"], 0),
    "move HTA under Risks": lambda book, ids: agenda.move_item(book, ids["HTA"],
                                                               ids["Risks"], 0),
    "move AOB first": lambda book, ids: agenda.move_item(book, ids["AOB"], None, 0),
    "delete HTA": lambda book, ids: agenda.delete_item(book, ids["HTA"]),
}


@pytest.mark.parametrize("operation", list(OPERATIONS))
def test_operation_renumbers_for_each_scheme(book: MinuteBook, make_committee: MakeCommittee,
                                             outline: Outline, scheme: NumberingScheme,
                                             operation: str) -> None:
    meeting_id, ids = build(book, make_committee, scheme)
    OPERATIONS[operation](book, ids)
    titles, numbers = EXPECTED[operation][scheme]
    assert outline(meeting_id) == list(zip(numbers, titles, strict=True))


def test_operations_return_the_moved_item(book: MinuteBook,
                                          make_committee: MakeCommittee) -> None:
    _, ids = build(book, make_committee, NUMBER_LETTER)
    indented = agenda.indent_item(book, ids["Risks"])
    assert (indented.number, indented.depth, indented.parent_id, indented.position) == (
        "1c", 1, ids["OM"], 2)
    outdented = agenda.outdent_item(book, ids["Risks"])
    assert (outdented.number, outdented.depth, outdented.parent_id) == ("2", 0, None)
    moved = agenda.move_item(book, ids["COM"], ids["Perf"], 1)
    assert (moved.number, moved.depth, moved.position) == ("3a(ii)", 2, 1)
    shifted = agenda.shift_item(book, ids["COM"], -1)
    assert (shifted.number, shifted.position) == ("3a(i)", 0)
    assert agenda.get_item(book, ids["COM"]) == shifted


def test_depths_in_reading_order(book: MinuteBook, make_committee: MakeCommittee) -> None:
    meeting_id, ids = build(book, make_committee, DECIMAL)
    assert [(i.title, i.depth) for i in agenda.list_items(book, meeting_id)] == [
        ("OM", 0), ("PSD", 1), ("Telford", 1), ("Risks", 0), ("COM", 0), ("HTA", 0),
        ("Perf", 1), ("DVPN", 2), ("Hate", 2), ("Strat", 1), ("AOB", 0)]
    assert agenda.get_item(book, ids["Hate"]).depth == 2


def test_add_after_a_sibling_and_under_a_parent(book: MinuteBook, make_meeting: MakeMeeting,
                                                outline: Outline) -> None:
    meeting = make_meeting()
    first = agenda.add_item(book, meeting.id, "Outstanding matters")
    last = agenda.add_item(book, meeting.id, "Date of next meeting")
    middle = agenda.add_item(book, meeting.id, "Holding to account", after_id=first.id)
    assert (middle.number, middle.position) == ("2", 1)
    agenda.add_item(book, meeting.id, "Telford", parent_id=first.id)
    psd = agenda.add_item(book, meeting.id, "Professional Standards", parent_id=first.id)
    agenda.add_item(book, meeting.id, "Visibility", parent_id=first.id, after_id=psd.id)
    assert outline(meeting.id) == [
        ("1", "Outstanding matters"), ("1.1", "Telford"), ("1.2", "Professional Standards"),
        ("1.3", "Visibility"), ("2", "Holding to account"), ("3", "Date of next meeting")]
    assert agenda.get_item(book, last.id).number == "3"


def test_added_item_fields(book: MinuteBook, make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    item = agenda.add_item(book, meeting.id, "  Police & Crime Plan report  ",
                           description="To consider the report.", presenter="  PCC ",
                           confidential=True, uid="22222222-2222-4222-8222-222222222222")
    assert (item.title, item.description, item.presenter, item.confidential, item.uid) == (
        "Police & Crime Plan report", "To consider the report.", "PCC", True,
        "22222222-2222-4222-8222-222222222222")
    assert agenda.get_item(book, item.id) == item
    assert agenda.add_item(book, meeting.id, "AOB", presenter="   ").presenter is None


@pytest.mark.parametrize("refused", ["blank title", "after a non-sibling", "foreign parent",
                                     "unknown parent", "unknown meeting"])
def test_add_item_refusals_save_nothing(book: MinuteBook, make_meeting: MakeMeeting,
                                        outline: Outline, refused: str) -> None:
    meeting = make_meeting()
    other = make_meeting(title="Another meeting")
    top = agenda.add_item(book, meeting.id, "Outstanding matters")
    sub = agenda.add_item(book, meeting.id, "Telford", parent_id=top.id)
    foreign = agenda.add_item(book, other.id, "Elsewhere")
    before = outline(meeting.id)
    attempts: dict[str, tuple[type[Exception], Callable[[], object]]] = {
        "blank title": (ValidationError, lambda: agenda.add_item(book, meeting.id, "  ")),
        "after a non-sibling": (ValidationError, lambda: agenda.add_item(
            book, meeting.id, "New", after_id=sub.id)),
        "foreign parent": (ValidationError, lambda: agenda.add_item(
            book, meeting.id, "New", parent_id=foreign.id)),
        "unknown parent": (NotFoundError, lambda: agenda.add_item(
            book, meeting.id, "New", parent_id=9999)),
        "unknown meeting": (NotFoundError, lambda: agenda.add_item(book, 9999, "New")),
    }
    error, attempt = attempts[refused]
    with pytest.raises(error):
        attempt()
    assert outline(meeting.id) == before


def test_indent_outdent_and_shift_at_the_edges_are_refused(
        book: MinuteBook, make_committee: MakeCommittee, outline: Outline) -> None:
    meeting_id, ids = build(book, make_committee, DECIMAL)
    before = outline(meeting_id)
    with pytest.raises(ValidationError, match="first item"):
        agenda.indent_item(book, ids["OM"])
    with pytest.raises(ValidationError, match="first item"):
        agenda.indent_item(book, ids["PSD"])
    with pytest.raises(ValidationError, match="top-level"):
        agenda.outdent_item(book, ids["Risks"])
    with pytest.raises(ValidationError, match="edge"):
        agenda.shift_item(book, ids["OM"], -1)
    with pytest.raises(ValidationError, match="edge"):
        agenda.shift_item(book, ids["AOB"], +1)
    with pytest.raises(ValidationError, match="edge"):
        agenda.shift_item(book, ids["Telford"], +1)
    assert outline(meeting_id) == before


def test_indent_takes_sub_items_along(book: MinuteBook, make_committee: MakeCommittee,
                                      outline: Outline) -> None:
    meeting_id, ids = build(book, make_committee, DECIMAL)
    agenda.indent_item(book, ids["HTA"])
    assert outline(meeting_id)[4:10] == [
        ("3", "COM"), ("3.1", "HTA"), ("3.1.1", "Perf"), ("3.1.1.1", "DVPN"),
        ("3.1.1.2", "Hate"), ("3.1.2", "Strat")]


def test_outdent_of_a_deep_item_lands_after_its_parent(
        book: MinuteBook, make_committee: MakeCommittee, outline: Outline) -> None:
    meeting_id, ids = build(book, make_committee, NUMBER_LETTER)
    agenda.outdent_item(book, ids["DVPN"])
    assert outline(meeting_id)[6:10] == [("4a", "Perf"), ("4a(i)", "Hate"), ("4b", "DVPN"),
                                         ("4c", "Strat")]


@pytest.mark.parametrize("target", ["HTA", "Perf", "DVPN"])
def test_an_item_cannot_move_under_itself_or_its_descendants(
        book: MinuteBook, make_committee: MakeCommittee, outline: Outline, target: str) -> None:
    meeting_id, ids = build(book, make_committee, DECIMAL)
    before = outline(meeting_id)
    with pytest.raises(ValidationError, match="under itself"):
        agenda.move_item(book, ids["HTA"], ids[target], 0)
    assert outline(meeting_id) == before


def test_an_item_cannot_move_into_another_meeting(book: MinuteBook,
                                                  make_committee: MakeCommittee,
                                                  outline: Outline) -> None:
    meeting_id, ids = build(book, make_committee, DECIMAL)
    other_id, other_ids = build(book, make_committee, DECIMAL)
    before = outline(meeting_id)
    with pytest.raises(ValidationError, match="another meeting"):
        agenda.move_item(book, ids["Risks"], other_ids["OM"], 0)
    assert outline(meeting_id) == before
    assert len(outline(other_id)) == len(TREE)


@pytest.mark.parametrize(("position", "expected"), [
    (-5, ["COM", "OM", "Risks", "HTA", "AOB"]),
    (-1, ["COM", "OM", "Risks", "HTA", "AOB"]),
    (0, ["COM", "OM", "Risks", "HTA", "AOB"]),
    (3, ["OM", "Risks", "HTA", "COM", "AOB"]),
    (4, ["OM", "Risks", "HTA", "AOB", "COM"]),
    (99, ["OM", "Risks", "HTA", "AOB", "COM"]),
])
def test_move_position_is_among_the_other_siblings_and_clamped(
        book: MinuteBook, make_committee: MakeCommittee, position: int,
        expected: list[str]) -> None:
    meeting_id, ids = build(book, make_committee, DECIMAL)
    agenda.move_item(book, ids["COM"], None, position)
    top = [i for i in agenda.list_items(book, meeting_id) if i.depth == 0]
    assert [i.title for i in top] == expected
    assert [i.number for i in top] == ["1", "2", "3", "4", "5"]
    assert [i.position for i in top] == [0, 1, 2, 3, 4]


def test_delete_takes_sub_items_and_decisions_but_keeps_actions(
        book: MinuteBook, make_committee: MakeCommittee, cast: SimpleNamespace,
        outline: Outline) -> None:
    meeting_id, ids = build(book, make_committee, DECIMAL)
    decisions.record_decision(book, ids["Hate"], DecisionKind.NOTED, "Noted.")
    kept = decisions.record_decision(book, ids["Risks"], DecisionKind.AGREED, "Agreed.")
    action = actions.capture_action(book, meeting_id, "Provide hate crime figures.",
                                    owner_text="DCC", item_id=ids["Hate"])
    attendance.record_attendance(book, meeting_id, cast.acc.id)
    attendance.record_departure(book, meeting_id, cast.acc.id, after_item_id=ids["Perf"],
                                at=dt.time(11, 40))
    attendance.add_declaration(book, meeting_id, cast.acc.id, "Lives in Telford",
                               item_id=ids["DVPN"])

    agenda.delete_item(book, ids["HTA"])

    assert [t for _, t in outline(meeting_id)] == ["OM", "PSD", "Telford", "Risks", "COM",
                                                   "AOB"]
    for name in ("HTA", "Perf", "DVPN", "Hate", "Strat"):
        with pytest.raises(NotFoundError):
            agenda.get_item(book, ids[name])
    assert decisions.list_decisions(book, ids["Hate"]) == []
    assert decisions.list_decisions(book, ids["Risks"]) == [kept]
    survivor = actions.get_action(book, action.id)
    assert (survivor.item_id, survivor.item_number, survivor.owner_ids) == (
        None, None, (cast.dcc.id,))
    [row] = attendance.list_attendance(book, meeting_id)
    assert (row.left_item_id, row.left_at) == (None, dt.time(11, 40))
    assert attendance.list_declarations(book, meeting_id)[0].item_id is None


def test_delete_last_item_and_unknown_item(book: MinuteBook, make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    only = agenda.add_item(book, meeting.id, "AOB")
    agenda.delete_item(book, only.id)
    assert agenda.list_items(book, meeting.id) == []
    with pytest.raises(NotFoundError, match="agenda item"):
        agenda.delete_item(book, only.id)


def test_update_item(book: MinuteBook, make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    item = agenda.add_item(book, meeting.id, "Report", presenter="PCC")
    started = dt.datetime(2017, 10, 31, 10, 35)
    updated = agenda.update_item(book, item.id, title="  Performance report ",
                                 description=None, presenter=" ", confidential=True,
                                 planned_minutes=20, started_at=started,
                                 ended_at=started + dt.timedelta(minutes=25))
    assert (updated.title, updated.description, updated.presenter, updated.confidential,
            updated.planned_minutes) == ("Performance report", "", None, True, 20)
    assert (updated.started_at, updated.ended_at) == (started, dt.datetime(2017, 10, 31, 11))
    assert agenda.get_item(book, item.id) == updated
    assert updated.number == item.number == "1"


@pytest.mark.parametrize(("changes", "error"), [
    ({"title": ""}, ValidationError),
    ({"planned_minutes": -1}, ValidationError),
    ({"number": "7"}, TypeError),
    ({"parent_id": None}, TypeError),
])
def test_update_item_refusals(book: MinuteBook, make_meeting: MakeMeeting,
                              changes: dict[str, object], error: type[Exception]) -> None:
    meeting = make_meeting()
    item = agenda.add_item(book, meeting.id, "Report")
    with pytest.raises(error):
        agenda.update_item(book, item.id, presenter="DCC", **changes)
    assert agenda.get_item(book, item.id) == item


def test_minutes_are_sanitised_on_save(book: MinuteBook, make_meeting: MakeMeeting) -> None:
    meeting = make_meeting()
    item = agenda.add_item(book, meeting.id, "Verbal update")
    assert agenda.get_item_minutes(book, item.id) == ""
    agenda.set_item_minutes(
        book, item.id,
        '<p class="MsoNormal" onclick="steal()">The Commissioner provided a <b>verbal</b> '
        "update.<script>alert(1)</script></p><ul><li>savings<li>£1m for victims</ul>"
        '<a href="http://example.org">RESOLVED</a> that the update be noted\x07.')
    assert agenda.get_item_minutes(book, item.id) == (
        "<p>The Commissioner provided a <strong>verbal</strong> update.</p>"
        "<ul><li>savings</li><li>£1m for victims</li></ul>RESOLVED that the update be noted.")


def test_minutes_follow_the_item_when_it_moves(book: MinuteBook,
                                               make_committee: MakeCommittee) -> None:
    _, ids = build(book, make_committee, DECIMAL)
    agenda.set_item_minutes(book, ids["Hate"], "<p>Satisfaction has decreased.</p>")
    agenda.move_item(book, ids["Hate"], None, 0)
    assert agenda.get_item_minutes(book, ids["Hate"]) == "<p>Satisfaction has decreased.</p>"
    assert agenda.get_item_minutes(book, ids["DVPN"]) == ""


def test_unknown_items(book: MinuteBook) -> None:
    for call in (lambda: agenda.get_item(book, 404), lambda: agenda.get_item_minutes(book, 404),
                 lambda: agenda.set_item_minutes(book, 404, "<p>x</p>"),
                 lambda: agenda.move_item(book, 404, None, 0),
                 lambda: agenda.indent_item(book, 404), lambda: agenda.outdent_item(book, 404),
                 lambda: agenda.shift_item(book, 404, 1),
                 lambda: agenda.update_item(book, 404, title="x")):
        with pytest.raises(NotFoundError, match="No agenda item with id 404"):
            call()
    with pytest.raises(NotFoundError, match="No meeting with id 404"):
        agenda.list_items(book, 404)


# --- random edit sequences ----------------------------------------------------------------

_EDITS = st.lists(st.tuples(
    st.sampled_from(["add", "add under", "add after", "indent", "outdent", "up", "down",
                     "move", "delete"]),
    st.integers(min_value=0, max_value=50), st.integers(min_value=0, max_value=50),
    st.integers(min_value=-1, max_value=6)), min_size=1, max_size=18)


def apply_edit(book: MinuteBook, meeting_id: int, edit: tuple[str, int, int, int]) -> None:
    kind, first, second, position = edit
    items = agenda.list_items(book, meeting_id)
    if not items or kind == "add":
        agenda.add_item(book, meeting_id, f"Item {len(items) + 1}")
        return
    item = items[first % len(items)]
    other = items[second % len(items)]
    try:
        if kind == "add under":
            agenda.add_item(book, meeting_id, "Sub-item", parent_id=item.id)
        elif kind == "add after":
            agenda.add_item(book, meeting_id, "Next", parent_id=item.parent_id,
                            after_id=item.id)
        elif kind == "indent":
            agenda.indent_item(book, item.id)
        elif kind == "outdent":
            agenda.outdent_item(book, item.id)
        elif kind in ("up", "down"):
            agenda.shift_item(book, item.id, -1 if kind == "up" else 1)
        elif kind == "move":
            agenda.move_item(book, item.id, None if position < 0 else other.id, position)
        else:
            agenda.delete_item(book, item.id)
    except ValidationError:
        pass  # refusals (edges, moving under itself) are part of the game


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(scheme=st.sampled_from(NumberingScheme), edits=_EDITS)
def test_any_edit_sequence_keeps_numbers_consistent(scheme: NumberingScheme,
                                                    edits: list[tuple[str, int, int, int]]
                                                    ) -> None:
    with tempfile.TemporaryDirectory() as folder, \
            MinuteBook.open(Path(folder) / "fuzz.minutebook", actor="Fuzz") as book:
        committee = committees.create_committee(book, "Panel", numbering_scheme=scheme,
                                                number_start=233, standing_items=[])
        meeting = meetings.create_meeting(book, committee.id, "Fuzz", dt.date(2018, 1, 1))
        for edit in edits:
            apply_edit(book, meeting.id, edit)
        items = agenda.list_items(book, meeting.id)
        children: dict[int | None, list[int]] = defaultdict(list)
        for item in items:
            children[item.parent_id].append(item.id)
        for item in items:
            siblings = [i for i in items if i.parent_id == item.parent_id]
            assert item.position == siblings.index(item)
        expected = compute_numbers(scheme, children, 233)
        assert {item.id: item.number for item in items} == expected
        assert len({item.number for item in items}) == len(items)


def test_refusals_are_minute_taker_errors() -> None:
    assert issubclass(ValidationError, MinuteTakerError)
    assert issubclass(NotFoundError, MinuteTakerError)
