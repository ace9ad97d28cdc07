"""The Word file opens and lays out in LibreOffice: pages counted, lists restarted.

Slow (LibreOffice starts for each conversion), so one test converts both layouts;
it is skipped where LibreOffice is not installed.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from pypdf import PdfReader

from minute_taker.export.docx.writer import docx_bytes
from minute_taker.export.styles import HouseStyle

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(SOFFICE is None, reason="LibreOffice (soffice) is not installed")
def test_libreoffice_converts_both_layouts_to_pdf(
        demo: dict[str, Any], narrative: HouseStyle, notes: HouseStyle, tmp_path: Path) -> None:
    assert SOFFICE is not None
    demo["items"][2]["minutes_html"] = ("<ol><li>Alpha first</li><li>Alpha second</li></ol>"
                                        "<p>Between the lists.</p>"
                                        "<ol><li>Beta first</li></ol>")
    (tmp_path / "narrative.docx").write_bytes(docx_bytes(demo, house=narrative, public=False))
    (tmp_path / "notes.docx").write_bytes(docx_bytes(demo, house=notes, public=True))
    profile = tmp_path / "profile"  # its own profile: no clash with a running LibreOffice
    done = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{profile}", "--headless", "--convert-to",
         "pdf", "--outdir", str(tmp_path), str(tmp_path / "narrative.docx"),
         str(tmp_path / "notes.docx")],
        capture_output=True, text=True, timeout=180, env={**os.environ, "HOME": str(tmp_path)},
        check=False)
    assert done.returncode == 0, done.stderr
    for name, marks in (("narrative", "NOT FOR PUBLICATION"), ("notes", "DRAFT")):
        reader = PdfReader(str(tmp_path / f"{name}.pdf"))
        pages = [page.extract_text() for page in reader.pages]
        assert len(pages) > 2
        assert f"Page 2 of {len(pages)}" in pages[1]
        assert all(marks in page and "31 October 2017" in page for page in pages)
    text = " ".join(" ".join(p.extract_text().split())
                    for p in PdfReader(str(tmp_path / "narrative.pdf")).pages)
    assert "1. Alpha first 2. Alpha second Between the lists. 1. Beta first" in text
