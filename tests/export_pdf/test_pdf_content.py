"""What a reader of the PDF gets: text, headers, page numbers, marks, fonts, metadata.

Each test writes the shipped sample meeting (or a long one made from it) through the
real layout and reads the file back with pypdf.
"""

from __future__ import annotations

import shutil
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pdf_reading import (
    LONG_MEETING_ITEMS,
    PAGE_HEIGHT_PT,
    ReadPdf,
    Run,
    long_item,
    marker,
    one_line,
)

from minute_taker.export.layout import render_minutes
from minute_taker.export.pdf import PdfPage, write_pdf
from minute_taker.services import interchange

COMMITTEE = "Monthly Assurance Meeting"
DATE = "Tuesday 31 October 2017"
DRAFT_PAGE = PdfPage(COMMITTEE, DATE, marks=("DRAFT",), watermark="DRAFT",
                     title="Monthly Assurance Meeting – October 2017 (draft)")
FINAL_PAGE = PdfPage(COMMITTEE, DATE, title="Monthly Assurance Meeting – October 2017")
# The body's limits in points from the bottom of an A4 page: 20 mm margins, a 26 pt
# header band and a 24 pt footer band.
MARGIN_PT = 20 / 25.4 * 72
BODY_TOP = PAGE_HEIGHT_PT - MARGIN_PT - 26
BODY_BOTTOM = MARGIN_PT + 24


