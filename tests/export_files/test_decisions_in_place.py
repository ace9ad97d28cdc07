"""Decisions kept where they were taken, in the clerk's words (issue 17, point 6), in
every format and house style, read back: "It was agreed that ..." stays in its paragraph
among the narrative and a "RESOLVED that ..." paragraph between two others; neither is
printed again after the notes; a recorded vote follows the paragraph its decision ends
in; the house style sets only the emphasis. A decision from before (not in the notes)
and one whose passage has left the notes are printed after the notes as always."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import docx
import pytest
from test_real_minutes_fields import EVERY, FORMATS, STYLES, read_back
from test_votes_quorum_declarations import _at, _find, _uid

from minute_taker.export import formats
from minute_taker.export.content import decision_wording
from minute_taker.export.styles import style_for
from minute_taker.services import interchange, publishing

AGREED = "it was agreed that the Panel would receive a report on complaints in March"
RESOLVED = "RESOLVED that the Panel notes the update on crime in Telford."
BEFORE = "The Chief Superintendent outlined the plan."
AFTER = "Members asked about the hotspots."
MOVED = "Moved by John Campion, seconded by Tracey Onslow."
OLD = "Members thanked the officers for the report"  # item 2's decision, as it was
ORPHAN = "that the briefing be shared with the PCC's office"
AGREED_UID = "d0d0d0d0-1111-4222-8333-000000000001"
RESOLVED_UID = "d0d0d0d0-1111-4222-8333-000000000002"
ORPHAN_UID = "d0d0d0d0-1111-4222-8333-000000000003"


def _decision(uid: str, kind: str, text: str, *, in_notes: bool = True,
              mover: str | None = None, seconder: str | None = None) -> dict[str, Any]:
    return {"uid": uid, "kind": kind, "text": text, "mover": mover, "seconder": seconder,
            "votes_for": None, "votes_against": None, "votes_abstained": None,
            "not_voting": None, "named_votes": [], "in_notes": in_notes}


def marked_document() -> dict[str, Any]:
    """The demo meeting with two decisions kept in item 1.2's notes (one mid-sentence,
    one a paragraph of its own, moved and seconded), and one whose passage is gone."""
    document: dict[str, Any] = copy.deepcopy(interchange.demo_document())
    campion = _uid(document, "people", "John Campion")
    onslow = _uid(document, "people", "Tracey Onslow")
    item = _find(document["items"], "1.2")
    item["minutes_html"] = (
        f"<p>{BEFORE} After discussion <a href=\"decision:{AGREED_UID}\">{AGREED}</a>, "
        "to be presented by the DCC.</p>"
        f"<p><a href=\"decision:{RESOLVED_UID}\">{RESOLVED}</a></p>"
        f"<ul><li>{AFTER}</li></ul>")
    item["decisions"] = [
        _decision(AGREED_UID, "agreed", AGREED),
        _decision(RESOLVED_UID, "resolved", RESOLVED, mover=campion, seconder=onslow),
        _decision(ORPHAN_UID, "resolved", ORPHAN)]
    return document


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    folder = tmp_path_factory.mktemp("in-place")
    document = marked_document()
    return {(style, fmt): read_back(document, style, fmt, folder)
            for style in STYLES for fmt in FORMATS}


@EVERY
def test_a_decision_is_printed_once_where_it_was_taken_in_the_clerks_words(
        printed: dict[tuple[str, str], str], style: str, fmt: str) -> None:
    text = printed[style, fmt]
    sentence = f"{BEFORE} After discussion {AGREED}, to be presented by the DCC."
    assert text.count(sentence) == 1
    assert text.count(RESOLVED) == 1
    assert _at(text, sentence) < _at(text, RESOLVED) < _at(text, AFTER)
    # not again after the notes with a label of the app's
    assert "AGREED: it was agreed" not in text and "RESOLVED: RESOLVED" not in text
    assert text.count(AGREED) == 1


@EVERY
def test_the_vote_follows_the_paragraph_its_decision_ends_in(
        printed: dict[tuple[str, str], str], style: str, fmt: str) -> None:
    text = printed[style, fmt]
    assert text.count(MOVED) == 1
    assert _at(text, RESOLVED) < _at(text, MOVED) < _at(text, AFTER)


@EVERY
def test_a_decision_whose_passage_left_the_notes_is_still_printed_after_them(
        printed: dict[tuple[str, str], str], style: str, fmt: str) -> None:
    text = printed[style, fmt]
    assert text.count(f"RESOLVED {ORPHAN}") == 1
    assert _at(text, AFTER) < _at(text, f"RESOLVED {ORPHAN}") \
        < _at(text, "Operational and reputational")


@EVERY
def test_decisions_from_before_are_printed_as_they_always_were(
        tmp_path: Path, style: str, fmt: str) -> None:
    """A document from before marked passages (version 1, or a book before revision
    0010) has no marks and no ``in_notes``: it prints word for word as a document whose
    decisions say ``in_notes: false``, each decision after its notes with its label."""
    document = copy.deepcopy(interchange.demo_document())
    said = copy.deepcopy(document)
    for item in _every_item(document["items"]):
        for decision in item["decisions"]:
            decision.pop("in_notes", None)
    for item in _every_item(said["items"]):
        for decision in item["decisions"]:
            decision["in_notes"] = False
    for name in ("before", "said"):
        (tmp_path / name).mkdir()
    text = read_back(document, style, fmt, tmp_path / "before")
    assert text == read_back(said, style, fmt, tmp_path / "said")
    for item in _every_item(document["items"]):
        for decision in item["decisions"]:
            label, rest = decision_wording(decision["kind"], decision["text"])
            assert f"{label} {rest}".rstrip(".") in text


def _every_item(items: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [found for item in items for found in (item, *_every_item(item["children"]))]


def _written(tmp_path: Path, style: str, fmt: str) -> Path:
    request = formats.ExportRequest(meeting_id=0, fmt=fmt, public=True)
    prepared = formats.PreparedExport(request, marked_document(), style_for(style), True)
    return publishing.write(prepared, tmp_path / f"{style}.{fmt}").path


@pytest.mark.parametrize("style, emphasis", [
    ("committee-minutes", ("<strong>RESOLVED</strong> that the Panel notes",
                           f"After discussion {AGREED},")),
    ("action-notes", (f"<strong>{RESOLVED}</strong>", f"<strong>{AGREED}</strong>"))])
def test_the_house_style_decides_only_the_emphasis(tmp_path: Path, style: str,
                                                  emphasis: tuple[str, str]) -> None:
    page = _written(tmp_path, style, "html").read_text(encoding="utf-8")
    for markup in emphasis:
        assert markup in page
    markdown = _written(tmp_path, style, "md").read_text(encoding="utf-8")
    assert ("**RESOLVED** that" if style == "committee-minutes" else f"**{AGREED}**") \
        in markdown
    word = docx.Document(str(_written(tmp_path, style, "docx")))
    in_cells = [p for table in word.tables for row in table.rows for cell in row.cells
                for p in cell.paragraphs]
    paragraph = next(p for p in [*word.paragraphs, *in_cells]
                     if p.text.startswith("RESOLVED that the Panel"))
    bold = [run.text for run in paragraph.runs if run.bold and run.text.strip()]
    assert "".join(bold) == ("RESOLVED" if style == "committee-minutes" else RESOLVED)
