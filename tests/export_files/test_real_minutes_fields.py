"""What real minutes carry (issue 17), printed in every format and house style and read
back: the date of the next meeting (a time only when one was fixed, then the venue),
the contact officer, the council a member or substitute sits for, "In attendance" as a
group of its own, and each supporting paper's format and size ("Report PDF 182 KB")."""

from __future__ import annotations

import copy
import re
from pathlib import Path
from typing import Any

import pytest
from nothing_lost_support import (
    docx_blocks,
    html_blocks,
    markdown_blocks,
    pdf_pages,
    squash,
    txt_blocks,
)

from minute_taker.export import formats
from minute_taker.export.content import read_minutes
from minute_taker.export.styles import read_style, style_for
from minute_taker.services import interchange, publishing

FORMATS = ("pdf", "docx", "html", "md", "txt")
STYLES = ("committee-minutes", "action-notes")
MILLER = "7a7a7a7a-1111-4222-8333-444444444444"
HART = "7a7a7a7a-1111-4222-8333-555555555555"
CONTACT = "Contact: Sheena Jones, Democratic Governance Services Manager, 01905 844871"


def _person(uid: str, name: str, organisation: str) -> dict[str, Any]:
    return {"uid": uid, "name": name, "title": "Cllr", "role": None, "abbreviation": None,
            "initials": None, "organisation": organisation, "email": None}


def _row(person: str, role: str, substitute_for: str | None = None) -> dict[str, Any]:
    return {"person": person, "status": "present", "role": role,
            "substitute_for": substitute_for, "capacity": None, "arrived_during_item": None,
            "arrived_at": None, "left_after_item": None, "left_at": None}


def panel_document(next_meeting_at: str = "2018-02-06T10:30",
                   venue: str | None = "Council Chamber, County Hall") -> dict[str, Any]:
    """The demo meeting with a joint panel's members, a substitute, someone in
    attendance, a contact officer and the next meeting."""
    document: dict[str, Any] = copy.deepcopy(interchange.demo_document())
    meeting = document["meeting"]
    meeting.update(next_meeting_at=next_meeting_at, next_meeting_venue=venue,
                   contact_name="Sheena Jones",
                   contact_details="Democratic Governance Services Manager, 01905 844871")
    document["people"] += [_person(MILLER, "Tony Miller", "Worcestershire County Council"),
                           _person(HART, "Ann Hart", "Shropshire Council")]
    champness = next(p["uid"] for p in document["people"] if p["name"] == "Andy Champness")
    document["attendance"][2:2] = [_row(HART, "member"),
                                   _row(MILLER, "substitute", champness)]
    onslow = next(p["uid"] for p in document["people"] if p["name"] == "Tracey Onslow")
    row = next(r for r in document["attendance"] if r["person"] == onslow)
    row["role"] = "in_attendance"
    return document


def read_back(document: dict[str, Any], style: str, fmt: str, folder: Path) -> str:
    """The file as a reader gets it, its white space squashed."""
    request = formats.ExportRequest(meeting_id=0, fmt=fmt, public=True)
    prepared = formats.PreparedExport(request, document, style_for(style), True)
    path = publishing.write(prepared, folder / f"{style}.{fmt}").path
    if fmt == "pdf":
        return squash(" ".join(pdf_pages(path)))
    if fmt == "docx":
        return " ".join(docx_blocks(path.read_bytes()))
    text = path.read_text(encoding="utf-8")
    blocks = {"html": html_blocks, "md": markdown_blocks, "txt": txt_blocks}[fmt](text)
    return " ".join(blocks)


@pytest.fixture(scope="module")
def printed(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, str], str]:
    folder = tmp_path_factory.mktemp("real-minutes")
    document = panel_document()
    return {(style, fmt): read_back(document, style, fmt, folder)
            for style in STYLES for fmt in FORMATS}


EVERY = pytest.mark.parametrize("style, fmt", [(s, f) for s in STYLES for f in FORMATS])


@EVERY
def test_the_next_meeting_with_its_time_and_venue(printed: dict[tuple[str, str], str],
                                                 style: str, fmt: str) -> None:
    assert "Date of next meeting: Tuesday 6 February 2018 at 10:30, Council Chamber, " \
        "County Hall" in printed[style, fmt]


