"""Continuous numbering over a year of a parish council: never a number twice, never a gap
the clerk did not choose, and approved minutes keep their numbers for ever."""

from __future__ import annotations

import datetime as dt
import json
from collections import Counter
from pathlib import Path
from types import SimpleNamespace

import pytest

from minute_taker.domain.enums import MeetingStatus, NumberingScheme
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import StandingItem
from minute_taker.domain.workflow import Transition
from minute_taker.services import agenda, audit_log, committees, history, interchange, meetings
from minute_taker.store.book import MinuteBook

STANDING = ("Apologies for absence", "Declarations of interest",
            "Minutes of the previous meeting", "Public participation")
# Second Tuesdays of 2026, and the business each meeting adds to the standing items.
YEAR = [(dt.date(2026, month, day), extra) for month, day, extra in (
    (1, 13, 5), (2, 10, 7), (3, 10, 10), (4, 14, 6), (5, 12, 9), (6, 9, 4),
    (7, 14, 8), (8, 11, 3), (9, 8, 7), (10, 13, 6), (11, 10, 8), (12, 8, 5))]
APPROVED_UP_TO = 6  # January to June approved; July out with the chair; the rest drafts


def approve(book: MinuteBook, meeting_id: int) -> None:
    meetings.change_status(book, meeting_id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, meeting_id, Transition.APPROVE, approved_by="Chair")


@pytest.fixture
def year(book: MinuteBook) -> SimpleNamespace:
    council = committees.create_committee(
        book, "Ashby Parish Council", numbering_scheme=NumberingScheme.CONTINUOUS,
        number_start=233, standing_items=[StandingItem(title) for title in STANDING])
    ids = []
    for date, extra in YEAR:
        meeting = meetings.create_meeting(book, council.id, f"{date:%B} meeting", date)
        for n in range(extra):
            item = agenda.add_item(book, meeting.id, f"Business {n + 1}")
            if n == 0:  # a report with parts: sub-items never use a number of their own
                agenda.add_item(book, meeting.id, "Finance", parent_id=item.id)
                agenda.add_item(book, meeting.id, "Planning", parent_id=item.id)
        ids.append(meeting.id)
    for meeting_id in ids[:APPROVED_UP_TO]:
        approve(book, meeting_id)
    meetings.change_status(book, ids[APPROVED_UP_TO], Transition.SEND_FOR_REVIEW)
    return SimpleNamespace(council=council, ids=ids, jul=ids[6], aug=ids[7], sep=ids[8],
                           oct=ids[9], nov=ids[10], dec=ids[11])


def top_numbers(book: MinuteBook, meeting_id: int) -> list[int]:
    return [int(item.number) for item in agenda.list_items(book, meeting_id)
            if item.parent_id is None]


def standing_numbers(book: MinuteBook, committee_id: int) -> dict[int, list[str]]:
    """The numbers of the minutes whose numbers stand (approved, or out for review)."""
    return {m.id: [item.number for item in agenda.list_items(book, m.id)]
            for m in meetings.list_meetings(book, committee_id)
            if m.status is not MeetingStatus.DRAFT}


def assert_series_runs_on(book: MinuteBook, committee_id: int) -> None:
    """No number twice in the committee; the numbers used run from the first without a gap."""
    used = Counter(n for m in meetings.list_meetings(book, committee_id)
                   for n in top_numbers(book, m.id))
    assert [n for n, times in used.items() if times > 1] == []
    assert sorted(used) == list(range(min(used), max(used) + 1))


def test_a_year_numbers_on_from_meeting_to_meeting(book: MinuteBook,
                                                   year: SimpleNamespace) -> None:
    assert top_numbers(book, year.ids[0]) == list(range(233, 242))
    assert top_numbers(book, year.ids[1])[0] == 242
    assert meetings.get_header(book, year.dec).number_start == 233 + sum(
        len(STANDING) + extra for _date, extra in YEAR[:11])
    assert_series_runs_on(book, year.council.id)


def test_a_meeting_dated_before_approved_minutes_repeats_no_number(
        book: MinuteBook, year: SimpleNamespace) -> None:
    before = standing_numbers(book, year.council.id)
    july_end = top_numbers(book, year.jul)[-1]
    august_start = top_numbers(book, year.aug)[0]
    march_start = top_numbers(book, year.ids[2])[0]

    extra = meetings.create_meeting(book, year.council.id, "Extraordinary meeting",
                                    dt.date(2026, 3, 24))

    assert standing_numbers(book, year.council.id) == before
    assert_series_runs_on(book, year.council.id)
    # The earliest free numbers: straight after the minutes out for review in July, where
    # August's draft began; August and the drafts after it follow on.
    assert extra.number_start == august_start == july_end + 1
    assert top_numbers(book, year.aug)[0] == august_start + len(STANDING)
    note = (f"Numbered from {august_start}: items {march_start + 14}\u2013{july_end} are used "
            "by the approved minutes of 14 April 2026 to the minutes of 14 July 2026 "
            "(out for review).")
    # March's own numbers end where April's begin: the clash is from April onwards.
    assert top_numbers(book, year.ids[3])[0] == march_start + 14
    assert meetings.numbering_note(book, extra.id) == note
    recorded = [json.loads(e.detail or "{}") for e in audit_log.list_audit(book, extra.id)
                if e.action == "numbered"]
    assert recorded == [{"number_start": august_start, "note": note}]
    # A meeting that simply carries on has nothing to explain.
    assert meetings.numbering_note(book, year.aug) is None


