"""Committees: numbering scheme, standing items, abbreviations and members."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select

from minute_taker.domain.enums import AttendanceRole, HouseStyle, NumberingScheme
from minute_taker.domain.errors import NotFoundError, ValidationError
from minute_taker.domain.records import Abbreviation, StandingItem
from minute_taker.domain.rules import DEFAULT_STANDING_ITEMS
from minute_taker.services import committees, meetings
from minute_taker.store.book import MinuteBook
from minute_taker.store.models import AbbreviationRow, StandingItemRow

AGG = Abbreviation("AGG", "Alliance Governance Group")
PSD = Abbreviation("PSD", "Professional Standards Department")
LPA = Abbreviation("LPA", "Local policing area")


def test_new_committee_gets_the_default_standing_items(book: MinuteBook) -> None:
    made = committees.create_committee(book, "Monthly Assurance Meeting")
    expected = tuple(StandingItem(title, description)
                     for title, description in DEFAULT_STANDING_ITEMS)
    assert made.standing_items == expected
    assert made.standing_items[0].title == "Welcome and introductions"
    assert made.standing_items[-1].title == "Date of next meeting"
    assert committees.get_committee(book, made.id).standing_items == expected


def test_new_committee_defaults(book: MinuteBook) -> None:
    made = committees.create_committee(book, "  Police and Crime Panel  ")
    assert made.name == "Police and Crime Panel"
    assert made.short_name is None
    assert made.numbering_scheme is NumberingScheme.DECIMAL
    assert made.number_start == 1
    assert made.house_style is HouseStyle.NARRATIVE
    assert made.abbreviations == ()
    assert len(made.uid) == 36


def test_committee_with_its_own_settings(book: MinuteBook) -> None:
    made = committees.create_committee(
        book, "West Mercia Police and Crime Panel", short_name="PCP",
        numbering_scheme=NumberingScheme.CONTINUOUS, number_start=233,
        house_style=HouseStyle.ACTION_NOTES, standing_items=[
            StandingItem("Apologies for absence"),
            StandingItem("Named substitutes", "To note any named substitutes.")],
        uid="00000000-0000-4000-8000-000000000001")
    again = committees.get_committee(book, made.id)
    assert again == made
    assert (again.short_name, again.numbering_scheme, again.number_start, again.house_style,
            again.uid) == ("PCP", NumberingScheme.CONTINUOUS, 233, HouseStyle.ACTION_NOTES,
                           "00000000-0000-4000-8000-000000000001")
    assert [s.title for s in again.standing_items] == ["Apologies for absence",
                                                       "Named substitutes"]
    assert again.standing_items[1].description == "To note any named substitutes."


def test_committee_with_no_standing_items(book: MinuteBook) -> None:
    assert committees.create_committee(book, "Audit", standing_items=[]).standing_items == ()


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": "   "}, "committee name"),
    ({"name": "Panel", "number_start": 0}, "start at 1"),
    ({"name": "Panel", "standing_items": [StandingItem("  ")]}, "standing item title"),
    ({"name": "Panel", "abbreviations": [Abbreviation("", "Nothing")]}, "abbreviation"),
    ({"name": "Panel", "abbreviations": [Abbreviation("AGG", " ")]}, "expansion"),
])
def test_invalid_committees_are_refused_and_nothing_is_saved(
        book: MinuteBook, kwargs: dict[str, object], message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        committees.create_committee(book, **kwargs)  # type: ignore[arg-type]
    assert committees.list_committees(book) == []


def test_abbreviations_are_kept_sorted(book: MinuteBook) -> None:
    made = committees.create_committee(book, "Assurance", abbreviations=[PSD, AGG, LPA])
    assert made.abbreviations == (AGG, LPA, PSD)


@pytest.mark.parametrize("duplicate", [
    Abbreviation("AGG", "Another Governance Group"),
    Abbreviation("  AGG ", "Alliance Governance Group"),
])
def test_abbreviations_must_be_unique_in_a_committee(book: MinuteBook,
                                                     duplicate: Abbreviation) -> None:
    with pytest.raises(ValidationError, match="AGG is listed twice"):
        committees.create_committee(book, "Assurance", abbreviations=[AGG, PSD, duplicate])
    assert committees.list_committees(book) == []


def test_two_committees_may_share_an_abbreviation(book: MinuteBook) -> None:
    first = committees.create_committee(book, "Assurance", abbreviations=[AGG])
    second = committees.create_committee(book, "Panel", abbreviations=[AGG])
    assert first.abbreviations == second.abbreviations == (AGG,)


def test_set_abbreviations_replaces_the_list_even_reusing_a_short_form(
        book: MinuteBook) -> None:
    made = committees.create_committee(book, "Assurance", abbreviations=[AGG, PSD])
    renamed = Abbreviation("AGG", "Alliance Governance Group (West Mercia and Warwickshire)")
    updated = committees.set_abbreviations(book, made.id, [renamed, LPA])
    assert updated.abbreviations == (renamed, LPA)
    assert committees.get_committee(book, made.id).abbreviations == (renamed, LPA)
    with book.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(AbbreviationRow)) == 2


def test_set_abbreviations_with_a_duplicate_keeps_the_old_list(book: MinuteBook) -> None:
    made = committees.create_committee(book, "Assurance", abbreviations=[AGG])
    with pytest.raises(ValidationError, match="PSD is listed twice"):
        committees.set_abbreviations(book, made.id, [PSD, PSD])
    assert committees.get_committee(book, made.id).abbreviations == (AGG,)


def test_set_standing_items_replaces_them_in_order(book: MinuteBook) -> None:
    made = committees.create_committee(book, "Assurance")
    items = [StandingItem("Outstanding matters"), StandingItem("AOB"),
             StandingItem("Date of next meeting", "10:30 on 29 November 2017")]
    assert committees.set_standing_items(book, made.id, items).standing_items == tuple(items)
    with book.unit_of_work() as session:
        assert session.scalar(select(func.count()).select_from(StandingItemRow)) == 3


def test_update_committee_changes_only_what_is_given(book: MinuteBook) -> None:
    made = committees.create_committee(book, "Assurance", short_name="MAM")
    updated = committees.update_committee(book, made.id,
                                          numbering_scheme=NumberingScheme.NUMBER_LETTER,
                                          number_start=5)
    assert (updated.name, updated.short_name) == ("Assurance", "MAM")
    assert (updated.numbering_scheme, updated.number_start) == (NumberingScheme.NUMBER_LETTER, 5)
    renamed = committees.update_committee(book, made.id, name="Holding to Account",
                                          short_name="  ", house_style=HouseStyle.ACTION_NOTES)
    assert (renamed.name, renamed.short_name, renamed.house_style) == (
        "Holding to Account", None, HouseStyle.ACTION_NOTES)
    assert committees.get_committee(book, made.id) == renamed


@pytest.mark.parametrize(("kwargs", "message"), [
    ({"name": ""}, "committee name"),
    ({"number_start": 0}, "start at 1"),
])
def test_update_committee_refuses_invalid_values(book: MinuteBook, kwargs: dict[str, object],
                                                 message: str) -> None:
    made = committees.create_committee(book, "Assurance")
    with pytest.raises(ValidationError, match=message):
        committees.update_committee(book, made.id, **kwargs)  # type: ignore[arg-type]
    assert committees.get_committee(book, made.id) == made


@pytest.mark.parametrize("call", [
    lambda book: committees.get_committee(book, 999),
    lambda book: committees.update_committee(book, 999, name="x"),
    lambda book: committees.set_standing_items(book, 999, []),
    lambda book: committees.set_abbreviations(book, 999, []),
    lambda book: committees.add_member(book, 999, 1),
])
def test_unknown_committee(book: MinuteBook, call) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(NotFoundError, match="No committee with id 999"):
        call(book)


def test_list_committees_by_name(book: MinuteBook) -> None:
    for name in ("Police and Crime Panel", "Audit Committee", "Monthly Assurance Meeting"):
        committees.create_committee(book, name)
    assert [c.name for c in committees.list_committees(book)] == [
        "Audit Committee", "Monthly Assurance Meeting", "Police and Crime Panel"]


def test_members_in_the_order_added_and_re_adding_changes_the_role(
        book: MinuteBook, cast: SimpleNamespace) -> None:
    made = committees.create_committee(book, "Assurance")
    committees.add_member(book, made.id, cast.pcc.id)
    committees.add_member(book, made.id, cast.clerk.id, AttendanceRole.OFFICER)
    committees.add_member(book, made.id, cast.dcc.id)
    committees.add_member(book, made.id, cast.clerk.id, AttendanceRole.MEMBER)
    members = committees.list_members(book, made.id)
    assert [(p.name, role) for p, role in members] == [
        ("John Campion", AttendanceRole.MEMBER),
        ("Jackie Irvin", AttendanceRole.MEMBER),
        ("Amanda Blakeman", AttendanceRole.MEMBER),
    ]


def test_add_member_refuses_an_unknown_person(book: MinuteBook) -> None:
    made = committees.create_committee(book, "Assurance")
    with pytest.raises(NotFoundError, match="person"):
        committees.add_member(book, made.id, 4242)
    assert committees.list_members(book, made.id) == []


def test_a_new_meeting_starts_with_the_committees_contact(book: MinuteBook) -> None:
    panel = committees.create_committee(book, "West Mercia Police and Crime Panel")
    committees.update_committee(book, panel.id, contact_name=" Sheena Jones ",
                                contact_details="01905 844871")
    meeting = meetings.create_meeting(book, panel.id, "February", dt.date(2018, 2, 6))
    assert (meeting.contact_name, meeting.contact_details) == ("Sheena Jones", "01905 844871")
    changed = committees.update_committee(book, panel.id, contact_details="")
    assert (changed.contact_name, changed.contact_details) == ("Sheena Jones", None)
    # The meeting already made keeps the contact it started with.
    assert meetings.get_header(book, meeting.id).contact_details == "01905 844871"
