"""The Word glossary finds every abbreviation the minutes use, item titles included.

A narrative item heading is the number, a tab and the title: the glossary once read
the heading as "6ZQX review", found no whole word "ZQX" and left it out.
"""

from __future__ import annotations

import html
import re
from dataclasses import replace
from typing import Any

import pytest

from minute_taker.export.layout import render_minutes
from minute_taker.export.styles import HouseStyle

ONLY_IN_TITLES = {"ZQX": "Zonal Quality Exchange", "ZQY": "Zonal Quality Yardstick"}


def _titled(document: dict[str, Any]) -> dict[str, Any]:
    """Two abbreviations the minutes use nowhere but in a top-level and a sub-item title."""
    for short, expansion in ONLY_IN_TITLES.items():
        document["committee"]["abbreviations"].append({"short": short, "expansion": expansion})
    document["items"][5]["title"] = "ZQX review"
    document["items"][0]["children"][0]["title"] = "ZQY findings"
    return document


def _word_glossary(word: Any) -> dict[str, str]:
    table = word.tables[-1]
    return {row.cells[0].text: row.cells[1].text for row in table.rows}


def _html_glossary(page: str) -> dict[str, str]:
    table = page.split('<table class="glossary"', 1)[1].split("</table>", 1)[0]
    rows = [[html.unescape(re.sub(r"<[^>]*>", "", cell))
             for cell in re.findall(r"<t[dh]\b[^>]*>(.*?)</t[dh]>", row)]
            for row in re.findall(r"<tr\b[^>]*>(.*?)</tr>", table)]
    return {short: expansion for short, expansion in rows}


@pytest.mark.parametrize("layout", ["narrative", "notes"])
def test_an_abbreviation_only_in_an_item_title_is_in_the_glossary(
        write: Any, demo: dict[str, Any], narrative: HouseStyle, notes: HouseStyle,
        layout: str) -> None:
    house = replace(narrative if layout == "narrative" else notes, abbreviations="glossary")
    document = _titled(demo)
    glossary = _word_glossary(write(document, house))
    for short, expansion in ONLY_IN_TITLES.items():
        assert glossary.get(short) == expansion, short
    # The same list as the published page's, which reads the heading as a reader does.
    assert glossary == _html_glossary(render_minutes(document, house=house))


def test_a_number_next_to_a_word_is_not_the_word(
        write: Any, demo: dict[str, Any], narrative: HouseStyle) -> None:
    """The tab separates; it does not make "6ZQX" (an abbreviation glued to text) count."""
    demo["committee"]["abbreviations"].append({"short": "ZQX", "expansion": "Never used"})
    demo["items"][5]["title"] = "AZQX review"
    glossary = _word_glossary(write(demo, replace(narrative, abbreviations="glossary")))
    assert "ZQX" not in glossary