def test_deleting_a_draft_closes_the_gap(book: MinuteBook, year: SimpleNamespace) -> None:
    before = standing_numbers(book, year.council.id)
    october_start = top_numbers(book, year.oct)[0]

    meetings.delete_meeting(book, year.oct)

    assert top_numbers(book, year.nov)[0] == october_start
    assert top_numbers(book, year.dec)[0] == top_numbers(book, year.nov)[-1] + 1
    assert standing_numbers(book, year.council.id) == before
    assert_series_runs_on(book, year.council.id)


def test_items_added_to_an_earlier_draft_shift_the_later_drafts(
        book: MinuteBook, year: SimpleNamespace) -> None:
    before = standing_numbers(book, year.council.id)
    starts = [top_numbers(book, m)[0] for m in (year.sep, year.oct, year.nov, year.dec)]

    agenda.add_item(book, year.aug, "Urgent: flood defences")
    agenda.add_item(book, year.aug, "Urgent: bus shelter")

    assert [top_numbers(book, m)[0] for m in (year.sep, year.oct, year.nov, year.dec)] == [
        start + 2 for start in starts]
    business = agenda.list_items(book, year.sep)[-1]
    agenda.delete_item(book, business.id)
    assert top_numbers(book, year.oct)[0] == starts[1] + 1
    assert standing_numbers(book, year.council.id) == before
    assert_series_runs_on(book, year.council.id)

    # Deleted with the window's undo history, and put back by undo: the same.
    urgent = agenda.list_items(book, year.aug)[-1]
    snapshot = history.delete_item(book, urgent.id)
    assert top_numbers(book, year.oct)[0] == starts[1]
    history.restore_item(book, snapshot)
    assert top_numbers(book, year.oct)[0] == starts[1] + 1
    assert_series_runs_on(book, year.council.id)


def test_indenting_an_item_of_an_earlier_draft_closes_up_the_later_ones(
        book: MinuteBook, year: SimpleNamespace) -> None:
    september = top_numbers(book, year.sep)[0]
    last = agenda.list_items(book, year.aug)[-1]
    agenda.indent_item(book, last.id)  # no longer a top-level item: one number fewer
    assert top_numbers(book, year.sep)[0] == september - 1
    assert_series_runs_on(book, year.council.id)


def test_approved_and_reviewed_numbers_never_change(book: MinuteBook,
                                                    year: SimpleNamespace) -> None:
    before = standing_numbers(book, year.council.id)
    meetings.create_meeting(book, year.council.id, "Extraordinary", dt.date(2026, 2, 1))
    meetings.create_meeting(book, year.council.id, "Before the year", dt.date(2025, 12, 1))
    agenda.add_item(book, year.aug, "Late paper")
    meetings.delete_meeting(book, year.nov)
    meetings.update_header(book, year.dec, date=dt.date(2026, 5, 20))  # re-dated in error
    committees.renumber_meetings(book, year.council.id)
    assert standing_numbers(book, year.council.id) == before
    assert_series_runs_on(book, year.council.id)


def test_a_start_set_by_hand_is_followed(book: MinuteBook, year: SimpleNamespace) -> None:
    before = standing_numbers(book, year.council.id)
    october_end = top_numbers(book, year.oct)[-1]
    hand_set = october_end + 100

    meetings.update_header(book, year.nov, number_start=hand_set)
    assert top_numbers(book, year.nov)[0] == hand_set
    assert top_numbers(book, year.dec)[0] == top_numbers(book, year.nov)[-1] + 1

    agenda.add_item(book, year.aug, "Late paper")  # the drafts before it move...
    assert top_numbers(book, year.oct)[-1] == october_end + 1
    assert top_numbers(book, year.nov)[0] == hand_set  # ...the clerk's choice does not
    assert meetings.numbering_note(book, year.nov) is None

    meetings.update_header(book, year.nov, number_start=None)  # carry on again
    assert top_numbers(book, year.nov)[0] == october_end + 2
    assert_series_runs_on(book, year.council.id)
    assert standing_numbers(book, year.council.id) == before


def test_a_start_set_by_hand_that_repeats_a_number_is_refused(
        book: MinuteBook, year: SimpleNamespace) -> None:
    march = top_numbers(book, year.ids[2])
    with pytest.raises(ValidationError, match=(
            rf"^Items cannot be numbered from {march[0]}: items {march[0]}\u2013"
            rf"{march[-1]} are used by the approved minutes of 10 March 2026\.$")):
        meetings.update_header(book, year.sep, number_start=march[0])
    assert top_numbers(book, year.sep)[0] == top_numbers(book, year.aug)[-1] + 1


