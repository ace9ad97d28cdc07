"""Reading a PDF back as a reader gets it, and the long meeting the tests lay out.

The PDFs are read with pypdf, as text, as positioned runs of text and as their tagged
structure, so the tests check what a reader of the file gets.
"""

from __future__ import annotations

import copy
import dataclasses
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pypdf

from minute_taker.export import formats
from minute_taker.export.styles import style_for
from minute_taker.services import publishing

Json = dict[str, Any]
PAGE_HEIGHT_PT = 841.89
LONG_MEETING_ITEMS = 100


def marker(item: int, part: int) -> str:
    """A word that occurs once in the long meeting, to find lost or doubled lines."""
    return f"mk{item:03d}x{part}"


def long_item(template: Json, index: int) -> Json:
    """A top-level item of three paragraphs and a list, each with its own marker words."""
    paragraph = ("The committee discussed {m} at some length, noting that the figures for the "
                 "quarter had been revised and that partners had asked for a further briefing "
                 "before any decision was taken; officers agreed to report back.")
    parts = [f"<p>{paragraph.format(m=marker(index, part))}</p>" for part in range(3)]
    bullets = "".join(f"<li>Point {marker(index, 3 + n)} was raised and noted by members.</li>"
                      for n in range(4))
    item = copy.deepcopy(template)
    item.update(uid=f"00000000-0000-4000-8000-{index:012d}", number=str(index),
                title=f"Long item {index:03d} about title{index:03d}", description="",
                minutes_html="".join(parts) + f"<ul>{bullets}</ul>", decisions=[],
                documents=[], children=[])
    return item


def one_line(text: str) -> str:
    """Text with every run of white space as one space: titles wrap differently."""
    return re.sub(r"\s+", " ", text).strip()


@dataclass(frozen=True)
class Run:
    """A piece of text as drawn: its page, baseline (points from the bottom) and size."""

    page: int
    text: str
    baseline: float
    size: float


@dataclass(frozen=True)
class ReadPdf:
    """A PDF file as its reader sees it."""

    reader: pypdf.PdfReader

    @classmethod
    def open(cls, path: Path) -> ReadPdf:
        return cls(pypdf.PdfReader(path))

    @property
    def pages(self) -> list[str]:
        return [page.extract_text() for page in self.reader.pages]

    @property
    def words(self) -> list[str]:
        return " ".join(self.pages).split()

    def runs(self) -> list[Run]:
        found: list[Run] = []
        for number, page in enumerate(self.reader.pages, start=1):
            def visit(text: str, cm: list[float], tm: list[float], font: object,
                      size: float, number: int = number) -> None:
                if text.strip():
                    matrix = pypdf.mult(tm, cm)
                    found.append(Run(number, text.strip(), matrix[5], abs(size * matrix[3])))
            page.extract_text(visitor_text=visit)
        return found


# --- exporting ----------------------------------------------------------------------------

def approved(document: Json) -> Json:
    document["meeting"]["status"] = "approved"
    return document


def export_pdf(document: Json, path: Path, *, public: bool = True,
               style: str | None = None, **house: Any) -> Path:
    """The PDF the export dialog and ``minute-taker export`` write for ``document``;
    ``house`` overrides fields of the house style."""
    chosen = style_for(style or document["committee"]["house_style"])
    if house:
        chosen = dataclasses.replace(chosen, **house)
    request = formats.ExportRequest(meeting_id=0, fmt="pdf", public=public)
    publishing.write(formats.PreparedExport(request, document, chosen, public), path)
    return path


def structure_tags(reader: pypdf.PdfReader) -> list[tuple[str, str]]:
    """The tagged structure in reading order, as (tag, text of its marked content)."""
    found: list[tuple[str, str]] = []

    def walk(node: Any) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, pypdf.generic.ArrayObject):
            for kid in node:
                walk(kid)
        elif isinstance(node, pypdf.generic.DictionaryObject):
            if "/S" in node:
                found.append((str(node["/S"]), str(node.get("/Alt", ""))))
            if "/K" in node:
                walk(node["/K"])

    walk(reader.trailer["/Root"]["/StructTreeRoot"])
    return found


def outline_titles(reader: pypdf.PdfReader) -> list[str]:
    titles: list[str] = []

    def walk(entries: list[Any]) -> None:
        for entry in entries:
            if isinstance(entry, list):
                walk(entry)
            else:
                titles.append(str(entry.title))

    walk(reader.outline)
    return titles
