"""First pages of the demo meeting's PDF in both house styles, for README and docs.

    .venv/bin/python tools/pdf_first_pages.py docs/screenshots

Needs poppler's pdftoppm. Writes export-committee-minutes-pdf.png (approved, public
version) and export-action-notes-pdf.png (the draft).
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from minute_taker.export import formats
from minute_taker.export.styles import style_for
from minute_taker.services import interchange, publishing

DPI = 80  # 662 x 936 pixels for A4


def first_page(style: str, *, approved: bool, out: Path) -> None:
    document = interchange.demo_document()
    if approved:
        document["meeting"]["status"] = "approved"
    request = formats.ExportRequest(meeting_id=0, fmt="pdf", public=True)
    with tempfile.TemporaryDirectory() as folder:
        pdf = Path(folder) / "minutes.pdf"
        publishing.write(formats.PreparedExport(request, document, style_for(style), True), pdf)
        subprocess.run(["pdftoppm", "-png", "-r", str(DPI), "-f", "1", "-l", "1",
                        "-singlefile", str(pdf), str(out.with_suffix(""))], check=True)


def main(argv: list[str]) -> int:
    folder = Path(argv[1] if len(argv) > 1 else "docs/screenshots")
    first_page("committee-minutes", approved=True,
               out=folder / "export-committee-minutes-pdf.png")
    first_page("action-notes", approved=False, out=folder / "export-action-notes-pdf.png")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