def test_a_draft_has_headers_page_numbers_and_marks_on_every_page(
        demo: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"

    count = write_pdf(render_minutes(demo, draft=True), path, DRAFT_PAGE)

    pages = ReadPdf.open(path).pages
    assert count == len(pages) >= 2
    first = one_line(pages[0])
    assert COMMITTEE in first and DATE in first
    assert demo["meeting"]["title"] in first
    assert "Attendance" in first
    for number, text in enumerate(pages, start=1):
        assert f"Page {number} of {count}" in text
        assert "DRAFT" in text.split()


def test_approved_minutes_carry_no_draft_mark(
        demo: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"

    count = write_pdf(render_minutes(demo, draft=False), path, FINAL_PAGE)

    for number, text in enumerate(ReadPdf.open(path).pages, start=1):
        assert f"Page {number} of {count}" in text
        assert "DRAFT" not in text


def test_every_mark_is_on_every_page_but_the_watermark_is_not_text(
        demo: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    page = PdfPage("A committee with a name long enough to need room " * 3, DATE,
                   marks=("DRAFT", "NOT FOR PUBLICATION"), watermark="WATERMARKED")

    write_pdf(render_minutes(demo, draft=False), path, page)

    for text in ReadPdf.open(path).pages:
        assert "DRAFT" in text and "NOT FOR PUBLICATION" in text
        assert DATE in text
        assert "WATERMARKED" not in text  # a shape: it stays out of copied text


def test_fonts_are_embedded_and_the_file_is_pdf_a(
        demo: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    write_pdf(render_minutes(demo), path, DRAFT_PAGE)

    reader = pypdf.PdfReader(path)
    fonts = [font.get_object() for page in reader.pages
             for font in page["/Resources"]["/Font"].values()]
    assert fonts
    for font in fonts:
        for descendant in font.get("/DescendantFonts", [font]):
            descriptor = descendant.get_object()["/FontDescriptor"].get_object()
            assert {"/FontFile2", "/FontFile3"} & set(descriptor), font["/BaseFont"]
    catalog = reader.trailer["/Root"]
    assert "/OutputIntents" in catalog
    xmp = catalog["/Metadata"].get_object().get_data()
    assert b"pdfaid:part" in xmp


def test_metadata_names_the_minutes_and_the_app(demo: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    write_pdf(render_minutes(demo), path, DRAFT_PAGE)

    metadata = pypdf.PdfReader(path).metadata
    assert metadata is not None
    assert metadata.title == DRAFT_PAGE.title
    assert metadata.creator == "Minute Taker"


def test_words_are_separated_by_spaces_not_tabs(
        demo: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"
    write_pdf(render_minutes(demo), path, DRAFT_PAGE)

    text = "\n".join(ReadPdf.open(path).pages)
    assert "\t" not in text
    assert "Outstanding matters / items brought forward" in one_line(text)


def test_markup_in_the_minutes_comes_out_as_literal_text(
        demo: dict[str, Any], tmp_path: Path) -> None:
    demo["items"][1]["title"] = 'Budget <script>alert("x")</script> review'
    path = tmp_path / "minutes.pdf"
    html = render_minutes(demo)
    assert "&lt;script&gt;" in html

    write_pdf(html + '<p>Tail &lt;script&gt;alert("y")&lt;/script&gt;</p>', path, DRAFT_PAGE)

    text = one_line(" ".join(ReadPdf.open(path).pages))
    assert 'Budget <script>alert("x")</script> review' in text


def test_headings_take_the_style_sheet_sizes_from_the_base_size(
        demo: dict[str, Any], tmp_path: Path) -> None:
    path = tmp_path / "minutes.pdf"

    write_pdf(render_minutes(demo), path, DRAFT_PAGE, base_font_pt=12)

    sizes: dict[str, set[float]] = {}
    for run in ReadPdf.open(path).runs():
        if run.page == 1:
            sizes.setdefault(run.text, set()).add(round(run.size, 1))
    assert sizes[demo["meeting"]["title"]] == {round(1.6 * 12, 1)}  # the style sheet's em
    assert sizes["Attendance"] == {round(1.3 * 12, 1)}
    assert sizes[DATE] == {12.0, 8.5}  # the details table, and the header band


@dataclass(frozen=True)
class LongPdf:
    """The long meeting written once per house style, read back once: pypdf is slow."""

    count: int
    seconds: float
    pages: list[str]
    runs: list[Run]


@pytest.fixture(scope="module", params=["action_notes", "narrative"])
def long_pdf(request: pytest.FixtureRequest, qapp: Any,
             tmp_path_factory: pytest.TempPathFactory) -> LongPdf:
    document = interchange.demo_document()
    template = document["items"][1]
    document["items"] = [long_item(template, i) for i in range(1, LONG_MEETING_ITEMS + 1)]
    document["actions"], document["declarations"] = [], []
    html = render_minutes(document, style=request.param)
    path = tmp_path_factory.mktemp("long") / "minutes.pdf"
    started = time.perf_counter()
    count = write_pdf(html, path, DRAFT_PAGE)
    seconds = time.perf_counter() - started
    read = ReadPdf.open(path)
    return LongPdf(count, seconds, read.pages, read.runs())


def test_a_long_meeting_is_quick(long_pdf: LongPdf) -> None:
    assert long_pdf.seconds < 5, f"{long_pdf.count} pages: {long_pdf.seconds:.2f} s"  # ~0.5 s


def test_a_long_meeting_loses_no_line_and_doubles_none(long_pdf: LongPdf) -> None:
    text = one_line(" ".join(long_pdf.pages))
    words = text.split()
    assert long_pdf.count == len(long_pdf.pages) > 20
    for index in range(1, LONG_MEETING_ITEMS + 1):
        assert f"Long item {index:03d} about title{index:03d}" in text
        for part in range(7):
            # Once: a line Qt draws clipped out of sight would still be found twice.
            assert words.count(marker(index, part)) == 1, marker(index, part)


def test_no_line_is_cut_by_a_page_break(long_pdf: LongPdf) -> None:
    """A line cut by a page break would be drawn, clipped, across the body's edge."""
    count = long_pdf.count
    band = {COMMITTEE, DATE, "DRAFT", *(f"Page {n} of {count}" for n in range(1, count + 1))}
    for run in long_pdf.runs:
        if run.text in band and run.size < 9:
            continue
        assert run.baseline - 0.25 * run.size >= BODY_BOTTOM - 0.5, run
        assert run.baseline + 0.75 * run.size <= BODY_TOP + 0.5, run


def test_headings_stay_with_their_text_and_their_number(long_pdf: LongPdf) -> None:
    runs = long_pdf.runs
    in_table = any(run.text == "No." for run in runs)
    for index in range(1, LONG_MEETING_ITEMS + 1):
        heading = next(run for run in runs if f"Long item {index:03d} " in run.text)
        text = next(run for run in runs if marker(index, 0) in run.text)
        assert text.page == heading.page, heading
        if in_table:
            number = next(run for run in runs if run.text == str(index))
            assert number.page == heading.page, heading


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler's pdftoppm")
def test_see_through_backgrounds_stay_see_through(tmp_path: Path) -> None:
    # PDF/A-1 has no transparency: Qt would paint `transparent` solid black.
    empty_lines = "<br>" * 30
    html = ("<table width='100%'><tr><th style='background-color: transparent'>"
            f"{empty_lines}</th><td style='background-color: rgba(0, 0, 0, 0.1)'>"
            f"{empty_lines}</td></tr></table>")
    path = tmp_path / "minutes.pdf"
    write_pdf(html, path, FINAL_PAGE)

    subprocess.run(["pdftoppm", "-gray", "-r", "20", "-f", "1", "-l", "1", str(path),
                    str(tmp_path / "page")], check=True, timeout=60)
    grey = next(tmp_path.glob("page*.pgm")).read_bytes()
    pixels = grey.split(b"\n", 3)[3]  # P5, size, depth, then one byte a pixel
    assert min(pixels) > 150  # nothing dark: no black cell, the 10% grey stays light
