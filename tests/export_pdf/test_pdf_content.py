"""What a reader of the PDF gets: text, headers, page numbers, marks, fonts, metadata.

Each test exports the shipped sample meeting (or a long one made from it) the way the
export dialog does and reads the file back with pypdf.
"""

from __future__ import annotations

import copy
import html
import re
from pathlib import Path
from typing import Any

import pypdf
from pdf_reading import ReadPdf, approved, export_pdf, one_line

from minute_taker.export import formats
from minute_taker.export.styles import style_for
from minute_taker.services import publishing

COMMITTEE = "Monthly Assurance Meeting"
DATE = "31 October 2017"
LIGATURES = re.compile("[\ufb00-\ufb06]")
WATERMARK_FILL = b"0.972549 0.9019608 0.9019608 scn"  # #f8e6e6


def _confidential(demo: dict[str, Any]) -> dict[str, Any]:
    item = demo["items"][1]
    item["confidential"] = True
    item["title"] = "Secret staffing review"
    return demo


def test_a_draft_has_headers_page_numbers_and_marks_on_every_page(
        demo: dict[str, Any], tmp_path: Path) -> None:
    pages = ReadPdf.open(export_pdf(demo, tmp_path / "minutes.pdf")).pages

    count = len(pages)
    assert count >= 2
    first = one_line(pages[0])
    assert "DRAFT \u2013 not yet approved" in first  # the banner
    assert demo["meeting"]["title"] in first
    for number, text in enumerate(pages, start=1):
        header = text.splitlines()[0]
        assert COMMITTEE in header and DATE in header and "DRAFT" in header
        assert text.rstrip().endswith(f"Page {number} of {count}")


def test_approved_minutes_carry_no_draft_mark(demo: dict[str, Any], tmp_path: Path) -> None:
    pages = ReadPdf.open(export_pdf(approved(demo), tmp_path / "minutes.pdf")).pages

    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {len(pages)}" in text
        assert "DRAFT" not in text


def test_the_watermark_is_drawn_but_is_not_text(demo: dict[str, Any], tmp_path: Path) -> None:
    draft = pypdf.PdfReader(export_pdf(copy.deepcopy(demo), tmp_path / "draft.pdf"))
    final = pypdf.PdfReader(export_pdf(approved(demo), tmp_path / "final.pdf"))

    for page in draft.pages:
        # Once in the header, once in the banner on page 1; never the watermark's word.
        assert page.extract_text().count("DRAFT") == (2 if page.page_number == 0 else 1)
        # Drawn in its pale red as the page's background, an artifact to assistive tools.
        content = page.get_contents().get_data()
        assert content.startswith(b"/Artifact<</BBox") and b"/Type/Background" in content
        assert WATERMARK_FILL in content
    assert all(WATERMARK_FILL not in page.get_contents().get_data() for page in final.pages)


def test_the_full_version_with_confidential_items_is_not_for_publication_on_every_page(
        demo: dict[str, Any], tmp_path: Path) -> None:
    full = ReadPdf.open(export_pdf(_confidential(approved(demo)), tmp_path / "full.pdf",
                                   public=False)).pages

    assert "NOT FOR PUBLICATION \u2013 contains confidential" in one_line(full[0])
    for text in full:
        assert "NOT FOR PUBLICATION" in text.splitlines()[0]
    assert "Secret staffing review CONFIDENTIAL" in one_line(" ".join(full))


def test_the_public_version_keeps_only_the_title_of_a_confidential_item(
        demo: dict[str, Any], tmp_path: Path) -> None:
    secret = demo["items"][1]["minutes_html"]
    public = one_line(" ".join(ReadPdf.open(export_pdf(
        _confidential(approved(demo)), tmp_path / "public.pdf", public=True)).pages))

    assert "Secret staffing review" in public
    assert "This item was considered in private" in public
    assert "NOT FOR PUBLICATION" not in public and "CONFIDENTIAL" not in public
    words = re.sub(r"<[^>]+>", " ", secret).split()
    assert one_line(" ".join(words[:8])) not in public


def test_only_the_shipped_fonts_are_used_and_all_are_embedded(
        demo: dict[str, Any], tmp_path: Path) -> None:
    reader = pypdf.PdfReader(export_pdf(demo, tmp_path / "minutes.pdf"))

    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font["/DescendantFonts"][0].get_object()
            descriptor = descendant["/FontDescriptor"].get_object()
            assert "/FontFile2" in descriptor or "/FontFile3" in descriptor  # embedded
            fonts.add(str(font["/BaseFont"]).split("+", 1)[-1])
    assert fonts and all(name.startswith(("LiberationSans", "DejaVuSans")) for name in fonts)


def test_the_text_layer_has_no_ligatures(demo: dict[str, Any], tmp_path: Path) -> None:
    demo["items"][0]["minutes_html"] = ("<p>The staffing office was efficient and "
                                        "offered affluent fluff to the flock.</p>")

    text = " ".join(ReadPdf.open(export_pdf(demo, tmp_path / "minutes.pdf")).pages)

    assert not LIGATURES.search(text)
    assert "The staffing office was efficient and offered affluent fluff to the flock." \
        in one_line(text)


