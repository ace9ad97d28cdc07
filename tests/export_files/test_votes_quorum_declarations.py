"""Recorded votes, the quorum and declarations (issue 17, points 7, 8 and 11), printed in
every format and house style and read back: a named vote replaces the counts after its
decision ("For: Cllrs John Campion, Tracey Onslow (2). Against: Amanda Blakeman (1).
Abstained: none."); "The meeting was inquorate from item 2 ..." heads the first item at
which too few members were there, where the house style asks for it; a declaration made
during an item is printed once, under it, in the panel's words, and no "None." section
is invented."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
from test_real_minutes_fields import EVERY, FORMATS, STYLES, read_back

from minute_taker.export.styles import HouseStyle, style_for
from minute_taker.services import interchange

NAMED = ("For: Cllrs John Campion, Tracey Onslow (2). Against: Amanda Blakeman (1). "
         "Abstained: none.")
INQUORATE = "The meeting was inquorate from item 2 and the remaining items were noted only."
MADE_AT_ITEM_4 = ("A declaration of non-pecuniary interest was made by Amanda Blakeman: "
                  "National police chiefs")
RUN_ON = ("A declaration of interest was made by Cllr Tracey Onslow who was a Member of the Trust, "
          "Integrity and Ethics Committee.")
GENERAL = "Cllr John Campion declared an interest: Member of Worcestershire County Council."


def _at(text: str, words: str) -> int:
    """Where ``words`` are in the text, whatever their case (plain text capitalises
    headings)."""
    return text.casefold().index(words.casefold())


def _uid(document: dict[str, Any], key: str, value: str) -> str:
    return str(next(row["uid"] for row in document[key] if row.get("name") == value
                    or row.get("title") == value))


def _find(items: list[dict[str, Any]], number: str) -> dict[str, Any]:
    for item in items:
        if item["number"] == number:
            return item
        found = _find(item["children"], number) if item["children"] else None
        if found:
            return found
    return {}


def panel_document(quorum: str | None = "4") -> dict[str, Any]:
    """The demo meeting: Martin Evans, one of four members present, leaves after item
    1.2; a recorded vote at item 1.1; declarations at items 4 and 2 and one general."""
    document: dict[str, Any] = copy.deepcopy(interchange.demo_document())
    document["committee"]["quorum"] = quorum
    campion = _uid(document, "people", "John Campion")
    onslow = _uid(document, "people", "Tracey Onslow")
    blakeman = _uid(document, "people", "Amanda Blakeman")
    for person in document["people"]:
        if person["uid"] in (campion, onslow):
            person["title"] = "Cllr"
    decision = _find(document["items"], "1.1")["decisions"][0]
    decision.update(votes_for=2, votes_against=1, votes_abstained=0, named_votes=[
        {"person": campion, "vote": "for"}, {"person": onslow, "vote": "for"},
        {"person": blakeman, "vote": "against"}])
    document["declarations"] += [
        {"person": onslow, "item": _find(document["items"], "2")["uid"],
         "interest": "who was a Member of the Trust, Integrity and Ethics Committee",
         "nature": None},
        {"person": campion, "item": None,
         "interest": "Member of Worcestershire County Council", "nature": None}]
    return document


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    folder = tmp_path_factory.mktemp("votes-quorum")
    document = panel_document()
    return {(style, fmt): read_back(document, style, fmt, folder)
            for style in STYLES for fmt in FORMATS}


@EVERY
def test_a_recorded_vote_is_printed_in_place_of_the_counts(
        printed: dict[tuple[str, str], str], style: str, fmt: str) -> None:
    text = printed[style, fmt]
    assert text.count(NAMED) == 1
    assert "Votes: 2 for" not in text
    # after its decision, under item 1.1, before item 1.2
    assert _at(text, "Reassuring West Mercia") < _at(text, NAMED) \
        < _at(text, "Building a more secure West Mercia – Telford")


@EVERY
def test_the_first_inquorate_item_is_said_where_the_style_asks(
        printed: dict[tuple[str, str], str], style: str, fmt: str) -> None:
    text = printed[style, fmt]
    if style == "action-notes":
        assert "inquorate" not in text
        return
    assert text.count(INQUORATE) == 1
    # at the head of item 2, the first item after Martin Evans left after item 1.2
    assert _at(text, "Operational and reputational") < _at(text, INQUORATE) \
        < _at(text, "Chief Officer Meeting")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("quorum", ["1/3", None, "3"])
def test_nothing_is_said_of_a_quorate_meeting(tmp_path: Path, style: str,
                                              quorum: str | None) -> None:
    for fmt in ("html", "txt"):
        assert "inquorate" not in read_back(panel_document(quorum), style, fmt, tmp_path)


@EVERY
def test_a_declaration_is_printed_once_where_the_house_style_puts_it(
        printed: dict[tuple[str, str], str], style: str, fmt: str) -> None:
    """Committee minutes record a declaration under the item it is about, where it was
    made; the action notes list them at the top, "declared an interest in item 4"."""
    text = printed[style, fmt]
    if style == "committee-minutes":
        assert text.count(MADE_AT_ITEM_4) == 1
        assert _at(text, "Domestic burglary outcomes") < _at(text, MADE_AT_ITEM_4) \
            < _at(text, "Putting victims and survivors first – DVPNs")
        assert text.count(RUN_ON) == 1
        assert _at(text, "Operational and reputational") < _at(text, RUN_ON) \
            < _at(text, "Chief Officer Meeting")
        assert "declared a non-pecuniary interest in item" not in text
        assert "Blakeman declared" not in text
    else:
        in_section = "Amanda Blakeman declared a non-pecuniary interest in item 4"
        assert text.count(in_section) == 1 and MADE_AT_ITEM_4 not in text
        assert _at(text, "Declarations of interest") < _at(text, in_section) \
            < _at(text, "Outstanding matters")
    # a general declaration stays in the section after the attendance
    assert text.count(GENERAL) == 1
    assert _at(text, "Declarations of interest") < _at(text, GENERAL) \
        < _at(text, "Outstanding matters")


@pytest.mark.parametrize("style", STYLES)
@pytest.mark.parametrize("fmt", FORMATS)
def test_no_declarations_section_is_invented(tmp_path: Path, style: str, fmt: str) -> None:
    document = panel_document()
    document["declarations"] = []
    text = read_back(document, style, fmt, tmp_path)
    assert "Declarations of interest" not in text
    assert "None." not in text


def test_the_house_styles_say_whether_to_print_them() -> None:
    assert style_for("committee-minutes").quorum_statement
    assert not style_for("action-notes").quorum_statement
    assert not style_for("committee-minutes").declarations_none
    old = HouseStyle(name="old", title="Old", layout="narrative")
    assert not old.quorum_statement and not old.declarations_none


MADE_AT_1 = ("Cllr Tracey Onslow declared an interest in item 4: Member of the Burglary "
             "Reduction Board.")
GENERAL_AT_2 = ("A declaration of interest was made by Cllr John Campion: Trustee of a victims' "
                "charity.")


def declared_during_document() -> dict[str, Any]:
    """The panel's declarations made where the minutes record them: one at item 1 about
    item 4, a general one at item 2, and the DCC's from before ``made_at_item`` existed
    (about item 4, where the style prints it)."""
    document = panel_document()
    onslow = _uid(document, "people", "Tracey Onslow")
    campion = _uid(document, "people", "John Campion")
    first, second, fourth = (_find(document["items"], n)["uid"] for n in ("1", "2", "4"))
    document["declarations"] = [
        *(row for row in document["declarations"] if row["item"] == fourth),
        {"person": onslow, "item": fourth, "made_at_item": first, "nature": None,
         "interest": "Member of the Burglary Reduction Board"},
        {"person": campion, "item": None, "made_at_item": second, "nature": None,
         "interest": "Trustee of a victims' charity"}]
    return document


@EVERY
def test_a_declaration_is_printed_where_it_was_made_in_the_right_words(
        tmp_path: Path, style: str, fmt: str) -> None:
    """Both forms in one meeting (issue 17, point 8): "declared an interest in item 4"
    under the item it was made at, "A declaration ... was made by" for one made at the
    item it is about or a general one; the action notes list them all at the top."""
    text = read_back(declared_during_document(), style, fmt, tmp_path)
    if style == "committee-minutes":
        assert text.count(MADE_AT_1) == 1 and text.count(GENERAL_AT_2) == 1
        assert text.count(MADE_AT_ITEM_4) == 1
        assert _at(text, "Outstanding matters / items brought forward") < _at(text, MADE_AT_1) \
            < _at(text, "Reassuring West Mercia")
        assert _at(text, "Operational and reputational") < _at(text, GENERAL_AT_2) \
            < _at(text, "Chief Officer Meeting")
        assert _at(text, "Domestic burglary outcomes") < _at(text, MADE_AT_ITEM_4)
    else:
        listed = ["Amanda Blakeman declared a non-pecuniary interest in item 4",
                  MADE_AT_1, "Cllr John Campion declared an interest: Trustee"]
        for sentence in listed:
            assert text.count(sentence) == 1
            assert _at(text, "Declarations of interest") < _at(text, sentence) \
                < _at(text, "Outstanding matters / items brought forward")


@pytest.mark.parametrize("style", STYLES)
def test_a_declaration_recorded_before_prints_as_it_did(tmp_path: Path, style: str) -> None:
    """No ``made_at_item`` (version 1, or a book before revision 0011) prints exactly as
    ``null``: where the house style put declarations before."""
    absent = panel_document()
    said = copy.deepcopy(absent)
    for row in said["declarations"]:
        row["made_at_item"] = None
    for fmt in ("html", "txt"):
        (tmp_path / fmt).mkdir()
        assert read_back(absent, style, fmt, tmp_path) == \
            read_back(said, style, fmt, tmp_path / fmt)
