"""Spelling rules without Qt: words, what is never flagged, and the British dictionary."""

from __future__ import annotations

from collections.abc import Iterator
from importlib.resources import files

import pytest

from minute_taker.domain import spelling
from minute_taker.domain.records import Abbreviation, PersonInfo
from minute_taker.domain.spelling import (
    SpellChecker,
    Token,
    meeting_words,
    never_flagged,
    tokenise,
)


class FakeEngine:
    """A dictionary of a few words that counts how often it is asked."""

    def __init__(self, words: set[str], suggestions: dict[str, list[str]] | None = None
                 ) -> None:
        self.words = words
        self.suggestions = suggestions or {}
        self.lookups: list[str] = []

    def lookup(self, word: str) -> bool:
        self.lookups.append(word)
        return word in self.words or word.lower() in self.words

    def suggest(self, word: str) -> Iterator[str]:
        return iter(self.suggestions.get(word, []))


WORDS = {"the", "report", "was", "noted", "by", "on", "well", "being", "chair", "don't",
         "organisation", "organization", "capsize", "it's", "commissioner's"}


def texts(tokens: list[Token]) -> list[str]:
    return [t.text for t in tokens]


# Tokens


def test_tokens_carry_their_positions() -> None:
    assert tokenise("The  report, noted.") == [Token(0, "The"), Token(5, "report"),
                                              Token(13, "noted")]


def test_apostrophes_inside_words_and_hyphenated_compounds_stay_whole() -> None:
    assert texts(tokenise("don't O'Brien's well-being members' \u2019tis")) == [
        "don't", "O'Brien's", "well-being", "members", "tis"]


def test_web_and_email_addresses_are_not_words() -> None:
    line = "See https://www.example.gov.uk/papers?id=3 or clerk@council.gov.uk today"
    assert texts(tokenise(line)) == ["See", "or", "today"]


@pytest.mark.parametrize("word", ["DCC", "PCC", "OPCC", "PCSOs", "PCC's", "HMICFRS"[:6],
                                  "2nd", "A4", "10am", "Covid-19", "a", "I"])
def test_never_flagged(word: str) -> None:
    assert never_flagged(word)


@pytest.mark.parametrize("word", ["HMICFRS", "Dcc", "report", "MINUTES"])
def test_checked(word: str) -> None:
    assert not never_flagged(word)


# The checker's rules


def test_misspelt_words_are_found_with_positions() -> None:
    checker = SpellChecker(FakeEngine(WORDS))
    assert checker.misspelt("The reprot was noted by the DCC on 2nd May") == [
        Token(4, "reprot"), Token(39, "May")]


def test_a_compound_is_accepted_whole_or_flagged_by_its_bad_parts() -> None:
    checker = SpellChecker(FakeEngine(WORDS))
    assert checker.misspelt("well-being") == []
    assert checker.misspelt("well-bein") == [Token(5, "bein")]


def test_typographic_apostrophes_are_read_as_plain_ones() -> None:
    checker = SpellChecker(FakeEngine(WORDS))
    assert checker.misspelt("don\u2019t") == []


def test_book_words_and_names_are_accepted_in_their_case_and_possessive() -> None:
    checker = SpellChecker(FakeEngine(WORDS))
    checker.set_accepted_words(["Blakeman", "minuting", " "])
    for word in ["Blakeman", "BLAKEMAN", "Blakeman's", "minuting", "Minuting", "MINUTING"]:
        assert checker.is_correct(word), word
    assert not checker.is_correct("blakeman")  # a name keeps its capital, as in Hunspell


def test_accepted_words_are_replaced_not_added_to() -> None:
    checker = SpellChecker(FakeEngine(WORDS))
    checker.set_accepted_words(["Blakeman"])
    checker.set_accepted_words(["Irvin"])
    assert not checker.is_correct("Blakeman")
    assert checker.is_correct("Irvin")


def test_titles_of_council_and_police_minutes_are_known() -> None:
    checker = SpellChecker(FakeEngine({"and", "met"}))
    line = "Cllr Smith and Ch Supt Jones met Insp Patel and Sgt Lee"
    assert texts(checker.misspelt(line)) == ["Smith", "Jones", "Patel", "Lee"]


def test_ignored_words_are_accepted_until_cleared() -> None:
    checker = SpellChecker(FakeEngine(WORDS))
    checker.ignore("Tuesdya")
    assert checker.is_correct("Tuesdya")
    checker.clear_ignored()
    assert not checker.is_correct("Tuesdya")