def test_labels_and_names_are_never_broken_inside_a_word(
        demo: dict[str, Any], tmp_path: Path) -> None:
    text = " ".join(ReadPdf.open(export_pdf(demo, tmp_path / "minutes.pdf",
                                            style="committee-minutes")).pages)

    lines = text.splitlines()
    assert "Apologies:" in text and "Officers in attendance:" in one_line(text)
    assert "Findings:" in text
    # No word is hyphenated at a line's end.
    assert not [line for line in lines if re.search(r"\w-$", line)]
    for person in demo["people"]:
        assert person["name"] in one_line(text), person["name"]


def test_metadata_language_and_title(demo: dict[str, Any], tmp_path: Path) -> None:
    reader = pypdf.PdfReader(export_pdf(demo, tmp_path / "minutes.pdf"))

    assert reader.metadata is not None
    assert reader.metadata.title == f"{demo['meeting']['title']} (draft)"
    assert reader.trailer["/Root"]["/Lang"] == "en-GB"
    assert reader.trailer["/Root"]["/ViewerPreferences"]["/DisplayDocTitle"]


def test_markup_in_the_minutes_comes_out_as_literal_text(
        demo: dict[str, Any], tmp_path: Path) -> None:
    hostile = ('#set text(red) $x^2$ *not bold* _not em_ <label> @ref \\ ] [ } { '
               '// not a comment = not a heading - not a list `code` &lt;script&gt;')
    demo["items"][0]["minutes_html"] = f"<p>{html.escape(hostile)}</p>"
    demo["items"][0]["title"] = "#pagebreak() ] )"
    demo["meeting"]["title"] = '")) #panic("x")'

    text = one_line(" ".join(ReadPdf.open(export_pdf(demo, tmp_path / "minutes.pdf")).pages))

    assert one_line(hostile) in text
    assert "#pagebreak() ] )" in text
    assert '")) #panic("x")' in text


def test_characters_no_shipped_font_has_export_with_a_warning(
        demo: dict[str, Any], tmp_path: Path) -> None:
    demo["items"][0]["minutes_html"] = "<p>Cllr \u738b\u5c0f\u660e sent \u2192 arrows.</p>"
    request = formats.ExportRequest(meeting_id=0, fmt="pdf", public=True)
    prepared = formats.PreparedExport(request, demo, style_for("action-notes"), True)

    result = publishing.write(prepared, tmp_path / "minutes.pdf")

    # Written, with everything else in it, and the user told which character is missing.
    text = one_line(" ".join(ReadPdf.open(result.path).pages))
    assert "sent \u2192 arrows." in text and "Page 1 of" in text
    assert len(result.warnings) == 1 and "\u201c\u738b\u201d" in result.warnings[0]


def test_symbols_and_accents_are_shown_by_the_shipped_fonts(
        demo: dict[str, Any], tmp_path: Path) -> None:
    words = ("Cllr Zo\u00eb Bront\u00eb, \u0141ukasz \u017b\u00f3\u0142kiewski, "
             "Si\u00e2n Ll\u0177r, \u00a31m \u2192 \u20ac2m \u2264 5% \u2713 \u00bd")
    demo["items"][0]["minutes_html"] = f"<p>{words}</p>"
    request = formats.ExportRequest(meeting_id=0, fmt="pdf", public=True)
    prepared = formats.PreparedExport(request, demo, style_for("action-notes"), True)

    result = publishing.write(prepared, tmp_path / "minutes.pdf")

    assert result.warnings == ()  # a PDF/UA-1 file: every character drawn
    assert words in one_line(" ".join(ReadPdf.open(result.path).pages))


def test_the_signature_line_comes_after_everything_else(
        demo: dict[str, Any], tmp_path: Path) -> None:
    demo = approved(demo)
    pages = ReadPdf.open(export_pdf(demo, tmp_path / "minutes.pdf",
                                    style="committee-minutes")).pages

    text = one_line(" ".join(pages))
    glossary = text.index("Abbreviations used")
    signature = text.index("Signed: ")
    assert glossary < signature
    last_body = one_line(pages[-1]).rsplit(" Page ", 1)[0]
    # under it only the contact officer, as ModernGov prints minutes
    assert last_body.endswith("Date: ____________________ "
                              "Contact: Jackie Irvin, Policy Officer, OPCC")


def test_item_numbers_follow_the_house_style(demo: dict[str, Any], tmp_path: Path) -> None:
    plain = one_line(" ".join(ReadPdf.open(export_pdf(
        copy.deepcopy(demo), tmp_path / "plain.pdf", style="committee-minutes")).pages))
    stopped = one_line(" ".join(ReadPdf.open(export_pdf(
        demo, tmp_path / "stopped.pdf", style="committee-minutes",
        item_number_suffix=".")).pages))

    title = demo["items"][1]["title"]
    assert f"2 {title}" in plain and f"2. {title}" not in plain
    assert f"2. {title}" in stopped


def test_the_house_style_size_sets_the_text(demo: dict[str, Any], tmp_path: Path) -> None:
    runs = ReadPdf.open(export_pdf(demo, tmp_path / "minutes.pdf", font_size_pt=12)).runs()

    sizes = {round(run.size, 1) for run in runs if run.page == 1 and run.text == "Meeting notes"}
    assert sizes == {12.0}
    title = {round(run.size, 1) for run in runs if run.page == 1 and run.size > 9  # not the header
             and run.text.startswith(demo["meeting"]["title"][:20])}
    assert title == {round(1.6 * 12, 1)}
