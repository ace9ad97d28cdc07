"""Reading action owners from what was typed in the action column."""

from __future__ import annotations

import pytest

from minute_taker.domain.owners import resolve_owners
from minute_taker.domain.records import PersonInfo

DCC = PersonInfo(id=1, uid="u1", name="Amanda Blakeman", role="Deputy Chief Constable",
                 abbreviation="DCC", initials="AB")
ACC = PersonInfo(id=2, uid="u2", name="Martin Evans", role="Assistant Chief Constable",
                 abbreviation="ACC", initials="ME")
JI = PersonInfo(id=3, uid="u3", name="Jackie Irvin", role="Policy Officer", initials="JI")
PCC = PersonInfo(id=4, uid="u4", name="John Campion", abbreviation="PCC", initials="JC")
DPCC = PersonInfo(id=5, uid="u5", name="Tracey Onslow", abbreviation="DPCC", initials="TO")
CLLR = PersonInfo(id=6, uid="u6", name="Sebastian Bowen", title="Cllr", initials="SB")
ANDERSON = PersonInfo(id=7, uid="u7", name="Sandy Anderson", initials="SA")
NOBODY_KNOWN = PersonInfo(id=8, uid="u8", name="Chris")

PEOPLE = [DCC, ACC, JI, PCC, DPCC, CLLR, ANDERSON, NOBODY_KNOWN]


def owners(text: str, people: list[PersonInfo] = PEOPLE) -> list[str]:
    return [p.name for p in resolve_owners(text, people)]


@pytest.mark.parametrize(("typed", "expected"), [
    ("DCC", ["Amanda Blakeman"]),
    ("DCC, ACC", ["Amanda Blakeman", "Martin Evans"]),
    ("DCC,ACC", ["Amanda Blakeman", "Martin Evans"]),
    ("DCC ACC JI", ["Amanda Blakeman", "Martin Evans", "Jackie Irvin"]),
    ("DCC and ACC", ["Amanda Blakeman", "Martin Evans"]),
    ("DCC & ACC", ["Amanda Blakeman", "Martin Evans"]),
    ("DCC / ACC", ["Amanda Blakeman", "Martin Evans"]),
    ("DCC; ACC + JI", ["Amanda Blakeman", "Martin Evans", "Jackie Irvin"]),
    ("  DCC  ,   ACC  ", ["Amanda Blakeman", "Martin Evans"]),
])
def test_abbreviations_and_separators(typed: str, expected: list[str]) -> None:
    assert owners(typed) == expected


def test_owners_come_in_the_order_written() -> None:
    assert owners("ACC, DCC") == ["Martin Evans", "Amanda Blakeman"]
    assert owners("JI DCC") == ["Jackie Irvin", "Amanda Blakeman"]


@pytest.mark.parametrize(("typed", "expected"), [
    ("Jackie Irvin", ["Jackie Irvin"]),
    ("Amanda Blakeman and Martin Evans", ["Amanda Blakeman", "Martin Evans"]),
    ("Cllr Sebastian Bowen", ["Sebastian Bowen"]),
    ("Sebastian Bowen", ["Sebastian Bowen"]),
    ("Chris", ["Chris"]),
])
def test_full_and_display_names(typed: str, expected: list[str]) -> None:
    assert owners(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("JI", ["Jackie Irvin"]),
    ("AB, ME", ["Amanda Blakeman", "Martin Evans"]),
    ("JC TO", ["John Campion", "Tracey Onslow"]),
])
def test_initials(typed: str, expected: list[str]) -> None:
    assert owners(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("dcc", ["Amanda Blakeman"]),
    ("Dcc AND acc", ["Amanda Blakeman", "Martin Evans"]),
    ("Jackie Irvin AND Martin Evans", ["Jackie Irvin", "Martin Evans"]),
    ("ji", ["Jackie Irvin"]),
    ("JACKIE IRVIN", ["Jackie Irvin"]),
    ("cllr sebastian bowen", ["Sebastian Bowen"]),
])
def test_matching_ignores_case(typed: str, expected: list[str]) -> None:
    assert owners(typed) == expected


@pytest.mark.parametrize(("typed", "expected"), [
    ("", []),
    ("   ", []),
    ("ALL", []),
    ("Head of PSD", []),
    ("DCC, Head of PSD", ["Amanda Blakeman"]),
    ("CEX and DCC", ["Amanda Blakeman"]),
    (", , and", []),
])
def test_unknown_words_link_nobody(typed: str, expected: list[str]) -> None:
    assert owners(typed) == expected


@pytest.mark.parametrize("typed", [
    "DCC, DCC", "DCC DCC", "DCC, Amanda Blakeman", "AB and DCC", "dcc, DCC / Amanda Blakeman",
])
def test_each_person_once(typed: str) -> None:
    assert owners(typed) == ["Amanda Blakeman"]


def test_and_inside_a_word_is_not_a_separator() -> None:
    assert owners("Sandy Anderson and DCC") == ["Sandy Anderson", "Amanda Blakeman"]
    assert owners("PCC, DPCC") == ["John Campion", "Tracey Onslow"]


def test_when_two_people_share_initials_the_first_candidate_wins() -> None:
    james = PersonInfo(id=9, uid="u9", name="James Ives", initials="JI")
    assert owners("JI", [JI, james]) == ["Jackie Irvin"]
    assert owners("JI", [james, JI]) == ["James Ives"]


def test_no_candidates_means_no_owners() -> None:
    assert resolve_owners("DCC, ACC", []) == []


def test_resolved_owners_are_the_given_records() -> None:
    assert resolve_owners("DCC", PEOPLE)[0] is DCC


def test_a_possessive_still_names_its_owner() -> None:
    pcc = PersonInfo(id=1, uid="p", name="John Campion", abbreviation="PCC")
    assert resolve_owners("PCC's office", [pcc]) == [pcc]
    assert resolve_owners("PCC\u2019s", [pcc]) == [pcc]