def test_the_engine_is_asked_once_per_word() -> None:
    engine = FakeEngine(WORDS)
    checker = SpellChecker(engine)
    for _ in range(3):
        checker.misspelt("the report the report")
    assert sorted(engine.lookups) == ["report", "the"]


def test_ize_is_flagged_when_the_ise_spelling_exists() -> None:
    checker = SpellChecker(FakeEngine(WORDS))
    assert not checker.is_correct("organization")
    assert checker.british_form("organization") == "organisation"
    assert checker.british_form("ORGANIZATION") == "ORGANISATION"
    assert checker.is_correct("capsize")  # no "capsise"
    assert SpellChecker(FakeEngine(WORDS), prefer_ise=False).is_correct("organization")


def test_suggestions_put_the_ise_form_and_close_names_before_the_dictionary() -> None:
    engine = FakeEngine(WORDS, {"organizaton": ["organization", "organ"],
                                "Blakemn": ["Blake man", "Blakeman"]})
    checker = SpellChecker(engine)
    assert checker.suggestions("organizaton") == ["organisation", "organ"]
    checker.set_accepted_words(["Blakeman"])
    assert checker.suggestions("Blakemn") == ["Blakeman", "Blake man"]
    assert checker.suggestions("Blakemn", limit=1) == ["Blakeman"]


def test_meeting_words_are_the_words_of_names_roles_and_abbreviations() -> None:
    people = [PersonInfo(1, "u1", "Amanda Blakeman-Hughes", title="Cllr",
                         role="Deputy Chief Constable", abbreviation="DCC", initials="ABH"),
              PersonInfo(2, "u2", "Siobh\u00e1n O\u2019Brien")]
    words = meeting_words(people, [Abbreviation("OPCC", "Office of the PCC")])
    assert {"Amanda", "Blakeman", "Hughes", "Cllr", "Deputy", "DCC", "ABH",
            "Siobh\u00e1n", "O'Brien", "OPCC", "Office", "PCC"} <= words


# The British dictionary shipped with the app


@pytest.fixture(scope="module")
def british() -> SpellChecker:
    from minute_taker.services.spelling import load_british_engine

    return SpellChecker(load_british_engine())


@pytest.mark.parametrize("word", [
    "colour", "organisation", "programme", "licence", "analyse", "centre", "judgement",
    "travelled", "minuted", "councillor", "recognised", "apologies", "behaviour",
    "Colour", "COLOUR", "Commissioner's", "don't", "it\u2019s", "Northumbria",
])
def test_british_spellings_are_accepted(british: SpellChecker, word: str) -> None:
    assert british.is_correct(word)


@pytest.mark.parametrize("word", ["color", "organization", "analyze", "center", "traveled",
                                  "recognized", "recieve", "seperate", "comittee"])
def test_american_spellings_and_typing_errors_are_flagged(british: SpellChecker,
                                                          word: str) -> None:
    assert not british.is_correct(word)


def test_british_suggestions(british: SpellChecker) -> None:
    assert british.suggestions("recieve")[0] == "receive"
    assert british.suggestions("organization")[0] == "organisation"
    assert "committee" in british.suggestions("comittee")
    assert len(british.suggestions("definately")) <= 5


def test_the_dictionary_ships_with_its_licence() -> None:
    folder = files("minute_taker.resources") / "dictionaries"
    for name in ["en_GB.aff", "en_GB.dic", "README_en_GB.txt", "LICENSE-LGPL-3.txt"]:
        assert (folder / name).is_file(), name
    assert "LGPL" in (folder / "README_en_GB.txt").read_text(encoding="utf-8")


def test_a_paragraph_shown_again_is_not_read_again_and_follows_the_words_accepted(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Underlining a document shown before is a look-up a paragraph (issue 18: switching
    into a 100,000-word item read and checked every word again); what is accepted or
    ignored since changes the answer at once."""
    read: list[str] = []

    def counting(text: str) -> list[Token]:
        read.append(text)
        return tokenise(text)

    monkeypatch.setattr(spelling, "tokenise", counting)
    checker = SpellChecker(FakeEngine(WORDS))
    paragraph = "The Blakemore report was noted by teh chair."
    for _ in range(3):
        assert texts(checker.misspelt(paragraph)) == ["Blakemore", "teh"]
    assert read == [paragraph]
    checker.set_accepted_words(["Blakemore"])
    assert texts(checker.misspelt(paragraph)) == ["teh"]
    checker.ignore("teh")
    assert checker.misspelt(paragraph) == []
    checker.clear_ignored()
    assert texts(checker.misspelt(paragraph)) == ["teh"]
