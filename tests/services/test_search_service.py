"""Searching every meeting of a book (issue 20): each kind of record is found as soon as it
is written and after the book is reopened, edits and undo change what is found, a deleted
item is not, approved minutes (a read-only book) are, and no query typed is an error."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path
from types import SimpleNamespace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from minute_taker.domain.enums import ActionStatus, AttendanceStatus, DecisionKind
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import MeetingHeader, SearchHit
from minute_taker.domain.search_query import MARK_END, MARK_START
from minute_taker.domain.workflow import Transition
from minute_taker.services import (
    actions,
    agenda,
    attendance,
    decisions,
    documents,
    history,
    meetings,
    search,
)
from minute_taker.store.book import MinuteBook

MakeMeeting = Callable[..., MeetingHeader]


def kinds_found(book: MinuteBook, query: str, **filters: object) -> set[str]:
    return {hit.kind for hit in search.search(book, query, **filters)}  # type: ignore[arg-type]


@pytest.fixture
def minuted(book: MinuteBook, cast: SimpleNamespace, make_meeting: MakeMeeting
            ) -> SimpleNamespace:
    """One meeting with a record of every kind, each holding a word of its own."""
    meeting = make_meeting()
    item = agenda.add_item(book, meeting.id, "Body-worn video rollout",
                           description="Report of the Chief Constable on kestrels")
    agenda.set_item_minutes(book, item.id, "<p>The <strong>DCC</strong> presented the "
                            "report on <em>falcon</em>ry.</p><ul><li>HMICFRS will "
                            "inspect&nbsp;in March &amp; April.</li></ul>")
    decision = decisions.record_decision(book, item.id, DecisionKind.RESOLVED,
                                         "That the ospreys programme be approved.")
    action = actions.capture_action(book, meeting.id, "Circulate the merlin briefing",
                                    owner_text="DCC", item_id=item.id,
                                    due_date=dt.date(2018, 1, 31))
    attendance.add_declaration(book, meeting.id, cast.acc.id, "Trustee of the harrier trust",
                               item_id=item.id)
    attendance.record_attendance(book, meeting.id, cast.clerk.id,
                                 status=AttendanceStatus.PRESENT, capacity="Buzzard scribe")
    documents.add_document(book, item.id, "Goshawk strategy 2018")
    return SimpleNamespace(meeting=meeting, item=item, decision=decision, action=action)


EVERY_KIND = {
    "rollout": "titles", "kestrels": "agenda", "falconry": "notes", "ospreys": "decisions",
    "merlin": "actions", "harrier": "declarations", "buzzard": "attendance",
    "goshawk": "papers",
}


def test_every_kind_of_record_is_found_once_written_and_after_reopening(
        book: MinuteBook, book_path: Path, minuted: SimpleNamespace) -> None:
    for word, kind in EVERY_KIND.items():
        hits = search.search(book, word)
        assert [hit.kind for hit in hits] == [kind], word
        assert hits[0].meeting_id == minuted.meeting.id
    book.close()
    with MinuteBook.open(book_path) as again:
        for word, kind in EVERY_KIND.items():
            assert kinds_found(again, word) == {kind}, word


def test_a_hit_says_where_it_is_and_marks_the_match(book: MinuteBook,
                                                    minuted: SimpleNamespace) -> None:
    [hit] = search.search(book, "falconry")
    assert isinstance(hit, SearchHit)
    assert (hit.meeting_id, hit.item_id, hit.item_number, hit.item_title) == (
        minuted.meeting.id, minuted.item.id, minuted.item.number, "Body-worn video rollout")
    assert hit.meeting_date == minuted.meeting.date and hit.committee
    # The notes are indexed as the words a reader sees: no tags, entities decoded, and
    # bold or italic inside a word leaves it whole.
    assert f"{MARK_START}falconry{MARK_END}" in hit.snippet
    assert "<" not in hit.snippet and "&" not in hit.snippet.replace("March & April", "")
    assert kinds_found(book, '"March & April"') == {"notes"}


def test_words_are_stemmed_and_names_match_exactly(book: MinuteBook,
                                                   minuted: SimpleNamespace) -> None:
    assert kinds_found(book, "approve") == {"decisions"}  # "approved"
    assert kinds_found(book, "inspecting") == {"notes"}  # "inspect"
    assert kinds_found(book, "HMICFRS") == {"notes"}
    assert kinds_found(book, "hmicfrs") == {"notes"}
    assert kinds_found(book, "DCC") == {"notes", "actions"}
    assert kinds_found(book, '"approve"') == set()  # quoted: as typed, not stemmed
    assert kinds_found(book, '"ospreys programme"') == {"decisions"}
    assert kinds_found(book, '"programme ospreys"') == set()
    assert kinds_found(book, "gosh*") == {"papers"}
    assert kinds_found(book, "merlin -briefing") == set()
    assert kinds_found(book, "DCC -merlin") == {"notes"}
    assert kinds_found(book, "DCC", kinds=["actions"]) == {"actions"}
    assert kinds_found(book, "DCC kind:notes") == {"notes"}


def test_an_edit_changes_what_is_found(book: MinuteBook, minuted: SimpleNamespace) -> None:
    agenda.update_item(book, minuted.item.id, title="Drones rollout")
    agenda.set_item_minutes(book, minuted.item.id, "<p>Nothing about birds.</p>")
    actions.update_action(book, minuted.action.id, text="Circulate the kite briefing")
    assert kinds_found(book, "falconry") == set()
    assert kinds_found(book, "birds") == {"notes"}
    assert kinds_found(book, "drones") == {"titles"}
    assert kinds_found(book, "merlin") == set()
    assert kinds_found(book, "kite") == {"actions"}
    decisions.delete_decision(book, minuted.decision.id)
    assert kinds_found(book, "ospreys") == set()


def test_a_deleted_item_is_not_found_and_undo_brings_it_back(
        book: MinuteBook, minuted: SimpleNamespace) -> None:
    snapshot = history.delete_item(book, minuted.item.id)
    for word in ("rollout", "kestrels", "falconry", "ospreys", "goshawk"):
        assert search.search(book, word) == [], word
    # The action and the declaration outlive the item, no longer under it.
    [action] = search.search(book, "merlin")
    assert action.item_id is None
    history.restore_item(book, snapshot)
    for word, kind in EVERY_KIND.items():
        assert kinds_found(book, word) == {kind}, word
    assert search.search(book, "merlin")[0].item_id == minuted.item.id


def test_a_deleted_meeting_leaves_nothing_behind(book: MinuteBook,
                                                 minuted: SimpleNamespace) -> None:
    meetings.delete_meeting(book, minuted.meeting.id)
    assert all(search.search(book, word) == [] for word in EVERY_KIND)


def test_approved_minutes_are_found_in_a_read_only_snapshot(
        book: MinuteBook, book_path: Path, minuted: SimpleNamespace) -> None:
    meetings.change_status(book, minuted.meeting.id, Transition.SEND_FOR_REVIEW)
    meetings.change_status(book, minuted.meeting.id, Transition.APPROVE)
    book.close()
    with MinuteBook.open_snapshot(book_path) as snapshot:
        assert snapshot.read_only
        for word, kind in EVERY_KIND.items():
            assert kinds_found(snapshot, word) == {kind}, word


def test_owner_status_committee_and_dates_narrow_the_results(
        book: MinuteBook, cast: SimpleNamespace, make_meeting: MakeMeeting) -> None:
    earlier = make_meeting(title="September", date=dt.date(2017, 9, 26))
    later = make_meeting(title="November", date=dt.date(2017, 11, 28))
    old = actions.capture_action(book, earlier.id, "Review the custody audit",
                                 owner_text="DCC, ACC")
    actions.capture_action(book, later.id, "Review the estates audit", owner_text="ACC")
    actions.capture_action(book, later.id, "Review the fleet audit", owner_text="DCCX")
    hits = search.search(book, "review")
    assert [h.meeting_date for h in hits] == sorted((h.meeting_date for h in hits),
                                                    reverse=True)  # newest first
    assert len(search.search(book, "audit owner:DCC")) == 1  # a whole owner, not DCCX
    assert len(search.search(book, "owner:acc")) == 2  # filters alone are a search
    assert len(search.search(book, "audit", owner="ACC")) == 2
    actions.record_progress(book, old.id, status=ActionStatus.DONE)
    # The state the action is in now, not only the one minuted.
    assert len(search.search(book, "owner:DCC status:done")) == 1
    assert search.search(book, "owner:DCC status:open") == []
    assert len(search.search(book, "audit", status=ActionStatus.OPEN)) == 2
    assert {h.meeting_id for h in search.search(book, "audit before:2017-10-01")} == {
        earlier.id}
    assert {h.meeting_id for h in search.search(book, "audit after:2017-09-26")} == {later.id}
    assert len(search.search(book, "audit", date_from=dt.date(2017, 9, 26),
                             date_to=dt.date(2017, 11, 28))) == 3
    assert search.search(book, "audit", committee="No such committee") == []
    assert len(search.search(book, "audit", committee="assurance")) == 3
    assert len(search.search(book, "audit", limit=1)) == 1


def test_nothing_to_look_for_finds_nothing(book: MinuteBook, minuted: SimpleNamespace) -> None:
    for query in ("", "   ", "-", "*", '"', '""', "-falconry"):
        if query == "-falconry":
            # Only an exclusion: every entry without the word.
            assert "notes" not in kinds_found(book, query)
        else:
            assert search.search(book, query) == [], query
    with pytest.raises(ValidationError):
        search.search(book, "x", kinds=["minutes"])


HOSTILE = ['NEAR(a b', 'a AND', 'OR', 'NOT x', '^start', 'body:video', '{body}: x',
           '"unbalanced', 'a"b"c', '-', '--x', 'x*', '*x', '"x"*', "x' OR 1=1 --",
           'owner:', 'status:whatever', 'before:2018-02-30', 'kind:', '\x00', '\\"',
           'a + b', '(x)', 'x:y:z', 'column:"', '"" AND ""', 'NEAR("a" "b", 2)']


@pytest.mark.parametrize("query", HOSTILE)
def test_hostile_queries_are_searched_as_words(book: MinuteBook, minuted: SimpleNamespace,
                                               query: str) -> None:
    assert isinstance(search.search(book, query), list)


@settings(max_examples=300, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=60) | st.lists(st.sampled_from(
    ['"', "-", "*", ":", "(", ")", "^", "{", "}", "NEAR", "AND", "OR", "NOT", "owner:",
     "kind:", "status:", "before:", "after:", "DCC", "falconry", " ", "+", "'"]),
    max_size=12).map("".join))
def test_no_text_typed_is_an_error(book: MinuteBook, minuted: SimpleNamespace,
                                   query: str) -> None:
    hits = search.search(book, query)
    assert isinstance(hits, list)
    assert all(isinstance(hit, SearchHit) for hit in hits)
