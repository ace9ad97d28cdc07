"""The minutes as a PDF, typeset by Typst with the fonts the app ships.

Typst (the ``typst`` wheel: the compiler itself, no system libraries) paginates,
keeps headings and labels with what follows, avoids widow and orphan lines, repeats
table headers, and writes a tagged PDF/UA-1 file: a structure tree, the document's
title and language, an outline with an entry per item, every font embedded and
subset, and a text layer without ligatures. The layout is the Typst program
``resources/typst/minutes.typ``; the page's content comes from ``pdf_document`` as
data, so no text a user typed is ever read as markup.

Only the fonts in ``resources/fonts`` are used (Liberation Sans, metric-compatible
with Arial, under the SIL Open Font License): never the machine's, nor Typst's own,
so a book gives the same pages on every computer. No Qt is involved, so the PDF can
be written on a worker thread and by the command line with no display.

The PDF is made in memory; writing it to a file is the publishing service's job
(``services/publishing.py``), which writes every format the same way.
"""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any, Final

import typst

__all__ = ["PdfWriteError", "Typeset", "fonts_folder", "render_pdf"]

PDF_STANDARDS: Final[list[typst.PDFStandard]] = ["ua-1"]
MISSING_GLYPH: Final = re.compile(r"the text `\"(.+?)\"` could not be displayed with font")

CACHE_GENERATIONS: Final = 10

_log = logging.getLogger(__name__)


class PdfWriteError(OSError):
    """The PDF could not be made or written; whatever was at the target path is untouched."""


def fonts_folder() -> Path:
    return Path(str(resources.files("minute_taker.resources") / "fonts"))


@functools.cache
def _program() -> bytes:
    return (resources.files("minute_taker.resources") / "typst" / "minutes.typ").read_bytes()


@functools.cache
def _watermark() -> str:
    return (resources.files("minute_taker.resources") / "typst" / "draft-watermark.svg"
            ).read_text(encoding="utf-8")


@functools.cache
def _fonts() -> typst.Fonts:
    """The shipped fonts only: no system fonts, and not the ones built into Typst."""
    return typst.Fonts(include_system_fonts=False, include_embedded_fonts=False,
                       font_paths=[str(fonts_folder())])


@dataclass(frozen=True, slots=True)
class Typeset:
    """A PDF's bytes, and what its reader should be told (characters it cannot show)."""

    data: bytes
    warnings: tuple[str, ...] = ()


def render_pdf(page: Mapping[str, Any], *, logo: Path | None = None,
               timestamp: dt.datetime | None = None) -> Typeset:
    """The PDF for ``page`` (``pdf_document.page_data``), made in memory.

    ``logo`` is an image file the page shows at the top; Typst may read that file's
    folder and nothing else.
    """
    data = dict(page)
    root = logo.parent if logo is not None else None
    data["logo"] = logo.name if logo is not None else None
    data["watermark"] = _watermark() if page.get("draft_watermark") else None
    arguments: dict[str, Any] = {
        "format": "pdf", "root": str(root) if root else None, "font_paths": _fonts(),
        "ignore_system_fonts": True,
        "sys_inputs": {"minutes": json.dumps(data, ensure_ascii=False)},
        "timestamp": (timestamp or dt.datetime.now(dt.UTC)).replace(microsecond=0)}
    warnings: tuple[str, ...] = ()
    try:
        try:
            pdf = typst.compile(_program(), pdf_standards=PDF_STANDARDS, **arguments)
        except typst.TypstError as error:
            missing = MISSING_GLYPH.search(error.message)
            if missing is None:
                raise
            # PDF/UA-1 refuses a character no shipped font can draw (a Chinese name, say).
            # The words matter more than the claim: the file is made without it, still
            # tagged, and the reader is told.
            _log.warning("PDF written without the PDF/UA-1 claim: %s", error.message)
            warnings = (
                f"The PDF cannot show \u201c{missing.group(1)}\u201d (and perhaps other "
                "characters): no font that comes with Minute Taker has it, so it prints as "
                "an empty box and may not be found by a search. The Word and web page "
                "exports keep every character.",)
            pdf = typst.compile(_program(), **arguments)
    except typst.TypstError as error:
        raise PdfWriteError(f"The PDF could not be typeset: {error.message}") from error
    finally:
        _release_caches()
    if not isinstance(pdf, bytes):
        raise PdfWriteError("The PDF could not be typeset: no document came back")
    return Typeset(pdf, warnings)


def _release_caches() -> None:
    """Let Typst drop what it cached for the document just made.

    Typst keeps what each compilation computed until ten more have run (the ``typst``
    wheel has no call to clear it): some 45 MB per 100-item meeting, so a session that
    exports now and then would hold 600 MB. Ten compilations of an empty document (about
    45 ms) age it out, and the next export reuses that memory (measured: 138 MB after
    eight exports of the 100-item meeting, against 598 MB without).
    """
    for _ in range(CACHE_GENERATIONS):
        typst.compile(b"", format="pdf", font_paths=_fonts(), ignore_system_fonts=True)