def test_earlier_drafts_growing_into_a_hand_set_start_push_it_on_with_a_note(
        book: MinuteBook, year: SimpleNamespace) -> None:
    september = top_numbers(book, year.sep)
    hand_set = september[-1] + 2  # one number to spare before October
    meetings.update_header(book, year.oct, number_start=hand_set)
    agenda.add_item(book, year.sep, "One")
    assert top_numbers(book, year.oct)[0] == hand_set  # it still fits
    agenda.add_item(book, year.sep, "Two")
    assert top_numbers(book, year.oct)[0] == hand_set + 1
    assert meetings.numbering_note(book, year.oct) == (
        f"Numbered from {hand_set + 1}, not {hand_set} as set by hand: items {september[0]}"
        f"\u2013{hand_set} are used by the draft minutes of 8 September 2026.")
    assert_series_runs_on(book, year.council.id)


@pytest.mark.parametrize("scheme", [NumberingScheme.DECIMAL, NumberingScheme.NUMBER_LETTER])
def test_per_meeting_numbering_is_unaffected(book: MinuteBook, scheme: NumberingScheme) -> None:
    panel = committees.create_committee(book, "Scrutiny Panel", numbering_scheme=scheme,
                                        standing_items=[StandingItem(t) for t in STANDING])
    ids = [meetings.create_meeting(book, panel.id, f"{date:%B}", date).id
           for date, _extra in YEAR[:4]]
    approve(book, ids[0])
    approve(book, ids[1])
    late = meetings.create_meeting(book, panel.id, "Extraordinary", dt.date(2026, 1, 20))
    meetings.delete_meeting(book, ids[2])
    agenda.add_item(book, ids[3], "Anything else")
    for meeting_id in (ids[0], ids[1], late.id, ids[3]):
        assert top_numbers(book, meeting_id)[:4] == [1, 2, 3, 4]
        assert meetings.get_header(book, meeting_id).number_start is None
        assert meetings.numbering_note(book, meeting_id) is None


def test_minutes_out_for_review_cannot_grow_into_numbers_that_stand(
        book: MinuteBook, year: SimpleNamespace) -> None:
    """July is with the chair and August was approved after it (numbered on from July's
    last item): an item added to July would need August's first number."""
    meetings.change_status(book, year.aug, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, year.aug, Transition.APPROVE)
    july, august = top_numbers(book, year.jul), top_numbers(book, year.aug)
    assert august[0] == july[-1] + 1
    with pytest.raises(ValidationError, match=(
            rf"^Item {august[0]} is used by the approved minutes of 11 August 2026, and "
            r"these minutes are out for review")):
        agenda.add_item(book, year.jul, "A late report")
    assert top_numbers(book, year.jul) == july  # nothing was added
    business = agenda.list_items(book, year.jul)[-1]
    agenda.delete_item(book, business.id)  # shrinking leaves a gap, never a repeat
    assert top_numbers(book, year.jul) == july[:-1]
    assert top_numbers(book, year.aug) == august
    used = Counter(n for m in meetings.list_meetings(book, year.council.id)
                   for n in top_numbers(book, m.id))
    assert [n for n, times in used.items() if times > 1] == []


def test_an_imported_draft_numbers_on_from_this_books_minutes(
        book: MinuteBook, year: SimpleNamespace) -> None:
    december = interchange.export_meeting(book, year.dec)
    meetings.delete_meeting(book, year.dec)
    agenda.add_item(book, year.nov, "Late business")  # November now uses December's first

    result = interchange.import_document(book, december)

    assert top_numbers(book, result.meeting_id)[0] == top_numbers(book, year.nov)[-1] + 1
    assert any("start at" in note for note in result.notes), result.notes
    assert_series_runs_on(book, year.council.id)


def test_imported_minutes_whose_numbers_stand_say_they_repeat_numbers(
        book: MinuteBook, year: SimpleNamespace, tmp_path: Path) -> None:
    """Minutes approved on another computer, numbered there, keep their numbers here and
    the import says which ones this book already used."""
    with MinuteBook.open(tmp_path / "laptop.minutebook", actor="Clerk") as laptop:
        interchange.import_document(laptop, interchange.export_meeting(book, year.jul))
        [council] = committees.list_committees(laptop)
        extra = meetings.create_meeting(laptop, council.id, "Extraordinary meeting",
                                        dt.date(2026, 1, 20))
        agenda.add_item(laptop, extra.id, "Village hall lease")
        approve(laptop, extra.id)
        document = interchange.export_meeting(laptop, extra.id)
    before = standing_numbers(book, year.council.id)

    result = interchange.import_document(book, document)

    assert result.status is MeetingStatus.APPROVED, result.notes
    assert top_numbers(book, result.meeting_id)[0] == 233
    assert any("Item 233 of these minutes is also used by the approved minutes of "
               "13 January 2026" in note for note in result.notes), result.notes
    assert {k: v for k, v in standing_numbers(book, year.council.id).items()
            if k in before} == before
