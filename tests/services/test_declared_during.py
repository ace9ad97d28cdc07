"""Where a declaration of interest was made (issue 17, point 8), in the book: recorded
and changed beside the item it is about, refused for another meeting's item, kept when
the item it was made at is deleted and the deletion undone, and carried by the
interchange into another book."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from minute_taker.domain.errors import ValidationError
from minute_taker.services import (
    agenda,
    attendance,
    committees,
    history,
    interchange,
    meetings,
    people,
)
from minute_taker.store.book import MinuteBook


@pytest.fixture
def panel(book: MinuteBook) -> tuple[int, int, int, int]:
    """A meeting with a declarations item and a report; the person who declares."""
    committee = committees.create_committee(book, "Police and Crime Panel", standing_items=[])
    meeting = meetings.create_meeting(book, committee.id, "February", dt.date(2018, 2, 6)).id
    declarations = agenda.add_item(book, meeting, "Declarations of interest").id
    report = agenda.add_item(book, meeting, "Performance report").id
    gandy = people.create_person(book, "Carole Gandy", title="Cllr").id
    return meeting, declarations, report, gandy


def test_made_at_one_item_about_another(book: MinuteBook,
                                        panel: tuple[int, int, int, int]) -> None:
    meeting, declarations, report, gandy = panel
    row = attendance.add_declaration(book, meeting, gandy, "Trustee of Women's Aid",
                                     item_id=report, made_at_item_id=declarations)
    assert (row.item_id, row.made_at_item_id) == (report, declarations)
    moved = attendance.update_declaration(book, row.id, made_at_item_id=report)
    assert moved.made_at_item_id == report
    assert attendance.update_declaration(book, row.id, made_at_item_id=None) \
        .made_at_item_id is None


def test_an_item_of_another_meeting_is_refused(book: MinuteBook,
                                                panel: tuple[int, int, int, int]) -> None:
    meeting, declarations, _, gandy = panel
    other = meetings.create_meeting(book, meetings.get_header(book, meeting).committee_id,
                                    "March", dt.date(2018, 3, 6)).id
    elsewhere = agenda.add_item(book, other, "Minutes").id
    with pytest.raises(ValidationError):
        attendance.add_declaration(book, meeting, gandy, "Trustee", made_at_item_id=elsewhere)
    row = attendance.add_declaration(book, meeting, gandy, "Trustee",
                                     made_at_item_id=declarations)
    with pytest.raises(ValidationError):
        attendance.update_declaration(book, row.id, made_at_item_id=elsewhere)


def test_deleting_the_item_it_was_made_at_and_undoing_keeps_the_link(
        book: MinuteBook, panel: tuple[int, int, int, int]) -> None:
    meeting, declarations, report, gandy = panel
    attendance.add_declaration(book, meeting, gandy, "Trustee", item_id=report,
                               made_at_item_id=declarations)
    snapshot = history.delete_item(book, declarations)
    [row] = attendance.list_declarations(book, meeting)
    assert row.made_at_item_id is None and row.item_id == report
    history.restore_item(book, snapshot)
    [row] = attendance.list_declarations(book, meeting)
    assert row.made_at_item_id == declarations


def test_the_interchange_carries_where_it_was_made(book: MinuteBook, tmp_path: Path,
                                                   panel: tuple[int, int, int, int]) -> None:
    meeting, declarations, report, gandy = panel
    attendance.add_declaration(book, meeting, gandy, "Trustee", item_id=report,
                               made_at_item_id=declarations)
    document = interchange.export_meeting(book, meeting)
    [said] = document["declarations"]
    titles = {i["uid"]: i["title"] for i in document["items"]}
    assert titles[said["made_at_item"]] == "Declarations of interest"
    with MinuteBook.open(tmp_path / "other.minutebook") as other:
        copied = interchange.import_meeting(other, document)
        [row] = attendance.list_declarations(other, copied)
        made_at = agenda.get_item(other, row.made_at_item_id or 0)
        assert made_at.title == "Declarations of interest"
        assert interchange.export_meeting(other, copied)["declarations"] == [said]
