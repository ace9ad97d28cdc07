"""Which names and abbreviations are offered for the word being typed, and what they insert."""

from __future__ import annotations

from minute_taker.domain.completion import (
    CompletionEntry,
    build_entries,
    match_entries,
)
from minute_taker.domain.records import Abbreviation, PersonInfo

DCC = PersonInfo(id=1, uid="u1", name="Amanda Blakeman", role="Deputy Chief Constable",
                 abbreviation="DCC", initials="AB")
DCI = PersonInfo(id=2, uid="u2", name="Dan Price", role="Detective Chief Inspector",
                 abbreviation="DCI")
CLLR = PersonInfo(id=3, uid="u3", name="Sebastian Bowen", title="Cllr", role="Member")
CLLR2 = PersonInfo(id=4, uid="u4", name="Jane Amis", title="Cllr", role="Member")
JI = PersonInfo(id=5, uid="u5", name="Jackie Irvin", role="Policy Officer", initials="JI")
PCC = Abbreviation("PCC", "Police and Crime Commissioner")

ENTRIES = build_entries([DCC, DCI, CLLR, CLLR2, JI], [PCC])


def rows(typed: str, **options: object) -> list[str]:
    return [e.display for e in match_entries(ENTRIES, typed, **options)]  # type: ignore[arg-type]


def inserts(typed: str) -> list[str]:
    return [e.insert for e in match_entries(ENTRIES, typed)]


def test_a_person_with_an_abbreviation_offers_the_abbreviation_role_and_name() -> None:
    built = build_entries([DCC], [])
    assert [e for e in built if e.key == "DCC"] == [
        CompletionEntry("DCC", "DCC \u2013 Deputy Chief Constable (Amanda Blakeman)", "DCC"),
        CompletionEntry("DCC", "Deputy Chief Constable (Amanda Blakeman)",
                        "Deputy Chief Constable"),
        CompletionEntry("DCC", "Amanda Blakeman (DCC)", "Amanda Blakeman"),
    ]


def test_every_row_starts_with_what_it_inserts() -> None:
    assert ENTRIES
    for entry in ENTRIES:
        assert entry.display.startswith(entry.insert), entry


def test_typing_the_abbreviation_offers_the_expansion_first() -> None:
    assert rows("DCC") == ["Deputy Chief Constable (Amanda Blakeman)",
                           "Amanda Blakeman (DCC)",
                           "DCC \u2013 Deputy Chief Constable (Amanda Blakeman)"]
    assert inserts("DCC") == ["Deputy Chief Constable", "Amanda Blakeman", "DCC"]


def test_part_of_an_abbreviation_offers_every_match_abbreviation_first() -> None:
    assert rows("DC") == [
        "DCC \u2013 Deputy Chief Constable (Amanda Blakeman)",
        "Deputy Chief Constable (Amanda Blakeman)",
        "Amanda Blakeman (DCC)",
        "DCI \u2013 Detective Chief Inspector (Dan Price)",
        "Detective Chief Inspector (Dan Price)",
        "Dan Price (DCI)",
    ]


def test_matching_ignores_case_unless_a_capital_is_required() -> None:
    # "dcc" is put right as "DCC" by the first row.
    assert inserts("dcc") == ["DCC", "Deputy Chief Constable", "Amanda Blakeman"]
    assert rows("dcc", capital_first=True) == []
    assert rows("Dcc", capital_first=True) == rows("dcc")


def test_a_name_is_found_by_any_word_of_it() -> None:
    assert rows("Aman") == ["Amanda Blakeman (DCC)"]
    assert rows("Blak") == ["Amanda Blakeman (DCC)"]
    assert inserts("Blak") == ["Amanda Blakeman"]


def test_a_title_finds_everyone_who_holds_it() -> None:
    assert rows("Cllr") == ["Cllr Sebastian Bowen (Member)", "Cllr Jane Amis (Member)"]
    assert inserts("Cll") == ["Cllr Sebastian Bowen", "Cllr Jane Amis"]


def test_a_role_is_offered_only_when_it_names_one_person() -> None:
    assert rows("Deputy") == ["Deputy Chief Constable (Amanda Blakeman)"]
    assert rows("Policy") == ["Policy Officer (Jackie Irvin)"]
    assert rows("Memb") == []  # several members: "Member" names nobody


def test_committee_abbreviations_offer_both_forms() -> None:
    assert rows("PC") == ["PCC \u2013 Police and Crime Commissioner",
                          "Police and Crime Commissioner"]
    assert inserts("PCC") == ["Police and Crime Commissioner", "PCC"]
    assert rows("Police") == ["Police and Crime Commissioner"]


def test_nothing_is_offered_for_one_letter_or_no_match() -> None:
    assert rows("D") == []
    assert rows("") == []
    assert rows("Zebra") == []
    assert "Amanda Blakeman (DCC)" in rows("D", min_prefix=1)


def test_each_row_once_and_at_most_the_limit() -> None:
    twins = build_entries([PersonInfo(9, "u9", "Anna Andrews")], [])
    assert [e.display for e in match_entries(twins, "An")] == ["Anna Andrews"]
    assert len(match_entries(ENTRIES, "DC", limit=2)) == 2


def test_blank_parts_are_left_out() -> None:
    built = build_entries([PersonInfo(1, "u", "Jo", abbreviation=" ", role="  ")],
                          [Abbreviation(" ", "x"), Abbreviation("X", "")])
    assert built == [CompletionEntry("Jo", "Jo", "Jo")]
