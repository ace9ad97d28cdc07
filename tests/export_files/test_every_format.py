"""A council panel meeting built through the services, in the style of the reference
panel minutes, exported in every format and read back."""

from __future__ import annotations

import csv
import datetime as dt
import io
from html.parser import HTMLParser
from pathlib import Path

import docx
import pytest
from calendar_check import read_calendar
from panel_meeting import SCRIPT, export
from pypdf import PdfReader


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def test_html(panel: tuple[Path, int], tmp_path: Path) -> None:
    page = export(*panel, "html", tmp_path, public=True).read_text(encoding="utf-8")
    parsed = _Tags()
    parsed.feed(page)
    text = " ".join(parsed.text)
    assert "script" not in parsed.tags and SCRIPT in text
    assert {"h1", "h2", "ul", "ol", "li", "table", "th"} <= set(parsed.tags)
    for words in ("233", "234", "Police & Crime Plan Activity", "RESOLVED", "DRAFT",
                  "Staffing matter", "considered in private", "Cllr Claire Wild"):
        assert words in text, words
    assert "Secret staffing" not in text and "Review the staffing case" not in text


def test_docx(panel: tuple[Path, int], tmp_path: Path) -> None:
    document = docx.Document(str(export(*panel, "docx", tmp_path, public=True)))
    styles = {p.style.name for p in document.paragraphs}
    assert {"List Bullet", "List Bullet 2", "List Number"} <= styles
    text = "\n".join(p.text for p in document.paragraphs)
    assert "234" in text and "RESOLVED that the report be noted." in text
    assert SCRIPT in text and "Secret staffing" not in text
    assert "considered in private" in text
    header = "\n".join(p.text for p in document.sections[0].header.paragraphs)
    assert "DRAFT" in header and "West Mercia Police and Crime Panel" in header
    bold = [r.text for p in document.paragraphs for r in p.runs if r.bold]
    assert "RESOLVED" in bold


def test_pdf(qapp, panel: tuple[Path, int], tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    # qapp: the test process's QApplication, so the writer does not make a bare
    # QGuiApplication that later widget tests could not use.
    reader = PdfReader(str(export(*panel, "pdf", tmp_path, public=False)))
    pages = [page.extract_text() for page in reader.pages]
    assert all("DRAFT" in page and "NOT FOR PUBLICATION" in page for page in pages)
    assert all(f"Page {n} of {len(pages)}" in page for n, page in enumerate(pages, 1))
    text = "\n".join(pages)
    assert "Secret staffing discussion" in text and "RESOLVED" in text
    assert "alert('x')" in text


@pytest.mark.parametrize("fmt", ["md", "txt"])
def test_text_for_email(panel: tuple[Path, int], tmp_path: Path, fmt: str) -> None:
    text = export(*panel, fmt, tmp_path, public=True).read_text(encoding="utf-8")
    assert "234" in text and "RESOLVED" in text and "Secret staffing" not in text
    assert "The PCC left the meeting after item 234." in text


def test_csv_and_ics(panel: tuple[Path, int], tmp_path: Path) -> None:
    rows = list(csv.reader(io.StringIO(
        export(*panel, "csv", tmp_path, public=True).read_text(encoding="utf-8-sig"))))
    assert [r[3:6] for r in rows[1:]] == [["234", "Circulate the web link to members.",
                                           "PCC"]]
    events = read_calendar(export(*panel, "ics", tmp_path, public=False).read_bytes())
    # Only the dated action: the staffing case has no due date.
    assert [(e.summary, e.start) for e in events] == \
        [("Action – PCC: Circulate the web link to members.", dt.date(2018, 3, 1))]
