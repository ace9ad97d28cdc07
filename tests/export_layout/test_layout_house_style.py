"""House styles: organisation, logo, fonts, heading texts and the chair's signature line."""

from __future__ import annotations

import base64
import dataclasses
import struct
import zlib
from pathlib import Path
from typing import Any

import pytest
from layout_page import BOTH_STYLES, Page, item_numbered, render

from minute_taker.export.content import read_minutes, signature_line
from minute_taker.export.layout import CSS, house_css, render_minutes
from minute_taker.export.styles import HouseStyle, read_style, style_for

HEADINGS = {
    "present": "Members present", "also_present": "In attendance",
    "officers": "Staff present", "apologies": "Apologies for absence",
    "absent": "Not present", "declarations": "Interests declared",
    "actions_arising": "Action log", "abbreviations": "Glossary",
    "next_meeting": "Next meeting", "private_item": "Taken in closed session.",
    "signature": "Chairman",
}


def _house(layout: str = "narrative", **changes: Any) -> HouseStyle:
    return dataclasses.replace(
        HouseStyle(name="county", title="County", layout=layout,
                   organisation="West Mercia Office of the PCC", headings=HEADINGS),
        **changes)


def _png() -> bytes:
    """A 2 x 1 pixel PNG, enough to be a real picture."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    pixels = zlib.compress(b"\x00\x1f\x38\x64\xff\xff\xff")
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", 2, 1, 8, 2, 0, 0, 0))
            + chunk(b"IDAT", pixels) + chunk(b"IEND", b""))


def _approved(demo: dict[str, Any]) -> dict[str, Any]:
    demo["meeting"]["status"] = "approved"
    return demo


# --- texts from the style ---------------------------------------------------------------

def test_narrative_takes_its_heading_texts_and_organisation_from_the_style(
        demo: dict[str, Any]) -> None:
    demo["attendance"][-1]["status"] = "absent"
    guest = next(r for r in demo["attendance"] if r["status"] == "present")
    guest["role"] = "guest"
    house = _house()

    _general_declaration(demo)
    page = render(_approved(demo), house=house, public=True)

    headed = [n for n in page.body.children if not isinstance(n, str)]
    assert [n.text() for n in headed[:2]] == ["West Mercia Office of the PCC",
                                              "Monthly Assurance Meeting"]
    assert headed[0].classes == {"organisation"} and headed[1].tag == "h1"
    labels = [row[0] for row in page.table_rows("attendance") if len(row) == 3]
    assert labels == ["Members present:", "In attendance:", "Staff present:",
                      "Apologies for absence:", "Not present:"]
    assert page.root.find("h2", "section").text() == "Interests declared"
    assert page.texts("private-item") == ["Taken in closed session."]
    assert page.texts("next-meeting") == ["Next meeting: Wednesday 29 November 2017 at 10:30"]
    assert page.texts("signature") == ["Signed: ____________ Chairman Date: ____________"]
    assert page.root.find_all("h2")[-1].text() == "Glossary"


def _general_declaration(demo: dict[str, Any]) -> None:
    """One made under no item, so the declarations section (and its heading) is printed:
    the demo's own is printed under its item."""
    demo["declarations"].append({"person": demo["people"][0]["uid"], "item": None,
                                 "interest": "Trustee of a local charity.", "nature": None})


def test_action_notes_take_their_heading_texts_from_the_style(demo: dict[str, Any]) -> None:
    _general_declaration(demo)
    page = render(demo, house=_house("action_notes"))

    assert page.root.find("p", "organisation").text() == "West Mercia Office of the PCC"
    assert [n.text() for n in page.body.find_all("h2", "section")] == [
        "Attendance", "Interests declared", "Action log", "Glossary"]
    assert "Action log:" in page.texts("label")
    assert page.table_rows("attendance")[1][0] == "Members present:"


def test_no_organisation_means_no_line_for_it(demo: dict[str, Any]) -> None:
    assert not render(demo, house=_house(organisation="")).texts("organisation")
    assert not render(demo).texts("organisation")


def test_the_built_in_styles_say_what_their_files_say(demo: dict[str, Any]) -> None:
    notes = render(demo)  # the sample committee's style: action notes
    assert notes.table_rows("attendance")[1][0] == "Attendees:"
    assert read_minutes(demo).house.name == "action-notes"
    narrative = render(demo, style="narrative")
    assert narrative.table_rows("attendance")[0][0] == "Present:"
    assert read_minutes(demo, style="narrative").house.name == "committee-minutes"


# --- which layout -------------------------------------------------------------------------

def test_the_house_style_chooses_the_layout_unless_a_layout_is_given(
        demo: dict[str, Any]) -> None:
    assert read_minutes(demo, house=_house("narrative")).style == "narrative"
    assert read_minutes(demo, house=_house("action_notes")).style == "action_notes"
    both = read_minutes(demo, style="action_notes", house=_house("narrative"))
    assert both.style == "action_notes" and both.house.organisation
    assert read_minutes(demo, style="committee-minutes").style == "narrative"
    assert render(demo, style="narrative", house=_house("action_notes")).root.find_all(
        "p", "held")


def test_a_style_name_beside_a_house_style_is_refused(demo: dict[str, Any]) -> None:
    with pytest.raises(ValueError, match="house style"):
        render_minutes(demo, style="committee-minutes", house=_house())


# --- look: fonts, colour, logo --------------------------------------------------------------

