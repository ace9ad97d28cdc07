"""Abbreviations spelled out where a reader first meets them, a glossary at the end, or both."""

from __future__ import annotations

import dataclasses
import re
from typing import Any

import pytest
from layout_page import BOTH_STYLES, Page, item_numbered, render

from minute_taker.export.content import AbbreviationSpeller, visible_text
from minute_taker.export.styles import style_for

ABBREVIATIONS = [{"short": "PCC", "expansion": "Police and Crime Commissioner"},
                 {"short": "SO", "expansion": "Staff Officer"},
                 {"short": "A&E", "expansion": "Accident & Emergency <unit>"}]


def _spelled(style: str, mode: str) -> dict[str, Any]:
    return {"house": dataclasses.replace(style_for(style), abbreviations=mode)}


# --- the speller ----------------------------------------------------------------------------

def test_each_abbreviation_is_spelled_out_once_across_calls() -> None:
    speller = AbbreviationSpeller(ABBREVIATIONS)

    assert speller.spell("The PCC asked; the PCC agreed.") == (
        "The PCC (Police and Crime Commissioner) asked; the PCC agreed.")
    assert speller.spell("Then the PCC left, so the SO took notes.") == (
        "Then the PCC left, so the SO (Staff Officer) took notes.")
    assert speller.seen == {"PCC", "SO"}


def test_only_whole_words_in_the_right_case_count() -> None:
    speller = AbbreviationSpeller(ABBREVIATIONS)

    assert speller.spell("so the OPCC and PCCs met") == "so the OPCC and PCCs met"
    assert speller.seen == set()


def test_a_possessive_keeps_its_s_before_the_expansion() -> None:
    speller = AbbreviationSpeller(ABBREVIATIONS)

    assert speller.spell("the PCC’s office") == (
        "the PCC’s (Police and Crime Commissioner) office")


def test_an_abbreviation_already_spelled_out_is_left_alone() -> None:
    speller = AbbreviationSpeller(ABBREVIATIONS)

    assert speller.spell("The police and crime commissioner (PCC) spoke.") == (
        "The police and crime commissioner (PCC) spoke.")
    assert speller.spell("The PCC agreed.") == "The PCC agreed."


def test_html_is_spelled_in_text_nodes_only_and_stays_escaped() -> None:
    speller = AbbreviationSpeller(ABBREVIATIONS)
    fragment = ('<p title="PCC"><a href="https://example.org/PCC?x=1&amp;y=A&amp;E">'
                "PCC &amp; A&amp;E</a> <b>SO</b></p><script>PCC</script>")

    spelled = speller.spell_html(fragment)

    assert spelled == (
        '<p title="PCC"><a href="https://example.org/PCC?x=1&amp;y=A&amp;E">'
        "PCC (Police and Crime Commissioner) &amp; A&amp;E (Accident &amp; Emergency "
        "&lt;unit&gt;)</a> <b>SO (Staff Officer)</b></p><script>PCC</script>")
    assert speller.spell_html(fragment) == fragment  # all seen: nothing changes


def test_a_text_node_that_does_not_change_is_kept_byte_for_byte() -> None:
    speller = AbbreviationSpeller(ABBREVIATIONS)

    assert speller.spell_html("<p>A&#160;&#160;B &amp; C</p>") == "<p>A&#160;&#160;B &amp; C</p>"


# --- in the minutes ---------------------------------------------------------------------

@BOTH_STYLES
def test_first_use_spells_each_abbreviation_out_once_and_drops_the_glossary(
        demo: dict[str, Any], style: str) -> None:
    page = render(demo, **_spelled(style, "first_use"))

    text = visible_text(page.source[page.source.index("<body"):])
    assert "OPCC (Office of the Police and Crime Commissioner)" in text
    assert "future HTA (Holding to account)." in text
    for row in demo["committee"]["abbreviations"]:
        short, expansion = row["short"], row["expansion"]
        assert text.count(f"{short} ({expansion})") + text.count(f"{short}’s ({expansion})") \
            <= 1, short
        assert f"{expansion} ({short}) ({expansion})" not in text
    assert not page.root.find_all("table", "glossary")
    assert "abbreviations" not in [a.attrs.get("name") for a in page.root.find_all("a")]


@BOTH_STYLES
def test_first_use_never_changes_a_tag_or_an_attribute(demo: dict[str, Any],
                                                       style: str) -> None:
    item = item_numbered(demo, "6")
    item["documents"] = [{"uid": "0f0f0f0f-0000-4000-8000-000000000030",
                          "title": "Terms of reference", "location":
                          "https://example.org/HTA/terms?for=HTA&by=PSD"}]
    item["minutes_html"] = "<p>The HTA met.</p>"
    demo["committee"]["abbreviations"].append({"short": "p", "expansion": "paragraph"})
    plain = Page(render(demo, style=style).source)

    page = render(demo, **_spelled(style, "both"))  # "both": the same glossary as plain

    def tags(p: Page) -> list[tuple[str, dict[str, str]]]:
        return [(n.tag, n.attrs) for n in p.root.walk()]
    assert tags(page) == tags(plain)
    assert "https://example.org/HTA/terms?for=HTA&by=PSD" in [
        a.attrs.get("href") for a in page.root.find_all("a")]
    assert not re.search(r"<[^>]*\((?:Holding|paragraph)", page.source)


@BOTH_STYLES
def test_both_spells_out_and_keeps_the_glossary(demo: dict[str, Any], style: str) -> None:
    glossary_only = render(demo, style=style)
    both = render(demo, **_spelled(style, "both"))

    assert both.table_rows("glossary") == glossary_only.table_rows("glossary")
    assert "HTA (Holding to account)" in both.body.text()
    assert "HTA (Holding to account)" not in glossary_only.body.text()


def test_glossary_only_leaves_the_text_as_written(demo: dict[str, Any]) -> None:
    default = render(demo, style="narrative").source

    assert render(demo, **_spelled("narrative", "glossary")).source == default


@pytest.mark.parametrize("public", [False, True])
def test_spelling_out_keeps_the_review_windows_anchors(demo: dict[str, Any],
                                                       public: bool) -> None:
    plain = render(demo, style="narrative", public=public)
    spelled = render(demo, public=public, **_spelled("narrative", "first_use"))

    assert spelled.item_anchors() == plain.item_anchors()
    names = [a.attrs.get("name") for a in spelled.root.find_all("a") if a.attrs.get("name")]
    assert "close" in names
