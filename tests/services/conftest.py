"""Builders for service tests: the people and committees of the reference minutes."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from pathlib import Path
from types import SimpleNamespace

import pytest

from minute_taker.domain.enums import NumberingScheme
from minute_taker.domain.records import CommitteeInfo, ItemNode, MeetingHeader, StandingItem
from minute_taker.services import agenda, committees, meetings, people
from minute_taker.store.book import MinuteBook

OCTOBER = dt.date(2017, 10, 31)


@pytest.fixture(params=["file", pytest.param("team", marks=pytest.mark.postgresql)])
def book(request: pytest.FixtureRequest, book_path: Path) -> Iterator[MinuteBook]:
    """Every service test runs on a book in a file and on a team book on PostgreSQL
    (issue 22: the same services, unchanged, on both)."""
    if request.param == "file":
        opened = MinuteBook.open(book_path, actor="Test Clerk")
    else:
        if (only := request.node.get_closest_marker("file_book_only")) is not None:
            pytest.skip(f"a book in a file only: {only.args[0]}")
        opened = MinuteBook.open(request.getfixturevalue("team_location"), actor="Test Clerk")
    yield opened
    opened.close()


@pytest.fixture
def cast(book: MinuteBook) -> SimpleNamespace:
    """Who was at the Monthly Assurance Meeting of October 2017."""
    return SimpleNamespace(
        pcc=people.create_person(book, "John Campion", role="Police and Crime Commissioner",
                                 abbreviation="PCC"),
        dpcc=people.create_person(book, "Tracey Onslow", abbreviation="DPCC"),
        dcc=people.create_person(book, "Amanda Blakeman", role="Deputy Chief Constable",
                                 abbreviation="DCC"),
        acc=people.create_person(book, "Martin Evans", role="Assistant Chief Constable",
                                 abbreviation="ACC"),
        so=people.create_person(book, "Louise Wall", abbreviation="SO"),
        cc=people.create_person(book, "Anthony Bangham", role="Chief Constable",
                                abbreviation="CC"),
        cex=people.create_person(book, "Andy Champness", abbreviation="CEX"),
        clerk=people.create_person(book, "Jackie Irvin", role="Policy Officer",
                                   organisation="OPCC"),
    )


MakeCommittee = Callable[..., CommitteeInfo]
MakeMeeting = Callable[..., MeetingHeader]


@pytest.fixture
def make_committee(book: MinuteBook) -> MakeCommittee:
    def make(scheme: NumberingScheme = NumberingScheme.DECIMAL, *,
             name: str = "Monthly Assurance Meeting", number_start: int = 1,
             standing: tuple[str, ...] = ()) -> CommitteeInfo:
        return committees.create_committee(
            book, name, numbering_scheme=scheme, number_start=number_start,
            standing_items=[StandingItem(title) for title in standing])
    return make


@pytest.fixture
def make_meeting(book: MinuteBook, make_committee: MakeCommittee) -> MakeMeeting:
    def make(scheme: NumberingScheme = NumberingScheme.DECIMAL, *,
             committee_id: int | None = None, title: str = "Assurance meeting October 2017",
             date: dt.date = OCTOBER) -> MeetingHeader:
        if committee_id is None:
            committee_id = make_committee(scheme).id
        return meetings.create_meeting(book, committee_id, title, date)
    return make


@pytest.fixture
def outline(book: MinuteBook) -> Callable[[int], list[tuple[str, str]]]:
    """The agenda as (number, title) in reading order, positions checked on the way."""
    def read(meeting_id: int) -> list[tuple[str, str]]:
        items = agenda.list_items(book, meeting_id)
        check_positions(items)
        return [(item.number, item.title) for item in items]
    return read


def check_positions(items: list[ItemNode]) -> None:
    by_parent: dict[int | None, list[int]] = {}
    for item in items:
        by_parent.setdefault(item.parent_id, []).append(item.position)
    for positions in by_parent.values():
        assert positions == list(range(len(positions)))