@EVERY
def test_a_next_meeting_with_no_time_says_none(tmp_path: Path, style: str, fmt: str) -> None:
    text = read_back(panel_document("2018-02-06", None), style, fmt, tmp_path)
    assert "Date of next meeting: Tuesday 6 February 2018" in text
    assert "00:00" not in text
    assert not re.search(r"Tuesday 6 February 2018 ?(at|,)", text)


@EVERY
def test_the_contact_officer_is_printed_at_the_foot(printed: dict[tuple[str, str], str],
                                                   style: str, fmt: str) -> None:
    text = printed[style, fmt]
    assert text.count(CONTACT) == 1
    # after the close and the next meeting (and the signature, where there is one)
    assert text.index("Date of next meeting:") < text.index(CONTACT)
    assert text.index(CONTACT) > text.rfind("Signed:")


@EVERY
def test_substitutes_and_members_are_shown_with_their_council(
        printed: dict[tuple[str, str], str], style: str, fmt: str) -> None:
    text = printed[style, fmt]
    assert "Cllr Tony Miller for Andy Champness (Worcestershire County Council)" in text
    assert "substitute for" not in text
    assert "Cllr Ann Hart (Shropshire Council)" in text
    # a capacity typed for the meeting says what the person is: no council added to it
    assert "Amanda Blakeman (West Mercia Police)" not in text


@EVERY
def test_in_attendance_is_a_group_of_its_own(printed: dict[tuple[str, str], str],
                                            style: str, fmt: str) -> None:
    text = printed[style, fmt].casefold()  # plain text prints the headings in capitals
    present = "present" if style == "committee-minutes" else "attendees"
    order = [text.index(present), text.index("in attendance"),
             text.index("officers in attendance"), text.index("apologies")]
    assert order == sorted(order)
    start, end = order[1], order[2]
    assert "tracey onslow" in text[start:end]
    assert "tracey onslow" not in text[:start]


@EVERY
def test_papers_are_listed_with_format_and_size(printed: dict[tuple[str, str], str],
                                               style: str, fmt: str) -> None:
    assert "Performance against the Police and Crime Plan \u2013 report, October 2017 " \
        "PDF 182 KB" in printed[style, fmt]


@pytest.mark.parametrize("place", ["head", "none"])
def test_the_house_style_puts_the_contact_at_the_head_or_nowhere(
        tmp_path: Path, place: str) -> None:
    for name in STYLES:
        folder = tmp_path / f"{name}-{place}"
        folder.mkdir()
        source = style_for(name).folder
        assert source is not None
        text = (source / "style.toml").read_text(encoding="utf-8")
        (folder / "style.toml").write_text(
            text.replace('contact = "foot"', f'contact = "{place}"'), encoding="utf-8")
        house = read_style(folder)
        assert house.contact == place
        for fmt in ("html", "docx", "txt", "pdf"):
            request = formats.ExportRequest(meeting_id=0, fmt=fmt, public=True)
            prepared = formats.PreparedExport(request, panel_document(), house, True)
            path = publishing.write(prepared, folder / f"minutes.{fmt}").path
            printed = {"pdf": lambda p: squash(" ".join(pdf_pages(p))),
                       "docx": lambda p: " ".join(docx_blocks(p.read_bytes())),
                       "html": lambda p: " ".join(html_blocks(p.read_text("utf-8"))),
                       "txt": lambda p: " ".join(txt_blocks(p.read_text("utf-8")))}[fmt](path)
            if place == "none":
                assert "Sheena Jones" not in printed, (name, fmt)
            else:
                assert printed.count(CONTACT) == 1, (name, fmt)
                assert printed.index(CONTACT) < printed.casefold().index("apologies"), \
                    (name, fmt)


def test_a_style_file_without_the_setting_prints_the_contact_at_the_foot(
        tmp_path: Path) -> None:
    source = style_for("committee-minutes").folder
    assert source is not None
    text = (source / "style.toml").read_text(encoding="utf-8")
    old = "\n".join(line for line in text.splitlines()
                    if not line.startswith(("contact", "in_attendance")))
    (tmp_path / "style.toml").write_text(old, encoding="utf-8")
    house = read_style(tmp_path)
    assert house.contact == "foot"
    assert house.heading("contact") == "Contact"
    assert house.heading("in_attendance") == "In attendance"
    assert read_minutes(panel_document(), house=house).contact_at == "foot"


def test_no_contact_no_line(tmp_path: Path) -> None:
    document = panel_document()
    document["meeting"].update(contact_name=None, contact_details="  ")
    for style in STYLES:
        assert "Contact" not in read_back(document, style, "txt", tmp_path)
