"""People: how minutes name them (initials, abbreviations, titles) and editing them."""

from __future__ import annotations

import pytest

from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.services import people
from minute_taker.store.book import MinuteBook


@pytest.mark.parametrize(("name", "expected"), [
    ("Jackie Irvin", "JI"),
    ("John Campion", "JC"),
    ("Cllr Sebastian Bowen", "SB"),
    ("Dr. Jane Smith", "JS"),
    ("Anne-Marie Lloyd", "AML"),
    ("  tracey   onslow ", "TO"),
    ("Mr O'Neill", "O"),
    ("Cllr", None),
    ("1st Deputy", "D"),
])
def test_derive_initials(name: str, expected: str | None) -> None:
    assert people.derive_initials(name) == expected


def test_create_person_with_everything(book: MinuteBook) -> None:
    made = people.create_person(
        book, " Amanda Blakeman ", title=" ", role="Deputy Chief Constable",
        abbreviation=" DCC ", organisation="West Mercia Police",
        email="dcc@example.org", uid="55555555-5555-4555-8555-555555555555")
    assert (made.name, made.title, made.role, made.abbreviation, made.initials) == (
        "Amanda Blakeman", None, "Deputy Chief Constable", "DCC", "AB")
    assert (made.organisation, made.email, made.uid) == (
        "West Mercia Police", "dcc@example.org", "55555555-5555-4555-8555-555555555555")
    assert (made.display_name, made.owner_label) == ("Amanda Blakeman", "DCC")
    assert people.get_person(book, made.id) == made


def test_given_initials_win_and_labels_fall_back(book: MinuteBook) -> None:
    made = people.create_person(book, "Sebastian Bowen", title="Cllr", initials="SJB")
    assert (made.initials, made.display_name, made.owner_label) == (
        "SJB", "Cllr Sebastian Bowen", "SJB")


def test_blank_name_is_refused(book: MinuteBook) -> None:
    with pytest.raises(ValidationError, match="name"):
        people.create_person(book, "   ")
    assert people.list_people(book) == []


def test_update_person(book: MinuteBook) -> None:
    made = people.create_person(book, "Martin Evans", abbreviation="ACC")
    updated = people.update_person(book, made.id, name=" Martin R. Evans ", abbreviation=" ",
                                   role="Assistant Chief Constable")
    assert (updated.name, updated.abbreviation, updated.role, updated.initials) == (
        "Martin R. Evans", None, "Assistant Chief Constable", "ME")
    assert people.get_person(book, made.id) == updated
    unchanged = people.update_person(book, made.id)
    assert unchanged == updated


@pytest.mark.parametrize(("kwargs", "error"), [
    ({"name": ""}, ValidationError),
    ({"uid": "x"}, TypeError),
    ({"id": 5}, TypeError),
])
def test_update_person_refusals(book: MinuteBook, kwargs: dict[str, str],
                                error: type[Exception]) -> None:
    made = people.create_person(book, "Martin Evans")
    with pytest.raises(error):
        people.update_person(book, made.id, role="changed", **kwargs)
    assert people.get_person(book, made.id) == made


def test_unknown_person(book: MinuteBook) -> None:
    with pytest.raises(NotFoundError, match="No person with id 8"):
        people.get_person(book, 8)
    with pytest.raises(NotFoundError, match="No person with id 8"):
        people.update_person(book, 8, name="x")


def test_list_people_by_name(book: MinuteBook) -> None:
    for name in ("Tracey Onslow", "Andy Champness", "John Campion"):
        people.create_person(book, name)
    assert [p.name for p in people.list_people(book)] == [
        "Andy Champness", "John Campion", "Tracey Onslow"]
