"""The PDF is accessible (PDF/UA-1, as UK public bodies must publish): tagged, titled,
in a language, outlined, fonts embedded, its text in reading order.

Checked here by reading the file's structure with pypdf. Not checked: a validator's
full PDF/UA run (veraPDF is not in this project's toolset) nor a screen reader.
docs/export.md lists both.
"""

from __future__ import annotations

import struct
import zlib
from pathlib import Path
from typing import Any

import pypdf
import pytest
from pdf_reading import approved, export_pdf, one_line, outline_titles, structure_tags


@pytest.fixture(params=["action-notes", "committee-minutes"])
def reader(request: pytest.FixtureRequest, demo: dict[str, Any],
           tmp_path: Path) -> pypdf.PdfReader:
    return pypdf.PdfReader(export_pdf(approved(demo), tmp_path / "minutes.pdf",
                                      style=request.param))


def _items(demo: dict[str, Any]) -> list[dict[str, Any]]:
    found = []

    def walk(items: list[dict[str, Any]]) -> None:
        for item in items:
            found.append(item)
            walk(item["children"])

    walk(demo["items"])
    return found


def test_it_declares_pdf_ua_1_and_is_marked(reader: pypdf.PdfReader) -> None:
    root = reader.trailer["/Root"]
    assert bool(root["/MarkInfo"]["/Marked"])
    xmp = root["/Metadata"].get_object().get_data().decode("utf-8")
    assert "<pdfuaid:part>1</pdfuaid:part>" in xmp
    assert "<rdf:li>en-GB</rdf:li>" in xmp


def test_it_has_a_title_shown_instead_of_the_file_name_and_a_language(
        reader: pypdf.PdfReader, demo: dict[str, Any]) -> None:
    root = reader.trailer["/Root"]
    assert reader.metadata is not None and reader.metadata.title == demo["meeting"]["title"]
    assert bool(root["/ViewerPreferences"]["/DisplayDocTitle"])
    assert root["/Lang"] == "en-GB"


def test_every_item_is_a_heading_in_the_structure_tree(
        reader: pypdf.PdfReader, demo: dict[str, Any]) -> None:
    tags = [tag for tag, _ in structure_tags(reader)]

    headings = [t for t in tags if t in ("/H1", "/H2", "/H3", "/H4")]
    assert tags[0] == "/Document"
    assert headings.count("/H1") == 1  # the title
    # One per item, plus the sections (attendance, declarations, ...): never fewer.
    assert len(headings) - 1 >= len(_items(demo))
    assert {"/P", "/L", "/LI"} <= set(tags)


def test_every_item_has_an_outline_entry(reader: pypdf.PdfReader,
                                         demo: dict[str, Any]) -> None:
    titles = [one_line(t) for t in outline_titles(reader)]

    for item in _items(demo):
        assert any(t.endswith(one_line(item["title"])) for t in titles), item["title"]


def test_tables_have_header_cells(demo: dict[str, Any], tmp_path: Path) -> None:
    reader = pypdf.PdfReader(export_pdf(demo, tmp_path / "notes.pdf", style="action-notes"))

    tags = [tag for tag, _ in structure_tags(reader)]
    assert tags.count("/Table") == 3  # attendance, items, actions arising
    assert tags.count("/THead") == 3 and tags.count("/TH") >= 10


def test_the_logo_has_a_text_alternative(demo: dict[str, Any], tmp_path: Path) -> None:
    folder = tmp_path / "style"
    folder.mkdir()
    logo = folder / "logo.png"
    logo.write_bytes(_white_png())

    reader = pypdf.PdfReader(export_pdf(demo, tmp_path / "logo.pdf", logo=logo,
                                        organisation="West Mercia OPCC"))

    figures = [alt for tag, alt in structure_tags(reader) if tag == "/Figure"]
    assert figures == ["West Mercia OPCC logo"]


def _white_png() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data)))
    header = struct.pack(">IIBBBBB", 4, 2, 8, 0, 0, 0, 0)  # 4x2, 8-bit grey
    pixels = zlib.compress(b"\x00\xff\xff\xff\xff" * 2)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels)
            + chunk(b"IEND", b""))


def test_the_text_reads_in_order(reader: pypdf.PdfReader, demo: dict[str, Any]) -> None:
    text = one_line(" ".join(page.extract_text() for page in reader.pages))

    positions = [text.find(one_line(item["title"])) for item in _items(demo)]
    assert -1 not in positions
    assert positions == sorted(positions)
