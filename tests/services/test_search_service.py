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
from minute_taker.store import search_find
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
    where = book.change_feed() or book_path  # a team book's own address, or the file
    book.close()
    with MinuteBook.open(where) as again:
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


def test_an_items_notes_are_one_result_at_the_first_paragraph_found(
        book: MinuteBook, make_meeting: MakeMeeting) -> None:
    """The notes are indexed a paragraph an entry; an item's notes are one result still,
    its snippet from the first paragraph that matches (where Enter selects the words).
    Every word of a query is looked for in one paragraph, as in one decision or action;
    a word left out (``-``) leaves out an item whose notes hold it anywhere."""
    meeting = make_meeting()
    item = agenda.add_item(book, meeting.id, "Estates")
    other = agenda.add_item(book, meeting.id, "Fleet")
    agenda.set_item_minutes(book, item.id, (
        "<p>The precept was discussed.</p><p>Kestrels were seen on the roof.</p>"
        "<ul><li>The precept would rise.</li></ul><p>Kestrels again, and rural sites.</p>"))
    agenda.set_item_minutes(book, other.id, "<p>Kestrels at the garage.</p>")
    [hit] = [h for h in search.search(book, "kestrels") if h.item_id == item.id]
    assert hit.kind == "notes" and hit.source_id == item.id
    assert f"{MARK_START}Kestrels{MARK_END} were seen" in hit.snippet
    assert [h.item_id for h in search.search(book, "precept")] == [item.id]
    assert "would rise" not in search.search(book, "precept")[0].snippet
    assert [h.item_id for h in search.search(book, "precept rise")] == [item.id]
    assert "would" in search.search(book, "precept rise")[0].snippet
    assert search.search(book, "precept roof") == []  # two paragraphs, not one
    assert [h.item_id for h in search.search(book, "kestrels -rural")] == [other.id]
    assert {h.item_id for h in search.search(book, "kestrels -precept -garage")} == set()
    assert {h.item_id for h in search.search(book, "-kestrels", kinds=["notes"])} == set()
    # The limit counts results, not paragraphs.
    agenda.set_item_minutes(book, other.id, "<p>Kestrels.</p>" * 5)
    assert len(search.search(book, "kestrels", limit=2)) == 2


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


@pytest.mark.file_book_only("a snapshot is a copy of a book's file; a team book opened "
                             "read-only is searched in tests/test_cli_team_book.py")
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


def test_a_limit_keeps_the_order_of_the_whole_search_as_one_query_gives_it(
        book: MinuteBook, book_path: Path, make_meeting: MakeMeeting) -> None:
    """The search reads the matches' places, then ranks and snippets the ones it keeps,
    then puts them in order: it must keep the same entries, in the same order, as one
    query ordering every match (newest meeting first, then best match, then the agenda's
    order), wherever the limit falls, inside a meeting or between two on the same day."""
    import contextlib
    import sqlite3

    dates = (dt.date(2017, 9, 26), dt.date(2017, 11, 28), dt.date(2017, 11, 28),
             dt.date(2017, 10, 31))
    for n, date in enumerate(dates):
        meeting = make_meeting(title=f"Meeting {n}", date=date)
        items = [agenda.add_item(book, meeting.id, f"Item {i} of the budget" if i % 3 == 0
                                 else f"Item {i}") for i in range(6)]
        for i, item in enumerate(reversed(items)):  # best matches late in the agenda
            agenda.set_item_minutes(book, item.id, "<p>" + " ".join(
                ["The budget was discussed."] * (1 + (i + n) % 4)
                + ["Members noted the figures."] * (i % 3)) + "</p>")
        actions.capture_action(book, meeting.id, "Circulate the budget summary",
                               owner_text="DCC")  # under no item
        # Two entries as good as each other: the agenda's order decides, not which was
        # added first.
        same = "<p>A word on the budget from the treasurer.</p>"
        agenda.set_item_minutes(book, items[-1].id, same)
        early = agenda.add_item(book, meeting.id, "Added late, early on", after_id=items[0].id)
        agenda.set_item_minutes(book, early.id, same)
    whole = search.search(book, "budget")
    if book.server is None:  # one FTS5 query ordering every match, for SQLite's plan
        with contextlib.closing(sqlite3.connect(book_path)) as raw:
            expected = raw.execute(
                "SELECT e.kind, e.source_id FROM search_words JOIN search_entry AS e "
                "ON e.id = search_words.rowid JOIN meeting AS m ON m.id = e.meeting_id "
                "LEFT JOIN agenda_item AS i ON i.id = e.item_id WHERE search_words MATCH "
                "'\"budget\"' ORDER BY m.date DESC, m.id DESC, bm25(search_words), "
                "i.position, e.id").fetchall()
        assert [(h.kind, h.source_id) for h in whole] == expected
    assert len(whole) == 4 * (7 + 2 + 1)
    assert all(MARK_START in h.snippet for h in whole)
    for limit in range(1, len(whole) + 1):
        assert search.search(book, "budget", limit=limit) == whole[:limit], limit
    assert search.search(book, "budget", limit=0) == []


