"""Copying a whole book between a file and a team book (issue 22, store/copy_book.py,
``copy-book``): every row arrives with its id, as the checks of both sides prove; what
refers to what still does (an approval still verifies, a sub-item keeps a parent made
after it, a carried action its origin); a team book's ids go on past those copied; a
target holding minutes is refused; a copy that does not match is not kept."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.cli import main as cli
from minute_taker.domain.enums import DecisionKind
from minute_taker.domain.workflow import Transition
from minute_taker.services import (
    actions,
    agenda,
    approval,
    committees,
    decisions,
    interchange,
    leases,
    meetings,
    search,
)
from minute_taker.store import copy_book
from minute_taker.store.book import MinuteBook
from minute_taker.store.errors import BookError


def full_book(path: Path) -> None:
    """The sample meeting, approved, with a sub-item under an item made after it and an
    action carried from another meeting's."""
    with MinuteBook.open(path, actor="Test Clerk") as book:
        interchange.load_demo(book)
        [october] = meetings.list_meetings(book)
        late = agenda.add_item(book, october.id, "Made late")
        first = agenda.list_items(book, october.id)[0]
        agenda.move_item(book, first.id, parent_id=late.id, position=0)
        decisions.record_decision(book, late.id, DecisionKind.RESOLVED,
                                  "That the kestrels be noted.")
        for transition in (Transition.SEND_FOR_REVIEW, Transition.APPROVE):
            meetings.change_status(book, october.id, transition)
        committee = meetings.get_header(book, october.id).committee_id
        november = meetings.create_meeting(book, committee, "November", dt.date(2017, 11, 28))
        carried = [a.id for a in actions.list_actions(book, october.id)][:2]
        assert carried
        actions.carry_forward(book, november.id, carried, None)
        leases.take_notes(book, november.id, "window-1", "Jackie Irvin")  # not copied


def test_a_book_copied_to_a_new_file_is_the_same_book(tmp_path: Path) -> None:
    source, target = tmp_path / "Panel.minutebook", tmp_path / "Copy.minutebook"
    full_book(source)
    assert cli(["copy-book", str(source), str(target)]) == 0
    with MinuteBook.open(source) as one, MinuteBook.open(target) as other:
        assert copy_book.check_book(one) == copy_book.check_book(other)
        assert all(leases.current_holder(other, m.id) is None
                   for m in meetings.list_meetings(other))
        [result] = approval.verify_book(other)
        assert result.matches
        assert {hit.kind for hit in search.search(other, "kestrels")} >= {"decisions"}
        made = committees.create_committee(other, "Audit Committee")  # ids go on
        assert made.id > max(c.id for c in committees.list_committees(one))


def test_a_target_holding_minutes_is_refused_and_left_alone(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]
                                                           ) -> None:
    source, target = tmp_path / "Panel.minutebook", tmp_path / "Other.minutebook"
    full_book(source)
    with MinuteBook.open(target) as book:
        committees.create_committee(book, "Audit Committee")
        before = copy_book.check_book(book)
    assert cli(["copy-book", str(source), str(target)]) == 1
    assert "already holds minutes" in capsys.readouterr().err
    with MinuteBook.open(target) as book:
        assert copy_book.check_book(book) == before


def test_a_copy_that_does_not_match_is_not_kept(tmp_path: Path,
                                                monkeypatch: pytest.MonkeyPatch) -> None:
    source, target = tmp_path / "Panel.minutebook", tmp_path / "Copy.minutebook"
    full_book(source)
    real = copy_book.check_table
    calls: list[str] = []

    def one_side_differs(connection, table):  # type: ignore[no-untyped-def]
        check = real(connection, table)
        calls.append(table.name)
        if table.name == "decision" and calls.count("decision") == 2:  # the target's
            return copy_book.TableCheck(check.table, check.rows, "0" * 64)
        return check

    monkeypatch.setattr(copy_book, "check_table", one_side_differs)
    with MinuteBook.open(source) as one, MinuteBook.open(target) as other, \
            pytest.raises(BookError, match=r"does not match it \(decision\)"):
        copy_book.copy_book(one, other)
    monkeypatch.setattr(copy_book, "check_table", real)
    with MinuteBook.open(target) as other:
        assert meetings.list_meetings(other) == []


def test_the_command_removes_a_new_file_it_could_not_fill(tmp_path: Path) -> None:
    target = tmp_path / "Copy.minutebook"
    assert cli(["copy-book", str(tmp_path / "Missing.minutebook"), str(target)]) == 1
    assert not target.exists()


@pytest.mark.postgresql
def test_a_book_goes_to_a_team_book_and_back_unchanged(tmp_path: Path,
                                                       team_location: str) -> None:
    source, back = tmp_path / "Panel.minutebook", tmp_path / "Back.minutebook"
    full_book(source)
    assert cli(["copy-book", str(source), team_location]) == 0
    assert cli(["copy-book", team_location, str(back)]) == 0
    with MinuteBook.open(source) as one, MinuteBook.open(team_location) as team, \
            MinuteBook.open(back) as other:
        checks = copy_book.check_book(one)
        assert copy_book.check_book(team) == checks == copy_book.check_book(other)
        assert sum(check.rows for check in checks) > 100
        [result] = approval.verify_book(team)
        assert result.matches
        # The team book's sequences go on past the ids copied.
        made = committees.create_committee(team, "Audit Committee")
        assert made.id > max(c.id for c in committees.list_committees(one))
        [october, november] = sorted(meetings.list_meetings(team), key=lambda m: m.date)
        item = agenda.add_item(team, november.id, "Any other business")
        assert item.id > max(i.id for i in agenda.list_items(one, october.id))
