"""A published file read back: the approval it carries and the words a reader sees.

``minute-taker verify BOOK --file FILE`` (services/published.py) makes the same file
again from the book and compares the two with these readers, so a reader need only be
the same on both sides, not perfect: the PDF's text layer as pypdf extracts it, Word's
text runs in document order, an HTML page's text outside its head.
"""

from __future__ import annotations

import html
import io
import re
import zipfile
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

from minute_taker.domain.errors import ValidationError
from minute_taker.export.stamp import MARK, ApprovalStamp, parse_metadata

FORMATS: Final = ("pdf", "docx", "html")
_WORD_TEXT = re.compile(rb"<w:t(?:\s[^>]*)?>([^<]*)</w:t>|<w:(?:p|tab|br)\b[^>]*?/?>")
_KEYWORDS = re.compile(rb"<cp:keywords>([^<]*)</cp:keywords>")


@dataclass(frozen=True, slots=True)
class Published:
    fmt: str
    stamp: ApprovalStamp | None
    words: str  # the visible text, whitespace folded


def kind_of(data: bytes) -> str:
    """"pdf", "docx" or "html", from the file's content (not its name)."""
    if data.startswith(b"%PDF-"):
        return "pdf"
    if data.startswith(b"PK\x03\x04"):
        try:
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                if "word/document.xml" in archive.namelist():
                    return "docx"
        except zipfile.BadZipFile:
            pass
    head = data[:2048].lstrip().lower()
    if head.startswith((b"<!doctype html", b"<html")):
        return "html"
    raise ValidationError("The file is not minutes published as PDF, Word or HTML.")


def read_published(data: bytes) -> Published:
    fmt = kind_of(data)
    reader = {"pdf": _read_pdf, "docx": _read_docx, "html": _read_html}[fmt]
    stamp, words = reader(data)
    return Published(fmt, stamp, " ".join(words.split()))


def _read_pdf(data: bytes) -> tuple[ApprovalStamp | None, str]:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        pdf = PdfReader(io.BytesIO(data))
        info = pdf.metadata
        keywords = str(info.get("/Keywords", "")) if info else ""
        words = "\n".join(page.extract_text() or "" for page in pdf.pages)
    except (PdfReadError, ValueError, KeyError) as exc:
        raise ValidationError(f"The PDF could not be read: {exc}") from exc
    return parse_metadata(keywords), words


def _read_docx(data: bytes) -> tuple[ApprovalStamp | None, str]:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            body = archive.read("word/document.xml")
            core = archive.read("docProps/core.xml") if "docProps/core.xml" in \
                archive.namelist() else b""
    except (zipfile.BadZipFile, KeyError) as exc:
        raise ValidationError(f"The Word file could not be read: {exc}") from exc
    found = _KEYWORDS.search(core)
    keywords = _unescape(found.group(1)) if found else ""
    words = "".join(_unescape(m.group(1)) if m.group(1) is not None else " "
                    for m in _WORD_TEXT.finditer(body))
    return parse_metadata(keywords), words


def _unescape(raw: bytes) -> str:
    return html.unescape(raw.decode("utf-8", errors="replace"))


class _PageText(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stamp: ApprovalStamp | None = None
        self.parts: list[str] = []
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "meta" and values.get("name") == MARK:
            self.stamp = parse_metadata(values.get("content") or "")
        if tag in ("head", "script", "style"):
            self._skipping += 1
        self.parts.append(" ")

    def handle_endtag(self, tag: str) -> None:
        if tag in ("head", "script", "style") and self._skipping:
            self._skipping -= 1
        self.parts.append(" ")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)


def _read_html(data: bytes) -> tuple[ApprovalStamp | None, str]:
    page = _PageText()
    page.feed(data.decode("utf-8", errors="replace"))
    page.close()
    return page.stamp, "".join(page.parts)
