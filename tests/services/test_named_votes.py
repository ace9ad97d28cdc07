"""A recorded (named) vote on a decision, checked against who was there for the item,
and the quorum at each item (issue 17, points 7 and 11).

A police and crime panel of ten councillors and two co-opted members: one councillor
leaves after item 4, another arrives during item 3, a substitute sits for a third, and
the Commissioner and an officer are in attendance (they do not vote)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from types import SimpleNamespace

import pytest

from minute_taker.domain.enums import AttendanceRole, AttendanceStatus, DecisionKind, VoteChoice
from minute_taker.domain.errors import ValidationError
from minute_taker.domain.records import StandingItem
from minute_taker.services import (
    agenda,
    approval,
    attendance,
    committees,
    decisions,
    interchange,
    meetings,
    people,
    presence,
)
from minute_taker.store.book import MinuteBook

COUNCILLORS = ["Amos", "Baker", "Cole", "Dee", "Evans", "Ford", "Grey", "Hunt", "Irwin",
               "Jones"]


@pytest.fixture
def panel(book: MinuteBook) -> SimpleNamespace:
    committee = committees.create_committee(
        book, "West Mercia Police and Crime Panel",
        standing_items=[StandingItem(t) for t in ("Apologies", "Declarations of interest",
                                                   "Minutes", "Budget", "Precept",
                                                   "Police and Crime Plan")])
    members = {name: people.create_person(book, name, title="Cllr",
                                          organisation="Shropshire Council").id
               for name in COUNCILLORS}
    for person_id in members.values():
        committees.add_member(book, committee.id, person_id)
    meeting = meetings.create_meeting(book, committee.id, "Panel", dt.date(2018, 2, 6))
    items = {i.number: i.id for i in agenda.list_items(book, meeting.id)}
    for name in COUNCILLORS[:8]:
        attendance.record_attendance(book, meeting.id, members[name])
    for name in COUNCILLORS[8:]:
        attendance.record_attendance(book, meeting.id, members[name],
                                     status=AttendanceStatus.APOLOGIES)
    substitute = people.create_person(book, "Miller", title="Cllr").id
    attendance.record_attendance(book, meeting.id, substitute,
                                 role=AttendanceRole.SUBSTITUTE,
                                 substitute_for_id=members["Irwin"])
    commissioner = people.create_person(book, "John Campion", abbreviation="PCC").id
    attendance.record_attendance(book, meeting.id, commissioner,
                                 role=AttendanceRole.IN_ATTENDANCE)
    attendance.record_departure(book, meeting.id, members["Hunt"], after_item_id=items["4"],
                                at=None)
    attendance.record_arrival(book, meeting.id, members["Grey"], during_item_id=items["3"],
                              at=None)
    precept = decisions.record_decision(book, items["5"], DecisionKind.RESOLVED,
                                        "that the proposed precept be supported")
    return SimpleNamespace(committee=committee, meeting=meeting.id, items=items,
                           members=members, substitute=substitute,
                           commissioner=commissioner, precept=precept.id)


def test_only_those_there_for_the_item_can_vote(book: MinuteBook,
                                                panel: SimpleNamespace) -> None:
    voters = [p.name for p in decisions.eligible_voters(book, panel.items["5"])]
    # Hunt left after item 4, the Commissioner does not vote; Grey is back from item 4.
    assert voters == ["Amos", "Baker", "Cole", "Dee", "Evans", "Ford", "Grey", "Miller"]
    assert "Grey" not in [p.name for p in decisions.eligible_voters(book, panel.items["3"])]
    with pytest.raises(ValidationError, match="Hunt was not there as a member"):
        decisions.record_named_vote(book, panel.precept,
                                    [(panel.members["Hunt"], VoteChoice.FOR)])
    with pytest.raises(ValidationError, match="John Campion was not there"):
        decisions.record_named_vote(book, panel.precept,
                                    [(panel.commissioner, VoteChoice.FOR)])
    with pytest.raises(ValidationError, match="votes once"):
        decisions.record_named_vote(book, panel.precept,
                                    [(panel.substitute, VoteChoice.FOR)] * 2)


def test_a_named_vote_sets_the_counts_and_travels(book: MinuteBook, panel: SimpleNamespace,
                                                  tmp_path: Path) -> None:
    m = panel.members
    votes = [(m["Amos"], VoteChoice.FOR), (m["Baker"], VoteChoice.FOR),
             (m["Cole"], VoteChoice.AGAINST), (m["Dee"], VoteChoice.ABSTAINED),
             (panel.substitute, VoteChoice.DID_NOT_VOTE)]
    decision = decisions.record_named_vote(book, panel.precept, votes)
    assert (decision.votes_for, decision.votes_against, decision.votes_abstained) == (2, 1, 1)
    assert decision.named_votes == tuple(votes)
    digest = approval.content_digest(book, panel.meeting)

    document = interchange.export_meeting(book, panel.meeting)
    with MinuteBook.open(tmp_path / "other.minutebook") as other:
        copied = interchange.import_meeting(other, document)
        [item] = [i for i in agenda.list_items(other, copied) if i.number == "5"]
        [there] = decisions.list_decisions(other, item.id)
        names = {p.id: p.name for p in people.list_people(other)}
        assert [(names[person], vote) for person, vote in there.named_votes] == [
            ("Amos", VoteChoice.FOR), ("Baker", VoteChoice.FOR), ("Cole", VoteChoice.AGAINST),
            ("Dee", VoteChoice.ABSTAINED), ("Miller", VoteChoice.DID_NOT_VOTE)]
        assert approval.content_digest(other, copied) == digest

    cleared = decisions.record_named_vote(book, panel.precept, [])
    assert cleared.named_votes == ()
    assert approval.content_digest(book, panel.meeting) != digest


def test_an_import_says_where_a_recorded_vote_and_the_attendance_disagree(
        book: MinuteBook, panel: SimpleNamespace, tmp_path: Path) -> None:
    """A transcription that has Hunt (who left after item 4) voting on item 5 is
    imported as written, and the clerk is told."""
    m = panel.members
    decisions.record_named_vote(book, panel.precept, [(m["Amos"], VoteChoice.FOR)])
    document = interchange.export_meeting(book, panel.meeting)
    hunt = next(p["uid"] for p in document["people"] if p["name"] == "Hunt")
    precept = next(i for i in document["items"] if i["number"] == "5")["decisions"][0]
    precept["named_votes"].append({"person": hunt, "vote": "for"})
    precept["votes_for"] = 2
    with MinuteBook.open(tmp_path / "other.minutebook") as other:
        result = interchange.import_document(other, document)
        assert [n for n in result.notes if "recorded vote" in n] == [
            "Item 5: the recorded vote names Hunt, who the attendance does not have there "
            "as a member for the whole item; imported as the file has it."]
        [item] = [i for i in agenda.list_items(other, result.meeting_id) if i.number == "5"]
        assert len(decisions.list_decisions(other, item.id)[0].named_votes) == 2
    with MinuteBook.open(tmp_path / "same.minutebook") as other:  # agreeing: nothing said
        clean = interchange.import_document(other, interchange.export_meeting(
            book, panel.meeting))
        assert not [n for n in clean.notes if "recorded vote" in n]


def test_the_quorum_at_each_item(book: MinuteBook, panel: SimpleNamespace) -> None:
    assert presence.quorum_at(book, panel.items["5"]) is None  # none stated
    committees.update_committee(book, panel.committee.id, quorum="1/3")
    state = presence.quorum_at(book, panel.items["5"])
    assert state is not None and (state.present, state.needed, state.quorate) == (8, 4, True)
    assert presence.inquorate_from(book, panel.meeting) is None
    committees.update_committee(book, panel.committee.id, quorum="9")
    assert presence.inquorate_from(book, panel.meeting) == "1"  # Grey came during item 3
    attendance.record_arrival(book, panel.meeting, panel.members["Grey"],
                              during_item_id=None, at=None)  # there from the start after all
    assert presence.inquorate_from(book, panel.meeting) == "5"  # Hunt left after item 4
    # A share with a floor, as standing orders put it: of twelve members a quarter is
    # three, but not fewer than nine here, so the floor decides.
    committees.update_committee(book, panel.committee.id, quorum="1/4, not less than 9")
    state = presence.quorum_at(book, panel.items["5"])
    assert state is not None and (state.needed, state.quorate) == (9, False)
    committees.update_committee(book, panel.committee.id, quorum="1/4, not less than 2")
    state = presence.quorum_at(book, panel.items["5"])
    assert state is not None and (state.needed, state.quorate) == (3, True)
    with pytest.raises(ValidationError, match="not a quorum"):
        committees.update_committee(book, panel.committee.id, quorum="most of them")
