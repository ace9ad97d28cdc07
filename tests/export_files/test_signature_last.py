"""The chair signs under everything the minutes say: the signature line comes last,
after the abbreviations, in every format (the PDF's is in tests/export_pdf); only the
contact officer is printed under it, where the house style puts the contact at the foot."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import docx
import pytest

from minute_taker.export import formats
from minute_taker.export.content import visible_text
from minute_taker.export.styles import style_for
from minute_taker.services import interchange, publishing


def _approved_demo() -> dict[str, Any]:
    document: dict[str, Any] = interchange.demo_document()
    document["meeting"]["status"] = "approved"
    return document


@pytest.mark.parametrize("fmt", ["html", "docx", "md", "txt"])
def test_the_signature_line_is_the_last_thing_written(tmp_path: Path, fmt: str) -> None:
    request = formats.ExportRequest(meeting_id=0, fmt=fmt, public=True)
    prepared = formats.PreparedExport(request, _approved_demo(),
                                      style_for("committee-minutes"), True)
    path = publishing.write(prepared, tmp_path / f"minutes.{fmt}").path

    if fmt == "docx":
        lines = [p.text for p in docx.Document(str(path)).paragraphs if p.text.strip()]
    elif fmt == "html":
        lines = visible_text(path.read_text(encoding="utf-8")).splitlines()
    else:
        lines = path.read_text(encoding="utf-8").splitlines()
    lines = [" ".join(line.split()) for line in lines if line.strip()]
    # under it only the contact officer, as ModernGov prints minutes
    assert lines[-1].replace("*", "") == "Contact: Jackie Irvin, Policy Officer, OPCC", \
        lines[-3:]
    lines.pop()
    assert lines[-1].startswith("Signed:"), lines[-3:]
    glossary = max(i for i, line in enumerate(lines)
                   if "abbreviations used" in line.casefold())
    assert glossary < len(lines) - 1
