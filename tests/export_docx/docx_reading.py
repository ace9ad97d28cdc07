"""Reading an exported Word file back as a reader (and Word) would: styles, text, tables.

Paragraphs are read from the XML in document order, table cells included, so a test
sees the words in the order a reader meets them and the style each one carries.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import docx
from docx.oxml.ns import qn

W_P, W_T, W_TAB, W_BR = qn("w:p"), qn("w:t"), qn("w:tab"), qn("w:br")


@dataclass(frozen=True)
class Para:
    style: str
    text: str
    element: Any

    def runs(self) -> list[tuple[str, bool]]:
        """(text, bold) of each run with text, bold as the run itself sets it."""
        out = []
        for run in self.element.iter(qn("w:r")):
            text = "".join(t.text or "" for t in run.iter(W_T))
            bold = run.find(f"{qn('w:rPr')}/{qn('w:b')}")
            if text:
                out.append((text, bold is not None and bold.get(qn("w:val")) in (None, "1",
                                                                                    "true")))
        return out

    def num(self) -> tuple[int, int] | None:
        """(numId, ilvl) set on the paragraph itself, if any."""
        num_pr = self.element.find(f"{qn('w:pPr')}/{qn('w:numPr')}")
        if num_pr is None:
            return None
        ilvl = num_pr.find(qn("w:ilvl"))
        return (int(num_pr.find(qn("w:numId")).get(qn("w:val"))),
                int(ilvl.get(qn("w:val"))) if ilvl is not None else 0)


def open_docx(path: Path) -> Any:
    return docx.Document(str(path))


def text_of(element: Any) -> str:
    """A paragraph's text with its tabs and line breaks as characters."""
    parts = []
    for run in element.iter(qn("w:r")):  # not w:pPr, whose tab stops are w:tab too
        for node in run:
            if node.tag == W_T:
                parts.append(node.text or "")
            elif node.tag in (W_TAB, W_BR):
                parts.append("\t" if node.tag == W_TAB else "\n")
    return "".join(parts)


def paragraphs(word: Any, root: Any = None) -> list[Para]:
    """Every paragraph under ``root`` (default: the body), in reading order."""
    names = {s.style_id: s.name for s in word.styles}
    out = []
    for p in (root if root is not None else word.element.body).iter(W_P):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = names.get(style.get(qn("w:val")), "?") if style is not None else "Normal"
        out.append(Para(name, text_of(p), p))
    return out


def find(word: Any, start: str, style: str | None = None) -> Para:
    for para in paragraphs(word):
        if para.text.startswith(start) and (style is None or para.style == style):
            return para
    raise AssertionError(f"no paragraph starting {start!r}" + (f" in {style}" if style else ""))


def body_text(word: Any) -> str:
    return "\n".join(p.text for p in paragraphs(word))


def words(word: Any) -> list[str]:
    return body_text(word).split()


def tables(word: Any) -> list[Any]:
    return list(word.tables)


def cell_text(cell: Any) -> str:
    return "\n".join(p.text for p in paragraphs_in(cell._tc))


def paragraphs_in(element: Any) -> Iterator[Para]:
    for p in element.iter(W_P):
        yield Para("", text_of(p), p)


def rows(table: Any) -> list[list[str]]:
    """Each row's cell texts, from the row's own cells (a merged cell once, then "")."""
    return [["\n".join(text_of(p) for p in tc.iter(W_P)) for tc in tr.iter(qn("w:tc"))]
            for tr in table._tbl.iter(qn("w:tr"))]


def repeats_header(row: Any) -> bool:
    return row._tr.find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def header_text(word: Any) -> str:
    header = word.sections[0].header
    return "\n".join(text_of(p) for p in header._element.iter(W_P))


def header_paragraphs(word: Any) -> list[Para]:
    return paragraphs(word, word.sections[0].header._element)


def footer_xml(word: Any) -> str:
    return str(word.sections[0].footer._element.xml)


def footer_text(word: Any) -> str:
    return "\n".join(text_of(p) for p in word.sections[0].footer._element.iter(W_P))


def item_cell(word: Any, number: str) -> Any:
    """The Item cell of an action-notes row, by the item's number."""
    for table in word.tables:
        for row in table.rows:
            cells = row._tr.findall(qn("w:tc"))
            if len(cells) == 3 and text_of(cells[0]).strip() == number:
                return cells
    raise AssertionError(f"no items-table row numbered {number}")