def plans_of(book: MinuteBook, *queries: str) -> list[list[str]]:
    """The steps of SQLite's plan reading ``search_entry``, for the two statements of each
    query: the candidates (in the way the search chose) and their details."""
    made: list[object] = []
    real = search_find._statements

    def recording(*args, **kwargs):  # type: ignore[no-untyped-def]
        made.append(real(*args, **kwargs))
        return made[-1]

    search_find._statements = recording  # type: ignore[assignment]
    try:
        for query in queries:
            assert search.search(book, query), query
    finally:
        search_find._statements = real  # type: ignore[assignment]
    plans = []
    with book.engine.connect() as connection:
        cursor = connection.connection.driver_connection.cursor()  # type: ignore[union-attr]
        for statements in made:
            params = {**statements.params, "ids": "[1]"}  # type: ignore[attr-defined]
            for sql in (statements.candidates(cursor), statements.details):  # type: ignore[attr-defined]
                rows = cursor.execute("EXPLAIN QUERY PLAN " + sql, params).fetchall()
                plans.append([str(row[-1]).strip() for row in rows
                              if str(row[-1]).strip().startswith(("SEARCH e ", "SCAN e "))])
    return plans


@pytest.mark.file_book_only("SQLite's query plans (PostgreSQL's planner chooses its own)")
def test_a_search_reads_where_entries_are_from_their_index_not_their_rows(
        book: MinuteBook, minuted: SimpleNamespace) -> None:
    """A word in few entries: each match read where the entry is, from the index of
    places, not from the rows that hold the text (21 ms against 4 for 9,539 matches)."""
    from minute_taker.store.search_index import PLACE_INDEX

    reads = [step for plan in plans_of(book, "falconry", "falconry -ospreys") for step in plan]
    assert len(reads) == 4, reads  # the matches, then where the kept ones are
    assert all(f"COVERING INDEX {PLACE_INDEX}" in step for step in reads), reads


@pytest.mark.file_book_only("SQLite's query plans (PostgreSQL's planner chooses its own)")
def test_a_common_word_or_filters_alone_are_read_meeting_by_meeting(
        book: MinuteBook, minuted: SimpleNamespace, monkeypatch: pytest.MonkeyPatch) -> None:
    """Newest meeting first, a meeting's entries of the kinds asked for from their index,
    so reading stops at the limit (DCC, 42,947 entries of 1,000 meetings: 6 ms against
    24 read match by match)."""
    from minute_taker.store.search_index import MEETING_INDEX

    monkeypatch.setattr(search_find, "MANY_MATCHES", 1)
    for query, kinds in (("falconry", ""), ('HMICFRS "March & April"', ""),
                         ("owner:DCC", " AND kind=?")):
        [candidates, _details] = plans_of(book, query)
        assert candidates == [f"SEARCH e USING INDEX {MEETING_INDEX} (meeting_id=?{kinds})"]


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(query=st.sampled_from(["budget", "budget -figures", "budget kind:notes", "DCC",
                              '"the budget"', "budg*", "owner:DCC", "kind:titles",
                              "budget after:2017-10-01", "figures discussed"]),
       limit=st.integers(1, 45))
def test_both_ways_of_reading_give_the_same_results(
        book: MinuteBook, make_meeting: MakeMeeting, monkeypatch: pytest.MonkeyPatch,
        query: str, limit: int) -> None:
    if not search.search(book, "kittiwakes"):  # the same book for every example
        agenda.add_item(book, make_meeting(title="Made once").id, "Kittiwakes")
        for n, date in enumerate((dt.date(2017, 9, 26), dt.date(2017, 11, 28),
                                  dt.date(2017, 11, 28), dt.date(2017, 10, 31))):
            meeting = make_meeting(title=f"Meeting {n}", date=date)
            for i in range(6):
                item = agenda.add_item(book, meeting.id, f"Item {i} of the budget"
                                       if i % 3 == 0 else f"Item {i}")
                agenda.set_item_minutes(book, item.id, "".join(
                    f"<p>The budget {'figures ' * ((i + k) % 2)}were discussed.</p>"
                    for k in range(1 + (i + n) % 3)) + "<p>The treasurer agreed.</p>")
            actions.capture_action(book, meeting.id, "Circulate the budget summary",
                                   owner_text="DCC")
    ways = []
    for many in (1, 10**9):
        monkeypatch.setattr(search_find, "MANY_MATCHES", many)
        ways.append(search.search(book, query, limit=limit))
    assert ways[0] == ways[1]
    assert ways[0]
