"""An agenda file read into items (issue 21): text, CSV, Word (.docx) and PDF.

Each format is turned into the lines ``domain/agenda_import.read_text`` reads, so one set
of rules decides what an item, its agenda text, presenter and papers are:

- **Word**: paragraphs in document order, a table's rows as tab-separated lines. A
  paragraph numbered by Word (its own numbering, not typed: ``w:numPr`` on the paragraph
  or its style) gets the number Word shows, worked out from the list's levels and their
  start values (an agenda numbered from 233 starts there), so its level is the list's.
  A heading (``Heading 1``, ``Heading 2``) without numbering is numbered by its level.
- **PDF**: its text layer as pypdf extracts it, page by page, without what every page
  repeats (a running title, "Page 2 of 5"), and each title or sentence that wrapped on
  to the next line whole again. A PDF with no text layer (a scan) is refused.

Which one a file is comes from its content, not its name (a .doc saved as .docx, a PDF
renamed .txt); only CSV is known by its name (it is text).
"""

from __future__ import annotations

import io
import re
import zipfile
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from minute_taker.domain.agenda_import import (
    ReadAgenda,
    join_wrapped_lines,
    read_csv,
    read_text,
)
from minute_taker.domain.errors import ValidationError

MAX_BYTES = 50 * 1024 * 1024  # an agenda with its pictures; more is not an agenda
_PAGE_NUMBER = re.compile(r"^\s*(page\s+)?\d+(\s*(of|/)\s*\d+)?\s*$", re.IGNORECASE)
_HEADING = re.compile(r"^(?:heading|title)\s*(\d)$", re.IGNORECASE)


def read_agenda_file(path: Path) -> ReadAgenda:
    """The agenda in ``path``. Raises ``ValidationError`` saying why a file cannot be
    read as one (missing, a scan, protected, damaged, an old .doc, no items)."""
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise ValidationError(f"{path.name} is {size // (1024 * 1024)} MB: too large to be "
                                  "an agenda.")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ValidationError(f"There is no file at {path}.") from None
    except IsADirectoryError:
        raise ValidationError(f"{path} is a folder, not an agenda file.") from None
    except OSError as exc:
        raise ValidationError(f"{path.name} could not be read: {exc.strerror}.") from exc
    return read_agenda_bytes(data, path.name)


def read_agenda_bytes(data: bytes, name: str) -> ReadAgenda:
    if data.startswith(b"%PDF"):
        return read_text(_pdf_text(data, name))
    if data.startswith(b"PK\x03\x04"):
        return read_text(_docx_text(data, name))
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ValidationError(f"{name} is an old Word document (.doc): open it in Word or "
                              "LibreOffice and save it as .docx, then import that.")
    if b"\x00" in data[:4096] and not data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ValidationError(f"{name} is not a text, CSV, Word or PDF file.")
    text = _decoded(data)
    return read_csv(text) if name.lower().endswith(".csv") else read_text(text)


def _decoded(data: bytes) -> str:
    """UTF-8 (with or without its mark), UTF-16 with its mark, else the Windows code page
    older programs save in: never the machine's locale."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace")


# -- PDF ------------------------------------------------------------------------------

def _pdf_text(data: bytes, name: str) -> str:
    from pypdf import PdfReader
    from pypdf.errors import FileNotDecryptedError, PdfReadError

    try:
        pdf = PdfReader(io.BytesIO(data))
        if pdf.is_encrypted and not pdf.decrypt(""):
            raise ValidationError(f"{name} is protected with a password: save a copy without "
                                  "it, then import that.")
        pages = [page.extract_text() or "" for page in pdf.pages]
    except FileNotDecryptedError:
        raise ValidationError(f"{name} is protected with a password: save a copy without "
                              "it, then import that.") from None
    except (PdfReadError, ValueError, KeyError, TypeError, OSError) as exc:
        raise ValidationError(f"{name} could not be read as a PDF (it may be damaged): "
                              f"{exc}") from exc
    if not any(page.strip() for page in pages):
        raise ValidationError(f"{name} has no text to read: it is a scan (pictures of the "
                              "pages). Copy the agenda from the committee's web page instead.")
    return "\n".join(join_wrapped_lines(list(_without_page_furniture(pages))))


def _without_page_furniture(pages: list[str]) -> Iterator[str]:
    """The pages' lines less page numbers and what every page repeats (running title)."""
    split = [[line for line in page.splitlines()] for page in pages]
    repeated: set[str] = set()
    if len(split) > 1:
        counts = Counter(line.strip() for lines in split for line in set(lines) if line.strip())
        repeated = {line for line, count in counts.items() if count == len(split)}
    for lines in split:
        for line in lines:
            stripped = line.strip()
            if stripped in repeated or _PAGE_NUMBER.match(stripped):
                continue
            yield line


# -- Word -----------------------------------------------------------------------------

def _docx_text(data: bytes, name: str) -> str:
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise ValidationError(f"{name} could not be read as a Word document (it may be "
                              f"damaged, or another kind of zipped file): {exc}") from exc
    return "\n".join(_WordLines(document).lines())