def test_stylesheet_carries_the_styles_font_size_and_heading_colour(
        demo: dict[str, Any]) -> None:
    house = _house(font_family="Georgia, 'Times New Roman', serif", font_size_pt=12,
                   heading_colour="#7a1f00")

    source = render_minutes(demo, house=house)

    sheet = source[source.index("<style>") + 7:source.index("</style>")]
    assert sheet.startswith(CSS + house_css(house))
    assert 'body { font-family: "Georgia", "Times New Roman", serif; }' in sheet
    assert "h1, h2, h3, h4, .organisation { color: #7a1f00; }" in sheet
    assert "@media print { body { font-size: 12pt; } }" in sheet


def test_a_font_or_colour_that_is_not_plainly_one_stays_out_of_the_stylesheet() -> None:
    css = house_css(_house(font_family="Evil</style><script>alert(1)</script>, Verdana",
                           heading_colour="red; background: url(x)"))

    assert "<" not in css and "url(" not in css
    assert 'font-family: "Verdana", sans-serif;' in css
    assert "color: #1f3864;" in css


def test_logo_is_embedded_in_the_page(demo: dict[str, Any], tmp_path: Path) -> None:
    (tmp_path / "logo.png").write_bytes(_png())
    (tmp_path / "style.toml").write_text(
        'title = "County"\nlayout = "narrative"\norganisation = "County Council"\n'
        'logo = "logo.png"\nfont_family = "Verdana"\nheading_colour = "#004400"\n'
        '[headings]\npresent = "Members"\n', encoding="utf-8")
    house = read_style(tmp_path)

    page = render(demo, house=house)

    image = page.root.find("img")
    assert image.attrs["src"] == "data:image/png;base64," + base64.b64encode(_png()).decode()
    assert image.attrs["height"] == "64"
    headed = [n for n in page.body.children if not isinstance(n, str)]
    assert headed[2].classes == {"logo"}  # after the DRAFT and NOT FOR PUBLICATION banners
    assert headed[3].text() == "County Council"
    assert page.table_rows("attendance")[0][0] == "Members:"
    assert '"Verdana"' in page.source and "#004400" in page.source


def test_a_logo_that_is_not_a_picture_is_left_out(demo: dict[str, Any],
                                                   tmp_path: Path) -> None:
    (tmp_path / "logo.svg").write_text("<svg onload='alert(1)'/>", encoding="utf-8")

    page = render(demo, house=_house(logo=tmp_path / "logo.svg"))

    assert not page.root.find_all("img")
    assert not render(demo, house=_house(logo=tmp_path / "gone.png")).root.find_all("img")


# --- the chair's signature --------------------------------------------------------------

def test_approved_narrative_minutes_end_with_a_line_for_the_chair_to_sign(
        demo: dict[str, Any]) -> None:
    page = render(_approved(demo), style="narrative")

    paragraphs = [p for p in page.body.find_all("p") if p.text()]
    # under the signature only the contact officer, as ModernGov prints minutes
    assert [p.attrs["class"] for p in paragraphs[-4:]] == ["closed", "next-meeting",
                                                           "signature", "contact"]
    assert page.texts("signature") == ["Signed: ____________ Chair Date: ____________"]
    assert "close" in [a.attrs.get("name") for a in paragraphs[-4].find_all("a")]
    assert signature_line(style_for("narrative")) == (
        "Signed: ____________ Chair    Date: ____________")


@pytest.mark.parametrize("case", ["draft", "action_notes", "style_says_no"])
def test_no_signature_line_on_drafts_action_notes_or_if_the_style_has_none(
        demo: dict[str, Any], case: str) -> None:
    if case != "draft":
        _approved(demo)
    options: dict[str, Any] = {
        "draft": {"style": "narrative"}, "action_notes": {"style": "action_notes"},
        "style_says_no": {"house": _house(signature_line=False)}}[case]

    assert not render(demo, **options).texts("signature")


def test_signature_line_carries_the_close_anchor_when_nothing_else_ends_the_minutes(
        demo: dict[str, Any]) -> None:
    _approved(demo)
    demo["meeting"].update(end_time=None, next_meeting_at=None)

    page = render(demo, house=_house(abbreviations="first_use"))  # no glossary either

    signature = page.root.find("p", "signature")
    assert [a.attrs["name"] for a in signature.find_all("a")] == ["close"]


def test_the_signature_line_comes_after_the_glossary_which_ends_the_minutes(
        demo: dict[str, Any]) -> None:
    _approved(demo)
    demo["meeting"].update(end_time=None, next_meeting_at=None)

    page = render(demo, house=_house())

    signature = page.root.find("p", "signature")
    assert not signature.find_all("a")  # the glossary's own anchor ends the last item
    text = " ".join(page.body.text().split())
    assert text.endswith("Date: ____________ Contact: Jackie Irvin, Policy Officer, OPCC")
    assert text.index(HEADINGS["abbreviations"]) < text.index("Signed:")


# --- drafts -------------------------------------------------------------------------------

@BOTH_STYLES
def test_a_draft_keeps_its_banner_and_its_printed_watermark(demo: dict[str, Any],
                                                            style: str) -> None:
    page = Page(render_minutes(demo, house=_house(style)))

    assert page.texts("draft-banner") == ["DRAFT – not yet approved"]
    assert "draft" in page.body.classes
    assert 'body.draft::after { content: "DRAFT"; position: fixed;' in CSS
    assert item_numbered(demo, "1")["uid"] in page.item_anchors()
