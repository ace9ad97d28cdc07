"""Item numbers as the house style prints them ("233" or "233."), in every format."""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import docx
import pytest
from pypdf import PdfReader

from minute_taker.export import formats
from minute_taker.export.content import visible_text
from minute_taker.export.styles import style_for
from minute_taker.services import interchange, publishing

FORMATS = ("pdf", "docx", "html", "md", "txt")


def _text(path: Path) -> str:
    if path.suffix == ".pdf":
        text = " ".join(page.extract_text() for page in PdfReader(path).pages)
    elif path.suffix == ".docx":
        document = docx.Document(str(path))
        cells = [c.text for t in document.tables for r in t.rows for c in r.cells]
        text = " ".join([p.text for p in document.paragraphs] + cells)
    elif path.suffix == ".html":
        text = visible_text(path.read_text(encoding="utf-8"))
    else:
        text = path.read_text(encoding="utf-8").replace("\\", "")
    return " ".join(text.split())


def _export(tmp_path: Path, fmt: str, style: str, suffix: str) -> str:
    document: dict[str, Any] = interchange.demo_document()
    house = dataclasses.replace(style_for(style), item_number_suffix=suffix)
    request = formats.ExportRequest(meeting_id=0, fmt=fmt, public=True)
    path = tmp_path / f"minutes-{suffix or 'plain'}.{fmt}"
    return _text(publishing.write(formats.PreparedExport(request, document, house, True),
                                  path).path)


@pytest.mark.parametrize("fmt", FORMATS)
def test_narrative_headings_take_the_styles_number_suffix(tmp_path: Path, fmt: str) -> None:
    plain = _export(tmp_path, fmt, "committee-minutes", "")
    stopped = _export(tmp_path, fmt, "committee-minutes", ".")

    title = "Operational and reputational opportunities and risks"
    assert re.search(rf"\b2 {title}", plain, re.IGNORECASE), plain[:400]
    assert not re.search(rf"\b2\. {title}", plain, re.IGNORECASE)
    assert re.search(rf"\b2\. {title}", stopped, re.IGNORECASE)
    assert re.search(r"\b1\.1\. Reassuring", stopped, re.IGNORECASE)  # sub-items too


@pytest.mark.parametrize("fmt", ["pdf", "docx", "html"])
def test_the_action_notes_number_column_takes_it_too(tmp_path: Path, fmt: str) -> None:
    stopped = _export(tmp_path, fmt, "action-notes", ".")

    assert "5.2." in stopped.split(), stopped[:400]