class _WordLines:
    """A Word document's body as the lines ``read_text`` reads (see the module's doc)."""

    def __init__(self, document: Any) -> None:
        from docx.oxml.ns import qn

        self.document = document
        self.qn = qn
        self.counters: dict[str, list[int]] = {}  # a list's (numId's) count at each level
        self.headings = [0] * 9
        self.starts = self._starts()
        # python-docx resolves a paragraph's style by scanning every style, each time
        # (the default one: 90 % of reading a 30-item agenda); looked up once here.
        self.styles: dict[str | None, Any] = {}

    def lines(self) -> Iterator[str]:
        from docx.table import Table
        from docx.text.paragraph import Paragraph

        body = self.document.element.body
        for child in body.iterchildren():
            if child.tag == self.qn("w:p"):
                yield self._paragraph(Paragraph(child, self.document))
            elif child.tag == self.qn("w:tbl"):
                yield from self._table(Table(child, self.document))

    def _table(self, table: Any) -> Iterator[str]:
        for row in table.rows:
            cells: list[str] = []
            for cell in row.cells:
                text = " ".join(p.text.strip() for p in cell.paragraphs if p.text.strip())
                if not cells or text != cells[-1]:  # a merged cell is given once a column
                    cells.append(text)
            if any(cells):
                yield "\t".join(cells)

    def _paragraph(self, paragraph: Any) -> str:
        text = str(paragraph.text).strip()
        if not text:
            return ""
        numbered = self._numbering(paragraph)
        if numbered is not None:
            return f"{numbered}\t{text}"
        style = self._style(paragraph)
        heading = _HEADING.match(style.name or "" if style is not None else "")
        if heading and int(heading[1]) >= 1:
            level = int(heading[1]) - 1
            self.headings[level] += 1
            self.headings[level + 1:] = [0] * (8 - level)
            return ".".join(str(n or 1) for n in self.headings[:level + 1]) + "\t" + text
        return text

    def _numbering(self, paragraph: Any) -> str | None:
        """The number Word shows before the paragraph ("233", "1.2"), or None."""
        num_pr = self._num_pr(paragraph)
        if num_pr is None:
            return None
        num_id_el = num_pr.find(self.qn("w:numId"))
        if num_id_el is None:
            return None
        num_id = num_id_el.get(self.qn("w:val"))
        if num_id in (None, "0"):  # numbering switched off
            return None
        level_el = num_pr.find(self.qn("w:ilvl"))
        level = int(level_el.get(self.qn("w:val"), "0")) if level_el is not None else 0
        level = max(0, min(level, 8))
        counts = self.counters.setdefault(num_id, [0] * 9)
        starts = self.starts.get(num_id, {})
        if counts[level] == 0:
            counts[level] = starts.get(level, 1)
        else:
            counts[level] += 1
        counts[level + 1:] = [0] * (8 - level)
        return ".".join(str(counts[n] or starts.get(n, 1)) for n in range(level + 1))

    def _num_pr(self, paragraph: Any) -> Any:
        p_pr = paragraph._p.pPr
        if p_pr is not None and p_pr.numPr is not None:
            return p_pr.numPr
        style = self._style(paragraph)
        while style is not None:  # a numbered style ("List Number"), or one it is based on
            s_pr = style.element.pPr
            if s_pr is not None and s_pr.numPr is not None:
                return s_pr.numPr
            style = style.base_style
        return None

    def _style(self, paragraph: Any) -> Any:
        p_pr = paragraph._p.pPr
        style_id = p_pr.style if p_pr is not None else None
        if style_id not in self.styles:
            self.styles[style_id] = paragraph.style
        return self.styles[style_id]

    def _starts(self) -> dict[str, dict[int, int]]:
        """Each list's start value at each level (w:start, and a list's own override)."""
        try:
            numbering = self.document.part.numbering_part.element
        except (KeyError, NotImplementedError, AttributeError):
            return {}
        qn = self.qn
        abstract: dict[str, dict[int, int]] = {}
        for definition in numbering.findall(qn("w:abstractNum")):
            levels: dict[int, int] = {}
            for lvl in definition.findall(qn("w:lvl")):
                start = lvl.find(qn("w:start"))
                if start is not None:
                    levels[int(lvl.get(qn("w:ilvl"), "0"))] = int(start.get(qn("w:val"), "1"))
            abstract[definition.get(qn("w:abstractNumId"))] = levels
        starts: dict[str, dict[int, int]] = {}
        for num in numbering.findall(qn("w:num")):
            ref = num.find(qn("w:abstractNumId"))
            levels = dict(abstract.get(ref.get(qn("w:val")), {}) if ref is not None else {})
            for override in num.findall(qn("w:lvlOverride")):
                start = override.find(qn("w:startOverride"))
                if start is not None:
                    levels[int(override.get(qn("w:ilvl"), "0"))] = int(start.get(qn("w:val")))
            starts[num.get(qn("w:numId"))] = levels
        return starts
