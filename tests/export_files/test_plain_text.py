"""Minutes as Markdown and plain text for e-mail: the same words, safe from markup."""

from __future__ import annotations

import copy
from typing import Any

import pytest

from minute_taker.export.plain import render_text
from minute_taker.export.plain_markup import html_lines, md_escape
from minute_taker.export.styles import style_for
from minute_taker.services import interchange


@pytest.fixture
def demo() -> dict[str, Any]:
    return copy.deepcopy(interchange.demo_document())


def test_markdown_has_headings_nested_lists_and_bold_decisions(demo: dict[str, Any]) -> None:
    text = render_text(demo, house=style_for("narrative"), public=False, markdown=True)
    assert text.startswith("**DRAFT – not yet approved**")
    assert "# Monthly Assurance Meeting" in text
    assert "### 1.2 Building a more secure West Mercia – Telford" in text
    assert "\n- The short term plan is in place. Interim measures include:\n" \
           "   - upskilling special constables;" in text
    assert "**NOTED:** The improvement in the handling of complaints" in text
    # The page's words, and its bold label.
    assert "**ACTION:** DCC – Report the outcome of the remodelling of the complaints " \
           "function back via AGG in two months (due in two months)\n" in text
    assert "The ACC left the meeting after item 1.2." in text
    assert "## Abbreviations used" in text


def test_plain_text_has_no_markdown(demo: dict[str, Any]) -> None:
    text = render_text(demo, house=style_for("narrative"), public=False, markdown=False)
    assert "**" not in text and "\n#" not in text
    assert "  • upskilling special constables;" in text


@pytest.mark.parametrize("markdown", [True, False])
def test_text_minutes_have_declarations_votes_papers_and_every_movement(
        demo: dict[str, Any], markdown: bool) -> None:
    people = {p["name"]: p["uid"] for p in demo["people"]}
    for row in demo["attendance"]:
        if row["person"] == people["Louise Wall"]:
            row["left_at"] = "12:00"  # only a time: no item to put it under
    item = demo["items"][0]["children"][0]
    item["decisions"][0].update(mover=people["John Campion"], votes_for=5, votes_against=1,
                                votes_abstained=None)
    item["documents"] = [{"uid": "0b5e4a53-0000-4000-8000-000000000001",
                          "title": "PSD performance report", "location": "papers/psd.pdf"}]
    text = render_text(demo, house=style_for("narrative"), public=False, markdown=markdown)
    assert "A declaration of non-pecuniary interest was made by Amanda Blakeman: National " \
           "police chiefs" in text
    assert "Moved by John Campion. Votes: 5 for, 1 against." in text
    assert "Supporting documents:" in text and "PSD performance report (papers/psd.pdf)" in text
    assert "The SO left the meeting at 12:00." in text
    assert "The ACC left the meeting after item 1.2." in text


def test_typed_markup_stays_text(demo: dict[str, Any]) -> None:
    item = demo["items"][0]
    item["title"] = "Budget *final* [link](http://x) <script>alert(1)</script>"
    item["minutes_html"] = "<p># not a heading</p><p>1. not a list</p>"
    text = render_text(demo, house=style_for("narrative"), public=False, markdown=True)
    assert r"\*final\* \[link\](http://x) \<script\>alert(1)\</script\>" in text
    assert "\n\\# not a heading\n" in text and "\n1\\. not a list\n" in text


def test_public_version_replaces_confidential_items(demo: dict[str, Any]) -> None:
    secret = demo["items"][1]
    secret["confidential"] = True
    words = "Operational and reputational opportunities"
    public = render_text(demo, house=style_for("narrative"), public=True, markdown=True)
    assert f"## 2 {words} and risks" in public
    assert "This item was considered in private" in public
    assert secret["minutes_html"][20:60] not in public
    full = render_text(demo, house=style_for("narrative"), public=False, markdown=True)
    assert "**NOT FOR PUBLICATION – contains confidential \\(exempt\\) items**" in full or \
        "NOT FOR PUBLICATION" in full


def test_approved_minutes_are_not_marked_draft(demo: dict[str, Any]) -> None:
    demo["meeting"]["status"] = "approved"
    assert "DRAFT" not in render_text(demo, house=style_for("narrative"), public=True,
                                      markdown=True)


def test_html_lines_keep_list_depth_and_numbering() -> None:
    lines = html_lines("<ol><li>One<ul><li>A</li></ul></li><li>Two</li></ol><p>End<br>x</p>",
                       markdown=True)
    # A blank line before the paragraph: without it Markdown reads "End" as more of "Two".
    assert lines == ["1. One", "   - A", "2. Two", "", "End  ", "x"]
    assert md_escape("- item") == "\\- item"
